"""``gigatrack ingest``, ``facts`` and ``show`` against real SQLite files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gigatrack.cli.main import cli
from gigatrack.model import Article, Cleaned, Document, Evidence, Fact
from gigatrack.store import Store

TEXT = (
    "LG Energy Solution will supply pouch cells to Volta Trucks for five years, the companies said. "
    "The cells will come from its plant in Wroclaw, Poland, which makes 86 GWh a year. "
    "Samsung SDI and Stellantis agreed to build a second cell plant in Kokomo, Indiana. "
    "India wants electric cars to make up 30% of new car sales by 2030."
)

ARTICLE = """CATL signs cathode deal with Hunan Yuneng

Chinese battery maker CATL has signed an agreement with Hunan Yuneng to buy lithium iron phosphate
cathode material for its cells from 2025, the two companies said on Monday.
"""
SECOND_ARTICLE = """Gotion breaks ground on Illinois plant

Gotion High-Tech said it has started building a battery pack plant in Manteno, Illinois,
with an investment of $2 billion.
"""


def quote(text: str) -> Evidence:
    start = TEXT.index(text)
    return Evidence(text, start, start + len(text))


SUPPLY = Fact("supply_agreement", {
    "supplier": "LG Energy Solution", "customer": "Volta Trucks", "duration_years": 5,
    "production_site": {"city": "Wroclaw", "region": None, "country": "PL"},
}, (quote("LG Energy Solution will supply pouch cells to Volta Trucks for five years"),))
FACILITY = Fact("facility", {
    "operator": "LG Energy Solution", "location": {"city": "Wroclaw", "region": None, "country": "PL"},
    "capacity_gwh_per_year": 86,
}, (quote("its plant in Wroclaw, Poland, which makes 86 GWh a year"),))
PARTNERSHIP = Fact("partnership", {
    "parties": ["Samsung SDI", "Stellantis"],
    "location": {"city": "Kokomo", "region": "Indiana", "country": "US"},
}, (quote("Samsung SDI and Stellantis agreed to build a second cell plant in Kokomo, Indiana"),))
POLICY = Fact("policy_target", {"jurisdiction": "IN", "year": 2030, "segment": "cars", "target_value": 30},
              (quote("India wants electric cars to make up 30% of new car sales by 2030"),))


ALL_FACTS = (SUPPLY, FACILITY, PARTNERSHIP, POLICY)


def make_doc(article_id: str = "lges-volta", facts: tuple[Fact, ...] = ALL_FACTS) -> Document:
    article = Article(id=article_id, raw=TEXT, url=f"https://news.example/{article_id}",
                      title="LGES to supply Volta Trucks", published=dt.date(2024, 5, 2))
    return Document(article, Cleaned(TEXT), (), facts)


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env={"COLUMNS": "200", **(env or {})})


@pytest.fixture
def filled_db(tmp_path: Path) -> Path:
    path = tmp_path / "facts.db"
    with Store.open(path) as store:
        store.ingest(make_doc())
        store.ingest(make_doc("second-article", facts=()))
    return path


def test_facts_as_json_are_schema_records_with_ids(filled_db: Path) -> None:
    result = run("facts", "--db", str(filled_db), "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [r["type"] for r in records] == ["supply_agreement", "facility", "partnership", "policy_target"]
    assert {r["article_id"] for r in records} == {"lges-volta"}
    assert records[0]["supplier"] == "LG Energy Solution" and records[0]["chemistry"] is None
    assert len({r["id"] for r in records}) == 4


def test_facts_filters_by_type_org_and_country(filled_db: Path) -> None:
    def types(*options: str) -> list[str]:
        result = run("facts", "--db", str(filled_db), "--format", "json", *options)
        assert result.exit_code == 0, result.output
        return [r["type"] for r in json.loads(result.stdout)]

    assert types("--org", "lg energy solution") == ["supply_agreement", "facility"]
    assert types("--org", "Stellantis", "--country", "US") == ["partnership"]
    assert types("--country", "in") == ["policy_target"]
    assert types("--type", "facility") == ["facility"]
    assert types("--org", "Panasonic") == []


def test_facts_as_csv_have_one_column_per_slot(filled_db: Path) -> None:
    result = run("facts", "--db", str(filled_db), "--format", "csv", "--org", "LG")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:3] == ["id", "article_id", "type"] and list(rows[0])[-1] == "evidence"
    supply, facility = rows
    assert supply["supplier"] == "LG Energy Solution" and supply["duration_years"] == "5"
    assert json.loads(supply["production_site"]) == {"city": "Wroclaw", "region": None, "country": "PL"}
    assert supply["capacity_gwh_per_year"] == "" and facility["capacity_gwh_per_year"] == "86"
    assert facility["evidence"] == "its plant in Wroclaw, Poland, which makes 86 GWh a year"


def test_csv_joins_several_evidence_quotes(tmp_path: Path) -> None:
    path = tmp_path / "two-quotes.db"
    quotes = (*SUPPLY.evidence, *FACILITY.evidence)
    with Store.open(path) as store:
        store.ingest(make_doc(facts=(Fact(SUPPLY.type, SUPPLY.slots, quotes),)))
    result = run("facts", "--db", str(path), "--format", "csv")
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert row["evidence"] == " | ".join(q.quote for q in quotes)


def test_facts_table_lists_type_parties_and_article(filled_db: Path) -> None:
    result = run("facts", "--db", str(filled_db), "--type", "supply_agreement")
    assert result.exit_code == 0, result.output
    assert "supply_agreement" in result.stdout
    assert "LG Energy Solution → Volta Trucks" in result.stdout
    assert "lges-volta" in result.stdout
    assert "1 fact" in result.stdout


def test_show_prints_the_article_and_its_numbered_facts(filled_db: Path) -> None:
    result = run("show", "lges-volta", "--db", str(filled_db))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("LGES to supply Volta Trucks")
    assert "https://news.example/lges-volta" in out and "2024-05-02" in out
    assert "India wants electric cars" in out
    assert "[1] supply_agreement: LG Energy Solution → Volta Trucks" in out
    assert "[4] policy_target: IN · 2030 · cars" in out
    assert "4 facts" in out


def test_show_highlights_evidence_in_the_text(filled_db: Path) -> None:
    plain = run("show", "lges-volta", "--db", str(filled_db)).stdout
    coloured = run("show", "lges-volta", "--db", str(filled_db), env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in plain
    evidence = "LG Energy Solution will supply pouch cells to Volta Trucks for five years"
    styled_start = coloured.index(evidence)
    assert "\x1b[" in coloured[styled_start - 10:styled_start]
    assert coloured[styled_start + len(evidence):].startswith("\x1b[0m, the companies said")
    assert "\x1b[0m supply_agreement: LG Energy Solution" in coloured


def test_show_an_unknown_article_fails_clearly(filled_db: Path) -> None:
    result = run("show", "no-such-article", "--db", str(filled_db))
    assert result.exit_code == 1
    assert "no article 'no-such-article'" in result.stderr


def test_reading_commands_refuse_missing_and_foreign_databases(tmp_path: Path) -> None:
    missing = run("facts", "--db", str(tmp_path / "missing.db"))
    assert missing.exit_code == 1 and "no such database" in missing.stderr
    assert not (tmp_path / "missing.db").exists()
    notes = tmp_path / "notes.txt"
    notes.write_text("Cathode prices fell again this quarter.\n" * 40)
    foreign = run("show", "x", "--db", str(notes))
    assert foreign.exit_code == 1 and "not a usable gigatrack database" in foreign.stderr


def test_db_defaults_to_the_environment_variable(filled_db: Path) -> None:
    result = run("facts", "--format", "json", env={"GIGATRACK_DB": str(filled_db)})
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 4
    assert "GIGATRACK_DB" in run("facts", "--help").stdout


def test_ingest_stores_articles_reports_bad_input_and_is_idempotent(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "catl-yuneng.txt").write_text(ARTICLE)
    (folder / "gotion-manteno.txt").write_text(SECOND_ARTICLE)
    (folder / "empty.txt").write_text("")
    db = tmp_path / "news.db"

    first = run("ingest", str(folder), "--db", str(db), "--published", "2024-03-04")
    assert first.exit_code == 1
    assert "empty.txt: " in first.stderr
    summary = first.stdout.strip().splitlines()[-1]
    assert summary.startswith("3 articles: 2 added, 0 unchanged, 0 replaced, 1 failed; ")
    assert summary.endswith(f"; database: {db}")

    shown = run("show", "catl-yuneng", "--db", str(db))
    assert shown.exit_code == 0, shown.output
    assert "Yuneng" in shown.stdout and "2024-03-04" in shown.stdout

    (folder / "empty.txt").unlink()
    again = run("ingest", str(folder), "--db", str(db), "--published", "2024-03-04")
    assert again.exit_code == 0, again.output
    fact_part = summary.split("; ")[1]
    assert again.stdout.strip() == (f"2 articles: 0 added, 2 unchanged, 0 replaced, 0 failed; {fact_part}; "
                                    f"database: {db}")

    (folder / "gotion-manteno.txt").write_text(SECOND_ARTICLE.replace("$2 billion", "$2.4 billion"))
    changed = run("ingest", str(folder), "--db", str(db), "--published", "2024-03-04")
    assert changed.exit_code == 0, changed.output
    assert changed.stdout.startswith("2 articles: 0 added, 1 unchanged, 1 replaced, 0 failed; ")
    with Store.open(db) as store:
        stored = store.article("gotion-manteno")
        assert stored is not None and "$2.4 billion" in stored.text
        assert store.stats().articles == 2


def test_ingest_without_readable_input_fails(tmp_path: Path) -> None:
    result = run("ingest", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 1
    assert "nowhere" in result.stderr
    assert "1 article: 0 added, 0 unchanged, 0 replaced, 1 failed; 0 facts" in result.stdout

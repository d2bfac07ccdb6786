"""``gigatrack records``, ``record``, ``conflicts``, ``entities`` and ``reprocess`` on the story fixtures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gigatrack.cli.main import cli
from gigatrack.store import Store

STORIES = str(Path(__file__).parent / "fixtures" / "stories")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env={"COLUMNS": "240"})


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("kb") / "stories.db")
    assert run("ingest", STORIES, "--db", path).exit_code == 0
    return path


def deal_id(db: str) -> str:
    rows = json.loads(run("records", "--db", db, "--type", "supply_agreement", "--format", "json").output)
    assert len(rows) == 1
    return str(rows[0]["id"])


def test_records_table_lists_each_story_once(db: str) -> None:
    result = run("records", "--db", db)
    assert result.exit_code == 0
    assert "7 records" in result.output
    assert "StarPlus Energy" in result.output and "operating" in result.output


def test_records_filters_and_json(db: str) -> None:
    rows = json.loads(run("records", "--db", db, "--conflicted", "--format", "json").output)
    assert sorted(r["type"] for r in rows) == ["facility", "policy_target", "supply_agreement"]
    plants = json.loads(run("records", "--db", db, "--status", "operating", "--country", "us",
                            "--format", "json").output)
    assert [(p["label"], p["current"]["capacity_gwh_per_year"]) for p in plants] == [("StarPlus Energy", 33)]
    assert json.loads(run("records", "--db", db, "--org", "Tesla", "--format", "json").output) == []


def test_records_csv_has_current_values(db: str) -> None:
    result = run("records", "--db", db, "--type", "supply_agreement", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 1
    assert rows[0]["label"] == "LG Energy Solution -> Isuzu Motors"
    assert json.loads(rows[0]["value"]) == {"amount": 748000000, "currency": "USD"}
    assert rows[0]["conflicts"] == "value duration_years" and rows[0]["sources"] == "3"


def test_record_shows_every_claim_and_the_timeline(db: str) -> None:
    result = run("record", deal_id(db), "--db", db)
    assert result.exit_code == 0
    assert "value: 748,000,000 USD  (stated in an official filing) CONFLICT" in result.output
    assert "≠ 765,000,000 USD  2025-03-04  truckelectric" in result.output
    assert "koreafilings [filing]" in result.output
    assert "supplier: LG Energy Solution (as LG Energy Solution Michigan)" in result.output
    assert "status timeline" in result.output
    as_json = json.loads(run("record", deal_id(db), "--db", db, "--format", "json").output)
    assert len(as_json["slots"]["value"]["claims"]) == 4


def test_an_unknown_record_is_a_clear_error(db: str) -> None:
    result = CliRunner().invoke(cli, ["record", "r000", "--db", db])
    assert result.exit_code == 1 and "no record 'r000'" in result.output


def test_conflicts_show_each_side(db: str) -> None:
    result = run("conflicts", "--db", db, "--type", "policy_target")
    assert "target_value: current 30" in result.output
    assert "≠ 40  2025-09-02  asiaautobrief" in result.output
    assert result.output.rstrip().endswith("1 conflicted record")


def test_entities_merge_and_split(tmp_path: Path) -> None:
    path = str(tmp_path / "fix.db")
    run("ingest", STORIES, "--db", path)
    listed = json.loads(run("entities", "--db", path, "--provisional", "--format", "json").output)
    assert [(e["id"], e["facts"]) for e in listed] == [("p:norvale-lithum", 2)]
    assert "LG Energy Solution Michigan" in run("entities", "--db", path).output
    split = run("entities", "--db", path, "split", "LG Energy Solution Michigan")
    assert split.output.strip() == "split 'LG Energy Solution Michigan' off as p:lg-energy-solution-michigan"
    assert len(json.loads(run("records", "--db", path, "--type", "supply_agreement", "--format", "json").output)) == 2
    merged = run("entities", "--db", path, "merge", "p:lg-energy-solution-michigan", "LGES")
    assert merged.output.strip() == "merged p:lg-energy-solution-michigan into lges"
    assert len(json.loads(run("records", "--db", path, "--type", "supply_agreement", "--format", "json").output)) == 1
    refused = CliRunner().invoke(cli, ["entities", "--db", path, "merge", "Nobody Battery", "LGES"])
    assert refused.exit_code == 1 and "no entity 'Nobody Battery'" in refused.output


def test_reprocess_reextracts_articles_of_an_older_extractor(tmp_path: Path) -> None:
    path = str(tmp_path / "old.db")
    run("ingest", STORIES, "--db", path)
    before = json.loads(run("records", "--db", path, "--format", "json").output)
    with Store.open(path) as store:  # as if an older gigatrack had written two of them
        store._db.execute("UPDATE articles SET extractor_version = 'rules-0.1.0' WHERE id IN ('batterywire', "
                          "'midwestgrid')")
    result = run("reprocess", "--db", path)
    assert result.exit_code == 0
    assert result.output.startswith("2 articles to re-extract: 2 re-extracted, 0 failed")
    assert json.loads(run("records", "--db", path, "--format", "json").output) == before
    assert run("reprocess", "--db", path).output.startswith("0 articles to re-extract")
    assert run("reprocess", "--db", path, "--all").output.startswith("13 articles to re-extract: 13 re-extracted")
    assert [r["id"] for r in json.loads(run("records", "--db", path, "--format", "json").output)] == [
        r["id"] for r in before]


def test_kb_commands_refuse_a_missing_database(tmp_path: Path) -> None:
    for command in (["records"], ["conflicts"], ["entities"], ["record", "x"], ["reprocess"]):
        result = CliRunner().invoke(cli, [*command, "--db", str(tmp_path / "missing.db")])
        assert result.exit_code == 1 and "no such database" in result.output, command

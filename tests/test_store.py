"""The SQLite store: idempotent ingest, replacement, atomic writes, queries and migrations."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from gigatrack.model import Article, Cleaned, Document, Evidence, Fact, Mention, Money
from gigatrack.store import SCHEMA_VERSION, Store, StoreError, default_db_path
from gigatrack.store._db import Database, connect
from gigatrack.store._migrations import MIGRATIONS, Migration, migrate, schema_version

TEXT = (
    "LG Energy Solution will supply pouch cells to Volta Trucks for five years, the companies said. "
    "The cells will come from its plant in Wroclaw, Poland, which makes 86 GWh a year. "
    "Samsung SDI and Stellantis agreed to build a second cell plant in Kokomo, Indiana. "
    "India wants electric cars to make up 30% of new car sales by 2030."
)


def span(text: str, quote: str) -> Evidence:
    start = text.index(quote)
    return Evidence(quote, start, start + len(quote))


def supply_fact(text: str = TEXT, years: str = "five") -> Fact:
    return Fact("supply_agreement", {
        "supplier": "LG Energy Solution", "customer": "Volta Trucks", "product": "cells",
        "form_factor": "pouch", "duration_years": 5,
        "production_site": {"city": "Wroclaw", "region": None, "country": "PL"},
    }, (span(text, f"LG Energy Solution will supply pouch cells to Volta Trucks for {years} years"),))


def facility_fact() -> Fact:
    return Fact("facility", {
        "operator": "LG Energy Solution", "location": {"city": "Wroclaw", "region": None, "country": "PL"},
        "capacity_gwh_per_year": 86,
    }, (span(TEXT, "its plant in Wroclaw, Poland, which makes 86 GWh a year"),))


def partnership_fact() -> Fact:
    return Fact("partnership", {
        "parties": ["Samsung SDI", "Stellantis"], "kind": "joint_venture",
        "location": {"city": "Kokomo", "region": "Indiana", "country": "US"},
    }, (span(TEXT, "Samsung SDI and Stellantis agreed to build a second cell plant in Kokomo, Indiana"),))


def policy_fact() -> Fact:
    return Fact("policy_target", {
        "jurisdiction": "IN", "year": 2030, "segment": "cars", "metric": "ev_share", "target_value": 30,
    }, (span(TEXT, "India wants electric cars to make up 30% of new car sales by 2030"),))


def make_doc(article_id: str = "lges-volta", *, raw: str = TEXT, facts: tuple[Fact, ...] | None = None,
             title: str | None = "LGES to supply Volta Trucks") -> Document:
    article = Article(id=article_id, raw=raw, url=f"https://news.example/{article_id}", title=title,
                      published=dt.date(2024, 5, 2), source=f"{article_id}.txt")
    mentions = (
        Mention("org", 0, 18, "LG Energy Solution", {"name": "LG Energy Solution", "country": "KR"}),
        Mention("energy", raw.find("86 GWh"), raw.find("86 GWh") + 6, "86 GWh", 86.0),
    )
    if facts is None:
        facts = (supply_fact(), facility_fact(), partnership_fact(), policy_fact())
    return Document(article, Cleaned(raw), mentions, facts)


def table_counts(url: str) -> dict[str, int]:
    conn = connect(url)
    try:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("articles", "mentions", "facts", "evidence", "fact_orgs", "fact_places")}
    finally:
        conn.close()


@pytest.fixture
def db_file(db_url: str) -> str:
    """A new database on each backend (an SQLite file, a PostgreSQL schema)."""
    return db_url


def test_ingesting_the_same_article_twice_writes_nothing_the_second_time(db_file: str) -> None:
    with Store.open(db_file) as store:
        assert store.ingest(make_doc()) == "added"
        first = store.article("lges-volta")
        counts = table_counts(db_file)
        assert store.ingest(make_doc()) == "unchanged"
        assert store.article("lges-volta") == first
    assert table_counts(db_file) == counts
    assert counts["articles"] == 1 and counts["facts"] == 4 and counts["mentions"] == 2


def test_a_changed_article_replaces_its_facts_and_leaves_no_orphans(db_file: str) -> None:
    with Store.open(db_file) as store:
        store.ingest(make_doc())
        revised_text = TEXT.replace("five years", "six years")
        revised = make_doc(raw=revised_text, facts=(supply_fact(revised_text, "six"),))
        assert store.ingest(revised) == "replaced"
        facts = store.facts()
        assert [f.type for f in facts] == ["supply_agreement"]
        assert facts[0].evidence[0].quote.endswith("for six years")
        assert store.facts(country="US") == []
    counts = table_counts(db_file)
    assert counts == {"articles": 1, "mentions": 2, "facts": 1, "evidence": 1,
                      "fact_orgs": 2, "fact_places": 1}


def test_a_new_extractor_version_replaces_the_article(db_file: str) -> None:
    with Store.open(db_file, extractor_version="rules-1") as store:
        assert store.ingest(make_doc()) == "added"
    with Store.open(db_file, extractor_version="rules-2") as store:
        assert store.current_fact_count(make_doc().article) is None
        assert store.ingest(make_doc()) == "replaced"
        assert store.current_fact_count(make_doc().article) == 4
        assert store.ingest(make_doc()) == "unchanged"


def test_source_hash_stands_in_for_the_raw_text(db_url: str) -> None:
    with Store.open(db_url) as store:
        assert store.ingest(make_doc(), source_hash="abc") == "added"
        assert store.ingest(make_doc(raw=TEXT + " More."), source_hash="abc") == "unchanged"
        assert store.ingest(make_doc(), source_hash="def") == "replaced"


def test_a_fact_that_cannot_be_serialised_leaves_nothing_written(db_file: str) -> None:
    bad = Fact("investment", {"investor": "Volta Trucks", "value": Money(1e9, "USD")},
               (span(TEXT, "Volta Trucks"),))
    with Store.open(db_file) as store:
        with pytest.raises(TypeError):
            store.ingest(make_doc("broken", facts=(supply_fact(), bad)))
        assert store.article("broken") is None
        assert store.stats().articles == 0
    assert table_counts(db_file) == dict.fromkeys(table_counts(db_file), 0)


def test_a_failed_replacement_keeps_the_stored_version(db_file: str) -> None:
    with Store.open(db_file) as store:
        store.ingest(make_doc())
        before = table_counts(db_file)
        bad = Fact("facility", {"operator": "LG Energy Solution", "capacity_gwh_per_year": float("nan")},
                   (span(TEXT, "86 GWh a year"),))
        with pytest.raises(ValueError):
            store.ingest(make_doc(raw=TEXT + " Updated.", facts=(bad,)))
        stored = store.article("lges-volta")
        assert stored is not None and stored.text == TEXT and len(stored.facts) == 4
    assert table_counts(db_file) == before


def test_facts_are_found_by_type_organisation_and_country(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.ingest(make_doc())
        assert len(store.facts()) == 4
        assert [f.type for f in store.facts(type="facility")] == ["facility"]
        assert [f.type for f in store.facts(org="lg energy solution")] == ["supply_agreement", "facility"]
        assert len(store.facts(org="LG")) == 2
        assert store.facts(org="Energy Solution") == []
        assert store.facts(org="  VOLTA   trucks ") == store.facts(org="Volta Trucks") != []
        assert [f.type for f in store.facts(org="stellantis")] == ["partnership"]
        assert [f.type for f in store.facts(country="pl")] == ["supply_agreement", "facility"]
        assert [f.type for f in store.facts(country="IN")] == ["policy_target"]
        assert [f.type for f in store.facts(type="facility", org="LG", country="PL")] == ["facility"]
        assert store.facts(type="order") == []


def test_an_article_comes_back_with_text_facts_and_evidence_offsets(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.ingest(make_doc())
        assert store.article("no-such-article") is None
        article = store.article("lges-volta")
    assert article is not None
    assert (article.title, article.url, article.published) == (
        "LGES to supply Volta Trucks", "https://news.example/lges-volta", "2024-05-02")
    assert article.text == TEXT
    assert [f.type for f in article.facts] == ["supply_agreement", "facility", "partnership", "policy_target"]
    for fact in article.facts:
        assert fact.article_id == "lges-volta"
        for evidence in fact.evidence:
            assert article.text[evidence.start:evidence.end] == evidence.quote
    assert article.facts[2].slots["parties"] == ["Samsung SDI", "Stellantis"]


def test_stored_fact_record_has_the_schema_shape_with_id_and_article(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.ingest(make_doc())
        record = store.facts(type="policy_target")[0].to_record()
    assert record["article_id"] == "lges-volta" and len(record["id"]) == 24
    assert record["jurisdiction"] == "IN" and record["target_value"] == 30
    assert record["kind"] is None
    assert record["evidence"] == ["India wants electric cars to make up 30% of new car sales by 2030"]
    start = TEXT.index("India wants")
    assert record["spans"] == [[start, start + len(record["evidence"][0])]]


def test_fact_ids_are_stable_and_unique_within_an_article() -> None:
    doc = make_doc(facts=(supply_fact(), supply_fact(), facility_fact()))
    with Store.open(":memory:") as one, Store.open(":memory:") as two:
        one.ingest(doc)
        two.ingest(doc)
        ids = [f.id for f in one.facts()]
        assert ids == [f.id for f in two.facts()]
    assert len(set(ids)) == 3
    with Store.open(":memory:") as other:
        other.ingest(make_doc("another-article", facts=(supply_fact(),)))
        assert other.facts()[0].id not in ids


def test_stats_count_what_the_database_holds(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.ingest(make_doc())
        store.ingest(make_doc("second", facts=(facility_fact(),)))
        stats = store.stats()
    assert (stats.schema_version, stats.articles, stats.mentions, stats.facts) == (SCHEMA_VERSION, 2, 4, 5)
    assert stats.facts_by_type == {"facility": 2, "partnership": 1, "policy_target": 1, "supply_agreement": 1}


def test_a_file_database_uses_wal(tmp_path: Path) -> None:
    with Store.open(tmp_path / "test.db") as store:
        store.ingest(make_doc())
    conn = sqlite3.connect(tmp_path / "test.db")
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_default_db_path_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GIGATRACK_DB", raising=False)
    assert default_db_path() == Path("gigatrack.db")
    monkeypatch.setenv("GIGATRACK_DB", str(tmp_path / "elsewhere.db"))
    assert default_db_path() == tmp_path / "elsewhere.db"


def test_migration_versions_increase() -> None:
    versions = [m.version for m in MIGRATIONS]
    assert versions == sorted(set(versions)) and versions[0] == 1 and versions[-1] == SCHEMA_VERSION


def test_opening_a_version_1_database_migrates_it_and_indexes_its_facts(db_file: str) -> None:
    conn = connect(db_file)
    assert migrate(conn, MIGRATIONS[:1]) == 1
    conn.execute("INSERT INTO articles VALUES ('old', NULL, 'Old', NULL, NULL, 'raw', 'text', 'Old text', "
                 "'hash', 'rules-0', '2024-01-01T00:00:00+00:00')")
    slots = {"operator": "Gotion", "location": {"city": "Big Rapids", "region": "Michigan", "country": "US"}}
    conn.execute("INSERT INTO facts VALUES ('f1', 'old', 0, 'facility', ?, 'rules')", (json.dumps(slots),))
    conn.execute("INSERT INTO evidence VALUES ('f1', 0, 'Old text', 0, 8)")
    conn.close()
    with Store.open(db_file) as store:
        assert store.stats().schema_version == SCHEMA_VERSION
        assert [f.id for f in store.facts(org="gotion", country="US")] == ["f1"]
    with Store.open(db_file) as store:
        assert store.stats().facts == 1


def test_a_failing_migration_leaves_the_database_at_its_old_version(db_file: str) -> None:
    def broken(db: Database) -> None:
        raise RuntimeError("disk on fire")

    conn = connect(db_file)
    try:
        migrate(conn, MIGRATIONS[:1])
        steps: list[Any] = ["CREATE TABLE half_done (x INTEGER)", broken]
        with pytest.raises(RuntimeError, match="disk on fire"):
            migrate(conn, (*MIGRATIONS[:1], Migration(2, "broken", tuple(steps))))
        assert schema_version(conn) == 1
        assert "half_done" not in conn.table_names()
    finally:
        conn.close()


def test_a_database_newer_than_the_code_is_refused(db_file: str) -> None:
    Store.open(db_file).close()
    conn = connect(db_file)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    conn.close()
    with pytest.raises(StoreError, match="newer than this gigatrack"):
        Store.open(db_file)


def test_other_files_are_not_taken_for_gigatrack_databases(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE customers (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a gigatrack database"):
        Store.open(other)
    text = tmp_path / "notes.db"
    text.write_text("this is not a database at all, just some notes about cathode prices\n" * 20)
    with pytest.raises(StoreError, match="not a usable gigatrack database"):
        Store.open(text)
    with pytest.raises(StoreError, match="no such database"):
        Store.open(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()

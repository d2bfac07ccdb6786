"""The database schema, as the one ordered list of migrations that builds it, and the code that applies them.

A migration is a version number and its steps, each an SQL statement or a function of the connection.
``migrate`` applies the ones a database lacks, all in one transaction, and records the new
``schema_version`` in ``meta``. To change the schema, append a migration; never edit a released one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gigatrack.annotate.registry import Registry
from gigatrack.store._db import Database
from gigatrack.store._kb_write import index_facts, rebuild_groups, record_source, resolver
from gigatrack.store._write import INSERT_FACT_ORG, INSERT_FACT_PLACE, org_rows, place_rows
from gigatrack.store.records import StoreError

MigrationStep = str | Callable[[Database], None]


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema change: the version it brings the database to, and what it runs."""

    version: int
    description: str
    steps: tuple[MigrationStep, ...]


def _backfill_fact_index(db: Database) -> None:
    """Fill fact_orgs and fact_places from the facts stored before those tables existed."""
    for key, stored_slots in db.execute("SELECT id, slots_json FROM facts").fetchall():
        slots = json.loads(stored_slots)
        db.executemany(INSERT_FACT_ORG, org_rows(key, slots))
        db.executemany(INSERT_FACT_PLACE, place_rows(key, slots))


def _backfill_knowledge_base(db: Database) -> None:
    """Sources, entities, groups and records of the articles stored before the knowledge base existed."""
    for article_id, text in db.execute("SELECT id, text FROM articles ORDER BY ingested_at, id").fetchall():
        record_source(db, article_id, text)
    rows = db.execute("SELECT id, type, slots_json FROM facts ORDER BY article_id, ord").fetchall()
    groups = index_facts(db, resolver(db, Registry.default()), ((r[0], r[1], json.loads(r[2])) for r in rows))
    rebuild_groups(db, groups)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, their mentions, facts and evidence", (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            url TEXT,
            title TEXT,
            published TEXT,
            source TEXT,
            raw TEXT NOT NULL,
            raw_kind TEXT NOT NULL,
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            extractor_version TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        )""",
        """CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            "start" INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            value_json TEXT
        )""",
        "CREATE INDEX mentions_by_article ON mentions(article_id, \"start\")",
        """CREATE TABLE facts (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            type TEXT NOT NULL,
            slots_json TEXT NOT NULL,
            backend TEXT NOT NULL
        )""",
        "CREATE INDEX facts_by_article ON facts(article_id, ord)",
        "CREATE INDEX facts_by_type ON facts(type)",
        """CREATE TABLE evidence (
            fact_id TEXT NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            quote TEXT NOT NULL,
            "start" INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            PRIMARY KEY (fact_id, ord)
        )""",
    )),
    Migration(2, "organisation and country index of facts", (
        """CREATE TABLE fact_orgs (
            fact_id TEXT NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL
        )""",
        "CREATE INDEX fact_orgs_by_name ON fact_orgs(name_key)",
        "CREATE INDEX fact_orgs_by_fact ON fact_orgs(fact_id)",
        """CREATE TABLE fact_places (
            fact_id TEXT NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            country TEXT NOT NULL
        )""",
        "CREATE INDEX fact_places_by_country ON fact_places(country)",
        "CREATE INDEX fact_places_by_fact ON fact_places(fact_id)",
        _backfill_fact_index,
    )),
    Migration(3, "knowledge base: entities, independent sources, groups and records", (
        """CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            country TEXT,
            parent_id TEXT,
            provisional INTEGER NOT NULL
        )""",
        "CREATE INDEX entities_by_name ON entities(name_key)",
        """CREATE TABLE entity_merges (
            entity_id TEXT PRIMARY KEY,
            into_id TEXT NOT NULL,
            merged_at TEXT NOT NULL
        )""",
        """CREATE TABLE entity_splits (
            name_key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            split_at TEXT NOT NULL
        )""",
        """CREATE TABLE fact_entities (
            fact_id TEXT NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            unit TEXT,
            method TEXT NOT NULL
        )""",
        "CREATE INDEX fact_entities_by_fact ON fact_entities(fact_id)",
        "CREATE INDEX fact_entities_by_entity ON fact_entities(entity_id)",
        "CREATE INDEX fact_entities_by_name ON fact_entities(name_key)",
        """CREATE TABLE fact_groups (
            fact_id TEXT PRIMARY KEY REFERENCES facts(id) ON DELETE CASCADE,
            group_key TEXT NOT NULL,
            details_json TEXT NOT NULL
        )""",
        "CREATE INDEX fact_groups_by_group ON fact_groups(group_key)",
        """CREATE TABLE article_sources (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            signature_json TEXT NOT NULL
        )""",
        """CREATE TABLE article_bands (
            band_key TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
        )""",
        "CREATE INDEX article_bands_by_key ON article_bands(band_key)",
        "CREATE INDEX article_bands_by_article ON article_bands(article_id)",
        """CREATE TABLE records (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            group_key TEXT NOT NULL,
            label TEXT NOT NULL,
            status TEXT,
            conflicted INTEGER NOT NULL,
            country TEXT,
            sources INTEGER NOT NULL,
            articles INTEGER NOT NULL,
            first_published TEXT,
            last_published TEXT,
            data_json TEXT NOT NULL
        )""",
        "CREATE INDEX records_by_group ON records(group_key)",
        "CREATE INDEX records_by_type ON records(type)",
        """CREATE TABLE record_facts (
            record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
            fact_id TEXT NOT NULL
        )""",
        "CREATE INDEX record_facts_by_record ON record_facts(record_id)",
        "CREATE INDEX record_facts_by_fact ON record_facts(fact_id)",
        """CREATE TABLE record_entities (
            record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            entity_id TEXT NOT NULL
        )""",
        "CREATE INDEX record_entities_by_entity ON record_entities(entity_id)",
        "CREATE INDEX record_entities_by_record ON record_entities(record_id)",
        _backfill_knowledge_base,
    )),
)
SCHEMA_VERSION: int = MIGRATIONS[-1].version


def schema_version(db: Database) -> int:
    """The version a database is at: 0 when it is empty; StoreError when it is some other database."""
    tables = db.table_names()
    if not tables:
        return 0
    if "meta" not in tables:
        raise StoreError("not a gigatrack database (it has no meta table)")
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None or not str(row[0]).isdigit():
        raise StoreError("not a gigatrack database (no schema_version in its meta table)")
    return int(row[0])


def migrate(db: Database, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the database to the last version of ``migrations`` in one transaction; return that version."""
    latest = migrations[-1].version if migrations else 0
    if _checked_version(db, latest) == latest:
        return latest
    with db.transaction():
        current = _checked_version(db, latest)
        for migration in migrations:
            if migration.version > current:
                for step in migration.steps:
                    _run(db, step)
        db.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(latest),))
    return latest


def _checked_version(db: Database, latest: int) -> int:
    current = schema_version(db)
    if current > latest:
        raise StoreError(f"the database is at schema version {current}, newer than this gigatrack "
                         f"understands ({latest}); upgrade gigatrack to use it")
    return current


def _run(db: Database, step: MigrationStep) -> None:
    if callable(step):
        step(db)
    else:
        db.execute(step)

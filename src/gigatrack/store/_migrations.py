"""The database schema, as the one ordered list of migrations that builds it, and the code that applies them.

A migration is a version number and its steps, each an SQL statement or a function of the connection.
``migrate`` applies the ones a database lacks, all in one transaction, and records the new
``schema_version`` in ``meta``. To change the schema, append a migration; never edit a released one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gigatrack.store._write import INSERT_FACT_ORG, INSERT_FACT_PLACE, org_rows, place_rows
from gigatrack.store.records import StoreError

MigrationStep = str | Callable[[sqlite3.Connection], None]


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema change: the version it brings the database to, and what it runs."""

    version: int
    description: str
    steps: tuple[MigrationStep, ...]


def _backfill_fact_index(conn: sqlite3.Connection) -> None:
    """Fill fact_orgs and fact_places from the facts stored before those tables existed."""
    for key, stored_slots in conn.execute("SELECT id, slots_json FROM facts").fetchall():
        slots = json.loads(stored_slots)
        conn.executemany(INSERT_FACT_ORG, org_rows(key, slots))
        conn.executemany(INSERT_FACT_PLACE, place_rows(key, slots))


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
)
SCHEMA_VERSION: int = MIGRATIONS[-1].version


def schema_version(conn: sqlite3.Connection) -> int:
    """The version a database is at: 0 when it is empty; StoreError when it is some other database."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return 0
    if "meta" not in tables:
        raise StoreError("not a gigatrack database (it has no meta table)")
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None or not str(row[0]).isdigit():
        raise StoreError("not a gigatrack database (no schema_version in its meta table)")
    return int(row[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the database to the last version of ``migrations`` in one transaction; return that version.

    The connection must be in autocommit mode (``isolation_level=None``).
    """
    latest = migrations[-1].version if migrations else 0
    if _checked_version(conn, latest) == latest:
        return latest
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = _checked_version(conn, latest)
        for migration in migrations:
            if migration.version > current:
                for step in migration.steps:
                    _run(conn, step)
        conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(latest),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return latest


def _checked_version(conn: sqlite3.Connection, latest: int) -> int:
    current = schema_version(conn)
    if current > latest:
        raise StoreError(f"the database is at schema version {current}, newer than this gigatrack "
                         f"understands ({latest}); upgrade gigatrack to use it")
    return current


def _run(conn: sqlite3.Connection, step: MigrationStep) -> None:
    if callable(step):
        step(conn)
    else:
        conn.execute(step)

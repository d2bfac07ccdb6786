"""The store stage: articles, their mentions, facts and evidence in one SQLite database.

Where the database lives by default: the file named by the ``GIGATRACK_DB`` environment
variable when it is set, else ``./gigatrack.db`` (see ``default_db_path``). ``Store.open``
creates it (or migrates an older one) on first use; ``":memory:"`` gives a private in-memory one.

Ingest is idempotent: an article is stored with a content hash of its raw text, url, title,
publication date and the extractor version. The same article again writes nothing; a changed
one (or one read by a newer extractor) replaces its mentions, facts and evidence. Each
article is written in one transaction, so a failure never leaves half an article behind.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType

from gigatrack.annotate.registry import Registry, normalise_name
from gigatrack.ingest.metadata import parse_date
from gigatrack.model import Article, Document
from gigatrack.pipeline import EXTRACTOR_VERSION
from gigatrack.resolve import provisional_id
from gigatrack.store._db import Database, connect, database_errors, is_postgres_url
from gigatrack.store._kb_queries import find_entity, find_records, list_entities, load_record, records_of_fact
from gigatrack.store._kb_write import groups_of_article, index_facts, rebuild_groups, record_source, reindex, resolver
from gigatrack.store._migrations import SCHEMA_VERSION, migrate, schema_version
from gigatrack.store._queries import count_stats, find_facts, load_article
from gigatrack.store._write import content_hash, insert_document
from gigatrack.store.records import (
    EntitySummary,
    IngestOutcome,
    StoredArticle,
    StoredFact,
    StoredRecord,
    StoreError,
    StoreStats,
)

__all__ = [
    "DB_ENV_VAR",
    "DEFAULT_DB_FILE",
    "SCHEMA_VERSION",
    "EntitySummary",
    "IngestOutcome",
    "Store",
    "StoreError",
    "StoreStats",
    "StoredArticle",
    "StoredFact",
    "StoredRecord",
    "default_db_location",
    "default_db_path",
    "open",
]

DB_ENV_VAR = "GIGATRACK_DB"
DEFAULT_DB_FILE = "gigatrack.db"
MEMORY = ":memory:"


def default_db_path() -> Path:
    """``$GIGATRACK_DB`` when set, else ``./gigatrack.db``."""
    return Path(os.environ.get(DB_ENV_VAR) or DEFAULT_DB_FILE)


def default_db_location() -> str:
    """``$GIGATRACK_DB`` when set (a file or a ``postgresql://`` URL), else ``gigatrack.db``."""
    return os.environ.get(DB_ENV_VAR) or DEFAULT_DB_FILE


class Store:
    """A gigatrack SQLite database; open it with ``Store.open`` (a context manager)."""

    def __init__(self, db: Database, extractor_version: str, registry: Registry | None = None) -> None:
        self._db = db
        self.registry = registry or Registry.default()
        self.path = db.location
        self.dialect = db.dialect
        self.extractor_version = extractor_version

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True,
             extractor_version: str = EXTRACTOR_VERSION) -> Store:
        """Open (with ``create``, make) the database at ``path`` and bring its schema up to date.

        ``path`` is an SQLite file (``":memory:"`` for a private one) or a ``postgresql://`` URL.
        ``extractor_version`` enters every article's content hash: articles stored by another
        version are re-ingested. Raises StoreError for a missing file (without ``create``), a file
        that is not a gigatrack database, a server that cannot be reached, or a database newer than
        this code.
        """
        name = str(path)
        if not create and name != MEMORY and not is_postgres_url(name) and not Path(name).is_file():
            raise StoreError(f"{name}: no such database (run `gigatrack ingest` to create one)")
        db = connect(name)
        try:
            migrate(db)
        except StoreError as exc:
            db.close()
            raise StoreError(f"{db.location}: {exc}") from exc
        except database_errors() as exc:
            db.close()
            raise StoreError(f"{db.location}: not a usable gigatrack database: {exc}") from exc
        return cls(db, extractor_version)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def ingest(self, doc: Document, *, source_hash: str | None = None, force: bool = False) -> IngestOutcome:
        """Store one processed article in one transaction: "added", "unchanged" or "replaced".

        ``source_hash``, when the caller has a hash of the raw source, stands in for the raw text
        in the content hash; ``force`` replaces a stored copy even when it is current. Any error
        rolls the whole article back and is raised.
        """
        article = doc.article
        digest = content_hash(article, self.extractor_version, source_hash)
        with self._db.transaction():
            row = self._db.execute("SELECT content_hash FROM articles WHERE id = ?",
                                     (article.id,)).fetchone()
            if row is not None and row[0] == digest and not force:
                return "unchanged"
            old_groups = groups_of_article(self._db, article.id) if row is not None else set()
            if row is not None:
                self._db.execute("DELETE FROM articles WHERE id = ?", (article.id,))
            fact_ids = insert_document(self._db, doc, digest, self.extractor_version)
            record_source(self._db, article.id, doc.cleaned.text)
            groups = index_facts(self._db, resolver(self._db, self.registry),
                                 ((key, fact.type, dict(fact.slots)) for key, fact in zip(fact_ids, doc.facts,
                                                                                         strict=True)))
            rebuild_groups(self._db, old_groups | groups)
        return "added" if row is None else "replaced"

    def has_article(self, article_id: str) -> bool:
        """Is an article with this id stored (whatever its version)?"""
        return self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def current_fact_count(self, article: Article, *, source_hash: str | None = None) -> int | None:
        """How many facts the stored copy of ``article`` has when it is stored and current (``ingest``
        would say "unchanged"); None when it is missing or out of date. Lets callers skip processing."""
        digest = content_hash(article, self.extractor_version, source_hash)
        row = self._db.execute(
            "SELECT (SELECT count(*) FROM facts WHERE article_id = a.id) FROM articles a "
            "WHERE a.id = ? AND a.content_hash = ?", (article.id, digest)).fetchone()
        return None if row is None else int(row[0])

    def facts(self, type: str | None = None, org: str | None = None,
              country: str | None = None) -> list[StoredFact]:
        """Stored facts, filtered by fact type, organisation and country, in article order.

        ``org`` matches any organisation slot (supplier, customer, operator, investor, buyer,
        seller, parties), case-insensitively, by the whole name or its leading words ("LG" finds
        "LG Energy Solution"). ``country`` (ISO 3166 alpha-2) matches the country of location and
        production_site, and a policy target's jurisdiction.
        """
        return find_facts(self._db, type, org, country)

    def article(self, article_id: str) -> StoredArticle | None:
        """One stored article with its cleaned text and its facts; None when there is none."""
        return load_article(self._db, article_id)

    def records(self, type: str | None = None, org: str | None = None, country: str | None = None,
                status: str | None = None, conflicted: bool = False) -> list[StoredRecord]:
        """Knowledge-base records, filtered by type, organisation (an entity's id or name, or any name an
        article wrote for a party, or their leading words), country, current status, and conflicts."""
        return find_records(self._db, type, org, country, status, conflicted)

    def record(self, record_id: str) -> StoredRecord | None:
        """One record with every claim of every slot; None when there is none."""
        return load_record(self._db, record_id)

    def conflicts(self, type: str | None = None, org: str | None = None) -> list[StoredRecord]:
        """Records whose sources disagree beyond tolerance on some slot."""
        return find_records(self._db, type, org, None, None, True)

    def records_of_fact(self, fact_id: str) -> list[str]:
        return records_of_fact(self._db, fact_id)

    def entities(self, provisional: bool = False) -> list[EntitySummary]:
        """Entities named by stored facts (only provisional ones: those the registry lacks)."""
        return list_entities(self._db, provisional)

    def merge_entities(self, source: str, into: str) -> tuple[str, str]:
        """Merge entity ``source`` into ``into`` (ids, names, or names articles wrote); return their ids.

        The merge is kept apart from the facts, so it survives re-extraction. StoreError when either is
        unknown, they are the same, or ``into`` is already merged into ``source``.
        """
        with self._db.transaction():
            old, new = self._entity(source), self._entity(into)
            if old == new:
                raise StoreError(f"{source!r} and {into!r} are already one entity ({old})")
            if new in _merge_chain(self._db, old) or old in _merge_chain(self._db, new):
                raise StoreError(f"{into!r} is merged into {source!r}: split it off first")
            self._db.execute("INSERT INTO entity_merges (entity_id, into_id, merged_at) VALUES (?, ?, ?) "
                             "ON CONFLICT (entity_id) DO UPDATE SET into_id = excluded.into_id, "
                             "merged_at = excluded.merged_at", (old, new, _now()))
            reindex(self._db, self.registry, _facts_naming(self._db, "entity_id", old))
        return old, new

    def split_name(self, name: str) -> str:
        """Give the organisation name ``name`` (as articles write it) an entity of its own; return its id.

        Undoes a wrong registry, fuzzy or merged match for that name; kept apart from the facts, so it
        survives re-extraction. StoreError when no stored fact writes that name.
        """
        key = normalise_name(name)
        with self._db.transaction():
            facts = _facts_naming(self._db, "name_key", key)
            if not facts:
                raise StoreError(f"no stored fact names {name!r}")
            self._db.execute("INSERT INTO entity_splits (name_key, name, split_at) VALUES (?, ?, ?) "
                             "ON CONFLICT (name_key) DO NOTHING", (key, name.strip(), _now()))
            self._db.execute("DELETE FROM entity_merges WHERE entity_id = ?", (provisional_id(name),))
            reindex(self._db, self.registry, facts)
        return provisional_id(name)

    def stale_article_ids(self, everything: bool = False) -> list[str]:
        """Ids of the stored articles an older extractor read; with ``everything``, of all of them."""
        return [row[0] for row in self._db.execute(
            "SELECT id FROM articles WHERE ? = 1 OR extractor_version <> ? ORDER BY id",
            (int(everything), self.extractor_version))]

    def stale_articles(self, ids: Sequence[str] | None = None) -> Iterator[Article]:
        """The stored articles (as they were read) with these ids, one at a time; by default the stale ones."""
        for article_id in self.stale_article_ids() if ids is None else ids:
            row = self._db.execute("SELECT id, raw, raw_kind, url, title, published, source FROM articles "
                                   "WHERE id = ?", (article_id,)).fetchone()
            if row is not None:
                key, raw, kind, url, title, published, source = row
                yield Article(key, raw, kind, url, title, parse_date(published), source)

    def _entity(self, ref: str) -> str:
        found = find_entity(self._db, ref)
        if found is None and normalise_name(ref):
            found = find_entity(self._db, resolver(self._db, self.registry).resolve(ref).entity.id)
        if found is None:
            raise StoreError(f"no entity {ref!r}: see `gigatrack entities`")
        return found[0]

    def stats(self) -> StoreStats:
        return count_stats(self._db, schema_version(self._db))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _merge_chain(db: Database, entity_id: str) -> list[str]:
    """The entities ``entity_id`` is merged into, in order."""
    merges = dict(db.execute("SELECT entity_id, into_id FROM entity_merges").fetchall())
    chain: list[str] = []
    while entity_id in merges and merges[entity_id] not in chain:
        entity_id = merges[entity_id]
        chain.append(entity_id)
    return chain


def _facts_naming(db: Database, column: str, value: str) -> list[str]:
    return [row[0] for row in db.execute(
        f"SELECT DISTINCT fact_id FROM fact_entities WHERE {column} = ? ORDER BY fact_id", (value,))]


def open(path: str | Path | None = None, *, create: bool = True) -> Store:
    """The knowledge base at ``path`` (an SQLite file or a ``postgresql://`` URL; default: ``default_db_path``)."""
    return Store.open(path if path is not None else default_db_location(), create=create)

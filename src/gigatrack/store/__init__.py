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

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from gigatrack.model import Article, Document
from gigatrack.pipeline import EXTRACTOR_VERSION
from gigatrack.store._migrations import SCHEMA_VERSION, migrate, schema_version
from gigatrack.store._queries import count_stats, find_facts, load_article
from gigatrack.store._write import content_hash, insert_document
from gigatrack.store.records import IngestOutcome, StoredArticle, StoredFact, StoreError, StoreStats

__all__ = [
    "DB_ENV_VAR",
    "DEFAULT_DB_FILE",
    "SCHEMA_VERSION",
    "IngestOutcome",
    "Store",
    "StoreError",
    "StoreStats",
    "StoredArticle",
    "StoredFact",
    "default_db_path",
]

DB_ENV_VAR = "GIGATRACK_DB"
DEFAULT_DB_FILE = "gigatrack.db"
MEMORY = ":memory:"


def default_db_path() -> Path:
    """``$GIGATRACK_DB`` when set, else ``./gigatrack.db``."""
    return Path(os.environ.get(DB_ENV_VAR) or DEFAULT_DB_FILE)


class Store:
    """A gigatrack SQLite database; open it with ``Store.open`` (a context manager)."""

    def __init__(self, conn: sqlite3.Connection, path: str, extractor_version: str) -> None:
        self._conn = conn
        self.path = path
        self.extractor_version = extractor_version

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True,
             extractor_version: str = EXTRACTOR_VERSION) -> Store:
        """Open (with ``create``, make) the database at ``path`` and bring its schema up to date.

        ``extractor_version`` enters every article's content hash: articles stored by another
        version are re-ingested. Raises StoreError for a missing file (without ``create``), a file
        that is not a gigatrack database, or a database newer than this code.
        """
        name = str(path)
        if not create and name != MEMORY and not Path(name).is_file():
            raise StoreError(f"{name}: no such database (run `gigatrack ingest` to create one)")
        try:
            conn = sqlite3.connect(name, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{name}: cannot open the database: {exc}") from exc
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
        except StoreError as exc:
            conn.close()
            raise StoreError(f"{name}: {exc}") from exc
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(f"{name}: not a usable gigatrack database: {exc}") from exc
        return cls(conn, name, extractor_version)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    def ingest(self, doc: Document, *, source_hash: str | None = None) -> IngestOutcome:
        """Store one processed article in one transaction: "added", "unchanged" or "replaced".

        ``source_hash``, when the caller has a hash of the raw source, stands in for the raw text
        in the content hash. Any error rolls the whole article back and is raised.
        """
        article = doc.article
        digest = content_hash(article, self.extractor_version, source_hash)
        with self._transaction():
            row = self._conn.execute("SELECT content_hash FROM articles WHERE id = ?",
                                     (article.id,)).fetchone()
            if row is not None and row[0] == digest:
                return "unchanged"
            if row is not None:
                self._conn.execute("DELETE FROM articles WHERE id = ?", (article.id,))
            insert_document(self._conn, doc, digest, self.extractor_version)
        return "added" if row is None else "replaced"

    def current_fact_count(self, article: Article, *, source_hash: str | None = None) -> int | None:
        """How many facts the stored copy of ``article`` has when it is stored and current (``ingest``
        would say "unchanged"); None when it is missing or out of date. Lets callers skip processing."""
        digest = content_hash(article, self.extractor_version, source_hash)
        row = self._conn.execute(
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
        return find_facts(self._conn, type, org, country)

    def article(self, article_id: str) -> StoredArticle | None:
        """One stored article with its cleaned text and its facts; None when there is none."""
        return load_article(self._conn, article_id)

    def stats(self) -> StoreStats:
        return count_stats(self._conn, schema_version(self._conn))

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

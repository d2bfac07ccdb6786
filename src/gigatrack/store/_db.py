"""One database connection, SQLite or PostgreSQL, behind the few calls the store makes.

The store writes its SQL once, in SQLite's placeholder style (``?`` and ``:name``); the PostgreSQL
connection rewrites it to psycopg's (``%s`` and ``%(name)s``). A write transaction holds the
database's one writer lock, as SQLite's ``BEGIN IMMEDIATE`` does: on PostgreSQL that is a
transaction-scoped advisory lock, so two ingest processes never interleave their writes.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

from gigatrack.store.records import StoreError

Params = Sequence[Any] | Mapping[str, Any]
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
_SQLITE_BUSY_SECONDS = 60.0
# Any fixed number: the key of the advisory lock that serialises gigatrack's writers on PostgreSQL.
_WRITER_LOCK = 0x6769676174726B


class Rows(Protocol):
    """What a query returns: a cursor that can be iterated and fetched from."""

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


def is_postgres_url(target: str) -> bool:
    return target.startswith(POSTGRES_SCHEMES)


def redact(url: str) -> str:
    """A database URL fit for messages: any password replaced by ``***``."""
    if not is_postgres_url(url):
        return url
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


class Database:
    """A connection in autocommit mode; ``transaction`` groups writes and holds the writer lock."""

    dialect = "sqlite"

    def __init__(self, conn: Any, location: str) -> None:
        self._conn = conn
        self.location = location

    def execute(self, sql: str, params: Params = ()) -> Rows:
        return self._conn.execute(sql, params)  # type: ignore[no-any-return]

    def executemany(self, sql: str, rows: Any) -> None:
        self._conn.executemany(sql, rows)

    def table_names(self) -> set[str]:
        return {row[0] for row in self.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN (taking the writer lock) ... COMMIT, or ROLLBACK on any error."""
        self._begin()
        try:
            yield
        except BaseException:
            self._rollback()
            raise
        self._conn.execute("COMMIT")

    def close(self) -> None:
        self._conn.close()

    def _begin(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")


class PostgresDatabase(Database):
    """The same calls on a psycopg connection; SQL placeholders are rewritten on the way."""

    dialect = "postgresql"

    def execute(self, sql: str, params: Params = ()) -> Rows:
        return self._conn.execute(postgres_sql(sql), params)  # type: ignore[no-any-return]

    def executemany(self, sql: str, rows: Any) -> None:
        with self._conn.cursor() as cursor:
            cursor.executemany(postgres_sql(sql), list(rows))

    def table_names(self) -> set[str]:
        return {row[0] for row in self.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}

    def _begin(self) -> None:
        self._conn.execute("BEGIN")
        self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITER_LOCK,))

    def _rollback(self) -> None:
        self._conn.rollback()


_SQL_TOKEN = re.compile(r"'(?:[^']|'')*'|\?|(?<!:):([A-Za-z_]\w*)|%")


@lru_cache(maxsize=256)
def postgres_sql(sql: str) -> str:
    """SQLite-style placeholders as psycopg's: ``?`` -> ``%s``, ``:name`` -> ``%(name)s``, ``%`` -> ``%%``
    (inside string literals only ``%`` is escaped, as psycopg needs)."""

    def rewrite(match: re.Match[str]) -> str:
        token = match.group(0)
        if token.startswith("'"):
            return token.replace("%", "%%")
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return f"%({match.group(1)})s"

    return _SQL_TOKEN.sub(rewrite, sql)


def connect(target: str) -> Database:
    """A connection to ``target``: a PostgreSQL URL, else an SQLite file name (``:memory:`` included)."""
    if is_postgres_url(target):
        return _connect_postgres(target)
    try:
        conn = sqlite3.connect(target, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"{target}: cannot open the database: {exc}") from exc
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(_SQLITE_BUSY_SECONDS * 1000)}")
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"{target}: not a usable gigatrack database: {exc}") from exc
    return Database(conn, target)


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to write-ahead logging; while another process creates the same file the switch can be refused at
    once ("database is locked", without waiting for the busy timeout), so it is tried again for a while."""
    deadline = time.monotonic() + _SQLITE_BUSY_SECONDS
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _connect_postgres(url: str) -> Database:
    try:
        import psycopg
    except ImportError as exc:  # the optional extra is not installed
        raise StoreError(f"{redact(url)}: PostgreSQL needs psycopg: pip install 'gigatrack[postgres]'") from exc
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        raise StoreError(f"{redact(url)}: cannot connect: {str(exc).strip()}") from exc
    return PostgresDatabase(conn, redact(url))


def database_errors() -> tuple[type[Exception], ...]:
    """The exception classes a database call may raise (psycopg's only when it is installed)."""
    try:
        import psycopg
    except ImportError:
        return (sqlite3.Error,)
    return (sqlite3.Error, psycopg.Error)

"""One connection, two backends: SQL placeholders for psycopg, URLs in messages, unreachable servers."""

from __future__ import annotations

import socket

import pytest

from gigatrack.store import Store, StoreError
from gigatrack.store._db import postgres_sql, redact


def test_placeholders_are_rewritten_for_psycopg_outside_string_literals() -> None:
    assert postgres_sql("SELECT a FROM t WHERE b = ? AND c = ?") == "SELECT a FROM t WHERE b = %s AND c = %s"
    assert postgres_sql("WHERE k >= :org || ' ' AND k < :org || '!'") == (
        "WHERE k >= %(org)s || ' ' AND k < %(org)s || '!'")
    assert postgres_sql("SELECT 'a?b:c', x FROM t WHERE y LIKE '5%' AND z = ?") == (
        "SELECT 'a?b:c', x FROM t WHERE y LIKE '5%%' AND z = %s")
    assert postgres_sql("SELECT 100 % 7") == "SELECT 100 %% 7"


def test_passwords_never_reach_messages() -> None:
    assert redact("postgresql://analyst:s3cret@db.internal:5432/kb") == "postgresql://analyst:***@db.internal:5432/kb"
    assert redact("postgresql://db.internal/kb") == "postgresql://db.internal/kb"
    assert redact("facts.db") == "facts.db"


def test_an_unreachable_server_is_a_clear_error_without_the_password() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StoreError, match=r"postgresql://kb:\*\*\*@127\.0\.0\.1:\d+/kb: cannot connect") as caught:
        Store.open(f"postgresql://kb:s3cret@127.0.0.1:{port}/kb")
    assert "s3cret" not in str(caught.value)

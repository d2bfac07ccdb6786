"""Shared fixtures: where the shared evaluation data lives, and example articles."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GIGATRACK_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (corpus, gold, referee); required on CI, skipped without it elsewhere."""
    if not (SHARED / "corpus").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the shared evaluation data at {SHARED}")
        pytest.skip(f"no shared evaluation data at {SHARED}")
    return SHARED


PG_ENV_VAR = "GIGATRACK_TEST_PG"


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The PostgreSQL server the test command started (``$GIGATRACK_TEST_PG``); required on CI."""
    url = os.environ.get(PG_ENV_VAR)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs a PostgreSQL server in ${PG_ENV_VAR} (scripts/test.sh starts one)")
        pytest.skip(f"no PostgreSQL server: set ${PG_ENV_VAR} or run scripts/test.sh")
    return url


def _schema_url(url: str, schema: str) -> str:
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty database on each backend: an SQLite file, or a fresh schema on the PostgreSQL server."""
    if request.param == "sqlite":
        yield str(tmp_path / "test.db")
        return
    import psycopg

    server = request.getfixturevalue("postgres_url")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield _schema_url(server, schema)
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")

"""What several commands share: the ``--db``, ``--jobs`` and fetching options; the store and fetcher they make."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from gigatrack.store import DB_ENV_VAR, DEFAULT_DB_FILE, Store, StoreError
from gigatrack.workers import default_jobs

if TYPE_CHECKING:
    from gigatrack.ingest.fetch import Fetcher

_F = TypeVar("_F", bound=Callable[..., Any])


def db_option(command: _F) -> _F:
    return click.option(
        "--db", "db_path", envvar=DB_ENV_VAR, default=DEFAULT_DB_FILE, show_envvar=True, metavar="FILE|URL",
        help=f"SQLite database file or postgresql:// URL. Default: ${DB_ENV_VAR} when set, else ./{DEFAULT_DB_FILE}.",
    )(command)


def open_store(db_path: str, *, create: bool) -> Store:
    """The store at ``db_path``; a usage error naming the database when it cannot be opened."""
    try:
        return Store.open(db_path, create=create)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def jobs_option(command: _F) -> _F:
    return click.option(
        "--jobs", "-j", type=click.IntRange(min=1), default=default_jobs, show_default="all cores",
        help="Worker processes for extraction (1: all in this process).",
    )(command)


def fetch_options(command: _F) -> _F:
    command = click.option(
        "--per-host-interval", type=click.FloatRange(min=0), default=1.0, show_default=True,
        help="Seconds between two requests to one host.")(command)
    return click.option(
        "--allow-private", is_flag=True,
        help="Fetch from private, loopback and link-local addresses too (an intranet; refused by default).",
    )(command)


def fetcher_for(allow_private: bool, per_host_interval: float) -> Fetcher:
    """A Fetcher with the default limits and these two settings (a context manager)."""
    from gigatrack.ingest.fetch import Fetcher, FetchPolicy  # httpx only for commands that fetch

    return Fetcher(FetchPolicy(allow_private=allow_private, per_host_interval=per_host_interval))

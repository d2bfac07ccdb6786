"""``gigatrack watch``: poll feeds on a schedule and ingest only their new items, through any feed's errors."""

from __future__ import annotations

import datetime as dt
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click

from gigatrack.cli.ingest_cmds import store_stream
from gigatrack.cli.options import db_option, fetch_options, fetcher_for, jobs_option, open_store
from gigatrack.cli.progress import Tracker
from gigatrack.store import Store

if TYPE_CHECKING:
    from gigatrack.ingest.fetch import Fetcher

_DURATION = re.compile(r"(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?(?:(?P<s>\d+)s)?")


def parse_every(text: str) -> float:
    """Seconds of a duration such as ``15m``, ``90s``, ``1h30m`` or a plain number of seconds."""
    if text.strip().isdigit():
        seconds = float(text)
    else:
        match = _DURATION.fullmatch(text.strip().lower())
        if match is None or not any(match.groupdict().values()):
            raise ValueError(f"not a duration: {text!r} (use e.g. 15m, 90s, 1h30m)")
        seconds = sum(int(match[unit] or 0) * factor for unit, factor in (("h", 3600), ("m", 60), ("s", 1)))
    if seconds <= 0:
        raise ValueError("the interval must be longer than zero")
    return seconds


def read_feed_list(path: str) -> list[str]:
    """The feeds (URLs or files) of a feeds file, one a line; blank lines and # comments skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise click.ClickException(f"{path}: cannot read the feeds file ({err})") from err
    feeds = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    if not feeds:
        raise click.ClickException(f"{path}: no feeds in it (one URL or file a line)")
    return feeds


def poll(store: Store, feeds: list[str], fetcher: Fetcher, jobs: int, number: int) -> Counter[str]:
    """One round over every feed: new items fetched, extracted and stored; a log line per feed and per round."""
    from gigatrack.ingest.remote import read_feed

    total: Counter[str] = Counter()
    for feed in feeds:
        outcomes = store_stream(store, read_feed(feed, fetcher, published=None, skip=store.has_article),
                                jobs=jobs, tracker=Tracker(None))
        total.update(outcomes)
        _log(f"poll {number}: {feed}: {outcomes['added']} new, {outcomes['replaced']} updated, "
             f"{outcomes['failed']} failed")
    _log(f"poll {number} done: {len(feeds)} feed{'' if len(feeds) == 1 else 's'}, {total['added']} new articles, "
         f"{total['replaced']} updated, {total['failed']} failed, {total['facts']} facts")
    return total


def _log(line: str) -> None:
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    click.echo(f"{stamp} {line}", err=True)


@click.command()
@click.argument("feeds_file", type=click.Path(dir_okay=False))
@db_option
@click.option("--every", default="15m", show_default=True,
              help="Time between two polls: 90s, 15m, 1h, 1h30m.")
@click.option("--once", is_flag=True, help="Poll once and exit (for cron); exit status 1 when anything failed.")
@fetch_options
@jobs_option
def watch(feeds_file: str, db_path: str, every: str, once: bool, allow_private: bool, per_host_interval: float,
          jobs: int) -> None:
    """Poll the RSS / Atom feeds listed in FEEDS_FILE (URLs or files, one a line) and ingest their new items.

    An item is new when no article of its GUID or URL is stored yet; its page is fetched only then. A feed that
    fails is logged and tried again next time. Runs until interrupted (Ctrl-C), with a log line per feed and per
    poll on stderr.
    """
    try:
        interval = parse_every(every)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from exc
    feeds = read_feed_list(feeds_file)
    failed = 0
    with open_store(db_path, create=True) as store, fetcher_for(allow_private, per_host_interval) as fetcher:
        number = 0
        try:
            while True:
                number += 1
                started = time.monotonic()
                failed += poll(store, feeds, fetcher, jobs, number)["failed"]
                if once:
                    break
                time.sleep(max(0.0, interval - (time.monotonic() - started)))
        except KeyboardInterrupt:
            _log(f"stopped after {number} poll{'' if number == 1 else 's'}")
    if once and failed:
        sys.exit(1)

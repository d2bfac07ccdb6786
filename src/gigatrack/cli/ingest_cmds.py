"""``gigatrack ingest`` and ``reprocess``: extract articles (on all cores) and store their facts."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import TYPE_CHECKING

import click

from gigatrack.cli.options import db_option, fetch_options, fetcher_for, jobs_option, open_store
from gigatrack.cli.progress import Tracker, tracking
from gigatrack.ingest import ReadError, count_articles, read_articles
from gigatrack.model import Article
from gigatrack.store import Store
from gigatrack.workers import Failed, process_stream

if TYPE_CHECKING:
    from gigatrack.ingest.fetch import Fetcher


def store_stream(store: Store, items: Iterable[Article | ReadError], *, jobs: int, tracker: Tracker,
                 force: bool = False) -> Counter[str]:
    """Extract the articles not stored yet (or all, with ``force``) on ``jobs`` cores and store each in its
    own transaction; count the outcomes ("added", "replaced", "unchanged", "failed") and the facts."""
    outcomes: Counter[str] = Counter()

    def needed() -> Iterator[Article | ReadError]:
        for item in items:
            stored = None if isinstance(item, ReadError) or force else store.current_fact_count(item)
            if stored is None:
                yield item
                continue
            outcomes["unchanged"] += 1
            outcomes["facts"] += stored
            tracker.advance()

    for outcome in process_stream(needed(), jobs):
        if isinstance(outcome, ReadError | Failed):
            click.echo(str(outcome), err=True)
            outcomes["failed"] += 1
            tracker.advance(failed=True)
            continue
        try:
            outcomes[store.ingest(outcome, force=force)] += 1
            outcomes["facts"] += len(outcome.facts)
            tracker.advance()
        except Exception as exc:  # rolled back: nothing of this article was written
            name = outcome.article.source or outcome.article.id
            click.echo(f"{name}: not stored: {type(exc).__name__}: {exc}", err=True)
            outcomes["failed"] += 1
            tracker.advance(failed=True)
    return outcomes


@click.command()
@click.argument("paths", nargs=-1)
@db_option
@click.option("--urls", "url_lists", multiple=True, type=click.Path(dir_okay=False),
              help="A file of article URLs, one a line (# comments), fetched politely; repeatable.")
@click.option("--feed", "feeds", multiple=True, metavar="FILE|URL",
              help="An RSS or Atom feed (file or URL): its items' full text, else their fetched pages; repeatable.")
@fetch_options
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Publication date (YYYY-MM-DD) for articles that carry none; relative dates "
                   "resolve against it.")
@jobs_option
def ingest(paths: tuple[str, ...], db_path: str, url_lists: tuple[str, ...], feeds: tuple[str, ...],
           allow_private: bool, per_host_interval: float, published: dt.datetime | None, jobs: int) -> None:
    """Extract the facts of articles (files or folders, URL lists, feeds) and store them; unchanged articles are
    skipped.

    Exits with status 1 when any input could not be read, fetched, processed or stored.
    """
    if not (paths or url_lists or feeds):
        raise click.UsageError("give PATHS, --urls FILE or --feed FILE|URL")
    from gigatrack.ingest.remote import read_feed  # httpx only when something is fetched

    day = published.date() if published else None
    with open_store(db_path, create=True) as store, tracking("ingesting") as tracker, \
            fetcher_for(allow_private, per_host_interval) as fetcher:
        tracker.set_total(count_articles(paths) if not (url_lists or feeds) else None)
        sources = chain(read_articles(paths, published=day) if paths else (),
                        chain.from_iterable(_url_list(name, fetcher, day) for name in url_lists),
                        chain.from_iterable(read_feed(feed, fetcher, published=day) for feed in feeds))
        outcomes = store_stream(store, sources, jobs=jobs, tracker=tracker)
    total = outcomes["added"] + outcomes["unchanged"] + outcomes["replaced"] + outcomes["failed"]
    click.echo(f"{total} article{'' if total == 1 else 's'}: {outcomes['added']} added, "
               f"{outcomes['unchanged']} unchanged, {outcomes['replaced']} replaced, "
               f"{outcomes['failed']} failed; {outcomes['facts']} fact{'' if outcomes['facts'] == 1 else 's'}; "
               f"database: {store.path}")
    if outcomes["failed"]:
        sys.exit(1)


def _url_list(name: str, fetcher: Fetcher, published: dt.date | None) -> Iterator[Article | ReadError]:
    from gigatrack.ingest.fetch import read_urls

    try:
        with open(name, encoding="utf-8") as lines:
            yield from read_urls(lines, name, fetcher, published=published)
    except (OSError, UnicodeDecodeError) as err:
        yield ReadError(name, f"cannot read the URL list ({err})")


@click.command()
@db_option
@click.option("--all", "everything", is_flag=True,
              help="Re-extract every stored article, not only those an older extractor read.")
@jobs_option
def reprocess(db_path: str, everything: bool, jobs: int) -> None:
    """Re-run extraction on the stored articles that an older extractor read (with --all, on every one).

    Record and entity ids stay the same, and analysts' merges and splits still apply. Exits with status 1
    when any article failed (its old facts are then kept).
    """
    with open_store(db_path, create=False) as store, tracking("re-extracting") as tracker:
        stale = store.stale_article_ids(everything)
        tracker.set_total(len(stale))
        outcomes = store_stream(store, store.stale_articles(stale), jobs=jobs, tracker=tracker, force=True)
    done = outcomes["replaced"] + outcomes["unchanged"] + outcomes["added"]
    click.echo(f"{len(stale)} article{'' if len(stale) == 1 else 's'} to re-extract: {done} re-extracted, "
               f"{outcomes['failed']} failed; extractor {store.extractor_version}; database: {store.path}")
    if outcomes["failed"]:
        sys.exit(1)

"""Feeds from a file or a URL, their items as articles: the item's own full text, else its page fetched.

An item whose feed carries its whole story (``FULL_TEXT_CHARS`` characters of text or more) becomes an article
from that text (id: a hash of its GUID); any other item with a link becomes the article of its fetched page
(id: a hash of its URL, as ``gigatrack ingest --urls`` gives). ``skip`` is asked with that id before anything is
fetched, so a watcher reads only the items it has not stored yet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from gigatrack.ingest.errors import BadInput, ReadError
from gigatrack.ingest.feeds import FeedItem, parse_feed
from gigatrack.ingest.fetch import Fetcher
from gigatrack.ingest.files import MAX_ARTICLE_BYTES
from gigatrack.model import Article

FULL_TEXT_CHARS = 1500
_MARKUP = re.compile(r"<[^>]+>")
_HTTP_URL = re.compile(r"https?://", re.I)


def is_url(location: str) -> bool:
    return _HTTP_URL.match(location) is not None


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def item_plan(item: FeedItem, *, can_fetch: bool) -> tuple[str, bool] | None:
    """(the id of this item's article, whether its page is fetched): its GUID's hash when the feed carries its
    full text (or nothing can be fetched), its URL's hash when its page is fetched; None for an item with
    neither text nor a link."""
    text = len(_MARKUP.sub(" ", item.content or "").strip())
    if item.content is not None and (text >= FULL_TEXT_CHARS or item.url is None or not can_fetch):
        return _digest(item.guid), False
    if item.url is not None and can_fetch:
        return _digest(item.url), True
    return None


def feed_articles(items: list[FeedItem], source: str, fetcher: Fetcher | None, *, published: dt.date | None,
                  skip: Callable[[str], bool] = lambda _: False) -> Iterator[Article | ReadError]:
    """The articles of a feed's items, in feed order; items whose article id ``skip`` accepts are passed over."""
    for number, item in enumerate(items, start=1):
        plan = item_plan(item, can_fetch=fetcher is not None)
        if plan is None:
            yield ReadError(f"{source}#{number}", "feed item has neither text nor a link")
            continue
        article_id, fetch = plan
        if skip(article_id):
            continue
        if fetch and fetcher is not None and item.url is not None:
            yield fetcher.fetch_article(item.url, published=item.published or published)
            continue
        yield Article(id=article_id, raw=item.content or "", kind="html", url=item.url, title=item.title,
                      published=item.published or published, source=f"{source}#{number}")


def read_feed_items(location: str, fetcher: Fetcher | None, *,
                    max_bytes: int = MAX_ARTICLE_BYTES) -> list[FeedItem] | ReadError:
    """The items of the feed at ``location`` (an http(s) URL, fetched with ``fetcher``, or a file)."""
    if is_url(location):
        if fetcher is None:
            return ReadError(location, "a feed URL needs fetching, which is not allowed here")
        page = fetcher.fetch(location)
        if isinstance(page, ReadError):
            return page
        data = page.body
    else:
        try:
            path = Path(location)
            if path.stat().st_size > max_bytes:
                return ReadError(location, f"feed is over the limit of {max_bytes:,} bytes")
            data = path.read_bytes()
        except OSError as err:
            return ReadError(location, f"cannot read feed ({err.strerror or err})")
    try:
        items = parse_feed(data, location)
    except BadInput as err:
        return ReadError(location, str(err))
    return items if items else ReadError(location, "feed has no items")


def read_feed(location: str, fetcher: Fetcher | None, *, published: dt.date | None,
              skip: Callable[[str], bool] = lambda _: False) -> Iterator[Article | ReadError]:
    """The articles of the feed at ``location``; one ReadError when the feed itself cannot be read."""
    items = read_feed_items(location, fetcher)
    if isinstance(items, ReadError):
        yield items
        return
    yield from feed_articles(items, location, fetcher, published=published, skip=skip)

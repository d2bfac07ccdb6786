"""Read articles from files, folders, JSONL, WARC and RSS/Atom feeds; bad input becomes a ReadError, never raises."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from gigatrack.ingest.errors import ReadError
from gigatrack.ingest.files import MAX_ARTICLE_BYTES, _file_kind, _walk, read_paths
from gigatrack.model import Article

__all__ = ["MAX_ARTICLE_BYTES", "ReadError", "count_articles", "read_articles"]


def read_articles(
    paths: Iterable[str | os.PathLike[str]],
    *,
    published: dt.date | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> Iterator[Article | ReadError]:
    """Stream the articles under ``paths`` in a sorted, deterministic order.

    Files (.txt, .html, .htm, .jsonl, .warc, each optionally .gz; .rss, .atom, .rdf, .xml feeds) and
    folders (walked recursively) are read one at a time. ``published`` is the date used for articles
    that carry none; a file over ``max_bytes`` (uncompressed) is refused, and in a WARC file each record
    is held to that limit instead. Feed items without their article's body are not articles here.
    Every unreadable item is yielded as a ReadError.
    """
    return read_paths(paths, published=published, max_bytes=max_bytes)


def count_articles(paths: Iterable[str | os.PathLike[str]]) -> int | None:
    """How many articles ``paths`` hold when every file is one article (.txt, .html); None when some file
    holds many (JSONL and other containers) and only reading it would tell. For progress bars."""
    total = 0
    for given in paths:
        path = Path(given)
        for file in _walk(path) if path.is_dir() else [path]:
            kind = _file_kind(file)
            if kind is None:
                continue
            if kind[1] not in ("text", "html"):
                return None
            total += 1
    return total

"""Read articles from files, folders and JSONL feeds; bad input becomes a ReadError, never an exception."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator

from gigatrack.ingest.errors import ReadError
from gigatrack.ingest.files import MAX_ARTICLE_BYTES, read_paths
from gigatrack.model import Article

__all__ = ["MAX_ARTICLE_BYTES", "ReadError", "read_articles"]


def read_articles(
    paths: Iterable[str | os.PathLike[str]],
    *,
    published: dt.date | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> Iterator[Article | ReadError]:
    """Stream the articles under ``paths`` in a sorted, deterministic order.

    Files (.txt, .html, .htm, .jsonl, each optionally .gz) and folders (walked recursively) are
    read one at a time. ``published`` is the date used for articles that carry none; a file over
    ``max_bytes`` (uncompressed) is refused. Every unreadable item is yielded as a ReadError.
    """
    return read_paths(paths, published=published, max_bytes=max_bytes)

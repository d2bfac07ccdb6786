"""gigatrack: source-grounded facts about the battery and EV supply chain, extracted from news.

The public Python API, for notebooks and scripts::

    import gigatrack
    facts = gigatrack.extract_text(text, published="2025-06-10")
    for fact in facts:
        print(fact.type, fact.slots, fact.evidence[0].quote)

    with gigatrack.open("facts.db") as kb:          # the knowledge base (SQLite file or PostgreSQL URL)
        for record in kb.records(conflicted=True):
            print(record.label, record.conflicts, record.current("value"))

Everything not re-exported here is private and may change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from typing import TYPE_CHECKING

from gigatrack.model import Article, Document, Evidence, Fact, Mention, Money, Place

if TYPE_CHECKING:
    from gigatrack.store import Store

__version__ = "0.1.0"


def _as_date(value: str | dt.date | None) -> dt.date | None:
    """A publication date as the readers accept it ("2025-06-10", "2025-06", "2025", an ISO datetime)."""
    from gigatrack.ingest.metadata import parse_date

    return value if isinstance(value, dt.date) else parse_date(value)


def _article(raw: str, kind: str, published: str | dt.date | None, url: str | None,
             title: str | None, id: str | None) -> Article:
    article_id = id or hashlib.sha256((url or raw).encode("utf-8")).hexdigest()[:16]
    return Article(article_id, raw, "html" if kind == "html" else "text", url, title, _as_date(published))


def process_text(text: str, *, published: str | dt.date | None = None, url: str | None = None,
                 title: str | None = None, id: str | None = None, html: bool = False) -> Document:
    """Clean, annotate and extract one article given as text (or HTML with ``html=True``: then the
    page's own URL, title and date fill what the arguments leave out)."""
    from gigatrack.pipeline import process

    if html:
        from gigatrack.ingest.page_meta import read_page_metadata

        page = read_page_metadata(text)
        url, title, published = url or page.url, title or page.title, published or page.published
    return process(_article(text, "html" if html else "text", published, url, title, id))


def extract_text(text: str, *, published: str | dt.date | None = None, url: str | None = None,
                 title: str | None = None) -> list[Fact]:
    """The facts of one plain-text article; relative dates resolve against ``published``."""
    return list(process_text(text, published=published, url=url, title=title).facts)


def extract_html(html: str, *, published: str | dt.date | None = None, url: str | None = None) -> list[Fact]:
    """The facts of one HTML page, after boilerplate removal."""
    return list(process_text(html, published=published, url=url, html=True).facts)


def open(db: str | os.PathLike[str] | None = None, *, create: bool = True) -> Store:
    """The knowledge base in ``db``: an SQLite file or a ``postgresql://`` URL (default: ``$GIGATRACK_DB``, else
    ``./gigatrack.db``). Use it as a context manager; ``.ingest``, ``.records``, ``.record``, ``.conflicts``,
    ``.entities``, ``.facts`` and ``.article`` read and write it."""
    from gigatrack.store import open as open_store

    return open_store(os.fspath(db) if db is not None else None, create=create)


# ``open`` is public too, but left out of ``__all__`` so that ``from gigatrack import *`` keeps the builtin.
__all__ = [
    "Article",
    "Document",
    "Evidence",
    "Fact",
    "Mention",
    "Money",
    "Place",
    "__version__",
    "extract_html",
    "extract_text",
    "process_text",
]

"""HTML pages to main text through trafilatura, one paragraph per block, blank lines between."""

from __future__ import annotations

from trafilatura import bare_extraction
from trafilatura.xml import xmltotxt

from gigatrack.ingest.page_meta import page_title
from gigatrack.model import Cleaned


def clean_html(html: str, title: str | None = None) -> Cleaned:
    """The article body of an HTML page (paragraphs separated by blank lines) and its title.

    ``title`` is the article's known title; without one, the page's own (og:title, <title>) is read.
    """
    # fast=True skips trafilatura's fallback extractors: on the 181-page benchmark that is both
    # faster (1.7 s against 2.6 s) and slightly better (F1 0.962 against 0.960).
    document = bare_extraction(html, output_format="txt", include_comments=False, fast=True)
    text = ""
    if document is not None and not isinstance(document, dict) and document.body is not None:
        blocks = (xmltotxt(block, False) for block in document.body)
        text = "\n\n".join(block.strip() for block in blocks if block and block.strip())
    return Cleaned(text=text, title=title or page_title(html))

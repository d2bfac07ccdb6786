"""HTML pages to main text through trafilatura, one paragraph per block, blank lines between."""

from __future__ import annotations

import html as html_entities
import re

from trafilatura import bare_extraction
from trafilatura.xml import xmltotxt

from gigatrack.model import Cleaned

_META_TITLE = re.compile(
    r"""<meta\s[^>]*?(?:property|name)\s*=\s*["'](?:og:title|twitter:title)["'][^>]*>""", re.I
)
_CONTENT_ATTRIBUTE = re.compile(r"""\scontent\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_TITLE_ELEMENT = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.I)
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


def clean_html(html: str) -> Cleaned:
    """The article body of an HTML page (paragraphs separated by blank lines) and its title."""
    document = bare_extraction(html, output_format="txt", include_comments=False)
    text = ""
    if document is not None and not isinstance(document, dict) and document.body is not None:
        blocks = (xmltotxt(block, False) for block in document.body)
        text = "\n\n".join(block.strip() for block in blocks if block and block.strip())
    return Cleaned(text=text, title=page_title(html))


def page_title(html: str) -> str | None:
    """The page's og:/twitter: title, else its <title> element; None when it has neither."""
    head_end = _HEAD_END.search(html)
    head = html[: head_end.start()] if head_end else html[:65536]
    for tag in _META_TITLE.finditer(head):
        content = _CONTENT_ATTRIBUTE.search(tag.group(0))
        if content is not None:
            title = _tidy(content.group(1) if content.group(1) is not None else content.group(2))
            if title:
                return title
    element = _TITLE_ELEMENT.search(head)
    return _tidy(_TAGS.sub("", element.group(1))) or None if element else None


def _tidy(text: str) -> str:
    return _SPACES.sub(" ", html_entities.unescape(text)).strip()

"""An HTML page's own url, title and publication date, read from its tags by regex, without a parse.

Titles: og:title, twitter:title, JSON-LD headline, then <title> without a site-name suffix.
Dates: article:/og:published_time, JSON-LD datePublished, itemprop datePublished, common date
meta names, the first <time datetime>; only a page with none of these is parsed, by htmldate,
for a date in its markup or URL. URLs: og:url, then <link rel="canonical">, absolute http(s) only.
"""

from __future__ import annotations

import datetime as dt
import html as html_entities
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from functools import cached_property
from typing import Any

from gigatrack.ingest.metadata import Metadata

_TAG = re.compile(r"<(meta|link|time)\b([^>]*)>", re.I)
# Attribute names are lower case in practice; a case-sensitive search is ten times faster here.
_ITEMPROP_DATE = re.compile(r"itemprop\s*=\s*[\"']?datePublished\b")
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_JSON_LD_OPEN = re.compile(r"""<script\b[^>]*?\btype\s*=\s*["']?application/ld\+json\b[^>]*>""", re.I)
_SCRIPT_CLOSE = re.compile(r"</script\s*>", re.I)
_TITLE_ELEMENT = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.I)
_MARKUP = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
_HTTP_URL = re.compile(r"https?://[^\s/]+\.[^\s]*", re.I)
_MAX_HEAD_CHARS = 65536

# Meta keys (property or name, lower case) by how much a date under them is trusted.
_PUBLISHED_TIME_KEYS = ("article:published_time", "og:published_time", "article:published")
_OTHER_DATE_KEYS = (
    "pubdate", "publishdate", "publish-date", "publish_date", "date", "dc.date.issued", "dc.date",
    "dcterms.created", "parsely-pub-date", "sailthru.date", "article.published",
)
_TITLE_KEYS = ("og:title", "twitter:title")
_ARTICLE_TYPES = re.compile(r"(?i)article|posting|report")

_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_SLASHED_DAY = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})(?![\d])")
_COMPACT_DAY = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T|\b)")
_MIN_YEAR, _MAX_YEAR = 1990, 2100

_PIPE = " | "
_SUFFIX_DASHES = re.compile(r"\s+[-–—]\s+(?=[^-–—]+$)")
_MAX_SITE_NAME_WORDS = 3


@dataclass(slots=True)
class _PageTags:
    """The metadata-bearing tags of a page, keyed by their lower-cased property or name."""

    meta: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None
    first_time: str | None = None


class _Page:
    """One page's metadata sources, each read on first use."""

    def __init__(self, html: str) -> None:
        self.html = html

    @cached_property
    def tags(self) -> _PageTags:
        return _scan_tags(self.html)

    @cached_property
    def linked_data(self) -> list[dict[str, Any]]:
        return _json_ld_objects(self.html)

    def title(self) -> str | None:
        return (
            _first_text(self.tags.meta.get(key) for key in _TITLE_KEYS)
            or _first_text(map(html_entities.unescape, _linked_values(self.linked_data, "headline")))
            or _title_element(self.html)
        )

    def url(self) -> str | None:
        return _first_absolute_url((self.tags.meta.get("og:url"), self.tags.canonical))

    def published(self) -> dt.date | None:
        meta = self.tags.meta
        return (
            _first_date(meta.get(key) for key in _PUBLISHED_TIME_KEYS)
            or _first_date(_linked_values(self.linked_data, "datePublished"))
            or _first_date((_itemprop_date(self.html), *(meta.get(key) for key in _OTHER_DATE_KEYS)))
            or _first_date((self.tags.first_time,))
            or _date_in_markup_or_url(self.html, self.url())
        )


def read_page_metadata(html: str) -> Metadata:
    """The url, title and publication date that a page states about itself; None where it states none."""
    page = _Page(html)
    return Metadata(url=page.url(), title=page.title(), published=page.published())


def page_title(html: str) -> str | None:
    """The page's own title (og:title, twitter:title, JSON-LD headline, <title>); None when it has none."""
    return _Page(html).title()


def _scan_tags(html: str) -> _PageTags:
    tags = _PageTags()
    for match in _TAG.finditer(html):
        name = match.group(1).lower()
        attributes = _attributes(match.group(2))
        if name == "meta":
            key = attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or ""
            content = attributes.get("content")
            if key and content is not None:
                tags.meta.setdefault(key.lower(), content)
        elif name == "link":
            if tags.canonical is None and "canonical" in attributes.get("rel", "").lower().split():
                tags.canonical = attributes.get("href")
        elif name == "time" and tags.first_time is None:
            tags.first_time = attributes.get("datetime")
    return tags


def _itemprop_date(html: str) -> str | None:
    """The content or datetime attribute of the first tag marked itemprop="datePublished"."""
    match = _ITEMPROP_DATE.search(html)
    if match is None:
        return None
    start, end = html.rfind("<", 0, match.start()), html.find(">", match.end())
    if start < 0 or end < 0:
        return None
    attributes = _attributes(html[start + 1 : end])
    return attributes.get("content") or attributes.get("datetime")


def _attributes(text: str) -> dict[str, str]:
    attributes: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        value = next((group for group in match.group(2, 3, 4) if group is not None), "")
        attributes.setdefault(match.group(1).lower(), html_entities.unescape(value))
    return attributes


def _json_ld_objects(html: str) -> list[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD blocks, article-typed ones first."""
    found: list[dict[str, Any]] = []
    position = 0
    while (opening := _JSON_LD_OPEN.search(html, position)) is not None:
        closing = _SCRIPT_CLOSE.search(html, opening.end())
        if closing is None:  # an unclosed block: nothing after it can be JSON-LD either
            break
        position = closing.end()
        try:
            data = json.loads(html[opening.end() : closing.start()])
        except ValueError:
            continue
        found.extend(_objects(data))
    found.sort(key=lambda item: not _ARTICLE_TYPES.search(str(item.get("@type", ""))))
    return found


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _objects(graph)


def _linked_values(objects: list[dict[str, Any]], key: str) -> Iterator[str]:
    for item in objects:
        value = item.get(key)
        if isinstance(value, str):
            yield value


def _first_text(values: Iterable[str | None]) -> str | None:
    for value in values:
        if value is not None:
            text = _tidy(value)
            if text:
                return text
    return None


def _title_element(html: str) -> str | None:
    head_end = _HEAD_END.search(html, 0, _MAX_HEAD_CHARS)
    match = _TITLE_ELEMENT.search(html, 0, head_end.start() if head_end else _MAX_HEAD_CHARS)
    if match is None:
        return None
    title = _tidy(html_entities.unescape(_MARKUP.sub("", match.group(1))))
    return _without_site_name(title) or None


def _without_site_name(title: str) -> str:
    """"Plant opens | Battery Weekly" -> "Plant opens"; "Plant opens - Battery Weekly" likewise."""
    if _PIPE in title:
        return max(title.split(_PIPE), key=len).strip()
    parts = _SUFFIX_DASHES.split(title)
    if len(parts) == 2:
        head, suffix = parts
        words = suffix.split()
        site_like = all(word[0].isupper() or word[0].isdigit() for word in words)
        if len(words) <= _MAX_SITE_NAME_WORDS and site_like and len(head) > len(suffix):
            return head
    return title


def _tidy(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _first_date(values: Iterable[str | None]) -> dt.date | None:
    for value in values:
        if value:
            date = page_date(value)
            if date is not None:
                return date
    return None


def page_date(value: str) -> dt.date | None:
    """The calendar day of a date as pages write it (ISO, 2024/03/05, 20240305, RFC 2822); None if none.

    The day is the one written, not converted to UTC: 2024-03-05T23:30-05:00 is 5 March.
    """
    text = value.strip()
    for pattern in (_ISO_DAY, _SLASHED_DAY, _COMPACT_DAY):
        match = pattern.match(text)
        if match is not None:
            return _valid_day(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return _valid_day(parsed.year, parsed.month, parsed.day)


def _valid_day(year: int, month: int, day: int) -> dt.date | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _date_in_markup_or_url(html: str, url: str | None) -> dt.date | None:
    """htmldate's markup search (dates in bylines, date classes, the URL): a full parse, so only a fallback."""
    from htmldate import find_date  # only for pages without date metadata: a slow import
    found = find_date(html, url=url, extensive_search=False, original_date=True)
    return page_date(found) if isinstance(found, str) else None


def _first_absolute_url(values: tuple[str | None, ...]) -> str | None:
    for value in values:
        if value is not None:
            url = value.strip()
            if _HTTP_URL.fullmatch(url):
                return url
    return None

"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds, parsed with defusedxml: no DTD, no entities, no external reads.

A feed item that carries its article's body becomes an Article; an item with only a link is left
to a fetcher (nothing is fetched here).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as html_entities
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin
from xml.etree.ElementTree import Element, ParseError, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from gigatrack.ingest.errors import BadInput, ReadError
from gigatrack.ingest.page_meta import page_date
from gigatrack.model import Article

_ATOM = "{http://www.w3.org/2005/Atom}"
_RSS_1 = "{http://purl.org/rss/1.0/}"
_RSS_0_9 = "{http://my.netscape.com/rdf/simple/0.9/}"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_XHTML = "{http://www.w3.org/1999/xhtml}"
_MARKUP = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
_HTTP_URL = re.compile(r"https?://\S+", re.I)


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One feed item or entry: its id, link, title, date and, when the feed carries it, its body as HTML."""

    guid: str
    url: str | None
    title: str | None
    published: dt.date | None
    content: str | None


def parse_feed(data: bytes, source: str) -> list[FeedItem]:
    """The items of an RSS 2.0, RSS 1.0 or Atom feed, in feed order; raise BadInput for anything else.

    ``source`` is where the bytes came from: relative item links are resolved against the feed's own
    link, else against ``source`` when it is a URL. A DTD or entity declaration is refused, not expanded.
    """
    root = _parse_xml(data)
    if root.tag == "rss":
        channel = root.find("channel")
        if channel is None:
            raise BadInput("not an RSS feed: <rss> has no <channel>")
        base = _base(source, _text(channel.find("link")))
        return _items(_rss_item(item, "", base) for item in channel.iter("item"))
    if root.tag == f"{_RDF}RDF":
        for namespace in (_RSS_1, _RSS_0_9):
            channel = root.find(f"{namespace}channel")
            if channel is not None:
                base = _base(source, _text(channel.find(f"{namespace}link")))
                return _items(_rss_item(item, namespace, base) for item in root.iter(f"{namespace}item"))
        raise BadInput("not an RSS 1.0 feed: <rdf:RDF> has no RSS <channel>")
    if root.tag == f"{_ATOM}feed":
        base = _base(source, _atom_link(root))
        return _items(_atom_entry(entry, base) for entry in root.iter(f"{_ATOM}entry"))
    raise BadInput(f"not an RSS or Atom feed (the root element is <{_local_name(root.tag)}>)")


def read_feed_file(path: Path, *, published: dt.date | None, max_bytes: int) -> Iterator[Article | ReadError]:
    """Yield an Article (source PATH#N, the item's number) for each feed item that carries its body.

    Items with only a link yield nothing; ``published`` is the date of items that carry none. A file
    over ``max_bytes``, or one that is not a well-formed, safe feed, yields one ReadError.
    """
    try:
        items = parse_feed(_read_bytes(path, max_bytes), str(path))
    except BadInput as err:
        yield ReadError(str(path), str(err))
        return
    if not items:
        yield ReadError(str(path), "feed has no items")
    for number, item in enumerate(items, start=1):
        if item.content is not None:
            yield Article(
                id=_digest(item.guid),
                raw=item.content,
                kind="html",
                url=item.url,
                title=item.title,
                published=item.published or published,
                source=f"{path}#{number}",
            )


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BadInput(f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes")
        data = path.read_bytes()
    except OSError as err:
        raise BadInput(f"cannot read file ({err})") from err
    if not data.strip():
        raise BadInput("empty file: no feed")
    return data


def _parse_xml(data: bytes) -> Element:
    try:
        root: Element = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as err:
        problem = "a DTD or entity declaration, which could expand entities or read local files; feeds need neither"
        raise BadInput(f"refused: the XML has {problem} ({type(err).__name__})") from err
    except ParseError as err:
        raise BadInput(f"malformed XML ({err})") from err
    return root


def _base(source: str, feed_link: str | None) -> str:
    """The URL that relative item links are resolved against: the feed's link, else ``source`` if a URL."""
    return urljoin(source if _HTTP_URL.fullmatch(source) else "", feed_link or "")


def _items(items: Iterator[FeedItem | None]) -> list[FeedItem]:
    return [item for item in items if item is not None]


def _rss_item(item: Element, namespace: str, base: str) -> FeedItem | None:
    """An RSS 2.0 item (``namespace`` "") or an RSS 1.0 / 0.9 item; None when it holds nothing at all."""
    link = _text(item.find(f"{namespace}link"))
    guid_element = item.find("guid")
    guid = _text(guid_element) or item.get(f"{_RDF}about")
    permalink = guid_element is None or guid_element.get("isPermaLink", "true").lower() != "false"
    if link is None and guid is not None and permalink and _HTTP_URL.fullmatch(guid):
        link = guid
    body = _longest(_text(item.find(f"{_CONTENT}encoded")), _text(item.find(f"{namespace}description")))
    return _feed_item(
        guid=guid,
        url=urljoin(base, link) if link else None,
        title=_plain(_text(item.find(f"{namespace}title"))),
        published=_date(item.find("pubDate"), item.find(f"{_DC}date")),
        content=body,
    )


def _atom_entry(entry: Element, base: str) -> FeedItem | None:
    link = _atom_link(entry)
    content = entry.find(f"{_ATOM}content")
    return _feed_item(
        guid=_text(entry.find(f"{_ATOM}id")),
        url=urljoin(base, link) if link else None,
        title=_atom_title(entry.find(f"{_ATOM}title")),
        published=_date(entry.find(f"{_ATOM}published"), entry.find(f"{_ATOM}updated"), entry.find(f"{_DC}date")),
        content=_longest(
            _atom_html(content) if content is not None and content.get("src") is None else None,
            _atom_html(entry.find(f"{_ATOM}summary")),
        ),
    )


def _feed_item(
    *, guid: str | None, url: str | None, title: str | None, published: dt.date | None, content: str | None
) -> FeedItem | None:
    """The item, its guid falling back to its url, then to a digest of its title and body."""
    if guid is None and url is None and title is None and content is None:
        return None
    key = guid or url or _digest(f"{title or ''}\n{content or ''}")
    return FeedItem(guid=key, url=url, title=title, published=published, content=content)


def _atom_link(element: Element) -> str | None:
    """The href of the element's rel="alternate" link (a link without rel is one), else of its first link."""
    links = element.findall(f"{_ATOM}link")
    alternate = [link for link in links if link.get("rel", "alternate") == "alternate"]
    for link in alternate or links:
        href = (link.get("href") or "").strip()
        if href:
            return href
    return None


def _atom_html(element: Element | None) -> str | None:
    """An Atom text construct (text, html or xhtml) as HTML; None when empty or of another media type."""
    if element is None:
        return None
    kind = element.get("type", "text").lower()
    if kind in ("html", "text/html"):
        return _text(element)
    if kind in ("xhtml", "application/xhtml+xml"):
        return _xhtml(element)
    if kind == "text" or kind.startswith("text/"):
        text = _text(element)
        return html_entities.escape(text, quote=False) if text else None
    return None


def _atom_title(element: Element | None) -> str | None:
    if element is None:
        return None
    if element.get("type", "text").lower() == "xhtml":
        return _tidy("".join(element.itertext()))
    return _plain(_text(element))


def _xhtml(element: Element) -> str | None:
    """The markup inside an xhtml construct's <div>, without namespace prefixes."""
    for node in element.iter():
        if isinstance(node.tag, str) and node.tag.startswith(_XHTML):
            node.tag = node.tag[len(_XHTML) :]
    container = element.find("div")
    if container is None:
        container = element
    leading = html_entities.escape(container.text or "", quote=False)
    inner = leading + "".join(tostring(child, encoding="unicode") for child in container)
    return inner.strip() or None


def _text(element: Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def _plain(text: str | None) -> str | None:
    """A title as plain text: markup and (doubly escaped) entities removed, spaces collapsed."""
    if text is None:
        return None
    return _tidy(html_entities.unescape(_MARKUP.sub("", text)))


def _tidy(text: str) -> str | None:
    return _SPACES.sub(" ", text).strip() or None


def _longest(*bodies: str | None) -> str | None:
    return max((body for body in bodies if body is not None), key=len, default=None)


def _date(*elements: Element | None) -> dt.date | None:
    """The day of the first element whose text is a date (RFC 822 or ISO 8601)."""
    for element in elements:
        text = _text(element)
        if text is not None:
            date = page_date(text)
            if date is not None:
                return date
    return None


def _local_name(tag: str) -> str:
    return tag.rpartition("}")[2]


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

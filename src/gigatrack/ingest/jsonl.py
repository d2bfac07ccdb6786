"""JSON Lines feeds: one article record a line, each bad line its own ReadError."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from gigatrack.ingest.errors import BadInput, ReadError
from gigatrack.ingest.metadata import metadata_from_mapping
from gigatrack.ingest.page_meta import read_page_metadata
from gigatrack.model import Article, ContentKind

_CONTENT_KEYS: tuple[tuple[str, ContentKind], ...] = (("text", "text"), ("html", "html"))


def read_jsonl_lines(
    lines: Iterable[bytes], source: str, *, published: dt.date | None, max_bytes: int
) -> Iterator[Article | ReadError]:
    """Yield one Article (or ReadError naming SOURCE:LINE) per non-blank line of a JSONL feed."""
    records = 0
    for number, line in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if len(line) > max_bytes:
            yield ReadError(where, f"record is {len(line):,} bytes, over the limit of {max_bytes:,} bytes")
            continue
        if not line.strip():
            continue
        records += 1
        try:
            yield _article_from_line(line, where, published)
        except BadInput as err:
            yield ReadError(where, str(err))
    if records == 0:
        yield ReadError(source, "empty file: no JSONL records")


def _article_from_line(line: bytes, where: str, published: dt.date | None) -> Article:
    try:
        record = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise BadInput(f"malformed JSONL line: not UTF-8 ({err.reason})") from err
    except json.JSONDecodeError as err:
        raise BadInput(f"malformed JSONL line: {err.msg} at column {err.colno}") from err
    if not isinstance(record, dict):
        raise BadInput(f"malformed JSONL line: expected a JSON object, got {type(record).__name__}")
    kind, raw = _content(record)
    meta = metadata_from_mapping(record)
    if kind == "html" and not meta.complete:
        meta = meta.or_else(read_page_metadata(raw))
    return Article(
        id=_record_id(record, meta.url, raw),
        raw=raw,
        kind=kind,
        url=meta.url,
        title=meta.title,
        published=meta.published or published,
        source=where,
    )


def _content(record: dict[str, Any]) -> tuple[ContentKind, str]:
    for key, kind in _CONTENT_KEYS:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise BadInput(f"{key!r} must be a string, not {type(value).__name__}")
        if not value.strip():
            raise BadInput(f"empty {key!r}")
        return kind, value
    raise BadInput("record has neither 'text' nor 'html'")


def _record_id(record: dict[str, Any], url: str | None, raw: str) -> str:
    value = record.get("id")
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is not None:
        raise BadInput(f"'id' must be a string or an integer, not {type(value).__name__}")
    return hashlib.sha256((url or raw).encode("utf-8")).hexdigest()[:16]

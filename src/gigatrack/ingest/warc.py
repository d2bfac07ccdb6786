"""WARC files (.warc, .warc.gz; Common Crawl CC-NEWS layout): one Article per HTML or text page response.

Records are streamed with warcio, so memory stays flat for any file size. Only ``response``
records with HTTP status 200 and an HTML or plain-text Content-Type are articles; every other
record is skipped silently. Each item's source is ``PATH#OFFSET``, the record's offset in the file.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.statusandheaders import StatusAndHeadersParserException

from gigatrack.ingest.decode import decode_bytes
from gigatrack.ingest.errors import BadInput, ReadError
from gigatrack.ingest.metadata import Metadata
from gigatrack.ingest.page_meta import page_date, read_page_metadata
from gigatrack.model import Article, ContentKind

_MEDIA_KINDS: dict[str, ContentKind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}
# A server's default single-byte charset is often declared for pages that are really UTF-8; labels that
# the web reads as Windows-1252 are decoded as such (as browsers do).
_WINDOWS_1252_LABELS = frozenset({"ascii", "iso8859-1"})
_WIDE_CODECS = ("utf-16", "utf-32")
_ARCHIVE_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, OSError, EOFError, zlib.error)
# A body holding the end of its record and the start of the next: its Content-Length is too long.
_NEXT_RECORD = re.compile(rb"\r\n\r\nWARC/1\.[01]\r\n")
_SPACES = re.compile(r"\s+")
_MAX_MESSAGE_CHARS = 200


def read_warc(path: Path, *, published: dt.date | None, max_bytes: int) -> Iterator[Article | ReadError]:
    """Yield an Article (or a ReadError naming PATH#OFFSET) for each article record of a WARC file.

    A page's own metadata gives its title and date; ``published``, then the WARC-Date, is the date
    fallback. A record body over ``max_bytes`` is refused without being read. A corrupt record is
    reported and reading goes on where warcio finds the next record, else the file ends with one error.
    """
    try:
        stream = path.open("rb")
    except OSError as err:
        yield ReadError(str(path), f"cannot read file ({err})")
        return
    with stream:
        yield from _read_records(stream, path, published, max_bytes)


def _read_records(
    stream: IO[bytes], path: Path, published: dt.date | None, max_bytes: int
) -> Iterator[Article | ReadError]:
    records = ArchiveIterator(stream)
    records.INC_RECORD = ""  # warcio prints this warning for a wrong Content-Length; a ReadError reports it instead
    seen = candidates = 0
    try:
        for record in records:
            seen += 1
            media = _article_media(record)
            if media is not None:
                candidates += 1
            item = _read_record(records, record, media, path, published, max_bytes)
            if item is not None:
                yield item
    except _ARCHIVE_ERRORS as err:
        if seen == 0:
            yield ReadError(str(path), f"not a WARC file ({_message(err)})")
        else:
            problem = f"corrupt record, the rest of the file is skipped ({_message(err)})"
            yield ReadError(f"{path}#{records.offset}", problem)
        return
    if records.offset < os.fstat(stream.fileno()).st_size:
        yield ReadError(f"{path}#{records.offset}", "corrupt or truncated data after the last whole record")
    elif candidates == 0:
        yield ReadError(str(path), "no article records (HTML or text responses with HTTP status 200)")


def _read_record(
    records: Any,
    record: Any,
    media: tuple[ContentKind, str | None] | None,
    path: Path,
    published: dt.date | None,
    max_bytes: int,
) -> Article | ReadError | None:
    """The record's Article, a ReadError for a bad record, or None for a record that is no article.

    ``media`` is the record's (content kind, HTTP charset), None when it is no article record.
    """
    warnings_before = records.err_count
    body: bytes | None = None
    problem: str | None = None
    if media is not None:
        try:
            body = _body(record, max_bytes)
        except BadInput as err:
            problem = str(err)
    offset = records.get_record_offset()  # reads the rest of the record, in blocks
    where = f"{path}#{offset}"
    problem = _framing_problem(record, records.err_count > warnings_before) or problem
    if problem is not None:
        return ReadError(where, problem)
    if media is None or body is None:
        return None
    kind, charset = media
    try:
        return _article(record, _decode(body, charset, html=kind == "html"), kind, where, published)
    except BadInput as err:
        return ReadError(where, str(err))


def _article_media(record: Any) -> tuple[ContentKind, str | None] | None:
    """(content kind, HTTP charset) of a 200 response with an HTML or text body; None for any other record."""
    headers = record.http_headers
    if record.rec_type != "response" or headers is None or headers.get_statuscode() != "200":
        return None
    media_type, _, parameters = str(headers.get_header("Content-Type") or "").partition(";")
    kind = _MEDIA_KINDS.get(media_type.strip().lower())
    if kind is None:
        return None
    charset = None
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return kind, charset


def _body(record: Any, max_bytes: int) -> bytes:
    """The HTTP body (transfer and content encodings undone), refused when over ``max_bytes``."""
    if record.payload_length > max_bytes:
        raise BadInput(f"record body is {record.payload_length:,} bytes, over the limit of {max_bytes:,} bytes")
    try:
        body: bytes = record.content_stream().read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as err:
        raise BadInput(f"cannot decompress the HTTP body ({_message(err)})") from err
    if len(body) > max_bytes:
        raise BadInput(f"record body is over {max_bytes:,} bytes uncompressed, the size limit")
    if _NEXT_RECORD.search(body):
        raise BadInput("wrong WARC Content-Length: the record runs on into the next record")
    return body


def _framing_problem(record: Any, not_followed_by_blank_lines: bool) -> str | None:
    """What is wrong with where the record ends, once it has been read to its end; None when nothing is."""
    declared = record.rec_headers.get_header("Content-Length")
    if declared is None or not str(declared).strip().isdigit():
        return f"bad WARC Content-Length {declared!r}: the record cannot be delimited"
    stream = record.raw_stream
    if isinstance(stream, LimitReader) and stream.limit > 0:
        return f"truncated record: the file ends {stream.limit:,} bytes short of its Content-Length"
    if not_followed_by_blank_lines:
        return "wrong WARC Content-Length: the record does not end where its Content-Length says"
    return None


def _decode(body: bytes, charset: str | None, *, html: bool) -> str:
    """Text in the HTTP charset when it is known and fits the bytes, else as decode_bytes finds it.

    Valid UTF-8 is read as UTF-8 whatever single-byte charset the server declared.
    """
    codec = _codec(charset)
    if codec is not None and (codec.startswith(_WIDE_CODECS) or not _is_utf8(body)):
        try:
            text = body.decode(codec)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            return decode_bytes(text.encode("utf-8"))  # the same checks for binary data as any other text
    return decode_bytes(body, html=html)


def _codec(charset: str | None) -> str | None:
    if charset is None:
        return None
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return None
    return "cp1252" if name in _WINDOWS_1252_LABELS else name


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _article(record: Any, raw: str, kind: ContentKind, where: str, published: dt.date | None) -> Article:
    if not raw.strip():
        raise BadInput("empty record: no text")
    uri = record.rec_headers.get_header("WARC-Target-URI")
    url = str(uri).strip() if uri else None
    meta = read_page_metadata(raw) if kind == "html" else Metadata()
    warc_date = record.rec_headers.get_header("WARC-Date")
    return Article(
        id=hashlib.sha256((url or raw).encode("utf-8")).hexdigest()[:16],
        raw=raw,
        kind=kind,
        url=url,
        title=meta.title,
        published=meta.published or published or (page_date(str(warc_date)) if warc_date else None),
        source=where,
    )


def _message(err: BaseException) -> str:
    text = _SPACES.sub(" ", str(err)).strip() or type(err).__name__
    return text if len(text) <= _MAX_MESSAGE_CHARS else text[: _MAX_MESSAGE_CHARS - 1] + "…"

"""Files and folders: a sorted recursive walk, one reader per file kind (text, HTML, JSONL, WARC, feed), sidecars."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from gigatrack.ingest.decode import decode_bytes
from gigatrack.ingest.errors import BadInput, ReadError
from gigatrack.ingest.feeds import read_feed_file
from gigatrack.ingest.jsonl import read_jsonl_lines
from gigatrack.ingest.metadata import Metadata, read_sidecar
from gigatrack.ingest.page_meta import read_page_metadata
from gigatrack.ingest.warc import read_warc
from gigatrack.model import Article, ContentKind

MAX_ARTICLE_BYTES = 10 * 1024 * 1024
SIDECAR_SUFFIX = ".meta.json"
# (name ending, content kind or "jsonl", "warc", "feed", gzip-compressed); longest endings first.
_FILE_KINDS: tuple[tuple[str, str, bool], ...] = (
    (".jsonl.gz", "jsonl", True),
    (".warc.gz", "warc", True),
    (".html.gz", "html", True),
    (".htm.gz", "html", True),
    (".txt.gz", "text", True),
    (".jsonl", "jsonl", False),
    (".html", "html", False),
    (".htm", "html", False),
    (".warc", "warc", False),
    (".atom", "feed", False),
    (".txt", "text", False),
    (".rss", "feed", False),
    (".rdf", "feed", False),
    (".xml", "feed", False),
)
_KINDS_TEXT = ".txt, .html, .htm, .jsonl (or .gz), .warc(.gz), .rss, .atom, .rdf, .xml"
_GZIP_ERRORS = (OSError, EOFError, zlib.error)
_FEED_SNIFF_BYTES = 4096


def read_paths(
    paths: Iterable[str | os.PathLike[str]], *, published: dt.date | None, max_bytes: int
) -> Iterator[Article | ReadError]:
    """Yield the articles of each path in turn: a file, or every article file under a folder."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _read_folder(path, published, max_bytes)
        elif path.is_file():
            if _file_kind(path) is None:
                yield ReadError(str(path), f"not an article file: expected {_KINDS_TEXT}")
            else:
                yield from _read_file(path, published, max_bytes)
        else:
            yield ReadError(str(path), "no such file or directory")


def _read_folder(folder: Path, published: dt.date | None, max_bytes: int) -> Iterator[Article | ReadError]:
    found = False
    for path in _walk(folder):
        found = True
        yield from _read_file(path, published, max_bytes)
    if not found:
        yield ReadError(str(folder), f"no articles ({_KINDS_TEXT}) in this folder")


def _walk(folder: Path) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif entry.is_file() and _file_kind(path) is not None and _walked(path):
            yield path


def _walked(path: Path) -> bool:
    """Is a file found in a folder read? A ``.xml`` file only when it opens like a feed: a folder of articles
    may hold other XML (sitemaps, metadata) that is no error; named on its own, any .xml is read as a feed."""
    if not path.name.lower().endswith(".xml"):
        return True
    try:
        with path.open("rb") as stream:
            head = stream.read(_FEED_SNIFF_BYTES).lower()
    except OSError:
        return True  # reading it will report the problem
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def _file_kind(path: Path) -> tuple[str, str, bool] | None:
    name = path.name.lower()
    if name.endswith(SIDECAR_SUFFIX):
        return None
    for ending, kind, compressed in _FILE_KINDS:
        if name.endswith(ending) and len(name) > len(ending):
            return ending, kind, compressed
    return None


def _read_file(path: Path, published: dt.date | None, max_bytes: int) -> Iterator[Article | ReadError]:
    file_kind = _file_kind(path)
    if file_kind is None:
        return
    ending, kind, compressed = file_kind
    if kind == "jsonl":
        yield from _read_jsonl_file(path, compressed, published, max_bytes)
        return
    if kind == "warc":
        yield from read_warc(path, published=published, max_bytes=max_bytes)
        return
    if kind == "feed":
        yield from read_feed_file(path, published=published, max_bytes=max_bytes)
        return
    content_kind: ContentKind = "html" if kind == "html" else "text"
    try:
        raw = decode_bytes(_read_bytes(path, compressed, max_bytes), html=content_kind == "html")
        if not raw.strip():
            raise BadInput("empty file: no text")
        stem = path.name[: -len(ending)]
        meta = _sidecar_metadata(path.with_name(stem + SIDECAR_SUFFIX))
    except BadInput as err:
        yield ReadError(str(path), str(err))
        return
    if content_kind == "html" and not meta.complete:
        meta = meta.or_else(read_page_metadata(raw))
    yield Article(
        id=stem,
        raw=raw,
        kind=content_kind,
        url=meta.url,
        title=meta.title,
        published=meta.published or published,
        source=str(path),
    )


def _read_bytes(path: Path, compressed: bool, max_bytes: int) -> bytes:
    try:
        if compressed:
            with gzip.open(path, "rb") as stream:
                data = stream.read(max_bytes + 1)
        else:
            size = path.stat().st_size
            if size > max_bytes:
                raise BadInput(f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes")
            data = path.read_bytes()
    except _GZIP_ERRORS as err:
        if compressed and not isinstance(err, PermissionError):
            raise BadInput(f"corrupt or truncated gzip file ({err})") from err
        raise BadInput(f"cannot read file ({err})") from err
    if len(data) > max_bytes:
        raise BadInput(f"file is over {max_bytes:,} bytes uncompressed, the size limit")
    if not data:
        raise BadInput("empty file: no text")
    return data


def _sidecar_metadata(sidecar: Path) -> Metadata:
    if not sidecar.is_file():
        return Metadata()
    try:
        return read_sidecar(sidecar)
    except BadInput as err:
        raise BadInput(f"{err}; article skipped") from err


def _read_jsonl_file(
    path: Path, compressed: bool, published: dt.date | None, max_bytes: int
) -> Iterator[Article | ReadError]:
    try:
        if path.stat().st_size == 0:
            yield ReadError(str(path), "empty file: no JSONL records")
            return
        with gzip.open(path, "rb") if compressed else path.open("rb") as stream:
            yield from read_jsonl_lines(stream, str(path), published=published, max_bytes=max_bytes)
    except _GZIP_ERRORS as err:
        problem = "corrupt or truncated gzip file" if compressed else "cannot read file"
        yield ReadError(str(path), f"{problem} ({err})")


"""Reading WARC files (CC-NEWS layout): article records only, charsets, metadata, and damaged files."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from gigatrack.cli.main import cli
from gigatrack.ingest import MAX_ARTICLE_BYTES, ReadError, read_articles
from gigatrack.ingest.warc import read_warc
from gigatrack.model import Article

ZURICH_URL = "https://news.example.com/2024/zurich-cathode-plant"
SKODA_URL = "https://auto.example.org/skoda-battery-assembly"
TEXT_URL = "https://wire.example.net/northvolt-update.txt"
# Latin-1, with the charset only in the HTTP header.
ZURICH_PAGE = (
    "<html><head><title>Cathode plant | Example News</title>"
    "<meta property='og:title' content='Cathode plant opens near Zürich'>"
    "<meta property='article:published_time' content='2024-03-05T09:00:00+01:00'></head>"
    "<body><p>A cathode plant near Zürich will make 20,000 tonnes a year.</p></body></html>\r\n"
).encode("latin-1")
# Declared UTF-8 in the HTTP header, but written in Windows-1252 ("Š" is 0x8A there).
SKODA_PAGE = (
    "<html><head><title>Škoda starts battery assembly</title></head>"
    "<body><p>Škoda Auto started assembling battery systems in Mladá Boleslav.</p></body></html>\r\n"
).encode("cp1252")
TEXT_PAGE = "Northvolt said its Skellefteå plant reached 16 GWh of capacity.\r\n".encode()
WARC_DATE = "2024-05-06T10:11:12Z"
CATL_PAGE = (
    b"<html><head><title>CATL signs cell deal with Volvo Cars</title></head><body><article>"
    b"<h1>CATL signs cell deal with Volvo Cars</h1>"
    b"<p>Contemporary Amperex Technology (CATL) will supply Volvo Cars with LFP battery cells from next year, "
    b"the two companies said on Monday.</p></article></body></html>\r\n"
)


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                       http_headers=headers, warc_headers_dict={"WARC-Date": WARC_DATE})
    writer.write_record(record)


def _request(writer: WARCWriter, url: str) -> None:
    headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.com")], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", http_headers=headers))


def _write_warc(path: Path, pages: list[tuple[str, bytes, str]], *, extras: bool = True) -> Path:
    """A WARC (gzipped per record when PATH ends in .gz) of 200 responses, with records to skip when EXTRAS."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        if extras:
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
            _request(writer, ZURICH_URL)
            _response(writer, "https://news.example.com/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
            _response(writer, "https://news.example.com/gone", b"<html>not found</html>", "text/html", "404 Not Found")
        for url, body, content_type in pages:
            _response(writer, url, body, content_type)
    return path


PAGES = [
    (ZURICH_URL, ZURICH_PAGE, "text/html; charset=ISO-8859-1"),
    (SKODA_URL, SKODA_PAGE, "text/html; charset=utf-8"),
    (TEXT_URL, TEXT_PAGE, "text/plain"),
]


def _split(items: list[Article | ReadError]) -> tuple[list[Article], list[ReadError]]:
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadError)]


def _url_id(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


@pytest.mark.parametrize("name", ["news.warc", "news.warc.gz"])
def test_article_records_become_articles_and_other_records_are_skipped(tmp_path: Path, name: str) -> None:
    path = _write_warc(tmp_path / name, PAGES)
    articles, errors = _split(list(read_articles([path])))
    assert errors == []
    assert [a.url for a in articles] == [ZURICH_URL, SKODA_URL, TEXT_URL]
    assert [a.id for a in articles] == [_url_id(ZURICH_URL), _url_id(SKODA_URL), _url_id(TEXT_URL)]
    assert [a.kind for a in articles] == ["html", "html", "text"]
    zurich, skoda, text = articles
    assert "A cathode plant near Zürich will make" in zurich.raw
    assert (zurich.title, zurich.published) == ("Cathode plant opens near Zürich", dt.date(2024, 3, 5))
    assert "Škoda Auto started assembling battery systems in Mladá Boleslav." in skoda.raw
    assert (skoda.title, skoda.published) == ("Škoda starts battery assembly", dt.date(2024, 5, 6))
    assert text.raw == TEXT_PAGE.decode()
    assert (text.title, text.published) == (None, dt.date(2024, 5, 6))


def test_source_names_the_record_offset_and_ids_are_stable(tmp_path: Path) -> None:
    path = _write_warc(tmp_path / "news.warc", PAGES)
    data = path.read_bytes()
    articles, _ = _split(list(read_warc(path, published=None, max_bytes=MAX_ARTICLE_BYTES)))
    for article in articles:
        assert article.source is not None and article.source.startswith(f"{path}#")
        offset = int(article.source.rpartition("#")[2])
        assert data[offset:].startswith(b"WARC/1.0\r\n")
        assert article.url is not None and article.url.encode() in data[offset : offset + 1000]
    gzipped = _write_warc(tmp_path / "news.warc.gz", PAGES)
    assert [a.id for a in articles] == [a.id for a in read_warc(gzipped, published=None, max_bytes=10_000)
                                        if isinstance(a, Article)]


def test_published_argument_comes_before_the_warc_date_but_after_the_page(tmp_path: Path) -> None:
    path = _write_warc(tmp_path / "news.warc", PAGES)
    fallback = dt.date(2021, 6, 1)
    articles, _ = _split(list(read_articles([path], published=fallback)))
    assert [a.published for a in articles] == [dt.date(2024, 3, 5), fallback, fallback]


def test_valid_utf8_wins_over_a_declared_single_byte_charset(tmp_path: Path) -> None:
    page = "<html><head><title>Škoda in Zürich</title></head><body><p>Škoda and Zürich.</p></body></html>"
    path = _write_warc(tmp_path / "news.warc", [(SKODA_URL, page.encode(), "text/html; charset=iso-8859-1")])
    [article] = list(read_articles([path]))
    assert isinstance(article, Article) and "Škoda and Zürich." in article.raw


@pytest.mark.parametrize("where", ["in the last record's headers", "in the last record's body"])
def test_truncated_gzip_gives_the_articles_before_it_then_one_error(tmp_path: Path, where: str) -> None:
    path = _write_warc(tmp_path / "news.warc.gz", PAGES)
    last = [a for a in read_warc(path, published=None, max_bytes=1000) if isinstance(a, Article)][-1]
    assert last.source is not None
    last_offset = int(last.source.rpartition("#")[2])
    data = path.read_bytes()
    cut = last_offset + 40 if where.endswith("headers") else len(data) - 30
    path.write_bytes(data[:cut])
    items = list(read_articles([path]))
    assert [i.url for i in items[:-1] if isinstance(i, Article)] == [ZURICH_URL, SKODA_URL]
    assert len(items) == 3 and isinstance(items[-1], ReadError)
    assert items[-1].source == f"{path}#{last_offset}"
    assert "truncated" in items[-1].problem


def _with_content_length(data: bytes, url: str, change: int) -> bytes:
    """DATA with the WARC Content-Length of URL's response record changed by CHANGE bytes."""
    record = data.rindex(b"WARC-Target-URI: " + url.encode())  # the response, after any request for URL
    start = data.index(b"Content-Length: ", record) + len(b"Content-Length: ")
    end = data.index(b"\r\n", start)
    return data[:start] + str(int(data[start:end]) + change).encode() + data[end:]


def test_a_slightly_wrong_content_length_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    path = _write_warc(tmp_path / "news.warc", PAGES)
    path.write_bytes(_with_content_length(path.read_bytes(), ZURICH_URL, -3))
    items = list(read_articles([path]))
    articles, errors = _split(items)
    assert [a.url for a in articles] == [SKODA_URL, TEXT_URL]
    [error] = errors
    assert error.source.startswith(f"{path}#") and "wrong WARC Content-Length" in error.problem


@pytest.mark.parametrize("change", [-len(SKODA_PAGE) - 20, 45])
def test_a_badly_wrong_content_length_ends_the_file_with_an_error(tmp_path: Path, change: int) -> None:
    path = _write_warc(tmp_path / "news.warc", PAGES)
    path.write_bytes(_with_content_length(path.read_bytes(), SKODA_URL, change))
    items = list(read_articles([path]))
    assert isinstance(items[0], Article) and items[0].url == ZURICH_URL
    assert not any(isinstance(item, Article) for item in items[1:])
    assert "Content-Length" in str(items[1])
    assert isinstance(items[-1], ReadError) and "the rest of the file is skipped" in items[-1].problem


def test_a_content_length_past_the_end_of_the_file_is_a_truncated_record(tmp_path: Path) -> None:
    path = _write_warc(tmp_path / "news.warc", PAGES)
    path.write_bytes(_with_content_length(path.read_bytes(), TEXT_URL, 5000))
    articles, errors = _split(list(read_articles([path])))
    assert [a.url for a in articles] == [ZURICH_URL, SKODA_URL]
    [error] = errors
    assert error.problem.startswith("truncated record: the file ends 4,9")  # the 5,000 less the blank lines read
    assert error.problem.endswith("bytes short of its Content-Length")


def _write_big_body(path: Path, size: int) -> None:
    chunk = b"<p>" + b"The plant will make cathode material. " * 100 + b"</p>\n"
    with path.open("wb") as stream:
        stream.write(b"<html><head><title>Big page</title></head><body>\n")
        written = 0
        while written < size:
            written += stream.write(chunk)
        stream.write(b"</body></html>\n")


def test_a_record_over_the_size_limit_is_refused_without_reading_it_into_memory(tmp_path: Path) -> None:
    body = tmp_path / "big.html"
    _write_big_body(body, 50 * 1024 * 1024)
    path = tmp_path / "big.warc"
    with path.open("wb") as stream, body.open("rb") as payload:
        writer = WARCWriter(stream, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.com/big", "response", payload=payload,
                                                      length=body.stat().st_size, http_headers=headers))
        _response(writer, TEXT_URL, TEXT_PAGE, "text/plain")
    body.unlink()
    tracemalloc.start()
    try:
        items = list(read_articles([path]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024
    error, article = items
    assert isinstance(error, ReadError) and error.source == f"{path}#0"
    assert error.problem.startswith("record body is 52,") and "over the limit of 10,485,760 bytes" in error.problem
    assert isinstance(article, Article) and article.url == TEXT_URL


def test_an_http_body_that_decompresses_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "news.warc"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                                   protocol="HTTP/1.1")
        payload = io.BytesIO(gzip.compress(b"<p>" + b"a" * 5000 + b"</p>"))
        record = writer.create_warc_record(SKODA_URL, "response", payload=payload, length=len(payload.getvalue()),
                                           http_headers=headers)
        writer.write_record(record)
    [error] = list(read_warc(path, published=None, max_bytes=1000))
    assert isinstance(error, ReadError)
    assert error.problem == "record body is over 1,000 bytes uncompressed, the size limit"


@pytest.mark.parametrize("name", ["empty.warc", "empty.warc.gz", "skipped-only.warc.gz"])
def test_a_warc_without_article_records_gives_one_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.startswith("empty"):
        path.write_bytes(b"")
    else:
        _write_warc(path, [])
    assert [str(item) for item in read_articles([path])] == [
        f"{path}: no article records (HTML or text responses with HTTP status 200)"
    ]


def test_a_file_that_is_not_a_warc_gives_one_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("just some notes\nabout batteries\n", encoding="utf-8")
    [error] = list(read_articles([path]))
    assert isinstance(error, ReadError) and error.problem.startswith("not a WARC file")


def test_extract_command_reads_a_warc_end_to_end(tmp_path: Path) -> None:
    path = _write_warc(tmp_path / "cc-news.warc.gz", [("https://example.com/catl-volvo", CATL_PAGE, "text/html")])
    result = CliRunner().invoke(cli, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["id"], record["url"]) == (_url_id("https://example.com/catl-volvo"), "https://example.com/catl-volvo")
    assert (record["title"], record["published"]) == ("CATL signs cell deal with Volvo Cars", "2024-05-06")
    assert [(f["type"], f["supplier"], f["customer"]) for f in record["facts"]] == [
        ("supply_agreement", "Contemporary Amperex Technology", "Volvo Cars")
    ]

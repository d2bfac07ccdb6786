"""Reading articles from files, folders and JSONL feeds, with bad input reported per item."""

from __future__ import annotations

import datetime as dt
import gzip
import inspect
import json
from pathlib import Path

import pytest

from gigatrack.ingest import MAX_ARTICLE_BYTES, ReadError, read_articles
from gigatrack.ingest.metadata import Metadata
from gigatrack.ingest.page_meta import page_date, page_title, read_page_metadata
from gigatrack.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
FOLDER = FIXTURES / "folder"
BAD = FIXTURES / "bad"
PAGES = FIXTURES / "pages"


def _articles(items: list[Article | ReadError]) -> dict[str, Article]:
    return {item.id: item for item in items if isinstance(item, Article)}


def _errors(items: list[Article | ReadError]) -> list[str]:
    return [str(item) for item in items if isinstance(item, ReadError)]


def _only_error(path: Path, **kwargs: int) -> str:
    items = list(read_articles([path], **kwargs))
    assert len(items) == 1 and isinstance(items[0], ReadError), items
    assert items[0].source == str(path)
    return items[0].problem


def test_read_error_prints_source_and_problem() -> None:
    error = ReadError("feeds/a.jsonl:3", "malformed JSONL line")
    assert str(error) == "feeds/a.jsonl:3: malformed JSONL line"


def test_read_articles_is_a_lazy_generator() -> None:
    items = read_articles([FOLDER / "a-plant.txt", FIXTURES / "missing.txt"])
    assert inspect.isgenerator(items)
    first = next(items)
    assert isinstance(first, Article) and first.id == "a-plant"


def test_folder_is_walked_recursively_in_sorted_order() -> None:
    items = list(read_articles([FOLDER]))
    ids = [item.id for item in items if isinstance(item, Article)]
    assert ids == ["a-plant", "b-latin1", "c-utf16", "d-page", "feed-1", "2d395023221efc91", "f-cp1252"]
    assert items == list(read_articles([str(FOLDER)]))


def test_sidecar_supplies_url_title_and_date_and_bom_is_removed() -> None:
    article = _articles(list(read_articles([FOLDER / "a-plant.txt"])))["a-plant"]
    assert article.url == "https://example.com/nordvolt-tampere"
    assert article.title == "Nordvolt Cells plans 24 GWh plant"
    assert article.published == dt.date(2024, 3, 11)
    assert article.kind == "text"
    assert article.raw.startswith("Nordvolt Cells said on Monday")
    assert article.source == str(FOLDER / "a-plant.txt")


def test_published_argument_is_only_a_fallback() -> None:
    fallback = dt.date(2021, 6, 1)
    articles = _articles(list(read_articles([FOLDER], published=fallback)))
    assert articles["a-plant"].published == dt.date(2024, 3, 11)
    assert articles["b-latin1"].published == fallback
    assert articles["d-page"].published == dt.date(2023, 9, 5)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("b-latin1.txt", "Société Lithiale a signé un accord"),
        ("c-utf16.txt", "from 2025 – a deal worth ¥80 billion."),
        ("nested/f-cp1252.txt", "Ørsted Storage’s “Project Fjord” adds 1.2 GWh – enough"),
    ],
)
def test_legacy_encodings_are_decoded(name: str, expected: str) -> None:
    (article,) = list(read_articles([FOLDER / name]))
    assert isinstance(article, Article)
    assert expected in article.raw


def test_gzipped_html_is_read_as_html_with_its_stem_as_id() -> None:
    (article,) = list(read_articles([FOLDER / "d-page.html.gz"]))
    assert isinstance(article, Article)
    assert (article.id, article.kind, article.url) == ("d-page", "html", "https://example.com/harbour")
    assert article.title == "Harbour Batteries opens 8 GWh & LFP line"
    assert "<p>Harbour Batteries has started production" in article.raw


def test_jsonl_bad_lines_are_errors_and_good_lines_still_yield() -> None:
    items = list(read_articles([FOLDER / "e-feed.jsonl"], published=dt.date(2020, 1, 1)))
    articles = _articles(items)
    assert set(articles) == {"feed-1", "2d395023221efc91"}
    assert articles["feed-1"].published == dt.date(2022, 1, 20)
    assert articles["feed-1"].source == f"{FOLDER / 'e-feed.jsonl'}:1"
    derived = articles["2d395023221efc91"]
    assert (derived.kind, derived.published, derived.url) == ("html", dt.date(2020, 1, 1), "https://example.com/3")
    feed = FOLDER / "e-feed.jsonl"
    errors = _errors(items)
    assert [error.split(": ", 1)[0] for error in errors] == [f"{feed}:{n}" for n in (2, 5, 6, 7)]
    assert "malformed JSONL line" in errors[0]
    assert "bad date 'last tuesday'" in errors[1]
    assert "expected a JSON object" in errors[2]
    assert "neither 'text' nor 'html'" in errors[3]


def test_derived_jsonl_id_is_stable_and_depends_on_the_url(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [
        {"url": "https://example.com/a", "text": "Body A."},
        {"url": "https://example.com/b", "text": "Body A."},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    first = [item.id for item in read_articles([feed]) if isinstance(item, Article)]
    second = [item.id for item in read_articles([feed]) if isinstance(item, Article)]
    assert first == second and len(set(first)) == 2


def test_gzipped_jsonl_is_read(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl.gz"
    record = {"id": 7, "text": "Graphite prices fell.", "published": "2024-02-01T09:00:00Z"}
    feed.write_bytes(gzip.compress(json.dumps(record).encode("utf-8")))
    (article,) = list(read_articles([feed]))
    assert isinstance(article, Article)
    assert (article.id, article.published) == ("7", dt.date(2024, 2, 1))


def test_missing_path() -> None:
    assert _only_error(FIXTURES / "no-such-article.txt") == "no such file or directory"


def test_folder_without_articles(tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("notes", encoding="utf-8")
    (tmp_path / "x.meta.json").write_text("{}", encoding="utf-8")
    assert _only_error(tmp_path) == (
        "no articles (.txt, .html, .htm, .jsonl (or .gz), .warc(.gz), .rss, .atom, .rdf, .xml) in this folder")


def test_unknown_extension_is_skipped_in_a_folder_but_an_error_when_named() -> None:
    assert not any("notes.md" in error for error in _errors(list(read_articles([FOLDER]))))
    assert "not an article file" in _only_error(FOLDER / "notes.md")
    assert "not an article file" in _only_error(FOLDER / "a-plant.meta.json")


@pytest.mark.parametrize("name", ["empty.txt", "blank.txt"])
def test_empty_file(name: str) -> None:
    assert _only_error(BAD / name).startswith("empty file")


def test_binary_file() -> None:
    assert "binary file" in _only_error(BAD / "binary.txt")


def test_oversized_file_names_its_size_and_the_limit() -> None:
    path = FOLDER / "a-plant.txt"
    size = path.stat().st_size
    problem = _only_error(path, max_bytes=100)
    assert f"{size:,} bytes" in problem and "limit of 100 bytes" in problem
    assert size < MAX_ARTICLE_BYTES


def test_oversized_gzip_is_refused_by_its_uncompressed_size() -> None:
    assert "over 200 bytes uncompressed" in _only_error(FOLDER / "d-page.html.gz", max_bytes=200)


def test_truncated_gzip_html() -> None:
    assert "corrupt or truncated gzip" in _only_error(BAD / "truncated.html.gz")


def test_truncated_gzip_jsonl_keeps_the_records_before_the_damage() -> None:
    items = list(read_articles([BAD / "truncated.jsonl.gz"]))
    assert isinstance(items[0], Article) and items[0].id == "t-0"
    assert isinstance(items[-1], ReadError) and "corrupt or truncated gzip" in items[-1].problem


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("bad-json-sidecar.txt", "bad-json-sidecar.meta.json is not valid JSON"),
        ("bad-date-sidecar.txt", "bad date '31/02/2024'"),
        ("list-sidecar.txt", "list-sidecar.meta.json is not a JSON object"),
    ],
)
def test_malformed_sidecar(name: str, problem: str) -> None:
    assert problem in _only_error(BAD / name)


def test_bad_folder_reports_every_item_and_continues() -> None:
    items = list(read_articles([BAD, FOLDER / "a-plant.txt"]))
    assert isinstance(items[-1], Article)
    assert sum(isinstance(item, ReadError) for item in items) == 8


def test_oversized_jsonl_record(tmp_path: Path) -> None:
    feed = tmp_path / "big.jsonl"
    feed.write_text(json.dumps({"id": "big", "text": "x" * 500}) + "\n" + '{"id": "ok", "text": "Fine."}\n')
    items = list(read_articles([feed], max_bytes=100))
    assert isinstance(items[0], ReadError) and items[0].source == f"{feed}:1"
    assert "over the limit of 100 bytes" in items[0].problem
    assert isinstance(items[1], Article) and items[1].id == "ok"


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes('<html><head><meta charset="windows-1251"></head><body><p>Литий</p></body></html>'
                     .encode("cp1251"))
    (article,) = list(read_articles([page]))
    assert isinstance(article, Article) and "Литий" in article.raw


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2022-03", dt.date(2022, 3, 1)), ("2019", dt.date(2019, 1, 1)), (None, None), ("", None)],
)
def test_partial_and_missing_dates(tmp_path: Path, published: str | None, expected: dt.date | None) -> None:
    (tmp_path / "a.txt").write_text("Sunwoda announced a plant.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": published}), encoding="utf-8")
    (article,) = list(read_articles([tmp_path]))
    assert isinstance(article, Article) and article.published == expected


def test_impossible_month_is_a_bad_date(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Sunwoda announced a plant.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2022-13"}), encoding="utf-8")
    assert "bad date '2022-13'" in _only_error(tmp_path / "a.txt")


def test_datetime_and_rfc2822_dates_in_sidecars(tmp_path: Path) -> None:
    for stem, published in (("iso", "2024-07-19 17:56:26"), ("rfc", "Fri, 19 Jul 2024 08:00:00 GMT")):
        (tmp_path / f"{stem}.txt").write_text("Tesla signed a storage deal.", encoding="utf-8")
        (tmp_path / f"{stem}.meta.json").write_text(json.dumps({"published": published}), encoding="utf-8")
    articles = _articles(list(read_articles([tmp_path])))
    assert {a.published for a in articles.values()} == {dt.date(2024, 7, 19)}


def test_html_page_without_sidecar_takes_its_metadata_from_the_page() -> None:
    (article,) = list(read_articles([PAGES / "cathode-plant.html"], published=dt.date(2020, 1, 1)))
    assert isinstance(article, Article)
    assert article.title == "Borealis Materials starts 30,000-tonne cathode plant in Oulu"
    assert article.url == "https://example.com/materials/borealis-oulu-cathode"
    assert article.published == dt.date(2024, 10, 2)


def test_jsonl_html_record_fields_win_and_the_page_fills_the_rest(tmp_path: Path) -> None:
    page = (PAGES / "cathode-plant.html").read_text(encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    records = [{"id": "bare", "html": page}, {"id": "titled", "title": "Oulu plant opens", "html": page}]
    feed.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    articles = _articles(list(read_articles([feed])))
    assert articles["bare"].title == "Borealis Materials starts 30,000-tonne cathode plant in Oulu"
    assert articles["bare"].published == dt.date(2024, 10, 2)
    assert articles["bare"].url == "https://example.com/materials/borealis-oulu-cathode"
    assert (articles["titled"].title, articles["titled"].published) == ("Oulu plant opens", dt.date(2024, 10, 2))


def test_text_records_are_not_read_as_pages(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "t", "text": '<meta property="og:title" content="Not a page">'}))
    (article,) = list(read_articles([feed]))
    assert isinstance(article, Article) and article.title is None


HEAD = "<html><head>{}</head><body><p>Volta Cells opened a plant.</p></body></html>"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<meta property="og:title" content="Volta opens plant"><meta name="twitter:title" content="T">'
            '<meta property="og:url" content="https://example.com/volta">'
            '<meta property="article:published_time" content="2024-03-05T23:30:00-05:00">',
            Metadata("https://example.com/volta", "Volta opens plant", dt.date(2024, 3, 5)),
        ),
        (
            "<meta content='Cell deal &amp; more &amp;amp;' name='twitter:title'><title>Site</title>"
            "<meta content='2023-06-01' property='og:published_time'>",
            Metadata(None, "Cell deal & more &amp;", dt.date(2023, 6, 1)),
        ),
        (
            '<title>Volta opens plant | Grid Weekly</title><link href="/volta" rel="canonical">'
            '<meta itemprop="datePublished" content="2022-11-30">',
            Metadata(None, "Volta opens plant", dt.date(2022, 11, 30)),
        ),
        (
            '<title>Volta opens plant - Grid Weekly</title><meta name="pubdate" content="20210714">'
            '<link rel="canonical" href="https://example.com/c"><meta property="og:url" content="/relative">',
            Metadata("https://example.com/c", "Volta opens plant", dt.date(2021, 7, 14)),
        ),
        (
            '<title>Lithium prices - what comes next</title><meta name="date" content="last week">'
            '<time datetime="2020-02-29T10:00">29 Feb</time>',
            Metadata(None, "Lithium prices - what comes next", dt.date(2020, 2, 29)),
        ),
        ("", Metadata()),
    ],
)
def test_read_page_metadata(head: str, expected: Metadata) -> None:
    assert read_page_metadata(HEAD.format(head)) == expected


def test_json_ld_article_date_beats_a_time_element_and_other_objects() -> None:
    page = (PAGES / "cathode-plant.html").read_text(encoding="utf-8")
    assert read_page_metadata(page).published == dt.date(2024, 10, 2)
    broken = '<script type="application/ld+json">{not json</script><time datetime="2019-05-06"></time>'
    assert read_page_metadata(HEAD.format(broken)).published == dt.date(2019, 5, 6)


def test_page_without_structured_date_falls_back_to_its_byline_or_url() -> None:
    byline = '<p class="byline date">Published March 5, 2024</p><p>Volta Cells opened a plant in Oulu.</p>'
    assert read_page_metadata(f"<html><body><article>{byline}</article></body></html>").published == (
        dt.date(2024, 3, 5)
    )
    dated_url = '<link rel="canonical" href="https://example.com/2023/08/17/volta-plant">'
    assert read_page_metadata(HEAD.format(dated_url)).published == dt.date(2023, 8, 17)


@pytest.mark.parametrize(
    ("html", "title"),
    [
        ("<head><title> Plant  news &amp; more </title></head>", "Plant news & more"),
        ("<head><meta name='twitter:title' content='Cell deal'><title>Site</title></head>", "Cell deal"),
        ('<script type="application/ld+json">{"headline": "Cell deal &amp; plan"}</script><title>S</title>',
         "Cell deal & plan"),
        ("<html><body><p>No title here</p><svg><title>icon</title></svg></body></html>", None),
    ],
)
def test_page_title(html: str, title: str | None) -> None:
    assert page_title(html) == title


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05T23:30:00-05:00", dt.date(2024, 3, 5)),
        ("2024-03-05T01:00:00.000Z", dt.date(2024, 3, 5)),
        ("Tue, 05 Mar 2024 10:00:00 GMT", dt.date(2024, 3, 5)),
        ("2024/3/5", dt.date(2024, 3, 5)),
        ("20240305", dt.date(2024, 3, 5)),
        ("2024-02-30", None),
        ("1970-01-01", None),
        ("1709251200", None),
        ("yesterday", None),
    ],
)
def test_page_date(value: str, expected: dt.date | None) -> None:
    assert page_date(value) == expected

"""RSS 2.0, RSS 1.0 and Atom feeds: items, dates, bodies, and hostile or broken XML refused."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from gigatrack.ingest import ReadError, read_articles
from gigatrack.ingest.errors import BadInput
from gigatrack.ingest.feeds import FeedItem, parse_feed, read_feed_file
from gigatrack.model import Article

RSS_2 = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Battery Weekly</title>
  <link>https://batteryweekly.example.com/</link>
  <item>
    <title>Nordvolt plans 24 GWh plant in Tampere</title>
    <link>https://batteryweekly.example.com/2024/nordvolt-tampere</link>
    <guid isPermaLink="false">bw-1001</guid>
    <pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate>
    <description>Nordvolt plans a plant.</description>
    <content:encoded><![CDATA[<p>Nordvolt Cells said on Monday it plans a 24 GWh plant in Tampere.</p>]]>
    </content:encoded>
  </item>
  <item>
    <title>AT&amp;amp;T-style title with &lt;b&gt;markup&lt;/b&gt;</title>
    <link>/2024/relative-link</link>
    <description>&lt;p&gt;Only a description, but a long one: Škoda will assemble packs.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Link only: no body in the feed</title>
    <guid>https://batteryweekly.example.com/2024/link-only</guid>
    <pubDate>Wed, 06 Mar 2024 08:00:00 GMT</pubDate>
  </item>
</channel>
</rss>
""".encode()

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Cell News</title>
  <link href="https://cells.example.org/"/>
  <id>urn:cells</id>
  <entry>
    <title type="html">Cathode plant opens near &lt;i&gt;Z&#252;rich&lt;/i&gt;</title>
    <link rel="self" href="https://cells.example.org/api/1"/>
    <link rel="alternate" href="https://cells.example.org/zurich-cathode"/>
    <id>tag:cells.example.org,2024:1</id>
    <updated>2024-04-02T10:00:00Z</updated>
    <published>2024-04-01T09:00:00+02:00</published>
    <summary>Short summary.</summary>
    <content type="html">&lt;p&gt;A cathode plant near Z&#252;rich will make 20,000 tonnes a year.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>XHTML body</title>
    <link href="https://cells.example.org/xhtml"/>
    <id>tag:cells.example.org,2024:2</id>
    <updated>2024-04-03T10:00:00Z</updated>
    <content type="xhtml">
      <div xmlns="http://www.w3.org/1999/xhtml">Intro &amp; <p>LFP cells for <b>Volvo</b>.</p></div>
    </content>
  </entry>
  <entry>
    <title>Plain text body</title>
    <id>tag:cells.example.org,2024:3</id>
    <content type="text">Capacity &lt; 5 GWh at first.</content>
  </entry>
  <entry>
    <title>Linked content only</title>
    <link href="https://cells.example.org/elsewhere"/>
    <id>tag:cells.example.org,2024:4</id>
    <content src="https://cells.example.org/elsewhere.html" type="text/html"/>
  </entry>
</feed>
"""

RSS_1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel rdf:about="https://rdf.example.net/">
    <title>RDF News</title>
    <link>https://rdf.example.net/</link>
    <items><rdf:Seq><rdf:li resource="https://rdf.example.net/a"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://rdf.example.net/a">
    <title>Sodium-ion line starts</title>
    <link>https://rdf.example.net/a</link>
    <dc:date>2024-02-29</dc:date>
    <description>Short.</description>
    <content:encoded>&lt;p&gt;A sodium-ion cell line started in Hefei.&lt;/p&gt;</content:encoded>
  </item>
  <item rdf:about="https://rdf.example.net/b">
    <title>No link element</title>
  </item>
</rdf:RDF>
"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY passwd SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>x</title><description>&passwd;</description></item></channel></rss>
"""

SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.com/</loc></url></urlset>
"""


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_rss_2_items_with_the_longest_body_dates_and_links() -> None:
    first, second, link_only = parse_feed(RSS_2, "feeds/battery-weekly.rss")
    assert first == FeedItem(
        guid="bw-1001",
        url="https://batteryweekly.example.com/2024/nordvolt-tampere",
        title="Nordvolt plans 24 GWh plant in Tampere",
        published=dt.date(2024, 3, 5),  # the day as written, not converted to UTC
        content="<p>Nordvolt Cells said on Monday it plans a 24 GWh plant in Tampere.</p>",
    )
    assert second.url == "https://batteryweekly.example.com/2024/relative-link"
    assert second.guid == second.url
    assert second.title == "AT&T-style title with markup"
    assert second.content == "<p>Only a description, but a long one: Škoda will assemble packs.</p>"
    assert second.published is None
    assert link_only == FeedItem(
        guid="https://batteryweekly.example.com/2024/link-only",
        url="https://batteryweekly.example.com/2024/link-only",
        title="Link only: no body in the feed",
        published=dt.date(2024, 3, 6),
        content=None,
    )


def test_atom_entries_with_html_xhtml_and_text_bodies() -> None:
    html, xhtml, text, linked = parse_feed(ATOM, "https://cells.example.org/feed.atom")
    assert html == FeedItem(
        guid="tag:cells.example.org,2024:1",
        url="https://cells.example.org/zurich-cathode",
        title="Cathode plant opens near Zürich",
        published=dt.date(2024, 4, 1),
        content="<p>A cathode plant near Zürich will make 20,000 tonnes a year.</p>",
    )
    assert (xhtml.published, xhtml.url) == (dt.date(2024, 4, 3), "https://cells.example.org/xhtml")
    assert xhtml.content == "Intro &amp; <p>LFP cells for <b>Volvo</b>.</p>"
    assert (text.content, text.url, text.published) == ("Capacity &lt; 5 GWh at first.", None, None)
    assert linked.content is None and linked.url == "https://cells.example.org/elsewhere"


def test_rss_1_rdf_items() -> None:
    item, bare = parse_feed(RSS_1, "rdf.rdf")
    assert item == FeedItem(
        guid="https://rdf.example.net/a",
        url="https://rdf.example.net/a",
        title="Sodium-ion line starts",
        published=dt.date(2024, 2, 29),
        content="<p>A sodium-ion cell line started in Hefei.</p>",
    )
    assert (bare.guid, bare.url, bare.content) == ("https://rdf.example.net/b", "https://rdf.example.net/b", None)


def test_relative_links_are_resolved_against_a_source_url_when_the_feed_has_no_link() -> None:
    feed = b"<rss><channel><item><link>/a/b</link><title>T</title></item></channel></rss>"
    [from_url] = parse_feed(feed, "https://news.example.com/feed/")
    [from_path] = parse_feed(feed, "feeds/news.rss")
    assert (from_url.url, from_path.url) == ("https://news.example.com/a/b", "/a/b")


def test_read_feed_file_yields_items_with_bodies_as_html_articles(tmp_path: Path) -> None:
    path = _write(tmp_path, "battery-weekly.rss", RSS_2)
    fallback = dt.date(2021, 6, 1)
    items = list(read_feed_file(path, published=fallback, max_bytes=1_000_000))
    assert all(isinstance(item, Article) for item in items)
    assert [(a.id, a.kind, a.published, a.source) for a in items if isinstance(a, Article)] == [
        (_digest("bw-1001"), "html", dt.date(2024, 3, 5), f"{path}#1"),
        (_digest("https://batteryweekly.example.com/2024/relative-link"), "html", fallback, f"{path}#2"),
    ]
    first = items[0]
    assert isinstance(first, Article)
    assert first.raw.startswith("<p>Nordvolt Cells said on Monday")
    assert (first.url, first.title) == ("https://batteryweekly.example.com/2024/nordvolt-tampere",
                                        "Nordvolt plans 24 GWh plant in Tampere")


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_entity_bombs_and_external_entities_are_refused_not_expanded(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(BadInput, match=r"^refused: the XML has a DTD or entity declaration") as caught:
        parse_feed(data, "evil.rss")
    assert "lollol" not in str(caught.value) and "root:" not in str(caught.value)
    path = _write(tmp_path, "evil.rss", data)
    [error] = list(read_articles([path]))
    assert isinstance(error, ReadError) and error.source == str(path) and error.problem.startswith("refused:")


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("broken.rss", b"<rss><channel><item><title>x</item></channel></rss>", "malformed XML (mismatched tag"),
        ("entity.rss", b"<rss><channel><item><title>a&nbsp;b</title></item></channel></rss>",
         "malformed XML (undefined entity"),
        ("sitemap.xml", SITEMAP, "not an RSS or Atom feed (the root element is <urlset>)"),
        ("no-channel.rss", b"<rss version='2.0'/>", "not an RSS feed: <rss> has no <channel>"),
        ("empty.atom", b"<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title></feed>", "feed has no items"),
        ("blank.xml", b"  \n", "empty file: no feed"),
    ],
)
def test_a_bad_feed_gives_one_error(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    path = _write(tmp_path, name, data)
    [error] = list(read_articles([path]))
    assert isinstance(error, ReadError) and error.source == str(path)
    assert error.problem.startswith(problem)


def test_a_feed_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.atom", ATOM)
    [error] = list(read_feed_file(path, published=None, max_bytes=100))
    assert isinstance(error, ReadError) and error.problem == f"file is {len(ATOM):,} bytes, over the limit of 100 bytes"


def test_a_folder_walk_picks_up_feed_files(tmp_path: Path) -> None:
    _write(tmp_path, "b-weekly.rss", RSS_2)
    _write(tmp_path, "a-note.txt", b"Nordvolt Cells opened a plant.\n")
    _write(tmp_path, "sub/c-cells.atom", ATOM)
    _write(tmp_path, "sub/d-rdf.rdf", RSS_1)
    _write(tmp_path, "sub/readme.md", b"# not an article")
    items = list(read_articles([tmp_path]))
    assert all(isinstance(item, Article) for item in items), items
    assert [item.source for item in items if isinstance(item, Article)] == [
        str(tmp_path / "a-note.txt"),
        f"{tmp_path / 'b-weekly.rss'}#1",
        f"{tmp_path / 'b-weekly.rss'}#2",
        f"{tmp_path / 'sub' / 'c-cells.atom'}#1",
        f"{tmp_path / 'sub' / 'c-cells.atom'}#2",
        f"{tmp_path / 'sub' / 'c-cells.atom'}#3",
        f"{tmp_path / 'sub' / 'd-rdf.rdf'}#1",
    ]


def test_a_folder_walk_reads_xml_files_only_when_they_are_feeds(tmp_path: Path) -> None:
    _write(tmp_path, "a-note.txt", b"Nordvolt Cells opened a plant.\n")
    _write(tmp_path, "sitemap.xml", SITEMAP)
    _write(tmp_path, "weekly.xml", RSS_2)
    items = list(read_articles([tmp_path]))
    assert all(isinstance(item, Article) for item in items), items
    assert {Path(item.source.split("#")[0]).name for item in items if isinstance(item, Article)} == {
        "a-note.txt", "weekly.xml"}
    [error] = list(read_articles([tmp_path / "sitemap.xml"]))  # named on its own, it is read and refused
    assert isinstance(error, ReadError) and error.problem.startswith("not an RSS or Atom feed")

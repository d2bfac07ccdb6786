"""``gigatrack ingest --urls / --feed`` and ``gigatrack watch`` against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gigatrack.cli.main import cli
from gigatrack.cli.watch_cmd import parse_every
from gigatrack.store import Store

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Samsung SDI to supply Rivian</title>
<meta property="article:published_time" content="2025-09-16T08:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/cells">Cells</a></nav>
<article><h1>Samsung SDI to supply Rivian</h1>
<p>Samsung SDI has signed a deal to supply prismatic battery cells to Rivian Automotive in a contract worth
2 trillion won, the companies said on Tuesday.</p>
<p>Under the agreement, Samsung SDI will deliver 20 GWh of cells a year from its plant in Kokomo, Indiana.</p>
</article><footer>Copyright Cell Wire</footer></body></html>"""
FULL_TEXT = ("<p>Gotion High-Tech said it has started building a battery pack plant in Manteno, Illinois, with "
             "an investment of $2 billion, the company said on Monday.</p>" + "<p>" + (
                 "The plant will make packs for energy storage systems and employ local workers. " * 24) + "</p>")


def rss(items: list[tuple[str, str, str | None]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Mon, 15 Sep 2025 08:00:00 GMT</pubDate>"
        + (f"<description><![CDATA[{body}]]></description>" if body else "") + "</item>"
        for title, link, body in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Cell Wire</title>'
            f"<link>http://cellwire.example/</link>{entries}</channel></rss>").encode()


class Site:
    """What the test server serves, and the paths it was asked for."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.requests: list[str] = []


@pytest.fixture
def site() -> Iterator[tuple[Site, str]]:
    served = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.requests.append(self.path)
            if self.path not in served.pages:
                self.send_error(404)
                return
            kind, body = served.pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def publish(served: Site, base: str, items: list[tuple[str, str, str | None]]) -> None:
    served.pages["/feed.xml"] = ("application/rss+xml", rss(items))
    served.pages["/sdi-rivian.html"] = ("text/html; charset=utf-8", PAGE.encode())


def test_ingest_a_feed_url_fetches_teasers_and_keeps_full_text(site: tuple[Site, str], tmp_path: Path) -> None:
    served, base = site
    publish(served, base, [("SDI to supply Rivian", f"{base}/sdi-rivian.html", "A short teaser."),
                           ("Gotion breaks ground", f"{base}/gotion.html", FULL_TEXT)])
    db = str(tmp_path / "kb.db")
    result = run("ingest", "--feed", f"{base}/feed.xml", "--db", db, "--allow-private", "--per-host-interval", "0")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 articles: 2 added")
    assert served.requests == ["/feed.xml", "/sdi-rivian.html"]  # the full-text item is not fetched
    with Store.open(db, create=False) as store:
        assert {f.type for f in store.facts()} >= {"supply_agreement", "facility"}
        assert [f.slots["customer"] for f in store.facts(type="supply_agreement")] == ["Rivian Automotive"]


def test_private_addresses_are_refused_unless_allowed(site: tuple[Site, str], tmp_path: Path) -> None:
    served, base = site
    publish(served, base, [("SDI", f"{base}/sdi-rivian.html", None)])
    result = run("ingest", "--feed", f"{base}/feed.xml", "--db", str(tmp_path / "kb.db"))
    assert result.exit_code == 1
    assert "refused" in result.output and "127.0.0.1" in result.output
    assert served.requests == []


def test_ingest_a_url_list(site: tuple[Site, str], tmp_path: Path) -> None:
    served, base = site
    publish(served, base, [])
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# cell makers\n{base}/sdi-rivian.html\n\nnot a url\n{base}/missing.html\n", encoding="utf-8")
    result = run("ingest", "--urls", str(urls), "--db", str(tmp_path / "kb.db"), "--allow-private",
                 "--per-host-interval", "0")
    assert result.exit_code == 1
    assert f"{urls}:4: not an http(s) URL" in result.output
    assert f"{base}/missing.html: " in result.output and "404" in result.output
    assert "3 articles: 1 added, 0 unchanged, 0 replaced, 2 failed" in result.output


def test_watch_ingests_only_new_items_and_survives_a_broken_feed(site: tuple[Site, str], tmp_path: Path) -> None:
    served, base = site
    publish(served, base, [("SDI", f"{base}/sdi-rivian.html", None)])
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# trade press\n{base}/feed.xml\n{base}/gone.xml\n", encoding="utf-8")
    db = str(tmp_path / "kb.db")
    args = ("watch", str(feeds), "--db", db, "--once", "--allow-private", "--per-host-interval", "0")
    first = run(*args)
    assert first.exit_code == 1  # gone.xml failed, the other feed was still read
    assert "poll 1: " + f"{base}/feed.xml: 1 new, 0 updated, 0 failed" in first.output
    assert f"poll 1: {base}/gone.xml: 0 new, 0 updated, 1 failed" in first.output
    assert f"{base}/gone.xml: HTTP 404" in first.output
    served.requests.clear()
    second = run(*args)
    assert "poll 1 done: 2 feeds, 0 new articles" in second.output
    assert served.requests == ["/feed.xml", "/gone.xml"]  # the stored item's page is not fetched again
    publish(served, base, [("SDI", f"{base}/sdi-rivian.html", None), ("Gotion", f"{base}/gotion.html", FULL_TEXT)])
    third = run(*args)
    assert "poll 1 done: 2 feeds, 1 new articles" in third.output
    with Store.open(db, create=False) as store:
        assert store.stats().articles == 2


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900), ("90s", 90), ("1h30m", 5400), ("45", 45)])
def test_intervals(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "0", "0m", "15 minutes"])
def test_bad_intervals_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_every(text)


def test_watch_refuses_an_empty_feeds_file(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# nothing yet\n", encoding="utf-8")
    result = run("watch", str(feeds), "--db", str(tmp_path / "kb.db"), "--once")
    assert result.exit_code == 1 and "no feeds in it" in result.output

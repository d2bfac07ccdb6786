"""The HTTP fetcher against real local servers (127.0.0.1 only) and httpx mock transports: pages, errors,
retries, timeouts, limits, redirects, address checks and pacing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from gigatrack.ingest.errors import ReadError
from gigatrack.ingest.fetch import FetchedPage, Fetcher, FetchPolicy, read_urls, resolve_host
from gigatrack.model import Article

# A route answers one request; it may wait on the server's stop event, which is set when the test ends.
Route = Callable[["_Handler", threading.Event], None]

# Small limits so that every test is quick; allow_private to reach the local servers.
LOCAL = FetchPolicy(
    connect_timeout=1.0, read_timeout=0.5, deadline=5.0, retries=0, per_host_interval=0.0, allow_private=True
)
PUBLIC_IP = "93.184.216.34"


class _Server(ThreadingHTTPServer):
    """A local HTTP server on a free port of 127.0.0.1 that answers from a table of routes and notes each request."""

    daemon_threads = True

    def __init__(self, routes: Mapping[str, Route]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes = routes
        self.requests: list[tuple[str, str]] = []  # (path, Host header)
        self.stop = threading.Event()
        self.done: list[str] = []  # paths whose slow routes ran to their end

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # the fetcher hangs up early on purpose
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.requests.append((self.path, self.headers.get("Host", "")))
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404)
        else:
            route(self, self.server.stop)

    def log_message(self, format: str, *args: object) -> None:
        pass


def page(
    body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200, **headers: str
) -> Route:
    """A route that answers with one whole response (Content-Length set unless given as a header)."""

    def answer(handler: _Handler, stop: threading.Event) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        headers.setdefault("Content-Length", str(len(body)))
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        handler.end_headers()
        handler.wfile.write(body)

    return answer


def in_turn(*routes: Route) -> Route:
    """A route that answers its first request with the first route, the next with the next, then the last."""
    queue = iter(routes)
    last = routes[-1]

    def answer(handler: _Handler, stop: threading.Event) -> None:
        next(queue, last)(handler, stop)

    return answer


def redirect(location: str, status: int = 302) -> Route:
    return page(b"", status=status, Location=location)


def stall(handler: _Handler, stop: threading.Event) -> None:
    """Headers, then nothing until the test ends."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "100")
    handler.end_headers()
    handler.wfile.flush()
    stop.wait(10)


def trickle(handler: _Handler, stop: threading.Event) -> None:
    """Headers, then one byte every 0.2 s (for at most 10 s) until the test ends."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    for _ in range(50):
        handler.wfile.write(b"x")
        handler.wfile.flush()
        if stop.wait(0.2):
            return


def trickle_headers(handler: _Handler, stop: threading.Event) -> None:
    """A status line, then header bytes one every 0.2 s, for 5 s at most: noted in server.done if it got that far."""
    handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
    for _ in range(25):
        handler.wfile.write(b"X")
        handler.wfile.flush()
        if stop.wait(0.2):
            return
    handler.server.done.append(handler.path)


@pytest.fixture
def serve() -> Iterator[Callable[[Mapping[str, Route]], _Server]]:
    """Start local servers; each is stopped, closed and its thread joined (bounded) when the test ends."""
    started: list[tuple[_Server, threading.Thread]] = []

    def start(routes: Mapping[str, Route]) -> _Server:
        server = _Server(routes)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        started.append((server, thread))
        return server

    yield start
    for server, thread in started:
        server.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class FakeClock:
    """A clock that only moves when told to, or by the sleeps it is asked for (which it records)."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def public_dns(host: str, port: int) -> list[str]:
    return [PUBLIC_IP]


def html_transport(calls: list[str] | None = None) -> httpx.MockTransport:
    """A mock transport that answers every request with a small HTML page, noting the URLs asked for."""

    def answer(request: httpx.Request) -> httpx.Response:
        if calls is not None:
            calls.append(str(request.url))
        html = f"<html><head><title>Page {request.url.path}</title></head><body>Text.</body></html>"
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=html.encode())

    return httpx.MockTransport(answer)


def fetch_article(
    url: str,
    policy: FetchPolicy = LOCAL,
    published: dt.date | None = None,
    resolve: Callable[[str, int], list[str]] = resolve_host,
    transport: httpx.BaseTransport | None = None,
) -> Article | ReadError:
    """One article through a new Fetcher that does not sleep."""
    with Fetcher(policy, sleep=lambda seconds: None, resolve=resolve, transport=transport) as fetcher:
        return fetcher.fetch_article(url, published=published)


def problem_of(result: object) -> str:
    assert isinstance(result, ReadError), result
    return result.problem


# Pages


def test_html_article_with_its_title_date_and_latin1_charset_from_the_header(serve: Callable[..., _Server]) -> None:
    html = (
        '<html><head><meta property="og:title" content="Zellfabrik in Grünheide eröffnet">'
        '<meta property="article:published_time" content="2024-03-05T09:00:00+01:00"></head>'
        "<body><p>Die Fabrik in Grünheide ist größer als geplant.</p></body></html>"
    )
    server = serve({"/story": page(html.encode("latin-1"), "text/html; charset=ISO-8859-1")})
    url = server.url + "/story"
    article = fetch_article(url, published=dt.date(2020, 1, 1))
    assert isinstance(article, Article)
    assert article.kind == "html"
    assert "Grünheide ist größer" in article.raw
    assert article.title == "Zellfabrik in Grünheide eröffnet"
    assert article.published == dt.date(2024, 3, 5)
    assert article.url == url
    assert article.source == url
    assert article.id == hashlib.sha256(url.encode()).hexdigest()[:16]
    assert server.requests == [("/story", f"127.0.0.1:{server.port}")]


def test_the_header_charset_wins_over_a_guess(serve: Callable[..., _Server]) -> None:
    # These latin-1 bytes are also valid UTF-8 ("é"); the header says which they are.
    server = serve({"/": page("Ã© stays as written.".encode("latin-1"), "text/plain; charset=latin-1")})
    article = fetch_article(server.url + "/")
    assert isinstance(article, Article)
    assert article.raw == "Ã© stays as written."


def test_an_unknown_header_charset_falls_back_to_decoding_by_the_bytes(serve: Callable[..., _Server]) -> None:
    server = serve({"/": page("Zürich".encode(), "text/plain; charset=no-such-charset")})
    article = fetch_article(server.url + "/")
    assert isinstance(article, Article)
    assert article.raw == "Zürich"


def test_plain_text_page_takes_the_given_date(serve: Callable[..., _Server]) -> None:
    server = serve({"/note.txt": page(b"Northvolt signs a supply deal.", "text/plain")})
    article = fetch_article(server.url + "/note.txt", published=dt.date(2024, 7, 1))
    assert isinstance(article, Article)
    assert (article.kind, article.raw, article.title) == ("text", "Northvolt signs a supply deal.", None)
    assert article.published == dt.date(2024, 7, 1)


def test_a_redirected_article_keeps_the_url_asked_for_and_names_the_final_one_as_source(
    serve: Callable[..., _Server],
) -> None:
    server = serve({"/old": redirect("/new", 301), "/new": page(b"<p>Moved.</p>")})
    article = fetch_article(server.url + "/old")
    assert isinstance(article, Article)
    assert article.url == server.url + "/old"
    assert article.source == server.url + "/new"
    assert article.id == hashlib.sha256((server.url + "/old").encode()).hexdigest()[:16]


def test_an_image_is_refused(serve: Callable[..., _Server]) -> None:
    server = serve({"/photo": page(b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")})
    assert problem_of(fetch_article(server.url + "/photo")) == "not an article page: content type image/png"


# HTTP errors and retries


def test_not_found_is_an_error_with_its_status_naming_the_url(serve: Callable[..., _Server]) -> None:
    server = serve({})
    result = fetch_article(server.url + "/missing")
    assert isinstance(result, ReadError)
    assert result.source == server.url + "/missing"
    assert result.problem.startswith("HTTP 404")


def test_server_errors_are_retried_with_exponential_backoff(serve: Callable[..., _Server]) -> None:
    failing = page(b"oops", "text/plain", status=500)
    server = serve({"/": in_turn(failing, failing, page(b"<p>Finally.</p>"))})
    sleeps: list[float] = []
    with Fetcher(dataclasses.replace(LOCAL, retries=2), sleep=sleeps.append) as fetcher:
        article = fetcher.fetch_article(server.url + "/", published=None)
    assert isinstance(article, Article)
    assert sleeps == [1.0, 2.0]
    assert len(server.requests) == 3


def test_a_server_error_that_stays_is_reported_after_the_retries(serve: Callable[..., _Server]) -> None:
    server = serve({"/": page(b"down", "text/plain", status=503)})
    sleeps: list[float] = []
    with Fetcher(dataclasses.replace(LOCAL, retries=2), sleep=sleeps.append) as fetcher:
        result = fetcher.fetch(server.url + "/")
    assert problem_of(result) == "HTTP 503 Service Unavailable (after 3 tries)"
    assert sleeps == [1.0, 2.0]


def test_too_many_requests_waits_as_long_as_retry_after_says(serve: Callable[..., _Server]) -> None:
    server = serve({"/": in_turn(page(b"slow down", "text/plain", 429, Retry_After="3"), page(b"<p>Ok.</p>"))})
    sleeps: list[float] = []
    with Fetcher(dataclasses.replace(LOCAL, retries=2), sleep=sleeps.append) as fetcher:
        assert isinstance(fetcher.fetch_article(server.url + "/", published=None), Article)
    assert sleeps == [3.0]


def test_a_retry_after_over_the_cap_ends_the_retries(serve: Callable[..., _Server]) -> None:
    server = serve({"/": page(b"come back tomorrow", "text/plain", 429, Retry_After="86400")})
    sleeps: list[float] = []
    with Fetcher(dataclasses.replace(LOCAL, retries=2), sleep=sleeps.append) as fetcher:
        result = fetcher.fetch(server.url + "/")
    assert problem_of(result) == "HTTP 429 Too Many Requests; its Retry-After of 86400 s is over the 30 s cap"
    assert sleeps == []
    assert len(server.requests) == 1


# Time, size and redirect limits


def test_a_server_that_stalls_after_its_headers_times_out(serve: Callable[..., _Server]) -> None:
    server = serve({"/": stall})
    assert problem_of(fetch_article(server.url + "/")) == "timed out waiting for data (limit 0.5 s)"


def test_a_server_that_trickles_bytes_is_cut_off_at_the_deadline(serve: Callable[..., _Server]) -> None:
    server = serve({"/": trickle})
    policy = dataclasses.replace(LOCAL, deadline=1.0, retries=2)
    assert problem_of(fetch_article(server.url + "/", policy)) == "took longer than the 1 s deadline for one URL"


def test_a_server_that_trickles_its_headers_is_cut_off_at_the_deadline(serve: Callable[..., _Server]) -> None:
    server = serve({"/": trickle_headers})
    policy = dataclasses.replace(LOCAL, deadline=1.0)
    assert problem_of(fetch_article(server.url + "/", policy)) == "took longer than the 1 s deadline for one URL"
    assert server.done == []  # the fetcher gave up at its deadline, not when the server did


def test_a_redirect_loop_is_too_many_redirects(serve: Callable[..., _Server]) -> None:
    server = serve({"/a": redirect("/b"), "/b": redirect("/a")})
    problem = problem_of(fetch_article(server.url + "/a"))
    assert problem.startswith("too many redirects (more than 5)")
    assert len(server.requests) == 6


def test_a_body_over_the_size_limit_is_cut_off(serve: Callable[..., _Server]) -> None:
    def unsized(handler: _Handler, stop: threading.Event) -> None:  # no Content-Length: the body ends at close
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        handler.wfile.write(b"x" * 5000)

    server = serve({"/": unsized})
    result = fetch_article(server.url + "/", dataclasses.replace(LOCAL, max_bytes=1000))
    assert problem_of(result) == "page is over the limit of 1,000 bytes"


def test_a_content_length_over_the_limit_is_refused_before_the_body(serve: Callable[..., _Server]) -> None:
    server = serve({"/": page(b"x" * 5000)})
    result = fetch_article(server.url + "/", dataclasses.replace(LOCAL, max_bytes=1000))
    assert problem_of(result) == "page is 5,000 bytes (Content-Length), over the limit of 1,000 bytes"


# Addresses that must not be reached


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1]/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://[::ffff:127.0.0.1]/",
        "http://2130706433/",  # 127.0.0.1 as one number: the resolver says so
    ],
)
def test_a_private_address_is_refused_without_a_request(url: str) -> None:
    calls: list[str] = []
    result = fetch_article(url, dataclasses.replace(LOCAL, allow_private=False), transport=html_transport(calls))
    assert problem_of(result).startswith("refused: ")
    assert "resolves to a private/loopback/link-local/reserved address" in problem_of(result)
    assert calls == []


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_the_local_server_is_not_reached_with_the_default_policy(host: str, serve: Callable[..., _Server]) -> None:
    server = serve({"/": page(b"<p>Secret.</p>")})
    policy = dataclasses.replace(FetchPolicy(), per_host_interval=0.0)
    assert problem_of(fetch_article(f"http://{host}:{server.port}/", policy)).startswith(f"refused: {host} resolves")
    assert server.requests == []


def test_a_host_that_resolves_to_a_private_address_is_refused() -> None:
    asked: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return [PUBLIC_IP, "192.168.1.10"]

    calls: list[str] = []
    url = "https://intranet.example.com/"
    result = fetch_article(url, FetchPolicy(), resolve=resolve, transport=html_transport(calls))
    assert problem_of(result) == (
        "refused: intranet.example.com resolves to a private/loopback/link-local/reserved address 192.168.1.10"
    )
    assert asked == ["intranet.example.com"]
    assert calls == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/file.txt"])
def test_schemes_other_than_http_are_refused(url: str) -> None:
    calls: list[str] = []
    result = fetch_article(url, FetchPolicy(), resolve=public_dns, transport=html_transport(calls))
    assert problem_of(result).startswith("refused: only http and https URLs are fetched")
    assert calls == []


class _PublicHostRedirectingHome(httpx.BaseTransport):
    """news.example.com (mocked) redirects to a local server; every other host goes over the network for real."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.network = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host == "news.example.com":
            return httpx.Response(302, headers={"Location": self.target})
        return self.network.handle_request(request)

    def close(self) -> None:
        self.network.close()


def test_a_redirect_to_a_private_address_is_refused_at_that_hop(serve: Callable[..., _Server]) -> None:
    server = serve({"/admin": page(b"<p>Secret.</p>")})
    transport = _PublicHostRedirectingHome(server.url + "/admin")
    result = fetch_article("http://news.example.com/story", FetchPolicy(), resolve=public_dns, transport=transport)
    assert problem_of(result).startswith("refused: 127.0.0.1 resolves to a private")
    assert server.requests == []


def test_a_changed_dns_answer_at_connection_time_is_refused_dns_rebinding(serve: Callable[..., _Server]) -> None:
    # The first answer passes the check; the connection vets again and uses only what it vetted.
    server = serve({"/": page(b"<p>Secret.</p>")})
    answers = [[PUBLIC_IP], ["127.0.0.1"]]
    asked: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        asked.append(host)
        return answers[min(len(asked), len(answers)) - 1]

    policy = dataclasses.replace(FetchPolicy(), per_host_interval=0.0)
    result = fetch_article(f"http://localhost:{server.port}/", policy, resolve=rebinding)
    problem = "refused: localhost resolves to a private/loopback/link-local/reserved address 127.0.0.1"
    assert problem_of(result) == problem
    assert asked == ["localhost", "localhost"]
    assert server.requests == []


def test_the_default_transport_connects_to_the_resolved_address_under_the_asked_host_name(
    serve: Callable[..., _Server],
) -> None:
    server = serve({"/": page(b"<p>Hello.</p>")})
    article = fetch_article(f"http://articles.invalid:{server.port}/", resolve=lambda host, port: ["127.0.0.1"])
    assert isinstance(article, Article)
    assert server.requests == [("/", f"articles.invalid:{server.port}")]


# Pace


def test_requests_to_one_host_keep_the_minimum_interval_and_other_hosts_do_not_wait() -> None:
    clock = FakeClock()
    policy = FetchPolicy(per_host_interval=1.0)
    with Fetcher(policy, clock=clock, sleep=clock.sleep, resolve=public_dns, transport=html_transport()) as fetcher:
        assert isinstance(fetcher.fetch("https://a.example.com/1"), FetchedPage)
        clock.now += 0.25
        assert isinstance(fetcher.fetch_article("https://a.example.com/2", published=None), Article)
        assert clock.sleeps == [0.75]
        assert isinstance(fetcher.fetch_article("https://b.example.com/1", published=None), Article)
        assert clock.sleeps == [0.75]
        clock.now += 5.0
        assert isinstance(fetcher.fetch_article("https://a.example.com/3", published=None), Article)
        assert clock.sleeps == [0.75]


# URL lists


def test_read_urls_skips_comments_and_blank_lines_and_names_a_bad_line() -> None:
    lines = ["# battery news\n", "\n", "  https://a.example.com/1  \n", "not a url\n", "ftp://a.example.com/x\n",
             "https://b.example.com/2\n"]
    calls: list[str] = []
    with Fetcher(FetchPolicy(), sleep=lambda s: None, resolve=public_dns, transport=html_transport(calls)) as fetcher:
        results = list(read_urls(lines, "urls.txt", fetcher, published=dt.date(2024, 1, 2)))
    assert [type(result) for result in results] == [Article, ReadError, ReadError, Article]
    first, bad, ftp, last = results
    assert isinstance(first, Article) and isinstance(last, Article)
    assert (first.url, first.title, first.published) == ("https://a.example.com/1", "Page /1", dt.date(2024, 1, 2))
    assert bad == ReadError("urls.txt:4", "not an http(s) URL: 'not a url'")
    assert ftp == ReadError("urls.txt:5", "not an http(s) URL: 'ftp://a.example.com/x'")
    assert calls == ["https://a.example.com/1", "https://b.example.com/2"]


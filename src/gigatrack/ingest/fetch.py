"""Article pages over HTTP(S): a polite, hardened fetcher that answers a bad URL or server with a ReadError.

Every URL is fetched within bounds: connect and read timeouts, one overall deadline per URL (redirects, retries and
waits included) that also cuts off a server trickling bytes, a size limit (on Content-Length, then on the streamed
body), and a number of redirects, which are followed here rather than by httpx so that every hop is checked.
Connection errors, timeouts, 429 and 5xx are retried with exponential backoff, or after the server's Retry-After
up to a cap; requests to one host keep a minimum interval.

Server-side request forgery: only http and https URLs are fetched, and a host is refused when any of its addresses
is not globally routable (private, loopback, link-local, multicast, reserved, unspecified, 0.0.0.0/8, CGNAT
100.64.0.0/10, or one of these inside an IPv4-mapped or 6to4 IPv6 address); literal IPs and every redirect hop
are checked the same way. The host is vetted before each request, and the default transport vets it again when it
opens a connection and then connects only to the addresses it has just vetted, never resolving the name a second
time, so a DNS answer that changes between check and connection (DNS rebinding) cannot reach a private address.
An injected transport gets the check before each request only. Proxies from the environment are not used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Self

import httpx

from gigatrack import __version__
from gigatrack.ingest.decode import decode_bytes
from gigatrack.ingest.errors import BadInput, ReadError
from gigatrack.ingest.files import MAX_ARTICLE_BYTES
from gigatrack.ingest.metadata import Metadata
from gigatrack.ingest.page_meta import read_page_metadata
from gigatrack.ingest.pinned_transport import PinnedBackend, PinnedTransport
from gigatrack.model import Article, ContentKind

_SCHEMES = ("http", "https")
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CONTENT_KINDS: dict[str, ContentKind] = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
_NON_GLOBAL_V4 = (ipaddress.IPv4Network("0.0.0.0/8"), ipaddress.IPv4Network("100.64.0.0/10"))
_TIMEOUT_PHASES: dict[type[httpx.TimeoutException], str] = {
    httpx.ConnectTimeout: "connecting",
    httpx.ReadTimeout: "waiting for data",
    httpx.WriteTimeout: "sending the request",
    httpx.PoolTimeout: "waiting for a free connection",
}


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How a Fetcher behaves: its time, size, redirect and retry limits (seconds, bytes), its pace, whom it may reach.

    ``deadline`` bounds all the work for one URL; ``backoff`` is the first retry's delay, doubled for each next one;
    a Retry-After over ``max_retry_after`` ends the retries; ``allow_private`` lifts the address checks.
    """

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0
    max_bytes: int = MAX_ARTICLE_BYTES
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 30.0
    per_host_interval: float = 1.0
    allow_private: bool = False
    user_agent: str = f"gigatrack/{__version__} (+https://github.com/gigatrack)"


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """One fetched page: its final URL after redirects, HTTP status, media type (lower case, no parameters, "" when
    the server sent none), body (content-encoding undone) and the charset its Content-Type names."""

    url: str
    status: int
    content_type: str
    body: bytes
    charset: str | None


def resolve_host(host: str, port: int) -> list[str]:
    """The IP addresses of a host name, as the system resolver gives them (the Fetcher's default resolver)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public_address(address: str) -> bool:
    """Whether an IP address is globally routable, so that fetching from it cannot reach a private network."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        ip = ip.ipv4_mapped or ip.sixtofour or ip
    special = (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified
    )
    return ip.is_global and not special and not any(ip in network for network in _NON_GLOBAL_V4)


class Fetcher:
    """Fetches pages under one FetchPolicy through one HTTP client; a context manager that closes the client.

    ``clock`` and ``sleep`` (seconds) pace the requests and time the deadline, ``resolve`` gives a host's addresses,
    and ``transport`` replaces the address-pinning default transport. Not thread-safe: one Fetcher per thread.
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        resolve: Callable[[str, int], list[str]] = resolve_host,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._clock = clock
        self._sleep = sleep
        self._resolve = resolve
        self._last_request: dict[str, float] = {}
        self._deadline = clock()
        self._client = httpx.Client(
            transport=transport or PinnedTransport(PinnedBackend(self._addresses, self._time_left)),
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout),
            headers={"User-Agent": self.policy.user_agent, "Accept": _ACCEPT},
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP client and its connections."""
        self._client.close()

    def fetch(self, url: str) -> FetchedPage | ReadError:
        """GET one http(s) URL, following its redirects; the page with a 2xx status, or a ReadError saying why not."""
        self._deadline = self._clock() + self.policy.deadline
        target: str | httpx.URL = url
        try:
            for _ in range(self.policy.max_redirects + 1):
                outcome = self._get(self._checked_url(target))
                if isinstance(outcome, FetchedPage):
                    return outcome
                target = outcome
            raise BadInput(f"too many redirects (more than {self.policy.max_redirects}), the last to {target}")
        except BadInput as err:
            return ReadError(url, str(err))

    def fetch_article(self, url: str, *, published: dt.date | None) -> Article | ReadError:
        """Fetch one HTML or plain-text page as an Article (id: a hash of ``url``; source: the final URL).

        The title and date come from the page's own tags; ``published`` is the date for a page that states none.
        """
        page = self.fetch(url)
        if isinstance(page, ReadError):
            return page
        kind = _CONTENT_KINDS.get(page.content_type)
        if kind is None:
            return ReadError(url, f"not an article page: content type {page.content_type or '(none)'}")
        try:
            raw = _decode(page.body, page.charset, html=kind == "html")
        except BadInput as err:
            return ReadError(url, str(err))
        if not raw.strip():
            return ReadError(url, "empty page: no text")
        meta = read_page_metadata(raw) if kind == "html" else Metadata()
        return Article(
            id=hashlib.sha256(url.encode("utf-8")).hexdigest()[:16],
            raw=raw,
            kind=kind,
            url=url,
            title=meta.title,
            published=meta.published or published,
            source=page.url,
        )

    def _checked_url(self, url: str | httpx.URL) -> httpx.URL:
        """The URL parsed, once its scheme is http(s) and its host may be reached; BadInput otherwise."""
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL as err:
            raise BadInput(f"not a valid URL ({err})") from err
        if parsed.scheme not in _SCHEMES:
            raise BadInput(f"refused: only http and https URLs are fetched, not {parsed.scheme or 'a relative URL'}")
        if not parsed.raw_host:
            raise BadInput("not a valid URL: no host")
        self._addresses(_host(parsed), parsed.port or (443 if parsed.scheme == "https" else 80))
        return parsed

    def _addresses(self, host: str, port: int) -> list[str]:
        """The addresses of a host, all of them public unless the policy allows private ones; BadInput otherwise."""
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            try:
                addresses = self._resolve(host, port)
            except (OSError, UnicodeError) as err:
                raise BadInput(f"cannot resolve {host} ({err})") from err
        if not addresses:
            raise BadInput(f"cannot resolve {host}: no addresses")
        if not self.policy.allow_private:
            for address in addresses:
                if not is_public_address(address):
                    raise BadInput(
                        f"refused: {host} resolves to a private/loopback/link-local/reserved address {address}"
                    )
        return addresses

    def _get(self, url: httpx.URL) -> FetchedPage | httpx.URL:
        """One hop: the page, or the URL it redirects to; retried on connection errors, timeouts, 429 and 5xx."""
        attempt = 0
        while True:
            last_try = attempt == self.policy.retries
            self._wait_turn(_host(url))
            try:
                with self._client.stream("GET", url) as response:
                    if not _is_transient(response.status_code):
                        return self._outcome(response)
                    problem = _status_problem(response)
                    if last_try:
                        raise BadInput(_after_tries(problem, attempt))
                    delay = self._retry_delay(response, attempt, problem)
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as err:
                if self._time_left() <= 0:
                    raise BadInput(self._deadline_problem()) from err
                problem = _transport_problem(err, self.policy)
                if last_try:
                    raise BadInput(_after_tries(problem, attempt)) from err
                delay = self._backoff(attempt)
            except httpx.HTTPError as err:
                raise BadInput(_transport_problem(err, self.policy)) from err
            if delay >= self._time_left():
                raise BadInput(f"{problem}; a retry in {delay:g} s would pass the {self.policy.deadline:g} s deadline")
            self._sleep(delay)
            attempt += 1

    def _outcome(self, response: httpx.Response) -> FetchedPage | httpx.URL:
        """A response that is not to be retried: the page, where it redirects, or BadInput for an error status."""
        status = response.status_code
        if status in _REDIRECT_STATUSES:
            location = response.headers.get("location", "").strip()
            if not location:
                raise BadInput(f"HTTP {status} redirect without a Location")
            try:
                return response.url.join(location)
            except httpx.InvalidURL as err:
                raise BadInput(f"HTTP {status} redirect to a bad URL {location!r} ({err})") from err
        if not 200 <= status < 300:
            raise BadInput(_status_problem(response))
        media_type = response.headers.get("content-type", "").partition(";")[0].strip().lower()
        return FetchedPage(str(response.url), status, media_type, self._body(response), response.charset_encoding)

    def _body(self, response: httpx.Response) -> bytes:
        """The body, streamed; BadInput once it is over the size limit or the deadline has passed."""
        limit = self.policy.max_bytes
        declared = response.headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > limit:
            raise BadInput(f"page is {int(declared):,} bytes (Content-Length), over the limit of {limit:,} bytes")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise BadInput(f"page is over the limit of {limit:,} bytes")
            if self._time_left() <= 0:
                raise BadInput(self._deadline_problem())
            chunks.append(chunk)
        return b"".join(chunks)

    def _retry_delay(self, response: httpx.Response, attempt: int, problem: str) -> float:
        """Seconds to wait before retrying: the server's Retry-After, else exponential backoff."""
        retry_after = _retry_after(response.headers)
        if retry_after is None:
            return self._backoff(attempt)
        if retry_after > self.policy.max_retry_after:
            cap = self.policy.max_retry_after
            raise BadInput(f"{problem}; its Retry-After of {retry_after:g} s is over the {cap:g} s cap")
        return retry_after

    def _backoff(self, attempt: int) -> float:
        """The delay before retry number ``attempt + 1`` when the server names none: doubled from try to try."""
        return self.policy.backoff * 2.0**attempt

    def _wait_turn(self, host: str) -> None:
        """Sleep until the host's minimum interval since its last request has passed, then note this request."""
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self.policy.per_host_interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()

    def _time_left(self) -> float:
        return self._deadline - self._clock()

    def _deadline_problem(self) -> str:
        return f"took longer than the {self.policy.deadline:g} s deadline for one URL"


def read_urls(
    lines: Iterable[str], source: str, fetcher: Fetcher, *, published: dt.date | None
) -> Iterator[Article | ReadError]:
    """Fetch the URLs of a URL-list file in order, one a line (blank lines and # comments skipped).

    A line that is not an http(s) URL is a ReadError naming SOURCE:LINE; a page that cannot be fetched, one
    naming its URL.
    """
    for number, line in enumerate(lines, start=1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        if not _looks_like_http_url(url):
            yield ReadError(f"{source}:{number}", f"not an http(s) URL: {url!r}")
            continue
        yield fetcher.fetch_article(url, published=published)


def _looks_like_http_url(text: str) -> bool:
    if any(char.isspace() for char in text):
        return False
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL:
        return False
    return url.scheme in _SCHEMES and bool(url.raw_host)


def _host(url: httpx.URL) -> str:
    """The URL's host as it is resolved and connected to: IDNA-encoded, an IPv6 address without brackets."""
    return url.raw_host.decode("ascii")


def _is_transient(status: int) -> bool:
    return status == 429 or 500 <= status < 600


def _status_problem(response: httpx.Response) -> str:
    return f"HTTP {response.status_code} {response.reason_phrase}".rstrip()


def _after_tries(problem: str, attempt: int) -> str:
    return problem if attempt == 0 else f"{problem} (after {attempt + 1} tries)"


def _transport_problem(err: httpx.HTTPError, policy: FetchPolicy) -> str:
    if isinstance(err, httpx.TimeoutException):
        phase = next((phase for kind, phase in _TIMEOUT_PHASES.items() if isinstance(err, kind)), "on the network")
        limit = policy.connect_timeout if isinstance(err, httpx.ConnectTimeout) else policy.read_timeout
        return f"timed out {phase} (limit {limit:g} s)"
    return f"request failed: {type(err).__name__} ({err})"


def _retry_after(headers: httpx.Headers) -> float | None:
    """Retry-After in seconds: delta-seconds, or an HTTP date measured from the response's Date; None if neither."""
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        wait = parsedate_to_datetime(value) - parsedate_to_datetime(headers.get("date", ""))
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, wait.total_seconds())


def _decode(body: bytes, charset: str | None, *, html: bool) -> str:
    """The body as text in the charset its Content-Type names, when that is a known one that fits; else sniffed."""
    if charset is not None:
        try:
            return body.decode(charset).removeprefix("\ufeff")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(body, html=html)

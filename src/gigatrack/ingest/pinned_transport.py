"""The default transport of the Fetcher: connections pinned to vetted addresses, every wait within a deadline.

httpx over an httpcore connection pool whose network backend resolves and vets a host itself when it opens a
connection and then connects only to the addresses it has just vetted (no second DNS lookup, so no rebinding),
and whose every read, write and TLS handshake is cut to the time the current fetch has left.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

import httpcore
import httpx

# httpcore's errors as the httpx errors that the Fetcher handles; the most specific first.
_HTTPX_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
)


def within_deadline(timeout: float | None, time_left: float, expired: type[Exception]) -> float:
    """A socket timeout cut to the time left before the deadline; ``expired`` raised once none is left."""
    if time_left <= 0:
        raise expired("the deadline for this URL has passed")
    return time_left if timeout is None else min(timeout, time_left)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read, write and TLS handshake waits no longer than the current fetch has left."""

    def __init__(self, stream: httpcore.NetworkStream, time_left: Callable[[], float]) -> None:
        self._stream = stream
        self._time_left = time_left

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, within_deadline(timeout, self._time_left(), httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, within_deadline(timeout, self._time_left(), httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls_timeout = within_deadline(timeout, self._time_left(), httpcore.ConnectTimeout)
        return DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, tls_timeout), self._time_left)

    def get_extra_info(self, info: str) -> object:
        return self._stream.get_extra_info(info)


class PinnedBackend(httpcore.NetworkBackend):
    """Opens TCP connections only to the addresses that ``vet`` approves for a host, within the time left."""

    def __init__(self, vet: Callable[[str, int], list[str]], time_left: Callable[[], float]) -> None:
        self._vet = vet
        self._time_left = time_left
        self._sockets = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        failures: list[str] = []
        for address in self._vet(host, port):
            connect_timeout = within_deadline(timeout, self._time_left(), httpcore.ConnectTimeout)
            try:
                stream = self._sockets.connect_tcp(address, port, connect_timeout, local_address, socket_options)
            except httpcore.ConnectError as err:
                failures.append(f"{address}: {err}")
                continue
            return DeadlineStream(stream, self._time_left)
        raise httpcore.ConnectError(f"cannot connect to {host} ({'; '.join(failures)})")


class PinnedTransport(httpx.BaseTransport):
    """httpx over an httpcore connection pool whose connections go only where a PinnedBackend lets them."""

    def __init__(self, backend: PinnedBackend) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), keepalive_expiry=5.0, network_backend=backend
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = httpcore.URL(
            scheme=request.url.raw_scheme, host=request.url.raw_host, port=request.url.port, target=request.url.raw_path
        )
        core_request = httpcore.Request(
            request.method, url, headers=request.headers.raw, content=request.read(), extensions=request.extensions
        )
        with _as_httpx_errors():
            core_response = self._pool.handle_request(core_request)
        return httpx.Response(
            core_response.status,
            headers=core_response.headers,
            stream=_ResponseStream(core_response),
            extensions=core_response.extensions,
        )

    def close(self) -> None:
        self._pool.close()


class _ResponseStream(httpx.SyncByteStream):
    """An httpcore response body as an httpx stream, its errors as httpx errors."""

    def __init__(self, response: httpcore.Response) -> None:
        self._response = response

    def __iter__(self) -> Iterator[bytes]:
        with _as_httpx_errors():
            yield from self._response.iter_stream()

    def close(self) -> None:
        with _as_httpx_errors():
            self._response.close()


@contextmanager
def _as_httpx_errors() -> Iterator[None]:
    """Re-raise an httpcore error as the httpx error that stands for it; any other exception passes unchanged."""
    try:
        yield
    except Exception as err:
        for theirs, ours in _HTTPX_ERRORS:
            if isinstance(err, theirs):
                raise ours(str(err)) from err
        raise

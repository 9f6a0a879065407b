"""The default blocking transport: urllib3, used as thinly as possible.

One ``PoolManager`` per transport keeps connections alive across calls; each request is a single
``urlopen`` with urllib3's own retries and redirects off (the core retries, and a redirect means a
wrong base URL, which the error then names). Bodies are never preloaded, so a failure while reading
still knows the response status, and streams yield each HTTP chunk as soon as it arrives.

A streamed answer arrives in chunked transfer encoding, one HTTP chunk per event, and urllib3 spends
about 3 µs of Python on each chunk (a ``readline`` for the size, two ``_safe_read`` calls, decoder
bookkeeping): more than parsing the event itself. :meth:`Urllib3Response.iter_bytes` therefore reads
an uncompressed chunked body straight from the connection's buffered reader, as many bytes as have
arrived per read, and splits the chunks itself (the same framing rules, errors and connection reuse
as urllib3's ``read_chunked``, which it falls back to whenever the response is not a plain
``http.client`` one or is content-encoded). A plain body of known length is read the same way, in
one read when it has all arrived (:meth:`Urllib3Response.read`).

A request's deadline is enforced on every read: before each one the socket's timeout is cut to the
time left, so a server that drips bytes cannot stretch a call past its deadline. The response head is
read by ``http.client`` in many reads, so with our own pool manager its connections read the whole head
within one read timeout (:class:`_HeadResponse`).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.client import HTTPException
from http.client import HTTPResponse as _HTTPClientResponse
from ssl import SSLError as _RawSSLError
from typing import TYPE_CHECKING, Any

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    HTTPError,
    LocationValueError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    SSLError,
)
from urllib3.exceptions import TimeoutError as Urllib3TimeoutError
from urllib3.util import Retry, parse_url

from ..spec.deadline import Deadline
from ..spec.errors import AISDKError
from . import errors
from .transport import HttpRequest

if TYPE_CHECKING:
    from urllib3.response import BaseHTTPResponse

__all__ = ["Urllib3Response", "Urllib3Transport"]

_CHUNK_SIZE = 65536
_MAX_ROUTES = 64
"""URLs whose connection pool a transport remembers, and hosts its pool manager keeps pools for; past
that many URLs it starts over (a program that polls one URL per batch job should not grow the table
without end)."""
_NO_RETRIES = Retry.from_int(False, redirect=False)
"""What ``retries=False`` becomes inside urllib3, built once instead of on every request."""
_NO_OPTIONS: dict[str, Any] = {}
_MAX_POOL_SIZE = 32
_MAX_LINE = 65536
"""Longest chunk-size or trailer line accepted (urllib3's limit)."""


class _HeadResponse(_HTTPClientResponse):
    """``http.client``'s response, with its whole head (status line and headers) bounded in time.

    The socket's timeout bounds each read, and ``begin`` reads the head line by line, so a server that
    sends its head a byte at a time could hold a call for hours past its deadline. The first read
    nearly always brings the whole head; when it does not, a timer shuts the socket down once the read
    timeout (the chunk limit cut to what is left of the deadline) has passed since the wait began, and
    the head read fails as a timeout.
    """

    def begin(self) -> None:
        started = time.monotonic()
        head = self.fp.peek(1)  # one read, waiting at most the socket's timeout like any other
        if not head or b"\n\r\n" in head or b"\n\n" in head:
            super().begin()
            return
        # The socket under makefile()'s reader (not kept in __init__: overriding it costs every call).
        sock = getattr(self.fp.raw, "_sock", None)
        if not isinstance(sock, socket.socket) or (wait := sock.gettimeout()) is None:
            super().begin()
            return
        lock = threading.Lock()
        finished = cut = False

        def cut_off() -> None:
            nonlocal cut
            with lock:
                if finished:
                    return
                cut = True
                with contextlib.suppress(OSError):  # closed meanwhile
                    # socket's own shutdown: a TLS socket's would also drop its TLS state under the reader.
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)

        timer = threading.Timer(max(0.0, wait - (time.monotonic() - started)), cut_off)
        timer.daemon = True
        timer.start()
        try:
            super().begin()
        finally:
            timer.cancel()
            with lock:
                finished = True
            if cut:
                # Whatever the shut-down socket made begin() raise, the cause is the time limit
                # (urllib3 turns this into its read timeout).
                raise TimeoutError("timed out reading the response head")


class _Connection(HTTPConnection):
    response_class = _HeadResponse


class _TLSConnection(HTTPSConnection):
    response_class = _HeadResponse


_CONNECTION_CLASSES: dict[str, type[HTTPConnection]] = {"http": _Connection, "https": _TLSConnection}


class _BrokenBody(Exception):
    """The chunked framing is malformed or the connection closed before its end."""


class Urllib3Transport:
    """Blocking transport over a urllib3 ``PoolManager`` (a new one, or the user's own)."""

    __slots__ = ("_default_connect", "_default_timeout", "_pool", "_routes", "_timeouts")

    def __init__(
        self,
        pool: urllib3.PoolManager | None = None,
        *,
        default_timeout: float | None = None,
        connect_timeout: float | None = None,
    ) -> None:
        """``default_timeout`` (each read) and ``connect_timeout`` (default: ``default_timeout``) apply
        when a request has neither a deadline nor a timeout; with ``pool=None`` a pool is created with
        them (the user's pool keeps its own configuration)."""
        connect = default_timeout if connect_timeout is None else connect_timeout
        # Routes are remembered only with our own pool manager: a user's may be a proxy's, or be
        # cleared behind our back.
        self._routes: dict[str, tuple[HTTPConnectionPool, str]] | None = None
        if pool is None:
            timeout = urllib3.Timeout(connect=connect, read=default_timeout)
            pool = urllib3.PoolManager(_MAX_ROUTES, maxsize=_MAX_POOL_SIZE, retries=False, timeout=timeout)
            self._routes = {}
        self._pool = pool
        self._default_timeout = default_timeout
        self._default_connect = connect
        self._timeouts: dict[float, urllib3.Timeout] = {}

    def send(self, request: HttpRequest, *, stream: bool = False) -> Urllib3Response:
        deadline = request.deadline
        url = request.url
        timeout: urllib3.Timeout | None = None
        if deadline is not None:
            seconds = deadline.next_wait("sending the request")
            connect = deadline.connect_timeout()
            timeout = urllib3.Timeout(connect=connect, read=seconds)
        elif (seconds := request.timeout) is not None:
            connect = seconds
            timeout = self._timeouts.get(seconds)
            if timeout is None:
                timeout = self._timeouts[seconds] = urllib3.Timeout(connect=seconds, read=seconds)
        else:
            connect, seconds = self._default_connect, self._default_timeout
        try:
            routes = self._routes
            route = routes.get(url) if routes is not None else None
            opener, target = route if route is not None else self._route(url)
            response = opener.urlopen(
                request.method,
                target,
                body=request.body,
                headers=request.headers,
                retries=_NO_RETRIES,
                redirect=False,
                assert_same_host=False,
                preload_content=False,
                **({"timeout": timeout} if timeout is not None else _NO_OPTIONS),
            )
        except (HTTPError, HTTPException, OSError, ValueError, TypeError) as exc:
            error = _error(exc, url, seconds, None, deadline, connect)
        else:
            return Urllib3Response(response, url, seconds, deadline)
        # Raised outside the except block so the urllib3 exception is not even the __context__.
        raise error

    def _route(self, url: str) -> tuple[urllib3.PoolManager | HTTPConnectionPool, str]:
        """Where ``url`` goes. With our own pool manager: its host's connection pool and the path,
        remembered (what the manager's ``urlopen`` works out anew on every request, a third of
        urllib3's cost per call). With a user's manager: the manager itself and the URL."""
        routes = self._routes
        if routes is None:
            return self._pool, url
        parsed = parse_url(url)
        pool = self._pool.connection_from_host(parsed.host, port=parsed.port, scheme=parsed.scheme)
        pool.ConnectionCls = _CONNECTION_CLASSES.get(parsed.scheme or "http", pool.ConnectionCls)
        if len(routes) >= _MAX_ROUTES:
            routes.clear()
        route = routes[url] = (pool, parsed.request_uri)
        return route

    def close(self) -> None:
        """Close the pooled connections (the pool stays usable and reconnects on demand)."""
        if self._routes is not None:
            self._routes.clear()
        self._pool.clear()


class Urllib3Response:
    """A response whose body has not been read yet."""

    __slots__ = ("_deadline", "_response", "_socket", "_timeout", "_url", "headers", "status")

    def __init__(
        self, response: BaseHTTPResponse, url: str, timeout: float | None, deadline: Deadline | None = None
    ) -> None:
        self._response = response
        self._url = url
        self._timeout = timeout
        self._deadline = deadline
        connection = getattr(response, "connection", None)
        sock = getattr(connection, "sock", None)
        self._socket = sock if isinstance(sock, socket.socket) else None
        self.status = response.status
        self.headers = {key.lower(): value for key, value in response.headers.itermerged()}

    def read(self) -> bytes:
        http_response = _plain(self._response)
        if http_response is not None and not http_response.chunked and http_response.length is not None:
            return self._read_sized(http_response, http_response.length)
        if self._deadline is not None:
            # Piece by piece, so the deadline is checked between reads.
            return b"".join(self.iter_bytes())
        try:
            return self._response.read()
        except (HTTPError, HTTPException, OSError) as exc:
            error = _error(exc, self._url, self._timeout, self.status)
        raise error

    def iter_bytes(self) -> Iterator[bytes]:
        http_response = _plain(self._response)
        if http_response is not None and http_response.chunked:
            return self._read_chunked(http_response)
        return self._read_urllib3()

    def _before_read(self) -> None:
        """Cut the next read's wait to what is left of the deadline (raising once it has passed)."""
        deadline = self._deadline
        if deadline is None:
            return
        wait = deadline.next_wait("reading the response body")
        # fileno() is -1 once urllib3 closed the socket: at the end of a body whose connection did not
        # fit back into a full pool. There is nothing left to read from it then.
        sock = self._socket
        if sock is not None and sock.fileno() != -1:
            sock.settimeout(wait)

    def _read_urllib3(self) -> Iterator[bytes]:
        """Through urllib3, which decodes gzip and deflate as pieces arrive. ``decode_content=True`` is
        passed explicitly: urllib3's ``read_chunked`` does not apply the response's own default and
        would hand over the compressed bytes."""
        response = self._response
        before_read = self._before_read
        try:
            if response.chunked:
                pieces = response.read_chunked(_CHUNK_SIZE, decode_content=True)
                while True:
                    before_read()
                    piece = next(pieces, None)
                    if piece is None:
                        break
                    if piece:
                        yield piece
            else:
                read1 = response.read1
                while True:
                    before_read()
                    piece = read1(_CHUNK_SIZE, decode_content=True)
                    if not piece:
                        break
                    yield piece
            return
        except (HTTPError, HTTPException, OSError) as exc:
            error = _error(exc, self._url, self._timeout, self.status, self._deadline)
        raise error

    def _read_chunked(self, http_response: _HTTPClientResponse) -> Iterator[bytes]:
        """The chunks of a chunked body, each yielded as soon as it is complete (a chunk larger than
        what has arrived is yielded in pieces). At the end of the body the connection goes back to the
        pool, as urllib3 does; on any failure it is left for :meth:`close` to discard."""
        fp_read1 = http_response.fp.read1
        read1: Callable[[int], bytes]
        if self._deadline is None:
            read1 = fp_read1
        else:
            before_read = self._before_read

            def read1(size: int) -> bytes:
                before_read()
                return fp_read1(size)

        data = b""
        pos = 0
        try:
            while True:
                # A size line, read as urllib3 reads it: up to "\n", hex digits, extensions after ";".
                end = data.find(b"\n", pos)
                closed = False
                if end < 0:
                    if len(data) - pos > _MAX_LINE:
                        raise _BrokenBody
                    more = read1(_CHUNK_SIZE)
                    if more:
                        data = data[pos:] + more
                        pos = 0
                        continue
                    closed = True  # urllib3 still parses an unterminated last line
                    end = len(data)
                size = int(data[pos:end].split(b";", 1)[0], 16)  # ValueError: not a chunk size
                pos = end + 1
                if size == 0:
                    break
                if size < 0 or closed:
                    raise _BrokenBody
                while len(data) - pos < size + 2:  # the chunk and the CRLF after it
                    if len(data) > pos and len(data) - pos < size:
                        # Part of a large chunk: hand over what has arrived.
                        yield data[pos:]
                        size -= len(data) - pos
                        data, pos = b"", 0
                    data = data[pos:] + _more(read1)
                    pos = 0
                yield data[pos : pos + size]
                pos += size + 2  # the CRLF ending a chunk is skipped unchecked, as by urllib3
            while True:  # trailer lines, up to the empty line ending the body
                end = data.find(b"\n", pos)
                if end < 0:
                    if len(data) - pos > _MAX_LINE:
                        raise _BrokenBody
                    more = read1(_CHUNK_SIZE)
                    if not more:
                        break  # some servers omit the final CRLF; urllib3 accepts that too
                    data = data[pos:] + more
                    pos = 0
                    continue
                line = data[pos : end + 1]
                pos = end + 1
                if line == b"\r\n":
                    break
        except (_BrokenBody, ValueError, OSError, HTTPException) as exc:
            error = self._body_error(exc)
        else:
            self._done(http_response)
            return
        raise error

    def _read_sized(self, http_response: _HTTPClientResponse, length: int) -> bytes:
        """A body of known length, read straight from the connection's buffered reader. The packet
        that brought the head usually brought the whole body too, so this is one read where urllib3's
        ``read`` makes a dozen calls; the deadline is still checked before every read, so a server
        that drips a long body cannot outlast it."""
        read1 = http_response.fp.read1
        before_read = self._before_read
        pieces = []
        try:
            while length > 0:
                before_read()
                piece = read1(length)
                if not piece:
                    raise _BrokenBody
                pieces.append(piece)
                length -= len(piece)
        except (_BrokenBody, ValueError, OSError, HTTPException) as exc:
            error = self._body_error(exc)
        else:
            self._done(http_response)
            return b"".join(pieces)
        raise error

    def _done(self, http_response: _HTTPClientResponse) -> None:
        """The whole body is read: close the http.client response (as it closes itself at the end of
        a body it reads) and return the connection to the pool."""
        http_response.close()
        self._response.release_conn()

    def _body_error(self, exc: Exception) -> AISDKError:
        """What a failed read straight from the connection means: a timeout, a TLS failure, else a
        body cut short or malformed (the message urllib3's own reads lead to)."""
        if isinstance(exc, TimeoutError):
            return _error(exc, self._url, self._timeout, self.status, self._deadline)
        if isinstance(exc, _RawSSLError):
            return errors.network_error(self._url, f"TLS error ({errors.os_reason(exc)})", status=self.status)
        return errors.network_error(self._url, errors.BROKEN_BODY, status=self.status)

    def close(self) -> None:
        # A body read to the end has already gone back to the pool; otherwise this closes the
        # socket and returns the slot, and the pool reconnects when it is next used.
        self._response.close()
        self._response.release_conn()


def _plain(response: BaseHTTPResponse) -> _HTTPClientResponse | None:
    """The ``http.client`` response under urllib3's, when its body can be read straight from its
    buffered reader: not content-encoded, and not de-chunked by anyone else yet."""
    if response.headers.get("content-encoding", "identity").lower() != "identity":
        return None
    http_response = getattr(response, "_fp", None)
    if type(http_response) is not _HeadResponse and type(http_response) is not _HTTPClientResponse:
        return None
    if not hasattr(http_response.fp, "read1"):  # None once closed
        return None
    if http_response.chunked and http_response.chunk_left is not None:
        return None
    return http_response


def _more(read1: Callable[[int], bytes]) -> bytes:
    """The next bytes of the body; the connection closing mid-body is a broken body."""
    data = read1(_CHUNK_SIZE)
    if not data:
        raise _BrokenBody
    return data


def _error(
    exc: BaseException,
    url: str,
    timeout: float | None,
    status: int | None,
    deadline: Deadline | None = None,
    connect: float | None = None,
) -> AISDKError:
    """Describe a urllib3 / socket failure in our own words (never quoting request headers)."""
    if isinstance(exc, LocationValueError):
        return errors.invalid_request_error(url, "the URL is not valid")
    if isinstance(exc, NameResolutionError):
        return errors.network_error(url, "cannot resolve the host name", status=status)
    if isinstance(exc, NewConnectionError):  # before its base class ConnectTimeoutError
        return errors.network_error(url, f"cannot connect ({errors.os_reason(exc)})", status=status)
    if isinstance(exc, ConnectTimeoutError):
        return errors.timed_out(url, deadline, status=status, connect=connect, connecting=True)
    if isinstance(exc, Urllib3TimeoutError | TimeoutError):
        return errors.timed_out(url, deadline, status=status, read=timeout)
    if isinstance(exc, SSLError):
        return errors.network_error(url, f"TLS error ({errors.os_reason(exc)})", status=status)
    if isinstance(exc, ProxyError):
        return errors.network_error(url, f"proxy error ({errors.os_reason(exc)})", status=status)
    if isinstance(exc, DecodeError):
        return errors.decode_error(url, status)
    if isinstance(exc, ProtocolError | HTTPException):
        return errors.connection_broke(url, exc, status)
    if isinstance(exc, OSError):
        return errors.network_error(url, f"connection error ({errors.os_reason(exc)})", status=status)
    if isinstance(exc, ValueError | TypeError):
        return errors.malformed_request_error(url)
    return errors.network_error(url, type(exc).__name__, status=status)

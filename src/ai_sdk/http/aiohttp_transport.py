"""The default async transport: aiohttp, one ``ClientSession`` per running event loop.

A session is bound to the loop it was created on, and users run several loops in one process
(``asyncio.run`` per call, a loop per test), so sessions are created lazily per loop and closed with
it: each is tied to a tiny async generator registered with its loop, whose ``finally`` closes the
session when the loop shuts down its async generators (``asyncio.run``, ``asyncio.Runner`` and
pytest-asyncio all do). :meth:`AiohttpTransport.aclose` closes the running loop's session explicitly.
A transport dropped while its loops run (a provider created per request, say) closes its sessions on
their loops: a ``weakref.finalize`` holds the keepers, so even when the transport dies in a reference
cycle its sessions are not collected with it unclosed (which aiohttp reports as "Unclosed client
session" / "Unclosed connector" to the loop's exception handler).

A request's deadline becomes aiohttp's ``total`` timeout, which covers reading the body too (aiohttp
cancels its timer only when the connection is released), so a dripping server cannot outlast it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import weakref
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any

import aiohttp
from aiohttp.http_exceptions import ContentEncodingError

from ..spec.deadline import Deadline
from ..spec.errors import AISDKError
from . import errors
from .transport import HttpRequest

__all__ = ["AiohttpResponse", "AiohttpTransport"]

_CONNECTION_LIMIT = 1000
_NEVER_ROUNDED = float("inf")
"""aiohttp rounds a timeout of 5 s or more up to a whole second of the loop's clock (to group timer
wake-ups); a deadline's timer must fire at the deadline."""


class AiohttpTransport:
    """Async transport over aiohttp: the user's ``ClientSession``, or one of ours per event loop."""

    __slots__ = (
        "__weakref__",
        "_default_connect",
        "_default_timeout",
        "_keepers",
        "_session",
        "_sessions",
        "_timeouts",
    )

    def __init__(
        self,
        session: aiohttp.ClientSession | None = None,
        *,
        default_timeout: float | None = None,
        connect_timeout: float | None = None,
    ) -> None:
        """``default_timeout`` (each read) and ``connect_timeout`` (default: ``default_timeout``) apply
        when a request has neither a deadline nor a timeout and the session is ours (the user's session
        keeps its own configuration)."""
        self._session = session
        self._default_timeout = default_timeout
        self._default_connect = default_timeout if connect_timeout is None else connect_timeout
        self._sessions: dict[asyncio.AbstractEventLoop, aiohttp.ClientSession] = {}
        self._keepers: dict[asyncio.AbstractEventLoop, AsyncGenerator[None, None]] = {}
        self._timeouts: dict[float, aiohttp.ClientTimeout] = {}
        if session is None:
            weakref.finalize(self, _close_keepers, self._keepers).atexit = False

    async def send(self, request: HttpRequest, *, stream: bool = False) -> AiohttpResponse:
        session = self._session
        if session is None:
            loop = asyncio.get_running_loop()
            session = self._sessions.get(loop)
            if session is None or session.closed:
                session = await self._open_session(loop)
        seconds = request.timeout
        connect = seconds
        # A user's session may raise for error statuses (raise_for_status=True); the layers above read the
        # status and body themselves, so a 422 keeps DeepInfra's message and is not retried.
        options: dict[str, Any] = {} if self._session is None else {"raise_for_status": False}
        deadline = request.deadline
        if deadline is not None:
            seconds = deadline.next_wait("sending the request")
            connect = deadline.connect_timeout()
            total = deadline.remaining()
            sock_read = seconds
            if total is not None and (deadline.chunk is None or deadline.chunk >= total):
                # The deadline comes before any chunk limit: its timer alone ends every wait (a
                # per-read timer would be set anew for every piece that arrives). ``seconds`` is the
                # time left, never 0 (which aiohttp reads as "no timeout").
                total, sock_read = seconds, None
            options["timeout"] = aiohttp.ClientTimeout(
                total=total, sock_connect=connect, sock_read=sock_read, ceil_threshold=_NEVER_ROUNDED
            )
        elif seconds is not None:
            timeout = self._timeouts.get(seconds)
            if timeout is None:
                timeout = self._timeouts[seconds] = aiohttp.ClientTimeout(sock_connect=seconds, sock_read=seconds)
            options["timeout"] = timeout
        elif self._session is None:
            seconds = self._default_timeout
            connect = self._default_connect
        try:
            response = await session.request(
                request.method,
                request.url,
                data=request.body,
                headers=request.headers,
                allow_redirects=False,
                **options,
            )
        except (aiohttp.ClientError, OSError, ValueError, TypeError) as exc:
            error = _error(exc, request.url, seconds, None, deadline, connect)
        except RuntimeError:
            if self._session is None or not session.closed:
                raise
            error = errors.closed_client_error(request.url)
        else:
            return AiohttpResponse(response, request.url, seconds, deadline)
        # Raised outside the except block: aiohttp exceptions may hold the request (and its headers).
        raise error

    async def _open_session(self, loop: asyncio.AbstractEventLoop) -> aiohttp.ClientSession:
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=self._default_connect, sock_read=self._default_timeout)
        # aiohttp's default pool caps at 100 connections; DeepInfra allows 200 concurrent requests per
        # model, and streams hold theirs for the whole answer, so the default pool is 1000 (as openai's).
        connector = aiohttp.TCPConnector(limit=_CONNECTION_LIMIT)
        session = aiohttp.ClientSession(timeout=timeout, cookie_jar=aiohttp.DummyCookieJar(), connector=connector)
        keeper = _keep(weakref.ref(self), loop, session)
        self._sessions[loop] = session
        self._keepers[loop] = keeper
        # Running the generator to its first yield registers it with the loop's shutdown_asyncgens.
        await anext(keeper)
        return session

    async def aclose(self) -> None:
        """Close the session this transport created for the running loop (a session passed in by
        the user is theirs to close)."""
        keeper = self._keepers.get(asyncio.get_running_loop())
        if keeper is not None:
            await keeper.aclose()

    def close_soon(self) -> None:
        """From synchronous code: schedule closing every session this transport created, each on its
        own loop (a loop that is not running closes it at shutdown)."""
        for loop, keeper in list(self._keepers.items()):
            if loop.is_running():
                task = asyncio.run_coroutine_threadsafe(keeper.aclose(), loop)
                _closing.add(task)
                task.add_done_callback(_closing.discard)


_closing: set[concurrent.futures.Future[None] | asyncio.Task[None]] = set()
"""Session closes scheduled by :meth:`AiohttpTransport.close_soon` or a dropped transport, held until
they finish."""


def _close_keepers(keepers: dict[asyncio.AbstractEventLoop, AsyncGenerator[None, None]]) -> None:
    """A transport was dropped: close each of its sessions on its own loop (from any thread)."""
    for loop, keeper in list(keepers.items()):
        if loop.is_closed():
            continue
        try:
            loop.call_soon_threadsafe(_start_closing, keeper)
        except RuntimeError:  # closed meanwhile: its shutdown closed the session
            continue


def _start_closing(keeper: AsyncGenerator[None, None]) -> None:
    task = asyncio.ensure_future(keeper.aclose())
    _closing.add(task)
    task.add_done_callback(_closing.discard)


async def _keep(
    transport: weakref.ref[AiohttpTransport], loop: asyncio.AbstractEventLoop, session: aiohttp.ClientSession
) -> AsyncGenerator[None, None]:
    """Holds ``session`` until its loop shuts down its async generators, or :meth:`aclose`, or the
    loop finalises it because the transport was dropped; then closes it. Only a weak reference to the
    transport: a strong one would make a cycle, and the collector would finalise the session (which
    then reports itself unclosed) together with this generator instead of letting it close the session."""
    try:
        yield
    finally:
        owner = transport()
        if owner is not None and owner._sessions.get(loop) is session:
            del owner._sessions[loop]
            del owner._keepers[loop]
        await session.close()


class AiohttpResponse:
    """A response whose body has not been read yet."""

    __slots__ = ("_deadline", "_response", "_timeout", "_url", "headers", "status")

    def __init__(
        self, response: aiohttp.ClientResponse, url: str, timeout: float | None, deadline: Deadline | None = None
    ) -> None:
        self._response = response
        self._url = url
        self._timeout = timeout
        self._deadline = deadline
        self.status = response.status
        self.headers = {key.lower(): value for key, value in response.headers.items()}

    async def read(self) -> bytes:
        try:
            return await self._response.read()
        except (aiohttp.ClientError, OSError) as exc:
            error = _error(exc, self._url, self._timeout, self.status, self._deadline)
        raise error

    async def aiter_bytes(self) -> AsyncIterator[bytes]:
        readany = self._response.content.readany
        try:
            while chunk := await readany():
                yield chunk
            return
        except (aiohttp.ClientError, OSError) as exc:
            error = _error(exc, self._url, self._timeout, self.status, self._deadline)
        raise error

    def close(self) -> None:
        # Releases the connection to the pool when the body was read to the end, else drops it.
        self._response.close()


def _error(
    exc: BaseException,
    url: str,
    timeout: float | None,
    status: int | None,
    deadline: Deadline | None = None,
    connect: float | None = None,
) -> AISDKError:
    """Describe an aiohttp / socket failure in our own words: aiohttp errors can carry the request
    (headers included), so they are never chained or quoted wholesale."""
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return errors.timed_out(url, deadline, status=status, connect=connect, connecting=True)
    if isinstance(exc, TimeoutError):
        return errors.timed_out(url, deadline, status=status, read=timeout)
    if _caused_by_encoding(exc):
        return errors.decode_error(url, status)
    if isinstance(exc, aiohttp.InvalidURL | aiohttp.NonHttpUrlClientError):
        return errors.invalid_request_error(url, "the URL is not valid")
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return errors.network_error(url, "cannot resolve the host name")
    if isinstance(exc, aiohttp.ClientConnectorError):
        return errors.network_error(url, f"cannot connect ({errors.os_reason(exc.os_error)})")
    if isinstance(exc, aiohttp.ClientResponseError):
        return errors.network_error(url, f"invalid HTTP response ({exc.message})", status=status)
    if isinstance(exc, aiohttp.ClientConnectionError | aiohttp.ClientPayloadError | OSError):
        return errors.connection_broke(url, exc, status)
    if isinstance(exc, ValueError | TypeError):
        return errors.malformed_request_error(url)
    return errors.network_error(url, type(exc).__name__, status=status)


def _caused_by_encoding(exc: BaseException) -> bool:
    """Whether aiohttp failed to decompress the body (it reports that as a payload error whose cause,
    or argument, is the decoding error)."""
    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None:
            return False
        if isinstance(seen, ContentEncodingError):
            return True
        nested = [arg for arg in seen.args if isinstance(arg, BaseException)]
        seen = seen.__cause__ or seen.__context__ or (nested[0] if nested else None)
    return False

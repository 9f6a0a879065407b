"""Transports over a user's httpx client (``httpx.Client`` / ``httpx.AsyncClient``, or the same
classes from the ``httpx2`` package), for users who already configured one (proxies, mTLS, event
hooks, mounts).

The library module is taken from the client's class, never imported here, so neither httpx nor httpx2
is ever loaded unless the user's client is one of theirs. The client stays the user's: closing a
transport does not close it.

A request's deadline sets httpx's connect and read timeouts and is checked between chunks: httpx has no
timeout for a whole response, so a server that goes silent near the deadline can overrun it by up to one
read timeout (the time that was left when the request was sent, or the ``chunk`` limit). The async
transport also bounds the wait for the response head by the deadline; the blocking one cannot, so a
server that sends its head a byte at a time can hold a blocking httpx call past its deadline.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

from ..spec.errors import AISDKError
from . import errors
from .transport import HttpRequest, request_limits

__all__ = ["AsyncHttpxResponse", "AsyncHttpxTransport", "HttpxResponse", "HttpxTransport"]

_closing: set[asyncio.Task[None]] = set()
"""Close tasks of abandoned async responses, held until they finish."""


class _HttpxBase:
    __slots__ = ("_client", "_errors", "_lib", "_timeouts")

    def __init__(self, client: Any, library: str) -> None:
        """``library`` is the top-level module the client's class comes from (``httpx`` or ``httpx2``)."""
        lib = importlib.import_module(library)
        self._client = client
        self._lib = lib
        self._errors = (lib.HTTPError, lib.InvalidURL, lib.StreamError, OSError, ValueError, TypeError)
        self._timeouts: dict[float, Any] = {}

    def _build(self, request: HttpRequest) -> Any:
        seconds = request.timeout
        if request.deadline is not None:
            request.deadline.check("sending the request")
            connect, read = request_limits(request, None)
            timeout = self._lib.Timeout(connect=connect, read=read, write=read, pool=read)
        elif seconds is None:
            timeout = self._lib.USE_CLIENT_DEFAULT
        else:
            timeout = self._timeouts.get(seconds)
            if timeout is None:
                timeout = self._timeouts[seconds] = self._lib.Timeout(seconds)
        return self._client.build_request(
            request.method, request.url, content=request.body, headers=request.headers, timeout=timeout
        )


class HttpxTransport(_HttpxBase):
    """Blocking transport over an ``httpx.Client`` (or ``httpx2.Client``)."""

    __slots__ = ()

    def send(self, request: HttpRequest, *, stream: bool = False) -> HttpxResponse:
        try:
            response = self._client.send(self._build(request), stream=True)
        except self._errors as exc:
            error = _error(self._lib, exc, request, None)
        except RuntimeError:
            if not self._client.is_closed:
                raise
            error = errors.closed_client_error(request.url)
        else:
            return HttpxResponse(response, self._lib, self._errors, request)
        # Raised outside the except block: httpx exceptions hold the request (and its headers).
        raise error


class AsyncHttpxTransport(_HttpxBase):
    """Async transport over an ``httpx.AsyncClient`` (or ``httpx2.AsyncClient``)."""

    __slots__ = ()

    async def send(self, request: HttpRequest, *, stream: bool = False) -> AsyncHttpxResponse:
        deadline = request.deadline
        try:
            if deadline is None:
                response = await self._client.send(self._build(request), stream=True)
            else:
                # httpx bounds each read of the head, not the head: a server sending it a byte at a
                # time would hold the call past its deadline.
                async with asyncio.timeout(deadline.remaining()):
                    response = await self._client.send(self._build(request), stream=True)
        except self._errors as exc:
            error = _error(self._lib, exc, request, None)
        except RuntimeError:
            if not self._client.is_closed:
                raise
            error = errors.closed_client_error(request.url)
        else:
            return AsyncHttpxResponse(response, self._lib, self._errors, request)
        raise error


class _ResponseBase:
    __slots__ = ("_errors", "_lib", "_request", "_response", "headers", "status")

    def __init__(self, response: Any, lib: Any, errors: tuple[type[BaseException], ...], request: HttpRequest) -> None:
        self._response = response
        self._lib = lib
        self._errors = errors
        self._request = request
        self.status: int = response.status_code
        self.headers = {key.lower(): value for key, value in response.headers.items()}


class HttpxResponse(_ResponseBase):
    """A response whose body has not been read yet."""

    __slots__ = ()

    def read(self) -> bytes:
        if self._request.deadline is not None:
            return b"".join(self.iter_bytes())
        try:
            body: bytes = self._response.read()
        except self._errors as exc:
            error = _error(self._lib, exc, self._request, self.status)
        else:
            return body
        raise error

    def iter_bytes(self) -> Iterator[bytes]:
        deadline = self._request.deadline
        try:
            if deadline is None:
                yield from self._response.iter_bytes()
                return
            for chunk in self._response.iter_bytes():
                deadline.check("reading the response body")
                yield chunk
            return
        except self._errors as exc:
            error = _error(self._lib, exc, self._request, self.status)
        raise error

    def close(self) -> None:
        self._response.close()


class AsyncHttpxResponse(_ResponseBase):
    """A response whose body has not been read yet."""

    __slots__ = ()

    async def read(self) -> bytes:
        if self._request.deadline is not None:
            return b"".join([chunk async for chunk in self.aiter_bytes()])
        try:
            body: bytes = await self._response.aread()
        except self._errors as exc:
            error = _error(self._lib, exc, self._request, self.status)
        else:
            return body
        raise error

    async def aiter_bytes(self) -> AsyncIterator[bytes]:
        deadline = self._request.deadline
        try:
            async for chunk in self._response.aiter_bytes():
                if deadline is not None:
                    deadline.check("reading the response body")
                yield chunk
            return
        except self._errors as exc:
            error = _error(self._lib, exc, self._request, self.status)
        raise error

    def close(self) -> None:
        # httpx closes an async response only with ``await aclose()``; a body read to the end is
        # closed already, and an abandoned one is closed by a task on the running loop.
        if self._response.is_closed:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        task = loop.create_task(self._response.aclose())
        _closing.add(task)
        task.add_done_callback(_closing.discard)


def _error(lib: Any, exc: BaseException, request: HttpRequest, status: int | None) -> AISDKError:
    """Describe an httpx failure in our own words (its exceptions carry the request and headers)."""
    url = request.url
    if isinstance(exc, lib.TimeoutException | TimeoutError):
        connect, read = request_limits(request, None)
        if isinstance(exc, lib.ConnectTimeout):
            return errors.timed_out(url, request.deadline, status=status, connect=connect, connecting=True)
        return errors.timed_out(url, request.deadline, status=status, read=read)
    if isinstance(exc, lib.HTTPStatusError):
        # A response hook of the user's client raised for the status and httpx closed the body unread:
        # still the error for that status (retried or not by it, retry-after honoured), not a network one.
        answer = exc.response
        headers = {key.lower(): value for key, value in answer.headers.items()}
        return errors.api_call_error(url=url, request_body=None, status=answer.status_code, headers=headers, body=b"")
    if isinstance(exc, lib.InvalidURL | lib.UnsupportedProtocol):
        return errors.invalid_request_error(url, "the URL is not valid")
    if isinstance(exc, lib.LocalProtocolError | ValueError | TypeError):
        return errors.malformed_request_error(url)
    if isinstance(exc, lib.ConnectError):
        return errors.network_error(url, f"cannot connect ({errors.os_reason(exc)})")
    if isinstance(exc, lib.DecodingError):
        return errors.decode_error(url, status)
    if isinstance(exc, lib.TransportError | OSError):
        return errors.connection_broke(url, exc, status)
    return errors.network_error(url, type(exc).__name__, status=status)

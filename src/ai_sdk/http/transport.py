"""The HTTP seam: what a transport is, so users can hand in their own (the seed's ``fetch``).

A transport sends one :class:`HttpRequest` and returns a response whose body can be read whole or
iterated in chunks. It does no retries, no status checks and no JSON: those live above it, in pure
code shared by the blocking and async paths.

Contract for implementations:
- ``headers`` of a response are a mapping with lower-case keys.
- Network failures (refused, reset, timeout, a body cut short) raise
  :class:`ai_sdk.spec.APICallError` with ``status_code`` of the response if one arrived, else ``None``,
  and ``is_retryable=True``. The message names the failure; it never includes request headers.
- A body that arrived whole but cannot be decoded (a corrupt gzip stream) raises a non-retryable
  :class:`~ai_sdk.spec.APICallError`: asking again would get the same bytes. Content-encoded bodies
  (gzip, deflate) are decoded, streams included.
- A request with a ``deadline`` connects within :meth:`~ai_sdk.spec.Deadline.connect_timeout`, waits at
  most :meth:`~ai_sdk.spec.Deadline.read_timeout` for any read, and raises
  :class:`~ai_sdk.spec.DeadlineExceededError` once the deadline has passed, however the server paces its
  bytes.
- ``close()`` is synchronous and idempotent, and releases the connection (back to the pool when the
  body was read to the end, otherwise by discarding it).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from ..spec.deadline import Deadline

__all__ = ["AsyncResponse", "AsyncTransport", "HttpRequest", "SyncResponse", "SyncTransport", "request_limits"]


@dataclass(slots=True)
class HttpRequest:
    method: str
    url: str
    headers: dict[str, str]
    body: bytes | None = None
    timeout: float | None = None
    """Seconds: connect timeout, and the longest wait for any read (when there is no ``deadline``)."""
    deadline: Deadline | None = None
    """The call's deadline: bounds connecting, each read and the whole exchange."""

    def __repr__(self) -> str:
        # Headers hold the API key: never show them.
        size = len(self.body) if self.body is not None else 0
        return f"HttpRequest({self.method} {self.url}, {size} bytes)"


class SyncResponse(Protocol):
    @property
    def status(self) -> int: ...
    @property
    def headers(self) -> Mapping[str, str]: ...
    def read(self) -> bytes: ...
    def iter_bytes(self) -> Iterator[bytes]: ...
    def close(self) -> None: ...


class AsyncResponse(Protocol):
    @property
    def status(self) -> int: ...
    @property
    def headers(self) -> Mapping[str, str]: ...
    async def read(self) -> bytes: ...
    def aiter_bytes(self) -> AsyncIterator[bytes]: ...
    def close(self) -> None: ...


@runtime_checkable
class SyncTransport(Protocol):
    def send(self, request: HttpRequest, *, stream: bool = False) -> SyncResponse: ...


@runtime_checkable
class AsyncTransport(Protocol):
    # Declared as returning an awaitable (an ``async def send`` satisfies it) so that one object can
    # serve both protocols: ``ai_sdk.testing.MockTransport.send`` returns a response that is also
    # awaitable.
    def send(self, request: HttpRequest, *, stream: bool = False) -> Awaitable[AsyncResponse]: ...


def request_limits(request: HttpRequest, default: float | None) -> tuple[float | None, float | None]:
    """``(connect, read)`` seconds for ``request`` now: from its deadline, else its ``timeout``, else
    ``default`` (the transport's own)."""
    deadline = request.deadline
    if deadline is not None:
        return deadline.connect_timeout(), deadline.read_timeout()
    seconds = request.timeout if request.timeout is not None else default
    return seconds, seconds

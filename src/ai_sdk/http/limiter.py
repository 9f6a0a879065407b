"""A bound on the requests in flight through a provider, for the blocking and the async API at once.

DeepInfra allows about 200 concurrent requests per model and account and answers 429 above that; a
program that starts calls from many threads and tasks needs one shared count to stay under it.
:class:`ConcurrencyLimit` is that count. It is shared by threads and event loops alike (a plain lock, and
waiters woken through ``call_soon_threadsafe``), hands a freed slot to the longest waiter (first come,
first served), and a wait counts against the call's deadline.

A request holds its slot from sending until its response is closed: for a stream, until the stream ends
or is closed.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Generic, TypeVar

from ..spec.deadline import Deadline
from ..spec.errors import InvalidArgumentError
from .transport import AsyncResponse, AsyncTransport, HttpRequest, SyncResponse, SyncTransport

if TYPE_CHECKING:
    import asyncio

__all__ = ["ConcurrencyLimit", "LimitedAsyncTransport", "LimitedSyncTransport"]

_WAITING = "waiting for a free request slot (max_concurrent_requests)"

R = TypeVar("R", SyncResponse, AsyncResponse)
T = TypeVar("T", SyncTransport, AsyncTransport)


class _Waiter:
    __slots__ = ("event", "future", "granted", "loop")

    def __init__(
        self,
        event: threading.Event | None = None,
        loop: asyncio.AbstractEventLoop | None = None,
        future: asyncio.Future[None] | None = None,
    ) -> None:
        self.event = event
        self.loop = loop
        self.future = future
        self.granted = False


def _wake(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class ConcurrencyLimit:
    """At most ``limit`` requests in flight at once through every provider (and thread, and event loop)
    that shares this object: ``create_deepinfra(max_concurrent_requests=ConcurrencyLimit(150))``.

    A request over the limit waits for a slot, first come first served, for no longer than its call's
    deadline allows (then :class:`~ai_sdk.errors.DeadlineExceededError`). ``in_flight`` and ``waiting``
    show the current load.
    """

    __slots__ = ("_in_flight", "_limit", "_lock", "_waiters")

    def __init__(self, limit: int) -> None:
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise InvalidArgumentError(
                "must be a whole number of requests >= 1, such as 200 (DeepInfra's limit per model)",
                argument="max_concurrent_requests",
                value=limit,
            )
        self._limit = limit
        # Re-entrant: a response dropped without close() gives its slot back from a finalizer, which the
        # garbage collector may run while this thread is inside one of these methods.
        self._lock = threading.RLock()
        self._in_flight = 0
        self._waiters: deque[_Waiter] = deque()

    @property
    def limit(self) -> int:
        """The most requests in flight at once."""
        return self._limit

    @property
    def in_flight(self) -> int:
        """Requests holding a slot now."""
        return self._in_flight

    @property
    def waiting(self) -> int:
        """Requests waiting for a slot now."""
        return len(self._waiters)

    def __repr__(self) -> str:
        return f"ConcurrencyLimit({self._limit}, in_flight={self._in_flight}, waiting={len(self._waiters)})"

    def _try_take(self) -> bool:
        """Take a slot if one is free and nobody is queued before us (call with the lock held)."""
        if self._in_flight < self._limit and not self._waiters:
            self._in_flight += 1
            return True
        return False

    def acquire(self, deadline: Deadline | None = None) -> None:
        """Take a slot, blocking the thread until one is free (or the deadline passes)."""
        with self._lock:
            if self._try_take():
                return
            waiter = _Waiter(event=threading.Event())
            self._waiters.append(waiter)
        assert waiter.event is not None
        if waiter.event.wait(deadline.remaining() if deadline is not None else None):
            return
        with self._lock:
            if waiter.granted:  # handed over just as the wait ran out
                return
            self._waiters.remove(waiter)
        assert deadline is not None
        raise deadline.error(_WAITING)

    async def acquire_async(self, deadline: Deadline | None = None) -> None:
        """Take a slot, waiting without blocking the event loop (cancellation leaves no slot taken)."""
        import asyncio

        with self._lock:
            if self._try_take():
                return
            loop = asyncio.get_running_loop()
            waiter = _Waiter(loop=loop, future=loop.create_future())
            self._waiters.append(waiter)
        assert waiter.future is not None
        remaining = deadline.remaining() if deadline is not None else None
        try:
            async with asyncio.timeout(remaining):
                await waiter.future
        except BaseException as error:
            with self._lock:
                granted = waiter.granted
                if not granted:
                    self._waiters.remove(waiter)
            if granted:
                if not isinstance(error, TimeoutError):
                    self.release()  # cancelled after being given a slot: pass it on
                    raise
                return  # the slot arrived as the deadline did: use it, the request checks the deadline
            if isinstance(error, TimeoutError) and deadline is not None:
                raise deadline.error(_WAITING) from None
            raise

    def release(self) -> None:
        """Give a slot back: to the longest waiter, or to the pool."""
        with self._lock:
            while self._waiters:
                waiter = self._waiters.popleft()
                waiter.granted = True
                if waiter.event is not None:
                    waiter.event.set()
                    return
                assert waiter.loop is not None
                assert waiter.future is not None
                try:
                    waiter.loop.call_soon_threadsafe(_wake, waiter.future)
                except RuntimeError:  # its event loop is closed: nobody is left to take the slot
                    continue
                return
            self._in_flight -= 1


class _Held(Generic[R]):
    """A response holding a slot of ``limit`` until it is closed. The slot is given back exactly once,
    and by a response dropped without being closed when it is collected."""

    __slots__ = ("_limit", "_response")

    def __init__(self, response: R, limit: ConcurrencyLimit) -> None:
        self._response: R = response
        self._limit: ConcurrencyLimit | None = limit

    @property
    def status(self) -> int:
        return self._response.status

    @property
    def headers(self) -> Mapping[str, str]:
        return self._response.headers

    def close(self) -> None:
        try:
            self._response.close()
        finally:
            self._release()

    def _release(self) -> None:
        limit, self._limit = self._limit, None
        if limit is not None:
            limit.release()

    __del__ = _release


class _LimitedSyncResponse(_Held[SyncResponse]):
    __slots__ = ()

    def read(self) -> bytes:
        return self._response.read()

    def iter_bytes(self) -> Iterator[bytes]:
        return self._response.iter_bytes()


class _LimitedAsyncResponse(_Held[AsyncResponse]):
    __slots__ = ()

    async def read(self) -> bytes:
        return await self._response.read()

    def aiter_bytes(self) -> AsyncIterator[bytes]:
        return self._response.aiter_bytes()


class _Limited(Generic[T]):
    __slots__ = ("_inner", "_limit")

    def __init__(self, inner: T, limit: ConcurrencyLimit) -> None:
        self._inner: T = inner
        self._limit = limit


class LimitedSyncTransport(_Limited[SyncTransport]):
    """A blocking transport whose requests each hold a slot of ``limit`` until their response is closed."""

    __slots__ = ()

    def send(self, request: HttpRequest, *, stream: bool = False) -> SyncResponse:
        self._limit.acquire(request.deadline)
        try:
            return _LimitedSyncResponse(self._inner.send(request, stream=stream), self._limit)
        except BaseException:  # nothing sent, or cancelled while sending: the slot was never held
            self._limit.release()
            raise


class LimitedAsyncTransport(_Limited[AsyncTransport]):
    """The async twin of :class:`LimitedSyncTransport`."""

    __slots__ = ()

    async def send(self, request: HttpRequest, *, stream: bool = False) -> AsyncResponse:
        await self._limit.acquire_async(request.deadline)
        try:
            return _LimitedAsyncResponse(await self._inner.send(request, stream=stream), self._limit)
        except BaseException:
            self._limit.release()
            raise

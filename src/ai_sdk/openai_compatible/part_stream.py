"""The blocking and async part streams: HTTP body chunks -> SSE payloads -> stream parts.

Both are thin drivers over the same pure :class:`~ai_sdk.http.sse.SSEDecoder` and a
:class:`PayloadParser` (the chat and the completion stream parsers), so every OpenAI-compatible
streaming model releases connections and reports broken streams the same way. The connection is
released as soon as the stream cannot be read further: at its end, on :meth:`close` (synchronous and
idempotent, so it is safe in ``finally`` and ``__del__``), when a ``for`` / ``async for`` loop breaks
or raises (iteration runs in a generator whose ``finally`` closes the response), and when the stream
object is garbage collected.

A network failure in the middle of the body (the transport raises :class:`APICallError`, or
:class:`DeadlineExceededError` when the call ran out of time) becomes an ``error`` part followed by
``finish`` with the reason ``error``, like any other broken stream. Once the parser has emitted an
``error`` part (an error frame, a malformed frame, a broken body) nothing more is read: the connection
is released before the error is handed on, so every reader learns of it at once and no kept error pins a
socket. Errors built from the stream have the request's credentials redacted.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterator
from typing import Protocol

from ..http.redact import redact_error
from ..http.sse import SSEDecoder
from ..http.transport import AsyncResponse, SyncResponse
from ..spec import APICallError, DeadlineExceededError, StreamError, StreamPart
from ..spec._logging import get_logger

_log = get_logger("http")

__all__ = ["AsyncSSEPartStream", "PayloadParser", "SyncSSEPartStream"]


class PayloadParser(Protocol):
    """A pure stream parser: what the drivers need from it, so one driver serves every endpoint."""

    def feed(self, payload: str) -> list[StreamPart]:
        """Parts for one SSE ``data`` payload."""
        ...

    def fail(self, error: Exception) -> list[StreamPart]:
        """Parts for a failure outside the payloads (the connection broke mid-stream)."""
        ...

    def finish(self) -> list[StreamPart]:
        """The closing parts, ``finish`` last."""
        ...

    @property
    def failed(self) -> bool:
        """Whether an ``error`` part has been emitted (the drivers then stop reading)."""
        ...


class _ResponseStream:
    """What both drivers share: the response, the decoder and parser, and releasing the connection."""

    __slots__ = ("_closed", "_decoder", "_parser", "_released", "_response", "_secrets")

    def __init__(
        self, response: SyncResponse | AsyncResponse, parser: PayloadParser, secrets: tuple[str, ...] = ()
    ) -> None:
        self._response = response
        self._closed = False  # by the reader: iteration ends
        self._released = False  # the connection: at the end, on an error, or on close()
        self._parser = parser
        self._decoder = SSEDecoder()
        self._secrets = secrets

    @property
    def closed(self) -> bool:
        """Whether the connection has been released (at the end, on an error, or by :meth:`close`)."""
        return self._released

    def close(self) -> None:
        """Release the connection; later reads end the iteration. Synchronous, so it needs no event loop."""
        self._closed = True
        self._release()

    __del__ = close

    def _stopped(self) -> bool:
        """Whether the reader closed the stream (checked between chunks, as it may close it mid-loop)."""
        return self._closed

    def _release(self) -> None:
        if not self._released:
            self._released = True
            self._response.close()

    def _failed(self, parts: list[StreamPart]) -> list[StreamPart]:
        """The parser has emitted an error: release the connection now (the error may be kept for long,
        and its traceback would keep the response), redact the error, and add the closing parts."""
        self._release()
        for part in parts:
            if isinstance(part, StreamError) and isinstance(part.error, BaseException):
                redact_error(part.error, self._secrets)
        return parts + self._parser.finish()

    def _broken(self, error: APICallError | DeadlineExceededError) -> list[StreamPart]:
        """The transport failed mid-body: the same, dropping the traceback that reaches into it."""
        self._release()
        if isinstance(error, DeadlineExceededError):
            _log.warning("%s", error.message, extra={"limit": error.limit})
        error.__traceback__ = None
        return self._failed(self._parser.fail(error))


class SyncSSEPartStream(_ResponseStream):
    """A blocking :class:`~ai_sdk.spec.PartStream` over a streamed HTTP response."""

    __slots__ = ("_chunks", "_iterator")

    def __init__(self, response: SyncResponse, parser: PayloadParser, secrets: tuple[str, ...] = ()) -> None:
        super().__init__(response, parser, secrets)
        self._iterator: Generator[StreamPart, None, None] | None = None
        self._chunks = response.iter_bytes()

    def __iter__(self) -> Iterator[StreamPart]:
        return self._parts()

    def __next__(self) -> StreamPart:
        if self._closed:
            raise StopIteration
        if self._iterator is None:
            self._iterator = self._parts()
        return next(self._iterator)

    def _parts(self) -> Generator[StreamPart, None, None]:
        if self._closed:
            return
        decoder = self._decoder
        parser = self._parser
        try:
            try:
                for chunk in self._chunks:
                    for payload in decoder.feed(chunk):
                        parts = parser.feed(payload)
                        if parser.failed:
                            yield from self._failed(parts)
                            return
                        yield from parts
                    if self._stopped():
                        return
                for payload in decoder.finish():
                    parts = parser.feed(payload)
                    if parser.failed:
                        yield from self._failed(parts)
                        return
                    yield from parts
            except (APICallError, DeadlineExceededError) as error:
                failure = self._broken(error)
            else:
                self._release()
                yield from parser.finish()
                return
            yield from failure
        finally:
            self.close()


class AsyncSSEPartStream(_ResponseStream):
    """An async :class:`~ai_sdk.spec.AsyncPartStream` over a streamed HTTP response."""

    __slots__ = ("_chunks", "_iterator")

    def __init__(self, response: AsyncResponse, parser: PayloadParser, secrets: tuple[str, ...] = ()) -> None:
        super().__init__(response, parser, secrets)
        self._iterator: AsyncGenerator[StreamPart, None] | None = None
        self._chunks = response.aiter_bytes()

    def __aiter__(self) -> AsyncIterator[StreamPart]:
        return self._parts()

    async def __anext__(self) -> StreamPart:
        if self._closed:
            raise StopAsyncIteration
        if self._iterator is None:
            self._iterator = self._parts()
        return await self._iterator.__anext__()

    async def _parts(self) -> AsyncGenerator[StreamPart, None]:
        if self._closed:
            return
        decoder = self._decoder
        parser = self._parser
        try:
            try:
                async for chunk in self._chunks:
                    for payload in decoder.feed(chunk):
                        parts = parser.feed(payload)
                        if parser.failed:
                            for part in self._failed(parts):
                                yield part
                            return
                        for part in parts:
                            yield part
                    if self._stopped():
                        return
                for payload in decoder.finish():
                    parts = parser.feed(payload)
                    if parser.failed:
                        for part in self._failed(parts):
                            yield part
                        return
                    for part in parts:
                        yield part
            except (APICallError, DeadlineExceededError) as error:
                failure = self._broken(error)
            else:
                self._release()
                for part in parser.finish():
                    yield part
                return
            for part in failure:
                yield part
        finally:
            self.close()

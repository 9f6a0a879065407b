"""The blocking and async part streams: HTTP body chunks -> SSE payloads -> stream parts.

Both are thin drivers over the same pure :class:`~ai_sdk.http.sse.SSEDecoder` and
:class:`ChatStreamParser`. The connection is released as soon as the stream cannot be read further:
at its end, on :meth:`close` (synchronous and idempotent, so it is safe in ``finally`` and
``__del__``), when a ``for`` / ``async for`` loop breaks or raises (iteration runs in a generator whose
``finally`` closes the response), and when the stream object is garbage collected.

A network failure in the middle of the body (the transport raises :class:`APICallError`) becomes an
``error`` part followed by ``finish`` with the reason ``error``, like any other broken stream.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterator

from ...http.sse import SSEDecoder
from ...http.transport import AsyncResponse, SyncResponse
from ...spec import APICallError, StreamPart
from .stream_parser import ChatStreamParser

__all__ = ["AsyncChatStream", "SyncChatStream"]


class SyncChatStream:
    """A blocking :class:`~ai_sdk.spec.PartStream` over a streamed HTTP response."""

    __slots__ = ("_chunks", "_closed", "_decoder", "_iterator", "_parser", "_response")

    def __init__(self, response: SyncResponse, parser: ChatStreamParser) -> None:
        self._response = response
        self._closed = False
        self._parser = parser
        self._decoder = SSEDecoder()
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

    @property
    def closed(self) -> bool:
        """Whether the connection has been released (at the end, or by :meth:`close`)."""
        return self._closed

    def close(self) -> None:
        """Release the connection; later reads end the iteration."""
        if not self._closed:
            self._closed = True
            self._response.close()

    __del__ = close

    def _parts(self) -> Generator[StreamPart, None, None]:
        if self.closed:
            return
        decoder = self._decoder
        parser = self._parser
        try:
            try:
                for chunk in self._chunks:
                    for payload in decoder.feed(chunk):
                        yield from parser.feed(payload)
                    if self._closed:
                        return
                for payload in decoder.finish():
                    yield from parser.feed(payload)
            except APICallError as error:
                yield from parser.fail(error)
            yield from parser.finish()
        finally:
            self.close()


class AsyncChatStream:
    """An async :class:`~ai_sdk.spec.AsyncPartStream` over a streamed HTTP response."""

    __slots__ = ("_chunks", "_closed", "_decoder", "_iterator", "_parser", "_response")

    def __init__(self, response: AsyncResponse, parser: ChatStreamParser) -> None:
        self._response = response
        self._closed = False
        self._parser = parser
        self._decoder = SSEDecoder()
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

    @property
    def closed(self) -> bool:
        """Whether the connection has been released (at the end, or by :meth:`close`)."""
        return self._closed

    def close(self) -> None:
        """Release the connection; later reads end the iteration. Needs no event loop."""
        if not self._closed:
            self._closed = True
            self._response.close()

    __del__ = close

    async def _parts(self) -> AsyncGenerator[StreamPart, None]:
        if self.closed:
            return
        decoder = self._decoder
        parser = self._parser
        try:
            try:
                async for chunk in self._chunks:
                    for payload in decoder.feed(chunk):
                        for part in parser.feed(payload):
                            yield part
                    if self._closed:
                        return
                for payload in decoder.finish():
                    for part in parser.feed(payload):
                        yield part
            except APICallError as error:
                for part in parser.fail(error):
                    yield part
            for part in parser.finish():
                yield part
        finally:
            self.close()

"""Stream plumbing for middleware: a pure part transformer, and the two thin drivers that run it over a
blocking or an async part stream; plus a ready list of parts usable as either kind of stream.

A transformer is plain synchronous code (``feed(part) -> parts``, ``finish() -> parts``), so the same
logic serves ``do_stream`` and ``do_stream_sync`` and can be tested without any stream at all.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from typing import Protocol

from ..spec.language_model import AsyncPartStream, PartStream, StreamPart

__all__ = ["AsyncTransformedPartStream", "PartList", "PartTransformer", "TransformedPartStream"]


class PartTransformer(Protocol):
    """Turns each incoming part into zero or more outgoing parts; ``finish`` flushes what it holds
    back when the incoming stream ends."""

    def feed(self, part: StreamPart) -> Iterable[StreamPart]:
        """The parts to emit for ``part`` (possibly none, possibly ``part`` itself)."""
        ...

    def finish(self) -> Iterable[StreamPart]:
        """The parts still held back once the incoming stream has ended."""
        ...


class TransformedPartStream:
    """A blocking part stream: ``inner`` run through ``transformer``. ``close()`` closes ``inner``."""

    __slots__ = ("_done", "_inner", "_pending", "_transformer")

    def __init__(self, inner: PartStream, transformer: PartTransformer) -> None:
        self._inner = inner
        self._transformer = transformer
        self._pending: deque[StreamPart] = deque()
        self._done = False

    def __iter__(self) -> TransformedPartStream:
        return self

    def __next__(self) -> StreamPart:
        pending = self._pending
        while not pending:
            if self._done:
                raise StopIteration
            try:
                part = next(self._inner)
            except StopIteration:
                self._done = True
                pending.extend(self._transformer.finish())
            else:
                pending.extend(self._transformer.feed(part))
        return pending.popleft()

    def close(self) -> None:
        self._inner.close()


class AsyncTransformedPartStream:
    """An async part stream: ``inner`` run through ``transformer``. ``close()`` closes ``inner``."""

    __slots__ = ("_done", "_inner", "_pending", "_transformer")

    def __init__(self, inner: AsyncPartStream, transformer: PartTransformer) -> None:
        self._inner = inner
        self._transformer = transformer
        self._pending: deque[StreamPart] = deque()
        self._done = False

    def __aiter__(self) -> AsyncTransformedPartStream:
        return self

    async def __anext__(self) -> StreamPart:
        pending = self._pending
        while not pending:
            if self._done:
                raise StopAsyncIteration
            try:
                part = await self._inner.__anext__()
            except StopAsyncIteration:
                self._done = True
                pending.extend(self._transformer.finish())
            else:
                pending.extend(self._transformer.feed(part))
        return pending.popleft()

    def close(self) -> None:
        self._inner.close()


class PartList:
    """Parts already in memory, readable as a blocking or an async stream (``close()`` stops it)."""

    __slots__ = ("_index", "_parts")

    def __init__(self, parts: Sequence[StreamPart]) -> None:
        self._parts = parts
        self._index = 0

    def _next(self) -> StreamPart | None:
        if self._index >= len(self._parts):
            return None
        part = self._parts[self._index]
        self._index += 1
        return part

    def __iter__(self) -> PartList:
        return self

    def __next__(self) -> StreamPart:
        part = self._next()
        if part is None:
            raise StopIteration
        return part

    def __aiter__(self) -> PartList:
        return self

    async def __anext__(self) -> StreamPart:
        part = self._next()
        if part is None:
            raise StopAsyncIteration
        return part

    def close(self) -> None:
        self._index = len(self._parts)

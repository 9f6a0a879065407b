"""Readers of a ``stream_text`` result that show the parts through ``transform=`` (e.g.
:func:`~ai_sdk.core.smooth_stream.smooth_stream`): each reader feeds the parts it reads through its own
fresh transforms, in order, and waits the transforms' delay after each paced part.

The transforms change what readers show, never the generation: final values stay the model's.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any, Generic

from .smooth_stream import StreamTransform, TransformFactory
from .stream_text import _SKIP, AsyncStreamReader, ItemT_co, StreamReader

__all__ = ["TransformedAsyncReader", "TransformedReader"]


class _Chain:
    """The transforms of one reader, applied in order."""

    __slots__ = ("transforms",)

    def __init__(self, factories: Sequence[TransformFactory]) -> None:
        self.transforms: list[StreamTransform] = [factory() for factory in factories]

    def feed(self, part: Any) -> list[Any]:
        parts = [part]
        for transform in self.transforms:
            parts = [shown for item in parts for shown in transform.feed(item)]
        return parts

    def flush(self) -> list[Any]:
        carried: list[Any] = []
        for transform in self.transforms:
            carried = [shown for item in carried for shown in transform.feed(item)] + transform.flush()
        return carried

    def pause(self, part: Any) -> float:
        return max((t.delay or 0.0 for t in self.transforms if t.paced(part)), default=0.0)


class TransformedAsyncReader(AsyncStreamReader[ItemT_co], Generic[ItemT_co]):
    """An :class:`~ai_sdk.core.stream_text.AsyncStreamReader` whose parts pass through transforms."""

    __slots__ = ("_chain", "_done", "_out", "_pause", "_shown")

    def __init__(self, run: Any, factories: Sequence[TransformFactory], select: Callable[[Any], Any] | None) -> None:
        super().__init__(run)
        self._shown = select
        self._chain = _Chain(factories)
        self._out: deque[Any] = deque()
        self._done = False
        self._pause = 0.0

    async def __anext__(self) -> ItemT_co:
        while True:
            if self._pause:
                import asyncio

                pause, self._pause = self._pause, 0.0
                await asyncio.sleep(pause)
            if self._out:
                part = self._out.popleft()
                self._pause = self._chain.pause(part)
                value = part if self._shown is None else self._shown(part)
                if value is not _SKIP:
                    return value  # type: ignore[no-any-return]
                continue
            if self._done:
                raise StopAsyncIteration
            try:
                part = await super().__anext__()
            except StopAsyncIteration:
                self._done = True
                self._out.extend(self._chain.flush())
                continue
            self._out.extend(self._chain.feed(part))


class TransformedReader(StreamReader[ItemT_co], Generic[ItemT_co]):
    """The blocking twin of :class:`TransformedAsyncReader`."""

    __slots__ = ("_chain", "_done", "_out", "_pause", "_shown")

    def __init__(self, run: Any, factories: Sequence[TransformFactory], select: Callable[[Any], Any] | None) -> None:
        super().__init__(run)
        self._shown = select
        self._chain = _Chain(factories)
        self._out: deque[Any] = deque()
        self._done = False
        self._pause = 0.0

    def __next__(self) -> ItemT_co:
        while True:
            if self._pause:
                pause, self._pause = self._pause, 0.0
                time.sleep(pause)
            if self._out:
                part = self._out.popleft()
                self._pause = self._chain.pause(part)
                value = part if self._shown is None else self._shown(part)
                if value is not _SKIP:
                    return value  # type: ignore[no-any-return]
                continue
            if self._done:
                raise StopIteration
            try:
                part = super().__next__()
            except StopIteration:
                self._done = True
                self._out.extend(self._chain.flush())
                continue
            self._out.extend(self._chain.feed(part))

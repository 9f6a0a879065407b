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


_WAIT: Any = object()
"""What :meth:`_View.next` returns when its reader must first sleep ``pause`` seconds, or else read a part."""


class _View:
    """What one reader shows, pure and shared by both readers: the parts it reads go through its own
    fresh transforms, in order, into a queue, which it shows through ``select``, owing the transforms'
    delay after each paced part. The readers sleep and read as :meth:`next` asks."""

    __slots__ = ("_done", "_end", "_out", "_select", "_transforms", "pause")

    def __init__(
        self, factories: Sequence[TransformFactory], select: Callable[[Any], Any] | None, end: type[Exception]
    ) -> None:
        self._transforms: list[StreamTransform] = [factory() for factory in factories]
        self._select = select
        self._end = end
        """What the reader raises at the end (StopIteration or StopAsyncIteration)."""
        self._out: deque[Any] = deque()
        self._done = False
        self.pause = 0.0
        """Seconds to wait before showing anything more."""

    def next(self) -> Any:
        """The next value to show, or ``_WAIT``; raises ``end`` when everything has been shown."""
        out = self._out
        while not self.pause:
            if not out:
                if self._done:
                    raise self._end
                return _WAIT
            part = out.popleft()
            self.pause = max((t.delay or 0.0 for t in self._transforms if t.paced(part)), default=0.0)
            value = part if self._select is None else self._select(part)
            if value is not _SKIP:
                return value
        return _WAIT

    def take_pause(self) -> float:
        """The pause to wait now (the reader waits it; it is then paid)."""
        pause, self.pause = self.pause, 0.0
        return pause

    def feed(self, part: Any) -> None:
        """A part the reader read."""
        parts = [part]
        for transform in self._transforms:
            parts = [shown for item in parts for shown in transform.feed(item)]
        self._out.extend(parts)

    def end(self) -> None:
        """The reader's parts ended: flush what the transforms hold."""
        carried: list[Any] = []
        for transform in self._transforms:
            carried = [shown for item in carried for shown in transform.feed(item)] + transform.flush()
        self._done = True
        self._out.extend(carried)


class TransformedAsyncReader(AsyncStreamReader[ItemT_co], Generic[ItemT_co]):
    """An :class:`~ai_sdk.core.stream_text.AsyncStreamReader` whose parts pass through transforms."""

    __slots__ = ("_view",)

    def __init__(self, run: Any, factories: Sequence[TransformFactory], select: Callable[[Any], Any] | None) -> None:
        super().__init__(run)
        self._view = _View(factories, select, StopAsyncIteration)

    async def __anext__(self) -> ItemT_co:
        view = self._view
        while (shown := view.next()) is _WAIT:
            if view.pause:
                import asyncio

                await asyncio.sleep(view.take_pause())
            else:
                try:
                    view.feed(await super().__anext__())
                except StopAsyncIteration:
                    view.end()
        return shown  # type: ignore[no-any-return]


class TransformedReader(StreamReader[ItemT_co], Generic[ItemT_co]):
    """The blocking twin of :class:`TransformedAsyncReader`."""

    __slots__ = ("_view",)

    def __init__(self, run: Any, factories: Sequence[TransformFactory], select: Callable[[Any], Any] | None) -> None:
        super().__init__(run)
        self._view = _View(factories, select, StopIteration)

    def __next__(self) -> ItemT_co:
        view = self._view
        while (shown := view.next()) is _WAIT:
            if view.pause:
                time.sleep(view.take_pause())
            else:
                try:
                    view.feed(super().__next__())
                except StopIteration:
                    view.end()
        return shown  # type: ignore[no-any-return]

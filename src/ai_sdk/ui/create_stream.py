"""``create_ui_message_stream``: a UI message stream written by your code, with custom ``data-*``
parts, message metadata and merged ``stream_text`` results.

Async: ``execute(writer)`` (a function or a coroutine function) runs as a task while the stream is
read; writes and merged streams are sent as they come, and the stream ends when ``execute`` and every
merged stream have finished (a stream may be merged after ``execute`` returned, from a callback).
Blocking: ``execute(writer)`` runs first, then its writes and merged streams are sent in the order of
the calls, each merged stream as it is produced.

An exception in ``execute`` or in a merged stream becomes an ``error`` chunk with ``on_error``'s text.
"""

from __future__ import annotations

import inspect
from collections import deque
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator, Sequence
from typing import Any

from .chunks import ErrorChunk, UIMessageChunk, UIMessageChunkBase, parse_ui_message_chunk
from .finish import FinishTracker, UIMessageStreamFinish, check_blocking, generate_id, shielded
from .stream_parts import default_on_error

__all__ = [
    "SyncUIMessageStreamWriter",
    "UIMessageStreamWriter",
    "create_ui_message_stream",
    "create_ui_message_stream_sync",
]

_DONE: Any = object()


def _chunk(value: UIMessageChunk | dict[str, Any]) -> UIMessageChunk:
    return value if isinstance(value, UIMessageChunkBase) else parse_ui_message_chunk(value)


class UIMessageStreamWriter:
    """Writes into a :func:`create_ui_message_stream` stream (async API)."""

    __slots__ = ("_merge", "_put", "on_error")

    def __init__(
        self,
        put: Callable[[Any], None],
        merge: Callable[[AsyncIterable[UIMessageChunk]], None],
        on_error: Callable[[Any], str],
    ) -> None:
        self._put = put
        self._merge = merge
        self.on_error = on_error
        """The stream's error-text function, for streams you merge (``result.to_ui_message_stream(
        on_error=writer.on_error)``) so errors are described once, the same way."""

    def write(self, chunk: UIMessageChunk | dict[str, Any]) -> None:
        """Send one chunk: a chunk object (``DataChunk("weather", {...}, transient=True)``) or its wire
        dict (``{"type": "data-weather", "data": {...}}``, checked at once)."""
        self._put(_chunk(chunk))

    def merge(self, stream: AsyncIterable[UIMessageChunk | dict[str, Any]]) -> None:
        """Send the chunks of another UI message stream (e.g. ``result.to_ui_message_stream()``) as they
        come, alongside everything else."""
        self._merge(stream)  # type: ignore[arg-type]


class SyncUIMessageStreamWriter:
    """Writes into a blocking :func:`create_ui_message_stream` stream (``ai_sdk.sync``)."""

    __slots__ = ("_items", "on_error")

    def __init__(self, items: deque[Any], on_error: Callable[[Any], str]) -> None:
        self._items = items
        self.on_error = on_error
        """The stream's error-text function, for streams you merge."""

    def write(self, chunk: UIMessageChunk | dict[str, Any]) -> None:
        """Send one chunk (an object or its wire dict, checked at once)."""
        self._items.append(_chunk(chunk))

    def merge(self, stream: Iterable[UIMessageChunk | dict[str, Any]]) -> None:
        """Send the chunks of another UI message stream, in the order of the calls."""
        self._items.append(iter(stream))


def create_ui_message_stream(
    *,
    execute: Callable[[UIMessageStreamWriter], Any],
    on_error: Callable[[Any], str] = default_on_error,
    original_messages: Sequence[Any] | None = None,
    on_finish: Callable[[UIMessageStreamFinish], Any] | None = None,
    generate_id: Callable[[], str] = generate_id,
) -> AsyncIterator[UIMessageChunk]:
    """A UI message stream written by ``execute(writer)``; see the module docs. ``original_messages``
    (the request's messages) turns on persistence: the response message gets an id from
    ``generate_id`` (or continues the last assistant message), and ``on_finish`` (may be async)
    receives the final messages."""
    tracker = FinishTracker(message_id=generate_id(), original_messages=original_messages, on_finish=on_finish)
    return _run_async(execute, on_error, tracker)


async def _run_async(
    execute: Callable[[UIMessageStreamWriter], Any],
    on_error: Callable[[Any], str],
    tracker: FinishTracker,
) -> AsyncIterator[UIMessageChunk]:
    import asyncio

    queue: asyncio.Queue[Any] = asyncio.Queue()
    tasks: set[asyncio.Task[None]] = set()
    running = 0

    def spawn(job: Any) -> None:
        nonlocal running
        running += 1
        task = asyncio.ensure_future(job)
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    async def run_execute(writer: UIMessageStreamWriter) -> None:
        try:
            outcome = execute(writer)
            if inspect.isawaitable(outcome):
                await outcome
        except Exception as error:
            queue.put_nowait(ErrorChunk(error_text=on_error(error)))
        finally:
            queue.put_nowait(_DONE)

    async def run_merge(stream: AsyncIterable[Any]) -> None:
        try:
            async for chunk in stream:
                queue.put_nowait(_chunk(chunk))
        except Exception as error:
            queue.put_nowait(ErrorChunk(error_text=on_error(error)))
        finally:
            queue.put_nowait(_DONE)

    writer = UIMessageStreamWriter(queue.put_nowait, lambda stream: spawn(run_merge(stream)), on_error)
    spawn(run_execute(writer))
    done = False
    try:
        while running:
            item = await queue.get()
            if item is _DONE:
                running -= 1
                continue
            yield tracker.feed(item)
        done = True
    finally:
        for task in list(tasks):
            task.cancel()
        with shielded():
            outcome = tracker.finish(aborted=not done)
            if inspect.isawaitable(outcome):
                await outcome


def create_ui_message_stream_sync(
    *,
    execute: Callable[[SyncUIMessageStreamWriter], Any],
    on_error: Callable[[Any], str] = default_on_error,
    original_messages: Sequence[Any] | None = None,
    on_finish: Callable[[UIMessageStreamFinish], Any] | None = None,
    generate_id: Callable[[], str] = generate_id,
) -> Iterator[UIMessageChunk]:
    """The blocking twin of :func:`create_ui_message_stream` (``from ai_sdk.sync import
    create_ui_message_stream``)."""
    check_blocking("execute", execute)
    check_blocking("on_finish", on_finish)
    tracker = FinishTracker(message_id=generate_id(), original_messages=original_messages, on_finish=on_finish)
    return _run_sync(execute, on_error, tracker)


def _run_sync(
    execute: Callable[[SyncUIMessageStreamWriter], Any],
    on_error: Callable[[Any], str],
    tracker: FinishTracker,
) -> Iterator[UIMessageChunk]:
    items: deque[Any] = deque()
    writer = SyncUIMessageStreamWriter(items, on_error)
    done = False
    try:
        try:
            execute(writer)
        except Exception as error:
            items.append(ErrorChunk(error_text=on_error(error)))
        while items:
            item = items.popleft()
            if isinstance(item, UIMessageChunkBase):
                yield tracker.feed(item)  # type: ignore[arg-type]
                continue
            try:
                for chunk in item:
                    yield tracker.feed(_chunk(chunk))
            except Exception as error:
                yield tracker.feed(ErrorChunk(error_text=on_error(error)))
        done = True
    finally:
        tracker.finish(aborted=not done)

"""The UI message stream of a ``stream_text`` result: its ``full_stream`` parts through
:class:`~ai_sdk.ui.stream_parts.UIMessageChunker` and :class:`~ai_sdk.ui.finish.FinishTracker`, driven
asynchronously or blockingly (what ``StreamTextResult.to_ui_message_stream`` runs).

Leaving the stream early (the client went away) closes the model's stream and still calls
``on_finish``, with ``is_aborted`` set.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator, Sequence
from typing import Any

from .chunks import UIMessageChunk
from .finish import FinishTracker, UIMessageStreamFinish, response_message_id
from .stream_parts import UIMessageChunker, default_on_error

__all__ = ["ui_message_stream_from_parts", "ui_message_stream_from_parts_sync"]

OnFinish = Callable[[UIMessageStreamFinish], Any]


class _Pipeline:
    """Chunker and tracker set up from the reference's options."""

    __slots__ = ("chunker", "on_finish", "tracker")

    def __init__(
        self,
        *,
        original_messages: Sequence[Any] | None,
        generate_message_id: str | Callable[[], str] | None,
        on_finish: OnFinish | None,
        message_metadata: Callable[[Any], Any] | None,
        send_reasoning: bool,
        send_sources: bool,
        send_start: bool,
        send_finish: bool,
        on_error: Callable[[Any], str],
    ) -> None:
        message_id = (
            response_message_id(original_messages, generate_message_id) if generate_message_id is not None else None
        )
        self.chunker = UIMessageChunker(
            message_id=message_id,
            send_reasoning=send_reasoning,
            send_sources=send_sources,
            send_start=send_start,
            send_finish=send_finish,
            message_metadata=message_metadata,
            on_error=on_error,
        )
        self.tracker = FinishTracker(
            message_id=message_id, original_messages=original_messages, track=on_finish is not None
        )
        self.on_finish = on_finish


async def ui_message_stream_from_parts(
    parts: AsyncIterable[Any],
    *,
    original_messages: Sequence[Any] | None = None,
    generate_message_id: str | Callable[[], str] | None = None,
    on_finish: OnFinish | None = None,
    message_metadata: Callable[[Any], Any] | None = None,
    send_reasoning: bool = True,
    send_sources: bool = False,
    send_start: bool = True,
    send_finish: bool = True,
    on_error: Callable[[Any], str] = default_on_error,
) -> AsyncIterator[UIMessageChunk]:
    """The UI chunks of async ``full_stream`` parts (``on_finish`` may be async)."""
    pipeline = _Pipeline(
        original_messages=original_messages,
        generate_message_id=generate_message_id,
        on_finish=on_finish,
        message_metadata=message_metadata,
        send_reasoning=send_reasoning,
        send_sources=send_sources,
        send_start=send_start,
        send_finish=send_finish,
        on_error=on_error,
    )
    chunker, tracker = pipeline.chunker, pipeline.tracker
    reader = aiter(parts)
    done = False
    try:
        async for part in reader:
            for chunk in chunker.feed(part):
                yield tracker.feed(chunk)
        done = True
    finally:
        if not done:
            close = getattr(reader, "aclose", None)
            if close is not None:
                await close()
        event = tracker.event(aborted=not done)
        if event is not None and pipeline.on_finish is not None:
            outcome = pipeline.on_finish(event)
            if inspect.isawaitable(outcome):
                await outcome


def ui_message_stream_from_parts_sync(
    parts: Iterable[Any],
    *,
    original_messages: Sequence[Any] | None = None,
    generate_message_id: str | Callable[[], str] | None = None,
    on_finish: OnFinish | None = None,
    message_metadata: Callable[[Any], Any] | None = None,
    send_reasoning: bool = True,
    send_sources: bool = False,
    send_start: bool = True,
    send_finish: bool = True,
    on_error: Callable[[Any], str] = default_on_error,
) -> Iterator[UIMessageChunk]:
    """The blocking twin of :func:`ui_message_stream_from_parts`."""
    pipeline = _Pipeline(
        original_messages=original_messages,
        generate_message_id=generate_message_id,
        on_finish=on_finish,
        message_metadata=message_metadata,
        send_reasoning=send_reasoning,
        send_sources=send_sources,
        send_start=send_start,
        send_finish=send_finish,
        on_error=on_error,
    )
    chunker, tracker = pipeline.chunker, pipeline.tracker
    reader = iter(parts)
    done = False
    try:
        for part in reader:
            for chunk in chunker.feed(part):
                yield tracker.feed(chunk)
        done = True
    finally:
        if not done:
            close = getattr(reader, "close", None)
            if close is not None:
                close()
        event = tracker.event(aborted=not done)
        if event is not None and pipeline.on_finish is not None:
            pipeline.on_finish(event)

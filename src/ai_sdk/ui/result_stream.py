"""The UI message stream of a ``stream_text`` result: its ``full_stream`` parts through
:class:`~ai_sdk.ui.stream_parts.UIMessageChunker` and :class:`~ai_sdk.ui.finish.FinishTracker`, driven
asynchronously or blockingly (what ``StreamTextResult.to_ui_message_stream`` runs).

Leaving the stream early (the client went away) closes the model's stream and still calls
``on_finish``, with ``is_aborted`` set.
"""

from __future__ import annotations

import difflib
import inspect
import re
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator, Sequence
from typing import Any, TypedDict, Unpack

from ..spec.errors import UnknownArgumentError
from .chunks import UIMessageChunk
from .finish import FinishTracker, UIMessageStreamFinish, check_blocking, response_message_id, shielded
from .stream_parts import UIMessageChunker

__all__ = ["UIMessageStreamOptions", "ui_message_stream_from_parts", "ui_message_stream_from_parts_sync"]


class UIMessageStreamOptions(TypedDict, total=False):
    """The options of ``to_ui_message_stream`` (and of the response methods built on it).

    ``send_reasoning`` (default ``True``), ``send_sources`` (``False``), ``send_start`` / ``send_finish``
    (``True``; turn them off when you merge several streams into one message) choose what is sent.
    ``message_metadata(part)`` returns metadata for the message (sent with ``start``, ``finish`` or as a
    ``message-metadata`` chunk) or ``None``. ``on_error(error)`` returns the text the user sees for an
    error (default: ``"An error occurred."``, so no server detail leaks). ``original_messages`` (the
    request's UI messages) turns on persistence: with ``generate_message_id`` (an id or a function)
    the response message gets that id, or keeps the id of the assistant message it continues;
    ``on_finish(event)`` (may be async in the async API) receives a
    :class:`~ai_sdk.ui.UIMessageStreamFinish` with the messages to store.
    """

    original_messages: Sequence[Any] | None
    generate_message_id: str | Callable[[], str] | None
    on_finish: Callable[[UIMessageStreamFinish], Any] | None
    message_metadata: Callable[[Any], Any] | None
    send_reasoning: bool
    send_sources: bool
    send_start: bool
    send_finish: bool
    on_error: Callable[[Any], str]


_OPTIONS = frozenset(UIMessageStreamOptions.__optional_keys__)


def check_options(options: Any, function: str = "to_ui_message_stream") -> None:
    """Reject an option that does not exist (a misspelt one would otherwise be ignored), naming the
    closest valid one (``sendReasoning`` -> ``send_reasoning``)."""
    unknown = sorted(name for name in options if name not in _OPTIONS)
    if not unknown:
        return
    name = unknown[0]
    snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()
    close = [snake] if snake in _OPTIONS else difflib.get_close_matches(snake, sorted(_OPTIONS), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]}?" if close else f"; it takes {', '.join(sorted(_OPTIONS))}"
    raise UnknownArgumentError(f"{function}() got an unexpected keyword argument {name!r}{hint}", argument=name)


# the options that choose what is sent: UIMessageChunker takes them, and its defaults are theirs
_CHUNKER_OPTIONS = frozenset(
    {"send_reasoning", "send_sources", "send_start", "send_finish", "message_metadata", "on_error"}
)


def _pipeline(options: UIMessageStreamOptions) -> tuple[UIMessageChunker, FinishTracker]:
    original = options.get("original_messages")
    generate = options.get("generate_message_id")
    message_id = response_message_id(original, generate) if generate is not None else None
    chosen: dict[str, Any] = {name: value for name, value in options.items() if name in _CHUNKER_OPTIONS}
    chunker = UIMessageChunker(message_id=message_id, **chosen)
    tracker = FinishTracker(message_id=message_id, original_messages=original, on_finish=options.get("on_finish"))
    return chunker, tracker


def ui_message_stream_from_parts(
    parts: AsyncIterable[Any], **options: Unpack[UIMessageStreamOptions]
) -> AsyncIterator[UIMessageChunk]:
    """The UI chunks of async ``full_stream`` parts (options are checked now, parts read when iterated)."""
    check_options(options)
    return _chunks_async(parts, options)


async def _chunks_async(parts: AsyncIterable[Any], options: UIMessageStreamOptions) -> AsyncIterator[UIMessageChunk]:
    chunker, tracker = _pipeline(options)
    reader = aiter(parts)
    done = False
    try:
        async for part in reader:
            for chunk in chunker.feed(part):
                yield tracker.feed(chunk)
        done = True
    finally:
        with shielded():
            if not done:
                close = getattr(reader, "aclose", None)
                if close is not None:
                    await close()
            outcome = tracker.finish(aborted=not done)
            if inspect.isawaitable(outcome):
                await outcome


def ui_message_stream_from_parts_sync(
    parts: Iterable[Any], **options: Unpack[UIMessageStreamOptions]
) -> Iterator[UIMessageChunk]:
    """The blocking twin of :func:`ui_message_stream_from_parts`."""
    check_options(options)
    check_blocking("on_finish", options.get("on_finish"))
    return _chunks_sync(parts, options)


def _chunks_sync(parts: Iterable[Any], options: UIMessageStreamOptions) -> Iterator[UIMessageChunk]:
    chunker, tracker = _pipeline(options)
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
        tracker.finish(aborted=not done)

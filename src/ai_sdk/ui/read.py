"""``read_ui_message_stream``: the states of the assistant message a UI message stream builds, one per
change, as the reference's client sees them (for tests, resumable streams, or a Python client)."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from typing import Any

from .chunks import UIMessageChunk
from .message_state import UIMessageState
from .messages import UIMessage

__all__ = ["read_ui_message_stream", "read_ui_message_stream_sync"]


def _state(message: UIMessage | dict[str, Any] | None) -> UIMessageState:
    wire = message.to_dict() if isinstance(message, UIMessage) else message
    return UIMessageState(message_id=wire["id"] if wire else "", last_message=wire)


async def read_ui_message_stream(
    stream: AsyncIterable[UIMessageChunk | dict[str, Any]], *, message: UIMessage | dict[str, Any] | None = None
) -> AsyncIterator[UIMessage]:
    """Each state of the message as ``stream`` builds it (``message``: an assistant message to continue).
    A chunk that breaks the protocol raises :class:`~ai_sdk.errors.UIMessageStreamError`."""
    state = _state(message)
    async for chunk in stream:
        if state.feed(chunk):
            yield UIMessage.model_validate(state.snapshot())


def read_ui_message_stream_sync(
    stream: Iterable[UIMessageChunk | dict[str, Any]], *, message: UIMessage | dict[str, Any] | None = None
) -> Iterator[UIMessage]:
    """The blocking twin of :func:`read_ui_message_stream`."""
    state = _state(message)
    for chunk in stream:
        if state.feed(chunk):
            yield UIMessage.model_validate(state.snapshot())

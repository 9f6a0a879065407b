"""The response message's id and the ``on_finish`` event (pure; the drivers call :meth:`feed` on every
outgoing chunk and :meth:`finish` at the end, awaiting what it returns in the async API).

Persistence mode: when ``original_messages`` are given, the response message gets an id (so the client
and your database agree on it); when the last original message is the assistant's, the response
continues that message and keeps its id.
"""

from __future__ import annotations

import contextlib
import dataclasses
import inspect
import secrets
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..spec.errors import InvalidArgumentError
from .chunks import StartChunk, UIMessageChunk
from .message_state import UIMessageState

if TYPE_CHECKING:
    from .messages import UIMessage

__all__ = [
    "FinishTracker",
    "UIMessageStreamFinish",
    "check_blocking",
    "generate_id",
    "response_message_id",
    "shielded",
]

_ALPHABET = string.ascii_letters + string.digits


def generate_id() -> str:
    """A random 16-character id (letters and digits), the shape of the reference's ``generateId``."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(16))


@dataclass(frozen=True, slots=True)
class UIMessageStreamFinish:
    """What ``on_finish`` receives when a UI message stream ends.

    ``messages`` is the whole conversation to persist: the original messages plus the response message
    (which replaces the last original message when it continues it, ``is_continuation``).
    ``is_aborted`` is set when the stream was aborted or the client went away.
    """

    messages: list[UIMessage]
    response_message: UIMessage
    is_continuation: bool
    is_aborted: bool
    finish_reason: str | None


def check_blocking(argument: str, function: Any) -> None:
    """The blocking API cannot await: refuse a coroutine function at once (called, its coroutine would be
    dropped with only a RuntimeWarning, and what it does would silently not happen)."""
    if inspect.iscoroutinefunction(function) or inspect.iscoroutinefunction(getattr(function, "__call__", None)):  # noqa: B004
        raise InvalidArgumentError(
            f"{argument} is a coroutine function, which the blocking API cannot await: pass a plain function, "
            "or use the async API (ai_sdk rather than ai_sdk.sync)",
            argument=argument,
            value=function,
        )


def shielded() -> contextlib.AbstractContextManager[Any]:
    """Where an async stream closes its source and awaits ``on_finish`` once it ended or was left: a
    scope anyio does not cancel. Starlette cancels a response's task through anyio when the client goes
    away, and anyio cancels every ``await`` in that task again, so an async ``on_finish`` stopped at its
    first one (the conversation was never stored). Without anyio, asyncio cancels once: nothing to do."""
    try:
        import anyio
    except ImportError:
        return contextlib.nullcontext()
    return anyio.CancelScope(shield=True)


def _wire(messages: Sequence[Any] | None) -> list[dict[str, Any]]:
    return [message if isinstance(message, dict) else message.to_dict() for message in messages or ()]


def response_message_id(original_messages: Sequence[Any] | None, generate: str | Callable[[], str]) -> str | None:
    """The id of the response message in persistence mode (``None`` without ``original_messages``:
    the client then makes its own)."""
    if original_messages is None:
        return None
    wire = _wire(original_messages)
    if wire and wire[-1].get("role") == "assistant":
        return str(wire[-1]["id"])
    return generate() if callable(generate) else generate


class FinishTracker:
    """Puts the message id on the ``start`` chunk, notes aborts and, when there is an ``on_finish``
    callback, builds the response message from the chunks that go out."""

    __slots__ = ("_finished", "_last", "_message_id", "_on_finish", "_original", "_state", "aborted")

    def __init__(
        self,
        *,
        message_id: str | None,
        original_messages: Sequence[Any] | None,
        on_finish: Callable[[UIMessageStreamFinish], Any] | None,
    ) -> None:
        self._original = _wire(original_messages)
        last = self._original[-1] if self._original else None
        self._last = last if last is not None and last.get("role") == "assistant" else None
        self._message_id = str(self._last["id"]) if self._last is not None else message_id
        self._on_finish = on_finish
        tracked = on_finish is not None
        self._state = UIMessageState(message_id=self._message_id or "", last_message=self._last) if tracked else None
        self._finished = False
        self.aborted = False

    def feed(self, chunk: UIMessageChunk) -> UIMessageChunk:
        """The chunk to send (the ``start`` chunk gets the message id when it has none)."""
        if isinstance(chunk, StartChunk) and chunk.message_id is None and self._message_id is not None:
            chunk = dataclasses.replace(chunk, message_id=self._message_id)
        elif chunk.type == "abort":
            self.aborted = True
        if self._state is not None:
            self._state.feed(chunk)
        return chunk

    def finish(self, *, aborted: bool = False) -> Any:
        """Call ``on_finish`` with the finish event, once (nothing without ``on_finish``); returns what it
        returned, which the async drivers await when it is awaitable."""
        if self._state is None or self._on_finish is None or self._finished:
            return None
        from .messages import UIMessage

        self._finished = True
        response = UIMessage.model_validate(self._state.snapshot())
        continuation = self._last is not None and response.id == self._last["id"]
        earlier = self._original[:-1] if continuation else self._original
        return self._on_finish(
            UIMessageStreamFinish(
                messages=[*(UIMessage.model_validate(message) for message in earlier), response],
                response_message=response,
                is_continuation=continuation,
                is_aborted=self.aborted or aborted,
                finish_reason=self._state.finish_reason,
            )
        )

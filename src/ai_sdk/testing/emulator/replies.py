"""The scripting vocabulary: what a test can queue for the emulator's next answers on a route.

Each queued reply is used for exactly one request, in order; when a route's queue is empty the emulator
falls back to its deterministic default. The route handles (``emu.chat.reply_text(...)``) build these
objects; ``emu.queue(route, ...)`` takes them directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias, TypedDict

__all__ = [
    "Disconnect",
    "ErrorReply",
    "RawReply",
    "Reply",
    "ReplyOptions",
    "Response",
    "Route",
    "ToolCallReply",
]

Route: TypeAlias = Literal[
    "chat",
    "completions",
    "embeddings",
    "inference",
    "image_edits",
    "models",
    "models_list",
    "rate_limit",
    "files",
    "batches",
    "image_generations",
    "audio_transcriptions",
    "audio_translations",
    "audio_speech",
    "text_to_speech",
]
"""``chat`` (/openai/chat/completions), ``completions``, ``embeddings``, ``inference`` (native
/inference/{model}: images and rerankers), ``image_edits`` (/openai/images/edits), ``models`` (GET
/openai/models), ``models_list`` (GET /models/list, outside /v1), ``rate_limit`` (GET /me/rate_limit),
``files`` and ``batches`` (the Batch API: /openai/files..., /openai/batches...), ``image_generations``
(/openai/images/generations), ``audio_transcriptions`` (/openai/audio/transcriptions),
``audio_translations`` (/openai/audio/translations), ``audio_speech`` (/openai/audio/speech), ``text_to_speech``
(/text-to-speech/{voice} and its /stream)."""


@dataclass(frozen=True, slots=True)
class ToolCallReply:
    """One tool call the model makes. ``arguments`` is a JSON value (serialised the way DeepInfra does)
    or a string sent verbatim (so tests can send broken JSON); ``id`` defaults to a generated ``call_...``."""

    name: str
    arguments: Any = field(default_factory=dict)
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    """A successful chat or completion answer, streamed or not depending on the request.

    With neither ``text`` nor ``tool_calls`` the content is the emulator's default (which reacts to tools,
    ``response_format`` and reasoning models), so the stream faults below can be applied to it too.
    ``finish_reason`` and ``usage`` (the whole usage object) default to what the content implies.

    Stream faults (ignored by non-streaming requests); frame positions count the ``data:`` frames from 0:
    ``chunk_delay`` seconds before each frame after the first; ``drop_after`` frames then the connection is
    cut without ending the body; ``malformed_at`` inserts a frame that is not JSON; ``error_frame_at``
    inserts ``error_frame`` (default: a DeepInfra error object) and ends the stream right after it, without
    ``[DONE]``. ``delay`` is the wait before the response starts, streaming or not.
    """

    text: str | None = None
    reasoning: str | None = None
    tool_calls: Sequence[ToolCallReply] = ()
    finish_reason: str | None = None
    usage: Mapping[str, Any] | None = None
    delay: float = 0.0
    chunk_delay: float | None = None
    drop_after: int | None = None
    malformed_at: int | None = None
    error_frame_at: int | None = None
    error_frame: Any = None

    @property
    def is_default(self) -> bool:
        """Whether the content is left to the emulator's default behaviour."""
        return self.text is None and not self.tool_calls


class ReplyOptions(TypedDict, total=False):
    """The keyword options of :class:`Reply` besides its content, for the route handles' helpers."""

    reasoning: str | None
    finish_reason: str | None
    usage: Mapping[str, Any] | None
    delay: float
    chunk_delay: float | None
    drop_after: int | None
    malformed_at: int | None
    error_frame_at: int | None
    error_frame: Any


@dataclass(frozen=True, slots=True)
class ErrorReply:
    """An HTTP error answer. ``body`` defaults to the error shape DeepInfra uses on the route, with
    ``message`` (default: the status's usual message); ``headers`` are added (e.g. ``retry-after``)."""

    status: int
    message: str | None = None
    body: Any = None
    headers: Mapping[str, str] | None = None
    delay: float = 0.0


@dataclass(frozen=True, slots=True)
class RawReply:
    """An exact answer: ``body`` as bytes, or a JSON value serialised compactly."""

    body: bytes | Any
    status: int = 200
    headers: Mapping[str, str] | None = None
    content_type: str = "application/json"
    delay: float = 0.0


@dataclass(frozen=True, slots=True)
class Disconnect:
    """Close the connection without answering (after ``delay`` seconds): a network error for the client."""

    delay: float = 0.0


Response: TypeAlias = Reply | ErrorReply | RawReply | Disconnect

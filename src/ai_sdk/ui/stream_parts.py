"""From a ``stream_text`` result's ``full_stream`` parts to UI message chunks (pure and synchronous;
the async and blocking drivers in :mod:`ai_sdk.ui.result_stream` feed it).

Parts are told apart by their ``type`` tag alone, so this module depends on no core class. Parts with no
UI form (raw provider chunks, the end of a tool call's input) are left out, as in the reference.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .chunks import (
    AbortChunk,
    ErrorChunk,
    FinishChunk,
    FinishStepChunk,
    MessageMetadataChunk,
    ReasoningDeltaChunk,
    ReasoningEndChunk,
    ReasoningStartChunk,
    SourceDocumentChunk,
    SourceUrlChunk,
    StartChunk,
    StartStepChunk,
    TextDeltaChunk,
    TextEndChunk,
    TextStartChunk,
    ToolApprovalRequestChunk,
    ToolInputAvailableChunk,
    ToolInputDeltaChunk,
    ToolInputErrorChunk,
    ToolInputStartChunk,
    ToolOutputAvailableChunk,
    ToolOutputDeniedChunk,
    ToolOutputErrorChunk,
    UIMessageChunk,
)
from .sse import to_json_value

__all__ = ["DEFAULT_ERROR_TEXT", "UIMessageChunker", "default_on_error"]

DEFAULT_ERROR_TEXT = "An error occurred."


def default_on_error(error: Any) -> str:
    """The default error text: generic, so no server detail (a stack trace, a URL, a key) reaches the
    browser. Pass ``on_error=`` to show more."""
    return DEFAULT_ERROR_TEXT


class UIMessageChunker:
    """Turns each ``full_stream`` part into the UI chunks it stands for (:meth:`feed`).

    ``message_metadata(part)`` is asked on every part; a non-``None`` answer rides on the ``start`` and
    ``finish`` chunks, and follows any other part as a ``message-metadata`` chunk.
    """

    __slots__ = (
        "_message_id",
        "_metadata",
        "_on_error",
        "_send_finish",
        "_send_reasoning",
        "_send_sources",
        "_send_start",
    )

    def __init__(
        self,
        *,
        message_id: str | None = None,
        send_reasoning: bool = True,
        send_sources: bool = False,
        send_start: bool = True,
        send_finish: bool = True,
        message_metadata: Callable[[Any], Any] | None = None,
        on_error: Callable[[Any], str] = default_on_error,
    ) -> None:
        self._message_id = message_id
        self._send_reasoning = send_reasoning
        self._send_sources = send_sources
        self._send_start = send_start
        self._send_finish = send_finish
        self._metadata = message_metadata
        self._on_error = on_error

    def feed(self, part: Any) -> list[UIMessageChunk]:
        """The chunks for one part (often one, sometimes none or two)."""
        metadata = self._metadata(part) if self._metadata is not None else None
        kind = part.type
        chunks: list[UIMessageChunk] = []
        if kind == "text-delta":
            chunks.append(TextDeltaChunk(id=part.id, delta=part.delta, provider_metadata=part.provider_metadata))
        elif kind == "text-start":
            chunks.append(TextStartChunk(id=part.id, provider_metadata=part.provider_metadata))
        elif kind == "text-end":
            chunks.append(TextEndChunk(id=part.id, provider_metadata=part.provider_metadata))
        elif kind in ("reasoning-start", "reasoning-delta", "reasoning-end"):
            if self._send_reasoning:
                chunks.append(_reasoning(part))
        elif kind == "tool-input-start":
            chunks.append(
                ToolInputStartChunk(
                    tool_call_id=part.id, tool_name=part.tool_name, provider_metadata=part.provider_metadata
                )
            )
        elif kind == "tool-input-delta":
            chunks.append(ToolInputDeltaChunk(tool_call_id=part.id, input_text_delta=part.delta))
        elif kind == "tool-call":
            chunks.append(self._tool_call(part))
        elif kind == "tool-result":
            output = to_json_value(part.output)
            preliminary = True if getattr(part, "preliminary", False) else None
            chunks.append(
                ToolOutputAvailableChunk(tool_call_id=part.tool_call_id, output=output, preliminary=preliminary)
            )
        elif kind == "tool-error":
            chunks.append(ToolOutputErrorChunk(tool_call_id=part.tool_call_id, error_text=self._on_error(part.error)))
        elif kind == "tool-approval-request":
            chunks.append(
                ToolApprovalRequestChunk(approval_id=part.approval_id, tool_call_id=part.tool_call.tool_call_id)
            )
        elif kind == "tool-output-denied":
            chunks.append(ToolOutputDeniedChunk(tool_call_id=part.tool_call_id))
        elif kind == "source":
            if self._send_sources:
                chunks.append(_source(part))
        elif kind == "start-step":
            chunks.append(StartStepChunk())
        elif kind == "finish-step":
            chunks.append(FinishStepChunk())
        elif kind == "start":
            if self._send_start:
                chunks.append(StartChunk(message_id=self._message_id, message_metadata=metadata))
        elif kind == "finish":
            if self._send_finish:
                chunks.append(FinishChunk(finish_reason=part.finish_reason, message_metadata=metadata))
        elif kind == "error":
            chunks.append(ErrorChunk(error_text=self._on_error(part.error)))
        elif kind == "abort":
            chunks.append(AbortChunk())
        if metadata is not None and kind not in ("start", "finish"):
            chunks.append(MessageMetadataChunk(message_metadata=metadata))
        return chunks

    def _tool_call(self, part: Any) -> UIMessageChunk:
        metadata = part.provider_metadata
        input_value = to_json_value(part.input)
        if part.invalid:
            return ToolInputErrorChunk(
                tool_call_id=part.tool_call_id,
                tool_name=part.tool_name,
                input=input_value,
                provider_metadata=metadata,
                error_text=self._on_error(part.error),
            )
        return ToolInputAvailableChunk(
            tool_call_id=part.tool_call_id, tool_name=part.tool_name, input=input_value, provider_metadata=metadata
        )


def _reasoning(part: Any) -> UIMessageChunk:
    kind = part.type
    if kind == "reasoning-delta":
        return ReasoningDeltaChunk(id=part.id, delta=part.delta, provider_metadata=part.provider_metadata)
    if kind == "reasoning-start":
        return ReasoningStartChunk(id=part.id, provider_metadata=part.provider_metadata)
    return ReasoningEndChunk(id=part.id, provider_metadata=part.provider_metadata)


def _source(part: Any) -> UIMessageChunk:
    if part.source_type == "document":
        return SourceDocumentChunk(
            source_id=part.id,
            media_type=part.media_type,
            title=part.title,
            filename=part.filename,
            provider_metadata=part.provider_metadata,
        )
    return SourceUrlChunk(source_id=part.id, url=part.url, title=part.title, provider_metadata=part.provider_metadata)

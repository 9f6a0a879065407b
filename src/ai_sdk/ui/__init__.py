"""The AI SDK UI layer: serve ``useChat`` (and the other AI SDK UI hooks) from Python.

Outbound, the UI message stream protocol (AI SDK 6, ``x-vercel-ai-ui-message-stream: v1``): typed
chunks whose ``to_dict()`` is the wire JSON, a ``stream_text`` result's stream as chunks, streams
written by your own code (:func:`create_ui_message_stream`), SSE bodies for any framework and Starlette
responses. Inbound: :class:`UIMessage` models that validate a request body, and
:func:`convert_to_model_messages`. The async API is here (and in :mod:`ai_sdk`); the blocking twins
have the same names in :mod:`ai_sdk.sync`.

Names load on first use; pydantic and Starlette only when something needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_getattr

if TYPE_CHECKING:
    from .chunks import (
        AbortChunk,
        DataChunk,
        ErrorChunk,
        FileChunk,
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
        parse_ui_message_chunk,
    )
    from .convert import convert_to_model_messages
    from .create_stream import UIMessageStreamWriter, create_ui_message_stream
    from .finish import UIMessageStreamFinish, generate_id
    from .message_state import UIMessageState
    from .messages import (
        DataUIPart,
        DynamicToolUIPart,
        FileUIPart,
        ReasoningUIPart,
        SourceDocumentUIPart,
        SourceUrlUIPart,
        StepStartUIPart,
        TextUIPart,
        ToolApproval,
        ToolUIPart,
        UIMessage,
        UIMessagePart,
        validate_ui_messages,
    )
    from .read import read_ui_message_stream
    from .responses import (
        TextStreamBody,
        UIMessageStreamBody,
        create_text_stream_response,
        create_ui_message_stream_response,
    )
    from .result_stream import UIMessageStreamOptions
    from .sse import TEXT_STREAM_HEADERS, UI_MESSAGE_STREAM_HEADERS, encode_sse_frame
    from .stream_parts import UIMessageChunker

_CHUNKS = (
    "AbortChunk",
    "DataChunk",
    "ErrorChunk",
    "FileChunk",
    "FinishChunk",
    "FinishStepChunk",
    "MessageMetadataChunk",
    "ReasoningDeltaChunk",
    "ReasoningEndChunk",
    "ReasoningStartChunk",
    "SourceDocumentChunk",
    "SourceUrlChunk",
    "StartChunk",
    "StartStepChunk",
    "TextDeltaChunk",
    "TextEndChunk",
    "TextStartChunk",
    "ToolApprovalRequestChunk",
    "ToolInputAvailableChunk",
    "ToolInputDeltaChunk",
    "ToolInputErrorChunk",
    "ToolInputStartChunk",
    "ToolOutputAvailableChunk",
    "ToolOutputDeniedChunk",
    "ToolOutputErrorChunk",
    "UIMessageChunk",
    "parse_ui_message_chunk",
)
_PARTS = (
    "DataUIPart",
    "DynamicToolUIPart",
    "FileUIPart",
    "ReasoningUIPart",
    "SourceDocumentUIPart",
    "SourceUrlUIPart",
    "StepStartUIPart",
    "TextUIPart",
    "ToolApproval",
    "ToolUIPart",
    "UIMessage",
    "UIMessagePart",
    "validate_ui_messages",
)

_EXPORTS = {
    **{name: ".chunks" for name in _CHUNKS},
    **{name: ".messages" for name in _PARTS},
    "convert_to_model_messages": ".convert",
    "create_ui_message_stream": ".create_stream",
    "UIMessageStreamWriter": ".create_stream",
    "UIMessageStreamFinish": ".finish",
    "generate_id": ".finish",
    "UIMessageState": ".message_state",
    "read_ui_message_stream": ".read",
    "UIMessageStreamOptions": ".result_stream",
    "TextStreamBody": ".responses",
    "UIMessageStreamBody": ".responses",
    "create_text_stream_response": ".responses",
    "create_ui_message_stream_response": ".responses",
    "TEXT_STREAM_HEADERS": ".sse",
    "UI_MESSAGE_STREAM_HEADERS": ".sse",
    "encode_sse_frame": ".sse",
    "UIMessageChunker": ".stream_parts",
}

__getattr__ = lazy_getattr(__name__, _EXPORTS)

__all__ = [
    "AbortChunk",
    "DataChunk",
    "DataUIPart",
    "DynamicToolUIPart",
    "ErrorChunk",
    "FileChunk",
    "FileUIPart",
    "FinishChunk",
    "FinishStepChunk",
    "MessageMetadataChunk",
    "ReasoningDeltaChunk",
    "ReasoningEndChunk",
    "ReasoningStartChunk",
    "ReasoningUIPart",
    "SourceDocumentChunk",
    "SourceDocumentUIPart",
    "SourceUrlChunk",
    "SourceUrlUIPart",
    "StartChunk",
    "StartStepChunk",
    "StepStartUIPart",
    "TEXT_STREAM_HEADERS",
    "TextDeltaChunk",
    "TextEndChunk",
    "TextStartChunk",
    "TextStreamBody",
    "TextUIPart",
    "ToolApproval",
    "ToolApprovalRequestChunk",
    "ToolInputAvailableChunk",
    "ToolInputDeltaChunk",
    "ToolInputErrorChunk",
    "ToolInputStartChunk",
    "ToolOutputAvailableChunk",
    "ToolOutputDeniedChunk",
    "ToolOutputErrorChunk",
    "ToolUIPart",
    "UIMessage",
    "UIMessageChunk",
    "UIMessageChunker",
    "UIMessagePart",
    "UIMessageState",
    "UIMessageStreamBody",
    "UIMessageStreamFinish",
    "UIMessageStreamOptions",
    "UIMessageStreamWriter",
    "UI_MESSAGE_STREAM_HEADERS",
    "convert_to_model_messages",
    "create_text_stream_response",
    "create_ui_message_stream",
    "create_ui_message_stream_response",
    "encode_sse_frame",
    "generate_id",
    "parse_ui_message_chunk",
    "read_ui_message_stream",
    "validate_ui_messages",
]

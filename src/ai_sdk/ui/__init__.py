"""The AI SDK UI layer: serve ``useChat`` (and the other AI SDK UI hooks) from Python.

Outbound, the UI message stream protocol (AI SDK 6, ``x-vercel-ai-ui-message-stream: v1``): typed
chunks whose ``to_dict()`` is the wire JSON, a ``stream_text`` result's stream as chunks, streams
written by your own code (:func:`create_ui_message_stream`), SSE bodies for any framework and Starlette
responses. Inbound: :class:`UIMessage` models that validate a request body, and
:func:`convert_to_model_messages`. The async API is here (and in :mod:`ai_sdk`); the blocking twins
have the same names in :mod:`ai_sdk.sync`.

Names load on first use; pydantic and Starlette only when something needs them.
"""

# The chunk classes and the UI message models are imported for type checkers by the lists their modules
# declare (``from .chunks import *``), which ruff cannot follow: hence F403/F405 here.
# ruff: noqa: F403, F405

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .._lazy import lazy_dir

if TYPE_CHECKING:
    from .chunks import *
    from .convert import convert_to_model_messages
    from .create_stream import UIMessageStreamWriter, create_ui_message_stream
    from .finish import UIMessageStreamFinish, generate_id
    from .message_state import UIMessageState
    from .messages import *
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

# Where the names of __all__ live, cheapest first: a name is taken from the first module that has it
# (re-imports are the same objects), so a chunk class never loads pydantic, which only messages and
# the two modules after it need.
_MODULES = (
    ".chunks",
    ".sse",
    ".stream_parts",
    ".message_state",
    ".finish",
    ".result_stream",
    ".create_stream",
    ".responses",
    ".messages",
    ".read",
    ".convert",
)
_MISSING = object()


def __getattr__(name: str) -> Any:
    if name in __all__:
        for module in _MODULES:
            value = getattr(importlib.import_module(module, __name__), name, _MISSING)
            if value is not _MISSING:
                globals()[name] = value  # later look-ups are plain attribute reads
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
__dir__ = lazy_dir(globals(), __all__)  # dir(), help() and tab completion list the lazy names too

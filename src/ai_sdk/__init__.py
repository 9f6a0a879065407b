"""ai_sdk: the AI SDK for Python, with a first-class DeepInfra provider.

Async API here (``from ai_sdk import generate_text``); the blocking twins with the same names and
results are in :mod:`ai_sdk.sync`. Providers live in their own packages (``ai_sdk.deepinfra``); errors
in :mod:`ai_sdk.errors`; test helpers and the DeepInfra emulator in :mod:`ai_sdk.testing`.

Names are loaded on first use, so ``import ai_sdk`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_dir, lazy_getattr
from ._version import __version__

if TYPE_CHECKING:
    from .bulk.rows import Row, RowResult
    from .bulk.runner import BulkRun, bulk_embed, bulk_generate_object, bulk_generate_text
    from .core.agent import ToolLoopAgent
    from .core.callbacks import (
        AbortEvent,
        AbortSignal,
        ErrorEvent,
        ObjectFinishEvent,
        ToolCallFinishEvent,
        ToolCallStartEvent,
    )
    from .core.embed import EmbedManyResult, EmbedResult, cosine_similarity, embed, embed_many
    from .core.generate_image import GeneratedImage, GenerateImageResult, generate_image
    from .core.generate_object import (
        GenerateObjectResult,
        StreamObjectResult,
        generate_object,
        stream_object,
    )
    from .core.generate_speech import (
        GeneratedAudioFile,
        SpeechResult,
        SpeechStream,
        generate_speech,
        stream_speech,
    )
    from .core.generate_text import GenerateTextResult, generate_text
    from .core.message_dicts import message_to_dict
    from .core.output import Output
    from .core.prepare_step import PrepareStepResult
    from .core.prune_messages import prune_messages
    from .core.rerank import RankedDocument, RerankResult, rerank
    from .core.smooth_stream import smooth_stream
    from .core.stop_condition import StopCondition, has_tool_call, step_count_is
    from .core.stream_text import StreamTextResult, stream_text
    from .core.tool import Tool, ToolCallOptions, tool
    from .core.transcribe import TranscriptionResult, transcribe
    from .core.types import (
        AbortPart,
        ErrorPart,
        FinishPart,
        FinishStepPart,
        NoOutput,
        StartPart,
        StartStepPart,
        StepResult,
        TextStreamPart,
        ToolApprovalRequest,
        ToolCall,
        ToolError,
        ToolOutputDenied,
        ToolResult,
    )
    from .http.limiter import ConcurrencyLimit
    from .mcp.client import MCPClient, create_mcp_client
    from .middleware.default_settings import default_settings_middleware
    from .middleware.embedding_model import EmbeddingModelMiddleware, wrap_embedding_model
    from .middleware.extract_reasoning import extract_reasoning_middleware
    from .middleware.image_model import ImageModelMiddleware, wrap_image_model
    from .middleware.language_model import LanguageModelMiddleware, wrap_language_model
    from .middleware.simulate_streaming import simulate_streaming_middleware
    from .registry.custom import CustomProvider, custom_provider
    from .registry.provider_registry import ProviderRegistry, create_provider_registry
    from .spec import (
        AssistantMessage,
        CallWarning,
        FilePart,
        FinishReason,
        ImagePart,
        Message,
        ReasoningPart,
        SystemMessage,
        TextPart,
        ToolApprovalRequestPart,
        ToolApprovalResponsePart,
        ToolCallPart,
        ToolMessage,
        ToolResultOutput,
        ToolResultPart,
        TranscriptionSegment,
        Usage,
        UserMessage,
    )
    from .spec.deadline import Timeout
    from .ui import (
        UI_MESSAGE_STREAM_HEADERS,
        TextStreamBody,
        UIMessage,
        UIMessageChunk,
        UIMessageStreamBody,
        UIMessageStreamFinish,
        UIMessageStreamWriter,
        convert_to_model_messages,
        create_text_stream_response,
        create_ui_message_stream,
        create_ui_message_stream_response,
        read_ui_message_stream,
        validate_ui_messages,
    )

_EXPORTS = {
    **{name: ".bulk.runner" for name in ("BulkRun", "bulk_embed", "bulk_generate_object", "bulk_generate_text")},
    **{name: ".bulk.rows" for name in ("Row", "RowResult")},
    "generate_text": ".core.generate_text",
    "GenerateTextResult": ".core.generate_text",
    "stream_text": ".core.stream_text",
    "StreamTextResult": ".core.stream_text",
    "generate_object": ".core.generate_object",
    "stream_object": ".core.generate_object",
    "GenerateObjectResult": ".core.generate_object",
    "StreamObjectResult": ".core.generate_object",
    "Output": ".core.output",
    "message_to_dict": ".core.message_dicts",
    "embed": ".core.embed",
    "embed_many": ".core.embed",
    "cosine_similarity": ".core.embed",
    "EmbedResult": ".core.embed",
    "EmbedManyResult": ".core.embed",
    "generate_image": ".core.generate_image",
    "GenerateImageResult": ".core.generate_image",
    "GeneratedImage": ".core.generate_image",
    "rerank": ".core.rerank",
    "RerankResult": ".core.rerank",
    "RankedDocument": ".core.rerank",
    "transcribe": ".core.transcribe",
    "TranscriptionResult": ".core.transcribe",
    "generate_speech": ".core.generate_speech",
    "stream_speech": ".core.generate_speech",
    "SpeechResult": ".core.generate_speech",
    "SpeechStream": ".core.generate_speech",
    "GeneratedAudioFile": ".core.generate_speech",
    "tool": ".core.tool",
    "prune_messages": ".core.prune_messages",
    "smooth_stream": ".core.smooth_stream",
    "Tool": ".core.tool",
    "ToolCallOptions": ".core.tool",
    "ToolLoopAgent": ".core.agent",
    "PrepareStepResult": ".core.prepare_step",
    **{
        name: ".core.callbacks"
        for name in (
            "AbortEvent",
            "AbortSignal",
            "ErrorEvent",
            "ObjectFinishEvent",
            "ToolCallFinishEvent",
            "ToolCallStartEvent",
        )
    },
    "StopCondition": ".core.stop_condition",
    "step_count_is": ".core.stop_condition",
    "has_tool_call": ".core.stop_condition",
    "MCPClient": ".mcp.client",
    "create_mcp_client": ".mcp.client",
    "LanguageModelMiddleware": ".middleware.language_model",
    "wrap_language_model": ".middleware.language_model",
    "EmbeddingModelMiddleware": ".middleware.embedding_model",
    "wrap_embedding_model": ".middleware.embedding_model",
    "ImageModelMiddleware": ".middleware.image_model",
    "wrap_image_model": ".middleware.image_model",
    "extract_reasoning_middleware": ".middleware.extract_reasoning",
    "default_settings_middleware": ".middleware.default_settings",
    "simulate_streaming_middleware": ".middleware.simulate_streaming",
    "ProviderRegistry": ".registry.provider_registry",
    "create_provider_registry": ".registry.provider_registry",
    "CustomProvider": ".registry.custom",
    "custom_provider": ".registry.custom",
    "Timeout": ".spec.deadline",
    "ConcurrencyLimit": ".http.limiter",
    **{
        name: ".core.types"
        for name in (
            "AbortPart",
            "ErrorPart",
            "FinishPart",
            "FinishStepPart",
            "NoOutput",
            "StartPart",
            "StartStepPart",
            "StepResult",
            "TextStreamPart",
            "ToolApprovalRequest",
            "ToolCall",
            "ToolError",
            "ToolOutputDenied",
            "ToolResult",
        )
    },
    **{
        name: ".ui"
        for name in (
            "TextStreamBody",
            "UIMessage",
            "UIMessageChunk",
            "UIMessageStreamBody",
            "UIMessageStreamFinish",
            "UIMessageStreamWriter",
            "UI_MESSAGE_STREAM_HEADERS",
            "convert_to_model_messages",
            "create_text_stream_response",
            "create_ui_message_stream",
            "create_ui_message_stream_response",
            "read_ui_message_stream",
            "validate_ui_messages",
        )
    },
    **{
        name: ".spec"
        for name in (
            "AssistantMessage",
            "CallWarning",
            "FilePart",
            "FinishReason",
            "ImagePart",
            "Message",
            "ReasoningPart",
            "SystemMessage",
            "TextPart",
            "ToolApprovalRequestPart",
            "ToolApprovalResponsePart",
            "ToolCallPart",
            "ToolMessage",
            "ToolResultOutput",
            "ToolResultPart",
            "TranscriptionSegment",
            "Usage",
            "UserMessage",
        )
    },
}

__getattr__ = lazy_getattr(__name__, _EXPORTS)
__dir__ = lazy_dir(globals(), _EXPORTS)

__all__ = [
    "AbortEvent",
    "AbortPart",
    "AbortSignal",
    "AssistantMessage",
    "BulkRun",
    "CallWarning",
    "ConcurrencyLimit",
    "CustomProvider",
    "EmbedManyResult",
    "EmbedResult",
    "EmbeddingModelMiddleware",
    "ErrorEvent",
    "ErrorPart",
    "FilePart",
    "FinishPart",
    "FinishReason",
    "FinishStepPart",
    "GenerateImageResult",
    "GenerateObjectResult",
    "GenerateTextResult",
    "GeneratedAudioFile",
    "GeneratedImage",
    "ImageModelMiddleware",
    "ImagePart",
    "LanguageModelMiddleware",
    "MCPClient",
    "Message",
    "NoOutput",
    "ObjectFinishEvent",
    "Output",
    "PrepareStepResult",
    "ProviderRegistry",
    "RankedDocument",
    "ReasoningPart",
    "RerankResult",
    "Row",
    "RowResult",
    "SpeechResult",
    "SpeechStream",
    "StartPart",
    "StartStepPart",
    "StepResult",
    "StopCondition",
    "StreamObjectResult",
    "StreamTextResult",
    "SystemMessage",
    "TextPart",
    "TextStreamBody",
    "TextStreamPart",
    "Timeout",
    "Tool",
    "ToolApprovalRequest",
    "ToolApprovalRequestPart",
    "ToolApprovalResponsePart",
    "ToolCall",
    "ToolCallFinishEvent",
    "ToolCallOptions",
    "ToolCallPart",
    "ToolCallStartEvent",
    "ToolError",
    "ToolLoopAgent",
    "ToolMessage",
    "ToolOutputDenied",
    "ToolResult",
    "ToolResultOutput",
    "ToolResultPart",
    "TranscriptionResult",
    "TranscriptionSegment",
    "UIMessage",
    "UIMessageChunk",
    "UIMessageStreamBody",
    "UIMessageStreamFinish",
    "UIMessageStreamWriter",
    "UI_MESSAGE_STREAM_HEADERS",
    "Usage",
    "UserMessage",
    "__version__",
    "bulk_embed",
    "bulk_generate_object",
    "bulk_generate_text",
    "convert_to_model_messages",
    "cosine_similarity",
    "create_mcp_client",
    "create_provider_registry",
    "create_text_stream_response",
    "create_ui_message_stream",
    "create_ui_message_stream_response",
    "custom_provider",
    "default_settings_middleware",
    "embed",
    "embed_many",
    "extract_reasoning_middleware",
    "generate_image",
    "generate_object",
    "generate_speech",
    "generate_text",
    "has_tool_call",
    "message_to_dict",
    "prune_messages",
    "read_ui_message_stream",
    "rerank",
    "simulate_streaming_middleware",
    "smooth_stream",
    "step_count_is",
    "stream_object",
    "stream_speech",
    "stream_text",
    "tool",
    "transcribe",
    "validate_ui_messages",
    "wrap_embedding_model",
    "wrap_image_model",
    "wrap_language_model",
]

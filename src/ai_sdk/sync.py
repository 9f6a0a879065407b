"""The blocking API: the functions of :mod:`ai_sdk` that call a model (and their result and agent
classes), under the same names and with the same results, for code without an event loop. Each is a thin
driver over the same pure protocol code as its async twin (no event loop is started behind your back, so
these work inside threads, scripts and running loops alike). Helpers that call no model are mostly not
repeated here (``tool``, ``step_count_is``, ``has_tool_call``, the middleware and registry functions,
``message_to_dict``): import them from :mod:`ai_sdk`, they serve both APIs.

Streaming results are iterated with plain ``for``; their final values (``text``, ``usage``, ...) are
properties that finish reading the stream when first accessed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_dir, lazy_getattr

if TYPE_CHECKING:
    from .bulk.runner import SyncBulkRun as BulkRun
    from .bulk.runner import bulk_embed_sync as bulk_embed
    from .bulk.runner import bulk_generate_object_sync as bulk_generate_object
    from .bulk.runner import bulk_generate_text_sync as bulk_generate_text
    from .core.agent import SyncToolLoopAgent as ToolLoopAgent
    from .core.embed import cosine_similarity
    from .core.embed import embed_many_sync as embed_many
    from .core.embed import embed_sync as embed
    from .core.generate_image import generate_image_sync as generate_image
    from .core.generate_object import SyncStreamObjectResult as StreamObjectResult
    from .core.generate_object import generate_object_sync as generate_object
    from .core.generate_object import stream_object_sync as stream_object
    from .core.generate_speech import SyncSpeechStream as SpeechStream
    from .core.generate_speech import generate_speech_sync as generate_speech
    from .core.generate_speech import stream_speech_sync as stream_speech
    from .core.generate_text import generate_text_sync as generate_text
    from .core.prune_messages import prune_messages
    from .core.rerank import rerank_sync as rerank
    from .core.smooth_stream import smooth_stream
    from .core.stream_text import SyncStreamTextResult as StreamTextResult
    from .core.stream_text import stream_text_sync as stream_text
    from .core.transcribe import transcribe_sync as transcribe
    from .mcp.client_sync import SyncMCPClient as MCPClient
    from .mcp.client_sync import create_mcp_client_sync as create_mcp_client
    from .ui.convert import convert_to_model_messages
    from .ui.create_stream import SyncUIMessageStreamWriter as UIMessageStreamWriter
    from .ui.create_stream import create_ui_message_stream_sync as create_ui_message_stream
    from .ui.messages import validate_ui_messages
    from .ui.read import read_ui_message_stream_sync as read_ui_message_stream
    from .ui.responses import SyncTextStreamBody as TextStreamBody
    from .ui.responses import SyncUIMessageStreamBody as UIMessageStreamBody
    from .ui.responses import create_text_stream_response_sync as create_text_stream_response
    from .ui.responses import create_ui_message_stream_response_sync as create_ui_message_stream_response

_EXPORTS = {
    "bulk_generate_text": "ai_sdk.bulk.runner:bulk_generate_text_sync",
    "bulk_generate_object": "ai_sdk.bulk.runner:bulk_generate_object_sync",
    "bulk_embed": "ai_sdk.bulk.runner:bulk_embed_sync",
    "BulkRun": "ai_sdk.bulk.runner:SyncBulkRun",
    "generate_text": "ai_sdk.core.generate_text:generate_text_sync",
    "stream_text": "ai_sdk.core.stream_text:stream_text_sync",
    "StreamTextResult": "ai_sdk.core.stream_text:SyncStreamTextResult",
    "generate_object": "ai_sdk.core.generate_object:generate_object_sync",
    "stream_object": "ai_sdk.core.generate_object:stream_object_sync",
    "StreamObjectResult": "ai_sdk.core.generate_object:SyncStreamObjectResult",
    "embed": "ai_sdk.core.embed:embed_sync",
    "embed_many": "ai_sdk.core.embed:embed_many_sync",
    "cosine_similarity": "ai_sdk.core.embed",
    "generate_image": "ai_sdk.core.generate_image:generate_image_sync",
    "prune_messages": "ai_sdk.core.prune_messages",
    "smooth_stream": "ai_sdk.core.smooth_stream",
    "ToolLoopAgent": "ai_sdk.core.agent:SyncToolLoopAgent",
    "rerank": "ai_sdk.core.rerank:rerank_sync",
    "transcribe": "ai_sdk.core.transcribe:transcribe_sync",
    "generate_speech": "ai_sdk.core.generate_speech:generate_speech_sync",
    "stream_speech": "ai_sdk.core.generate_speech:stream_speech_sync",
    "SpeechStream": "ai_sdk.core.generate_speech:SyncSpeechStream",
    "convert_to_model_messages": "ai_sdk.ui.convert",
    "validate_ui_messages": "ai_sdk.ui.messages",
    "create_ui_message_stream": "ai_sdk.ui.create_stream:create_ui_message_stream_sync",
    "UIMessageStreamWriter": "ai_sdk.ui.create_stream:SyncUIMessageStreamWriter",
    "read_ui_message_stream": "ai_sdk.ui.read:read_ui_message_stream_sync",
    "UIMessageStreamBody": "ai_sdk.ui.responses:SyncUIMessageStreamBody",
    "TextStreamBody": "ai_sdk.ui.responses:SyncTextStreamBody",
    "create_ui_message_stream_response": "ai_sdk.ui.responses:create_ui_message_stream_response_sync",
    "create_text_stream_response": "ai_sdk.ui.responses:create_text_stream_response_sync",
    "create_mcp_client": "ai_sdk.mcp.client_sync:create_mcp_client_sync",
    "MCPClient": "ai_sdk.mcp.client_sync:SyncMCPClient",
}

__getattr__ = lazy_getattr(__name__, _EXPORTS)
__dir__ = lazy_dir(globals(), _EXPORTS)

__all__ = [
    "BulkRun",
    "MCPClient",
    "SpeechStream",
    "StreamObjectResult",
    "StreamTextResult",
    "TextStreamBody",
    "ToolLoopAgent",
    "UIMessageStreamBody",
    "UIMessageStreamWriter",
    "bulk_embed",
    "bulk_generate_object",
    "bulk_generate_text",
    "convert_to_model_messages",
    "cosine_similarity",
    "create_mcp_client",
    "create_text_stream_response",
    "create_ui_message_stream",
    "create_ui_message_stream_response",
    "embed",
    "embed_many",
    "generate_image",
    "generate_object",
    "generate_speech",
    "generate_text",
    "prune_messages",
    "read_ui_message_stream",
    "rerank",
    "smooth_stream",
    "stream_object",
    "stream_speech",
    "stream_text",
    "transcribe",
    "validate_ui_messages",
]

"""Server-sent events framing of the UI message stream, and the protocol's response headers.

Each chunk is one ``data: <json>\\n\\n`` frame (compact JSON, UTF-8, as the reference's
``JSON.stringify``), and the stream ends with ``data: [DONE]\\n\\n``. Values JSON cannot hold (pydantic
models, dataclasses, datetimes in a tool's output) are converted as the core converts tool outputs for
the model.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from .chunks import UIMessageChunkBase

__all__ = [
    "DONE_FRAME",
    "TEXT_STREAM_HEADERS",
    "UI_MESSAGE_STREAM_HEADERS",
    "encode_sse_frame",
    "merge_headers",
    "to_json_value",
]

UI_MESSAGE_STREAM_HEADERS: Mapping[str, str] = {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    "connection": "keep-alive",
    "x-vercel-ai-ui-message-stream": "v1",
    "x-accel-buffering": "no",
}
"""The headers of a UI message stream response (``x-accel-buffering: no`` keeps nginx from buffering)."""

TEXT_STREAM_HEADERS: Mapping[str, str] = {"content-type": "text/plain; charset=utf-8"}
"""The headers of a plain text stream response (what ``TextStreamChatTransport`` reads)."""

DONE_FRAME = b"data: [DONE]\n\n"
"""The frame that ends a UI message stream."""


def _fallback(value: Any) -> Any:
    from pydantic_core import to_jsonable_python

    return to_jsonable_python(value, fallback=str)


def _dumps(value: Any) -> bytes:
    try:
        return orjson.dumps(value, default=_fallback, option=orjson.OPT_NON_STR_KEYS)
    except TypeError:
        # integers beyond 64 bits, which orjson refuses and the standard library writes as they are
        import json

        return json.dumps(value, default=_fallback, ensure_ascii=False, separators=(",", ":")).encode()


def to_json_value(value: Any) -> Any:
    """``value`` as plain JSON data (dicts, lists, strings, numbers, booleans, ``None``)."""
    import json

    return json.loads(_dumps(value))


def encode_sse_frame(chunk: UIMessageChunkBase | Mapping[str, Any]) -> bytes:
    """One chunk (or its wire dict) as an SSE frame."""
    wire = chunk.to_dict() if isinstance(chunk, UIMessageChunkBase) else chunk
    return b"data: " + _dumps(wire) + b"\n\n"


def merge_headers(defaults: Mapping[str, str], headers: Mapping[str, str] | None) -> dict[str, str]:
    """``defaults`` overridden (case-insensitively) by the caller's ``headers``."""
    merged = dict(defaults)
    for name, value in (headers or {}).items():
        merged[name.lower()] = value
    return merged

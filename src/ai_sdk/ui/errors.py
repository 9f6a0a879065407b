"""The errors of the UI layer (re-exported by :mod:`ai_sdk.errors`).

Kept free of pydantic and of the rest of the UI package so that ``import ai_sdk.errors`` stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..spec.errors import AISDKError, TypeValidationError

__all__ = ["MessageConversionError", "UIMessageStreamError", "UIMessageValidationError"]


class UIMessageStreamError(AISDKError):
    """A UI message stream broke the protocol: an unknown or malformed chunk, or a chunk that refers
    to a part that was never started (a ``text-delta`` before its ``text-start``, a tool output for an
    unknown tool call). ``chunk_type`` and ``chunk_id`` say which chunk."""

    def __init__(self, message: str, *, chunk_type: str | None = None, chunk_id: str | None = None) -> None:
        super().__init__(message)
        self.chunk_type = chunk_type
        self.chunk_id = chunk_id


class UIMessageValidationError(TypeValidationError):
    """UI messages (e.g. the ``messages`` of a ``useChat`` request body) are malformed.

    ``errors`` lists every problem in the shape FastAPI uses for a 422 answer (``loc``, ``msg``,
    ``type``), with ``loc`` naming the field as it appears on the wire (``["messages", 0, "parts", 1,
    "toolCallId"]``); the message names the first few. Answer the request with status 422 and
    ``{"detail": error.errors}``.
    """

    status_code = 422

    def __init__(self, value: Any, errors: Sequence[dict[str, Any]]) -> None:
        self.errors = [dict(error) for error in errors]
        shown = "; ".join(f"{_path(error['loc'])}: {error['msg']}" for error in self.errors[:5])
        more = f" (and {len(self.errors) - 5} more)" if len(self.errors) > 5 else ""
        super().__init__(value, message=f"Invalid UI messages: {shown}{more}")


class MessageConversionError(AISDKError):
    """A UI message cannot be turned into model messages; the message says which part and why."""

    def __init__(self, message: str, *, original_message: Any = None) -> None:
        super().__init__(message)
        self.original_message = original_message


def _path(loc: Sequence[Any]) -> str:
    text = ""
    for item in loc:
        text += f"[{item}]" if isinstance(item, int) else (f".{item}" if text else str(item))
    return text or "messages"

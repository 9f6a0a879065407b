"""Finish reasons of OpenAI-compatible APIs in the unified vocabulary, shared by chat and completion.

The raw value is always kept beside the unified one, so a provider's own reason is never lost when
it maps to ``other``.
"""

from __future__ import annotations

from ..spec import FinishReason, FinishReasonType

__all__ = ["map_finish_reason"]

_UNIFIED: dict[str, FinishReasonType] = {
    "stop": "stop",
    "length": "length",
    "content_filter": "content-filter",
    "tool_calls": "tool-calls",
    "function_call": "tool-calls",
}


_COMMON: dict[str | None, FinishReason] = {raw: FinishReason(unified, raw) for raw, unified in _UNIFIED.items()}
_COMMON[None] = FinishReason("other", None)
"""The answers for the known values, built once (they are frozen, so every call can share them)."""


def map_finish_reason(raw: str | None) -> FinishReason:
    """Map a wire ``finish_reason``; unknown values (and a missing one) become ``other``."""
    known = _COMMON.get(raw)
    if known is not None:
        return known
    return FinishReason(_UNIFIED.get(raw, "other") if raw is not None else "other", raw)

"""Token usage of OpenAI-compatible APIs in the spec's shape, shared by chat and completion.

Providers whose numbers need fixing (DeepInfra's reasoning tokens, its ``estimated_cost``) pass
their own :data:`UsageConverter` to the models instead of patching results afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeAlias

from ..spec import InputTokenDetails, OutputTokenDetails, Usage

__all__ = ["UsageConverter", "convert_usage", "token_count"]

UsageConverter: TypeAlias = Callable[[Mapping[str, Any] | None], Usage]
"""Turns the wire ``usage`` object (or ``None`` when the response had none) into :class:`Usage`."""


def token_count(raw: Mapping[str, Any] | None, key: str) -> int:
    """An integer field of a usage object; missing, null or non-integer values count as 0."""
    if raw is None:
        return 0
    value = raw.get(key)
    return value if type(value) is int else 0


def convert_usage(raw: Mapping[str, Any] | None) -> Usage:
    """The generic mapping: input = prompt tokens (split into cached and not cached), output =
    completion tokens (split into reasoning and text); ``raw`` keeps the wire object whole."""
    if raw is None:
        return Usage()
    prompt = token_count(raw, "prompt_tokens")
    completion = token_count(raw, "completion_tokens")
    prompt_details = raw.get("prompt_tokens_details")
    completion_details = raw.get("completion_tokens_details")
    cached = token_count(prompt_details, "cached_tokens") if isinstance(prompt_details, Mapping) else 0
    reasoning = token_count(completion_details, "reasoning_tokens") if isinstance(completion_details, Mapping) else 0
    return Usage(
        input_tokens=prompt,
        output_tokens=completion,
        total_tokens=prompt + completion,
        input_token_details=InputTokenDetails(no_cache=prompt - cached, cache_read=cached),
        output_token_details=OutputTokenDetails(text=completion - reasoning, reasoning=reasoning),
        raw=raw,
    )

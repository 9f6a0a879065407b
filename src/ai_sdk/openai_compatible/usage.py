"""Token usage of OpenAI-compatible APIs in the spec's shape, shared by chat and completion.

Providers whose numbers need fixing (DeepInfra's reasoning tokens, its ``estimated_cost``) pass
their own :data:`UsageConverter` to the models instead of patching results afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeAlias

from ..spec import InputTokenDetails, OutputTokenDetails, Usage

__all__ = ["UsageConverter", "convert_usage", "token_count", "token_counts"]

UsageConverter: TypeAlias = Callable[[Mapping[str, Any] | None], Usage]
"""Turns the wire ``usage`` object (or ``None`` when the response had none) into :class:`Usage`."""


def token_count(raw: Mapping[str, Any] | None, key: str) -> int:
    """An integer field of a usage object; missing, null or non-integer values count as 0."""
    if raw is None:
        return 0
    value = raw.get(key)
    return value if type(value) is int else 0


def token_counts(raw: Mapping[str, Any]) -> tuple[int, int, int, int]:
    """``(prompt, completion, cached, reasoning)`` tokens of a usage object (absent ones count as 0),
    for converters that map them differently (see :mod:`ai_sdk.deepinfra.usage`)."""
    get = raw.get
    prompt = get("prompt_tokens")
    completion = get("completion_tokens")
    prompt_details = get("prompt_tokens_details")
    completion_details = get("completion_tokens_details")
    cached = reasoning = 0
    if prompt_details is not None and isinstance(prompt_details, Mapping):  # usually absent
        cached = token_count(prompt_details, "cached_tokens")
    if completion_details is not None and isinstance(completion_details, Mapping):
        reasoning = token_count(completion_details, "reasoning_tokens")
    return (
        prompt if type(prompt) is int else 0,
        completion if type(completion) is int else 0,
        cached,
        reasoning,
    )


def convert_usage(raw: Mapping[str, Any] | None) -> Usage:
    """The generic mapping: input = prompt tokens (split into cached and not cached), output =
    completion tokens (split into reasoning and text); ``raw`` keeps the wire object whole."""
    if raw is None:
        return Usage()
    prompt, completion, cached, reasoning = token_counts(raw)
    # Positional arguments: a frozen dataclass takes them noticeably faster than keywords. The order
    # is input, output, total tokens, input details, output details, cost, raw.
    return Usage(
        prompt,
        completion,
        prompt + completion,
        InputTokenDetails(prompt - cached, cached),
        OutputTokenDetails(completion - reasoning, reasoning),
        None,
        raw,
    )

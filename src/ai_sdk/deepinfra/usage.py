"""DeepInfra's usage numbers, fixed and priced, for chat and completion.

Two quirks of the wire ``usage`` object: some models (Gemini, Gemma) leave their reasoning tokens out
of ``completion_tokens`` (``84`` completion tokens with ``1081`` reasoning tokens), and every answer
carries ``estimated_cost``, the request's price in USD, which we surface as :attr:`Usage.cost`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..openai_compatible.usage import token_counts
from ..spec import InputTokenDetails, OutputTokenDetails, Usage

__all__ = ["convert_deepinfra_usage", "estimated_cost"]


def estimated_cost(raw: Mapping[str, Any] | None) -> float | None:
    """``usage.estimated_cost`` in USD, or ``None`` when the answer had none."""
    if raw is None:
        return None
    cost = raw.get("estimated_cost")
    if type(cost) is float or type(cost) is int:
        return float(cost)
    return None


def convert_deepinfra_usage(raw: Mapping[str, Any] | None) -> Usage:
    """The generic mapping, plus the cost, and with reasoning tokens counted in the output when the
    model reported more of them than completion tokens (output 84 + 1081 = 1165: text 84, reasoning
    1081)."""
    if raw is None:
        return Usage()
    prompt, completion, cached, reasoning = token_counts(raw)
    if reasoning > completion:
        output, text = completion + reasoning, completion
    else:
        output, text = completion, completion - reasoning
    # Built once, with positional arguments (see convert_usage): input, output, total tokens, input
    # details, output details, cost, raw.
    return Usage(
        prompt,
        output,
        prompt + output,
        InputTokenDetails(prompt - cached, cached),
        OutputTokenDetails(text, reasoning),
        estimated_cost(raw),
        raw,
    )

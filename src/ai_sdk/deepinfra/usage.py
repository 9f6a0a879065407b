"""DeepInfra's usage numbers, fixed and priced, for chat and completion.

Two quirks of the wire ``usage`` object: some models (Gemini, Gemma) leave their reasoning tokens out
of ``completion_tokens`` (``84`` completion tokens with ``1081`` reasoning tokens), and every answer
carries ``estimated_cost``, the request's price in USD, which we surface as :attr:`Usage.cost`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..openai_compatible.usage import convert_usage, token_count
from ..spec import OutputTokenDetails, Usage

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
    usage = convert_usage(raw)
    if raw is None:
        return usage
    cost = estimated_cost(raw)
    completion = token_count(raw, "completion_tokens")
    reasoning = usage.output_token_details.reasoning or 0
    if reasoning > completion:
        output = completion + reasoning
        return Usage(
            input_tokens=usage.input_tokens,
            output_tokens=output,
            total_tokens=(usage.input_tokens or 0) + output,
            input_token_details=usage.input_token_details,
            output_token_details=OutputTokenDetails(text=completion, reasoning=reasoning),
            cost=cost,
            raw=raw,
        )
    return Usage(
        input_tokens=usage.input_tokens,
        output_tokens=usage.output_tokens,
        total_tokens=usage.total_tokens,
        input_token_details=usage.input_token_details,
        output_token_details=usage.output_token_details,
        cost=cost,
        raw=raw,
    )

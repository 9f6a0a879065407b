"""Value types shared by every model kind: usage, finish reasons, warnings, provider options/metadata.

These are small frozen dataclasses with ``__slots__``: cheap to build on every call and safe to share.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

__all__ = [
    "CallWarning",
    "FinishReason",
    "FinishReasonType",
    "InputTokenDetails",
    "JSONValue",
    "OutputTokenDetails",
    "ProviderMetadata",
    "ProviderOptions",
    "Usage",
]

JSONValue: TypeAlias = Any
"""A value that survives ``json.dumps``/``json.loads`` (kept ``Any`` so callers need no casts)."""

ProviderOptions: TypeAlias = Mapping[str, Mapping[str, Any]]
"""Per-provider settings, e.g. ``{"deepinfra": {"top_k": 40}}``; each provider reads its own key."""

ProviderMetadata: TypeAlias = dict[str, dict[str, Any]]
"""Per-provider extra result data, e.g. ``{"deepinfra": {"estimated_cost": 9.68e-05}}``."""

FinishReasonType: TypeAlias = Literal["stop", "length", "content-filter", "tool-calls", "error", "other"]
"""The unified finish reasons, the same for every provider (:attr:`FinishReason.unified`)."""


@dataclass(frozen=True, slots=True)
class FinishReason:
    """Why a generation ended: ``unified`` across providers, ``raw`` as the provider said it."""

    unified: FinishReasonType
    raw: str | None = None


@dataclass(frozen=True, slots=True)
class InputTokenDetails:
    """The input tokens of :attr:`Usage.input_token_details` by kind: not cached, read from and written to
    the provider's prompt cache (``None`` where the provider does not say)."""

    no_cache: int | None = None
    cache_read: int | None = None
    cache_write: int | None = None


@dataclass(frozen=True, slots=True)
class OutputTokenDetails:
    """The output tokens of :attr:`Usage.output_token_details` by kind: answer text and reasoning (``None``
    where the provider does not say)."""

    text: int | None = None
    reasoning: int | None = None


def _add(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def _add_float(a: float | None, b: float | None) -> float | None:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


@dataclass(frozen=True, slots=True)
class Usage:
    """Token usage of one call (or, summed with ``+``, of several).

    ``cost`` is the price in USD when the provider reports one (DeepInfra's ``estimated_cost``);
    ``raw`` keeps the provider's usage object untouched.
    """

    input_tokens: int | None = None
    output_tokens: int | None = None
    total_tokens: int | None = None
    input_token_details: InputTokenDetails = field(default_factory=InputTokenDetails)
    output_token_details: OutputTokenDetails = field(default_factory=OutputTokenDetails)
    cost: float | None = None
    raw: Mapping[str, Any] | None = None

    def __add__(self, other: Usage) -> Usage:
        if not isinstance(other, Usage):
            return NotImplemented
        a, b = self.input_token_details, other.input_token_details
        c, d = self.output_token_details, other.output_token_details
        return Usage(
            input_tokens=_add(self.input_tokens, other.input_tokens),
            output_tokens=_add(self.output_tokens, other.output_tokens),
            total_tokens=_add(self.total_tokens, other.total_tokens),
            input_token_details=InputTokenDetails(
                no_cache=_add(a.no_cache, b.no_cache),
                cache_read=_add(a.cache_read, b.cache_read),
                cache_write=_add(a.cache_write, b.cache_write),
            ),
            output_token_details=OutputTokenDetails(
                text=_add(c.text, d.text),
                reasoning=_add(c.reasoning, d.reasoning),
            ),
            cost=_add_float(self.cost, other.cost),
            raw=None,
        )

    def __radd__(self, other: object) -> Usage:
        # sum(usages) starts from 0
        if other == 0 and not isinstance(other, bool):
            return self
        return NotImplemented


@dataclass(frozen=True, slots=True)
class CallWarning:
    """A setting the model could not honour; the call went on without it.

    ``type`` is ``"unsupported"`` (a feature or setting the model does not support),
    ``"compatibility"`` (honoured approximately) or ``"other"``.
    """

    type: Literal["unsupported", "compatibility", "other"]
    feature: str | None = None
    details: str | None = None
    message: str | None = None

    def __str__(self) -> str:
        if self.type == "other":
            return self.message or "warning"
        text = f"{self.type}: {self.feature}"
        return f"{text} ({self.details})" if self.details else text

"""The keys of ``provider_options={"deepinfra": {...}}`` for chat (and completion) calls, typed so
editors complete them. Any other key is sent in the request body as given, so parameters DeepInfra
adds later work without a release of this library. The reference's spellings work too: the
``openaiCompatible`` key, and ``reasoningEffort``, ``strictJsonSchema``, ``textVerbosity``."""

from __future__ import annotations

from typing import Any, Literal, TypedDict

__all__ = ["DeepInfraChatOptions", "DeepInfraReasoning"]


class DeepInfraReasoning(TypedDict, total=False):
    """DeepInfra's ``reasoning`` object."""

    effort: Literal["low", "medium", "high"]
    enabled: bool


class DeepInfraChatOptions(TypedDict, total=False):
    """Chat settings DeepInfra accepts beyond the common call settings."""

    user: str
    """An id of your end-user (hash it), for abuse monitoring."""
    reasoning_effort: Literal["none", "low", "medium", "high"]
    """How much a reasoning model thinks before answering; ``none`` turns reasoning off."""
    reasoning: DeepInfraReasoning
    strict_json_schema: bool
    """Whether a JSON-schema ``response_format`` is sent with ``strict`` (default ``True``)."""
    min_p: float
    """Minimum token probability relative to the most likely token, in [0, 1]."""
    repetition_penalty: float
    """Multiplicative repetition penalty in [0.01, 5] (> 1 penalises)."""
    top_k: int
    """Sample from the best k tokens (0 = off, < 1000); same as the ``top_k`` call setting."""
    prompt_cache_key: str
    """Routes requests sharing a prompt prefix to the same cache."""
    chat_template_kwargs: dict[str, Any]
    """Extra variables for the model's chat template (e.g. ``{"enable_thinking": False}``)."""
    service_tier: Literal["default", "priority"]
    """``priority`` (1.5x the price, served first where the model supports it); the answer's
    ``service_tier`` says which tier was applied, and billing follows it."""
    logprobs: bool | int
    """Return each output token's log probability (``provider_metadata["deepinfra"]["logprobs"]``); a
    number also asks for that many alternatives per token (``top_logprobs``). Completion models take
    the number only."""
    top_logprobs: int
    """How many alternatives (0-20) to list with each token's log probability."""

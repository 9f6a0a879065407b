"""Result data of OpenAI-compatible answers beyond text and usage, reported in ``provider_metadata``
under the provider's key, where the reference reports it:

- ``logprobs``: chat ``choices[0].logprobs.content`` (one ``{token, logprob, bytes, top_logprobs}``
  per token) or completion ``choices[0].logprobs`` (``{tokens, token_logprobs, top_logprobs, ...}``),
  as sent; a stream's pieces are concatenated.
- ``service_tier``: the tier that served the request, as echoed (billing follows the echo, which can
  differ from the tier asked for).
- ``accepted_prediction_tokens`` / ``rejected_prediction_tokens``: how much of a predicted output
  (``prediction``) the model kept, from ``usage.completion_tokens_details``.

Pure functions over parsed JSON, shared by the chat and completion parsers (whole and streamed).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..spec import ProviderMetadata

__all__ = ["StreamExtras", "answer_extras", "chat_logprobs", "merge_extras"]


def chat_logprobs(choice: Mapping[str, Any]) -> list[Any] | None:
    """The per-token entries of a chat choice (or stream delta choice), or ``None``."""
    logprobs = choice.get("logprobs")
    content = logprobs.get("content") if isinstance(logprobs, Mapping) else None
    return content if isinstance(content, list) else None


def _prediction_counts(usage: Any) -> dict[str, int]:
    details = usage.get("completion_tokens_details") if isinstance(usage, Mapping) else None
    if not isinstance(details, Mapping):
        return {}
    found: dict[str, int] = {}
    for key in ("accepted_prediction_tokens", "rejected_prediction_tokens"):
        value = details.get(key)
        if type(value) is int:
            found[key] = value
    return found


def answer_extras(body: Mapping[str, Any], *, logprobs: Any = None) -> dict[str, Any]:
    """The extras of a whole answer (or of a stream's last usage chunk, with the stream's collected
    ``logprobs``): only the keys that are present."""
    extras: dict[str, Any] = {}
    if logprobs is not None:
        extras["logprobs"] = logprobs
    tier = body.get("service_tier")
    if isinstance(tier, str):
        extras["service_tier"] = tier
    extras.update(_prediction_counts(body.get("usage")))
    return extras


def merge_extras(metadata: ProviderMetadata | None, key: str, extras: Mapping[str, Any]) -> ProviderMetadata | None:
    """``metadata`` with ``extras`` added under ``key`` (a new dict; ``metadata`` is not changed)."""
    if not extras:
        return metadata
    merged = dict(metadata or {})
    merged[key] = {**merged.get(key, {}), **extras}
    return merged


class StreamExtras:
    """What a stream's chunks reveal bit by bit: the logprobs of each delta and the echoed tier."""

    __slots__ = ("logprobs", "service_tier")

    def __init__(self) -> None:
        self.logprobs: list[Any] | None = None
        self.service_tier: str | None = None

    def add_chat_logprobs(self, choice: Mapping[str, Any]) -> None:
        content = chat_logprobs(choice)
        if content is not None:
            self.logprobs = [*(self.logprobs or ()), *content]

    def add_completion_logprobs(self, choice: Mapping[str, Any]) -> None:
        """Completion logprobs are parallel lists per chunk: extend each list."""
        logprobs = choice.get("logprobs")
        if not isinstance(logprobs, Mapping):
            return
        collected: dict[str, Any] = dict(self.logprobs[0]) if self.logprobs else {}
        for name, value in logprobs.items():
            if isinstance(value, list):
                collected[name] = [*collected.get(name, ()), *value]
        self.logprobs = [collected]

    def note_tier(self, chunk: Mapping[str, Any]) -> None:
        tier = chunk.get("service_tier")
        if isinstance(tier, str):
            self.service_tier = tier

    def extras(self, usage_chunk: Mapping[str, Any] | None, *, completion: bool = False) -> dict[str, Any]:
        logprobs: Any = self.logprobs
        if completion and logprobs is not None:
            logprobs = logprobs[0]
        extras = answer_extras(usage_chunk or {}, logprobs=logprobs)
        if "service_tier" not in extras and self.service_tier is not None:
            extras["service_tier"] = self.service_tier
        return extras

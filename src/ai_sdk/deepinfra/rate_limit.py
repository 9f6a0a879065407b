"""DeepInfra's rate limit for the account of the API key: ``GET {base}/me/rate_limit``.

DeepInfra limits each account per model: at most ``rate_limit`` requests in flight at once (200 by
default; a request over it is answered ``429 Model busy``) and ``tpm_rate_limit`` tokens per minute.
Reading it lets a bulk job set its concurrency to what the account really has (see ``docs/bulk.md``).

Parsing is pure (:func:`parse_rate_limit`); :class:`~ai_sdk.deepinfra.DeepInfraProvider` fetches it
(``await deepinfra.rate_limit()`` / ``deepinfra.rate_limit_sync()``), with the catalog's plumbing:
the provider's headers, HTTP clients, typed errors and redaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..spec import InvalidResponseDataError

__all__ = ["RateLimit", "parse_rate_limit"]


@dataclass(frozen=True, slots=True)
class RateLimit:
    """The account's per-model limits, as ``GET /v1/me/rate_limit`` reports them."""

    concurrent_requests: int
    """Requests in flight at once per model (DeepInfra's ``rate_limit``): one more is answered ``429``.
    The ceiling for a bulk job's ``concurrency`` (all of the account's processes together)."""
    tokens_per_minute: int
    """Tokens (input and output) per minute per model (DeepInfra's ``tpm_rate_limit``)."""


def parse_rate_limit(value: Any) -> RateLimit:
    """The :class:`RateLimit` of a ``RateLimitOut`` body (``{"rate_limit": 200, "tpm_rate_limit": ...}``);
    :class:`~ai_sdk.errors.InvalidResponseDataError` when either number is missing or not a whole number."""
    if isinstance(value, Mapping):
        concurrent, tokens = value.get("rate_limit"), value.get("tpm_rate_limit")
        if type(concurrent) is int and type(tokens) is int:
            return RateLimit(concurrent_requests=concurrent, tokens_per_minute=tokens)
    raise InvalidResponseDataError(
        "DeepInfra's /me/rate_limit answer lacks the whole numbers rate_limit and tpm_rate_limit", data=value
    )

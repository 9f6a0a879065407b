"""ai_sdk's tracer and the GenAI client metrics, made once per provider (metrics with the conventions'
bucket boundaries)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from .._version import __version__

__all__ = ["Instruments", "instruments_for", "tracer_for"]

_DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92]
_TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864]


@dataclass(frozen=True, slots=True)
class Instruments:
    """``gen_ai.client.token.usage``, ``gen_ai.client.operation.duration`` and time to first chunk."""

    token_usage: Any
    duration: Any
    time_to_first_chunk: Any


_cache: dict[int, tuple[Any, Instruments]] = {}
_tracers: dict[int, tuple[Any, Any]] = {}
_lock = threading.Lock()


def tracer_for(tracer_provider: Any) -> Any:
    """ai_sdk's tracer from ``tracer_provider`` (made once; the provider is kept alive with it)."""
    cached = _tracers.get(id(tracer_provider))
    if cached is not None and cached[0] is tracer_provider:
        return cached[1]
    tracer = tracer_provider.get_tracer("ai_sdk", __version__)
    _tracers[id(tracer_provider)] = (tracer_provider, tracer)
    return tracer


def instruments_for(meter_provider: Any) -> Instruments:
    """The instruments of ``meter_provider`` (made on first use; the provider is kept alive with them)."""
    cached = _cache.get(id(meter_provider))
    if cached is not None and cached[0] is meter_provider:
        return cached[1]
    with _lock:
        meter = meter_provider.get_meter("ai_sdk", __version__)
        made = Instruments(
            token_usage=meter.create_histogram(
                "gen_ai.client.token.usage",
                unit="{token}",
                description="Number of input and output tokens used.",
                explicit_bucket_boundaries_advisory=_TOKEN_BUCKETS,
            ),
            duration=meter.create_histogram(
                "gen_ai.client.operation.duration",
                unit="s",
                description="GenAI operation duration.",
                explicit_bucket_boundaries_advisory=_DURATION_BUCKETS,
            ),
            time_to_first_chunk=meter.create_histogram(
                "gen_ai.client.operation.time_to_first_chunk",
                unit="s",
                description="Time to receive the first chunk of a streamed response.",
                explicit_bucket_boundaries_advisory=_DURATION_BUCKETS,
            ),
        )
        _cache[id(meter_provider)] = (meter_provider, made)
        return made

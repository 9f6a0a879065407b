"""The soak test: 10,000 streamed calls at 200 in flight against the emulator with faults injected
(5% 429 with retry-after, 2% 503, 1% connection cut mid-stream). Every call returns the answer to its
own prompt or raises an ``ai_sdk.errors`` error; nothing hangs (the run is bounded); the process ends
with the file descriptors it started with and memory within bounds. The driver is ``bench/soak.py``,
which prints the same figures for a run from the command line."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SOAK = Path(__file__).resolve().parent.parent / "bench" / "soak.py"
CALLS = 10_000
CONCURRENCY = 200
BOUND = 300.0
"""Seconds the run may take before it counts as hanging (it takes well under a minute)."""


def _load_soak() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ai_sdk_bench_soak", SOAK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


async def test_soak_ten_thousand_calls_with_faults() -> None:
    soak = _load_soak()
    async with asyncio.timeout(BOUND):
        report = await soak.run_soak(CALLS, CONCURRENCY, seed=1)
    print("\n".join(report.lines()))  # shown with pytest -s, and on failure
    assert report.untyped == []
    assert report.wrong_answers == 0
    assert sum(report.outcomes.values()) == CALLS
    assert set(report.outcomes) <= {"ok", "APICallError", "RetryError"}
    # About 1% of the calls lose their stream mid-way (never retried); the 429s and 503s are retried.
    assert report.outcomes["ok"] >= 0.97 * CALLS
    assert report.retries >= 0.05 * CALLS
    assert report.fds_after == report.fds_before
    assert report.rss_after_mb - report.rss_before_mb < 200

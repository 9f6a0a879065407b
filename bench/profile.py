"""Where ai_sdk's time per call goes: cProfile over sync chat, streaming and async chat x32.

    python bench/profile.py                      # every scenario, top 15 functions by own time
    python bench/profile.py stream --top 25      # one scenario (sync, stream, async)
    python bench/profile.py --layers             # CPU per call of each layer, without the profiler

Uses the loopback server and the clients of ``bench/run.py`` (server in its own process). For each
scenario it warms up, profiles a batch of calls, and prints the functions with the most *own* time
(time spent in the function itself, not in what it calls) as microseconds per call, then the own
time summed by where the code lives (ai_sdk, the HTTP client, the standard library, C builtins).
cProfile adds a roughly constant cost to every Python function call, so small functions look
heavier than they are: read the ranking, not the absolute figures (``bench/run.py`` has those).

``--layers`` measures without the profiler the process CPU time per chat call (best of interleaved
rounds, as ``bench/run.py`` does) of each layer a call goes through, sync and async: the raw client,
our transport alone (send, read, close, with a deadline), ``post_json``, ``generate_text``. The cost
of a layer is its row minus the row above it.
"""

from __future__ import annotations

import sys

# This file is named like the standard library's ``profile`` module, which cProfile imports: take
# this directory off the path while importing cProfile, so cProfile gets the real one.
_BENCH_DIR = sys.path.pop(0)
import cProfile  # noqa: E402

sys.path.insert(0, _BENCH_DIR)

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import pstats  # noqa: E402
import sysconfig  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from collections.abc import Awaitable, Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import run  # noqa: E402
import server  # noqa: E402

STDLIB = Path(sysconfig.get_paths()["stdlib"]).resolve()
AI_SDK = Path(run.__file__).resolve().parent.parent / "src" / "ai_sdk"


def area(filename: str) -> str:
    """Where a profiled function lives, for the summary."""
    if filename == "~":
        return "C builtins (orjson, bytes, dict, socket...)"
    path = Path(filename).resolve()
    if path.is_relative_to(AI_SDK) or "/ai_sdk/" in filename:
        return "ai_sdk"
    if "site-packages" in path.parts:
        return path.parts[path.parts.index("site-packages") + 1].removesuffix(".py")
    if path.is_relative_to(STDLIB):
        rel = path.relative_to(STDLIB).parts
        return "stdlib " + (rel[0].removesuffix(".py") if rel else "?")
    return "bench / other"


def short(func: tuple[str, int, str]) -> str:
    filename, line, name = func
    if filename == "~":
        return name
    path = Path(filename)
    parts = path.parts
    for anchor in ("ai_sdk", "site-packages", "python3.11", "python3.12", "python3.13", "bench"):
        if anchor in parts:
            parts = parts[parts.index(anchor) + (0 if anchor == "ai_sdk" else 1) :]
            break
    return f"{'/'.join(parts)}:{line}({name})"


def report(title: str, profile: cProfile.Profile, calls: int, top: int) -> None:
    stats = pstats.Stats(profile)
    entries: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(tottime for (_, _, tottime, _, _) in entries.values())
    print(f"\n=== {title}: {calls} calls, {total / calls * 1e6:,.0f} µs per call under the profiler ===")
    print(f"{'own µs':>8} {'own %':>6} {'cum µs':>8} {'calls':>7}  function  (per call of the scenario)")
    ranked = sorted(entries.items(), key=lambda item: item[1][2], reverse=True)
    for func, (_, ncalls, tottime, cumtime, _) in ranked[:top]:
        print(
            f"{tottime / calls * 1e6:>8.1f} {tottime / total * 100:>5.1f}% {cumtime / calls * 1e6:>8.1f} "
            f"{ncalls / calls:>7.1f}  {short(func)}"
        )
    by_area: dict[str, float] = defaultdict(float)
    for func, (_, _, tottime, _, _) in entries.items():
        by_area[area(func[0])] += tottime
    print("own time by area:", end="")
    for name, seconds in sorted(by_area.items(), key=lambda item: item[1], reverse=True)[:8]:
        print(f"  {name} {seconds / total * 100:.0f}%", end="")
    print()


def profile_sync(fn: Callable[[], object], calls: int) -> cProfile.Profile:
    for _ in range(max(5, calls // 10)):
        fn()
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(calls):
        fn()
    profile.disable()
    return profile


def profile_async(port: int, calls: int) -> cProfile.Profile:
    profile = cProfile.Profile()

    async def main() -> None:
        call, close = await run.ours_async(port)

        async def worker(count: int) -> None:
            for _ in range(count):
                await call()

        await asyncio.gather(*(worker(4) for _ in range(run.CONCURRENCY)))
        profile.enable()
        await asyncio.gather(*(worker(calls // run.CONCURRENCY) for _ in range(run.CONCURRENCY)))
        profile.disable()
        await close()

    asyncio.run(main())
    return profile


def sync_layers(port: int) -> dict[str, Callable[[], object]]:
    """The sync chat call, one layer at a time."""
    from ai_sdk.http.json_api import post_json_sync
    from ai_sdk.http.transport import HttpRequest
    from ai_sdk.http.urllib3_transport import Urllib3Transport
    from ai_sdk.spec.deadline import Deadline

    target, headers, body = run.url(port), dict(run.HEADERS), json.loads(run.BODY)
    transport = Urllib3Transport()

    def send_read_close() -> object:
        response = transport.send(HttpRequest("POST", target, headers, run.BODY, None, Deadline.start()))
        try:
            return response.read()
        finally:
            response.close()

    def post_json() -> object:
        return post_json_sync(transport, target, headers=headers, body=body, deadline=Deadline.start())

    return {
        "raw urllib3 + json": run.raw_urllib3(port, json.loads)[run.SYNC_CHAT],
        "Urllib3Transport": send_read_close,
        "post_json_sync": post_json,
        "generate_text": run.ours_sync(port)[run.SYNC_CHAT],
    }


def async_layers(port: int) -> dict[str, run.AsyncSetup]:
    """The async chat call, one layer at a time (each a setup for ``run.async_batch``)."""
    from ai_sdk.http.aiohttp_transport import AiohttpTransport
    from ai_sdk.http.json_api import post_json_async
    from ai_sdk.http.transport import HttpRequest
    from ai_sdk.spec.deadline import Deadline

    target, headers, body = run.url(port), dict(run.HEADERS), json.loads(run.BODY)

    async def transport_setup(port: int) -> tuple[run.AsyncCall, Callable[[], Awaitable[object]]]:
        transport = AiohttpTransport()

        async def call() -> object:
            response = await transport.send(HttpRequest("POST", target, headers, run.BODY, None, Deadline.start()))
            try:
                return await response.read()
            finally:
                response.close()

        return call, transport.aclose

    async def post_json_setup(port: int) -> tuple[run.AsyncCall, Callable[[], Awaitable[object]]]:
        transport = AiohttpTransport()

        async def call() -> object:
            return await post_json_async(transport, target, headers=headers, body=body, deadline=Deadline.start())

        return call, transport.aclose

    return {
        "raw aiohttp + json": run.ASYNC_CLIENTS["raw aiohttp + json"],
        "AiohttpTransport": transport_setup,
        "post_json_async": post_json_setup,
        "generate_text": run.ours_async,
    }


def layers(port: int, rounds: int) -> None:
    """Print the best CPU µs per call of each layer over ``rounds`` interleaved rounds."""
    batches: dict[str, run.Batch] = {}
    sizes: dict[str, int] = {}
    for name, fn in sync_layers(port).items():
        batches[f"sync  {name}"], sizes[f"sync  {name}"] = run.sync_batch(fn), 300
    for name, setup in async_layers(port).items():
        batches[f"async {name}"], sizes[f"async {name}"] = run.async_batch(setup, port), run.CONCURRENCY * 30
    best = dict.fromkeys(batches, float("inf"))
    started = time.perf_counter()
    for _ in range(rounds):
        for key, batch in batches.items():
            cpu, _ = batch(sizes[key])
            best[key] = min(best[key], cpu / sizes[key] * 1e6)
    print(f"\n=== CPU µs per chat call by layer (best of {rounds} rounds, {time.perf_counter() - started:.0f} s) ===")
    previous: dict[str, float] = {}
    for key, value in best.items():
        kind = key.split()[0]
        step = f"  (+{value - previous[kind]:.1f})" if kind in previous else ""
        print(f"{key:<28} {value:8.1f}{step}")
        previous[kind] = value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenarios", nargs="*", choices=["sync", "stream", "async", []], default=[])
    parser.add_argument("--top", type=int, default=15, help="functions to list per scenario")
    parser.add_argument("--calls", type=int, default=1000, help="chat calls to profile (streams: a tenth)")
    parser.add_argument("--layers", action="store_true", help="CPU per call of each layer instead of a profile")
    parser.add_argument("--rounds", type=int, default=8, help="rounds for --layers")
    args = parser.parse_args()
    scenarios = args.scenarios or ["sync", "stream", "async"]

    proc, port = server.spawn()
    try:
        if args.layers:
            layers(port, args.rounds)
            return
        ours = run.ours_sync(port)
        if "sync" in scenarios:
            report("sync generate_text", profile_sync(ours[run.SYNC_CHAT], args.calls), args.calls, args.top)
        if "stream" in scenarios:
            calls = max(10, args.calls // 10)
            report("sync stream_text, full_stream", profile_sync(ours[run.STREAM], calls), calls, args.top)
        if "async" in scenarios:
            calls = args.calls // run.CONCURRENCY * run.CONCURRENCY
            report(f"async generate_text x{run.CONCURRENCY}", profile_async(port, calls), calls, args.top)
    finally:
        proc.kill()
        proc.wait()
    sys.stdout.flush()


if __name__ == "__main__":
    main()

"""Benchmark: the bulk runner's throughput under DeepInfra's per-model concurrency cap.

10,000 rows (``--rows``) of ``generate_text`` against the DeepInfra emulator running in its own process
with a cap of 200 requests in flight per model (``--cap``; 429 "Model busy" above it) and 200 ms of
latency per call (``--latency``). The ideal wall time is rows x latency / cap (10 s). Compared:

- ``bulk_generate_text`` (async) and its blocking twin, ``concurrency=cap``;
- a hand-written ``asyncio.gather`` over ``generate_text`` with ``asyncio.Semaphore(cap)``;
- the same with no bound (every row at once; the library's retries, 2 s then 4 s, absorb the 429s);
- the runner and the semaphore set at twice the cap (a client that does not know the account's limit):
  the runner's adaptive limit finds the cap, the semaphore keeps hitting it;
- ``bulk_embed`` (async and blocking) over the same rows, packing them into requests of up to the model's
  ``max_embeddings_per_call`` values (here ``rows_per_request=100``, ``--embed-batch``), and the same with
  ``rows_per_request=1`` (one request per row, as before packing); "x ideal" is against the one-row-per-request
  ideal.

For each: the wall time, rows per second and the ratio to the ideal (bar: <= 1.10 for the runner), the fraction of
requests answered 429 (bar: < 1% for the runner), rows that failed, and the emulator's peak in-flight.
The client's and the emulator's CPU seconds are printed too: the two processes share the machine's
cores, so when their sum nears cores x wall time the machine, not the scheduling, sets the pace.

Run: ``python bench/bulk.py`` (``--quick`` for 2,000 rows; ``--only runner`` for one scenario;
``--checkpoint DIR`` to have the runners write a checkpoint file there, as a resumable job does).
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import functools
import multiprocessing
import multiprocessing.connection
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MODEL = "meta-llama/Meta-Llama-3.1-8B-Instruct"
EMBED_MODEL = "BAAI/bge-base-en-v1.5"


def serve(connection: multiprocessing.connection.Connection, cap: int, latency: float) -> None:
    """The emulator process: answers "stats" / "reset" / "stop" on ``connection``."""
    from ai_sdk.testing import DeepInfraEmulator

    with DeepInfraEmulator(validate=False, max_concurrency=cap, latency=latency) as emulator:
        connection.send(emulator.base_url)
        cpu = time.process_time()
        while True:
            command = connection.recv()
            if command == "stop":
                return
            if command == "reset":
                emulator.reset()
                cpu = time.process_time()
                connection.send(None)
            elif command == "stats":
                count = len(emulator.requests_to("chat")) + len(emulator.requests_to("embeddings"))
                used = time.process_time() - cpu
                peak = max(emulator.peak_in_flight(MODEL), emulator.peak_in_flight(EMBED_MODEL))
                connection.send((count, emulator.throttled, peak, used))


@dataclass
class Outcome:
    name: str
    wall: float
    requests: int
    throttled: int
    peak: int
    failed: int
    client_cpu: float
    server_cpu: float


def checkpoint_file(directory: str | None) -> str | None:
    """A fresh checkpoint file in ``directory`` (``--checkpoint``), or None."""
    if directory is None:
        return None
    path = os.path.join(directory, f"bench-{time.perf_counter_ns()}.jsonl")
    atexit.register(lambda: Path(path).unlink(missing_ok=True))
    return path


def runner_async(base_url: str, rows: list[str], cap: int, checkpoint: str | None = None) -> int:
    from ai_sdk.bulk import bulk_generate_text
    from ai_sdk.deepinfra import create_deepinfra

    async def main() -> int:
        model = create_deepinfra(base_url=base_url, api_key="bench")(MODEL)
        run = bulk_generate_text(model=model, rows=rows, concurrency=cap, checkpoint=checkpoint_file(checkpoint))
        return len([result async for result in run if not result.ok])

    return asyncio.run(main())


def runner_sync(base_url: str, rows: list[str], cap: int, checkpoint: str | None = None) -> int:
    from ai_sdk.deepinfra import create_deepinfra
    from ai_sdk.sync import bulk_generate_text

    model = create_deepinfra(base_url=base_url, api_key="bench")(MODEL)
    run = bulk_generate_text(model=model, rows=rows, concurrency=cap, checkpoint=checkpoint_file(checkpoint))
    return sum(1 for result in run if not result.ok)


def embed(base_url: str, rows: list[str], cap: int, rows_per_request: int, *, blocking: bool) -> int:
    """``bulk_embed`` (or its blocking twin) of ``rows``, ``rows_per_request`` values per request."""
    from ai_sdk.bulk.runner import bulk_embed, bulk_embed_sync
    from ai_sdk.deepinfra import create_deepinfra

    model = create_deepinfra(base_url=base_url, api_key="bench").embedding_model(EMBED_MODEL)
    if blocking:
        run = bulk_embed_sync(model=model, rows=rows, concurrency=cap, rows_per_request=rows_per_request)
        return sum(1 for result in run if not result.ok)

    async def main() -> int:
        run = bulk_embed(model=model, rows=rows, concurrency=cap, rows_per_request=rows_per_request)
        return len([result async for result in run if not result.ok])

    return asyncio.run(main())


def gather(base_url: str, rows: list[str], cap: int | None) -> int:
    from ai_sdk import generate_text
    from ai_sdk.deepinfra import create_deepinfra

    async def main() -> int:
        model = create_deepinfra(base_url=base_url, api_key="bench")(MODEL)
        semaphore = asyncio.Semaphore(cap) if cap is not None else None

        async def one(prompt: str) -> bool:
            try:
                if semaphore is None:
                    await generate_text(model=model, prompt=prompt)
                else:
                    async with semaphore:
                        await generate_text(model=model, prompt=prompt)
            except Exception:
                return False
            return True

        results = await asyncio.gather(*(one(prompt) for prompt in rows))
        return results.count(False)

    return asyncio.run(main())


def measure(name: str, run: Callable[[], int], connection: multiprocessing.connection.Connection) -> Outcome:
    connection.send("reset")
    connection.recv()
    start, cpu = time.perf_counter(), time.process_time()
    failed = run()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    connection.send("stats")
    requests, throttled, peak, server_cpu = connection.recv()
    return Outcome(name, wall, requests, throttled, peak, failed, cpu, server_cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--cap", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--quick", action="store_true", help="2,000 rows")
    parser.add_argument("--checkpoint", metavar="DIR", help="the runners write a checkpoint file in DIR")
    parser.add_argument("--embed-batch", type=int, default=100, help="rows_per_request of the packed embed runs")
    parser.add_argument(
        "--only",
        choices=[
            "runner",
            "runner-sync",
            "semaphore",
            "unbounded",
            "runner-2x",
            "semaphore-2x",
            "embed",
            "embed-sync",
            "embed-per-row",
            "embed-per-row-sync",
        ],
        action="append",
        help="run only these",
    )
    args = parser.parse_args()
    rows_count = 2_000 if args.quick else args.rows
    rows = [f"Classify row {index}" for index in range(rows_count)]
    ideal = rows_count * args.latency / args.cap
    parent, child = multiprocessing.get_context("spawn").Pipe()
    server = multiprocessing.get_context("spawn").Process(target=serve, args=(child, args.cap, args.latency))
    server.start()
    base_url = parent.recv()
    scenarios: dict[str, Callable[[], Any]] = {
        "runner": lambda: runner_async(base_url, rows, args.cap, args.checkpoint),
        "runner-sync": lambda: runner_sync(base_url, rows, args.cap, args.checkpoint),
        "semaphore": lambda: gather(base_url, rows, args.cap),
        "unbounded": lambda: gather(base_url, rows, None),
        "runner-2x": lambda: runner_async(base_url, rows, 2 * args.cap),
        "semaphore-2x": lambda: gather(base_url, rows, 2 * args.cap),
    }
    for blocking in (False, True):
        suffix = "-sync" if blocking else ""
        for name, per_request in ((f"embed{suffix}", args.embed_batch), (f"embed-per-row{suffix}", 1)):
            scenarios[name] = functools.partial(embed, base_url, rows, args.cap, per_request, blocking=blocking)
    print(f"{rows_count} rows, cap {args.cap} in flight, {args.latency * 1000:.0f} ms per call: ideal {ideal:.2f} s")
    header = (
        "scenario",
        "wall s",
        "rows/s",
        "x ideal",
        "requests",
        "429s",
        "429 %",
        "peak",
        "failed",
        "cli CPU",
        "emu CPU",
    )
    print(f"{header[0]:<18}" + "".join(f" {title:>8}" for title in header[1:]))
    try:
        for name, run in scenarios.items():
            if args.only and name not in args.only:
                continue
            outcome = measure(name, run, parent)
            share = outcome.throttled / outcome.requests if outcome.requests else 0.0
            print(
                f"{name:<18} {outcome.wall:>8.2f} {rows_count / outcome.wall:>8.0f} {outcome.wall / ideal:>8.3f} "
                f"{outcome.requests:>8} "
                f"{outcome.throttled:>8} {share:>8.2%} {outcome.peak:>8} {outcome.failed:>8} "
                f"{outcome.client_cpu:>8.2f} {outcome.server_cpu:>8.2f}",
                flush=True,
            )
    finally:
        parent.send("stop")
        server.join(10)
    print("bars for the runner: wall <= 1.10 x ideal, 429s < 1% of requests")


if __name__ == "__main__":
    main()

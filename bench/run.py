"""Client-side cost of one call: ai_sdk against raw HTTP clients and the openai SDK, in one run.

    python bench/run.py            # every scenario (about a minute); add --quick for a shorter, noisier run

Starts ``bench/server.py`` in a separate process (so server CPU never counts), then for each scenario
and client measures the client process's CPU time (``time.process_time``) and wall time per call.
Clients are measured in interleaved rounds (every client once per round, each round a batch of calls
sized by a time budget), and the table shows the best and the median round: contention from other
processes only ever adds time, so the best round is the steadiest figure, and ratios use it.

The bars (issue 7), each a ratio to a raw client measured in the same run:

- sync ``generate_text``              <= 1.5x the faster raw sync client (urllib3 / httpx, stdlib ``json``)
- ``stream_text`` via ``full_stream``  <= 2x raw urllib3 line-splitting + stdlib ``json`` decoding of the same bytes
- async ``generate_text``, 32 in flight <= 2x raw aiohttp + stdlib ``json``
- ``import ai_sdk, ai_sdk.deepinfra``  <= 150 ms (wall, whole process)
- 500 concurrent streams: memory <= 2x raw aiohttp holding the same 500 responses

The bars are defined against raw clients decoding with the standard library's ``json``, as a
hand-written client would. ai_sdk decodes with orjson, so every raw client also has an ``orjson``
row, and the ratio lines show both: the ``orjson`` ratio is our own overhead over the same codec.
Rows marked "not installed" need a client that is missing (httpx, httpx2 and openai are optional).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import server

HERE = Path(__file__).resolve().parent
PROMPT = "Write a vegetarian lasagna recipe for 4 people."
MODEL = "meta-llama/Meta-Llama-3.1-70B-Instruct"
BODY = json.dumps({"model": MODEL, "messages": [{"role": "user", "content": PROMPT}]}).encode()
STREAM_BODY = json.dumps({"model": MODEL, "messages": [{"role": "user", "content": PROMPT}], "stream": True}).encode()
HEADERS = {"authorization": "Bearer bench", "content-type": "application/json"}
CONCURRENCY = 32

SYNC_CHAT = "sync chat"
STREAM = f"stream, {server.STREAM_CHUNKS} chunks"
ASYNC_CHAT = f"async chat, {CONCURRENCY} in flight"

Loads = Callable[[bytes | str], Any]
SyncCall = Callable[[], object]
AsyncCall = Callable[[], Awaitable[object]]
AsyncSetup = Callable[[int], Awaitable[tuple[AsyncCall, Callable[[], Awaitable[object]]]]]


@dataclass
class Row:
    scenario: str
    client: str
    cpu_us: float | None = None
    cpu_median_us: float | None = None
    wall_us: float | None = None
    note: str = ""
    values: dict[str, float] = field(default_factory=dict)


def url(port: int) -> str:
    return f"http://127.0.0.1:{port}/v1/openai/chat/completions"


def orjson_loads() -> Loads:
    import orjson

    return orjson.loads


# ------------------------------------------------------------------------------------ sync clients


def raw_urllib3(port: int, loads: Loads) -> dict[str, SyncCall]:
    import urllib3

    pool = urllib3.PoolManager()
    target = url(port)

    def chat() -> object:
        r = pool.request("POST", target, body=BODY, headers=HEADERS)
        return loads(r.data)["choices"][0]["message"]["content"]

    def stream() -> object:
        r = pool.request("POST", target, body=STREAM_BODY, headers=HEADERS, preload_content=False)
        text = []
        buffer = b""
        for chunk in r.stream(65536):
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                if line.startswith(b"data: ") and line != b"data: [DONE]":
                    event = loads(line[6:])
                    if event["choices"]:
                        text.append(event["choices"][0]["delta"].get("content") or "")
        r.release_conn()
        return "".join(text)

    return {SYNC_CHAT: chat, STREAM: stream}


def raw_httpx(port: int, module: str) -> dict[str, SyncCall]:
    httpx: Any = __import__(module)
    client = httpx.Client()
    target = url(port)

    def chat() -> object:
        r = client.post(target, content=BODY, headers=HEADERS)
        return json.loads(r.content)["choices"][0]["message"]["content"]

    def stream() -> object:
        text = []
        with client.stream("POST", target, content=STREAM_BODY, headers=HEADERS) as r:
            for line in r.iter_lines():
                if line.startswith("data: ") and line != "data: [DONE]":
                    event = json.loads(line[6:])
                    if event["choices"]:
                        text.append(event["choices"][0]["delta"].get("content") or "")
        return "".join(text)

    return {SYNC_CHAT: chat, STREAM: stream}


def ours_sync(port: int) -> dict[str, SyncCall]:
    from ai_sdk.deepinfra import create_deepinfra
    from ai_sdk.sync import generate_text, stream_text

    model = create_deepinfra(api_key="bench", base_url=f"http://127.0.0.1:{port}/v1")(MODEL)

    def chat() -> object:
        return generate_text(model=model, prompt=PROMPT).text

    def stream() -> object:
        result = stream_text(model=model, prompt=PROMPT)
        for _part in result.full_stream:
            pass
        return result.text

    return {SYNC_CHAT: chat, STREAM: stream}


def openai_sync(port: int) -> dict[str, SyncCall]:
    import openai

    client = openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1/openai", api_key="bench", max_retries=0)
    messages: Any = [{"role": "user", "content": PROMPT}]

    def chat() -> object:
        return client.chat.completions.create(model=MODEL, messages=messages).choices[0].message.content

    def stream() -> object:
        text = []
        for chunk in client.chat.completions.create(model=MODEL, messages=messages, stream=True):
            if chunk.choices:
                text.append(chunk.choices[0].delta.content or "")
        return "".join(text)

    return {SYNC_CHAT: chat, STREAM: stream}


SYNC_CLIENTS: dict[str, Callable[[int], dict[str, SyncCall]]] = {
    "raw urllib3 + json": lambda port: raw_urllib3(port, json.loads),
    "raw urllib3 + orjson": lambda port: raw_urllib3(port, orjson_loads()),
    "raw httpx + json": lambda port: raw_httpx(port, "httpx"),
    "raw httpx2 + json": lambda port: raw_httpx(port, "httpx2"),
    "ai_sdk (sync)": ours_sync,
    "openai SDK": openai_sync,
}


# ----------------------------------------------------------------------------------- async clients
# Each setup runs inside the event loop of one measured batch and returns (call, close).


def raw_aiohttp(loads_name: str) -> AsyncSetup:
    async def setup(port: int) -> tuple[AsyncCall, Callable[[], Awaitable[object]]]:
        import aiohttp

        loads: Loads = json.loads if loads_name == "json" else orjson_loads()
        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
        target = url(port)

        async def call() -> object:
            async with session.post(target, data=BODY, headers=HEADERS) as r:
                return loads(await r.read())["choices"][0]["message"]["content"]

        return call, session.close

    return setup


def raw_httpx_async(module: str) -> AsyncSetup:
    async def setup(port: int) -> tuple[AsyncCall, Callable[[], Awaitable[object]]]:
        httpx: Any = __import__(module)
        client = httpx.AsyncClient(limits=httpx.Limits(max_connections=64))
        target = url(port)

        async def call() -> object:
            r = await client.post(target, content=BODY, headers=HEADERS)
            return json.loads(r.content)["choices"][0]["message"]["content"]

        return call, client.aclose

    return setup


async def ours_async(port: int) -> tuple[AsyncCall, Callable[[], Awaitable[object]]]:
    from ai_sdk import generate_text
    from ai_sdk.deepinfra import create_deepinfra

    model = create_deepinfra(api_key="bench", base_url=f"http://127.0.0.1:{port}/v1")(MODEL)

    async def call() -> object:
        return (await generate_text(model=model, prompt=PROMPT)).text

    async def close() -> None:
        """The default transport closes its session when the batch's event loop shuts down."""

    return call, close


async def openai_async(port: int) -> tuple[AsyncCall, Callable[[], Awaitable[object]]]:
    import openai

    client = openai.AsyncOpenAI(base_url=f"http://127.0.0.1:{port}/v1/openai", api_key="bench", max_retries=0)
    messages: Any = [{"role": "user", "content": PROMPT}]

    async def call() -> object:
        result = await client.chat.completions.create(model=MODEL, messages=messages)
        return result.choices[0].message.content

    return call, client.close


ASYNC_CLIENTS: dict[str, AsyncSetup] = {
    "raw aiohttp + json": raw_aiohttp("json"),
    "raw aiohttp + orjson": raw_aiohttp("orjson"),
    "raw httpx + json": raw_httpx_async("httpx"),
    "raw httpx2 + json": raw_httpx_async("httpx2"),
    "ai_sdk generate_text": ours_async,
    "openai SDK": openai_async,
}


# -------------------------------------------------------------------------------------- measuring

Batch = Callable[[int], tuple[float, float]]
"""Runs ``n`` calls and returns (CPU seconds, wall seconds) for them."""


def sync_batch(fn: SyncCall) -> Batch:
    def batch(n: int) -> tuple[float, float]:
        gc.collect()
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(n):
            fn()
        return time.process_time() - cpu, time.perf_counter() - wall

    return batch


def async_batch(setup: AsyncSetup, port: int) -> Batch:
    """Each batch gets a fresh event loop and client, warmed up with two calls per worker first."""

    async def workers(call: AsyncCall, total: int) -> None:
        async def worker(count: int) -> None:
            for _ in range(count):
                await call()

        per, rest = divmod(total, CONCURRENCY)
        await asyncio.gather(*(worker(per + (1 if i < rest else 0)) for i in range(CONCURRENCY)))

    async def main(n: int) -> tuple[float, float]:
        call, close = await setup(port)
        try:
            await workers(call, CONCURRENCY * 2)
            gc.collect()
            cpu, wall = time.process_time(), time.perf_counter()
            await workers(call, n)
            return time.process_time() - cpu, time.perf_counter() - wall
        finally:
            await close()

    def batch(n: int) -> tuple[float, float]:
        return asyncio.run(main(n))

    return batch


def measure(batches: dict[tuple[str, str], Batch], budget: float, rounds: int) -> list[Row]:
    """Interleaved rounds: a calibration batch sizes each case to ``budget`` seconds of wall time in
    total, then every round runs one batch of each case."""
    sizes: dict[tuple[str, str], int] = {}
    for key, batch in batches.items():
        n = 8 if key[0] != ASYNC_CHAT else CONCURRENCY * 2
        _, wall = batch(n)
        sizes[key] = max(n if key[0] == ASYNC_CHAT else 3, int(budget / rounds / max(wall / n, 1e-7)))
    samples: dict[tuple[str, str], list[tuple[float, float]]] = {key: [] for key in batches}
    for _ in range(rounds):
        for key, batch in batches.items():
            n = sizes[key]
            cpu, wall = batch(n)
            samples[key].append((cpu / n * 1e6, wall / n * 1e6))
    rows = []
    for (scenario, client), values in samples.items():
        cpus = [cpu for cpu, _ in values]
        rows.append(
            Row(
                scenario,
                client,
                cpu_us=min(cpus),
                cpu_median_us=statistics.median(cpus),
                wall_us=min(wall for _, wall in values),
                note=f"{rounds} x {sizes[(scenario, client)]} calls",
            )
        )
    return rows


def call_rows(port: int, budget: float, rounds: int) -> list[Row]:
    missing: list[Row] = []
    batches: dict[tuple[str, str], Batch] = {}
    for name, factory in SYNC_CLIENTS.items():
        try:
            calls = factory(port)
        except ImportError as error:
            missing += [Row(s, name, note=f"not installed ({error.name})") for s in (SYNC_CHAT, STREAM)]
            continue
        answer, streamed = calls[SYNC_CHAT](), calls[STREAM]()
        if not (isinstance(answer, str) and answer):
            raise SystemExit(f"{name}: empty chat answer")
        if not (isinstance(streamed, str) and f"tok{server.STREAM_CHUNKS - 1}" in streamed):
            raise SystemExit(f"{name}: stream text incomplete")
        for scenario, fn in calls.items():
            batches[(scenario, name)] = sync_batch(fn)
    for name, setup in ASYNC_CLIENTS.items():
        batch = async_batch(setup, port)
        try:
            batch(1)
        except ImportError as error:
            missing.append(Row(ASYNC_CHAT, name, note=f"not installed ({error.name})"))
            continue
        batches[(ASYNC_CHAT, name)] = batch
    rows = measure(batches, budget, rounds) + missing
    order = {scenario: i for i, scenario in enumerate((SYNC_CHAT, STREAM, ASYNC_CHAT))}
    sync_names, async_names = list(SYNC_CLIENTS), list(ASYNC_CLIENTS)

    def position(row: Row) -> tuple[int, int]:
        names = async_names if row.scenario == ASYNC_CHAT else sync_names
        return order[row.scenario], names.index(row.client)

    return sorted(rows, key=position)


# ----------------------------------------------------------------------------------------- import


def import_rows(runs: int) -> list[Row]:
    cases = [
        ("import ai_sdk, ai_sdk.deepinfra", "ai_sdk", "import ai_sdk, ai_sdk.deepinfra"),
        (
            "import + first chat call's modules",
            "ai_sdk",
            "import ai_sdk, ai_sdk.deepinfra; from ai_sdk.sync import generate_text; "
            f"ai_sdk.deepinfra.deepinfra({MODEL!r})",
        ),
        ("python startup (floor)", "python", "pass"),
        ("import openai", "openai SDK", "import openai"),
    ]
    rows = []
    for scenario, client, code in cases:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", code], capture_output=True)
            times.append((time.perf_counter() - start) * 1e6)
            if done.returncode:
                break
        if done.returncode:
            rows.append(Row(scenario, client, note="not installed"))
        else:
            note = f"wall, whole process; median of {runs} (best {min(times) / 1000:.0f} ms)"
            rows.append(Row(scenario, client, wall_us=statistics.median(times), note=note))
    return rows


# ----------------------------------------------------------------------------------------- memory


async def raw_streams(port: int, streams: int, barrier: asyncio.Barrier | None) -> None:
    """Raw aiohttp: open ``streams`` streaming responses at once, then split lines and decode each event."""
    import aiohttp

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:

        async def one() -> str:
            text: list[str] = []
            buffer = b""
            async with session.post(url(port), data=STREAM_BODY, headers=HEADERS) as r:
                first = True
                async for chunk in r.content.iter_any():
                    buffer += chunk
                    *lines, buffer = buffer.split(b"\n")
                    for line in lines:
                        if line.startswith(b"data: ") and line != b"data: [DONE]":
                            event = json.loads(line[6:])
                            if event["choices"]:
                                text.append(event["choices"][0]["delta"].get("content") or "")
                    if first and barrier is not None:
                        first = False
                        await barrier.wait()
            return "".join(text)

        texts = await asyncio.gather(*(one() for _ in range(streams)))
        assert all(f"tok{server.STREAM_CHUNKS - 1}" in text for text in texts)


async def our_streams(port: int, streams: int, barrier: asyncio.Barrier | None) -> None:
    """ai_sdk: ``streams`` stream_text calls at once, each read through full_stream."""
    import aiohttp

    from ai_sdk import stream_text
    from ai_sdk.deepinfra import create_deepinfra

    # The same connection policy as the raw client (no limit): aiohttp's default connector allows
    # 100 connections, which would run the 500 streams 100 at a time instead of all at once.
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        provider = create_deepinfra(api_key="bench", base_url=f"http://127.0.0.1:{port}/v1", http_client=session)
        model = provider(MODEL)

        async def one() -> str:
            result = stream_text(model=model, prompt=PROMPT)
            waiting = barrier is not None
            async for part in result.full_stream:
                if waiting and part.type == "text-start":
                    waiting = False
                    await barrier.wait()  # type: ignore[union-attr]
            return await result.text

        texts = await asyncio.gather(*(one() for _ in range(streams)))
        assert all(f"tok{server.STREAM_CHUNKS - 1}" in text for text in texts)


def rss_bytes() -> int | None:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


def memory_child(client: str, mode: str, port: int, streams: int) -> None:
    """One measurement in a fresh process: warm up with a few streams, then run ``streams`` at once
    (each opens its response and reads its first event, waits until all are open, then reads to the
    end) and print the tracemalloc peak or the growth of the peak RSS, in bytes."""
    import resource
    import tracemalloc

    scenario = raw_streams if client == "raw" else our_streams

    async def run(count: int) -> None:
        await scenario(port, count, asyncio.Barrier(count))

    asyncio.run(run(4))
    gc.collect()
    if mode == "tracemalloc":
        tracemalloc.start()
        asyncio.run(run(streams))
        print(tracemalloc.get_traced_memory()[1])
        return
    before = rss_bytes()
    asyncio.run(run(streams))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
    print(peak - before if before is not None else -1)


def memory_rows(port: int, streams: int) -> list[Row]:
    scenario = f"memory, {streams} concurrent streams"
    rows = []
    for client, name in (("raw", "raw aiohttp + json"), ("ours", "ai_sdk stream_text")):
        row = Row(scenario, name)
        for mode in ("tracemalloc", "rss"):
            done = subprocess.run(
                [sys.executable, __file__, "--memory-child", client, mode, str(port), str(streams)],
                capture_output=True,
                text=True,
            )
            if done.returncode:
                row.note = f"failed: {done.stderr.strip().splitlines()[-1:]}"
                break
            value = int(done.stdout.split()[-1])
            if value >= 0:
                row.values[mode] = value / 1e6
        parts = [f"peak {row.values['tracemalloc']:.1f} MB (tracemalloc)"] if "tracemalloc" in row.values else []
        parts += [f"RSS +{row.values['rss']:.1f} MB"] if "rss" in row.values else []
        row.note = row.note or ", ".join(parts)
        rows.append(row)
    return rows


# ----------------------------------------------------------------------------------------- report


def find(rows: list[Row], scenario: str, client: str) -> Row | None:
    return next((r for r in rows if r.scenario == scenario and r.client == client and r.cpu_us), None)


def ratio_line(rows: list[Row], label: str, scenario: str, ours: str, baselines: list[str], bar: str) -> str:
    mine = find(rows, scenario, ours)
    found = [row for row in (find(rows, scenario, b) for b in baselines) if row is not None]
    if mine is None or not found or mine.cpu_us is None:
        return f"  {label:<34} {'n/a':>6}"
    base = min(found, key=lambda row: row.cpu_us or 0.0)
    assert base.cpu_us is not None
    value = mine.cpu_us / base.cpu_us
    verdict = "" if not bar else ("  ok" if value <= float(bar.strip("<= x")) else "  OVER")
    return f"  {label:<34} {value:>6.2f}x  vs {base.client:<22} {bar:>8}{verdict}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller time budget and fewer rounds (noisier)")
    parser.add_argument("--streams", type=int, default=500, help="concurrent streams in the memory scenario")
    parser.add_argument("--memory-child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        client, mode, port, streams = args.memory_child
        memory_child(client, mode, int(port), int(streams))
        return

    budget, rounds = (0.6, 4) if args.quick else (2.5, 10)
    started = time.perf_counter()
    proc, port = server.spawn()
    try:
        rows = call_rows(port, budget, rounds)
        rows += import_rows(5 if args.quick else 9)
        rows += memory_rows(port, args.streams)
    finally:
        proc.kill()
        proc.wait()

    print(f"\nai_sdk benchmark  (python {sys.version.split()[0]}, {os.cpu_count()} cpus, {rounds} rounds; µs per call)")
    print(f"\n{'scenario':<36} {'client':<22} {'CPU best':>9} {'CPU med':>9} {'wall best':>10}  note")
    print("-" * 118)
    for row in rows:
        cells = [f"{v:,.0f}" if v is not None else "-" for v in (row.cpu_us, row.cpu_median_us, row.wall_us)]
        print(f"{row.scenario:<36} {row.client:<22} {cells[0]:>9} {cells[1]:>9} {cells[2]:>10}  {row.note}")

    raw_sync_json = ["raw urllib3 + json", "raw httpx + json", "raw httpx2 + json"]
    print("\nratios: ours / baseline, CPU per call (best round)                         bar")
    lines = [
        ("sync generate_text", SYNC_CHAT, "ai_sdk (sync)", raw_sync_json, "<= 1.5x"),
        ("  (same codec: orjson)", SYNC_CHAT, "ai_sdk (sync)", ["raw urllib3 + orjson"], ""),
        ("stream_text full_stream", STREAM, "ai_sdk (sync)", ["raw urllib3 + json"], "<= 2x"),
        ("  (same codec: orjson)", STREAM, "ai_sdk (sync)", ["raw urllib3 + orjson"], ""),
        ("async generate_text x32", ASYNC_CHAT, "ai_sdk generate_text", ["raw aiohttp + json"], "<= 2x"),
        ("  (same codec: orjson)", ASYNC_CHAT, "ai_sdk generate_text", ["raw aiohttp + orjson"], ""),
    ]
    for line in lines:
        print(ratio_line(rows, *line))
    imported = next(r for r in rows if r.scenario.startswith("import ai_sdk"))
    if imported.wall_us is not None:
        verdict = "ok" if imported.wall_us <= 150_000 else "OVER"
        print(
            f"  {'import ai_sdk, ai_sdk.deepinfra':<34} {imported.wall_us / 1000:>5.0f} ms  (wall, median)"
            f"{'':>17}<= 150 ms  {verdict}"
        )
    memory = [r for r in rows if r.scenario.startswith("memory")]
    if len(memory) == 2:
        raw, ours = memory
        for mode, label in (("tracemalloc", "memory, peak (tracemalloc)"), ("rss", "memory, RSS growth")):
            if mode in raw.values and mode in ours.values and raw.values[mode] > 0:
                value = ours.values[mode] / raw.values[mode]
                verdict = "  ok" if value <= 2 else "  OVER"
                print(f"  {label:<34} {value:>6.2f}x  vs {raw.client:<22} {'<= 2x':>8}{verdict}")
    print("  for scale, the openai SDK:")
    print(ratio_line(rows, "  sync chat", SYNC_CHAT, "openai SDK", raw_sync_json, ""))
    print(ratio_line(rows, "  stream", STREAM, "openai SDK", ["raw urllib3 + json"], ""))
    print(ratio_line(rows, "  async chat x32", ASYNC_CHAT, "openai SDK", ["raw aiohttp + json"], ""))
    print(f"\n(run took {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()

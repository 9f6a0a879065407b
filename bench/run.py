"""Client-side cost of one call: ai_sdk against raw HTTP clients and the openai SDK, in one run.

    python bench/run.py            # every scenario; add --quick for a shorter run

Starts ``bench/server.py`` in a separate process (so server CPU never counts), then for each scenario
and client measures the client process's CPU time (``time.process_time``, all threads) and wall time
per call, and prints a table with the ratios our bars are set against:

- sync ``generate_text``            <= 1.5x the faster raw sync client (urllib3 / httpx)
- ``stream_text`` via ``full_stream`` <= 2x raw line-splitting + JSON decoding of the same bytes
- async ``generate_text``, 32 in flight <= 2x raw aiohttp
- ``import ai_sdk, ai_sdk.deepinfra`` <= 150 ms (wall, whole process)
- 500 concurrent streams: memory <= 2x raw aiohttp holding the same 500 responses

The raw baselines decode with the standard library's ``json``, as a hand-written client would; ai_sdk
uses orjson (a dependency chosen for this). Rows marked "n/a" could not run (a client not installed).
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
import tracemalloc
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROMPT = "Write a vegetarian lasagna recipe for 4 people."
MODEL = "meta-llama/Meta-Llama-3.1-70B-Instruct"
BODY = json.dumps({"model": MODEL, "messages": [{"role": "user", "content": PROMPT}]}).encode()
STREAM_BODY = json.dumps({"model": MODEL, "messages": [{"role": "user", "content": PROMPT}], "stream": True}).encode()
HEADERS = {"authorization": "Bearer bench", "content-type": "application/json"}


@dataclass
class Row:
    scenario: str
    client: str
    cpu_us: float | None
    wall_us: float | None
    note: str = ""


def start_server() -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "server.py"), "0"], stdout=subprocess.PIPE, text=True, bufsize=1
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("ready"):
        proc.kill()
        raise SystemExit(f"bench server did not start: {line!r}")
    return proc, int(line.split()[1])


def measure_sync(fn: Callable[[], object], n: int) -> tuple[float, float]:
    for _ in range(max(3, n // 20)):
        fn()
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(n):
        fn()
    return (time.process_time() - cpu) / n * 1e6, (time.perf_counter() - wall) / n * 1e6


ASYNC_CLEANUPS: list[Callable[[], Awaitable[object]]] = []
"""Closers registered by async clients, run inside the event loop that created them."""


def measure_async(make: Callable[[], Awaitable[object]], n: int, concurrency: int) -> tuple[float, float]:
    async def worker(count: int) -> None:
        for _ in range(count):
            await make()

    async def run(total: int) -> None:
        per, rest = divmod(total, concurrency)
        await asyncio.gather(*(worker(per + (1 if i < rest else 0)) for i in range(concurrency)))

    async def main() -> tuple[float, float]:
        await run(concurrency * 2)
        gc.collect()
        cpu, wall = time.process_time(), time.perf_counter()
        await run(n)
        result = (time.process_time() - cpu) / n * 1e6, (time.perf_counter() - wall) / n * 1e6
        while ASYNC_CLEANUPS:
            await ASYNC_CLEANUPS.pop()()
        return result

    return asyncio.run(main())


# ------------------------------------------------------------------------------------------ clients


def raw_urllib3(port: int) -> tuple[Callable[[], object], Callable[[], object]]:
    import urllib3

    pool = urllib3.PoolManager()
    url = f"http://127.0.0.1:{port}/v1/openai/chat/completions"

    def chat() -> object:
        r = pool.request("POST", url, body=BODY, headers=HEADERS)
        return json.loads(r.data)["choices"][0]["message"]["content"]

    def stream() -> object:
        r = pool.request("POST", url, body=STREAM_BODY, headers=HEADERS, preload_content=False)
        text = []
        buffer = b""
        for chunk in r.stream(65536):
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                if line.startswith(b"data: ") and line != b"data: [DONE]":
                    event = json.loads(line[6:])
                    if event["choices"]:
                        text.append(event["choices"][0]["delta"].get("content") or "")
        r.release_conn()
        return "".join(text)

    return chat, stream


def raw_httpx(port: int, module: str) -> tuple[Callable[[], object], Callable[[], object]]:
    httpx: Any = __import__(module)
    client = httpx.Client()
    url = f"http://127.0.0.1:{port}/v1/openai/chat/completions"

    def chat() -> object:
        r = client.post(url, content=BODY, headers=HEADERS)
        return json.loads(r.content)["choices"][0]["message"]["content"]

    def stream() -> object:
        text = []
        with client.stream("POST", url, content=STREAM_BODY, headers=HEADERS) as r:
            for line in r.iter_lines():
                if line.startswith("data: ") and line != "data: [DONE]":
                    event = json.loads(line[6:])
                    if event["choices"]:
                        text.append(event["choices"][0]["delta"].get("content") or "")
        return "".join(text)

    return chat, stream


def ours_sync(port: int) -> tuple[Callable[[], object], Callable[[], object]]:
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

    return chat, stream


def openai_sync(port: int) -> tuple[Callable[[], object], Callable[[], object]]:
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

    return chat, stream


def async_clients(port: int) -> dict[str, Callable[[], Callable[[], Awaitable[object]]]]:
    url = f"http://127.0.0.1:{port}/v1/openai/chat/completions"

    def raw_aiohttp() -> Callable[[], Awaitable[object]]:
        import aiohttp

        session: list[aiohttp.ClientSession] = []

        async def call() -> object:
            if not session:
                session.append(aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)))
                ASYNC_CLEANUPS.append(session[0].close)
            async with session[0].post(url, data=BODY, headers=HEADERS) as r:
                return json.loads(await r.read())["choices"][0]["message"]["content"]

        return call

    def raw_httpx_async(module: str) -> Callable[[], Callable[[], Awaitable[object]]]:
        def factory() -> Callable[[], Awaitable[object]]:
            httpx: Any = __import__(module)
            clients: list[Any] = []

            async def call() -> object:
                if not clients:
                    clients.append(httpx.AsyncClient(limits=httpx.Limits(max_connections=64)))
                    ASYNC_CLEANUPS.append(clients[0].aclose)
                r = await clients[0].post(url, content=BODY, headers=HEADERS)
                return json.loads(r.content)["choices"][0]["message"]["content"]

            return call

        return factory

    def ours() -> Callable[[], Awaitable[object]]:
        from ai_sdk import generate_text
        from ai_sdk.deepinfra import create_deepinfra

        model = create_deepinfra(api_key="bench", base_url=f"http://127.0.0.1:{port}/v1")(MODEL)

        async def call() -> object:
            return (await generate_text(model=model, prompt=PROMPT)).text

        return call

    def openai_async() -> Callable[[], Awaitable[object]]:
        import openai

        clients: list[Any] = []
        messages: Any = [{"role": "user", "content": PROMPT}]

        async def call() -> object:
            if not clients:
                clients.append(
                    openai.AsyncOpenAI(base_url=f"http://127.0.0.1:{port}/v1/openai", api_key="bench", max_retries=0)
                )
                ASYNC_CLEANUPS.append(clients[0].close)
            result = await clients[0].chat.completions.create(model=MODEL, messages=messages)
            return result.choices[0].message.content

        return call

    return {
        "raw aiohttp + json": raw_aiohttp,
        "raw httpx + json": raw_httpx_async("httpx"),
        "raw httpx2 + json": raw_httpx_async("httpx2"),
        "ai_sdk generate_text": ours,
        "openai SDK": openai_async,
    }


# -------------------------------------------------------------------------------------- scenarios


def sync_rows(port: int, n_chat: int, n_stream: int) -> list[Row]:
    clients: dict[str, Callable[[int], tuple[Callable[[], object], Callable[[], object]]]] = {
        "raw urllib3 + json": raw_urllib3,
        "raw httpx + json": lambda p: raw_httpx(p, "httpx"),
        "raw httpx2 + json": lambda p: raw_httpx(p, "httpx2"),
        "ai_sdk (sync)": ours_sync,
        "openai SDK": openai_sync,
    }
    rows = []
    for name, factory in clients.items():
        try:
            chat, stream = factory(port)
            expected = chat()
            if not (isinstance(expected, str) and expected):
                raise SystemExit(f"{name}: empty chat answer")
            streamed = stream()
            if not (isinstance(streamed, str) and "tok199" in streamed):
                raise SystemExit(f"{name}: stream text incomplete")
        except ImportError as error:
            rows.append(Row("sync chat", name, None, None, f"not installed ({error.name})"))
            rows.append(Row("stream, 200 chunks", name, None, None, f"not installed ({error.name})"))
            continue
        rows.append(Row("sync chat", name, *measure_sync(chat, n_chat)))
        rows.append(Row("stream, 200 chunks", name, *measure_sync(stream, n_stream)))
    return rows


def async_rows(port: int, n: int) -> list[Row]:
    rows = []
    for name, factory in async_clients(port).items():
        try:
            call = factory()
        except ImportError as error:
            rows.append(Row("async chat, 32 in flight", name, None, None, f"not installed ({error.name})"))
            continue
        rows.append(Row("async chat, 32 in flight", name, *measure_async(call, n, 32)))
    return rows


def import_row() -> Row:
    code = "import ai_sdk, ai_sdk.deepinfra"
    times = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append((time.perf_counter() - start) * 1e6)
    return Row("import ai_sdk, ai_sdk.deepinfra", "ai_sdk", None, statistics.median(times), "wall, whole process")


def memory_rows(port: int, streams: int) -> list[Row]:
    """Peak Python memory while ``streams`` streaming responses are open and being consumed at once."""
    url = f"http://127.0.0.1:{port}/v1/openai/chat/completions"

    async def raw() -> None:
        import aiohttp

        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
            responses = [await session.post(url, data=STREAM_BODY, headers=HEADERS) for _ in range(streams)]

            async def consume(r: aiohttp.ClientResponse) -> None:
                buffer = b""
                async for chunk in r.content.iter_any():
                    buffer += chunk
                    *lines, buffer = buffer.split(b"\n")
                    for line in lines:
                        if line.startswith(b"data: ") and line != b"data: [DONE]":
                            json.loads(line[6:])
                r.release()

            await asyncio.gather(*(consume(r) for r in responses))

    async def ours() -> None:
        from ai_sdk import stream_text
        from ai_sdk.deepinfra import create_deepinfra

        model = create_deepinfra(api_key="bench", base_url=f"http://127.0.0.1:{port}/v1")(MODEL)
        results = [stream_text(model=model, prompt=PROMPT) for _ in range(streams)]

        async def consume(result: Any) -> None:
            async for _part in result.full_stream:
                pass

        await asyncio.gather(*(consume(r) for r in results))

    rows = []
    for name, fn in (("raw aiohttp + json", raw), ("ai_sdk stream_text", ours)):
        try:
            asyncio.run(fn())  # warm imports and code paths outside the measurement
            gc.collect()
            tracemalloc.start()
            asyncio.run(fn())
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            rows.append(Row(f"memory, {streams} concurrent streams", name, None, None, f"peak {peak / 1e6:.1f} MB"))
        except ImportError as error:
            rows.append(Row(f"memory, {streams} concurrent streams", name, None, None, f"n/a ({error.name})"))
    return rows


def ratio(rows: list[Row], scenario: str, ours: str, baselines: list[str], use: str = "cpu") -> str:
    def value(client: str) -> float | None:
        for row in rows:
            if row.scenario == scenario and row.client == client:
                return row.cpu_us if use == "cpu" else row.wall_us
        return None

    mine = value(ours)
    bases = [v for v in (value(b) for b in baselines) if v]
    if mine is None or not bases:
        return "n/a"
    return f"{mine / min(bases):.2f}x"


def memory_peak(rows: list[Row], client: str) -> float | None:
    for row in rows:
        if row.scenario.startswith("memory") and row.client == client and row.note.startswith("peak"):
            return float(row.note.split()[1])
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer iterations (noisier)")
    args = parser.parse_args()
    scale = 0.2 if args.quick else 1.0
    proc, port = start_server()
    try:
        rows = sync_rows(port, int(2000 * scale), int(300 * scale))
        rows += async_rows(port, int(6000 * scale))
        rows.append(import_row())
        rows += memory_rows(port, 500)
    finally:
        proc.kill()
        proc.wait()

    print(f"\nai_sdk benchmark  (python {sys.version.split()[0]}, {os.cpu_count()} cpus; CPU and wall per call, µs)\n")
    print(f"{'scenario':<36} {'client':<24} {'CPU µs':>10} {'wall µs':>10}  note")
    print("-" * 96)
    for row in rows:
        cpu = f"{row.cpu_us:,.0f}" if row.cpu_us is not None else "-"
        wall = f"{row.wall_us:,.0f}" if row.wall_us is not None else "-"
        print(f"{row.scenario:<36} {row.client:<24} {cpu:>10} {wall:>10}  {row.note}")

    raw_sync = ["raw urllib3 + json", "raw httpx + json", "raw httpx2 + json"]
    mem_ours, mem_raw = memory_peak(rows, "ai_sdk stream_text"), memory_peak(rows, "raw aiohttp + json")
    import_ms = next(r.wall_us for r in rows if r.scenario.startswith("import")) or 0.0
    print("\nratios (CPU per call, ours / fastest raw client)                        bar")
    print(f"  sync generate_text       {ratio(rows, 'sync chat', 'ai_sdk (sync)', raw_sync):>8}   <= 1.5x")
    print(f"  stream_text full_stream  {ratio(rows, 'stream, 200 chunks', 'ai_sdk (sync)', raw_sync):>8}   <= 2x")
    async_ratio = ratio(rows, "async chat, 32 in flight", "ai_sdk generate_text", ["raw aiohttp + json"])
    print(f"  async generate_text x32  {async_ratio:>8}   <= 2x")
    print(f"  import time              {import_ms / 1000:>6.0f} ms  <= 150 ms")
    if mem_ours and mem_raw:
        print(f"  memory, 500 streams      {mem_ours / mem_raw:>7.2f}x   <= 2x")
    print("  openai SDK for scale:  sync", ratio(rows, "sync chat", "openai SDK", raw_sync), end="")
    print("  stream", ratio(rows, "stream, 200 chunks", "openai SDK", raw_sync), end="")
    print("  async", ratio(rows, "async chat, 32 in flight", "openai SDK", ["raw aiohttp + json"]))


if __name__ == "__main__":
    main()

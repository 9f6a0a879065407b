"""Embedding 10,000 short texts against a loopback server that answers instantly.

    python bench/embed.py            # add --texts N / --repeat R to change the run

Starts ``bench/server.py`` in its own process (so server CPU never counts), with each answer body
rendered once and then replayed, and times the client process (wall: ``time.perf_counter``; CPU:
``time.process_time``) for the same texts (calls of up to 2,048 values, 768 floats per vector):

1. Over loopback HTTP: ai_sdk ``embed_many_sync`` (calls one after another) and ``embed_many`` (all
   at once), next to the floor: raw urllib3 / aiohttp posting the same bodies and decoding with orjson.
2. Where the CPU goes, without sockets (a transport replays the recorded answers in-process, so the
   kernel and other processes cannot blur it): ai_sdk's CPU time, the JSON decoding in it
   (``orjson.loads`` of the same answers), and our own
   code, measured directly: the same call with ``ai_sdk.spec._json.loads`` (the one JSON codec every
   layer uses) swapped for a lookup of the already-decoded answers.

Each figure is the fastest of ``--repeat`` runs after a warm-up (contention only ever adds time); the
timers stop before the vectors are freed (freeing them is the caller's cost, the same for any client).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

HERE = Path(__file__).resolve().parent
MODEL = "BAAI/bge-base-en-v1.5"
CHUNK = 2048
HEADERS = {"authorization": "Bearer bench", "content-type": "application/json"}
Timing = tuple[float, float]
"""(wall seconds, CPU seconds)"""

# bench/server.py renders each embeddings answer per request; here each distinct answer is rendered
# once, so the server answers instantly and its speed never shows in the client's wall time.
SERVER = """
import asyncio, functools, sys
sys.path.insert(0, {here!r})
import server
server._embedding_body = functools.lru_cache(maxsize=None)(server._embedding_body)
asyncio.run(server.serve(0))
"""


def start_server() -> tuple[subprocess.Popen[str], int]:
    code = SERVER.format(here=str(HERE))
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, bufsize=1)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("ready"):
        proc.kill()
        raise SystemExit(f"bench server did not start: {line!r}")
    return proc, int(line.split()[1])


def chunks(texts: list[str]) -> list[list[str]]:
    return [texts[i : i + CHUNK] for i in range(0, len(texts), CHUNK)]


def request_body(values: list[str]) -> bytes:
    return orjson.dumps({"model": MODEL, "input": values, "encoding_format": "float"})


def check(embeddings: list[list[float]], count: int) -> list[list[float]]:
    if len(embeddings) != count or len(embeddings[-1]) != 768:
        raise SystemExit(f"wrong answer: {len(embeddings)} embeddings for {count} texts")
    return embeddings


def once_sync(fn: Callable[[], object]) -> Timing:
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    timing = time.perf_counter() - wall, time.process_time() - cpu
    del result  # freeing the vectors is not part of producing them
    return timing


async def once_async(fn: Callable[[], Awaitable[object]]) -> Timing:
    # asyncio frees a finished gather's results a loop turn later: let that happen before the timer.
    for _ in range(3):
        await asyncio.sleep(0)
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = await fn()
    timing = time.perf_counter() - wall, time.process_time() - cpu
    del result
    return timing


def best(timings: list[Timing]) -> Timing:
    return min(t[0] for t in timings), min(t[1] for t in timings)


class _Replayed:
    """A finished answer, as the transport protocol's blocking response."""

    status = 200
    headers: Mapping[str, str] = {"content-type": "application/json"}

    def __init__(self, body: bytes) -> None:
        self._body = body

    def read(self) -> bytes:
        return self._body

    def iter_bytes(self) -> Iterator[bytes]:
        yield self._body

    def close(self) -> None:
        pass


class _ReplayedAsync:
    """A finished answer, as the transport protocol's async response."""

    status = 200
    headers: Mapping[str, str] = {"content-type": "application/json"}

    def __init__(self, body: bytes) -> None:
        self._body = body

    async def read(self) -> bytes:
        return self._body

    async def aiter_bytes(self) -> AsyncIterator[bytes]:
        yield self._body

    def close(self) -> None:
        pass


class ReplaySync:
    """Answers the n-th request of each round with the n-th recorded answer: no socket, no parsing."""

    def __init__(self, answers: list[bytes]) -> None:
        self.answers = answers
        self.count = 0

    def send(self, request: Any, *, stream: bool = False) -> _Replayed:
        answer = self.answers[self.count % len(self.answers)]
        self.count += 1
        return _Replayed(answer)


class ReplayAsync:
    """The async twin of :class:`ReplaySync`; answers by the request's first value, as calls overlap."""

    def __init__(self, answers: dict[bytes, bytes]) -> None:
        self.answers = answers

    async def send(self, request: Any, *, stream: bool = False) -> _ReplayedAsync:
        start = request.body.index(b'"input":[') + 9
        return _ReplayedAsync(self.answers[request.body[start : request.body.index(b",", start)]])


@contextmanager
def decoded_by_lookup(decoded: dict[int, Any]) -> Iterator[None]:
    """Swap the library's JSON decoder for a lookup of answers decoded beforehand (by identity of the
    replayed bytes), leaving only ai_sdk's own work in the timed call. The cyclic GC is paused too: a
    collection there would be paid for the 10,000 vectors held by the lookup, not for our code."""
    from ai_sdk.spec import _json

    real = _json.loads
    _json.loads = lambda data: decoded[id(data)]
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        _json.loads = real


def run(port: int, texts: list[str], repeat: int) -> tuple[dict[str, Timing], int]:
    import urllib3

    from ai_sdk.core.embed import embed_many_sync
    from ai_sdk.deepinfra import create_deepinfra

    base_url = f"http://127.0.0.1:{port}/v1"
    url = base_url + "/openai/embeddings"
    pool = urllib3.PoolManager()
    groups = chunks(texts)
    answers = [pool.request("POST", url, body=request_body(c), headers=HEADERS).data for c in groups]
    http_model = create_deepinfra(api_key="bench", base_url=base_url).embedding_model(MODEL)
    replay_model = create_deepinfra(api_key="bench", transport=ReplaySync(answers)).embedding_model(MODEL)

    def ai_sdk_http() -> object:
        return check(embed_many_sync(model=http_model, values=texts).embeddings, len(texts))

    def ai_sdk_replay() -> object:
        return check(embed_many_sync(model=replay_model, values=texts).embeddings, len(texts))

    def raw() -> object:
        embeddings: list[list[float]] = []
        for c in groups:
            value = orjson.loads(pool.request("POST", url, body=request_body(c), headers=HEADERS).data)
            embeddings.extend(item["embedding"] for item in value["data"])
        return check(embeddings, len(texts))

    decoded = {id(answer): orjson.loads(answer) for answer in answers}

    def ai_sdk_only() -> object:
        with decoded_by_lookup(decoded):
            return ai_sdk_replay()

    def decode() -> object:
        return [orjson.loads(answer) for answer in answers]

    def encode() -> object:
        return [request_body(c) for c in groups]

    sync_cases = {
        "ai_sdk embed_many_sync": ai_sdk_http,
        "raw urllib3 + orjson": raw,
        "ai_sdk sync, replayed": ai_sdk_replay,
        "ai_sdk sync, own code only": ai_sdk_only,
        "orjson.loads of answers": decode,
        "orjson.dumps of requests": encode,
    }
    timings: dict[str, list[Timing]] = {name: [] for name in sync_cases}
    for round_ in range(repeat + 1):
        for name, fn in sync_cases.items():
            timing = once_sync(fn)
            if round_:
                timings[name].append(timing)
    results = {name: best(values) for name, values in timings.items()}
    first_values = {orjson.dumps(c[0]): answer for c, answer in zip(groups, answers, strict=True)}
    results.update(asyncio.run(run_async(base_url, texts, repeat, first_values, decoded)))
    return results, sum(map(len, answers))


async def run_async(
    base_url: str, texts: list[str], repeat: int, answers: dict[bytes, bytes], decoded: dict[int, Any]
) -> dict[str, Timing]:
    import aiohttp

    from ai_sdk.core.embed import embed_many
    from ai_sdk.deepinfra import create_deepinfra

    url = base_url + "/openai/embeddings"
    async with aiohttp.ClientSession() as ours, aiohttp.ClientSession() as session:
        http_model = create_deepinfra(api_key="bench", base_url=base_url, http_client=ours).embedding_model(MODEL)
        replay = create_deepinfra(api_key="bench", async_transport=ReplayAsync(answers)).embedding_model(MODEL)

        async def ai_sdk_http() -> object:
            return check((await embed_many(model=http_model, values=texts)).embeddings, len(texts))

        async def ai_sdk_replay() -> object:
            return check((await embed_many(model=replay, values=texts)).embeddings, len(texts))

        async def ai_sdk_only() -> object:
            with decoded_by_lookup(decoded):
                return await ai_sdk_replay()

        async def post(values: list[str]) -> Any:
            async with session.post(url, data=request_body(values), headers=HEADERS) as response:
                return orjson.loads(await response.read())

        async def raw() -> object:
            values = await asyncio.gather(*(post(c) for c in chunks(texts)))
            return check([item["embedding"] for value in values for item in value["data"]], len(texts))

        cases = {
            "ai_sdk embed_many": ai_sdk_http,
            "raw aiohttp + orjson": raw,
            "ai_sdk async, replayed": ai_sdk_replay,
            "ai_sdk async, own code only": ai_sdk_only,
        }
        timings: dict[str, list[Timing]] = {name: [] for name in cases}
        for round_ in range(repeat + 1):
            for name, fn in cases.items():
                timing = await once_async(fn)
                if round_:
                    timings[name].append(timing)
    return {name: best(values) for name, values in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    texts = [f"Short document number {i} about topic {i % 37}." for i in range(args.texts)]

    proc, port = start_server()
    try:
        results, size = run(port, texts, args.repeat)
    finally:
        proc.kill()
        proc.wait()

    calls = len(chunks(texts))
    print(f"{len(texts):,} texts in {calls} calls, {size / 1e6:.1f} MB of JSON answers; best of {args.repeat}")
    print(f"{'':<28}{'wall ms':>10}{'CPU ms':>10}")
    for name, (wall, cpu) in results.items():
        print(f"{name:<28}{wall * 1e3:>10.1f}{cpu * 1e3:>10.1f}")
    decode = results["orjson.loads of answers"][1]
    for name, own in (
        ("ai_sdk sync, replayed", "ai_sdk sync, own code only"),
        ("ai_sdk async, replayed", "ai_sdk async, own code only"),
    ):
        total, ours = results[name][1], results[own][1]
        print(
            f"{name}: CPU {total * 1e3:.0f} ms, of which JSON decoding about {decode * 1e3:.0f} ms and ai_sdk's "
            f"own code {ours * 1e3:.1f} ms ({ours / (ours + decode):.1%} of the two; {ours * 1e6 / len(texts):.2f} µs "
            "per text)"
        )


if __name__ == "__main__":
    main()

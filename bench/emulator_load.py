"""Benchmark: how the DeepInfra emulator copes with many concurrent clients, and what its per-model
concurrency cap does to them.

Each of ``--clients`` threads opens its own connection at the same moment and sends ``--requests`` chat
requests over it with a raw standard-library client (so the figures are the emulator's, not ai_sdk's).
Prints the wall time, requests per second, the peak of requests in flight the emulator saw and how many it
refused with 429. With ``--max-concurrency`` and ``--latency`` it shows a real rate limit at work.

Run: ``python bench/emulator_load.py`` (200 clients, one request each), or e.g.
``python bench/emulator_load.py --clients 300 --max-concurrency 200 --latency 0.2``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import threading
import time
from collections import Counter

from ai_sdk.testing import DeepInfraEmulator

CHAT = "/v1/openai/chat/completions"
MODEL = "meta-llama/Meta-Llama-3.1-70B-Instruct"


def client(port: int, requests: int, start: threading.Barrier, statuses: Counter[int], lock: threading.Lock) -> None:
    start.wait()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    body = json.dumps({"model": MODEL, "messages": [{"role": "user", "content": "Hi"}]})
    headers = {"authorization": "Bearer bench", "content-type": "application/json"}
    seen: Counter[int] = Counter()
    try:
        for _ in range(requests):
            try:
                connection.request("POST", CHAT, body, headers)
                response = connection.getresponse()
                response.read()
                seen[response.status] += 1
            except (OSError, http.client.HTTPException):
                seen[0] += 1  # 0: the connection failed
                connection.close()
    finally:
        connection.close()
    with lock:
        statuses.update(seen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=1, help="requests per client")
    parser.add_argument("--max-concurrency", type=int, default=None)
    parser.add_argument("--latency", type=float, default=0.0)
    args = parser.parse_args()
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    start = threading.Barrier(args.clients + 1)
    with DeepInfraEmulator(validate=False, max_concurrency=args.max_concurrency, latency=args.latency) as emu:
        threads = [
            threading.Thread(target=client, args=(emu.port, args.requests, start, statuses, lock))
            for _ in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        start.wait()
        began = time.perf_counter()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
        peak, throttled = emu.peak_in_flight(), emu.throttled
    total = args.clients * args.requests
    print(f"{args.clients} concurrent clients x {args.requests} requests = {total} requests")
    print(f"  max_concurrency={args.max_concurrency} latency={args.latency} s")
    print(f"  wall time      {wall:.3f} s ({total / wall:,.0f} requests/s)")
    print(f"  statuses       {dict(sorted(statuses.items()))}  (0 = connection failed)")
    print(f"  peak in flight {peak}, refused with 429: {throttled}")


if __name__ == "__main__":
    main()

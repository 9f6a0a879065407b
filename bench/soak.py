"""Soak: many streamed calls at once against the DeepInfra emulator, with faults injected at random.

    python bench/soak.py                  # 10,000 calls, 200 in flight; --calls N --concurrency C --seed S

Every call is a ``stream_text`` whose text is read whole. The emulator answers each request with, at
random: a 429 with ``retry-after`` (5%), a 503 (2%), a stream whose connection is cut after two frames
(1%), else its normal answer, which quotes the prompt. Each call must either return the answer to its
own prompt or raise an ``ai_sdk.errors`` error (never an untyped one, never hang), and the process must
end with the file descriptors it started with. Prints calls/s, retries, outcomes, open file
descriptors and memory (RSS now and at peak).

:func:`run_soak` is also what ``tests/test_soak.py`` runs (the suite's bounded soak test).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import resource
import time
from collections import Counter
from dataclasses import dataclass, field

from ai_sdk import stream_text
from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.errors import AISDKError
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator import ErrorReply, Reply, Response

MODEL = "meta-llama/Meta-Llama-3.1-70B-Instruct"
RATES = {"429": 0.05, "503": 0.02, "cut": 0.01}


@dataclass
class SoakReport:
    """What one soak run saw."""

    calls: int
    concurrency: int
    seconds: float
    requests: int
    outcomes: Counter[str] = field(default_factory=Counter)
    wrong_answers: int = 0
    untyped: list[str] = field(default_factory=list)
    fds_before: int = 0
    fds_after: int = 0
    rss_before_mb: float = 0.0
    rss_after_mb: float = 0.0
    peak_rss_mb: float = 0.0

    @property
    def retries(self) -> int:
        """Requests beyond one per call: each is a retry after a 429 or a 503."""
        return self.requests - self.calls

    def lines(self) -> list[str]:
        return [
            f"{self.calls:,} streamed calls, {self.concurrency} in flight, faults {RATES}",
            f"  wall {self.seconds:.1f} s, {self.calls / self.seconds:,.0f} calls/s, "
            f"{self.requests:,} requests ({self.retries:,} retries)",
            f"  outcomes {dict(sorted(self.outcomes.items()))}, wrong answers {self.wrong_answers}, "
            f"untyped errors {len(self.untyped)}",
            f"  open fds {self.fds_before} before, {self.fds_after} after",
            f"  RSS {self.rss_before_mb:.0f} MB before, {self.rss_after_mb:.0f} MB after, "
            f"peak {self.peak_rss_mb:.0f} MB",
        ]


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def faults(count: int, seed: int) -> list[Response]:
    """``count`` scripted replies at the fault rates, in random order (seeded)."""
    rng = random.Random(seed)
    replies: list[Response] = []
    for _ in range(count):
        roll = rng.random()
        if roll < RATES["429"]:
            replies.append(ErrorReply(429, headers={"retry-after": "0.05"}))
        elif roll < RATES["429"] + RATES["503"]:
            replies.append(ErrorReply(503))
        elif roll < RATES["429"] + RATES["503"] + RATES["cut"]:
            replies.append(Reply(drop_after=2))
        else:
            replies.append(Reply())
    return replies


async def run_soak(calls: int = 10_000, concurrency: int = 200, seed: int = 0) -> SoakReport:
    """Run the soak in the running event loop and report (the emulator runs in this process's threads)."""
    gc.collect()
    fds_before, rss_before = open_fds(), rss_mb()
    slots = asyncio.Semaphore(concurrency)
    outcomes: Counter[str] = Counter()
    untyped: list[str] = []
    wrong = 0
    with DeepInfraEmulator(validate=False) as emu:
        emu.chat.queue(*faults(int(calls * 1.2), seed))
        async with create_deepinfra(base_url=emu.base_url, api_key="soak") as provider:
            model = provider(MODEL)

            async def one(index: int) -> None:
                nonlocal wrong
                prompt = f"soak call {index}"
                async with slots:
                    try:
                        text = await stream_text(model=model, prompt=prompt, timeout=60).text
                    except AISDKError as error:
                        outcomes[type(error).__name__] += 1
                        return
                    except Exception as error:  # the soak's point: there must be none
                        untyped.append(repr(error))
                        return
                if f'"{prompt}"' in text:
                    outcomes["ok"] += 1
                else:
                    wrong += 1

            started = time.perf_counter()
            await asyncio.gather(*(one(index) for index in range(calls)))
            seconds = time.perf_counter() - started
        requests = len(emu.requests)
        emu.reset()  # drop the recorded requests before measuring memory
    gc.collect()
    await asyncio.sleep(0.1)  # let closing transports finish
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return SoakReport(
        calls=calls,
        concurrency=concurrency,
        seconds=seconds,
        requests=requests,
        outcomes=outcomes,
        wrong_answers=wrong,
        untyped=untyped,
        fds_before=fds_before,
        fds_after=open_fds(),
        rss_before_mb=rss_before,
        rss_after_mb=rss_mb(),
        peak_rss_mb=peak,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Soak ai_sdk against the DeepInfra emulator with injected faults.")
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    report = asyncio.run(run_soak(args.calls, args.concurrency, args.seed))
    print("\n".join(report.lines()))


if __name__ == "__main__":
    main()

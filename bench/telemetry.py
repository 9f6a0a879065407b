"""What tracing costs per call: ai_sdk's client CPU with telemetry off and on, in one run.

    python bench/telemetry.py            # add --rounds N / --budget SECONDS to change the run

Starts ``bench/server.py`` in its own process (its CPU never counts) and measures the client
process's CPU time per call (``time.process_time``) of blocking ``generate_text`` and of
``stream_text`` read through ``full_stream`` in these configurations, in interleaved rounds (best
round shown: contention from other processes only ever adds time):

- ``off``: no ``telemetry=`` and no default: the one lookup the core does per call.
- ``on, no-op API``: ``TelemetrySettings()`` with the OpenTelemetry API alone (no SDK installed as
  provider): our instrumentation, with spans that record nothing.
- ``on, SDK``: an SDK ``TracerProvider`` and ``MeterProvider`` (spans and metrics recorded, exported
  nowhere): the cost of real tracing.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from typing import Any

import server

PROMPT = "Write a vegetarian lasagna recipe for 4 people."
MODEL = "meta-llama/Meta-Llama-3.1-70B-Instruct"


def calls(port: int, telemetry: Any) -> dict[str, Callable[[], object]]:
    from ai_sdk.deepinfra import create_deepinfra
    from ai_sdk.sync import generate_text, stream_text

    model = create_deepinfra(api_key="bench", base_url=f"http://127.0.0.1:{port}/v1")(MODEL)

    def chat() -> object:
        return generate_text(model=model, prompt=PROMPT, telemetry=telemetry).text

    def stream() -> object:
        result = stream_text(model=model, prompt=PROMPT, telemetry=telemetry)
        for _part in result.full_stream:
            pass
        return result.text

    return {"sync chat": chat, f"stream, {server.STREAM_CHUNKS} chunks": stream}


def configurations() -> dict[str, Any]:
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.trace import TracerProvider

    from ai_sdk.telemetry import TelemetrySettings

    return {
        "off": None,
        "on, no-op API": TelemetrySettings(),
        "on, SDK": TelemetrySettings(tracer_provider=TracerProvider(), meter_provider=MeterProvider()),
    }


def cpu_per_call(fn: Callable[[], object], budget: float) -> float:
    fn()
    gc.collect()
    count, cpu, wall = 0, time.process_time(), time.perf_counter()
    while time.perf_counter() - wall < budget:
        fn()
        count += 1
    return (time.process_time() - cpu) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--budget", type=float, default=0.5, help="seconds per client per round")
    args = parser.parse_args()
    proc, port = server.spawn()
    try:
        configs = configurations()
        table = {name: calls(port, telemetry) for name, telemetry in configs.items()}
        best: dict[tuple[str, str], float] = {}
        for _ in range(args.rounds):
            for config, scenarios in table.items():
                for scenario, fn in scenarios.items():
                    value = cpu_per_call(fn, args.budget)
                    key = (scenario, config)
                    best[key] = min(best.get(key, value), value)
    finally:
        proc.kill()
        proc.wait()
    names = list(next(iter(table.values())))
    print("| scenario | " + " | ".join(configs) + " |")
    print("|---|" + "---|" * len(configs))
    for scenario in names:
        off = best[(scenario, "off")]
        cells = [
            f"{best[(scenario, config)] * 1e6:,.0f} µs ({best[(scenario, config)] / off:.2f}x)" for config in configs
        ]
        print(f"| {scenario} | " + " | ".join(cells) + " |")
    print("CPU per call, best round; ratios to telemetry off. The machine may be shared: compare within one run.")


if __name__ == "__main__":
    main()

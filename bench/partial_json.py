"""Benchmark: CPU per text delta of partial-JSON parsing while a structured answer streams in.

A ~5 KB object (nested lists, objects, escaped strings, numbers) arrives in 500 deltas; after each delta
the parser sees the whole text so far, as ``stream_text(output=...)`` does. Compares the resumable
parser with a parser started afresh on every delta (what a non-incremental implementation costs).

Run: ``python bench/partial_json.py``
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ai_sdk.core.partial_json import PartialJSONParser, parse_partial_json
from ai_sdk.spec._json import dumps_str

DELTAS = 500
REPEATS = 100


def sample_text() -> str:
    """About 5 KB of JSON shaped like a typical structured answer."""
    steps = [f'Step {i}: stir "gently" for {i} min\nthen rest.' for i in range(30)]
    ingredients = [
        {"name": f"ingredient {i}", "amount": i * 1.5, "unit": "g", "optional": i % 3 == 0, "notes": None}
        for i in range(42)
    ]
    value = {
        "name": "Vegetarian lasagna",
        "servings": 4,
        "tags": ["vegetarian", "italian", "oven", "family"],
        "ingredients": ingredients,
        "steps": steps,
        "nutrition": {"kcal": 640, "protein_g": 28.5, "fat_g": 22.1, "carbs_g": 71.0},
    }
    return dumps_str(value)


def prefixes(text: str, count: int) -> list[str]:
    size = -(-len(text) // count)
    return [text[: min(len(text), (i + 1) * size)] for i in range(count)]


def cpu_per_delta(run: Callable[[], None], deltas: int) -> float:
    """Best-of CPU microseconds per delta over REPEATS streams."""
    best = float("inf")
    for _ in range(REPEATS):
        start = time.process_time_ns()
        run()
        best = min(best, (time.process_time_ns() - start) / deltas / 1000)
    return best


def main() -> None:
    text = sample_text()
    texts = prefixes(text, DELTAS)

    def incremental() -> None:
        parser = PartialJSONParser()
        for accumulated in texts:
            parser.parse(accumulated)

    def from_scratch() -> None:
        for accumulated in texts:
            parse_partial_json(accumulated)

    fast = cpu_per_delta(incremental, len(texts))
    slow = cpu_per_delta(from_scratch, len(texts))
    print(
        f"partial_json: {len(text)}-byte object in {len(texts)} deltas: {fast:.2f} us CPU per delta "
        f"(resumable parser; restarting on every delta: {slow:.1f} us)"
    )


if __name__ == "__main__":
    main()

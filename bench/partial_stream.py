"""Benchmark: CPU per delta of ``partial_output_stream`` as a long structured answer streams in.

``stream_text(output=Output.array(Item))`` over a mock model that streams ``{"elements": [...]}`` in N
text deltas of ~8 characters (N = 5,000, 20,000 and 40,000); the whole of ``partial_output_stream``
is read (blocking API), so the time includes the stream machinery, the partial parser and the
de-duplication of unchanged values. Linear behaviour shows as a flat CPU time per delta across N.

Run: ``python bench/partial_stream.py``
"""

from __future__ import annotations

import time

from pydantic import BaseModel

from ai_sdk.core.output import Output
from ai_sdk.core.stream_text import stream_text_sync
from ai_sdk.spec import Finish, FinishReason, StreamStart, TextDelta, TextEnd, TextStart, Usage
from ai_sdk.spec._json import dumps_str
from ai_sdk.testing import MockLanguageModel

SIZES = (5_000, 20_000, 40_000)
DELTA_CHARS = 8


class Item(BaseModel):
    name: str
    qty: int


def answer_deltas(count: int) -> list[str]:
    """``count`` deltas of a ``{"elements": [...]}`` answer, cut every DELTA_CHARS characters."""
    elements: list[dict[str, object]] = []
    text = ""
    while len(text) < count * DELTA_CHARS:
        elements.append({"name": f"item {len(elements)}", "qty": len(elements) % 7})
        text = dumps_str({"elements": elements})  # only ~count/5 items: cheap enough to rebuild
    return [text[i : i + DELTA_CHARS] for i in range(0, count * DELTA_CHARS, DELTA_CHARS)]


def cpu_seconds(deltas: list[str]) -> tuple[float, int]:
    parts = [StreamStart(), TextStart("t"), *(TextDelta("t", d) for d in deltas), TextEnd("t")]
    parts.append(Finish(FinishReason("stop", "stop"), Usage(1, 1, 2)))
    model = MockLanguageModel(do_stream=parts)
    result = stream_text_sync(model=model, prompt="List.", output=Output.array(Item))
    start = time.process_time()
    seen = sum(1 for _ in result.partial_output_stream)
    return time.process_time() - start, seen


def main() -> None:
    print(f"partial_output_stream, Output.array, {DELTA_CHARS}-character deltas (CPU, best of 3)")
    for count in SIZES:
        deltas = answer_deltas(count)
        best, seen = min(cpu_seconds(deltas) for _ in range(3))
        print(f"  {count:>6,} deltas: {best:6.2f} s  {best / count * 1e6:6.1f} µs/delta  ({seen:,} partial values)")


if __name__ == "__main__":
    main()

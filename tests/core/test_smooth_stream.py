"""smooth_stream as stream_text(transform=...): deltas re-chunked by word, line, regex or function,
paced by the delay, the text unchanged whatever the model's chunking (property test), final values the
model's own; bad options and a bad chunking function fail clearly."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ai_sdk import errors, smooth_stream, stream_text
from ai_sdk.core.smooth_stream import SmoothStream
from ai_sdk.spec import ReasoningDelta, TextDelta
from ai_sdk.sync import stream_text as stream_text_sync
from ai_sdk.testing import mock_model, reply

TEXT = "Hello world, how are\nyou today?\nFine"
CHUNKS = ["Hel", "lo wor", "ld, how are\nyo", "u today?\nFi", "ne"]


def model() -> Any:
    return mock_model(reply(chunks=CHUNKS, reasoning="Let me think about it"))


@pytest.mark.parametrize(
    ("chunking", "expected"),
    [
        ("word", ["Hello ", "world, ", "how ", "are\n", "you ", "today?\n", "Fine"]),
        ("line", ["Hello world, how are\n", "you today?\n", "Fine"]),
        (re.compile(r"[,?]"), ["Hello world,", " how are\nyou today?", "\nFine"]),
        (
            lambda buffer: buffer[:4] if len(buffer) >= 4 else None,
            ["Hell", "o wo", "rld,", " how", " are", "\nyou", " tod", "ay?\n", "Fine"],
        ),
    ],
)
def test_blocking_text_stream_is_rechunked(chunking: Any, expected: list[str]) -> None:
    result = stream_text_sync(model=model(), prompt="Hi", transform=smooth_stream(chunking=chunking, delay=None))
    assert list(result.text_stream) == expected
    assert result.text == TEXT


async def test_async_full_stream_smooths_reasoning_and_text_and_keeps_other_parts() -> None:
    result = stream_text(model=model(), prompt="Hi", transform=smooth_stream(delay=None))
    parts = [part async for part in result.full_stream]
    reasoning = [p.delta for p in parts if isinstance(p, ReasoningDelta)]
    assert reasoning == ["Let ", "me ", "think ", "about ", "it"]
    assert [p.type for p in parts][:3] == ["start", "start-step", "reasoning-start"]
    assert parts[-1].type == "finish"
    assert await result.text == TEXT


async def test_the_delay_paces_each_chunk() -> None:
    result = stream_text(model=model(), prompt="Hi", transform=smooth_stream(delay=0.02))
    started = time.perf_counter()
    words = [delta async for delta in result.text_stream]
    assert len(words) == 7
    assert time.perf_counter() - started >= 0.02 * 6


def test_transforms_chain_in_order() -> None:
    result = stream_text_sync(
        model=model(), prompt="Hi", transform=[smooth_stream(chunking="line", delay=None), smooth_stream(delay=None)]
    )
    assert "".join(result.text_stream) == TEXT


@settings(max_examples=50)
@given(st.text(alphabet="ab \n,", max_size=40), st.lists(st.integers(min_value=0, max_value=40), max_size=6))
def test_smoothing_never_changes_the_text(text: str, cuts: list[int]) -> None:
    bounds = sorted({min(cut, len(text)) for cut in cuts})
    pieces = [text[a:b] for a, b in zip([0, *bounds], [*bounds, len(text)], strict=True)]
    smoother = SmoothStream(lambda buffer: (m := re.search(r"\S+\s+", buffer)) and buffer[: m.end()], None)
    shown: list[Any] = []
    for piece in pieces:
        shown += smoother.feed(TextDelta("t", piece))
    shown += smoother.flush()
    assert "".join(part.delta for part in shown) == text
    assert all(part.delta for part in shown)


def test_bad_options_fail_clearly() -> None:
    with pytest.raises(errors.InvalidArgumentError, match="'word', 'line', a compiled regex"):
        smooth_stream(chunking="sentence")  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidArgumentError, match="seconds >= 0"):
        smooth_stream(delay=-1)
    with pytest.raises(errors.InvalidArgumentError, match="stream transform such as smooth_stream"):
        stream_text_sync(model=model(), prompt="Hi", transform="word")  # type: ignore[arg-type]
    bad = stream_text_sync(model=model(), prompt="Hi", transform=smooth_stream(chunking=lambda b: "zzz", delay=None))
    with pytest.raises(errors.InvalidArgumentError, match="non-empty prefix"):
        list(bad.text_stream)


def test_generate_text_rejects_transform() -> None:
    from ai_sdk.sync import generate_text

    with pytest.raises(errors.UnknownArgumentError, match="'transform'"):
        generate_text(model=model(), prompt="Hi", transform=smooth_stream())  # type: ignore[call-arg]

"""extract_reasoning_middleware: ``<think>`` sections become reasoning, the same way whether the text
comes whole (do_generate) or in deltas cut anywhere (do_stream): exhaustively for every one and two
cut positions of a text (every byte boundary of its ASCII tags), one delta per character, and as a
property over arbitrary texts and cuts."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ai_sdk import extract_reasoning_middleware, wrap_language_model
from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.errors import InvalidArgumentError
from ai_sdk.middleware import ReasoningStreamTransformer
from ai_sdk.spec import (
    Finish,
    FinishReason,
    GenerateResult,
    ModelToolCall,
    Reasoning,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    StreamPart,
    StreamStart,
    Text,
    TextDelta,
    TextEnd,
    TextStart,
)
from ai_sdk.testing import DeepInfraEmulator, MockLanguageModel

from .helpers import OPTIONS as OPTIONS_
from .helpers import USAGE, do_generate, do_stream, finish, text_and_reasoning

TEXT = "Hi <think>plan: 2 + 2 → 4, é</think>The answer is 4. <think>check</think>Done <thin"


def stream_parts(deltas: list[str], text_id: str = "t") -> list[StreamPart]:
    return [StreamStart(), TextStart(text_id), *(TextDelta(text_id, d) for d in deltas), TextEnd(text_id), finish()]


def transform(parts: list[StreamPart], **settings: Any) -> list[StreamPart]:
    transformer = ReasoningStreamTransformer(
        tag_name=settings.get("tag_name", "think"),
        separator=settings.get("separator", "\n"),
        start_with_reasoning=settings.get("start_with_reasoning", False),
    )
    out = [new for part in parts for new in transformer.feed(part)]
    return [*out, *transformer.finish()]


def summary(parts: list[StreamPart]) -> tuple[list[str], str]:
    """The reasoning text of each reasoning block, and the whole text; checks that every reasoning
    block opens once, gets its deltas while open, and closes once, before the text block ends."""
    open_blocks: dict[str, list[str]] = {}
    closed: list[str] = []
    seen: set[str] = set()
    text: list[str] = []
    for part in parts:
        if isinstance(part, ReasoningStart):
            assert part.id not in seen
            seen.add(part.id)
            open_blocks[part.id] = []
        elif isinstance(part, ReasoningDelta):
            assert part.delta
            open_blocks[part.id].append(part.delta)
        elif isinstance(part, ReasoningEnd):
            closed.append("".join(open_blocks.pop(part.id)))
        elif isinstance(part, TextDelta):
            assert part.delta
            text.append(part.delta)
        elif isinstance(part, TextEnd | Finish):
            assert open_blocks == {}
    assert open_blocks == {}
    return closed, "".join(text)


def whole(text: str, **settings: Any) -> tuple[list[str], str]:
    return summary(transform(stream_parts([text]), **settings))


EXPECTED = (["plan: 2 + 2 → 4, é", "\ncheck"], "Hi \nThe answer is 4. \nDone <thin")


def test_a_whole_text_splits_into_reasoning_blocks_and_text() -> None:
    assert whole(TEXT) == EXPECTED


def test_every_single_cut_gives_the_same_result() -> None:
    for cut in range(len(TEXT) + 1):
        assert summary(transform(stream_parts([TEXT[:cut], TEXT[cut:]]))) == EXPECTED, cut


def test_every_pair_of_cuts_gives_the_same_result() -> None:
    for first, second in itertools.combinations(range(len(TEXT) + 1), 2):
        deltas = [TEXT[:first], TEXT[first:second], TEXT[second:]]
        assert summary(transform(stream_parts(deltas))) == EXPECTED, (first, second)


def test_one_character_per_delta_gives_the_same_result() -> None:
    assert summary(transform(stream_parts(list(TEXT)))) == EXPECTED


FRAGMENTS = ["<think>", "</think>", "<", "</", "<th", "ink>", "think", ">", "/", "a", "é", " ", "\n", "→"]


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(FRAGMENTS), max_size=30),
    cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=12),
    start_with_reasoning=st.booleans(),
    separator=st.sampled_from(["\n", "", " | "]),
)
def test_any_text_cut_anywhere_gives_the_whole_texts_result(
    pieces: list[str], cuts: list[int], start_with_reasoning: bool, separator: str
) -> None:
    text = "".join(pieces)
    bounds = sorted({0, len(text), *(cut % (len(text) + 1) for cut in cuts)})
    deltas = [text[a:b] for a, b in itertools.pairwise(bounds)]
    settings_ = {"separator": separator, "start_with_reasoning": start_with_reasoning}
    streamed = summary(transform(stream_parts(deltas), **settings_))
    assert streamed == whole(text, **settings_)
    reasoning, plain = streamed
    if "<" not in text and not start_with_reasoning:
        assert (reasoning, plain) == ([], text)


@pytest.mark.parametrize(
    ("text", "settings_", "reasoning", "plain"),
    [
        ("<think>r</think>answer", {}, "r", "answer"),
        ("a<think>r</think>b", {}, "r", "a\nb"),
        ("a<think>r</think>b<think>s</think>c", {}, "r\ns", "a\nb\nc"),
        ("a<think>r</think>b", {"separator": " "}, "r", "a b"),
        ("r</think>answer", {"start_with_reasoning": True}, "r", "answer"),
        ("<reason>r</reason>x", {"tag_name": "reason"}, "r", "x"),
        ("<think>cut short", {}, "cut short", ""),
        ("a<think></think>b", {}, None, "a\nb"),
    ],
)
async def test_generate_moves_sections_into_reasoning(
    mode: str, text: str, settings_: dict[str, Any], reasoning: str | None, plain: str
) -> None:
    inner = MockLanguageModel(
        do_generate=GenerateResult(
            content=[Text(text), ModelToolCall("c1", "weather", "{}")],
            finish_reason=FinishReason("stop", "stop"),
            usage=USAGE,
        )
    )
    model = wrap_language_model(model=inner, middleware=extract_reasoning_middleware(**settings_))
    content = (await do_generate(mode, model)).content
    expected: list[Any] = [] if reasoning is None else [Reasoning(reasoning)]
    assert content == [*expected, Text(plain), ModelToolCall("c1", "weather", "{}")]


async def test_text_without_tags_is_left_alone(mode: str) -> None:
    part = Text("plain <b>html</b>", provider_metadata={"x": {"y": 1}})
    inner = MockLanguageModel(
        do_generate=GenerateResult(content=[part], finish_reason=FinishReason("stop", "stop"), usage=USAGE)
    )
    model = wrap_language_model(model=inner, middleware=extract_reasoning_middleware())
    assert (await do_generate(mode, model)).content == [part]


async def test_do_stream_splits_and_passes_other_parts_through(mode: str) -> None:
    parts = [
        StreamStart(),
        TextStart("t"),
        *(TextDelta("t", d) for d in ["<th", "ink>pl", "an</thi", "nk>Hel", "lo <", "b>"]),
        TextEnd("t"),
        ModelToolCall("c1", "weather", "{}"),
        finish(),
    ]
    inner = MockLanguageModel(do_stream=parts)
    model = wrap_language_model(model=inner, middleware=extract_reasoning_middleware())
    out = await do_stream(mode, model)
    assert out == [
        StreamStart(),
        TextStart("t"),
        ReasoningStart("t:reasoning-0"),
        ReasoningDelta("t:reasoning-0", "pl"),
        ReasoningDelta("t:reasoning-0", "an"),
        ReasoningEnd("t:reasoning-0"),
        TextDelta("t", "Hel"),
        TextDelta("t", "lo "),
        TextDelta("t", "<b>"),
        TextEnd("t"),
        ModelToolCall("c1", "weather", "{}"),
        finish(),
    ]
    assert inner.streams[0].closed is False  # read to the end, never force-closed


async def test_a_stream_cut_off_before_text_end_is_flushed(mode: str) -> None:
    inner = MockLanguageModel(do_stream=[TextStart("t"), TextDelta("t", "<think>unfinished</thi")])
    model = wrap_language_model(model=inner, middleware=extract_reasoning_middleware())
    assert summary(await do_stream(mode, model)) == (["unfinished</thi"], "")


async def test_closing_the_stream_closes_the_model_stream(mode: str) -> None:
    inner = MockLanguageModel(do_stream=stream_parts(["a", "b"]))
    model = wrap_language_model(model=inner, middleware=extract_reasoning_middleware())
    if mode == "sync":
        stream = model.do_stream_sync(OPTIONS_).stream
        next(stream)
        stream.close()
    else:
        astream = (await model.do_stream(OPTIONS_)).stream
        await astream.__anext__()
        astream.close()
    assert inner.streams[0].closed


async def test_text_blocks_are_tracked_separately(mode: str) -> None:
    parts = [TextStart("a"), TextStart("b"), TextDelta("a", "<think>x"), TextDelta("b", "y<think>z")]
    parts += [TextDelta("a", "</think>1"), TextEnd("a"), TextDelta("b", "</think>2"), TextEnd("b"), finish()]
    model = wrap_language_model(model=MockLanguageModel(do_stream=parts), middleware=extract_reasoning_middleware())
    out = await do_stream(mode, model)
    assert summary([p for p in out if getattr(p, "id", "a").startswith("a")]) == (["x"], "1")
    assert summary([p for p in out if getattr(p, "id", "b").startswith("b")]) == (["z"], "y\n2")


async def test_through_generate_text_and_stream_text(mode: str) -> None:
    model = wrap_language_model(
        model=MockLanguageModel(
            do_generate=GenerateResult(
                content=[Text("<think>why</think>Because.")], finish_reason=FinishReason("stop", "stop"), usage=USAGE
            ),
            do_stream=stream_parts(["<thi", "nk>why</", "think>Bec", "ause."]),
        ),
        middleware=extract_reasoning_middleware(),
    )
    assert await text_and_reasoning(mode, False, model=model, prompt="Why?") == ("Because.", "why")
    assert await text_and_reasoning(mode, True, model=model, prompt="Why?") == ("Because.", "why")


async def test_over_http_against_the_emulator(mode: str) -> None:
    """The emulator streams the reply word by word through the real client, SSE parser and all."""
    with DeepInfraEmulator() as emu:
        emu.chat.reply_text("<think>The user greets me. </think>Hello there, friend!", times=2)
        provider = create_deepinfra(base_url=emu.base_url, api_key="test-key")
        model = wrap_language_model(
            model=provider("deepseek-ai/DeepSeek-R1-Distill-Llama-70B"), middleware=extract_reasoning_middleware()
        )
        for stream in (True, False):
            text, reasoning = await text_and_reasoning(mode, stream, model=model, prompt="Hi")
            assert (text, reasoning) == ("Hello there, friend!", "The user greets me. ")


@pytest.mark.parametrize(
    ("settings_", "match"),
    [
        ({"tag_name": ""}, "tag_name must be a non-empty tag name"),
        ({"tag_name": "<think>"}, "without '<'"),
        ({"separator": None}, "separator must be a string"),
    ],
)
def test_bad_settings_say_what_to_pass(settings_: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        extract_reasoning_middleware(**settings_)


def test_repr_shows_the_settings() -> None:
    assert repr(extract_reasoning_middleware(tag_name="r")) == (
        "extract_reasoning_middleware(tag_name='r', separator='\\n', start_with_reasoning=False)"
    )

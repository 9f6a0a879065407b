"""Structured partials of stream_text, exact as the reference's: element_stream for arrays, choices
emitted as soon as the string closes on an option, a bare number flushed at the end, keys that never
disappear, and a partial parser fed delta by delta (sync and async)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from pydantic import BaseModel

from ai_sdk.core.output import Output, PartialOutputStream
from ai_sdk.core.partial_json import PartialJSONParser, is_prefix_extension
from ai_sdk.core.stream_text import stream_text, stream_text_sync
from ai_sdk.errors import InvalidArgumentError
from ai_sdk.spec import StreamPart, StreamStart, TextDelta, TextEnd, TextStart
from ai_sdk.testing import MockLanguageModel

from .generation_helpers import finish, usage


class Item(BaseModel):
    name: str
    qty: int


def streamed(*deltas: str) -> MockLanguageModel:
    parts: list[StreamPart] = [StreamStart(), TextStart("t"), *(TextDelta("t", d) for d in deltas), TextEnd("t")]
    return MockLanguageModel(do_stream=[*parts, finish("stop", usage(1, 1))])


def start(mode: str, model: MockLanguageModel, output: Any) -> Any:
    return (stream_text_sync if mode == "sync" else stream_text)(model=model, prompt="Go", output=output)


async def collect(iterable: Any) -> list[Any]:
    if hasattr(iterable, "__aiter__"):
        return [item async for item in iterable]
    return list(iterable)


async def partials(mode: str, output: Any, *deltas: str) -> list[Any]:
    return await collect(start(mode, streamed(*deltas), output).partial_output_stream)


async def test_stream_text_has_an_element_stream_for_arrays(mode: str) -> None:
    text = '{"elements": [{"name": "a", "qty": 1}, {"name": "b", "qty": 2}, {"name": "c", "qty": 3}]}'
    deltas = [text[i : i + 7] for i in range(0, len(text), 7)]
    result = start(mode, streamed(*deltas), Output.array(Item))
    elements = await collect(result.element_stream)
    assert elements == [Item(name="a", qty=1), Item(name="b", qty=2), Item(name="c", qty=3)]


async def test_element_stream_needs_an_array_output(mode: str) -> None:
    result = start(mode, streamed("{}"), Output.object(Item))
    with pytest.raises(InvalidArgumentError, match=r"Output.array"):
        result.element_stream  # noqa: B018


async def test_a_choice_is_emitted_as_soon_as_its_string_closes_on_an_option(mode: str) -> None:
    choice = Output.choice(["yes", "yes-but-no"])
    # "yes" is also a prefix of "yes-but-no": only the closing quote settles it
    assert await partials(mode, choice, '{"result": "ye', "s", '"', "}") == ["yes"]
    assert await partials(mode, choice, '{"result": "yes-', 'but-no"}') == ["yes-but-no"]


async def test_a_bare_number_answer_is_flushed_as_a_partial(mode: str) -> None:
    assert await partials(mode, Output.json(), "4", "2") == [42]
    assert await partials(mode, Output.json(), "[1, ", "2") == [[1], [1, 2]]


async def test_a_key_shown_never_disappears_even_with_a_raw_newline_in_an_escaped_string(mode: str) -> None:
    deltas = ['{"a": "x\\"', "y\n", "z", '", "b": 1}']
    values = await partials(mode, Output.json(), *deltas)
    assert values[-1] == {"a": 'x"y\nz', "b": 1}
    assert all("a" in value for value in values[1:])
    assert all(is_prefix_extension(a, b) for a, b in itertools.pairwise(values))


async def test_the_partial_parser_is_fed_each_delta_once(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fed: list[str] = []
    original = PartialOutputStream.feed

    def spy(self: PartialOutputStream, delta: str) -> Any:
        fed.append(delta)
        return original(self, delta)

    monkeypatch.setattr(PartialOutputStream, "feed", spy)
    deltas = ['{"elements": [', *(f'{{"name": "n{i}", "qty": {i}}}, ' for i in range(200)), '{"name": "z", "qty": 0}]}']
    values = await partials(mode, Output.array(Item), *deltas)
    assert fed == deltas  # each delta once, never the text so far
    assert len(values[-1]) == 201


def test_the_text_the_parser_holds_does_not_grow_with_the_stream() -> None:
    held: list[int] = []

    class Watched(PartialJSONParser):
        def _advance(self, text: str) -> Any:
            held.append(len(text))
            return super()._advance(text)

    parser = Watched()
    parser.feed('{"elements": [')
    for i in range(20_000):  # about 600 KB of answer
        parser.feed(f'{{"name": "item {i}", "qty": {i % 7}}}, ')
    assert len(parser.feed('{"name": "last", "qty": 1}]}')["elements"]) == 20_001
    assert max(held) < 2 * 4096 + 64


def test_an_output_of_your_own_still_gets_the_whole_text() -> None:
    class Shout:
        def response_format(self) -> None:
            return None

        def parse_complete(self, text: str, **_: Any) -> str:
            return text.upper()

        def parse_partial(self, text: str) -> str | None:
            return text.upper() or None

    result = stream_text_sync(model=streamed("ab", "c"), prompt="Go", output=Shout())
    assert list(result.partial_output_stream) == ["AB", "ABC"]
    assert result.output == "ABC"

"""The one-line mock helpers (mock_model, reply, tool_call) and instant_retries, through the public API."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

import ai_sdk
import ai_sdk.sync
from ai_sdk import step_count_is, tool
from ai_sdk.errors import APICallError, InvalidArgumentError, RetryError
from ai_sdk.spec import FinishReason, GenerateResult, Text, Usage
from ai_sdk.testing import MockLanguageModel, instant_retries, mock_model, reply, tool_call


def generate(mode: str, **kwargs: Any) -> Any:
    if mode == "sync":
        return ai_sdk.sync.generate_text(**kwargs)
    return asyncio.run(ai_sdk.generate_text(**kwargs))


def stream_deltas(mode: str, **kwargs: Any) -> tuple[list[str], str]:
    if mode == "sync":
        result = ai_sdk.sync.stream_text(**kwargs)
        return list(result.text_stream), result.text

    async def run() -> tuple[list[str], str]:
        result = ai_sdk.stream_text(**kwargs)
        return [delta async for delta in result.text_stream], await result.text

    return asyncio.run(run())


def test_a_string_answers_every_call_generated_or_streamed(mode: str) -> None:
    model = mock_model("Hello there, world!")
    assert generate(mode, model=model, prompt="Hi").text == "Hello there, world!"
    deltas, text = stream_deltas(mode, model=model, prompt="Hi")
    assert deltas == ["Hello ", "there, ", "world!"]
    assert text == "Hello there, world!"
    assert len(model.calls) == 2


def test_explicit_chunks_are_the_stream_deltas(mode: str) -> None:
    deltas, text = stream_deltas(mode, model=mock_model(reply(chunks=["Hel", "lo", "!"])), prompt="Hi")
    assert (deltas, text) == (["Hel", "lo", "!"], "Hello!")


def test_several_replies_answer_one_call_each_through_a_tool_loop(mode: str) -> None:
    seen: list[str] = []

    @tool
    def weather(city: str) -> str:
        """Weather for a city."""
        seen.append(city)
        return "sunny"

    model = mock_model(reply(tool_calls=[tool_call("weather", {"city": "Berlin"})]), "Sunny in Berlin.")
    result = generate(mode, model=model, prompt="Weather?", tools=[weather], stop_when=step_count_is(3))
    assert seen == ["Berlin"]
    assert result.text == "Sunny in Berlin."
    assert [step.finish_reason for step in result.steps] == ["tool-calls", "stop"]
    assert result.total_usage.input_tokens == 20


def test_reasoning_usage_and_finish_reason_are_reported(mode: str) -> None:
    answer = reply("42", reasoning="Think.", usage=Usage(input_tokens=1, output_tokens=2), finish_reason="length")
    result = generate(mode, model=mock_model(answer), prompt="?")
    assert (result.text, result.reasoning_text, result.finish_reason) == ("42", "Think.", "length")
    assert result.usage.output_tokens == 2


def test_running_out_of_replies_says_how_to_fix_it() -> None:
    model = mock_model("one", "two")
    assert ai_sdk.sync.generate_text(model=model, prompt="a").text == "one"
    assert ai_sdk.sync.generate_text(model=model, prompt="b").text == "two"
    with pytest.raises(InvalidArgumentError, match="call #3 but has only 2 replies; add more"):
        ai_sdk.sync.generate_text(model=model, prompt="c")


def test_bad_helper_arguments_are_typed_errors() -> None:
    with pytest.raises(InvalidArgumentError, match="needs at least one reply"):
        mock_model()
    with pytest.raises(InvalidArgumentError, match="join to 'ab'"):
        reply("abc", chunks=["a", "b"])


def test_instant_retries_keeps_the_policy_and_records_the_delays(mode: str) -> None:
    busy = APICallError(message="busy", url="http://x", status_code=503, is_retryable=True)
    ok = GenerateResult(content=[Text("done")], finish_reason=FinishReason("stop"), usage=Usage(1, 1, 2))
    model = MockLanguageModel(do_generate=[busy, busy, ok])
    with instant_retries() as delays:
        assert generate(mode, model=model, prompt="Hi").text == "done"
    assert delays == [2.0, 4.0]
    with instant_retries() as delays, pytest.raises(RetryError):
        generate(mode, model=MockLanguageModel(do_generate=[busy, busy, busy]), prompt="Hi")
    assert delays == [2.0, 4.0]


def test_instant_retries_fixture(instant_retries: list[float]) -> None:
    busy = APICallError(message="busy", url="http://x", status_code=429, is_retryable=True)
    ok = GenerateResult(content=[Text("done")], finish_reason=FinishReason("stop"), usage=Usage(1, 1, 2))
    assert ai_sdk.sync.generate_text(model=MockLanguageModel(do_generate=[busy, ok]), prompt="Hi").text == "done"
    assert instant_retries == [2.0]

"""The multi-step tool loop over HTTP, through the public API: DeepInfra answers a step with two tool
calls, the loop runs both tools, feeds the results back, and the second step answers in text. Usage and
DeepInfra's estimated cost are summed over the steps, streamed or not, blocking or async."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ai_sdk import generate_text, step_count_is, stream_text, tool
from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.sync import generate_text as generate_text_sync
from ai_sdk.sync import stream_text as stream_text_sync
from ai_sdk.testing import MockTransport
from ai_sdk.testing.mock_transport import MockResponse
from ai_sdk.testing.openapi import schema_errors

MODEL = "meta-llama/Llama-3.3-70B-Instruct"
HEAD = {"id": "chatcmpl-1", "created": 1732684495, "model": MODEL}
CALLS = [
    {"id": "call_paris", "type": "function", "function": {"name": "weather", "arguments": '{"city": "Paris"}'}},
    {"id": "call_berlin", "type": "function", "function": {"name": "weather", "arguments": '{"city": "Berlin"}'}},
]
USAGE_1 = {"prompt_tokens": 120, "completion_tokens": 40, "total_tokens": 160, "estimated_cost": 5.5e-05}
USAGE_2 = {"prompt_tokens": 210, "completion_tokens": 25, "total_tokens": 235, "estimated_cost": 7.25e-05}
FINAL = "Paris is 21 °C and Berlin is 14 °C."


def _step_one_json() -> dict[str, Any]:
    message = {"role": "assistant", "content": None, "tool_calls": CALLS}
    choice = {"index": 0, "message": message, "finish_reason": "tool_calls"}
    return {**HEAD, "object": "chat.completion", "choices": [choice], "usage": USAGE_1}


def _step_two_json() -> dict[str, Any]:
    message = {"role": "assistant", "content": FINAL, "tool_calls": None}
    choice = {"index": 0, "message": message, "finish_reason": "stop"}
    return {**HEAD, "object": "chat.completion", "choices": [choice], "usage": USAGE_2}


def _chunk(delta: dict[str, Any], finish: str | None = None, usage: Any = None) -> dict[str, Any]:
    choice = {"index": 0, "delta": delta, "finish_reason": finish}
    return {**HEAD, "object": "chat.completion.chunk", "choices": [choice], "usage": usage}


def _step_one_sse() -> MockResponse:
    # Both calls interleaved, arguments split over several deltas, as OpenAI-style servers stream them.
    def call(index: int, **function: str) -> dict[str, Any]:
        entry: dict[str, Any] = {"index": index, "function": function}
        if "name" in function:
            entry |= {"id": CALLS[index]["id"], "type": "function"}
        return {"role": "assistant", "content": None, "tool_calls": [entry]}

    return MockResponse.sse(
        [
            _chunk(call(0, name="weather", arguments="")),
            _chunk(call(1, name="weather", arguments='{"city"')),
            _chunk(call(0, arguments='{"city": ')),
            _chunk(call(1, arguments=': "Berlin"}')),
            _chunk(call(0, arguments='"Paris"}')),
            _chunk({}, "tool_calls", USAGE_1),
        ]
    )


def _step_two_sse() -> MockResponse:
    words = FINAL.split(" ")
    deltas = [
        _chunk({"role": "assistant", "content": w + ("" if i == len(words) - 1 else " ")}) for i, w in enumerate(words)
    ]
    return MockResponse.sse([*deltas, _chunk({}, "stop", USAGE_2)])


def _weather(seen: list[str]) -> Any:
    @tool
    def weather(city: str) -> dict[str, Any]:
        """Current weather for a city.

        Args:
            city: The city name.
        """
        seen.append(city)
        return {"city": city, "temperature_c": {"Paris": 21, "Berlin": 14}[city]}

    return weather


def _provider(responses: list[MockResponse]) -> tuple[Any, MockTransport]:
    mock = MockTransport(responses)
    return create_deepinfra(api_key="test-key", transport=mock, async_transport=mock)(MODEL), mock


def _check(mock: MockTransport, seen: list[str], steps: Any, text: str, total_usage: Any) -> None:
    assert sorted(seen) == ["Berlin", "Paris"]
    assert text == FINAL
    assert len(steps) == 2
    assert [call.input for call in steps[0].tool_calls] == [{"city": "Paris"}, {"city": "Berlin"}]
    assert [r.output["temperature_c"] for r in steps[0].tool_results] == [21, 14]
    # Every step's cost reaches the user, and the total sums them.
    assert [step.usage.cost for step in steps] == [5.5e-05, 7.25e-05]
    assert total_usage.cost == pytest.approx(5.5e-05 + 7.25e-05)
    assert (total_usage.input_tokens, total_usage.output_tokens, total_usage.total_tokens) == (330, 65, 395)

    assert len(mock.requests) == 2
    second = mock.request_json(1)
    assert schema_errors("OpenAIChatCompletionsIn", second) == []
    assistant, *tool_messages = second["messages"][1:]
    assert assistant == {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {"id": "call_paris", "type": "function", "function": {"name": "weather", "arguments": '{"city":"Paris"}'}},
            {
                "id": "call_berlin",
                "type": "function",
                "function": {"name": "weather", "arguments": '{"city":"Berlin"}'},
            },
        ],
    }
    assert [(m["role"], m["tool_call_id"], json.loads(m["content"])) for m in tool_messages] == [
        ("tool", "call_paris", {"city": "Paris", "temperature_c": 21}),
        ("tool", "call_berlin", {"city": "Berlin", "temperature_c": 14}),
    ]


def test_generate_text_tool_loop_sync() -> None:
    model, mock = _provider([MockResponse.json(_step_one_json()), MockResponse.json(_step_two_json())])
    seen: list[str] = []
    result = generate_text_sync(model=model, prompt="Weather?", tools=[_weather(seen)], stop_when=step_count_is(3))
    _check(mock, seen, result.steps, result.text, result.total_usage)


async def test_generate_text_tool_loop_async() -> None:
    model, mock = _provider([MockResponse.json(_step_one_json()), MockResponse.json(_step_two_json())])
    seen: list[str] = []
    result = await generate_text(model=model, prompt="Weather?", tools=[_weather(seen)], stop_when=step_count_is(3))
    _check(mock, seen, result.steps, result.text, result.total_usage)


def test_stream_text_tool_loop_sync() -> None:
    model, mock = _provider([_step_one_sse(), _step_two_sse()])
    seen: list[str] = []
    result = stream_text_sync(model=model, prompt="Weather?", tools=[_weather(seen)], stop_when=step_count_is(3))
    assert "".join(result.text_stream) == FINAL
    _check(mock, seen, result.steps, result.text, result.total_usage)
    assert mock.unclosed == 0


async def test_stream_text_tool_loop_async() -> None:
    model, mock = _provider([_step_one_sse(), _step_two_sse()])
    seen: list[str] = []
    result = stream_text(model=model, prompt="Weather?", tools=[_weather(seen)], stop_when=step_count_is(3))
    assert "".join([delta async for delta in result.text_stream]) == FINAL
    _check(mock, seen, await result.steps, await result.text, await result.total_usage)
    assert mock.unclosed == 0

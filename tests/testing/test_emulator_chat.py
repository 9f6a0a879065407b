"""The emulator's chat route over raw HTTP: DeepInfra's exact JSON and SSE shapes, the deterministic
default behaviour (text, tools, JSON output, reasoning, limits) and the scripting API."""

from __future__ import annotations

import json

import jsonschema
import pytest

from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator import Reply, ToolCallReply

from .emulator_http import CHAT, MODEL, chat, request

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "weather",
        "description": "Current weather",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "unit": {"enum": ["celsius", "fahrenheit"]}},
            "required": ["city"],
        },
    },
}
TIME_TOOL = {"type": "function", "function": {"name": "clock", "parameters": {"type": "object", "properties": {}}}}


def test_non_streaming_reply_has_deepinfra_shape(deepinfra_emulator: DeepInfraEmulator) -> None:
    answer = chat(deepinfra_emulator, "Write a haiku")
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/json"
    assert answer.body.startswith(b'{"id":"chatcmpl-')  # compact, as FastAPI answers
    value = answer.json()
    assert value["id"].startswith("chatcmpl-")
    assert value["object"] == "chat.completion"
    assert isinstance(value["created"], int)
    assert value["model"] == MODEL
    [choice] = value["choices"]
    assert choice["finish_reason"] == "stop"
    assert choice["message"]["role"] == "assistant"
    assert choice["message"]["name"] is None
    assert choice["message"]["tool_calls"] is None
    assert '"Write a haiku"' in choice["message"]["content"]
    usage = value["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    assert usage["estimated_cost"] > 0


def test_default_reply_is_deterministic_and_depends_on_prompt(deepinfra_emulator: DeepInfraEmulator) -> None:
    first = chat(deepinfra_emulator, "one").json()["choices"][0]["message"]["content"]
    again = chat(deepinfra_emulator, "one").json()["choices"][0]["message"]["content"]
    other = chat(deepinfra_emulator, "two").json()["choices"][0]["message"]["content"]
    assert first == again
    assert first != other


def test_stream_has_deepinfra_shape(deepinfra_emulator: DeepInfraEmulator) -> None:
    answer = chat(deepinfra_emulator, "Tell me something", stream=True)
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/event-stream")
    assert answer.headers["transfer-encoding"] == "chunked"
    frames = answer.frames()
    assert frames[-1] == "[DONE]"
    assert all(", " in frame for frame in frames[:-1])  # Python-style separators
    chunks = [json.loads(frame) for frame in frames[:-1]]
    assert len({chunk["id"] for chunk in chunks}) == 1
    assert all(chunk["object"] == "chat.completion.chunk" for chunk in chunks)
    *deltas, finish = chunks
    assert deltas[0]["choices"][0]["delta"] == {"role": "assistant", "content": "", "tool_calls": None}
    for chunk in deltas:
        assert chunk["usage"] is None
        assert chunk["choices"][0]["finish_reason"] is None
        assert chunk["choices"][0]["delta"]["role"] == "assistant"
        assert chunk["choices"][0]["delta"]["tool_calls"] is None
    assert finish["choices"] == [{"index": 0, "delta": {}, "finish_reason": "stop"}]
    assert finish["usage"]["estimated_cost"] > 0
    text = "".join(chunk["choices"][0]["delta"]["content"] for chunk in deltas)
    assert text == chat(deepinfra_emulator, "Tell me something").json()["choices"][0]["message"]["content"]
    assert len(deltas) > 5


def test_default_tool_call_streams_arguments_in_several_deltas(deepinfra_emulator: DeepInfraEmulator) -> None:
    answer = chat(deepinfra_emulator, "Weather in Paris?", stream=True, tools=[WEATHER_TOOL])
    *deltas, finish = answer.chunks()
    calls = [c["choices"][0]["delta"]["tool_calls"][0] for c in deltas if c["choices"][0]["delta"]["tool_calls"]]
    assert calls[0]["id"].startswith("call_")
    assert calls[0]["function"] == {"name": "weather", "arguments": ""}
    pieces = [call["function"]["arguments"] for call in calls[1:]]
    assert len(pieces) >= 3
    arguments = json.loads("".join(pieces))
    jsonschema.validate(arguments, WEATHER_TOOL["function"]["parameters"])
    assert finish["choices"][0]["finish_reason"] == "tool_calls"


def test_default_tool_choice(deepinfra_emulator: DeepInfraEmulator) -> None:
    def called(prompt: str, **fields: object) -> str | None:
        message = chat(deepinfra_emulator, prompt, tools=[WEATHER_TOOL, TIME_TOOL], **fields).json()
        calls = message["choices"][0]["message"]["tool_calls"]
        return calls[0]["function"]["name"] if calls else None

    assert called("What does the clock say?") == "clock"  # the tool the prompt mentions
    assert called("Hi") == "weather"  # else the first
    assert called("Hi", tool_choice={"type": "function", "function": {"name": "clock"}}) == "clock"
    assert called("Use the clock", tool_choice="none") is None


def test_after_tool_results_default_reply_reports_them(deepinfra_emulator: DeepInfraEmulator) -> None:
    messages = [
        {"role": "user", "content": "Weather in Paris?"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "weather", "arguments": '{"city":"Paris"}'}}
            ],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": '{"temperature": 21}'},
    ]
    value = request(deepinfra_emulator, CHAT, {"model": MODEL, "messages": messages, "tools": [WEATHER_TOOL]}).json()
    choice = value["choices"][0]
    assert choice["finish_reason"] == "stop"
    assert choice["message"]["content"] == 'Here is what I found: weather returned {"temperature": 21}.'


def test_json_schema_output_is_valid(deepinfra_emulator: DeepInfraEmulator) -> None:
    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string", "minLength": 3},
            "tags": {"type": "array", "items": {"type": "string"}, "minItems": 2},
            "rating": {"type": "integer", "minimum": 1, "maximum": 5},
            "kind": {"enum": ["a", "b"]},
        },
        "required": ["name", "tags", "rating", "kind"],
        "additionalProperties": False,
    }
    response_format = {"type": "json_schema", "json_schema": {"name": "recipe", "schema": schema, "strict": True}}
    answer = chat(deepinfra_emulator, "A recipe", response_format=response_format, stream=True)
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in answer.chunks())
    jsonschema.validate(json.loads(text), schema)
    plain = chat(deepinfra_emulator, "Anything", response_format={"type": "json_object"}).json()
    assert isinstance(json.loads(plain["choices"][0]["message"]["content"]), dict)


@pytest.mark.parametrize("stream", [False, True])
def test_reasoning_model_thinks_first(deepinfra_emulator: DeepInfraEmulator, stream: bool) -> None:
    body = {"model": "deepseek-ai/DeepSeek-R1", "messages": [{"role": "user", "content": "Why?"}], "stream": stream}
    answer = request(deepinfra_emulator, CHAT, body)
    if stream:
        *deltas, finish = answer.chunks()
        kinds = ["reasoning" if c["choices"][0]["delta"].get("reasoning_content") else "text" for c in deltas[1:]]
        assert kinds == sorted(kinds)  # all reasoning before any text
        assert "reasoning" in kinds
        assert "text" in kinds
        usage = finish["usage"]
    else:
        value = answer.json()
        assert '"Why?"' in value["choices"][0]["message"]["reasoning_content"]
        usage = value["usage"]
    assert usage["completion_tokens_details"]["reasoning_tokens"] > 0
    body["reasoning_effort"] = "none"
    assert (
        "reasoning_content"
        not in request(deepinfra_emulator, CHAT, {**body, "stream": False}).json()["choices"][0]["message"]
    )


def test_max_tokens_and_stop_cut_the_text(deepinfra_emulator: DeepInfraEmulator) -> None:
    cut = chat(deepinfra_emulator, "Hello", max_tokens=3).json()
    assert cut["choices"][0]["finish_reason"] == "length"
    assert cut["choices"][0]["message"]["content"] == "You said:"
    assert cut["usage"]["completion_tokens"] == 3
    stopped = chat(deepinfra_emulator, "Hello", stop=["Hello"]).json()
    assert stopped["choices"][0]["finish_reason"] == "stop"
    assert stopped["choices"][0]["message"]["content"] == 'You said: "'


def test_scripted_text_tool_calls_and_reasoning(deepinfra_emulator: DeepInfraEmulator) -> None:
    deepinfra_emulator.chat.reply_text("Scripted!", reasoning="Because.", usage={"prompt_tokens": 1})
    deepinfra_emulator.chat.reply_tool_calls(
        [{"name": "weather", "arguments": {"city": "Oslo"}, "id": "call_x"}, ToolCallReply("clock", "{bad json")]
    )
    first = chat(deepinfra_emulator).json()
    assert first["choices"][0]["message"]["content"] == "Scripted!"
    assert first["choices"][0]["message"]["reasoning_content"] == "Because."
    assert first["usage"] == {"prompt_tokens": 1}
    second = chat(deepinfra_emulator, stream=True).chunks()
    starts = [call for chunk in second for call in chunk["choices"][0]["delta"].get("tool_calls") or () if "id" in call]
    assert [(c["index"], c["id"], c["function"]["name"]) for c in starts] == [
        (0, "call_x", "weather"),
        (1, starts[1]["id"], "clock"),
    ]
    arguments = {0: "", 1: ""}
    for chunk in second:
        for call in chunk["choices"][0]["delta"].get("tool_calls") or ():
            arguments[call["index"]] += call["function"]["arguments"]
    assert arguments == {0: '{"city": "Oslo"}', 1: "{bad json"}
    assert second[-1]["choices"][0]["finish_reason"] == "tool_calls"
    assert deepinfra_emulator.chat.pending == 0
    assert (
        "This reply comes from the DeepInfra emulator"
        in chat(deepinfra_emulator).json()["choices"][0]["message"]["content"]
    )


def test_queue_takes_reply_objects_in_order(deepinfra_emulator: DeepInfraEmulator) -> None:
    deepinfra_emulator.queue("chat", Reply(text="a"), Reply(text="b", finish_reason="length"), times=2)
    got = [chat(deepinfra_emulator).json()["choices"][0] for _ in range(4)]
    assert [(c["message"]["content"], c["finish_reason"]) for c in got] == [("a", "stop"), ("b", "length")] * 2


def test_recorded_requests(deepinfra_emulator: DeepInfraEmulator) -> None:
    chat(deepinfra_emulator, "recorded", temperature=0.5)
    recorded = deepinfra_emulator.last_request
    assert recorded.method == "POST"
    assert recorded.path == CHAT
    assert recorded.route == "chat"
    assert recorded.model == MODEL
    assert recorded.body["temperature"] == 0.5
    assert recorded.api_key == "test-key"
    assert "test-key" not in repr(recorded)
    assert deepinfra_emulator.requests_to("chat") == [recorded]
    deepinfra_emulator.reset()
    assert deepinfra_emulator.requests == []

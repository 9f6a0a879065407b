"""generate_text and stream_text through the DeepInfra provider and the real HTTP stack, against the
emulator over loopback, blocking and async: a plain reply, a two-step tool loop, reasoning, completions."""

from __future__ import annotations

import json
from typing import Any

from ai_sdk import (
    ErrorPart,
    FinishPart,
    FinishStepPart,
    StartPart,
    StartStepPart,
    ToolCall,
    ToolResult,
    generate_text,
    step_count_is,
    stream_text,
    tool,
)
from ai_sdk.deepinfra import DeepInfraProvider
from ai_sdk.spec import TextDelta
from ai_sdk.sync import generate_text as generate_text_sync
from ai_sdk.sync import stream_text as stream_text_sync
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator.png import encode_png

from .conftest import CHAT_MODEL, KEY

TOOL_REPLY = 'Here is what I found: weather returned {"city":"Paris","temperature":21}.'


def _weather_tool(calls: list[str]) -> Any:
    @tool
    def weather(city: str) -> dict[str, Any]:
        """Current weather in a city."""
        calls.append(city)
        return {"city": city, "temperature": 21}

    return weather


def _check_plain(emu: DeepInfraEmulator, text: str, usage: Any, finish_reason: str) -> None:
    assert (
        text
        == f'You said: "Hello, emulator". This reply comes from the DeepInfra emulator, standing in for {CHAT_MODEL}.'
    )
    assert finish_reason == "stop"
    assert usage.input_tokens > 0
    assert usage.output_tokens > 0
    assert usage.cost is not None
    assert usage.cost > 0
    [request] = emu.requests
    assert request.path == "/v1/openai/chat/completions"
    assert request.api_key == KEY
    assert request.body["model"] == CHAT_MODEL
    assert request.body["messages"] == [{"role": "user", "content": "Hello, emulator"}]
    assert "ai-sdk/deepinfra/" in request.headers["user-agent"]


def test_generate_text_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = generate_text_sync(model=provider(CHAT_MODEL), prompt="Hello, emulator")
    _check_plain(emu, result.text, result.usage, result.finish_reason)


async def test_generate_text_async(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = await generate_text(model=provider(CHAT_MODEL), prompt="Hello, emulator")
    _check_plain(emu, result.text, result.usage, result.finish_reason)


def test_stream_text_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = stream_text_sync(model=provider(CHAT_MODEL), prompt="Hello, emulator")
    deltas = list(result.text_stream)
    assert len(deltas) > 5
    _check_plain(emu, "".join(deltas), result.usage, result.finish_reason)
    assert emu.requests[0].body["stream"] is True


async def test_stream_text_async(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = stream_text(model=provider(CHAT_MODEL), prompt="Hello, emulator")
    deltas = [delta async for delta in result.text_stream]
    assert len(deltas) > 5
    _check_plain(emu, "".join(deltas), await result.usage, await result.finish_reason)


# ------------------------------------------------------------------------------------------ tool loop


def _check_tool_loop(emu: DeepInfraEmulator, calls: list[str], steps: list[Any], text: str) -> None:
    assert calls == ["Paris"]
    assert len(steps) == 2
    first, second = steps
    assert first.finish_reason == "tool-calls"
    [call] = first.tool_calls
    assert (call.tool_name, call.input) == ("weather", {"city": "Paris"})
    [result] = first.tool_results
    assert result.output == {"city": "Paris", "temperature": 21}
    assert second.finish_reason == "stop"
    assert text == TOOL_REPLY
    first_request, second_request = emu.requests_to("chat")
    assert first_request.body["tools"][0]["function"]["name"] == "weather"
    assistant, tool_message = second_request.body["messages"][-2:]
    assert assistant["role"] == "assistant"
    assert assistant["tool_calls"][0]["id"] == call.tool_call_id
    assert json.loads(assistant["tool_calls"][0]["function"]["arguments"]) == {"city": "Paris"}
    assert tool_message["role"] == "tool"
    assert tool_message["tool_call_id"] == call.tool_call_id
    assert json.loads(tool_message["content"]) == {"city": "Paris", "temperature": 21}


def test_tool_loop_generate_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.chat.reply_tool_calls([{"name": "weather", "arguments": {"city": "Paris"}}])
    calls: list[str] = []
    result = generate_text_sync(
        model=provider(CHAT_MODEL), prompt="Weather in Paris?", tools=[_weather_tool(calls)], stop_when=step_count_is(5)
    )
    _check_tool_loop(emu, calls, result.steps, result.text)
    assert result.total_usage.input_tokens == sum(step.usage.input_tokens for step in result.steps)


async def test_tool_loop_generate_async(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.chat.reply_tool_calls([{"name": "weather", "arguments": {"city": "Paris"}}])
    calls: list[str] = []
    result = await generate_text(
        model=provider(CHAT_MODEL), prompt="Weather in Paris?", tools=[_weather_tool(calls)], stop_when=step_count_is(5)
    )
    _check_tool_loop(emu, calls, result.steps, result.text)


def _check_stream_parts(parts: list[Any]) -> None:
    assert not [part for part in parts if isinstance(part, ErrorPart)]
    kinds = [part.type for part in parts]
    assert kinds[0] == StartPart.type
    assert kinds.count(StartStepPart.type) == 2
    assert kinds.count(FinishStepPart.type) == 2
    assert kinds[-1] == FinishPart.type
    assert kinds.count("tool-input-delta") >= 3  # the arguments arrived in several deltas
    assert kinds.index("tool-input-start") < kinds.index("tool-call") < kinds.index("tool-result")
    assert kinds.index("tool-result") < kinds.index("text-delta")
    [call] = [part for part in parts if isinstance(part, ToolCall)]
    [result] = [part for part in parts if isinstance(part, ToolResult)]
    assert call.input == {"city": "Paris"}
    assert result.output == {"city": "Paris", "temperature": 21}
    assert "".join(part.delta for part in parts if isinstance(part, TextDelta)) == TOOL_REPLY
    finish = parts[-1]
    assert finish.finish_reason == "stop"
    assert finish.total_usage.cost > 0


def test_tool_loop_stream_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.chat.reply_tool_calls([{"name": "weather", "arguments": {"city": "Paris"}}])
    calls: list[str] = []
    result = stream_text_sync(
        model=provider(CHAT_MODEL), prompt="Weather in Paris?", tools=[_weather_tool(calls)], stop_when=step_count_is(5)
    )
    _check_stream_parts(list(result.full_stream))
    _check_tool_loop(emu, calls, result.steps, result.text)


async def test_tool_loop_stream_async(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.chat.reply_tool_calls([{"name": "weather", "arguments": {"city": "Paris"}}])
    calls: list[str] = []
    result = stream_text(
        model=provider(CHAT_MODEL), prompt="Weather in Paris?", tools=[_weather_tool(calls)], stop_when=step_count_is(5)
    )
    _check_stream_parts([part async for part in result.full_stream])
    _check_tool_loop(emu, calls, await result.steps, await result.text)


def test_default_tool_call_round_trip(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    """Unscripted, the emulator calls the offered tool with schema-valid arguments, then reports its result."""
    calls: list[str] = []
    result = generate_text_sync(
        model=provider(CHAT_MODEL), prompt="Weather?", tools=[_weather_tool(calls)], stop_when=step_count_is(5)
    )
    assert calls == ["example city"]
    assert result.text == 'Here is what I found: weather returned {"city":"example city","temperature":21}.'


# --------------------------------------------------------------------------------- reasoning, completion


def test_reasoning_sync(provider: DeepInfraProvider) -> None:
    result = generate_text_sync(model=provider("deepseek-ai/DeepSeek-R1"), prompt="Why is the sky blue?")
    assert result.reasoning_text == 'The user wrote "Why is the sky blue?". I should answer briefly and quote it back.'
    assert result.text.startswith('You said: "Why is the sky blue?" This reply')
    assert result.usage.output_token_details.reasoning is not None
    assert result.usage.output_token_details.reasoning > 0


async def test_reasoning_stream_async(provider: DeepInfraProvider) -> None:
    result = stream_text(model=provider("deepseek-ai/DeepSeek-R1"), prompt="Why?")
    kinds = [part.type async for part in result.full_stream]
    assert kinds.index("reasoning-start") < kinds.index("reasoning-end") < kinds.index("text-start")
    assert await result.reasoning_text == 'The user wrote "Why?". I should answer briefly and quote it back.'


def test_completion_model_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = generate_text_sync(model=provider.completion_model(CHAT_MODEL), prompt="Once upon a time")
    assert "Once upon a time" in emu.last_request.body["prompt"]
    assert result.text.startswith(" ... and so the text that began with")
    assert emu.last_request.path == "/v1/openai/completions"
    assert result.usage.cost is not None


async def test_completion_model_stream_async(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.completions.reply_text(" there lived a parser.")
    result = stream_text(model=provider.completion_model(CHAT_MODEL), prompt="Once upon a time")
    assert "".join([delta async for delta in result.text_stream]) == " there lived a parser."


# ------------------------------------------------------------------------- request shape (schema-validated)

VISION_MODEL = "meta-llama/Llama-3.2-11B-Vision-Instruct"


def _vision_messages() -> list[dict[str, Any]]:
    image = encode_png(8, 8, seed="photo")
    return [{"role": "user", "content": [{"type": "text", "text": "What is this?"}, {"type": "image", "image": image}]}]


def _check_vision_request(emu: DeepInfraEmulator, text: str) -> None:
    """The body passed DeepInfra's own schema (the emulator answers 422 otherwise) and carries every setting."""
    assert text.startswith('You said: "What is this?" You attached 1 file.')
    body = emu.last_request.body
    assert body["messages"][0]["content"][1]["image_url"]["url"].startswith("data:image/png;base64,iVBOR")
    assert {key: body[key] for key in ("temperature", "top_k", "max_tokens", "stop", "seed", "repetition_penalty")} == {
        "temperature": 0.3,
        "top_k": 40,
        "max_tokens": 50,
        "stop": ["zzz"],
        "seed": 1,
        "repetition_penalty": 1.1,
    }


SETTINGS: dict[str, Any] = {
    "temperature": 0.3,
    "top_k": 40,
    "max_output_tokens": 50,
    "stop_sequences": ["zzz"],
    "seed": 1,
    "provider_options": {"deepinfra": {"repetition_penalty": 1.1}},
}


def test_vision_and_settings_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = generate_text_sync(model=provider(VISION_MODEL), messages=_vision_messages(), **SETTINGS)
    _check_vision_request(emu, result.text)


async def test_vision_and_settings_stream_async(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = stream_text(model=provider(VISION_MODEL), messages=_vision_messages(), **SETTINGS)
    _check_vision_request(emu, await result.text)

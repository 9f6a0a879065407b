"""DeepInfra chat end to end over a mock transport: the recorded payloads, the cost, the
reasoning-token fix, reasoning content, tool calls, and bodies DeepInfra's schema accepts."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ai_sdk.deepinfra import convert_deepinfra_usage, create_deepinfra
from ai_sdk.spec import (
    CallOptions,
    Finish,
    FinishReason,
    FunctionTool,
    InputTokenDetails,
    ModelToolCall,
    OutputTokenDetails,
    Reasoning,
    ReasoningDelta,
    ResponseFormat,
    StreamStart,
    Text,
    TextDelta,
    TextPart,
    ToolChoice,
    Usage,
    UserMessage,
)
from ai_sdk.testing.mock_transport import MockTransport
from ai_sdk.testing.openapi import schema_errors
from tests.openai_compatible.chat_helpers import MODES, generate, json_response, sse_response, stream

OPTIONS = CallOptions(prompt=[UserMessage([TextPart("Hi")])])


def chat_model(answer: Any) -> tuple[Any, MockTransport]:
    mock = MockTransport(answer)
    return create_deepinfra(api_key="k", transport=mock, async_transport=mock)("deepseek-ai/DeepSeek-R1"), mock


@pytest.mark.parametrize("mode", MODES)
async def test_recorded_response_with_cost(mode: str) -> None:
    model, _ = chat_model(json_response("chat.json"))
    result = await generate(model, OPTIONS, mode)
    assert result.content == [Text("Coca Cola is ...")]
    assert result.usage.cost == 9.68e-05
    assert (result.usage.input_tokens, result.usage.output_tokens, result.usage.total_tokens) == (48, 200, 248)
    assert result.provider_metadata == {"deepinfra": {"estimated_cost": 9.68e-05}}


@pytest.mark.parametrize("mode", MODES)
async def test_recorded_stream_with_cost_on_finish(mode: str) -> None:
    model, _ = chat_model(sse_response("chat_stream.sse"))
    _, parts = await stream(model, OPTIONS, mode)
    assert [p for p in parts if isinstance(p, TextDelta)] == [TextDelta("text-0", "C")]
    finish = parts[-1]
    assert isinstance(finish, Finish)
    assert finish.finish_reason == FinishReason("stop", "stop")
    assert finish.usage.cost == 9.24e-05
    assert finish.usage.output_tokens == 189
    assert finish.provider_metadata == {"deepinfra": {"estimated_cost": 9.24e-05}}


@pytest.mark.parametrize("mode", MODES)
async def test_reasoning_token_fix_and_reasoning_content(mode: str) -> None:
    model, _ = chat_model(json_response("chat_reasoning.json"))
    result = await generate(model, OPTIONS, mode)
    assert result.content == [Reasoning("The user greets me. I should greet back."), Text("Hello! How can I help?")]
    assert result.usage == Usage(
        input_tokens=19,
        output_tokens=1165,
        total_tokens=1184,
        input_token_details=InputTokenDetails(no_cache=19, cache_read=0),
        output_token_details=OutputTokenDetails(text=84, reasoning=1081),
        cost=0.00291,
        raw=result.response.body["usage"],
    )


@pytest.mark.parametrize("mode", MODES)
async def test_streamed_reasoning_content(mode: str) -> None:
    model, _ = chat_model(sse_response("chat_reasoning_stream.sse"))
    _, parts = await stream(model, OPTIONS, mode)
    assert "".join(p.delta for p in parts if isinstance(p, ReasoningDelta)) == "Let me think about 2+2."
    assert "".join(p.delta for p in parts if isinstance(p, TextDelta)) == "2+2 = 4."
    assert parts[-1].usage.cost == 1.5e-05


@pytest.mark.parametrize("mode", MODES)
async def test_streamed_tool_call(mode: str) -> None:
    model, _ = chat_model(sse_response("chat_tool_calls_stream.sse", split=5))
    _, parts = await stream(model, OPTIONS, mode)
    assert [p for p in parts if isinstance(p, ModelToolCall)] == [
        ModelToolCall("call_abc", "get_weather", '{"location": "San Francisco"}')
    ]
    assert parts[-1].finish_reason == FinishReason("tool-calls", "tool_calls")


@pytest.mark.parametrize("mode", MODES)
async def test_full_body_sends_top_k_and_passes_deepinfra_schema(mode: str) -> None:
    model, mock = chat_model(json_response("chat.json"))
    options = CallOptions(
        prompt=OPTIONS.prompt,
        max_output_tokens=64,
        top_k=40,
        response_format=ResponseFormat("json", {"type": "object"}),
        tools=[FunctionTool("get_weather", {"type": "object", "properties": {"city": {"type": "string"}}})],
        tool_choice=ToolChoice("required"),
        provider_options={"deepinfra": {"reasoning_effort": "none", "min_p": 0.1, "reasoning": {"enabled": False}}},
    )
    result = await generate(model, options, mode)
    body = mock.request_json()
    assert body["top_k"] == 40
    assert body["reasoning_effort"] == "none"
    assert body["reasoning"] == {"enabled": False}
    assert result.warnings == []
    assert schema_errors("OpenAIChatCompletionsIn", body) == []


def test_usage_converter_edges() -> None:
    assert convert_deepinfra_usage(None) == Usage()
    plain = convert_deepinfra_usage(
        {"prompt_tokens": 3, "completion_tokens": 30, "completion_tokens_details": {"reasoning_tokens": 10}}
    )
    assert (plain.output_tokens, plain.output_token_details, plain.cost) == (
        30,
        OutputTokenDetails(text=20, reasoning=10),
        None,
    )
    assert convert_deepinfra_usage({"estimated_cost": 0}).cost == 0.0
    assert convert_deepinfra_usage({"estimated_cost": "0.1"}).cost is None


@pytest.mark.parametrize("mode", MODES)
async def test_a_misspelt_provider_option_reaches_the_results_warnings(mode: str) -> None:
    from ai_sdk import generate_text
    from ai_sdk.sync import generate_text as generate_text_sync

    model, mock = chat_model(json_response("chat.json"))
    arguments: dict[str, Any] = {
        "model": model,
        "prompt": "Hi",
        "provider_options": {"deepinfra": {"repetiton_penalty": 1.1}},
    }
    result = generate_text_sync(**arguments) if mode == "sync" else await generate_text(**arguments)
    assert json.loads(mock.last_request.body or b"")["repetiton_penalty"] == 1.1
    assert ["did you mean 'repetition_penalty'" in str(w.message) for w in result.warnings] == [True]


@pytest.mark.parametrize("mode", MODES)
async def test_n_above_one_is_left_out_with_a_warning_streamed_or_not(mode: str) -> None:
    # Sent, n=2 would bill two choices and (streamed) mix their deltas into one text.
    options = CallOptions(prompt=[UserMessage([TextPart("Hi")])], provider_options={"deepinfra": {"n": 2}})
    model, mock = chat_model(json_response("chat.json"))
    result = await generate(model, options, mode)
    assert "n" not in json.loads(mock.last_request.body or b"")
    assert [w.feature for w in result.warnings] == ["n"]
    model, mock = chat_model(sse_response("chat_stream.sse"))
    _, parts = await stream(model, options, mode)
    assert "n" not in json.loads(mock.last_request.body or b"")
    start = parts[0]
    assert isinstance(start, StreamStart)
    assert [w.feature for w in start.warnings] == ["n"]

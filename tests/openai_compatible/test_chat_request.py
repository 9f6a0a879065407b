"""The chat request body: exact bodies (key order included), each validated against DeepInfra's
OpenAPI schema, and every setting either sent or reported as a warning."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk.openai_compatible.chat.request import build_chat_request
from ai_sdk.spec import (
    CallOptions,
    CallWarning,
    FunctionTool,
    InvalidArgumentError,
    ResponseFormat,
    SystemMessage,
    TextPart,
    ToolChoice,
    UserMessage,
)
from ai_sdk.testing.openapi import schema_errors

PROMPT = [SystemMessage("Be brief."), UserMessage([TextPart("Hi")])]
MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]
WEATHER = FunctionTool(
    name="get_weather",
    description="Weather for a city",
    input_schema={"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
)
CLOCK = FunctionTool(name="get_time", input_schema={"type": "object", "properties": {}})
WIRE_WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather for a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}
WIRE_CLOCK = {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object", "properties": {}}}}


def build(options: CallOptions, *, stream: bool = False, **kwargs: Any) -> tuple[dict[str, Any], list[CallWarning]]:
    request = build_chat_request(
        "meta-llama/Meta-Llama-3.1-8B-Instruct", options, provider_options_key="deepinfra", stream=stream, **kwargs
    )
    return request.body, request.warnings


def test_minimal_body_sends_only_model_and_messages() -> None:
    body, warnings = build(CallOptions(prompt=PROMPT))
    assert body == {"model": "meta-llama/Meta-Llama-3.1-8B-Instruct", "messages": MESSAGES}
    assert warnings == []
    assert schema_errors("OpenAIChatCompletionsIn", body) == []


def test_every_setting_in_reference_order() -> None:
    options = CallOptions(
        prompt=PROMPT,
        max_output_tokens=100,
        temperature=0.5,
        top_p=0.9,
        top_k=40,
        frequency_penalty=0.1,
        presence_penalty=0.2,
        stop_sequences=["END", "STOP"],
        seed=7,
        response_format=ResponseFormat(
            "json", schema={"type": "object", "properties": {"a": {"type": "string"}}}, name="recipe", description="A"
        ),
        tools=[WEATHER],
        tool_choice=ToolChoice("auto"),
        provider_options={
            "deepinfra": {
                "user": "user-1",
                "reasoning_effort": "low",
                "strict_json_schema": False,
                "min_p": 0.05,
                "repetition_penalty": 1.1,
                "prompt_cache_key": "cache-1",
                "chat_template_kwargs": {"enable_thinking": False},
                "service_tier": "priority",
            },
            "other-provider": {"ignored": True},
        },
    )
    body, warnings = build(options, stream=True, supports_top_k=True)
    assert body == {
        "model": "meta-llama/Meta-Llama-3.1-8B-Instruct",
        "user": "user-1",
        "max_tokens": 100,
        "temperature": 0.5,
        "top_p": 0.9,
        "top_k": 40,
        "frequency_penalty": 0.1,
        "presence_penalty": 0.2,
        "response_format": {
            "type": "json_schema",
            "json_schema": {
                "schema": {"type": "object", "properties": {"a": {"type": "string"}}},
                "strict": False,
                "name": "recipe",
                "description": "A",
            },
        },
        "stop": ["END", "STOP"],
        "seed": 7,
        "min_p": 0.05,
        "repetition_penalty": 1.1,
        "prompt_cache_key": "cache-1",
        "chat_template_kwargs": {"enable_thinking": False},
        "service_tier": "priority",
        "reasoning_effort": "low",
        "messages": MESSAGES,
        "tools": [WIRE_WEATHER],
        "tool_choice": "auto",
        "stream": True,
    }
    assert list(body) == [
        "model", "user", "max_tokens", "temperature", "top_p", "top_k", "frequency_penalty", "presence_penalty",
        "response_format", "stop", "seed", "min_p", "repetition_penalty", "prompt_cache_key", "chat_template_kwargs",
        "service_tier", "reasoning_effort", "messages", "tools", "tool_choice", "stream",
    ]  # fmt: skip
    assert warnings == []
    assert schema_errors("OpenAIChatCompletionsIn", body) == []


@pytest.mark.parametrize(
    ("choice", "wire"),
    [
        (None, None),
        (ToolChoice("auto"), "auto"),
        (ToolChoice("none"), "none"),
        (ToolChoice("required"), "required"),
        (ToolChoice("tool", "get_time"), {"type": "function", "function": {"name": "get_time"}}),
    ],
)
def test_tools_and_each_tool_choice(choice: ToolChoice | None, wire: Any) -> None:
    body, warnings = build(CallOptions(prompt=PROMPT, tools=[WEATHER, CLOCK], tool_choice=choice))
    assert body["tools"] == [WIRE_WEATHER, WIRE_CLOCK]
    assert body.get("tool_choice") == wire
    assert ("tool_choice" in body) is (wire is not None)
    assert warnings == []
    assert schema_errors("OpenAIChatCompletionsIn", body) == []


def test_tool_provider_options_are_merged_into_the_wire_tool() -> None:
    tool = FunctionTool(
        name="t", input_schema={"type": "object"}, provider_options={"deepinfra": {"cache_control": {"type": "x"}}}
    )
    body, _ = build(CallOptions(prompt=PROMPT, tools=[tool]))
    assert body["tools"] == [
        {
            "type": "function",
            "function": {"name": "t", "parameters": {"type": "object"}},
            "cache_control": {"type": "x"},
        }
    ]
    assert schema_errors("OpenAIChatCompletionsIn", body) == []


def test_empty_tools_send_neither_key_and_a_lone_tool_choice_warns() -> None:
    body, warnings = build(CallOptions(prompt=PROMPT, tools=[], tool_choice=ToolChoice("required")))
    assert "tools" not in body
    assert "tool_choice" not in body
    assert [w.feature for w in warnings] == ["tool_choice"]


def test_named_tool_choice_must_name_a_given_tool() -> None:
    with pytest.raises(InvalidArgumentError, match="'missing', which is not one of the tools \\(get_weather\\)"):
        build(CallOptions(prompt=PROMPT, tools=[WEATHER], tool_choice=ToolChoice("tool", "missing")))


@pytest.mark.parametrize(
    ("response_format", "wire"),
    [
        (ResponseFormat("text"), None),
        (ResponseFormat("json"), {"type": "json_object"}),
        (
            ResponseFormat("json", schema={"type": "object"}),
            {"type": "json_schema", "json_schema": {"schema": {"type": "object"}, "strict": True, "name": "response"}},
        ),
    ],
)
def test_response_format(response_format: ResponseFormat, wire: Any) -> None:
    body, warnings = build(CallOptions(prompt=PROMPT, response_format=response_format))
    assert body.get("response_format") == wire
    assert warnings == []
    assert schema_errors("OpenAIChatCompletionsIn", body) == []


def test_top_k_is_a_warning_for_a_model_without_it() -> None:
    body, warnings = build(CallOptions(prompt=PROMPT, top_k=5))
    assert "top_k" not in body
    assert warnings == [CallWarning("unsupported", feature="top_k", details="this model does not take top_k")]


def test_raw_provider_option_top_k_is_passed_through() -> None:
    body, _ = build(CallOptions(prompt=PROMPT, provider_options={"deepinfra": {"top_k": 3, "n": 1}}))
    assert body["top_k"] == 3
    assert body["n"] == 1


def test_text_verbosity_is_sent_as_verbosity() -> None:
    body, _ = build(CallOptions(prompt=PROMPT, provider_options={"deepinfra": {"text_verbosity": "low"}}))
    assert body["verbosity"] == "low"
    assert "text_verbosity" not in body


def test_streaming_adds_stream_and_optionally_stream_options() -> None:
    body, _ = build(CallOptions(prompt=PROMPT), stream=True)
    assert list(body)[-1] == "stream"
    assert "stream_options" not in body
    body, _ = build(CallOptions(prompt=PROMPT), stream=True, include_usage=True)
    assert body["stream_options"] == {"include_usage": True}
    assert schema_errors("OpenAIChatCompletionsIn", body) == []


def test_unset_values_are_omitted_not_null() -> None:
    body, _ = build(CallOptions(prompt=PROMPT, stop_sequences=[], temperature=0.0, seed=0))
    assert body == {
        "model": "meta-llama/Meta-Llama-3.1-8B-Instruct",
        "temperature": 0.0,
        "seed": 0,
        "messages": MESSAGES,
    }


@pytest.mark.parametrize(
    ("provider_options", "match"),
    [
        ({"deepinfra": "fast"}, "must be a dict of deepinfra settings, got str"),
        ({"deepinfra": {"messages": []}}, "must not set 'messages'; use prompt= or messages="),
        ({"deepinfra": {"stream": True}}, "must not set 'stream'"),
        ({"deepinfra": {"strict_json_schema": "yes"}}, "'strict_json_schema' must be a bool"),
        ({"deepinfra": {"user": 42}}, "'user' must be a str"),
        ({"deepinfra": {"reasoning_effort": 1}}, "'reasoning_effort' must be a str"),
    ],
)
def test_bad_provider_options_are_clear_errors(provider_options: Any, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        build(CallOptions(prompt=PROMPT, response_format=ResponseFormat("json", {}), provider_options=provider_options))

"""The non-streaming chat response: content order, finish reasons, usage, metadata and bad bodies."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from ai_sdk.openai_compatible.chat.response import parse_chat_response
from ai_sdk.openai_compatible.finish_reason import map_finish_reason
from ai_sdk.openai_compatible.usage import convert_usage
from ai_sdk.spec import (
    APICallError,
    CallWarning,
    FinishReason,
    InputTokenDetails,
    InvalidResponseDataError,
    ModelToolCall,
    OutputTokenDetails,
    Reasoning,
    Text,
    Usage,
)

from .chat_helpers import fixture_bytes

URL = "https://example.test/v1/chat/completions"


def parse(value: Any, **kwargs: Any) -> Any:
    return parse_chat_response(
        value,
        url=URL,
        headers=kwargs.pop("headers", {"x-request-id": "r1"}),
        request_body=kwargs.pop("request_body", {"model": "m"}),
        warnings=kwargs.pop("warnings", []),
        usage_converter=convert_usage,
        **kwargs,
    )


def body(message: dict[str, Any], finish_reason: Any = "stop", **extra: Any) -> dict[str, Any]:
    return {"id": "x", "choices": [{"index": 0, "message": message, "finish_reason": finish_reason}], **extra}


def test_recorded_response() -> None:
    value = json.loads(fixture_bytes("chat.json"))
    warning = CallWarning("unsupported", feature="top_k")
    result = parse(
        value, warnings=[warning], metadata_extractor=lambda b: {"p": {"cost": b["usage"]["estimated_cost"]}}
    )
    assert result.content == [Text("Coca Cola is ...")]
    assert result.finish_reason == FinishReason("stop", "stop")
    assert result.usage == Usage(
        input_tokens=48,
        output_tokens=200,
        total_tokens=248,
        input_token_details=InputTokenDetails(no_cache=48, cache_read=0),
        output_token_details=OutputTokenDetails(text=200, reasoning=0),
        raw=value["usage"],
    )
    assert result.warnings == [warning]
    assert result.request.body == {"model": "m"}
    assert result.response.id == "chatcmpl-75fc502802c94cafa05db0f7ee12f5f6"
    assert result.response.model_id == "meta-llama/Meta-Llama-3.1-70B-Instruct"
    assert result.response.timestamp == datetime(2024, 11, 27, 5, 14, 55, tzinfo=UTC)
    assert result.response.headers == {"x-request-id": "r1"}
    assert result.response.body is value
    assert result.provider_metadata == {"p": {"cost": 9.68e-05}}


def test_content_order_is_reasoning_text_tool_calls() -> None:
    value = json.loads(fixture_bytes("chat_reasoning.json"))
    value["choices"][0]["message"]["tool_calls"] = [
        {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": '{"a": 1}'}}
    ]
    result = parse(value)
    assert result.content == [
        Reasoning("The user greets me. I should greet back."),
        Text("Hello! How can I help?"),
        ModelToolCall("call_1", "f", '{"a": 1}'),
    ]


def test_reasoning_field_is_read_when_reasoning_content_is_absent() -> None:
    assert parse(body({"content": "A", "reasoning": "R"})).content == [Reasoning("R"), Text("A")]


def test_tool_calls_empty_id_gets_an_id_and_empty_arguments_become_an_object() -> None:
    result = parse(json.loads(fixture_bytes("chat_tool_calls.json")))
    first, second = result.content
    assert first == ModelToolCall("call_weather_sf", "get_weather", '{"location": "San Francisco"}')
    assert second.tool_name == "get_time"
    assert second.input == "{}"
    assert second.tool_call_id.startswith("call_")
    assert len(second.tool_call_id) > len("call_")
    assert result.finish_reason == FinishReason("tool-calls", "tool_calls")


def test_object_arguments_are_serialised() -> None:
    result = parse(body({"tool_calls": [{"id": "c", "function": {"name": "f", "arguments": {"a": 1}}}]}))
    assert result.content == [ModelToolCall("c", "f", '{"a":1}')]


def test_content_as_a_list_of_text_parts_is_joined() -> None:
    assert parse(body({"content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]})).content == [
        Text("ab")
    ]


@pytest.mark.parametrize(
    ("raw", "unified"),
    [
        ("stop", "stop"),
        ("length", "length"),
        ("content_filter", "content-filter"),
        ("tool_calls", "tool-calls"),
        ("function_call", "tool-calls"),
        ("eos", "other"),
        (None, "other"),
    ],
)
def test_every_finish_reason(raw: str | None, unified: str) -> None:
    assert map_finish_reason(raw) == FinishReason(unified, raw)  # type: ignore[arg-type]
    assert parse(body({"content": "x"}, raw)).finish_reason == FinishReason(unified, raw)  # type: ignore[arg-type]


def test_usage_details_and_missing_usage() -> None:
    raw = {
        "prompt_tokens": 100,
        "completion_tokens": 50,
        "prompt_tokens_details": {"cached_tokens": 60},
        "completion_tokens_details": {"reasoning_tokens": 20},
    }
    assert convert_usage(raw) == Usage(
        input_tokens=100,
        output_tokens=50,
        total_tokens=150,
        input_token_details=InputTokenDetails(no_cache=40, cache_read=60),
        output_token_details=OutputTokenDetails(text=30, reasoning=20),
        raw=raw,
    )
    assert convert_usage({"prompt_tokens": None}).input_tokens == 0
    assert convert_usage(None) == Usage()
    assert parse(body({"content": "x"})).usage == Usage()


@pytest.mark.parametrize(
    "value",
    [{"id": "x", "choices": []}, {"id": "x"}, {"choices": ["not an object"]}],
)
def test_no_choices_is_invalid_response_data(value: Any) -> None:
    with pytest.raises(InvalidResponseDataError, match="no choices"):
        parse(value)


def test_non_object_body_is_invalid_response_data() -> None:
    with pytest.raises(InvalidResponseDataError, match="expected a JSON object"):
        parse([1, 2])


def test_error_object_with_a_2xx_status_is_an_api_call_error() -> None:
    with pytest.raises(APICallError, match="Model busy, retry later") as caught:
        parse({"error": {"message": "Model busy, retry later"}})
    assert caught.value.url == URL
    assert caught.value.request_body == {"model": "m"}


def test_tool_call_without_a_name_is_invalid_response_data() -> None:
    with pytest.raises(InvalidResponseDataError, match="no function name"):
        parse(body({"tool_calls": [{"id": "c", "function": {"arguments": "{}"}}]}))


def test_unexpected_content_is_invalid_response_data() -> None:
    with pytest.raises(InvalidResponseDataError, match="unexpected message content"):
        parse(body({"content": 42}))

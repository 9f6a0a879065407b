"""The /completions request body: settings, provider options, stop sequences, warnings; every body
is checked against DeepInfra's OpenAPI schema."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk.openai_compatible.completion import completion_request_body
from ai_sdk.spec import (
    CallOptions,
    CallWarning,
    FunctionTool,
    InvalidArgumentError,
    ResponseFormat,
    SystemMessage,
    ToolChoice,
    UserMessage,
)
from ai_sdk.testing.openapi import schema_errors

PROMPT = [SystemMessage("Be brief."), UserMessage("Name a colour.")]
PROMPT_TEXT = "Be brief.\n\nuser:\nName a colour.\n\nassistant:\n"


def body_of(stream: bool = False, **options: Any) -> tuple[dict[str, Any], list[CallWarning]]:
    body, warnings = completion_request_body(
        "meta-llama/Meta-Llama-3.1-8B-Instruct",
        CallOptions(prompt=PROMPT, **options),
        provider_options_key="deepinfra",
        stream=stream,
    )
    assert schema_errors("OpenAICompletionsIn", body) == []
    return body, warnings


def test_minimal_body() -> None:
    body, warnings = body_of()
    assert body == {"model": "meta-llama/Meta-Llama-3.1-8B-Instruct", "prompt": PROMPT_TEXT, "stop": ["\nuser:"]}
    assert warnings == []


def test_every_setting_in_reference_order() -> None:
    body, warnings = body_of(
        max_output_tokens=64,
        temperature=0.5,
        top_p=0.9,
        top_k=40,
        frequency_penalty=0.1,
        presence_penalty=0.2,
        seed=7,
        stop_sequences=["END", "\n\n"],
        provider_options={"deepinfra": {"repetition_penalty": 1.1, "min_p": 0.05, "user": None}, "other": {"x": 1}},
    )
    assert list(body.items()) == [
        ("model", "meta-llama/Meta-Llama-3.1-8B-Instruct"),
        ("max_tokens", 64),
        ("temperature", 0.5),
        ("top_p", 0.9),
        ("top_k", 40),
        ("frequency_penalty", 0.1),
        ("presence_penalty", 0.2),
        ("seed", 7),
        ("repetition_penalty", 1.1),
        ("min_p", 0.05),
        ("prompt", PROMPT_TEXT),
        ("stop", ["\nuser:", "END", "\n\n"]),
    ]
    assert warnings == []


def test_provider_options_cannot_replace_the_prompt() -> None:
    body, _ = body_of(provider_options={"deepinfra": {"prompt": "hijack", "echo": True}})
    assert body["prompt"] == PROMPT_TEXT
    assert body["echo"] is True


def test_a_prompt_or_stop_provider_option_is_not_sent_and_the_warnings_say_so() -> None:
    body, warnings = body_of(
        stop_sequences=["END"], provider_options={"deepinfra": {"prompt": "hijack", "stop": ["x"]}}
    )
    assert (body["prompt"], body["stop"]) == (PROMPT_TEXT, ["\nuser:", "END"])
    assert [str(warning.message) for warning in warnings] == [
        "provider option 'prompt' was not sent; pass prompt= or messages=",
        "provider option 'stop' was not sent; pass stop_sequences=",
    ]


@pytest.mark.parametrize("key", ["model", "stream"])
def test_a_model_or_stream_provider_option_is_refused_as_for_chat(key: str) -> None:
    with pytest.raises(InvalidArgumentError, match=f"must not set '{key}'"):
        body_of(provider_options={"deepinfra": {key: "x"}})


def test_streaming_asks_for_usage() -> None:
    body, _ = body_of(stream=True)
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}


def test_tools_tool_choice_and_json_become_warnings() -> None:
    body, warnings = body_of(
        tools=[FunctionTool("weather", {"type": "object"})],
        tool_choice=ToolChoice("auto"),
        response_format=ResponseFormat("json", {"type": "object"}),
    )
    assert [w.feature for w in warnings] == ["tools", "tool_choice", "response_format"]
    assert all(w.type == "unsupported" for w in warnings)
    assert "JSON response format" in str(warnings[2])
    assert not {"tools", "tool_choice", "response_format"} & body.keys()


def test_text_response_format_and_empty_tools_are_fine() -> None:
    _, warnings = body_of(tools=[], response_format=ResponseFormat("text"))
    assert warnings == []


def test_provider_options_must_be_a_mapping() -> None:
    with pytest.raises(InvalidArgumentError, match="provider_options\\['deepinfra'\\] must be a dict"):
        body_of(provider_options={"deepinfra": ["top_k", 3]})  # type: ignore[dict-item]


def test_stop_sequences_stay_within_deepinfras_limit() -> None:
    fifteen = [f"stop{i}" for i in range(15)]
    body, warnings = body_of(stop_sequences=fifteen)
    assert body["stop"] == ["\nuser:", *fifteen]
    assert warnings == []

    # The user's own sequences fill the limit: the turn marker is left out, and the result says so.
    sixteen = [*fifteen, "stop15"]
    body, warnings = body_of(stop_sequences=sixteen)
    assert body["stop"] == sixteen
    [warning] = warnings
    assert warning.type == "other"
    assert "limit of 16" in (warning.message or "")

    # A user who already lists the marker does not get it twice.
    body, warnings = body_of(stop_sequences=["\nuser:", "END"])
    assert (body["stop"], warnings) == (["\nuser:", "END"], [])


def test_a_misspelt_option_is_sent_but_the_warning_names_the_field_it_resembles() -> None:
    body, warnings = body_of(provider_options={"deepinfra": {"repetiton_penalty": 1.1, "min_p": 0.05, "guided": 1}})
    assert body["repetiton_penalty"] == 1.1
    assert [w.type for w in warnings] == ["other"]
    assert "did you mean 'repetition_penalty'" in str(warnings[0].message)


def test_n_above_one_is_not_sent_since_a_result_holds_one_choice() -> None:
    body, warnings = body_of(provider_options={"deepinfra": {"n": 2}})
    assert "n" not in body
    assert [(w.type, w.feature) for w in warnings] == [("unsupported", "n")]

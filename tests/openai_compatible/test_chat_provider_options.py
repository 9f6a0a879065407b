"""Provider options written the reference's way (``openaiCompatible`` key, camelCase typed options)
reach the same wire fields as ours, message-part options are merged from both keys, Gemini thought
signatures go back where Gemini reads them, and a PDF part is refused before sending where the API
has no place for it. Every body is checked against DeepInfra's OpenAPI schema."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk.errors import InvalidArgumentError, UnsupportedFunctionalityError
from ai_sdk.openai_compatible.chat.request import build_chat_request
from ai_sdk.spec import (
    AssistantMessage,
    CallOptions,
    CallWarning,
    FilePart,
    ResponseFormat,
    TextPart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
    UserMessage,
)
from ai_sdk.testing.openapi import schema_errors

MODEL = "meta-llama/Meta-Llama-3.1-8B-Instruct"
PROMPT = [UserMessage([TextPart("Hi")])]
SCHEMA = ResponseFormat("json", schema={"type": "object", "properties": {"a": {"type": "string"}}}, name="r")


def build(provider_options: Any, *, prompt: Any = PROMPT, **kwargs: Any) -> tuple[dict[str, Any], list[CallWarning]]:
    options = CallOptions(prompt=prompt, provider_options=provider_options, **kwargs)
    request = build_chat_request(MODEL, options, provider_options_key="deepinfra", stream=False)
    assert schema_errors("OpenAIChatCompletionsIn", request.body) == []
    return request.body, request.warnings


@pytest.mark.parametrize("key", ["deepinfra", "openaiCompatible"])
def test_reference_camel_case_options_map_to_the_wire_fields(key: str) -> None:
    body, warnings = build(
        {key: {"reasoningEffort": "low", "textVerbosity": "high", "user": "u-1", "strictJsonSchema": False}},
        response_format=SCHEMA,
    )
    assert body["reasoning_effort"] == "low"
    assert body["verbosity"] == "high"
    assert body["user"] == "u-1"
    assert body["response_format"]["json_schema"]["strict"] is False
    for raw in ("reasoningEffort", "textVerbosity", "strictJsonSchema"):
        assert raw not in body
    assert warnings == []


def test_snake_case_and_camel_case_agree() -> None:
    snake, _ = build({"deepinfra": {"reasoning_effort": "none", "strict_json_schema": False}}, response_format=SCHEMA)
    camel, _ = build({"deepinfra": {"reasoningEffort": "none", "strictJsonSchema": False}}, response_format=SCHEMA)
    assert snake == camel


def test_the_provider_key_overrides_open_ai_compatible() -> None:
    body, _ = build(
        {"openaiCompatible": {"reasoningEffort": "low", "min_p": 0.1}, "deepinfra": {"reasoning_effort": "high"}}
    )
    assert (body["reasoning_effort"], body["min_p"]) == ("high", 0.1)


def test_an_unknown_camel_case_key_is_sent_but_warned_about() -> None:
    body, warnings = build({"deepinfra": {"repetitionPenalty": 1.1, "min_p": 0.05}})
    assert body["repetitionPenalty"] == 1.1
    assert body["min_p"] == 0.05
    assert len(warnings) == 1
    assert "'repetition_penalty'" in str(warnings[0])


def test_a_numeric_logprobs_asks_for_top_logprobs() -> None:
    body, _ = build({"deepinfra": {"logprobs": 3}})
    assert (body["logprobs"], body["top_logprobs"]) == (True, 3)
    explicit, _ = build({"deepinfra": {"logprobs": True, "top_logprobs": 5}})
    assert (explicit["logprobs"], explicit["top_logprobs"]) == (True, 5)


@pytest.mark.parametrize("key", ["deepinfra", "openaiCompatible"])
def test_reserved_fields_stay_reserved_under_either_key(key: str) -> None:
    with pytest.raises(InvalidArgumentError, match="must not set 'messages'"):
        build({key: {"messages": []}})
    with pytest.raises(InvalidArgumentError, match=r"provider_options\['openaiCompatible'\] must be a dict"):
        build({"openaiCompatible": "low"})


def test_part_options_merge_both_keys() -> None:
    cache = {"type": "ephemeral"}
    prompt = [
        UserMessage(
            [
                TextPart("long context", provider_options={"openaiCompatible": {"cache_control": cache}}),
                TextPart("question", provider_options={"deepinfra": {"x_tag": "q"}}),
            ]
        )
    ]
    options = CallOptions(prompt=prompt)
    body = build_chat_request(MODEL, options, provider_options_key="deepinfra", stream=False).body
    assert body["messages"][0]["content"] == [
        {"type": "text", "text": "long context", "cache_control": cache},
        {"type": "text", "text": "question", "x_tag": "q"},
    ]


@pytest.mark.parametrize(
    "provider_options",
    [{"deepinfra": {"thought_signature": "sig-1"}}, {"openaiCompatible": {"thoughtSignature": "sig-1"}}],
)
def test_thought_signatures_go_back_in_extra_content(provider_options: Any) -> None:
    prompt = [
        UserMessage("Weather in Paris?"),
        AssistantMessage([ToolCallPart("call_1", "weather", {"city": "Paris"}, provider_options=provider_options)]),
        ToolMessage([ToolResultPart("call_1", "weather", ToolResultOutput("json", {"temp": 21}))]),
    ]
    body, _ = build(None, prompt=prompt)
    [call] = body["messages"][1]["tool_calls"]
    assert call["extra_content"] == {"google": {"thought_signature": "sig-1"}}
    assert "thought_signature" not in call
    assert "thoughtSignature" not in call


def test_a_pdf_part_is_refused_before_sending_when_the_api_has_no_file_part() -> None:
    prompt = [UserMessage([TextPart("Summarise"), FilePart(b"%PDF-1.7 ...", "application/pdf")])]
    with pytest.raises(UnsupportedFunctionalityError, match="Extract the PDF's text") as caught:
        build_chat_request(
            MODEL, CallOptions(prompt=prompt), provider_options_key="deepinfra", stream=False, supports_pdf=False
        )
    assert caught.value.functionality == "PDF file parts"
    # The OpenAI-compatible default still sends it, and DeepInfra's schema is why the check exists:
    body = build_chat_request(MODEL, CallOptions(prompt=prompt), provider_options_key="deepinfra", stream=False).body
    assert body["messages"][0]["content"][1]["type"] == "file"
    assert schema_errors("OpenAIChatCompletionsIn", body) != []


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("repetiton_penalty", "repetition_penalty"),
        ("reasoning_efort", "reasoning_effort"),
        ("top_logprob", "top_logprobs"),
    ],
)
def test_a_misspelt_option_is_sent_but_the_warning_names_the_field_it_resembles(typo: str, meant: str) -> None:
    body, warnings = build({"deepinfra": {typo: 1}})
    assert body[typo] == 1
    assert len(warnings) == 1
    assert warnings[0].type == "other"
    assert f"{typo!r}" in str(warnings[0].message)
    assert f"did you mean {meant!r}" in str(warnings[0].message)


def test_known_fields_and_unknown_fields_that_resemble_none_draw_no_warning() -> None:
    _, warnings = build(
        {
            "deepinfra": {
                "repetition_penalty": 1.1,
                "min_p": 0.05,
                "top_k": 40,
                "chat_template_kwargs": {"enable_thinking": False},
                "service_tier": "priority",
                "guided_regex": "[a-z]+",
                "min_tokens": 4,  # vLLM's, one letter from max_tokens: known, so no false hint
            }
        }
    )
    assert warnings == []


@pytest.mark.parametrize("stream", [False, True])
def test_n_above_one_is_not_sent_since_a_result_holds_one_choice(stream: bool) -> None:
    options = CallOptions(prompt=PROMPT, provider_options={"deepinfra": {"n": 3, "min_p": 0.1}})
    request = build_chat_request(MODEL, options, provider_options_key="deepinfra", stream=stream)
    assert "n" not in request.body
    assert request.body["min_p"] == 0.1
    assert [(w.type, w.feature) for w in request.warnings] == [("unsupported", "n")]
    assert "n=3 was not sent" in str(request.warnings[0].details)
    body, warnings = build({"deepinfra": {"n": 1}})
    assert (body["n"], warnings) == (1, [])

"""Logprobs, the echoed service tier, prediction-token counts, thought signatures and cached tokens,
read from whole answers and from streams (split at any byte), for chat and completion, and reported in
``provider_metadata`` under the provider's key."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ai_sdk.openai_compatible.chat.response import parse_chat_response
from ai_sdk.openai_compatible.completion.response import parse_completion_response
from ai_sdk.openai_compatible.completion.stream_parser import CompletionStreamParser
from ai_sdk.openai_compatible.usage import convert_usage
from ai_sdk.spec import Finish, ModelToolCall

from .chat_helpers import parse_chunks

URL = "https://api.deepinfra.com/v1/openai/chat/completions"
ENTRY_A = {"token": "Hi", "logprob": -0.1, "bytes": [72, 105], "top_logprobs": [{"token": "Hi", "logprob": -0.1}]}
ENTRY_B = {"token": "!", "logprob": -0.7, "bytes": [33], "top_logprobs": [{"token": "!", "logprob": -0.7}]}
USAGE = {
    "prompt_tokens": 10,
    "completion_tokens": 4,
    "total_tokens": 14,
    "prompt_tokens_details": {"cached_tokens": 6},
    "completion_tokens_details": {"accepted_prediction_tokens": 3, "rejected_prediction_tokens": 1},
}
ANSWER = {
    "id": "chatcmpl-1",
    "model": "google/gemini-2.5-flash",
    "created": 1,
    "service_tier": "priority",
    "choices": [
        {
            "index": 0,
            "finish_reason": "tool_calls",
            "message": {
                "role": "assistant",
                "content": "Hi!",
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "weather", "arguments": "{}"},
                        "extra_content": {"google": {"thought_signature": "c2lnbmF0dXJl"}},
                    }
                ],
            },
            "logprobs": {"content": [ENTRY_A, ENTRY_B]},
        }
    ],
    "usage": USAGE,
}
EXTRAS = {
    "logprobs": [ENTRY_A, ENTRY_B],
    "service_tier": "priority",
    "accepted_prediction_tokens": 3,
    "rejected_prediction_tokens": 1,
}


def test_whole_chat_answer() -> None:
    result = parse_chat_response(
        ANSWER,
        url=URL,
        headers={},
        request_body={},
        warnings=[],
        usage_converter=convert_usage,
        metadata_extractor=lambda body: {"deepinfra": {"estimated_cost": 0.5}},
        metadata_key="deepinfra",
    )
    assert result.provider_metadata == {"deepinfra": {"estimated_cost": 0.5, **EXTRAS}}
    call = result.content[-1]
    assert isinstance(call, ModelToolCall)
    assert call.provider_metadata == {"deepinfra": {"thought_signature": "c2lnbmF0dXJl"}}
    assert (result.usage.input_token_details.cache_read, result.usage.input_token_details.no_cache) == (6, 4)


def test_without_a_metadata_key_nothing_is_added() -> None:
    result = parse_chat_response(
        ANSWER, url=URL, headers={}, request_body={}, warnings=[], usage_converter=convert_usage
    )
    assert result.provider_metadata is None
    assert result.content[-1].provider_metadata is None


def _chat_frames() -> list[bytes]:
    head = {"id": "c", "model": "m", "created": 1, "service_tier": "default", "object": "chat.completion.chunk"}
    chunks = [
        {**head, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]},
        {**head, "choices": [{"index": 0, "delta": {"content": "Hi"}, "logprobs": {"content": [ENTRY_A]}}]},
        {**head, "choices": [{"index": 0, "delta": {"content": "!"}, "logprobs": {"content": [ENTRY_B]}}]},
        {
            **head,
            "choices": [
                {
                    "index": 0,
                    "delta": {
                        "tool_calls": [
                            {
                                "index": 0,
                                "id": "call_1",
                                "function": {"name": "weather", "arguments": "{}"},
                                "extra_content": {"google": {"thought_signature": "sig"}},
                            }
                        ]
                    },
                }
            ],
        },
        {**head, "choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}], "usage": USAGE},
    ]
    return [f"data: {json.dumps(chunk)}\n\n".encode() for chunk in chunks] + [b"data: [DONE]\n\n"]


@given(cuts=st.lists(st.integers(min_value=1, max_value=4000), max_size=12))
def test_streamed_chat_extras_survive_any_split(cuts: list[int]) -> None:
    data = b"".join(_chat_frames())
    points = sorted({cut % len(data) for cut in cuts} - {0})
    pieces = [data[start:end] for start, end in zip([0, *points], [*points, len(data)], strict=True)]
    parts = parse_chunks(pieces, metadata_key="deepinfra")
    finish = parts[-1]
    assert isinstance(finish, Finish)
    assert finish.provider_metadata == {"deepinfra": {**EXTRAS, "service_tier": "default"}}
    [call] = [part for part in parts if isinstance(part, ModelToolCall)]
    assert call.provider_metadata == {"deepinfra": {"thought_signature": "sig"}}
    assert "".join(part.delta for part in parts if part.type == "text-delta") == "Hi!"


COMPLETION_LOGPROBS = {"tokens": ["a", "b"], "token_logprobs": [-0.1, -0.2], "top_logprobs": [{"a": -0.1}, {"b": -0.2}]}


def test_whole_completion_answer() -> None:
    answer: dict[str, Any] = {
        "choices": [{"text": "ab", "finish_reason": "stop", "logprobs": COMPLETION_LOGPROBS}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 2},
        "service_tier": "default",
    }
    result = parse_completion_response(
        answer, headers={}, request_body={}, warnings=[], usage_converter=convert_usage, metadata_key="deepinfra"
    )
    assert result.provider_metadata == {"deepinfra": {"logprobs": COMPLETION_LOGPROBS, "service_tier": "default"}}


def test_streamed_completion_logprobs_are_joined() -> None:
    parser = CompletionStreamParser(url=URL, usage_converter=convert_usage, metadata_key="deepinfra")
    for index, token in enumerate(["a", "b"]):
        logprobs = {
            "tokens": [token],
            "token_logprobs": [-0.1 * (index + 1)],
            "top_logprobs": [{token: -0.1 * (index + 1)}],
        }
        parser.feed(json.dumps({"choices": [{"text": token, "logprobs": logprobs, "finish_reason": None}]}))
    parser.feed(json.dumps({"choices": [{"text": "", "finish_reason": "stop"}], "usage": {"prompt_tokens": 1}}))
    finish = parser.finish()[-1]
    assert isinstance(finish, Finish)
    assert finish.provider_metadata == {"deepinfra": {"logprobs": COMPLETION_LOGPROBS}}

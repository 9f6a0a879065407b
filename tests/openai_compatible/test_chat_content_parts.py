"""Message content given as an array of parts: text parts are text (streamed, not dropped) and
``thinking`` parts are reasoning, in a plain answer and in a stream, through generate_text and
stream_text in both APIs."""

from __future__ import annotations

import json
from typing import Any

from ai_sdk.core.generate_text import generate_text, generate_text_sync
from ai_sdk.core.stream_text import stream_text, stream_text_sync
from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.spec import ReasoningDelta, TextDelta
from ai_sdk.testing.mock_transport import MockResponse, MockTransport

THINKING = {"type": "thinking", "thinking": "The user greets; "}
MORE_THINKING = {"type": "thinking", "thinking": "answer politely."}


def answer() -> MockResponse:
    message = {
        "role": "assistant",
        "content": [THINKING, MORE_THINKING, {"type": "text", "text": "Hello"}, {"type": "text", "text": " there"}],
    }
    body = {"id": "x", "object": "chat.completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}}  # fmt: skip
    return MockResponse(200, {"content-type": "application/json"}, json.dumps(body).encode())


def streamed() -> MockResponse:
    deltas: list[dict[str, Any]] = [
        {"role": "assistant", "content": [THINKING]},
        {"content": [MORE_THINKING]},
        {"content": [{"type": "text", "text": "Hello"}]},
        {"content": [{"type": "text", "text": " there"}, {"type": "image_url", "image_url": {"url": "x"}}]},
    ]
    chunks = [{"id": "x", "object": "chat.completion.chunk", "created": 1, "model": "m",
               "choices": [{"index": 0, "delta": delta, "finish_reason": None}]} for delta in deltas]  # fmt: skip
    chunks.append({"id": "x", "object": "chat.completion.chunk", "created": 1, "model": "m",
                   "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                   "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}})  # fmt: skip
    body = "".join(f"data: {json.dumps(chunk)}\n\n" for chunk in chunks) + "data: [DONE]\n\n"
    return MockResponse(200, {"content-type": "text/event-stream"}, chunks=[body.encode()])


def model(response: MockResponse) -> Any:
    mock = MockTransport(response)
    return create_deepinfra(api_key="k", transport=mock, async_transport=mock)("deepseek-ai/DeepSeek-R1")


async def test_a_content_array_answer_keeps_text_and_thinking(mode: str) -> None:
    kwargs: dict[str, Any] = {"model": model(answer()), "prompt": "Hi"}
    result = generate_text_sync(**kwargs) if mode == "sync" else await generate_text(**kwargs)
    assert result.text == "Hello there"
    assert result.reasoning_text == "The user greets; answer politely."


async def test_a_streamed_content_array_is_streamed_as_text_and_reasoning(mode: str) -> None:
    kwargs: dict[str, Any] = {"model": model(streamed()), "prompt": "Hi"}
    if mode == "sync":
        result = stream_text_sync(**kwargs)
        parts = list(result.full_stream)
        text, reasoning = result.text, result.reasoning_text
    else:
        async_result = stream_text(**kwargs)
        parts = [part async for part in async_result.full_stream]
        text, reasoning = await async_result.text, await async_result.reasoning_text
    assert [part.delta for part in parts if type(part) is TextDelta] == ["Hello", " there"]
    assert [part.delta for part in parts if type(part) is ReasoningDelta] == ["The user greets; ", "answer politely."]
    assert text == "Hello there"
    assert reasoning == "The user greets; answer politely."

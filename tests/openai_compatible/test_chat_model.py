"""The chat model's blocking and async drivers over a mock transport, parametrized over the same
fixtures: request, parsing, stream lifetime (every way a stream ends releases its connection) and
error answers."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from ai_sdk.http.provider_transports import Transports
from ai_sdk.openai_compatible.chat_model import OpenAICompatibleChatModel
from ai_sdk.openai_compatible.config import ModelConfig
from ai_sdk.spec import (
    APICallError,
    CallOptions,
    Finish,
    FinishReason,
    LanguageModel,
    RawChunk,
    StreamError,
    Text,
    TextPart,
    UserMessage,
)
from ai_sdk.testing.mock_transport import MockResponse, MockTransport

from .chat_helpers import MODES, comparable, fixture_bytes, generate, json_response, parse_chunks, sse_response, stream

OPTIONS = CallOptions(prompt=[UserMessage([TextPart("Hi")])])


def make_model(handler: Any, **kwargs: Any) -> tuple[OpenAICompatibleChatModel, MockTransport]:
    mock = MockTransport(handler)
    config = ModelConfig(
        provider="test.chat",
        base_url="https://example.test/v1",
        headers=lambda: {"authorization": "Bearer test-key", "x-provider": "p", "x-drop": "d"},
        transports=Transports(transport=mock, async_transport=mock),
    )
    return OpenAICompatibleChatModel("test-model", config, provider_options_key="test", **kwargs), mock


def test_model_implements_the_spec_protocol() -> None:
    model, _ = make_model(MockResponse())
    assert isinstance(model, LanguageModel)
    assert (model.specification_version, model.provider, model.model_id) == ("v3", "test.chat", "test-model")
    assert repr(model) == "OpenAICompatibleChatModel(provider='test.chat', model_id='test-model')"


@pytest.mark.parametrize("mode", MODES)
async def test_generate_request_and_result(mode: str) -> None:
    model, mock = make_model(json_response("chat.json", headers={"x-request-id": "r1"}))
    options = CallOptions(
        prompt=OPTIONS.prompt, temperature=0.3, headers={"X-Call": "c", "x-provider": "override", "x-drop": None}
    )
    options = CallOptions(**{**{f: getattr(options, f) for f in options.__slots__}, "timeout": 12.5})
    result = await generate(model, options, mode)
    request = mock.last_request
    assert (request.method, request.url) == ("POST", "https://example.test/v1/chat/completions")
    assert request.headers == {
        "content-type": "application/json",
        "authorization": "Bearer test-key",
        "x-provider": "override",
        "x-call": "c",
    }
    assert request.deadline is not None  # timeout= bounds this model call as a whole
    assert request.deadline.seconds == 12.5
    remaining = request.deadline.remaining()
    assert remaining is not None
    assert 0 < remaining <= 12.5
    sent = {"model": "test-model", "temperature": 0.3, "messages": [{"role": "user", "content": "Hi"}]}
    assert mock.request_json() == sent
    assert result.request.body == sent
    assert result.content == [Text("Coca Cola is ...")]
    assert result.finish_reason == FinishReason("stop", "stop")
    assert result.usage.output_tokens == 200
    assert result.usage.cost is None
    assert result.response.headers["x-request-id"] == "r1"
    assert mock.unclosed == 0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "name",
    ["chat_stream.sse", "chat_reasoning_stream.sse", "chat_tool_calls_stream.sse", "chat_usage_chunk_stream.sse"],
)
@pytest.mark.parametrize("split", [None, 7])
async def test_stream_yields_the_parser_parts_and_closes(mode: str, name: str, split: int | None) -> None:
    model, mock = make_model(sse_response(name, split=split, headers={"x-request-id": "r2"}))
    result, parts = await stream(model, OPTIONS, mode)
    assert comparable(parts) == comparable(parse_chunks([fixture_bytes(name)]))
    assert mock.request_json()["stream"] is True
    assert "stream_options" not in mock.request_json()
    assert result.request.body == mock.request_json()
    assert result.response.headers["x-request-id"] == "r2"
    assert mock.unclosed == 0
    assert result.stream.closed


@pytest.mark.parametrize("mode", MODES)
async def test_stream_with_include_usage_and_raw_chunks(mode: str) -> None:
    model, mock = make_model(sse_response("chat_stream.sse"), include_usage=True)
    options = CallOptions(prompt=OPTIONS.prompt, include_raw_chunks=True)
    _, parts = await stream(model, options, mode)
    assert mock.request_json()["stream_options"] == {"include_usage": True}
    assert sum(isinstance(p, RawChunk) for p in parts) == 3


async def test_breaking_out_of_a_sync_stream_releases_the_connection() -> None:
    model, mock = make_model(sse_response("chat_stream.sse"))
    result = model.do_stream_sync(OPTIONS)
    for _ in result.stream:
        break
    assert mock.unclosed == 0
    assert list(result.stream) == []


async def test_breaking_out_of_an_async_stream_releases_the_connection() -> None:
    model, mock = make_model(sse_response("chat_stream.sse"))
    result = await model.do_stream(OPTIONS)
    async for _ in result.stream:
        break
    for _ in range(5):  # the event loop closes an abandoned async generator on a later turn
        await asyncio.sleep(0)
    assert mock.unclosed == 0


@pytest.mark.parametrize("mode", MODES)
async def test_close_is_idempotent_and_ends_iteration(mode: str) -> None:
    model, mock = make_model(sse_response("chat_stream.sse"))
    if mode == "sync":
        result: Any = model.do_stream_sync(OPTIONS)
        first = next(result.stream)
        result.stream.close()
        result.stream.close()
        with pytest.raises(StopIteration):
            next(result.stream)
        assert list(result.stream) == []
    else:
        result = await model.do_stream(OPTIONS)
        first = await result.stream.__anext__()
        result.stream.close()
        result.stream.close()
        with pytest.raises(StopAsyncIteration):
            await result.stream.__anext__()
        assert [p async for p in result.stream] == []
    assert first.type == "stream-start"
    assert mock.unclosed == 0


@pytest.mark.parametrize("mode", MODES)
async def test_an_exception_in_the_consumer_releases_the_connection(mode: str) -> None:
    model, mock = make_model(sse_response("chat_stream.sse"))

    async def consume() -> None:
        if mode == "sync":
            for _ in model.do_stream_sync(OPTIONS).stream:
                raise RuntimeError("consumer failed")
        else:
            async for _ in (await model.do_stream(OPTIONS)).stream:
                raise RuntimeError("consumer failed")

    with pytest.raises(RuntimeError, match="consumer failed"):
        await consume()
    for _ in range(5):
        await asyncio.sleep(0)
    assert mock.unclosed == 0


@pytest.mark.parametrize("mode", MODES)
async def test_a_connection_lost_mid_stream_is_an_error_part(mode: str) -> None:
    first_frame = fixture_bytes("chat_stream.sse").split(b"\n\n")[1] + b"\n\n"
    lost = APICallError("Request to x failed: connection reset", url="x")
    model, mock = make_model(MockResponse(200, {"content-type": "text/event-stream"}, chunks=[first_frame, lost]))
    _, parts = await stream(model, OPTIONS, mode)
    assert StreamError(lost) in parts
    assert isinstance(parts[-1], Finish)
    assert parts[-1].finish_reason == FinishReason("error", None)
    assert mock.unclosed == 0


ERROR_CASES = [
    ("error_openai.json", 401, "Not authenticated", False),
    ("error_validation.json", 422, "body.temperature: ensure this value is less than or equal to 2", False),
    ("error_unauthorised.json", 401, "Unauthorised", False),
    ("error_tools_unsupported.json", 405, "Tool calling is not supported for model google/gemma-2-9b-it", False),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("streaming", [False, True])
@pytest.mark.parametrize(("name", "status", "message", "retryable"), ERROR_CASES)
async def test_error_answers(mode: str, streaming: bool, name: str, status: int, message: str, retryable: bool) -> None:
    model, mock = make_model(json_response(name, status))
    call = stream if streaming else generate
    with pytest.raises(APICallError) as caught:
        await call(model, OPTIONS, mode)
    error = caught.value
    assert error.message == message
    assert error.status_code == status
    assert error.is_retryable is retryable
    assert error.url == "https://example.test/v1/chat/completions"
    assert error.request_body == mock.request_json()
    assert mock.unclosed == 0


@pytest.mark.parametrize("mode", MODES)
async def test_model_busy_is_retryable(mode: str) -> None:
    model, _ = make_model(MockResponse.json({"error": {"message": "Model busy, retry later"}}, status=429))
    with pytest.raises(APICallError, match="Model busy") as caught:
        await generate(model, OPTIONS, mode)
    assert caught.value.is_retryable


@pytest.mark.parametrize("mode", MODES)
async def test_tool_calls_response(mode: str) -> None:
    model, _ = make_model(json_response("chat_tool_calls.json"))
    result = await generate(model, OPTIONS, mode)
    assert [c.tool_name for c in result.content] == ["get_weather", "get_time"]  # type: ignore[union-attr]
    assert json.loads(result.content[1].input) == {}  # type: ignore[union-attr]

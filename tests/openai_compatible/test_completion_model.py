"""The OpenAI-compatible completion model over a MockTransport: request/response, streaming (sync and
async over the same scripts), and generate_text / stream_text driving it."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ai_sdk.core.generate_text import generate_text, generate_text_sync
from ai_sdk.core.stream_text import stream_text, stream_text_sync
from ai_sdk.deepinfra.usage import convert_deepinfra_usage
from ai_sdk.http.provider_transports import Transports
from ai_sdk.openai_compatible.completion_model import OpenAICompatibleCompletionModel
from ai_sdk.openai_compatible.config import ModelConfig
from ai_sdk.spec import (
    APICallError,
    CallOptions,
    CallWarning,
    Finish,
    FinishReason,
    FunctionTool,
    GenerateResult,
    LanguageModel,
    StreamError,
    StreamPart,
    StreamResult,
    SystemMessage,
    Text,
    TextDelta,
    UserMessage,
)
from ai_sdk.testing.mock_transport import MockResponse, MockTransport
from ai_sdk.testing.openapi import schema_errors

BASE = "https://api.deepinfra.com/v1/openai"
MODEL_ID = "meta-llama/Meta-Llama-3.1-8B-Instruct"
USAGE = {"prompt_tokens": 14, "total_tokens": 18, "completion_tokens": 4, "estimated_cost": 2.1e-06}
HEAD = {"id": "cmpl-5c1d", "object": "text_completion", "created": 1732684495, "model": MODEL_ID}
RESPONSE = {
    **HEAD,
    "choices": [{"index": 0, "text": "Blue, like the sky.", "logprobs": None, "finish_reason": "stop"}],
    "usage": USAGE,
}
PROMPT = [SystemMessage("Answer briefly."), UserMessage("Name a colour.")]
PROMPT_TEXT = "Answer briefly.\n\nuser:\nName a colour.\n\nassistant:\n"


def stream_events(*texts: str, finish_reason: str = "stop") -> list[dict[str, Any]]:
    events = [
        {**HEAD, "choices": [{"index": 0, "text": text, "logprobs": None, "finish_reason": None}], "usage": None}
        for text in texts
    ]
    events.append({**HEAD, "choices": [{"index": 0, "text": "", "finish_reason": finish_reason}], "usage": USAGE})
    return events


def make_model(transport: MockTransport) -> OpenAICompatibleCompletionModel:
    config = ModelConfig(
        provider="deepinfra.completion",
        base_url=BASE,
        headers=lambda: {"authorization": "Bearer test-key"},
        transports=Transports(transport=transport, async_transport=transport),
    )
    return OpenAICompatibleCompletionModel(
        MODEL_ID, config, provider_options_key="deepinfra", usage_converter=convert_deepinfra_usage
    )


async def generate(mode: str, model: OpenAICompatibleCompletionModel, options: CallOptions) -> GenerateResult:
    return model.do_generate_sync(options) if mode == "sync" else await model.do_generate(options)


async def stream(
    mode: str, model: OpenAICompatibleCompletionModel, options: CallOptions
) -> tuple[StreamResult[Any], list[StreamPart]]:
    if mode == "sync":
        result: StreamResult[Any] = model.do_stream_sync(options)
        return result, list(result.stream)
    result = await model.do_stream(options)
    return result, [part async for part in result.stream]


def test_implements_the_spec() -> None:
    model = make_model(MockTransport(MockResponse.json(RESPONSE)))
    assert isinstance(model, LanguageModel)
    assert (model.specification_version, model.provider, model.model_id) == ("v3", "deepinfra.completion", MODEL_ID)


async def test_generate(mode: str) -> None:
    transport = MockTransport(MockResponse.json(RESPONSE, headers={"x-request-id": "r1"}))
    options = CallOptions(prompt=PROMPT, max_output_tokens=32, temperature=0.2, top_k=20, headers={"X-Trace": "t"})
    result = await generate(mode, make_model(transport), options)

    request = transport.last_request
    assert (request.method, request.url) == ("POST", f"{BASE}/completions")
    assert request.headers["authorization"] == "Bearer test-key"
    assert request.headers["x-trace"] == "t"
    body = transport.request_json()
    assert body == {
        "model": MODEL_ID,
        "max_tokens": 32,
        "temperature": 0.2,
        "top_k": 20,
        "prompt": PROMPT_TEXT,
        "stop": ["\nuser:"],
    }
    assert schema_errors("OpenAICompletionsIn", body) == []

    assert result.content == [Text("Blue, like the sky.")]
    assert result.finish_reason == FinishReason("stop", "stop")
    assert (result.usage.input_tokens, result.usage.output_tokens, result.usage.cost) == (14, 4, 2.1e-06)
    assert result.request.body == body
    assert result.response.id == "cmpl-5c1d"
    assert result.response.model_id == MODEL_ID
    assert result.response.timestamp == datetime.fromtimestamp(1732684495, UTC)
    assert result.response.headers is not None
    assert result.response.headers["x-request-id"] == "r1"
    assert result.response.body == RESPONSE
    assert result.warnings == []
    assert transport.unclosed == 0


async def test_generate_warns_about_tools(mode: str) -> None:
    transport = MockTransport(MockResponse.json(RESPONSE))
    options = CallOptions(prompt=PROMPT, tools=[FunctionTool("weather", {"type": "object"})])
    result = await generate(mode, make_model(transport), options)
    assert result.warnings == [
        CallWarning("unsupported", "tools", "A completion model cannot call tools; use a chat model.")
    ]
    assert "tools" not in transport.request_json()


@pytest.mark.parametrize(
    ("value", "content", "finish"),
    [
        ({"choices": [{"text": "", "finish_reason": "length"}]}, [], FinishReason("length", "length")),
        ({"choices": [{"text": "x", "finish_reason": "weird"}]}, [Text("x")], FinishReason("other", "weird")),
        ({"choices": [{"text": None, "finish_reason": None}]}, [], FinishReason("other")),
    ],
)
async def test_generate_edge_answers(mode: str, value: Any, content: list[Text], finish: FinishReason) -> None:
    result = await generate(mode, make_model(MockTransport(MockResponse.json(value))), CallOptions(prompt=PROMPT))
    assert result.content == content
    assert result.finish_reason == finish
    assert result.usage.input_tokens is None
    assert result.response.id is None


@pytest.mark.parametrize("value", [{"choices": []}, {"object": "x"}, [1], {"choices": [{"text": 5}]}])
async def test_generate_rejects_answers_without_a_choice(mode: str, value: Any) -> None:
    from ai_sdk.spec import InvalidResponseDataError

    with pytest.raises(InvalidResponseDataError) as caught:
        await generate(mode, make_model(MockTransport(MockResponse.json(value))), CallOptions(prompt=PROMPT))
    assert caught.value.data == value


async def test_generate_http_error(mode: str) -> None:
    answer = MockResponse.json({"detail": [{"loc": ["body", "max_tokens"], "msg": "too big", "type": "x"}]}, 422)
    transport = MockTransport(answer)
    with pytest.raises(APICallError) as caught:
        await generate(mode, make_model(transport), CallOptions(prompt=PROMPT))
    assert caught.value.status_code == 422
    assert "too big" in caught.value.message


async def test_stream(mode: str) -> None:
    transport = MockTransport(MockResponse.sse(stream_events("Blue", ", like", " the sky.")))
    options = CallOptions(prompt=PROMPT, tools=[FunctionTool("t", {})], stop_sequences=["END"])
    result, parts = await stream(mode, make_model(transport), options)

    body = transport.request_json()
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}
    assert body["stop"] == ["\nuser:", "END"]
    assert schema_errors("OpenAICompletionsIn", body) == []
    assert result.request.body == body
    assert result.response.headers is not None
    assert result.response.headers["content-type"] == "text/event-stream"

    assert [part.type for part in parts] == [
        "stream-start",
        "response-metadata",
        "text-start",
        "text-delta",
        "text-delta",
        "text-delta",
        "text-end",
        "finish",
    ]
    assert parts[0].warnings[0].feature == "tools"  # type: ignore[union-attr]
    assert "".join(part.delta for part in parts if isinstance(part, TextDelta)) == "Blue, like the sky."
    finish = parts[-1]
    assert isinstance(finish, Finish)
    assert finish.finish_reason == FinishReason("stop", "stop")
    assert finish.usage.cost == 2.1e-06
    assert transport.unclosed == 0


async def test_stream_http_error_raises_before_streaming(mode: str) -> None:
    transport = MockTransport(MockResponse.json({"error": {"message": "Not authenticated"}}, 401))
    with pytest.raises(APICallError, match="Not authenticated"):
        await stream(mode, make_model(transport), CallOptions(prompt=PROMPT))
    assert transport.unclosed == 0


async def test_stream_cut_by_the_network(mode: str) -> None:
    frames = MockResponse.sse(stream_events("Once"), done=False).chunks[:1]
    broken = APICallError("Connection reset", url=f"{BASE}/completions")
    transport = MockTransport(MockResponse(200, {"content-type": "text/event-stream"}, chunks=[*frames, broken]))
    _, parts = await stream(mode, make_model(transport), CallOptions(prompt=PROMPT))
    assert [part.delta for part in parts if isinstance(part, TextDelta)] == ["Once"]
    assert any(isinstance(part, StreamError) and part.error is broken for part in parts)
    assert parts[-1] == Finish(FinishReason("error"), convert_deepinfra_usage(None))
    assert transport.unclosed == 0


def test_closing_early_releases_the_response() -> None:
    transport = MockTransport(MockResponse.sse(stream_events("a", "b", "c")))
    result = make_model(transport).do_stream_sync(CallOptions(prompt=PROMPT))
    assert next(iter(result.stream)).type == "stream-start"
    result.stream.close()
    result.stream.close()
    assert transport.unclosed == 0
    assert list(result.stream) == []


def test_breaking_a_for_loop_releases_the_response() -> None:
    transport = MockTransport(MockResponse.sse(stream_events("a", "b", "c")))
    result = make_model(transport).do_stream_sync(CallOptions(prompt=PROMPT))
    for part in result.stream:
        if isinstance(part, TextDelta):
            break
    assert transport.unclosed == 0


async def test_async_close_before_reading() -> None:
    transport = MockTransport(MockResponse.sse(stream_events("a")))
    result = await make_model(transport).do_stream(CallOptions(prompt=PROMPT))
    result.stream.close()
    assert transport.unclosed == 0
    assert [part async for part in result.stream] == []


SSE_BODY = b"".join(
    chunk for chunk in MockResponse.sse(stream_events("Hé", "llo", " wörld")).chunks if isinstance(chunk, bytes)
)


def parts_for(chunks: list[bytes]) -> list[StreamPart]:
    transport = MockTransport(MockResponse(200, {"content-type": "text/event-stream"}, chunks=chunks))
    return list(make_model(transport).do_stream_sync(CallOptions(prompt=PROMPT)).stream)


EXPECTED = parts_for([SSE_BODY])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, len(SSE_BODY)), max_size=12))
def test_any_split_of_the_body_gives_the_same_parts(cuts: list[int]) -> None:
    bounds = [0, *sorted(cuts), len(SSE_BODY)]
    chunks = [SSE_BODY[a:b] for a, b in itertools.pairwise(bounds)]
    assert parts_for(chunks) == EXPECTED


def test_expected_parts_hold_the_text() -> None:
    assert "".join(part.delta for part in EXPECTED if isinstance(part, TextDelta)) == "Héllo wörld"


# ----------------------------------------------------------------------- through the core functions


async def test_generate_text_drives_it(mode: str) -> None:
    transport = MockTransport(MockResponse.json(RESPONSE))
    kwargs: dict[str, Any] = {"model": make_model(transport), "system": "Answer briefly.", "prompt": "Name a colour."}
    result = generate_text_sync(**kwargs) if mode == "sync" else await generate_text(**kwargs)
    assert result.text == "Blue, like the sky."
    assert result.usage.cost == 2.1e-06
    assert transport.request_json()["prompt"] == PROMPT_TEXT


async def test_generate_text_with_json_output_warns(mode: str) -> None:
    from ai_sdk.core.output import Output

    answer = {**RESPONSE, "choices": [{"index": 0, "text": '{"colour": "blue"}', "finish_reason": "stop"}]}
    transport = MockTransport(MockResponse.json(answer))
    kwargs: dict[str, Any] = {
        "model": make_model(transport),
        "prompt": "Name a colour as JSON.",
        "output": Output.json(),
    }
    result = generate_text_sync(**kwargs) if mode == "sync" else await generate_text(**kwargs)
    assert [warning.feature for warning in result.warnings] == ["response_format"]
    assert "response_format" not in transport.request_json()


async def test_stream_text_drives_it(mode: str) -> None:
    transport = MockTransport(MockResponse.sse(stream_events("Blue", ", like", " the sky.")))
    model = make_model(transport)
    if mode == "sync":
        sync_result = stream_text_sync(model=model, prompt="Name a colour.")
        deltas = list(sync_result.text_stream)
        usage = sync_result.usage
    else:
        async_result = stream_text(model=model, prompt="Name a colour.")
        deltas = [delta async for delta in async_result.text_stream]
        usage = await async_result.usage
    assert deltas == ["Blue", ", like", " the sky."]
    assert usage.output_tokens == 4
    assert json.loads(transport.requests[0].body or b"")["stream"] is True


async def test_a_stop_provider_option_that_is_not_sent_is_a_warning_on_the_result(mode: str) -> None:
    transport = MockTransport(MockResponse.json(RESPONSE))
    options = CallOptions(prompt=PROMPT, provider_options={"deepinfra": {"stop": ["END"]}})
    result = await generate(mode, make_model(transport), options)
    assert transport.request_json()["stop"] == ["\nuser:"]
    assert [str(warning.message) for warning in result.warnings] == [
        "provider option 'stop' was not sent; pass stop_sequences="
    ]

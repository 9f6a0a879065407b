"""The OpenAI-compatible embedding model over a MockTransport: request bodies (checked against
DeepInfra's OpenAPI schema), the recorded response, errors, and embed_many driving it in chunks."""

from __future__ import annotations

import asyncio
import base64
import struct
from typing import Any

import pytest

from ai_sdk.core import retry
from ai_sdk.core.embed import EmbedManyResult, embed, embed_many, embed_many_sync, embed_sync
from ai_sdk.http.provider_transports import Transports
from ai_sdk.http.transport import HttpRequest
from ai_sdk.openai_compatible.config import ModelConfig
from ai_sdk.openai_compatible.embedding_model import OpenAICompatibleEmbeddingModel
from ai_sdk.spec import (
    APICallError,
    EmbeddingChunkError,
    EmbeddingModel,
    EmbeddingUsage,
    EmbedOptions,
    EmbedResult,
    InvalidArgumentError,
    InvalidResponseDataError,
    TooManyEmbeddingValuesForCallError,
    _json,
)
from ai_sdk.testing.mock_transport import MockResponse, MockTransport
from ai_sdk.testing.openapi import schema_errors

BASE = "https://api.deepinfra.com/v1/openai"
MODEL_ID = "BAAI/bge-base-en-v1.5"
VECTOR = [0.0123291015625, -0.0396728515625, 0.0478515625, 0.00885009765625]
# The recorded payload of deepinfra-api.md, with a short vector in place of its 768 floats.
RECORDED = {
    "object": "list",
    "model": MODEL_ID,
    "usage": {"prompt_tokens": 12, "total_tokens": 12},
    "data": [{"index": 0, "object": "embedding", "embedding": VECTOR}],
}


def make_model(transport: Any, *, async_transport: Any = None, **kwargs: Any) -> OpenAICompatibleEmbeddingModel:
    config = ModelConfig(
        provider="deepinfra.embedding",
        base_url=BASE,
        headers=lambda: {"authorization": "Bearer test-key", "user-agent": "ai-sdk/deepinfra/0.1.0"},
        transports=Transports(transport=transport, async_transport=async_transport or transport),
    )
    return OpenAICompatibleEmbeddingModel(MODEL_ID, config, provider_options_key="deepinfra", **kwargs)


async def do_embed(mode: str, model: OpenAICompatibleEmbeddingModel, options: EmbedOptions) -> EmbedResult:
    if mode == "sync":
        return model.do_embed_sync(options)
    return await model.do_embed(options)


async def run_embed_many(mode: str, **kwargs: Any) -> EmbedManyResult:
    if mode == "sync":
        return embed_many_sync(**kwargs)
    return await embed_many(**kwargs)


def echo_handler(request: HttpRequest) -> MockResponse:
    """Embeds each input ``"text N"`` as ``[N, len]`` and counts 3 tokens per value."""
    body = _json.loads(request.body or b"")
    data = [
        {"index": i, "object": "embedding", "embedding": [float(text.split()[1]), float(len(text))]}
        for i, text in enumerate(body["input"])
    ]
    usage = {"prompt_tokens": 3 * len(data), "total_tokens": 3 * len(data)}
    return MockResponse.json({"object": "list", "model": body["model"], "usage": usage, "data": data})


TEXTS = [f"text {i}" for i in range(5000)]


def test_implements_the_spec() -> None:
    model = make_model(MockTransport(MockResponse.json(RECORDED)))
    assert isinstance(model, EmbeddingModel)
    assert (model.specification_version, model.provider, model.model_id) == ("v3", "deepinfra.embedding", MODEL_ID)
    assert (model.max_embeddings_per_call, model.supports_parallel_calls) == (2048, True)
    assert "test-key" not in repr(model)


async def test_recorded_request_and_response(mode: str) -> None:
    transport = MockTransport(MockResponse.json(RECORDED, headers={"x-request-id": "abc"}))
    model = make_model(transport)
    result = await do_embed(mode, model, EmbedOptions(["sunny day at the beach"], headers={"X-Trace": "1"}))

    request = transport.last_request
    assert (request.method, request.url) == ("POST", f"{BASE}/embeddings")
    assert request.headers["authorization"] == "Bearer test-key"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["x-trace"] == "1"
    body = transport.request_json()
    assert body == {"model": MODEL_ID, "input": ["sunny day at the beach"], "encoding_format": "float"}
    assert schema_errors("OpenAIEmbeddingsIn", body) == []

    assert result.embeddings == [VECTOR]
    assert result.usage == EmbeddingUsage(12)
    assert result.warnings == ()
    assert result.response.headers is not None
    assert result.response.headers["x-request-id"] == "abc"
    assert result.response.body == RECORDED
    # The body on the result shares the vectors: no second copy of them.
    assert result.embeddings[0] is result.response.body["data"][0]["embedding"]
    assert transport.unclosed == 0


async def test_provider_options_are_passed_through(mode: str) -> None:
    transport = MockTransport(echo_handler)
    options = EmbedOptions(
        ["text 1", "text 2"],
        provider_options={"deepinfra": {"dimensions": 256, "user": "u-1", "service_tier": "priority"}, "x": {"a": 1}},
    )
    await do_embed(mode, make_model(transport), options)
    body = transport.request_json()
    assert body == {
        "model": MODEL_ID,
        "input": ["text 1", "text 2"],
        "encoding_format": "float",
        "dimensions": 256,
        "user": "u-1",
        "service_tier": "priority",
    }
    assert schema_errors("OpenAIEmbeddingsIn", body) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"dimensions": 0}, "'dimensions' must be a positive integer"),
        ({"dimensions": "256"}, "'dimensions' must be a positive integer"),
        ({"encoding_format": "hex"}, "'encoding_format' must be 'float' or 'base64'"),
        ({"input": ["smuggled"]}, "cannot be set"),
        ({"model": "other"}, "cannot be set"),
    ],
)
async def test_bad_provider_options_fail_before_sending(mode: str, options: dict[str, Any], message: str) -> None:
    transport = MockTransport(echo_handler)
    with pytest.raises(InvalidArgumentError, match=message):
        await do_embed(mode, make_model(transport), EmbedOptions(["text 1"], provider_options={"deepinfra": options}))
    assert transport.requests == []


async def test_provider_options_must_be_a_dict(mode: str) -> None:
    options = EmbedOptions(["text 1"], provider_options={"deepinfra": 256})  # type: ignore[dict-item]
    with pytest.raises(InvalidArgumentError, match="must be a dict"):
        await do_embed(mode, make_model(MockTransport(echo_handler)), options)


async def test_too_many_values_for_one_call(mode: str) -> None:
    transport = MockTransport(echo_handler)
    with pytest.raises(TooManyEmbeddingValuesForCallError) as caught:
        await do_embed(mode, make_model(transport), EmbedOptions(TEXTS[:2049]))
    assert caught.value.max_embeddings_per_call == 2048
    assert len(caught.value.values) == 2049
    assert "embed_many" in str(caught.value)
    assert transport.requests == []


async def test_no_limit_when_configured_so(mode: str) -> None:
    transport = MockTransport(echo_handler)
    result = await do_embed(mode, make_model(transport, max_embeddings_per_call=None), EmbedOptions(TEXTS[:3000]))
    assert len(result.embeddings) == 3000


async def test_out_of_order_answers_are_put_in_input_order(mode: str) -> None:
    data = [{"index": i, "embedding": [float(i)]} for i in (2, 0, 1)]
    transport = MockTransport(MockResponse.json({"data": data}))
    result = await do_embed(mode, make_model(transport), EmbedOptions(["a", "b", "c"]))
    assert result.embeddings == [[0.0], [1.0], [2.0]]
    assert result.usage is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"object": "list"}, "no 'data' list"),
        ([1, 2], "no 'data' list"),
        ({"data": [{"index": 0, "embedding": [1.0]}]}, "1 embeddings for 2 values"),
        ({"data": [{"index": 0, "embedding": [1.0]}, {"index": 0, "embedding": [2.0]}]}, "indices"),
        ({"data": [{"index": 0, "embedding": [1.0]}, {"index": 5, "embedding": [2.0]}]}, "indices"),
        ({"data": [{"index": 1, "embedding": [1.0]}, {"embedding": [2.0]}]}, "indices"),
        ({"data": [{"index": 0, "embedding": [1.0]}, "oops"]}, "must be objects"),
        ({"data": [{"index": 0, "embedding": [1.0]}, {"index": 1}]}, "must be objects"),
        ({"data": [{"index": 0, "embedding": [1.0]}, {"index": 1, "embedding": "AAAA"}]}, "not lists"),
    ],
)
async def test_malformed_answers(mode: str, value: Any, message: str) -> None:
    transport = MockTransport(MockResponse.json(value))
    with pytest.raises(InvalidResponseDataError, match=message) as caught:
        await do_embed(mode, make_model(transport), EmbedOptions(["a", "b"]))
    assert caught.value.data == value


def float32_base64(values: list[float]) -> str:
    return base64.b64encode(struct.pack(f"<{len(values)}f", *values)).decode()


async def test_base64_encoding_is_decoded(mode: str) -> None:
    data = [{"index": i, "embedding": float32_base64([0.5, -1.25, i])} for i in range(2)]
    transport = MockTransport(MockResponse.json({"data": data, "usage": {"prompt_tokens": 4}}))
    options = EmbedOptions(["a", "b"], provider_options={"deepinfra": {"encoding_format": "base64"}})
    result = await do_embed(mode, make_model(transport), options)
    assert transport.request_json()["encoding_format"] == "base64"
    assert schema_errors("OpenAIEmbeddingsIn", transport.request_json()) == []
    assert result.embeddings == [[0.5, -1.25, 0.0], [0.5, -1.25, 1.0]]
    assert result.usage == EmbeddingUsage(4)


@pytest.mark.parametrize("embedding", ["not base64!", [0.1, 0.2], "AAA="])
async def test_bad_base64_embeddings(mode: str, embedding: Any) -> None:
    transport = MockTransport(MockResponse.json({"data": [{"index": 0, "embedding": embedding}]}))
    options = EmbedOptions(["a"], provider_options={"deepinfra": {"encoding_format": "base64"}})
    with pytest.raises(InvalidResponseDataError, match="base64 float32"):
        await do_embed(mode, make_model(transport), options)


async def test_http_errors_are_api_call_errors(mode: str) -> None:
    answer = MockResponse.json({"error": {"message": "Model busy, retry later"}}, status=429)
    transport = MockTransport(answer)
    with pytest.raises(APICallError) as caught:
        await do_embed(mode, make_model(transport), EmbedOptions(["a"]))
    assert caught.value.status_code == 429
    assert caught.value.is_retryable
    assert "Model busy" in caught.value.message
    assert "test-key" not in repr(caught.value) + str(caught.value)


# ------------------------------------------------------------------------- embed / embed_many over HTTP


async def test_embed_many_5000_values_in_three_calls(mode: str) -> None:
    transport = MockTransport(echo_handler)
    model = make_model(transport)  # the reference's default: 2048 values a call
    result = await run_embed_many(mode, model=model, values=TEXTS)
    bodies = [_json.loads(request.body or b"") for request in transport.requests]
    assert sorted(len(body["input"]) for body in bodies) == [904, 2048, 2048]
    assert sorted(body["input"][0] for body in bodies) == ["text 0", "text 2048", "text 4096"]
    assert len(result.embeddings) == 5000
    assert all(embedding[0] == float(i) for i, embedding in enumerate(result.embeddings))
    assert result.usage == EmbeddingUsage(15000)
    assert len(result.responses) == 3
    assert transport.unclosed == 0


async def test_embed_many_in_chunks_deepinfras_schema_takes(mode: str) -> None:
    # DeepInfra's input is at most 1024 values (pydantic's max_length on its list-or-string field).
    transport = MockTransport(echo_handler)
    result = await run_embed_many(mode, model=make_model(transport, max_embeddings_per_call=1024), values=TEXTS)
    bodies = [_json.loads(request.body or b"") for request in transport.requests]
    assert sorted(len(body["input"]) for body in bodies) == [904, 1024, 1024, 1024, 1024]
    assert all(schema_errors("OpenAIEmbeddingsIn", body) == [] for body in bodies)
    assert len(result.embeddings) == 5000
    assert schema_errors("OpenAIEmbeddingsIn", {"model": MODEL_ID, "input": ["x"] * 1025})[0]["loc"] == [
        "body",
        "input",
    ]


class RendezvousTransport:
    """Holds every request until ``parties`` requests are in flight at once, then lets them all through."""

    def __init__(self, inner: MockTransport, parties: int) -> None:
        self.inner = inner
        self.barrier = asyncio.Barrier(parties)

    async def send(self, request: HttpRequest, *, stream: bool = False) -> Any:
        await self.barrier.wait()
        return await self.inner.send(request, stream=stream)


async def test_embed_many_sends_the_three_calls_concurrently() -> None:
    inner = MockTransport(echo_handler)
    model = make_model(inner, async_transport=RendezvousTransport(inner, 3))
    async with asyncio.timeout(5):  # a fail-safe only: with concurrent calls the barrier opens at once
        result = await embed_many(model=model, values=TEXTS)
    assert len(inner.requests) == 3
    assert [embedding[0] for embedding in result.embeddings] == [float(i) for i in range(5000)]


async def test_a_failing_chunk_names_its_values(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    delays: list[float] = []

    async def no_async_sleep(seconds: float) -> None:
        delays.append(seconds)

    monkeypatch.setattr(retry, "sleep", delays.append)
    monkeypatch.setattr(retry, "async_sleep", no_async_sleep)

    def handler(request: HttpRequest) -> MockResponse:
        if b'"text 2048"' in (request.body or b""):
            return MockResponse.json({"detail": [{"loc": ["body", "input"], "msg": "too long", "type": "x"}]}, 422)
        return echo_handler(request)

    transport = MockTransport(handler)
    with pytest.raises(EmbeddingChunkError) as caught:
        await run_embed_many(mode, model=make_model(transport), values=TEXTS)
    error = caught.value
    assert (error.start, error.end) == (2048, 4096)
    assert error.values == TEXTS[2048:4096]
    assert isinstance(error.cause, APICallError)
    assert error.cause.status_code == 422
    assert "too long" in str(error)
    assert delays == []
    assert transport.unclosed == 0


async def test_embed_one_value_with_dimensions(mode: str) -> None:
    transport = MockTransport(MockResponse.json(RECORDED))
    model = make_model(transport)
    kwargs: dict[str, Any] = {"model": model, "value": "hello", "provider_options": {"deepinfra": {"dimensions": 64}}}
    result = embed_sync(**kwargs) if mode == "sync" else await embed(**kwargs)
    assert result.embedding == VECTOR
    assert result.usage == EmbeddingUsage(12)
    assert transport.request_json()["dimensions"] == 64
    assert transport.request_json()["input"] == ["hello"]

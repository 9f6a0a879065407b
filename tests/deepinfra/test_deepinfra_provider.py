"""The DeepInfra provider: lazy key loading, URLs of every model kind, header precedence, the
user-agent, and an API key that never shows in a repr, a str, a result or an error."""

from __future__ import annotations

import json
from typing import Any

import pytest

import ai_sdk
import ai_sdk.sync
from ai_sdk.deepinfra import DeepInfraProvider, create_deepinfra, deepinfra
from ai_sdk.spec import (
    APICallError,
    CallOptions,
    EmbedOptions,
    ImageCallOptions,
    InvalidArgumentError,
    LoadAPIKeyError,
    TextPart,
    UserMessage,
)
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.mock_transport import MockResponse, MockTransport
from tests.openai_compatible.chat_helpers import MODES, generate, json_response, sse_response, stream

OPTIONS = CallOptions(prompt=[UserMessage([TextPart("Hi")])])
KEY = "di-SECRET-7f3a9c1e5b"
USER_AGENT = f"ai-sdk/deepinfra/{ai_sdk.__version__}"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8


def provider(handler: Any = None, **kwargs: Any) -> tuple[DeepInfraProvider, MockTransport]:
    mock = MockTransport(handler if handler is not None else json_response("chat.json"))
    return create_deepinfra(transport=mock, async_transport=mock, **kwargs), mock


@pytest.mark.parametrize("mode", MODES)
async def test_explicit_key(mode: str) -> None:
    di, mock = provider(api_key=KEY)
    await generate(di("meta-llama/Meta-Llama-3.1-8B-Instruct"), OPTIONS, mode)
    assert mock.last_request.headers["authorization"] == f"Bearer {KEY}"


@pytest.mark.parametrize("mode", MODES)
async def test_key_from_the_environment_is_read_at_request_time(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    di, mock = provider()
    model = di("m")  # no key yet: creating models never needs one
    monkeypatch.setenv("DEEPINFRA_API_KEY", "env-key")
    await generate(model, OPTIONS, mode)
    assert mock.last_request.headers["authorization"] == "Bearer env-key"
    monkeypatch.setenv("DEEPINFRA_API_KEY", "rotated-key")
    await generate(model, OPTIONS, mode)
    assert mock.last_request.headers["authorization"] == "Bearer rotated-key"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("streaming", [False, True])
async def test_missing_key_names_both_fixes(mode: str, streaming: bool) -> None:
    di, mock = provider()
    call = stream if streaming else generate
    with pytest.raises(LoadAPIKeyError) as caught:
        await call(di("m"), OPTIONS, mode)
    assert "api_key" in str(caught.value)
    assert "DEEPINFRA_API_KEY" in str(caught.value)
    assert mock.requests == []


def test_default_instance_reads_nothing_until_a_request() -> None:
    model = deepinfra("meta-llama/Meta-Llama-3.1-8B-Instruct")
    assert model.provider == "deepinfra.chat"
    assert repr(deepinfra) == "DeepInfraProvider(base_url='https://api.deepinfra.com/v1')"
    with pytest.raises(LoadAPIKeyError, match="DEEPINFRA_API_KEY"):
        model.do_generate_sync(OPTIONS)


@pytest.mark.parametrize(
    ("base_url", "chat_url", "image_url"),
    [
        (None, "https://api.deepinfra.com/v1/openai/chat/completions", "https://api.deepinfra.com/v1/inference/img"),
        (
            "https://proxy.test/v1/",
            "https://proxy.test/v1/openai/chat/completions",
            "https://proxy.test/v1/inference/img",
        ),
        (
            "https://proxy.test/v1/openai/",
            "https://proxy.test/v1/openai/chat/completions",
            "https://proxy.test/v1/inference/img",
        ),
    ],
)
def test_urls(base_url: str | None, chat_url: str, image_url: str) -> None:
    answers = {
        "chat": json_response("chat.json"),
        "completions": MockResponse.json({"id": "x", "choices": [{"text": "t", "finish_reason": "stop"}]}),
        "embeddings": MockResponse.json({"data": [{"index": 0, "embedding": [0.5]}], "usage": {"prompt_tokens": 1}}),
        "inference": MockResponse.json({"images": ["data:image/png;base64,iVBORw0KGgoAAAAA"]}),
    }
    di, mock = provider(lambda r: next(v for k, v in answers.items() if k in r.url), api_key=KEY, base_url=base_url)
    di.chat_model("m").do_generate_sync(OPTIONS)
    di.completion_model("m").do_generate_sync(OPTIONS)
    di.embedding_model("e").do_embed_sync(EmbedOptions(values=["a"]))
    di.image("img").do_generate_sync(ImageCallOptions(prompt="a cat"))
    openai_base = chat_url.removesuffix("/chat/completions")
    assert [r.url for r in mock.requests] == [
        chat_url,
        f"{openai_base}/completions",
        f"{openai_base}/embeddings",
        image_url,
    ]


def test_model_kinds_and_provider_ids() -> None:
    di = create_deepinfra(api_key=KEY)
    assert di("m").provider == "deepinfra.chat"
    assert di.language_model("m").provider == "deepinfra.chat"
    assert di.completion_model("m").provider == "deepinfra.completion"
    assert di.embedding_model("e").provider == "deepinfra.embedding"
    assert di.text_embedding_model("e").provider == "deepinfra.embedding"
    assert di.image("i").provider == "deepinfra.image"
    assert di.image_model("i").model_id == "i"


@pytest.mark.parametrize("bad", ["", "  ", None, 42])
def test_bad_model_id(bad: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="model id"):
        deepinfra(bad)


def test_bad_base_url() -> None:
    with pytest.raises(InvalidArgumentError, match="base_url"):
        create_deepinfra(base_url="api.deepinfra.com")


@pytest.mark.parametrize("mode", MODES)
async def test_header_precedence_and_user_agent(mode: str) -> None:
    di, mock = provider(api_key=KEY, headers={"X-Team": "a", "X-Drop": "b", "User-Agent": "my-app/1.0"})
    options = CallOptions(prompt=OPTIONS.prompt, headers={"x-team": "per-call", "X-Drop": None})
    await generate(di("m"), options, mode)
    assert mock.last_request.headers == {
        "content-type": "application/json",
        "authorization": f"Bearer {KEY}",
        "x-team": "per-call",
        "user-agent": f"my-app/1.0 {USER_AGENT}",
    }


@pytest.mark.parametrize("mode", MODES)
async def test_user_authorization_wins_and_needs_no_key(mode: str) -> None:
    di, mock = provider(headers={"Authorization": "Bearer from-headers"})
    await generate(di("m"), OPTIONS, mode)
    assert mock.last_request.headers["authorization"] == "Bearer from-headers"
    assert mock.last_request.headers["user-agent"] == USER_AGENT


def _texts(value: Any, seen: set[int] | None = None) -> list[str]:
    """repr and str of a value, and of an exception's whole chain and attributes."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return []
    seen.add(id(value))
    texts = [repr(value), str(value)]
    if isinstance(value, BaseException):
        texts += [repr(a) for a in value.args] + [repr(v) for v in vars(value).values()]
        for linked in (value.__cause__, value.__context__):
            if linked is not None:
                texts += _texts(linked, seen)
    return texts


@pytest.mark.parametrize("mode", MODES)
async def test_the_key_never_shows(mode: str) -> None:
    di, mock = provider(
        lambda r: json_response("error_openai.json", 401) if "bad" in r.url else json_response("chat.json"),
        api_key=KEY,
    )
    bad = create_deepinfra(api_key=KEY, base_url="https://bad.test/v1", transport=mock, async_transport=mock)
    model = di("m")
    result = await generate(model, OPTIONS, mode)
    streamed, parts = await stream(
        create_deepinfra(
            api_key=KEY,
            transport=MockTransport(sse_response("chat_stream.sse")),
            async_transport=MockTransport(sse_response("chat_stream.sse")),
        )("m"),
        OPTIONS,
        mode,
    )
    with pytest.raises(APICallError) as caught:
        await generate(bad("m"), OPTIONS, mode)
    with pytest.raises(LoadAPIKeyError) as missing:
        await generate(
            create_deepinfra(api_key="bad\nkey" + KEY, transport=mock, async_transport=mock)("m"), OPTIONS, mode
        )
    shown = [
        *_texts(di),
        *_texts(model),
        *_texts(result),
        *_texts(result.request),
        *_texts(streamed),
        *_texts(parts),
        *_texts(caught.value),
        *_texts(missing.value),
        *_texts(mock.last_request),
    ]
    assert mock.last_request.headers["authorization"] == f"Bearer {KEY}"  # it was sent...
    assert not [text for text in shown if KEY in text]  # ...and shown nowhere


def test_create_deepinfra_takes_exactly_the_providers_settings() -> None:
    import inspect

    made = inspect.signature(create_deepinfra)
    assert made.parameters == inspect.signature(DeepInfraProvider).parameters
    assert made.return_annotation in (DeepInfraProvider, "DeepInfraProvider")
    assert isinstance(create_deepinfra(api_key=KEY, retry_broken_bodies=True), DeepInfraProvider)
    with pytest.raises(TypeError, match="unexpected keyword argument 'api_keys'"):
        create_deepinfra(api_keys=KEY)  # type: ignore[call-arg]


async def test_an_embedding_answers_estimated_cost_reaches_provider_metadata_summed_over_calls(mode: str) -> None:
    def handler(request: Any) -> MockResponse:
        values = json.loads(request.body or b"")["input"]
        usage = {"prompt_tokens": len(values), "total_tokens": len(values), "estimated_cost": 1e-08 * len(values)}
        data = [{"index": i, "object": "embedding", "embedding": [0.5]} for i in range(len(values))]
        return MockResponse.json({"data": data, "usage": usage})

    mock = MockTransport(handler)
    model = create_deepinfra(api_key="k", transport=mock, async_transport=mock).embedding_model("BAAI/bge-m3")
    values = [f"text {i}" for i in range(1025)]  # two calls: 1024 values (DeepInfra's most), then 1
    arguments: dict[str, Any] = {"model": model, "values": values}
    result = ai_sdk.sync.embed_many(**arguments) if mode == "sync" else await ai_sdk.embed_many(**arguments)
    assert len(mock.requests) == 2
    assert result.usage.tokens == 1025
    assert result.provider_metadata == {"deepinfra": {"estimated_cost": pytest.approx(1.025e-05)}}


async def test_embed_many_sends_at_most_the_1024_values_deepinfra_takes(
    mode: str, deepinfra_emulator: DeepInfraEmulator
) -> None:
    # DeepInfra's server refuses a longer input list with a 422 (as the emulator does).
    provider = create_deepinfra(base_url=deepinfra_emulator.base_url, api_key="k")
    model = provider.embedding_model("BAAI/bge-base-en-v1.5")
    assert model.max_embeddings_per_call == 1024
    arguments: dict[str, Any] = {"model": model, "values": [f"text {i}" for i in range(1500)]}
    result = ai_sdk.sync.embed_many(**arguments) if mode == "sync" else await ai_sdk.embed_many(**arguments)
    assert len(result.embeddings) == 1500
    assert sorted(len(request.body["input"]) for request in deepinfra_emulator.requests) == [476, 1024]


async def test_completion_results_carry_the_estimated_cost_in_provider_metadata_as_chat_ones_do(
    mode: str, deepinfra_emulator: DeepInfraEmulator
) -> None:
    provider = create_deepinfra(base_url=deepinfra_emulator.base_url, api_key="k")
    model = provider.completion_model("meta-llama/Meta-Llama-3.1-8B-Instruct")
    arguments: dict[str, Any] = {"model": model, "prompt": "Once upon a time"}
    if mode == "sync":
        generated = ai_sdk.sync.generate_text(**arguments)
        streamed: Any = ai_sdk.sync.stream_text(**arguments)
        assert streamed.text
        metadata = streamed.provider_metadata
    else:
        generated = await ai_sdk.generate_text(**arguments)
        streamed = ai_sdk.stream_text(**arguments)
        assert await streamed.text
        metadata = await streamed.provider_metadata
    assert generated.usage.cost is not None
    assert generated.provider_metadata == {"deepinfra": {"estimated_cost": generated.usage.cost}}
    assert metadata is not None
    assert metadata["deepinfra"]["estimated_cost"] > 0

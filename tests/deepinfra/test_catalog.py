"""The model catalog: parsing DeepInfra's two lists (shapes of ``OpenAIModelsOut`` and ``ModelOut``,
with odd entries), cost estimates, capability checks before sending, and the provider's cache
(``max_age``, ``refresh``, a missing ``/models/list``), blocking and async over a mock transport."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from ai_sdk.deepinfra import DeepInfraModelInfo, ModelCatalog, create_deepinfra
from ai_sdk.deepinfra.catalog import parse_catalog
from ai_sdk.errors import APICallError, InvalidArgumentError, UnsupportedFunctionalityError
from ai_sdk.http.transport import HttpRequest
from ai_sdk.testing.mock_transport import MockResponse, MockTransport

ROOT = "https://api.deepinfra.com"
LLAMA = "meta-llama/Meta-Llama-3.1-8B-Instruct"
R1 = "deepseek-ai/DeepSeek-R1"
# GET /v1/openai/models (OpenAIModelsOut; metadata is ModelMetadata, prices in USD per 1M tokens)
OPENAI_MODELS = {
    "object": "list",
    "data": [
        {
            "id": LLAMA,
            "object": "model",
            "created": 1721692800,
            "owned_by": "deepinfra",
            "root": LLAMA,
            "parent": None,
            "metadata": {
                "description": "Llama 3.1 8B",
                "context_length": 131072,
                "max_tokens": 16384,
                "pricing": {"input_tokens": 0.03, "output_tokens": 0.05, "cache_read_tokens": 0.015},
                "tags": ["tools", "json"],
            },
        },
        {
            "id": R1,
            "object": "model",
            "created": 1,
            "owned_by": "deepinfra",
            "root": R1,
            "metadata": {
                "description": "R1",
                "context_length": 163840,
                "max_tokens": 16384,
                "pricing": {"input_tokens": 0.45, "output_tokens": 2.15},
                "tags": ["reasoning", "json"],
            },
        },
        {
            "id": "openai/whisper-large-v3",
            "object": "model",
            "created": 1,
            "owned_by": "x",
            "root": "x",
            "metadata": {
                "description": "",
                "context_length": 0,
                "max_tokens": 0,
                "pricing": {"input_tokens": 0.1},
                "tags": [],
            },
        },
        {"id": "no-metadata/model", "object": "model", "created": 1, "owned_by": "x", "root": "x", "metadata": None},
        {"object": "model"},
    ],
}
# GET /models/list (ModelOut; prices in cents per unit, deprecated as seconds since the epoch)
MODELS_LIST = [
    {
        "model_name": LLAMA,
        "type": "text-generation",
        "reported_type": "text-generation",
        "pricing": {"type": "tokens", "cents_per_input_token": 3e-06, "cents_per_output_token": 5e-06},
        "max_tokens": 131072,
        "deprecated": None,
        "replaced_by": None,
        "quantization": "bfloat16",
    },
    {
        "model_name": "old/model",
        "type": "text-generation",
        "reported_type": "text-generation",
        "pricing": {"type": "tokens", "cents_per_input_token": 1e-05, "cents_per_output_token": 2e-05},
        "deprecated": 1751328000,
        "replaced_by": LLAMA,
        "tags": [],
    },
    {
        "model_name": "openai/whisper-large-v3",
        "type": "automatic-speech-recognition",
        "reported_type": "automatic-speech-recognition",
        "pricing": {"type": "time", "cents_per_sec": 0.00075},
    },
    "junk",
]


def test_the_two_lists_are_merged() -> None:
    catalog = parse_catalog(OPENAI_MODELS, MODELS_LIST)
    assert [model.id for model in catalog] == [LLAMA, "old/model", "openai/whisper-large-v3", R1, "no-metadata/model"]
    llama = catalog.get(LLAMA)
    assert llama == DeepInfraModelInfo(
        id=LLAMA,
        type="text-generation",
        description="Llama 3.1 8B",
        context_length=131072,
        max_output_tokens=16384,
        input_price=0.03,
        output_price=0.05,
        cached_input_price=0.015,
        tags=("tools", "json"),
        quantization="bfloat16",
        pricing=MODELS_LIST[0]["pricing"],  # type: ignore[index]
    )
    assert (llama.supports_tools, llama.supports_json, llama.supports_vision, llama.reasons) == (
        True,
        True,
        False,
        False,
    )
    old = catalog.get("old/model")
    assert old is not None
    assert old.deprecated
    assert old.deprecated_at == datetime(2025, 7, 1, tzinfo=UTC)
    assert old.replaced_by == LLAMA
    assert (old.input_price, old.output_price) == (0.1, 0.2)  # cents per token -> USD per million tokens
    whisper = catalog.get("openai/whisper-large-v3")
    assert whisper is not None
    assert whisper.input_price is None  # billed per second: no per-token price
    assert whisper.pricing == {"type": "time", "cents_per_sec": 0.00075}
    assert catalog.get("no-metadata/model") == DeepInfraModelInfo(id="no-metadata/model")
    assert "unknown/model" not in catalog
    assert catalog.get("unknown/model") is None


def test_the_openai_list_alone_is_enough() -> None:
    catalog = parse_catalog(OPENAI_MODELS)
    assert len(catalog) == 4
    assert catalog.get(R1) is not None
    assert catalog[1].type is None
    assert parse_catalog({"data": "nope"}).get(LLAMA) is None


def test_estimate_cost() -> None:
    catalog = parse_catalog(OPENAI_MODELS, MODELS_LIST)
    cost = catalog.estimate_cost(LLAMA, input_tokens=1_000_000, output_tokens=1_000_000, cached_input_tokens=400_000)
    assert cost == pytest.approx(0.6 * 0.03 + 0.4 * 0.015 + 0.05)
    # no cached price: cached tokens cost the input price; more cached than input is capped
    assert catalog.estimate_cost(R1, input_tokens=100, cached_input_tokens=500) == pytest.approx(100 * 0.45 / 1e6)
    assert catalog.estimate_cost("openai/whisper-large-v3", input_tokens=1) is None
    assert catalog.estimate_cost("unknown", input_tokens=1) is None


def test_unsupported_features_from_tags() -> None:
    catalog = parse_catalog(OPENAI_MODELS, MODELS_LIST)
    assert catalog.unsupported(R1, tools=True, response_format=True, images=True) == ["tools", "images"]
    assert catalog.unsupported(LLAMA, tools=True, response_format=True) == []
    assert catalog.unsupported("old/model", tools=True) == []  # no tags: nothing is known
    assert catalog.unsupported("deploy_id:abc", tools=True, images=True) == []


def _provider(transport: MockTransport) -> Any:
    return create_deepinfra(api_key="k", transport=transport, async_transport=transport)


def _answers(*, list_status: int = 200) -> MockTransport:
    def answer(request: HttpRequest) -> MockResponse:
        if request.url == f"{ROOT}/v1/openai/models":
            return MockResponse.json(OPENAI_MODELS)
        assert request.url == f"{ROOT}/models/list"
        if list_status != 200:
            return MockResponse.json({"detail": "Not Found"}, status=list_status)
        return MockResponse.json(MODELS_LIST)

    return MockTransport(answer)


async def load(mode: str, provider: Any, **kwargs: Any) -> ModelCatalog:
    return provider.models_sync(**kwargs) if mode == "sync" else await provider.models(**kwargs)


async def test_the_provider_caches_the_catalog(mode: str) -> None:
    transport = _answers()
    provider = _provider(transport)
    assert provider.catalog is None
    first = await load(mode, provider)
    assert [request.method for request in transport.requests] == ["GET", "GET"]
    assert transport.requests[0].headers["authorization"] == "Bearer k"
    assert await load(mode, provider) is first
    assert len(transport.requests) == 2
    assert provider.catalog is first
    refreshed = await load(mode, provider, refresh=True)
    assert refreshed is not first
    assert await load(mode, provider, max_age=0) is not refreshed
    assert len(transport.requests) == 6
    with pytest.raises(InvalidArgumentError, match="seconds >= 0"):
        await load(mode, provider, max_age=-1)


async def test_a_missing_models_list_is_tolerated_other_errors_are_not(mode: str) -> None:
    catalog = await load(mode, _provider(_answers(list_status=404)))
    assert catalog.get(LLAMA) is not None
    assert catalog.get("old/model") is None
    with pytest.raises(APICallError):
        await load(mode, _provider(_answers(list_status=401)))


def test_the_loaded_catalog_is_consulted_before_sending() -> None:
    transport = _answers()
    provider = _provider(transport)
    provider.models_sync()
    check = provider._catalog.check_request
    body: dict[str, Any] = {
        "model": R1,
        "messages": [{"role": "user", "content": "Hi"}],
        "tools": [{"type": "function", "function": {"name": "f", "parameters": {}}}],
        "tool_choice": "auto",
        "response_format": {"type": "json_object"},
    }
    warnings = check(R1, body)
    assert "tools" not in body
    assert "tool_choice" not in body
    assert body["response_format"] == {"type": "json_object"}  # tagged json: kept
    assert [(warning.type, warning.feature) for warning in warnings] == [("unsupported", "tools")]
    assert "reasoning, json" in str(warnings[0])
    image = {"role": "user", "content": [{"type": "image_url", "image_url": {"url": "https://x/y.png"}}]}
    with pytest.raises(UnsupportedFunctionalityError, match="'vision'"):
        check(R1, {"model": R1, "messages": [image]})
    untouched = {"model": "deploy_id:abc", "messages": [image], "tools": []}
    assert check("deploy_id:abc", untouched) == []
    assert "tools" in untouched


def test_a_deprecated_model_draws_a_warning_naming_its_replacement() -> None:
    provider = _provider(_answers())
    provider.models_sync()
    [warning] = provider._catalog.check_request("old/model", {"model": "old/model", "messages": []})
    assert warning.type == "other"
    assert str(warning) == f"old/model is deprecated and may stop being served; DeepInfra suggests {LLAMA}"


def test_nothing_is_checked_before_a_catalog_is_loaded() -> None:
    provider = _provider(MockTransport([]))
    body = {"model": R1, "tools": [{"type": "function"}]}
    assert provider._check_request(R1, body) == []
    assert "tools" in body

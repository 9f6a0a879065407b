"""The model catalog end to end against the emulator: both lists fetched once and cached, typed records
with prices and deprecations, a cost estimate that matches what the emulator then bills, and the
pre-send check of a loaded catalog (a tool-less model gets no tools, with a warning; image input to a
model without vision fails before any request), blocking and async."""

from __future__ import annotations

import pytest

from ai_sdk import ImagePart, TextPart, UserMessage, generate_image, generate_text, rerank, tool
from ai_sdk.deepinfra import DeepInfraProvider
from ai_sdk.errors import UnsupportedFunctionalityError
from ai_sdk.sync import generate_text as generate_text_sync
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator.png import encode_png

from .conftest import CHAT_MODEL


@tool
def weather(city: str) -> str:
    """The weather in a city.

    Args:
        city: The city.
    """
    return f"Sunny in {city}"


def test_models_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    catalog = provider.models_sync()
    assert [request.path for request in emu.requests] == ["/v1/openai/models", "/models/list"]
    assert provider.models_sync() is catalog
    assert len(emu.requests) == 2
    llama = catalog.get(CHAT_MODEL)
    assert llama is not None
    assert (llama.type, llama.context_length, llama.max_output_tokens) == ("text-generation", 131072, 16384)
    assert (llama.input_price, llama.output_price, llama.cached_input_price) == (0.23, 0.40, 0.115)
    assert llama.supports_tools
    mixtral = catalog.get("mistralai/Mixtral-8x7B-Instruct-v0.1")
    assert mixtral is not None
    assert mixtral.deprecated
    assert mixtral.replaced_by == "mistralai/Mistral-Small-24B-Instruct-2501"
    reranker = catalog.get("Qwen/Qwen3-Reranker-0.6B")
    assert reranker is not None
    assert reranker.input_price == pytest.approx(0.01)
    whisper = catalog.get("openai/whisper-large-v3-turbo")
    assert whisper is not None
    assert whisper.input_price is None
    assert whisper.pricing["type"] == "input_length"


async def test_estimate_matches_the_bill(provider: DeepInfraProvider) -> None:
    catalog = await provider.models()
    result = await generate_text(model=provider(CHAT_MODEL), prompt="Price me")
    estimate = catalog.estimate_cost(
        CHAT_MODEL, input_tokens=result.usage.input_tokens or 0, output_tokens=result.usage.output_tokens or 0
    )
    assert estimate == pytest.approx(result.usage.cost, rel=1e-3)


def test_a_loaded_catalog_leaves_out_tools_a_model_lacks(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    without = generate_text_sync(model=provider("deepseek-ai/DeepSeek-R1"), prompt="Weather?", tools=[weather])
    assert "tools" in emu.last_request.body  # no catalog loaded yet: sent as asked
    assert without.warnings == []
    provider.models_sync()
    result = generate_text_sync(model=provider("deepseek-ai/DeepSeek-R1"), prompt="Weather?", tools=[weather])
    assert "tools" not in emu.last_request.body
    assert [warning.feature for warning in result.warnings] == ["tools"]
    generate_text_sync(model=provider(CHAT_MODEL), prompt="Weather in Paris?", tools=[weather])
    assert "tools" in emu.last_request.body  # a model tagged "tools" keeps them


async def test_image_input_to_a_model_without_vision_fails_before_sending(
    emu: DeepInfraEmulator, provider: DeepInfraProvider
) -> None:
    await provider.models()
    prompt = [UserMessage([TextPart("What is this?"), ImagePart(encode_png(4, 4))])]
    with pytest.raises(UnsupportedFunctionalityError, match="vision"):
        await generate_text(model=provider(CHAT_MODEL), messages=prompt)
    assert emu.requests_to("chat") == []
    result = await generate_text(model=provider("meta-llama/Llama-3.2-11B-Vision-Instruct"), messages=prompt)
    assert result.text


async def test_a_deprecated_model_warns_once_the_catalog_is_loaded(provider: DeepInfraProvider) -> None:
    await provider.models()
    result = await generate_text(model=provider("mistralai/Mixtral-8x7B-Instruct-v0.1"), prompt="Hi")
    assert [str(warning) for warning in result.warnings] == [
        "mistralai/Mixtral-8x7B-Instruct-v0.1 is deprecated and may stop being served; "
        "DeepInfra suggests mistralai/Mistral-Small-24B-Instruct-2501"
    ]


async def test_deployed_rerankers_and_image_models_use_the_deploy_route(
    emu: DeepInfraEmulator, provider: DeepInfraProvider
) -> None:
    ranked = await rerank(model=provider.reranking_model("deploy_id:rr1"), query="cats", documents=["cats", "dogs"])
    assert ranked.reranked_documents[0] == "cats"
    assert emu.last_request.path == "/v1/inference/deploy/rr1"
    await generate_image(model=provider.image("deploy_id:img7"), prompt="a cat", size="64x64")
    assert emu.last_request.path == "/v1/inference/deploy/img7"

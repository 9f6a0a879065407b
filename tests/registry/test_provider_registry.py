"""create_provider_registry and custom_provider: models by "provider:model" id and by alias, the
fallback provider, middleware on every language model, and errors that list what is available."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from ai_sdk import (
    LanguageModelMiddleware,
    create_provider_registry,
    custom_provider,
    embed,
    generate_text,
)
from ai_sdk import sync as blocking
from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.errors import InvalidArgumentError, NoSuchModelError, NoSuchProviderError
from ai_sdk.middleware import CallType
from ai_sdk.spec import CallOptions, FinishReason, GenerateResult, LanguageModel, Text, Usage
from ai_sdk.testing import DeepInfraEmulator, MockEmbeddingModel, MockImageModel, MockLanguageModel, MockRerankingModel

deepinfra = create_deepinfra(api_key="k")


def answer(text: str) -> MockLanguageModel:
    return MockLanguageModel(
        do_generate=GenerateResult(content=[Text(text)], finish_reason=FinishReason("stop", "stop"), usage=Usage()),
        model_id=text,
    )


def test_ids_pick_the_provider_and_its_model() -> None:
    registry = create_provider_registry({"deepinfra": deepinfra})
    chat = registry.language_model("deepinfra:meta-llama/Llama-3.3-70B-Instruct")
    assert (chat.provider, chat.model_id) == ("deepinfra.chat", "meta-llama/Llama-3.3-70B-Instruct")
    assert registry.embedding_model("deepinfra:BAAI/bge-base-en-v1.5").model_id == "BAAI/bge-base-en-v1.5"
    assert registry.text_embedding_model("deepinfra:BAAI/bge-m3").provider == "deepinfra.embedding"
    assert registry.image_model("deepinfra:black-forest-labs/FLUX-1-schnell").provider == "deepinfra.image"
    assert registry.provider_ids == ["deepinfra"]


def test_the_model_id_may_contain_the_separator() -> None:
    registry = create_provider_registry({"deepinfra": deepinfra}, separator=" > ")
    assert registry.language_model("deepinfra > org/model:tag > x").model_id == "org/model:tag > x"
    assert create_provider_registry({"d": deepinfra}).language_model("d:org/m:free").model_id == "org/m:free"


def test_unknown_providers_and_bad_ids_list_the_providers() -> None:
    registry = create_provider_registry({"deepinfra": deepinfra, "local": custom_provider()})
    with pytest.raises(NoSuchProviderError) as caught:
        registry.language_model("openai:gpt-4o")
    error = caught.value
    assert (error.provider_id, error.available_providers, error.model_id) == (
        "openai",
        ["deepinfra", "local"],
        "openai:gpt-4o",
    )
    assert "No provider 'openai' in the registry" in str(error)
    assert "Registered providers: deepinfra, local" in str(error)
    assert isinstance(error, NoSuchModelError)
    with pytest.raises(NoSuchModelError, match=r"write it as '<provider id>:<model id>'. Registered providers: deep"):
        registry.language_model("meta-llama/Llama-3.3-70B-Instruct")
    with pytest.raises(InvalidArgumentError, match="must be a string"):
        registry.image_model(42)  # type: ignore[arg-type]


def test_a_provider_without_that_kind_of_model_says_so() -> None:
    class ChatOnly:
        def language_model(self, model_id: str) -> LanguageModel:
            return answer(model_id)

    registry = create_provider_registry({"chat": ChatOnly()})
    assert registry.language_model("chat:x").model_id == "x"
    with pytest.raises(NoSuchModelError, match=r"Provider 'chat' makes no image models \(it has no image_model\(\)"):
        registry.image_model("chat:x")


async def test_custom_provider_aliases_fall_back_and_list_names(mode: str) -> None:
    fast, smart = answer("fast answer"), answer("smart answer")
    embedder = MockEmbeddingModel([[1.0, 0.0]])
    aliases = custom_provider(
        language_models={"fast": fast, "smart": smart},
        embedding_models={"search": embedder},
        image_models={"draw": MockImageModel([b"png"])},
        fallback_provider=deepinfra,
    )
    registry = create_provider_registry({"my": aliases})
    model = registry.language_model("my:fast")
    assert model is fast
    if mode == "sync":
        text = blocking.generate_text(model=model, prompt="Hi").text
        vector = blocking.embed(model=registry.embedding_model("my:search"), value="q").embedding
    else:
        text = (await generate_text(model=model, prompt="Hi")).text
        vector = (await embed(model=registry.embedding_model("my:search"), value="q")).embedding
    assert (text, vector) == ("fast answer", [1.0, 0.0])
    assert registry.image_model("my:draw").model_id == "mock-image-model"
    fallback = registry.language_model("my:Qwen/Qwen2.5-72B-Instruct")
    assert (fallback.provider, fallback.model_id) == ("deepinfra.chat", "Qwen/Qwen2.5-72B-Instruct")

    strict = custom_provider(language_models={"fast": fast, "smart": smart})
    with pytest.raises(NoSuchModelError, match=r"No language model 'slow'.*Available language models: fast, smart"):
        strict.language_model("slow")
    with pytest.raises(NoSuchModelError, match="Available embedding models: none"):
        strict.embedding_model("e")
    with pytest.raises(NoSuchModelError) as caught:
        strict.image_model("x")
    assert (caught.value.model_id, caught.value.model_type, caught.value.available_models) == ("x", "image model", [])
    assert "fast" in repr(strict)


class Pin(LanguageModelMiddleware):
    def transform_params_sync(self, *, type: CallType, params: CallOptions, model: LanguageModel) -> CallOptions:
        return replace(params, temperature=0.0)


async def test_registry_middleware_wraps_every_language_model(mode: str) -> None:
    with DeepInfraEmulator() as emu:
        registry = create_provider_registry(
            {"deepinfra": create_deepinfra(base_url=emu.base_url, api_key="k")}, language_model_middleware=Pin()
        )
        model = registry.language_model("deepinfra:meta-llama/Llama-3.3-70B-Instruct")
        if mode == "sync":
            blocking.generate_text(model=model, prompt="Hi", temperature=0.7)
        else:
            await generate_text(model=model, prompt="Hi", temperature=0.7)
        assert emu.last_request is not None
        assert emu.last_request.body["temperature"] == 0.0


def test_bad_registry_arguments() -> None:
    with pytest.raises(InvalidArgumentError, match="separator must be a non-empty string"):
        create_provider_registry({}, separator="")
    with pytest.raises(InvalidArgumentError, match="providers must be a dict"):
        create_provider_registry([deepinfra])  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="without the separator ':'"):
        create_provider_registry({"a:b": deepinfra})
    with pytest.raises(InvalidArgumentError, match="language_models must be a dict"):
        custom_provider(language_models=[answer("x")])  # type: ignore[arg-type]
    registry = create_provider_registry({})
    registry.register_provider("deepinfra", deepinfra)
    assert repr(registry) == "ProviderRegistry(providers=['deepinfra'], separator=':')"


def test_custom_provider_imported_from_its_package_is_the_function() -> None:
    # A fresh interpreter: importing the module that defines custom_provider must not leave the
    # module itself under that name in ai_sdk.registry (what `from ai_sdk.registry import ...` reads).
    script = (
        "import ai_sdk.registry as registry\n"
        "from ai_sdk.registry import custom_provider\n"
        "assert callable(custom_provider), custom_provider\n"
        "assert callable(registry.CustomProvider) and callable(registry.custom_provider), registry.custom_provider\n"
        "print(type(custom_provider(language_models={})).__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "CustomProvider"


def test_reranking_transcription_and_speech_models_by_id_and_by_name() -> None:
    registry = create_provider_registry({"deepinfra": deepinfra})
    assert registry.reranking_model("deepinfra:Qwen/Qwen3-Reranker-4B").model_id == "Qwen/Qwen3-Reranker-4B"
    assert registry.transcription_model("deepinfra:openai/whisper-large-v3").model_id == "openai/whisper-large-v3"
    assert registry.speech_model("deepinfra:hexgrad/Kokoro-82M").model_id == "hexgrad/Kokoro-82M"
    ranker = MockRerankingModel()
    models = custom_provider(reranking_models={"rank": ranker}, fallback_provider=deepinfra)
    assert models.reranking_model("rank") is ranker
    assert models.speech_model("hexgrad/Kokoro-82M").provider == deepinfra.speech_model("x").provider
    with pytest.raises(
        NoSuchModelError, match=r"No transcription model 'whisper'.*Available transcription models: none"
    ):
        custom_provider(reranking_models={"rank": ranker}).transcription_model("whisper")
    with pytest.raises(NoSuchModelError, match=r"Provider 'x' makes no speech models \(it has no speech_model\(\)"):
        create_provider_registry({"x": object()}).speech_model("x:voice")

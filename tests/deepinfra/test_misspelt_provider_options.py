"""A provider option that nearly spells a field a model sends (``dimension``, ``langauge``,
``num_inference_step``) is still sent, since it may be a field we do not know, but DeepInfra ignores
fields it does not know: the result's warnings name the field it resembles, for every model kind,
blocking and async, end to end through the emulator. Known fields, and unknown ones that resemble
none, draw none. (Chat and completion: tests/openai_compatible.)"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

import ai_sdk
from ai_sdk import sync
from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.deepinfra.provider import DeepInfraProvider
from ai_sdk.testing import DeepInfraEmulator

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(32)


@pytest.fixture
def provider(deepinfra_emulator: DeepInfraEmulator) -> DeepInfraProvider:
    return create_deepinfra(base_url=deepinfra_emulator.base_url, api_key="test-key")


async def call(mode: str, name: str, **arguments: Any) -> Any:
    if mode == "sync":
        return getattr(sync, name)(**arguments)
    function: Callable[..., Awaitable[Any]] = getattr(ai_sdk, name)
    return await function(**arguments)


def calls(provider: DeepInfraProvider) -> dict[str, tuple[str, dict[str, Any]]]:
    """One call per model kind: the function's name and its arguments but the provider options."""
    return {
        "embed": ("embed", {"model": provider.embedding_model("BAAI/bge-base-en-v1.5"), "value": "x"}),
        "transcribe": ("transcribe", {"model": provider.transcription_model("openai/whisper-large-v3"), "audio": WAV}),
        "speech": ("generate_speech", {"model": provider.speech_model("hexgrad/Kokoro-82M"), "text": "Hi"}),
        "image": (
            "generate_image",
            {"model": provider.image_model("black-forest-labs/FLUX-1-schnell"), "prompt": "A cat"},
        ),
        "rerank": (
            "rerank",
            {"model": provider.reranking_model("Qwen/Qwen3-Reranker-0.6B"), "query": "q", "documents": ["a"]},
        ),
    }


TYPOS = {
    "embed": ("dimension", 64, "dimensions"),
    "transcribe": ("langauge", "de", "language"),
    "speech": ("service_teir", "priority", "service_tier"),
    "rerank": ("instructions", "Judge relevance.", "instruction"),
    "image": ("num_inference_step", 4, "num_inference_steps"),
}
KNOWN = {
    "embed": {"dimensions": 64, "brand_new_field": 1},
    "transcribe": {"language": "de", "brand_new_field": 1},
    "speech": {"service_tier": "priority"},
    "rerank": {"instruction": "Judge relevance.", "brand_new_field": 1},
    "image": {"num_inference_steps": 4, "guidance_scale": 3.5, "brand_new_field": 1},
}


@pytest.mark.parametrize("kind", sorted(TYPOS))
async def test_a_misspelt_option_is_sent_with_a_warning_naming_the_field(
    mode: str, kind: str, provider: DeepInfraProvider, deepinfra_emulator: DeepInfraEmulator
) -> None:
    typo, value, meant = TYPOS[kind]
    name, arguments = calls(provider)[kind]
    result = await call(mode, name, **arguments, provider_options={"deepinfra": {typo: value}})
    request = deepinfra_emulator.last_request
    if kind == "transcribe":  # a multipart form: every field is text
        assert [part.text for part in request.form(typo)] == [value]
    else:
        assert request.body[typo] == value
    assert [f"did you mean {meant!r}" in str(warning.message) for warning in result.warnings] == [True]


@pytest.mark.parametrize("kind", sorted(KNOWN))
async def test_known_options_and_unknown_ones_that_resemble_none_draw_no_warning(
    mode: str, kind: str, provider: DeepInfraProvider
) -> None:
    name, arguments = calls(provider)[kind]
    result = await call(mode, name, **arguments, provider_options={"deepinfra": KNOWN[kind]})
    assert list(result.warnings) == []

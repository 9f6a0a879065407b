"""Spans of the one-call functions beyond embeddings, with the real OpenTelemetry SDK against the
DeepInfra emulator, in both APIs: images, rerank, transcription and speech (whole and streamed) get one
CLIENT span per model call with GenAI attributes and the cost; failures and closed streams end them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from opentelemetry.trace import SpanKind, StatusCode

import ai_sdk
from ai_sdk import sync as blocking
from ai_sdk.deepinfra import DeepInfraProvider, create_deepinfra
from ai_sdk.errors import APICallError, InvalidArgumentError
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator.audio import TRANSCRIPT

from ..deepinfra.audio_helpers import wav
from .conftest import Otel

FLUX = "black-forest-labs/FLUX-1-schnell"
QWEN = "Qwen/Qwen3-Reranker-0.6B"
WHISPER = "openai/whisper-large-v3-turbo"
KOKORO = "hexgrad/Kokoro-82M"
DOCUMENTS = ["Berlin is the capital of Germany.", "Paris is the capital of France.", "Bananas are yellow."]


@pytest.fixture
def provider(emu: DeepInfraEmulator) -> DeepInfraProvider:
    return create_deepinfra(base_url=emu.base_url, api_key="test-key")


async def call(mode: str, name: str, **kwargs: Any) -> Any:
    """``ai_sdk.<name>`` or its blocking twin."""
    if mode == "sync":
        return getattr(blocking, name)(**kwargs)
    return await getattr(ai_sdk, name)(**kwargs)


def attributes_of(otel: Otel, name: str) -> dict[str, Any]:
    span = otel.span(name)
    assert span.kind is SpanKind.CLIENT
    return dict(span.attributes or {})


async def test_an_image_call(mode: str, otel: Otel, provider: DeepInfraProvider) -> None:
    settings = otel.settings(record_inputs=True)
    model = provider.image(FLUX)
    result = await call(
        mode, "generate_image", model=model, prompt="A lighthouse at dawn", seed=7, size="512x512", telemetry=settings
    )
    attributes = attributes_of(otel, f"generate_content {FLUX}")
    assert attributes["gen_ai.operation.name"] == "generate_content"
    assert attributes["gen_ai.output.type"] == "image"
    assert attributes["gen_ai.provider.name"] == "deepinfra"
    assert attributes["gen_ai.request.model"] == FLUX
    assert (attributes["gen_ai.request.choice.count"], attributes["gen_ai.request.seed"]) == (1, 7)
    assert attributes["ai_sdk.image.size"] == "512x512"
    assert attributes["ai_sdk.image.count"] == len(result.images) == 1
    assert attributes["ai_sdk.function"] == "generate_image"
    cost = result.provider_metadata["deepinfra"]["cost"]
    assert cost > 0
    assert attributes["gen_ai.usage.cost"] == attributes["deepinfra.cost"] == pytest.approx(cost)
    assert "server.address" in attributes
    assert json.loads(attributes["gen_ai.input.messages"]) == [
        {"role": "user", "parts": [{"type": "text", "content": "A lighthouse at dawn"}]}
    ]
    durations = otel.points("gen_ai.client.operation.duration")
    assert [point.attributes["gen_ai.operation.name"] for point in durations] == ["generate_content"]


async def test_a_rerank_call(mode: str, otel: Otel, provider: DeepInfraProvider) -> None:
    settings, model = otel.settings(record_outputs=True), provider.reranking_model(QWEN)
    result = await call(
        mode, "rerank", model=model, query="capital of France", documents=DOCUMENTS, top_n=2, telemetry=settings
    )
    attributes = attributes_of(otel, f"rerank {QWEN}")
    assert attributes["gen_ai.operation.name"] == "rerank"
    assert (attributes["ai_sdk.rerank.document_count"], attributes["ai_sdk.rerank.top_n"]) == (3, 2)
    assert attributes["gen_ai.usage.input_tokens"] == result.usage.input_tokens
    assert attributes["gen_ai.usage.cost"] == pytest.approx(result.usage.cost)
    assert "ai_sdk.rerank.query" not in attributes  # inputs are not recorded unless asked
    ranking = json.loads(attributes["ai_sdk.rerank.ranking"])
    assert ranking[0]["index"] == 1
    tokens = otel.points("gen_ai.client.token.usage")
    assert [(point.attributes["gen_ai.operation.name"], point.sum) for point in tokens] == [
        ("rerank", result.usage.input_tokens)
    ]


async def test_a_transcription(mode: str, otel: Otel, provider: DeepInfraProvider) -> None:
    result = await call(
        mode,
        "transcribe",
        model=provider.transcription_model(WHISPER),
        audio=wav(3.0),
        provider_options={"deepinfra": {"language": "en"}},
        telemetry=otel.settings(record_outputs=True),
    )
    attributes = attributes_of(otel, f"generate_content {WHISPER}")
    assert attributes["gen_ai.output.type"] == "text"
    assert attributes["ai_sdk.audio.media_type"] == "audio/wav"
    assert attributes["ai_sdk.audio.bytes"] == len(wav(3.0))
    assert attributes["ai_sdk.transcription.duration"] == pytest.approx(result.duration_in_seconds)
    assert attributes["ai_sdk.function"] == "transcribe"
    messages = json.loads(attributes["gen_ai.output.messages"])
    assert messages[0]["parts"] == [{"type": "text", "content": TRANSCRIPT}]


async def test_a_speech_call_whole_and_streamed(mode: str, otel: Otel, provider: DeepInfraProvider) -> None:
    model = provider.speech_model(KOKORO)
    settings = otel.settings(record_inputs=True)
    result = await call(mode, "generate_speech", model=model, text="Hello world", voice="af_bella", telemetry=settings)
    whole = attributes_of(otel, f"generate_content {KOKORO}")
    assert (whole["gen_ai.output.type"], whole["gen_ai.request.stream"]) == ("speech", False)
    assert (whole["ai_sdk.speech.voice"], whole["ai_sdk.audio.media_type"]) == ("af_bella", "audio/wav")
    assert whole["ai_sdk.audio.bytes"] == len(result.audio.data)
    assert json.loads(whole["gen_ai.input.messages"])[0]["parts"][0]["content"] == "Hello world"
    otel.exporter.clear()

    text = "Spoken while it is being made. " * 10
    stream = await call(mode, "stream_speech", model=model, text=text, voice="af_bella", telemetry=settings)
    assert otel.spans() == []  # open while the audio is read
    chunks = list(stream) if mode == "sync" else [chunk async for chunk in stream]
    assert len(chunks) > 1
    streamed = attributes_of(otel, f"generate_content {KOKORO}")
    assert streamed["gen_ai.request.stream"] is True
    assert streamed["ai_sdk.function"] == "stream_speech"
    assert streamed["gen_ai.response.time_to_first_chunk"] > 0
    assert otel.span(f"generate_content {KOKORO}").status.status_code is StatusCode.UNSET


async def test_a_speech_stream_closed_early_ends_its_span(mode: str, otel: Otel, provider: DeepInfraProvider) -> None:
    model = provider.speech_model(KOKORO)
    stream = await call(
        mode, "stream_speech", model=model, text="Hi. " * 200, voice="af_bella", telemetry=otel.settings()
    )
    if mode == "sync":
        next(iter(stream))
    else:
        await stream.__aiter__().__anext__()
    stream.close()
    stream.close()
    assert [span.name for span in otel.spans()] == [f"generate_content {KOKORO}"]


async def test_a_failed_call_marks_its_span(
    mode: str, otel: Otel, emu: DeepInfraEmulator, provider: DeepInfraProvider
) -> None:
    emu.inference.reply_error(400)
    with pytest.raises(APICallError):
        await call(
            mode,
            "rerank",
            model=provider.reranking_model(QWEN),
            query="q",
            documents=DOCUMENTS,
            max_retries=0,
            telemetry=otel.settings(),
        )
    span = otel.span(f"rerank {QWEN}")
    assert span.status.status_code is StatusCode.ERROR
    attributes = dict(span.attributes or {})
    assert (attributes["error.type"], attributes["http.response.status_code"]) == ("APICallError", 400)


async def test_off_means_the_model_itself(mode: str, otel: Otel, provider: DeepInfraProvider) -> None:
    settings = otel.settings(is_enabled=False)
    model = provider.reranking_model(QWEN)
    assert settings.wrap_model(model, function="rerank") is model
    await call(mode, "rerank", model=model, query="q", documents=DOCUMENTS, telemetry=settings)
    assert otel.spans() == []


def test_a_function_without_spans_is_refused(otel: Otel, provider: DeepInfraProvider) -> None:
    with pytest.raises(InvalidArgumentError, match="no spans for 'generate_video'"):
        otel.settings().wrap_model(provider.reranking_model(QWEN), function="generate_video")  # type: ignore[arg-type]

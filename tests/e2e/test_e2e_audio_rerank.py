"""Rerank, transcription and speech end to end: the public API through the DeepInfra provider against
the emulator over loopback (real HTTP, multipart, chunked audio), blocking and async, with the
emulator's OpenAPI validation on, plus the error paths a user meets (a 422, a failed inference,
retries on 503)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from ai_sdk import Timeout, generate_speech, rerank, stream_speech, transcribe
from ai_sdk.deepinfra import DeepInfraProvider
from ai_sdk.errors import APICallError, DeadlineExceededError, RetryError
from ai_sdk.sync import generate_speech as generate_speech_sync
from ai_sdk.sync import rerank as rerank_sync
from ai_sdk.sync import stream_speech as stream_speech_sync
from ai_sdk.sync import transcribe as transcribe_sync
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator.audio import TRANSCRIPT, speech_audio

from ..deepinfra.audio_helpers import wav

QWEN = "Qwen/Qwen3-Reranker-0.6B"
CROSS = "cross-encoder/ms-marco-MiniLM-L-12-v2"
WHISPER = "openai/whisper-large-v3-turbo"
KOKORO = "hexgrad/Kokoro-82M"
DOCUMENTS = ["Berlin is the capital of Germany.", "Paris is the capital of France.", "Bananas are yellow."]
QUERY = "What is the capital of France?"


@pytest.mark.parametrize("model_id", [QWEN, CROSS])
def test_rerank_sync_both_families(emu: DeepInfraEmulator, provider: DeepInfraProvider, model_id: str) -> None:
    result = rerank_sync(model=provider.reranking_model(model_id), query=QUERY, documents=DOCUMENTS, top_n=2)
    assert result.reranked_documents[0] == "Paris is the capital of France."
    assert len(result.ranking) == 2
    assert result.ranking[0].score > result.ranking[1].score
    assert result.usage.input_tokens is not None
    assert result.usage.input_tokens > 0
    assert result.usage.cost is not None
    assert result.usage.cost > 0
    request = emu.last_request
    assert request.path == f"/v1/inference/{model_id}"
    assert request.model == model_id


async def test_rerank_async_objects(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    documents: list[dict[str, Any]] = [{"city": "Paris", "country": "France"}, {"city": "Rome", "country": "Italy"}]
    result = await rerank(model=provider.reranking_model(QWEN), query="France", documents=documents)
    assert result.reranked_documents[0] is documents[0]
    assert emu.last_request.body["documents"][0] == '{"city":"Paris","country":"France"}'


async def test_rerank_errors(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.inference.reply_raw({"scores": [], "inference_status": {"status": "failed"}, "error": "worker crashed"})
    with pytest.raises(APICallError, match="worker crashed"):
        await rerank(model=provider.reranking_model(QWEN), query=QUERY, documents=DOCUMENTS, max_retries=0)
    emu.inference.reply_error(503, times=3)
    with pytest.raises(RetryError) as caught:
        await rerank(model=provider.reranking_model(QWEN), query=QUERY, documents=DOCUMENTS)
    assert len(caught.value.errors) == 3


def test_transcribe_sync_verbose(emu: DeepInfraEmulator, provider: DeepInfraProvider, tmp_path: Path) -> None:
    path = tmp_path / "speech.wav"
    path.write_bytes(wav(12.0))
    result = transcribe_sync(
        model=provider.transcription_model(WHISPER),
        audio=path,
        provider_options={"deepinfra": {"language": "en", "timestamp_granularities": ["segment", "word"]}},
    )
    assert result.text == TRANSCRIPT
    assert result.language == "en"
    assert result.duration_in_seconds == pytest.approx(12.0)
    assert [(segment.start_second, segment.end_second) for segment in result.segments] == [
        (0.0, 4.0),
        (4.0, 8.0),
        (8.0, 12.0),
    ]
    assert " ".join(segment.text.strip() for segment in result.segments) == TRANSCRIPT
    request = emu.last_request
    assert request.path == "/v1/openai/audio/transcriptions"
    assert request.form("file")[0].data == path.read_bytes()
    assert [part.text for part in request.form("timestamp_granularities")] == ["segment", "word"]


@pytest.mark.parametrize("response_format", ["srt", "vtt", "text", "json"])
async def test_transcribe_async_formats(provider: DeepInfraProvider, response_format: str) -> None:
    result = await transcribe(
        model=provider.transcription_model(WHISPER),
        audio=wav(3.0),
        provider_options={"deepinfra": {"response_format": response_format}},
    )
    expected_start = {"srt": "1\n00:00:00,000 --> 00:00:03,000\n", "vtt": "WEBVTT\n\n00:00:00.000 --> 00:00:03.000\n"}
    assert result.text.startswith(expected_start.get(response_format, TRANSCRIPT))


async def test_transcribe_422_from_the_schema(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    with pytest.raises(APICallError, match="temperature") as caught:
        await transcribe(
            model=provider.transcription_model(WHISPER),
            audio=wav(1.0),
            provider_options={"deepinfra": {"temperature": "warm"}},
        )
    assert caught.value.status_code == 422


def test_generate_speech_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider, tmp_path: Path) -> None:
    result = generate_speech_sync(model=provider.speech_model(KOKORO), text="Hello world", voice="af_bella", speed=1.5)
    assert result.audio.media_type == "audio/wav"
    assert result.audio.data == speech_audio("Hello world", "wav")
    assert result.audio.save(tmp_path / f"hello.{result.audio.format}").stat().st_size == len(result.audio.data)
    assert emu.last_request.body == {"model": KOKORO, "input": "Hello world", "voice": "af_bella", "speed": 1.5}


@pytest.mark.parametrize(("output_format", "media_type"), [("mp3", "audio/mpeg"), ("flac", "audio/flac")])
def test_generate_speech_formats(provider: DeepInfraProvider, output_format: str, media_type: str) -> None:
    result = generate_speech_sync(model=provider.speech_model(KOKORO), text="Hi", output_format=output_format)
    assert (result.audio.media_type, result.audio.format) == (media_type, output_format)


def test_generate_speech_out_of_range_speed_is_deepinfras_422(provider: DeepInfraProvider) -> None:
    with pytest.raises(APICallError, match="speed") as caught:
        generate_speech_sync(model=provider.speech_model(KOKORO), text="Hi", speed=9.0)
    assert caught.value.status_code == 422


def test_stream_speech_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    text = "A longer sentence, spoken while it is being made. " * 10
    stream = stream_speech_sync(model=provider.speech_model(KOKORO), text=text, voice="af_bella", language="en")
    chunks = list(stream)
    assert len(chunks) > 1
    assert b"".join(chunks) == speech_audio(text, "wav")
    assert stream.media_type == "audio/wav"
    request = emu.last_request
    assert request.path == "/v1/text-to-speech/af_bella/stream"
    assert request.body == {"text": text, "model_id": KOKORO, "language_code": "en"}


async def test_stream_speech_async_mp3_early_close_and_save(provider: DeepInfraProvider, tmp_path: Path) -> None:
    text = "Streaming audio. " * 40
    stream = await stream_speech(model=provider.speech_model(KOKORO), text=text, voice="af_bella", output_format="mp3")
    first = b""
    async for chunk in stream:
        first = chunk
        break
    assert first.startswith(b"ID3")
    assert stream.format == "mp3"
    stream.close()
    saved = await (
        await stream_speech(model=provider.speech_model(KOKORO), text="Hi", voice="af_bella", output_format="mp3")
    ).save(tmp_path / "hi.mp3")
    assert saved.read_bytes() == speech_audio("Hi", "mp3")


# ----------------------------------------------------------------------------------------- deadlines

_SLOW_CALLS: dict[str, Any] = {
    "rerank": lambda p, sync, t: (rerank_sync if sync else rerank)(
        model=p.reranking_model(QWEN), query=QUERY, documents=DOCUMENTS, timeout=t, max_retries=0
    ),
    "transcribe": lambda p, sync, t: (transcribe_sync if sync else transcribe)(
        model=p.transcription_model(WHISPER), audio=wav(1.0), timeout=t, max_retries=0
    ),
    "generate_speech": lambda p, sync, t: (generate_speech_sync if sync else generate_speech)(
        model=p.speech_model(KOKORO), text="Hello", timeout=t, max_retries=0
    ),
    "stream_speech": lambda p, sync, t: (stream_speech_sync if sync else stream_speech)(
        model=p.speech_model(KOKORO), text="Hello", voice="af_bella", timeout=t, max_retries=0
    ),
}


async def _finish(call: Any, sync: bool) -> Any:
    return call if sync else await call


@pytest.mark.parametrize("timeout", [0.3, Timeout(total=0.3)], ids=["seconds", "Timeout"])
@pytest.mark.parametrize("function", sorted(_SLOW_CALLS))
@pytest.mark.parametrize("sync", [True, False], ids=["sync", "async"])
async def test_a_slow_answer_ends_at_the_deadline(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, function: str, sync: bool, timeout: Any
) -> None:
    """The DeepInfra request itself keeps to the call's deadline (not only the retries around it): a
    server that answers too late raises DeadlineExceededError at the deadline, as chat and embed do."""
    emu.latency = 5
    started = time.monotonic()
    with pytest.raises(DeadlineExceededError):
        await _finish(_SLOW_CALLS[function](provider, sync, timeout), sync)
    assert time.monotonic() - started < 3

"""The emulator's reranker and audio routes over raw HTTP: each reranker family refuses the other's
body shape with a 422 (as DeepInfra does), scores favour documents about the query, transcription and
speech bodies are validated against the OpenAPI document, and the new routes take scripted replies."""

from __future__ import annotations

import io
import wave

import pytest

from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator.audio import form_body, speech_audio
from ai_sdk.testing.emulator.multipart import FormPart
from ai_sdk.testing.emulator.rerank import score

from .emulator_http import request

QWEN = "/v1/inference/Qwen/Qwen3-Reranker-8B"
CROSS = "/v1/inference/cross-encoder/ms-marco-MiniLM-L-12-v2"


def test_qwen3_scores_in_document_order_with_cost(deepinfra_emulator: DeepInfraEmulator) -> None:
    documents = ["bananas", "the capital of France is Paris"]
    answer = request(deepinfra_emulator, QWEN, {"queries": ["capital of France"] * 2, "documents": documents})
    assert answer.status == 200
    body = answer.json()
    assert body["scores"][1] > body["scores"][0]
    assert body["input_tokens"] == body["inference_status"]["tokens_input"] > 0
    assert body["inference_status"]["status"] == "succeeded"
    assert body["inference_status"]["cost"] == pytest.approx(0.05 * body["input_tokens"] / 1e6)


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        (QWEN, {"query": "q", "documents": ["a"]}, "queries"),
        (QWEN, {"queries": ["q"], "documents": ["a", "b"]}, "queries"),
        (CROSS, {"queries": ["q"], "documents": ["a"]}, "query"),
        (CROSS, {"query": "q", "documents": "a"}, "documents"),
        (CROSS, {"query": "q", "documents": [1]}, "documents"),
    ],
)
def test_wrong_shapes_are_422(deepinfra_emulator: DeepInfraEmulator, path: str, body: object, field: str) -> None:
    answer = request(deepinfra_emulator, path, body)
    assert answer.status == 422
    assert field in [item["loc"][1] for item in answer.json()["detail"]]


def test_score_is_higher_for_shared_words() -> None:
    assert score("red apples", "I like red apples") > score("red apples", "blue sky")
    assert 0 < score("x", "y") < 1


def test_form_body_reads_repeated_and_bracketed_fields() -> None:
    parts = [
        FormPart("file", b"RIFF", "a.wav", "audio/wav"),
        FormPart("timestamp_granularities[]", b"word"),
        FormPart("timestamp_granularities", b"segment"),
        FormPart("temperature", b"0.5"),
    ]
    assert form_body(parts) == {
        "file": "<binary>",
        "timestamp_granularities": ["word", "segment"],
        "temperature": 0.5,
    }


def test_speech_audio_is_a_real_wav() -> None:
    with wave.open(io.BytesIO(speech_audio("Hello", "wav"))) as reader:
        assert (reader.getnchannels(), reader.getsampwidth(), reader.getframerate()) == (1, 2, 8000)
        assert reader.getnframes() == 800  # 20 ms per character
    assert speech_audio("Hello", "pcm") == speech_audio("Hello", "wav")[44:]


def test_tts_whole_file_route_and_schema(deepinfra_emulator: DeepInfraEmulator) -> None:
    whole = request(deepinfra_emulator, "/v1/text-to-speech/af_bella", {"text": "Hi", "output_format": "flac"})
    assert whole.status == 200
    assert whole.headers["content-type"] == "audio/flac"
    assert whole.body == speech_audio("Hi", "flac")
    assert deepinfra_emulator.last_request.route == "text_to_speech"
    bad = request(deepinfra_emulator, "/v1/text-to-speech/af_bella/stream", {"text": "Hi", "output_format": "aiff"})
    assert bad.status == 422
    missing = request(deepinfra_emulator, "/v1/openai/audio/speech", {"model": "hexgrad/Kokoro-82M"})
    assert missing.status == 422


def test_transcription_needs_multipart(deepinfra_emulator: DeepInfraEmulator) -> None:
    answer = request(deepinfra_emulator, "/v1/openai/audio/transcriptions", {"model": "openai/whisper-large-v3"})
    assert answer.status == 422


def test_new_routes_take_scripted_replies(deepinfra_emulator: DeepInfraEmulator) -> None:
    emu = deepinfra_emulator
    emu.audio_speech.reply_error(503, retry_after=1)
    emu.text_to_speech.reply_raw(b"OggS-exact", content_type="audio/ogg")
    emu.image_generations.reply_error(429)
    first = request(emu, "/v1/openai/audio/speech", {"model": "m", "input": "Hi"})
    assert (first.status, first.headers["retry-after"]) == (503, "1")
    assert request(emu, "/v1/text-to-speech/v/stream", {"text": "Hi"}).body == b"OggS-exact"
    assert request(emu, "/v1/openai/images/generations", {"model": "m", "prompt": "p"}).status == 429
    assert request(emu, "/v1/openai/audio/speech", {"model": "m", "input": "Hi"}).status == 200

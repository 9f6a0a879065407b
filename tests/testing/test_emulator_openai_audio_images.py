"""The official ``openai`` client against the emulator's image-generation and audio routes (it sends
its own multipart and JSON shapes, so these keep the routes honest for any OpenAI-style client):
``images.generate``, ``audio.transcriptions``, ``audio.translations`` and ``audio.speech`` (whole and
streamed), blocking and async."""

from __future__ import annotations

import base64
import io
import wave

import openai
import pytest

from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator.audio import TRANSCRIPT, speech_audio
from ai_sdk.testing.emulator.png import png_size

WHISPER = "openai/whisper-large-v3-turbo"
KOKORO = "hexgrad/Kokoro-82M"


def _client(emu: DeepInfraEmulator) -> openai.OpenAI:
    return openai.OpenAI(base_url=emu.base_url + "/openai", api_key="test-key", max_retries=0)


def _wav(seconds: float) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(8000)
        writer.writeframes(b"\0\0" * int(seconds * 8000))
    return buffer.getvalue()


def test_images_generate(deepinfra_emulator: DeepInfraEmulator) -> None:
    result = _client(deepinfra_emulator).images.generate(
        model="black-forest-labs/FLUX-1-schnell", prompt="a red fox", n=2, size="256x128"
    )
    assert result.data is not None
    assert [png_size(base64.b64decode(image.b64_json or "")) for image in result.data] == [(256, 128), (256, 128)]
    assert deepinfra_emulator.last_request.route == "image_generations"


def test_images_generate_rejects_n_above_four(deepinfra_emulator: DeepInfraEmulator) -> None:
    with pytest.raises(openai.UnprocessableEntityError):
        _client(deepinfra_emulator).images.generate(model="black-forest-labs/FLUX-1-schnell", prompt="x", n=5)


def test_transcriptions_verbose_json_with_words(deepinfra_emulator: DeepInfraEmulator) -> None:
    result = _client(deepinfra_emulator).audio.transcriptions.create(
        model=WHISPER,
        file=("speech.wav", _wav(6.0), "audio/wav"),
        response_format="verbose_json",
        timestamp_granularities=["word", "segment"],
        language="en",
    )
    assert result.text == TRANSCRIPT
    assert result.duration == pytest.approx(6.0)
    assert result.segments is not None
    assert result.segments[-1].end == pytest.approx(6.0)
    assert result.words is not None
    assert [word.word for word in result.words] == TRANSCRIPT.split()


@pytest.mark.parametrize("response_format", ["json", "text", "srt", "vtt"])
def test_transcriptions_formats(deepinfra_emulator: DeepInfraEmulator, response_format: str) -> None:
    result = _client(deepinfra_emulator).audio.transcriptions.create(
        model=WHISPER, file=("speech.wav", _wav(1.0), "audio/wav"), response_format=response_format
    )
    text = result if isinstance(result, str) else result.text
    assert "quick brown fox" in text


@pytest.mark.filterwarnings("ignore:deprecated:DeprecationWarning")  # the openai client marks translations so
async def test_translations_async(deepinfra_emulator: DeepInfraEmulator) -> None:
    client = openai.AsyncOpenAI(base_url=deepinfra_emulator.base_url + "/openai", api_key="k", max_retries=0)
    result = await client.audio.translations.create(model=WHISPER, file=("speech.wav", _wav(1.0), "audio/wav"))
    assert result.text == TRANSCRIPT
    assert deepinfra_emulator.last_request.route == "audio_translations"
    await client.close()


def test_speech_whole_and_streamed(deepinfra_emulator: DeepInfraEmulator) -> None:
    client = _client(deepinfra_emulator)
    whole = client.audio.speech.create(model=KOKORO, input="Hello there", voice="af_bella", response_format="mp3")
    assert whole.content == speech_audio("Hello there", "mp3")
    assert whole.response.headers["content-type"] == "audio/mpeg"
    with client.audio.speech.with_streaming_response.create(
        model=KOKORO, input="Hello there", voice="af_bella", response_format="wav"
    ) as streamed:
        assert b"".join(streamed.iter_bytes(1024)) == speech_audio("Hello there", "wav")


def test_speech_out_of_range_speed_is_a_422(deepinfra_emulator: DeepInfraEmulator) -> None:
    with pytest.raises(openai.UnprocessableEntityError):
        _client(deepinfra_emulator).audio.speech.create(model=KOKORO, input="Hi", voice="af_bella", speed=5.0)

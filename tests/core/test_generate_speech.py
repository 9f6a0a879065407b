"""generate_speech / stream_speech (and their blocking twins) over a recording fake model: settings reach
the model, audio comes back as a file with its format, an empty answer raises, a stream hands on its
chunks and closes, and bad arguments fail before any call."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any, Literal

import pytest

from ai_sdk import GeneratedAudioFile, SpeechResult, generate_speech, stream_speech
from ai_sdk.core import retry
from ai_sdk.errors import APICallError, InvalidArgumentError, NoSpeechGeneratedError, UnknownArgumentError
from ai_sdk.spec import CallWarning, ResponseInfo, SpeechOptions, SpeechStreamResult
from ai_sdk.spec import SpeechResult as ModelResult
from ai_sdk.sync import generate_speech as generate_speech_sync
from ai_sdk.sync import stream_speech as stream_speech_sync

CHUNKS = [b"ID3", b"\x01\x02", b"\x03"]
WARNING = CallWarning("unsupported", feature="instructions")


class Chunks:
    def __init__(self) -> None:
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        yield from CHUNKS

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in CHUNKS:
            yield chunk

    def close(self) -> None:
        self.closed = True


class FakeSpeech:
    specification_version: Literal["v3"] = "v3"
    provider = "fake.speech"
    model_id = "fake-tts"

    def __init__(self, audio: bytes = b"ID3audio", failures: int = 0) -> None:
        self.calls: list[SpeechOptions] = []
        self.audio = audio
        self.failures = failures
        self.streams: list[Chunks] = []

    def _check(self, options: SpeechOptions) -> None:
        self.calls.append(options)
        if self.failures:
            self.failures -= 1
            raise APICallError("busy", url="u", status_code=503)

    def _answer(self, options: SpeechOptions) -> ModelResult:
        self._check(options)
        return ModelResult(self.audio, "audio/mpeg", [WARNING], ResponseInfo(model_id=self.model_id))

    def _stream(self, options: SpeechOptions) -> SpeechStreamResult[Any]:
        self._check(options)
        self.streams.append(Chunks())
        return SpeechStreamResult(self.streams[-1], "audio/mpeg", [WARNING], ResponseInfo(model_id=self.model_id))

    async def do_generate(self, options: SpeechOptions) -> ModelResult:
        return self._answer(options)

    def do_generate_sync(self, options: SpeechOptions) -> ModelResult:
        return self._answer(options)

    async def do_stream(self, options: SpeechOptions) -> SpeechStreamResult[Any]:
        return self._stream(options)

    def do_stream_sync(self, options: SpeechOptions) -> SpeechStreamResult[Any]:
        return self._stream(options)


@pytest.fixture(autouse=True)
def _no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries happen at once (the backoff itself is tested in test_retry.py)."""

    async def no_async_sleep(seconds: float) -> None:
        return None

    monkeypatch.setattr(retry, "sleep", lambda seconds: None)
    monkeypatch.setattr(retry, "async_sleep", no_async_sleep)


async def speak(mode: str, **kwargs: Any) -> SpeechResult:
    return generate_speech_sync(**kwargs) if mode == "sync" else await generate_speech(**kwargs)


async def stream_all(mode: str, **kwargs: Any) -> tuple[Any, list[bytes]]:
    if mode == "sync":
        result = stream_speech_sync(**kwargs)
        return result, list(result)
    started = await stream_speech(**kwargs)
    return started, [chunk async for chunk in started]


async def test_settings_reach_the_model_and_audio_comes_back(mode: str, tmp_path: Path) -> None:
    model = FakeSpeech()
    result = await speak(
        mode, model=model, text="Hi", voice="af_bella", output_format="mp3", speed=2, language="en", instructions="calm"
    )
    [call] = model.calls
    assert (call.text, call.voice, call.output_format, call.speed, call.language, call.instructions) == (
        "Hi",
        "af_bella",
        "mp3",
        2.0,
        "en",
        "calm",
    )
    assert result.audio == GeneratedAudioFile(data=b"ID3audio", media_type="audio/mpeg")
    assert (result.audio.format, result.audio.base64) == ("mp3", "SUQzYXVkaW8=")
    assert result.warnings == [WARNING]
    assert result.audio.save(tmp_path / "hi.mp3").read_bytes() == b"ID3audio"


async def test_no_audio_raises(mode: str) -> None:
    with pytest.raises(NoSpeechGeneratedError):
        await speak(mode, model=FakeSpeech(audio=b""), text="Hi")


async def test_a_failed_start_is_retried(mode: str) -> None:
    model = FakeSpeech(failures=1)
    await speak(mode, model=model, text="Hi", max_retries=1)
    streamed = FakeSpeech(failures=1)
    await stream_all(mode, model=streamed, text="Hi", max_retries=1)
    assert (len(model.calls), len(streamed.calls)) == (2, 2)


async def test_stream_hands_on_chunks_and_closes(mode: str) -> None:
    model = FakeSpeech()
    started, chunks = await stream_all(mode, model=model, text="Hi", voice="v")
    assert chunks == CHUNKS
    assert (started.media_type, started.format, started.warnings) == ("audio/mpeg", "mp3", [WARNING])
    assert model.streams[0].closed


async def test_stream_save_writes_every_chunk(mode: str, tmp_path: Path) -> None:
    model = FakeSpeech()
    if mode == "sync":
        path = stream_speech_sync(model=model, text="Hi").save(tmp_path / "a.mp3")
    else:
        path = await (await stream_speech(model=model, text="Hi")).save(tmp_path / "a.mp3")
    assert path.read_bytes() == b"".join(CHUNKS)
    assert model.streams[0].closed


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"model": "hexgrad/Kokoro-82M"}, "model"),
        ({"text": " "}, "text"),
        ({"speed": 0}, "speed"),
        ({"speed": "fast"}, "speed"),
        ({"voice": ""}, "voice"),
        ({"output_format": 3}, "output_format"),
        ({"max_retries": 1.5}, "max_retries"),
        ({"provider_options": {"deepinfra": 1}}, "provider_options"),
    ],
)
async def test_bad_arguments_fail_before_any_call(mode: str, kwargs: dict[str, Any], argument: str) -> None:
    model = FakeSpeech()
    arguments: dict[str, Any] = {"model": model, "text": "Hi", **kwargs}
    with pytest.raises(InvalidArgumentError) as caught:
        await speak(mode, **arguments)
    assert caught.value.argument == argument
    with pytest.raises(InvalidArgumentError):
        await stream_all(mode, **arguments)
    assert model.calls == []


async def test_an_unknown_setting_names_the_closest_one_before_any_request(mode: str) -> None:
    model = FakeSpeech()
    with pytest.raises(UnknownArgumentError, match=r"'voices'; did you mean voice\?"):
        await speak(mode, model=model, text="Hi", voices="af_bella")
    with pytest.raises(TypeError, match=r"'output_fromat'; did you mean output_format\?"):
        await stream_all(mode, model=model, text="Hi", output_fromat="mp3")
    assert model.streams == []

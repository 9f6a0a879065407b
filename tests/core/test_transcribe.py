"""transcribe / transcribe_sync over a recording fake model: every audio input form reaches the model as
bytes with a detected media type, results are passed on, an empty transcript raises, and bad input is
a clear error before any call."""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any, Literal

import pytest

from ai_sdk import TranscriptionResult, TranscriptionSegment, transcribe
from ai_sdk.errors import InvalidArgumentError, NoTranscriptGeneratedError
from ai_sdk.spec import ResponseInfo, TranscriptionOptions, Usage
from ai_sdk.spec import TranscriptionResult as ModelResult
from ai_sdk.sync import transcribe as transcribe_sync

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(28)
MP3 = b"ID3\x04\x00\x00" + bytes(30)


class FakeTranscriber:
    specification_version: Literal["v3"] = "v3"
    provider = "fake.transcription"
    model_id = "fake-whisper"

    def __init__(self, text: str = "Hello world.") -> None:
        self.calls: list[TranscriptionOptions] = []
        self.text = text

    def _answer(self, options: TranscriptionOptions) -> ModelResult:
        self.calls.append(options)
        return ModelResult(
            text=self.text,
            segments=[TranscriptionSegment("Hello world.", 0.0, 1.5)],
            language="en",
            duration_in_seconds=1.5,
            usage=Usage(cost=0.0001),
            response=ResponseInfo(model_id=self.model_id),
        )

    async def do_generate(self, options: TranscriptionOptions) -> ModelResult:
        return self._answer(options)

    def do_generate_sync(self, options: TranscriptionOptions) -> ModelResult:
        return self._answer(options)


async def run(mode: str, **kwargs: Any) -> TranscriptionResult:
    if mode == "sync":
        return transcribe_sync(**kwargs)
    return await transcribe(**kwargs)


async def test_result_carries_text_segments_language_duration_and_cost(mode: str) -> None:
    model = FakeTranscriber()
    result = await run(mode, model=model, audio=WAV, provider_options={"fake": {"language": "en"}})
    assert result.text == "Hello world."
    assert result.segments == [TranscriptionSegment("Hello world.", 0.0, 1.5)]
    assert (result.language, result.duration_in_seconds, result.usage.cost) == ("en", 1.5, 0.0001)
    assert result.responses == [ResponseInfo(model_id="fake-whisper")]
    assert model.calls[0].provider_options == {"fake": {"language": "en"}}


@pytest.mark.parametrize(
    ("make", "media_type"),
    [
        (lambda: WAV, "audio/wav"),
        (lambda: bytearray(MP3), "audio/mpeg"),
        (lambda: memoryview(WAV), "audio/wav"),
        (lambda: base64.b64encode(MP3).decode(), "audio/mpeg"),
        (lambda: "data:audio/x-custom;base64," + base64.b64encode(b"\x01\x02").decode(), "audio/x-custom"),
        (lambda: io.BytesIO(WAV), "audio/wav"),
    ],
)
async def test_audio_forms_become_bytes_with_a_media_type(
    mode: str, make: Any, media_type: str, tmp_path: Path
) -> None:
    model = FakeTranscriber()
    await run(mode, model=model, audio=make())
    assert model.calls[0].media_type == media_type
    assert isinstance(model.calls[0].audio, bytes)


async def test_paths_and_files_use_the_extension_when_the_bytes_say_nothing(mode: str, tmp_path: Path) -> None:
    path = tmp_path / "talk.m4a"
    path.write_bytes(b"\x00\x01unknown")
    model = FakeTranscriber()
    await run(mode, model=model, audio=path)
    with path.open("rb") as file:
        await run(mode, model=model, audio=file)
    assert [call.media_type for call in model.calls] == ["audio/mp4", "audio/mp4"]
    assert model.calls[0].audio == b"\x00\x01unknown"
    unknown = FakeTranscriber()
    await run(mode, model=unknown, audio=b"\x00\x01")
    assert unknown.calls[0].media_type == "application/octet-stream"


async def test_an_empty_transcript_raises(mode: str) -> None:
    with pytest.raises(NoTranscriptGeneratedError) as caught:
        await run(mode, model=FakeTranscriber(text=""), audio=WAV)
    assert caught.value.responses == [ResponseInfo(model_id="fake-whisper")]


@pytest.mark.parametrize(
    ("audio", "match"),
    [
        ("https://example.com/a.mp3", "not downloaded"),
        ("not base64!", "must be base64"),
        ("data:audio/wav,plain", "base64 data URL"),
        (b"", "empty"),
        (12, "expected audio as bytes"),
        (io.StringIO("text"), "binary mode"),
        (Path("/nonexistent/audio.wav"), "cannot read audio file"),
    ],
)
async def test_bad_audio_is_a_clear_error_before_any_call(mode: str, audio: Any, match: str) -> None:
    model = FakeTranscriber()
    with pytest.raises(InvalidArgumentError, match=match):
        await run(mode, model=model, audio=audio)
    assert model.calls == []


async def test_a_non_model_is_refused(mode: str) -> None:
    with pytest.raises(InvalidArgumentError, match="expected a transcription model"):
        await run(mode, model="openai/whisper-large-v3", audio=WAV)

"""DeepInfraTranscriptionModel over a mock transport: the multipart request (validated against the
OpenAPI schema of ``/v1/openai/audio/transcriptions``), the options, and how each response format is
read, with odd answers (segments without times, a text answer to a JSON format, a 422). Blocking and
async."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk.deepinfra.transcription_model import (
    DeepInfraTranscriptionModel,
    parse_transcription_response,
    transcription_fields,
)
from ai_sdk.errors import APICallError, InvalidArgumentError, InvalidResponseDataError
from ai_sdk.spec import TranscriptionOptions, TranscriptionResult, TranscriptionSegment
from ai_sdk.spec._json import dumps
from ai_sdk.testing.emulator.audio import form_body
from ai_sdk.testing.mock_transport import MockResponse, MockTransport
from ai_sdk.testing.openapi import schema_errors

from .audio_helpers import KEY, OPENAI, config, form_parts, wav

WHISPER = "openai/whisper-large-v3-turbo"
SCHEMA = "Body_openai_audio_transcriptions_v1_openai_audio_transcriptions_post"
AUDIO = wav(0.5)
# The verbose_json shape of https://deepinfra.com/openai/whisper-large-v3-turbo/api (OpenAI's format).
VERBOSE = {
    "task": "transcribe",
    "language": "english",
    "duration": 8.47,
    "text": " And so my fellow Americans, ask not what your country can do for you.",
    "segments": [
        {"id": 0, "seek": 0, "start": 0.0, "end": 3.2, "text": " And so my fellow Americans,"},
        {"id": 1, "seek": 0, "start": 3.2, "end": 8.47, "text": " ask not what your country can do for you."},
    ],
}


async def transcribe(
    mode: str, model: DeepInfraTranscriptionModel, options: TranscriptionOptions
) -> TranscriptionResult:
    return model.do_generate_sync(options) if mode == "sync" else await model.do_generate(options)


def model_for(transport: MockTransport) -> DeepInfraTranscriptionModel:
    return DeepInfraTranscriptionModel(WHISPER, config(transport, base_url=OPENAI, provider="deepinfra.transcription"))


def options(**kwargs: Any) -> TranscriptionOptions:
    return TranscriptionOptions(audio=AUDIO, media_type="audio/wav", **kwargs)


async def test_verbose_json_by_default_with_segments_language_and_duration(mode: str) -> None:
    transport = MockTransport(MockResponse.json(VERBOSE))
    result = await transcribe(mode, model_for(transport), options())
    request = transport.last_request
    assert request.url == f"{OPENAI}/audio/transcriptions"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    parts = form_parts(request)
    assert [(part.name, part.filename, part.content_type) for part in parts] == [
        ("file", "audio.wav", "audio/wav"),
        ("model", None, None),
        ("response_format", None, None),
    ]
    assert parts[0].data == AUDIO
    assert form_body(parts) == {"file": "<binary>", "model": WHISPER, "response_format": "verbose_json"}
    assert schema_errors(SCHEMA, form_body(parts)) == []
    assert result.text == "And so my fellow Americans, ask not what your country can do for you."
    assert result.segments == [
        TranscriptionSegment(" And so my fellow Americans,", 0.0, 3.2),
        TranscriptionSegment(" ask not what your country can do for you.", 3.2, 8.47),
    ]
    assert result.language == "en"
    assert result.duration_in_seconds == pytest.approx(8.47)
    assert result.usage.cost is None
    assert result.response.body == VERBOSE
    assert result.response.model_id == WHISPER
    assert transport.unclosed == 0


async def test_every_option_is_a_valid_form_field(mode: str) -> None:
    transport = MockTransport(MockResponse.json(VERBOSE))
    provider_options = {
        "deepinfra": {
            "language": "en",
            "prompt": "JFK",
            "temperature": 0.2,
            "timestampGranularities": ["word", "segment"],
        }
    }
    await transcribe(mode, model_for(transport), options(provider_options=provider_options))
    body = form_body(form_parts(transport.last_request))
    assert body == {
        "file": "<binary>",
        "model": WHISPER,
        "response_format": "verbose_json",
        "timestamp_granularities": ["word", "segment"],
        "language": "en",
        "prompt": "JFK",
        "temperature": 0.2,
    }
    assert schema_errors(SCHEMA, body) == []


@pytest.mark.parametrize("response_format", ["json", "verbose_json", "text", "srt", "vtt"])
def test_every_response_format_is_valid(response_format: str) -> None:
    fields, chosen = transcription_fields(
        WHISPER, options(provider_options={"deepinfra": {"responseFormat": response_format}})
    )
    assert chosen == response_format
    assert ("response_format", response_format) in [(field.name, field.value) for field in fields]


@pytest.mark.parametrize(
    ("extra", "match"),
    [
        ({"response_format": "docx"}, "response_format must be one of"),
        ({"timestamp_granularities": ["char"]}, "'segment' and/or 'word'"),
        ({"model": "other"}, "cannot be set"),
        ({"file": b"x"}, "cannot be set"),
    ],
)
def test_bad_options_are_clear_errors(extra: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        transcription_fields(WHISPER, options(provider_options={"deepinfra": extra}))


@pytest.mark.parametrize(
    ("media_type", "filename"), [("audio/mpeg", "audio.mp3"), ("audio/ogg", "audio.ogg"), ("x/y", "audio.wav")]
)
def test_the_file_name_follows_the_media_type(media_type: str, filename: str) -> None:
    fields, _ = transcription_fields(WHISPER, TranscriptionOptions(audio=b"abc", media_type=media_type))
    assert fields[0].filename == filename
    assert fields[0].content_type == media_type


async def test_srt_is_returned_as_text(mode: str) -> None:
    srt = "1\n00:00:00,000 --> 00:00:03,200\nAnd so my fellow Americans,\n"
    transport = MockTransport(MockResponse(200, {"content-type": "text/plain"}, srt.encode()))
    result = await transcribe(
        mode, model_for(transport), options(provider_options={"deepinfra": {"response_format": "srt"}})
    )
    assert result.text == srt
    assert result.segments == []


def test_plain_text_is_stripped_and_json_reads_text_only() -> None:
    assert parse_transcription_response(b" Hello.\n", response_format="text").text == "Hello."
    result = parse_transcription_response(dumps({"text": "Hi"}), response_format="json")
    assert (result.text, result.segments, result.language, result.duration_in_seconds) == ("Hi", [], None, None)


def test_cost_is_read_when_deepinfra_reports_it() -> None:
    body = {**VERBOSE, "inference_status": {"status": "succeeded", "cost": 0.0000283}}
    result = parse_transcription_response(dumps(body), response_format="verbose_json")
    assert result.usage.cost == pytest.approx(0.0000283)
    assert result.provider_metadata == {"deepinfra": {"cost": 0.0000283}}
    usage_body = {**VERBOSE, "usage": {"prompt_tokens": 12, "estimated_cost": 0.001}}
    priced = parse_transcription_response(dumps(usage_body), response_format="verbose_json")
    assert (priced.usage.cost, priced.usage.input_tokens) == (0.001, 12)


def test_segments_without_times_are_left_out_with_a_warning() -> None:
    body = {"text": "a b", "segments": [{"text": "a", "start": 0, "end": 1}, {"text": "b"}, "junk"]}
    result = parse_transcription_response(dumps(body), response_format="verbose_json")
    assert result.segments == [TranscriptionSegment("a", 0.0, 1.0)]
    assert len(result.warnings) == 1
    assert "left out" in str(result.warnings[0])


def test_unknown_language_names_pass_through() -> None:
    body = {"text": "x", "language": "klingon"}
    assert parse_transcription_response(dumps(body), response_format="verbose_json").language == "klingon"


def test_a_text_answer_to_a_json_format_is_an_api_error() -> None:
    with pytest.raises(APICallError, match="not JSON although verbose_json was asked for"):
        parse_transcription_response(b"<html>oops</html>", response_format="verbose_json")


def test_json_without_text_is_invalid_response_data() -> None:
    with pytest.raises(InvalidResponseDataError, match="no 'text'"):
        parse_transcription_response(dumps({"segments": []}), response_format="json")


async def test_a_422_detail_list_is_an_api_error(mode: str) -> None:
    detail = {"detail": [{"loc": ["body", "file"], "msg": "field required", "type": "value_error.missing"}]}
    transport = MockTransport(MockResponse.json(detail, status=422))
    with pytest.raises(APICallError, match=r"body\.file: field required") as caught:
        await transcribe(mode, model_for(transport), options())
    assert caught.value.status_code == 422
    assert "<" in str(caught.value.request_body)  # the audio is summarised, not copied into the error

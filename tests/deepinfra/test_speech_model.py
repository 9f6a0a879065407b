"""DeepInfraSpeechModel over a mock transport: the whole-audio body (``OpenAITextToSpeechIn``) and the
streaming body (``ElevenLabsTextToSpeechIn``), both validated against DeepInfra's OpenAPI document,
the warnings for settings a route cannot take, the media type, and streamed chunks handed on as they
arrive with the response closed at the end or on ``close()``. Blocking and async."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk.deepinfra.speech_model import DeepInfraSpeechModel, speech_request_body, stream_request_body
from ai_sdk.errors import APICallError, InvalidArgumentError, InvalidResponseDataError
from ai_sdk.spec import SpeechOptions, SpeechResult
from ai_sdk.testing.mock_transport import MockResponse, MockTransport
from ai_sdk.testing.openapi import schema_errors

from .audio_helpers import ROOT, config

KOKORO = "hexgrad/Kokoro-82M"
MP3 = b"ID3\x04\x00" + bytes(100)


def model_for(transport: MockTransport) -> DeepInfraSpeechModel:
    return DeepInfraSpeechModel(KOKORO, config(transport, base_url=ROOT, provider="deepinfra.speech"))


async def generate(mode: str, model: DeepInfraSpeechModel, options: SpeechOptions) -> SpeechResult:
    return model.do_generate_sync(options) if mode == "sync" else await model.do_generate(options)


async def stream_chunks(mode: str, model: DeepInfraSpeechModel, options: SpeechOptions) -> tuple[Any, list[bytes]]:
    if mode == "sync":
        result = model.do_stream_sync(options)
        return result, list(result.stream)
    started = await model.do_stream(options)
    return started, [chunk async for chunk in started.stream]


async def test_whole_audio_body_matches_the_openapi_schema(mode: str) -> None:
    transport = MockTransport(MockResponse(200, {"content-type": "audio/mpeg"}, MP3))
    options = SpeechOptions(
        text="Hello there.",
        voice="af_bella",
        output_format="mp3",
        speed=1.25,
        provider_options={"deepinfra": {"service_tier": "priority"}},
    )
    result = await generate(mode, model_for(transport), options)
    assert transport.last_request.url == f"{ROOT}/openai/audio/speech"
    body = transport.request_json()
    assert body == {
        "model": KOKORO,
        "input": "Hello there.",
        "voice": "af_bella",
        "response_format": "mp3",
        "speed": 1.25,
        "service_tier": "priority",
    }
    assert schema_errors("OpenAITextToSpeechIn", body) == []
    assert result.audio == MP3
    assert result.media_type == "audio/mpeg"
    assert result.warnings == []
    assert transport.unclosed == 0


def test_documented_minimal_body() -> None:
    # DeepInfra's example: {"model": "deepinfra/tts", "input": "..."}; the rest defaults server-side.
    body, warnings = speech_request_body("deepinfra/tts", SpeechOptions(text="I'm beginnin' to feel like a Rap God"))
    assert body == {"model": "deepinfra/tts", "input": "I'm beginnin' to feel like a Rap God"}
    assert schema_errors("OpenAITextToSpeechIn", body) == []
    assert warnings == []


def test_settings_the_whole_audio_route_lacks_are_warnings() -> None:
    _, warnings = speech_request_body(KOKORO, SpeechOptions(text="Hi", instructions="calm", language="fr"))
    assert [warning.feature for warning in warnings] == ["instructions", "language"]
    assert all(warning.type == "unsupported" for warning in warnings)


def test_streaming_body_matches_the_openapi_schema_and_warns_about_speed() -> None:
    body, warnings = stream_request_body(
        KOKORO, SpeechOptions(text="Hallo", voice="af_bella", output_format="wav", language="de", speed=2.0)
    )
    assert body == {"text": "Hallo", "model_id": KOKORO, "output_format": "wav", "language_code": "de"}
    assert schema_errors("ElevenLabsTextToSpeechIn", body) == []
    assert [warning.feature for warning in warnings] == ["speed"]


@pytest.mark.parametrize("build", [speech_request_body, stream_request_body])
def test_unknown_formats_are_refused(build: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="mp3, opus, flac, wav, pcm"):
        build(KOKORO, SpeechOptions(text="Hi", output_format="aiff"))


@pytest.mark.parametrize("key", ["model", "input"])
def test_provider_options_cannot_replace_model_or_text(key: str) -> None:
    with pytest.raises(InvalidArgumentError, match="cannot be set"):
        speech_request_body(KOKORO, SpeechOptions(text="Hi", provider_options={"deepinfra": {key: "x"}}))


async def test_media_type_falls_back_to_the_format_asked_for(mode: str) -> None:
    transport = MockTransport(MockResponse(200, {"content-type": "application/octet-stream"}, b"fLaC...."))
    result = await generate(mode, model_for(transport), SpeechOptions(text="Hi", output_format="flac"))
    assert result.media_type == "audio/flac"
    default = MockTransport(MockResponse(200, {}, b"RIFF...."))
    assert (await generate(mode, model_for(default), SpeechOptions(text="Hi"))).media_type == "audio/wav"


async def test_streamed_chunks_arrive_as_sent_and_the_response_closes(mode: str) -> None:
    chunks = [b"ID3\x04" + bytes(10), b"", bytes(range(20)), b"tail"]
    transport = MockTransport(MockResponse(200, {"content-type": "audio/mpeg"}, chunks=chunks))
    started, received = await stream_chunks(mode, model_for(transport), SpeechOptions(text="Hi", voice="af bella/x"))
    assert transport.last_request.url == f"{ROOT}/text-to-speech/af%20bella%2Fx/stream"
    assert received == [chunk for chunk in chunks if chunk]
    assert started.media_type == "audio/mpeg"
    assert transport.unclosed == 0


async def test_closing_a_stream_early_releases_the_response(mode: str) -> None:
    transport = MockTransport(MockResponse(200, {"content-type": "audio/wav"}, chunks=[b"a", b"b", b"c"]))
    model = model_for(transport)
    if mode == "sync":
        sync_result = model.do_stream_sync(SpeechOptions(text="Hi", voice="v"))
        sync_result.stream.close()
    else:
        async_result = await model.do_stream(SpeechOptions(text="Hi", voice="v"))
        async_result.stream.close()
    assert transport.unclosed == 0


async def test_streaming_needs_a_voice(mode: str) -> None:
    transport = MockTransport([])
    with pytest.raises(InvalidArgumentError, match="needs a voice id"):
        await stream_chunks(mode, model_for(transport), SpeechOptions(text="Hi"))
    assert transport.requests == []


async def test_errors_carry_deepinfras_message(mode: str) -> None:
    detail = {
        "detail": [{"loc": ["body", "speed"], "msg": "ensure this value is less than or equal to 4", "type": "x"}]
    }
    transport = MockTransport(MockResponse.json(detail, status=422))
    with pytest.raises(APICallError, match=r"body\.speed: ensure this value"):
        await generate(mode, model_for(transport), SpeechOptions(text="Hi", speed=9))
    streaming = MockTransport(MockResponse.json({"detail": {"error": "Model not found"}}, status=404))
    with pytest.raises(APICallError, match="Model not found"):
        await stream_chunks(mode, model_for(streaming), SpeechOptions(text="Hi", voice="v"))
    assert streaming.unclosed == 0


async def test_a_json_answer_is_not_handed_back_as_audio(mode: str) -> None:
    # A 2xx JSON body (an error, or another route's {"audio": ...} shape) saved as a .wav would be garbage.
    answer = MockResponse.json({"error": {"message": "voice not available"}})
    transport = MockTransport([answer, answer])
    model = model_for(transport)
    with pytest.raises(InvalidResponseDataError, match=r"answered JSON instead of audio: .*voice not available"):
        await generate(mode, model, SpeechOptions(text="Hi", voice="af_bella"))
    with pytest.raises(InvalidResponseDataError, match="answered JSON instead of audio"):
        await stream_chunks(mode, model, SpeechOptions(text="Hi", voice="af_bella"))
    assert transport.unclosed == 0

"""DeepInfra's text-to-speech models (Kokoro, Orpheus, ...), whole or streamed.

Whole audio comes from the OpenAI-compatible route ``POST {base}/openai/audio/speech``
(``{model, input, voice, response_format, speed}``); streamed audio from the ElevenLabs-style route
``POST {base}/text-to-speech/{voice}/stream`` (``{text, model_id, output_format, language_code}``),
whose chunked body is handed on chunk by chunk as it arrives. Each route takes what the other lacks
(``speed`` only whole, ``language`` only streamed); a setting a route cannot take becomes a warning.

Provider options (``provider_options={"deepinfra": {...}}``) are added to the body of either route,
e.g. ``service_tier`` or ``extra_body`` (model-specific parameters).

Neither route reports usage or cost (the answer is the audio alone), so the results carry none; the
catalog's ``pricing`` (per input character) is where a price can be estimated.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import Any, Generic, TypeVar
from urllib.parse import quote

from ..http.binary_api import BytesResponse
from ..http.transport import AsyncResponse, SyncResponse
from ..openai_compatible.exchange import POST_JSON_FOR_BYTES, POST_STREAM, Exchange
from ..openai_compatible.model_base import ConfiguredModel
from ..openai_compatible.request_fields import add_request_fields, misspelt_fields
from ..spec import (
    AsyncAudioChunkStream,
    AudioChunkStream,
    CallWarning,
    InvalidArgumentError,
    InvalidResponseDataError,
    SpeechOptions,
    SpeechResult,
    SpeechStreamResult,
)
from .metadata import PROVIDER_OPTIONS_KEY

__all__ = ["OUTPUT_FORMATS", "DeepInfraSpeechModel", "speech_request_body", "stream_request_body"]

OUTPUT_FORMATS = {
    "mp3": "audio/mpeg",
    "opus": "audio/ogg",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "pcm": "audio/pcm",
}
"""DeepInfra's ``TtsResponseFormat`` values and their media types."""
_DEFAULT_FORMAT = "wav"  # what DeepInfra answers when no format is asked for
A = TypeVar("A", AudioChunkStream, AsyncAudioChunkStream)
Response = TypeVar("Response", SyncResponse, AsyncResponse)


class DeepInfraSpeechModel(ConfiguredModel):
    """A DeepInfra text-to-speech model. ``config.base_url`` is the API root
    (``https://api.deepinfra.com/v1``): the two routes live under different prefixes."""

    __slots__ = ()

    async def do_generate(self, options: SpeechOptions) -> SpeechResult:
        return await self._generate(options).send_async(self._config.transports)

    def do_generate_sync(self, options: SpeechOptions) -> SpeechResult:
        return self._generate(options).send_sync(self._config.transports)

    async def do_stream(self, options: SpeechOptions) -> SpeechStreamResult[AsyncAudioChunkStream]:
        return await self._stream(options, _AsyncAudioStream).send_async(self._config.transports)

    def do_stream_sync(self, options: SpeechOptions) -> SpeechStreamResult[AudioChunkStream]:
        return self._stream(options, _SyncAudioStream).send_sync(self._config.transports)

    def _generate(self, options: SpeechOptions) -> Exchange[SpeechResult]:
        body, warnings = speech_request_body(self._model_id, options)
        url = self._config.url("/openai/audio/speech")

        def finish(response: BytesResponse) -> SpeechResult:
            if _content_type(response.headers) == "application/json":
                raise _json_instead_of_audio(response.data)
            return SpeechResult(
                audio=response.data,
                media_type=_media_type(response.headers, body.get("response_format")),
                warnings=warnings,
                response=self._response_info(response.headers),
            )

        arguments = {"headers": self._headers(options.headers), "body": body, "deadline": self._deadline(options)}
        return Exchange(POST_JSON_FOR_BYTES, url, arguments, finish)

    def _stream(self, options: SpeechOptions, stream_type: Callable[[Any], A]) -> Exchange[SpeechStreamResult[A]]:
        """``stream_type`` is the blocking or the async chunk stream: the one thing the twins differ in."""
        if not options.voice:
            raise InvalidArgumentError(
                "DeepInfra's streaming speech route needs a voice id in its URL: pass voice=, e.g. 'af_bella' "
                "for hexgrad/Kokoro-82M",
                argument="voice",
            )
        body, warnings = stream_request_body(self._model_id, options)
        url = self._config.url(f"/text-to-speech/{quote(options.voice, safe='')}/stream")

        def finish(response: Any) -> SpeechStreamResult[A]:
            if _content_type(response.headers) == "application/json":
                response.close()
                raise _json_instead_of_audio(b"")
            media_type = _media_type(response.headers, body.get("output_format"))
            return SpeechStreamResult(
                stream_type(response), media_type, warnings, self._response_info(response.headers)
            )

        arguments = {"headers": self._headers(options.headers), "body": body, "deadline": self._deadline(options)}
        return Exchange(POST_STREAM, url, arguments, finish)


def _check_format(output_format: str | None) -> None:
    if output_format is not None and output_format not in OUTPUT_FORMATS:
        raise InvalidArgumentError(
            f"DeepInfra speech comes as {', '.join(OUTPUT_FORMATS)}; got {output_format!r}",
            argument="output_format",
            value=output_format,
        )


def _unsupported(feature: str, route: str, instead: str) -> CallWarning:
    return CallWarning("unsupported", feature=feature, details=f"DeepInfra's {route} takes no {feature}; {instead}")


def _route_body(
    options: SpeechOptions,
    fixed: dict[str, Any],
    sent: tuple[tuple[str, Any], ...],
    not_sent: tuple[tuple[str, Any, str, str], ...],
    other_fields: tuple[str, ...] = (),
) -> tuple[dict[str, Any], list[CallWarning]]:
    """A route's body: its ``fixed`` fields, the settings it takes (``(field, value)``, unset ones left
    out) and the provider options, which may not replace a fixed field; and a warning for each set
    setting it does not take (``(feature, value, route, what became of it)``) and for each provider
    option that nearly spells one of the route's fields (these, or ``other_fields``)."""
    _check_format(options.output_format)
    body = fixed | {field: value for field, value in sent if value is not None}
    warnings = [_unsupported(feature, route, then) for feature, value, route, then in not_sent if value is not None]
    add_request_fields(
        body,
        options.provider_options,
        PROVIDER_OPTIONS_KEY,
        what="a dict of request fields, e.g. {'service_tier': 'priority'}",
        reserved=tuple(fixed),
        instead="use the arguments of generate_speech()",
    )
    warnings.extend(misspelt_fields(body, frozenset((*fixed, *(field for field, _ in sent), *other_fields))))
    return body, warnings


def speech_request_body(model_id: str, options: SpeechOptions) -> tuple[dict[str, Any], list[CallWarning]]:
    """The ``/openai/audio/speech`` body and the warnings about settings it cannot take."""
    return _route_body(
        options,
        {"model": model_id, "input": options.text},
        (("voice", options.voice), ("response_format", options.output_format), ("speed", options.speed)),
        (
            ("instructions", options.instructions, "speech route", "it was not sent."),
            ("language", options.language, "whole-audio speech route", "it was not sent (stream_speech takes it)."),
        ),
        ("service_tier", "extra_body"),
    )


def stream_request_body(model_id: str, options: SpeechOptions) -> tuple[dict[str, Any], list[CallWarning]]:
    """The ``/text-to-speech/{voice}/stream`` body and the warnings about settings it cannot take."""
    return _route_body(
        options,
        {"text": options.text, "model_id": model_id},
        (("output_format", options.output_format), ("language_code", options.language)),
        (
            ("speed", options.speed, "streaming speech route", "it was not sent (generate_speech takes it)."),
            ("instructions", options.instructions, "streaming speech route", "it was not sent."),
        ),
    )


def _content_type(headers: Mapping[str, str]) -> str:
    """The answer's media type, without parameters, lower-cased."""
    return headers.get("content-type", "").split(";")[0].strip().lower()


def _json_instead_of_audio(data: bytes) -> InvalidResponseDataError:
    """The error for a 2xx JSON answer, which is not audio (a JSON error or another route's shape):
    saving it as a sound file would hand the caller silent garbage, so it is raised, quoting the answer."""
    return InvalidResponseDataError(
        "DeepInfra's speech route answered JSON instead of audio: "
        + (data[:300].decode("utf-8", "replace") or "(the streamed body was not read)"),
        data=data[:1000],
    )


def _media_type(headers: Mapping[str, str], output_format: Any) -> str:
    """The answer's ``content-type`` when it names audio, else the asked-for format's type."""
    content_type = _content_type(headers)
    if content_type.startswith("audio/"):
        return content_type
    return OUTPUT_FORMATS.get(output_format if isinstance(output_format, str) else _DEFAULT_FORMAT, "audio/wav")


class _AudioStream(Generic[Response]):
    """The response body's chunks as they arrive; closes the response at the end or on ``close()``."""

    __slots__ = ("_response",)

    def __init__(self, response: Response) -> None:
        self._response: Response = response

    def close(self) -> None:
        self._response.close()


class _SyncAudioStream(_AudioStream[SyncResponse]):
    """The blocking audio stream."""

    __slots__ = ()

    def __iter__(self) -> Iterator[bytes]:
        try:
            for chunk in self._response.iter_bytes():
                if chunk:
                    yield chunk
        finally:
            self._response.close()


class _AsyncAudioStream(_AudioStream[AsyncResponse]):
    """Async twin of :class:`_SyncAudioStream`."""

    __slots__ = ()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._response.aiter_bytes():
                if chunk:
                    yield chunk
        finally:
            self._response.close()

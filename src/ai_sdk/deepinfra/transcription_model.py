"""DeepInfra's speech-to-text models (Whisper, Voxtral) on the OpenAI-compatible route
``POST {base}/openai/audio/transcriptions`` (multipart: ``file``, ``model`` and the options).

We ask for ``verbose_json`` unless told otherwise, because only it carries segments, the language and
the duration. ``text``, ``srt`` and ``vtt`` answer plain text, which becomes the result's ``text`` as is
(subtitles keep their timing lines). Provider options (``provider_options={"deepinfra": {...}}``):
``language`` (ISO-639-1, e.g. ``"de"``), ``prompt`` (spelling hints, earlier context), ``temperature``,
``timestamp_granularities`` (``["segment"]``, ``["word"]`` or both) and ``response_format``; the
reference's camelCase ``timestampGranularities`` / ``responseFormat`` mean the same. Other keys are sent
as form fields as given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..http.binary_api import BytesResponse
from ..http.json_api import MultipartField
from ..openai_compatible.exchange import POST_MULTIPART_FOR_BYTES, Exchange
from ..openai_compatible.model_base import ConfiguredModel
from ..openai_compatible.request_fields import form_value, misspelt_fields, provider_options_entry
from ..spec import (
    APICallError,
    CallWarning,
    InvalidArgumentError,
    InvalidResponseDataError,
    ResponseInfo,
    TranscriptionOptions,
    TranscriptionResult,
    TranscriptionSegment,
    Usage,
    _json,
)
from .inference_status import inference_cost
from .metadata import PROVIDER_OPTIONS_KEY
from .usage import estimated_cost

__all__ = ["DeepInfraTranscriptionModel", "parse_transcription_response", "transcription_fields"]

RESPONSE_FORMATS = ("json", "verbose_json", "text", "srt", "vtt")
_TEXT_FORMATS = ("text", "srt", "vtt")
_GRANULARITIES = ("segment", "word")
_ALIASES = {"timestampGranularities": "timestamp_granularities", "responseFormat": "response_format"}
_RESERVED = ("file", "model")
_KNOWN_FIELDS = frozenset(
    {*_RESERVED, "language", "prompt", "response_format", "temperature", "timestamp_granularities"}
)
_EXTENSIONS = {
    "audio/wav": "wav",
    "audio/x-wav": "wav",
    "audio/wave": "wav",
    "audio/mpeg": "mp3",
    "audio/mp3": "mp3",
    "audio/ogg": "ogg",
    "audio/flac": "flac",
    "audio/webm": "webm",
    "video/webm": "webm",
    "audio/mp4": "m4a",
    "video/mp4": "mp4",
}
# Whisper's verbose_json names the language ("english"); results carry ISO-639-1 codes like the
# reference's. Names not listed here are passed through unchanged.
_LANGUAGE_CODES = {
    "arabic": "ar",
    "chinese": "zh",
    "czech": "cs",
    "danish": "da",
    "dutch": "nl",
    "english": "en",
    "finnish": "fi",
    "french": "fr",
    "german": "de",
    "greek": "el",
    "hebrew": "he",
    "hindi": "hi",
    "hungarian": "hu",
    "indonesian": "id",
    "italian": "it",
    "japanese": "ja",
    "korean": "ko",
    "norwegian": "no",
    "polish": "pl",
    "portuguese": "pt",
    "romanian": "ro",
    "russian": "ru",
    "spanish": "es",
    "swedish": "sv",
    "thai": "th",
    "turkish": "tr",
    "ukrainian": "uk",
    "vietnamese": "vi",
}


class DeepInfraTranscriptionModel(ConfiguredModel):
    """A DeepInfra speech-to-text model (``openai/whisper-large-v3-turbo``, ...). ``config.base_url`` is
    the OpenAI-compatible prefix (``https://api.deepinfra.com/v1/openai``)."""

    __slots__ = ()

    async def do_generate(self, options: TranscriptionOptions) -> TranscriptionResult:
        return await self._exchange(options).send_async(self._config.transports)

    def do_generate_sync(self, options: TranscriptionOptions) -> TranscriptionResult:
        return self._exchange(options).send_sync(self._config.transports)

    def _exchange(self, options: TranscriptionOptions) -> Exchange[TranscriptionResult]:
        fields, response_format = transcription_fields(self._model_id, options)
        url = self._config.url("/audio/transcriptions")
        # A misspelt option ("langauge") is sent, and ignored by the server: say so on the result.
        typos = misspelt_fields({field.name for field in fields}, _KNOWN_FIELDS)

        def finish(response: BytesResponse) -> TranscriptionResult:
            info = self._response_info(response.headers)
            result = parse_transcription_response(
                response.data, response_format=response_format, response=info, url=url
            )
            return replace(result, warnings=[*typos, *result.warnings]) if typos else result

        arguments = {"headers": self._headers(options.headers), "fields": fields, "deadline": self._deadline(options)}
        return Exchange(POST_MULTIPART_FOR_BYTES, url, arguments, finish)


def transcription_fields(model_id: str, options: TranscriptionOptions) -> tuple[list[MultipartField], str]:
    """The multipart fields (``file``, ``model``, ``response_format``, then the options) and the
    response format asked for."""
    extra = _provider_options(options)
    response_format = extra.pop("response_format", "verbose_json")
    if response_format not in RESPONSE_FORMATS:
        raise InvalidArgumentError(
            f"response_format must be one of {', '.join(RESPONSE_FORMATS)}, got {response_format!r}",
            argument="provider_options",
            value=response_format,
        )
    extension = _EXTENSIONS.get(options.media_type.split(";")[0].strip().lower(), "wav")
    fields = [
        MultipartField("file", options.audio, filename=f"audio.{extension}", content_type=options.media_type),
        MultipartField("model", model_id),
        MultipartField("response_format", response_format),
    ]
    granularities = extra.pop("timestamp_granularities", None)
    if granularities is not None:
        if isinstance(granularities, str):
            granularities = [granularities]
        if not isinstance(granularities, Sequence) or not all(item in _GRANULARITIES for item in granularities):
            raise InvalidArgumentError(
                "timestamp_granularities must be a list of 'segment' and/or 'word'",
                argument="provider_options",
                value=granularities,
            )
        fields.extend(MultipartField("timestamp_granularities", item) for item in granularities)
    fields.extend(MultipartField(name, form_value(value)) for name, value in extra.items() if value is not None)
    return fields, response_format


def _provider_options(options: TranscriptionOptions) -> dict[str, Any]:
    what = "a dict of transcription options, e.g. {'language': 'en'}"
    extra = provider_options_entry(options.provider_options, PROVIDER_OPTIONS_KEY, what) or {}
    result: dict[str, Any] = {}
    for key, value in extra.items():
        name = _ALIASES.get(key, key)
        if name in _RESERVED:
            raise InvalidArgumentError(
                f"provider_options['deepinfra'][{key!r}] cannot be set: pass the audio to transcribe() and the "
                "model id to deepinfra.transcription_model()",
                argument="provider_options",
            )
        result[name] = value
    return result


def parse_transcription_response(
    data: bytes, *, response_format: str, response: ResponseInfo | None = None, url: str = ""
) -> TranscriptionResult:
    """The transcript of a JSON (``json``, ``verbose_json``) or plain-text (``text``, ``srt``, ``vtt``)
    answer. Segments without numeric ``start``/``end`` are skipped with a warning."""
    info = response or ResponseInfo()
    text = data.decode("utf-8", "replace")
    if response_format in _TEXT_FORMATS:
        return TranscriptionResult(text=text.strip() if response_format == "text" else text, response=_with(info, text))
    try:
        value = _json.loads(data)
    except _json.JSONDecodeError as error:
        raise APICallError(
            f"DeepInfra's transcription answer is not JSON although {response_format} was asked for",
            url=url,
            status_code=200,
            response_body=text[:1000],
            is_retryable=False,
            cause=error,
        ) from error
    if not isinstance(value, Mapping) or not isinstance(value.get("text"), str):
        raise InvalidResponseDataError("DeepInfra's transcription answer has no 'text'", data=value)
    segments: list[TranscriptionSegment] = []
    warnings: list[CallWarning] = []
    raw_segments = value.get("segments")
    for segment in raw_segments if isinstance(raw_segments, list) else ():
        start = _number(segment.get("start")) if isinstance(segment, Mapping) else None
        end = _number(segment.get("end")) if isinstance(segment, Mapping) else None
        if start is not None and end is not None and isinstance(segment.get("text"), str):
            segments.append(TranscriptionSegment(segment["text"], start, end))
        elif not warnings:
            warnings.append(CallWarning("other", message="segments without start, end or text were left out"))
    language = value.get("language")
    duration = value.get("duration")
    usage_value = value.get("usage")
    cost = inference_cost(value)
    if cost is None and isinstance(usage_value, Mapping):
        cost = estimated_cost(usage_value)
    tokens = usage_value.get("prompt_tokens") if isinstance(usage_value, Mapping) else None
    return TranscriptionResult(
        text=value["text"].strip(),
        segments=segments,
        language=_LANGUAGE_CODES.get(language.lower(), language) if isinstance(language, str) and language else None,
        duration_in_seconds=_number(duration),
        usage=Usage(
            input_tokens=tokens if type(tokens) is int else None,
            cost=cost,
            raw=usage_value if isinstance(usage_value, Mapping) else None,
        ),
        warnings=warnings,
        response=_with(info, value),
        provider_metadata={PROVIDER_OPTIONS_KEY: {"cost": cost}} if cost is not None else None,
    )


def _with(info: ResponseInfo, body: Any) -> ResponseInfo:
    return ResponseInfo(id=info.id, model_id=info.model_id, timestamp=info.timestamp, headers=info.headers, body=body)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None

"""generate_speech and stream_speech: text to spoken audio with a speech model.

``generate_speech`` returns the whole audio once it is made; ``stream_speech`` returns as soon as the
audio starts to arrive and hands it on chunk by chunk (to play it, or to forward it to a client, while
the rest is being made). Both retry a failed start ``max_retries`` times; a stream that breaks after it
started raises from the iteration, since audio already handed on cannot be taken back.
"""

from __future__ import annotations

import binascii
import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Generic, TypeVar, Unpack

from ..spec import (
    AsyncAudioChunkStream,
    AudioChunkStream,
    CallWarning,
    InvalidArgumentError,
    NoSpeechGeneratedError,
    ProviderMetadata,
    ResponseInfo,
    SpeechModel,
    SpeechOptions,
    SpeechStreamResult,
)
from ..spec import SpeechResult as ModelSpeechResult
from .model_call import ModelCall, ModelCallSettings, OneCallFunction, setting_names

__all__ = [
    "GeneratedAudioFile",
    "SpeechResult",
    "SpeechStream",
    "SyncSpeechStream",
    "generate_speech",
    "generate_speech_sync",
    "stream_speech",
    "stream_speech_sync",
]

A = TypeVar("A", AudioChunkStream, AsyncAudioChunkStream)

_FORMATS = {
    "audio/mpeg": "mp3",
    "audio/mp3": "mp3",
    "audio/wav": "wav",
    "audio/x-wav": "wav",
    "audio/ogg": "ogg",
    "audio/opus": "opus",
    "audio/flac": "flac",
    "audio/aac": "aac",
    "audio/pcm": "pcm",
    "audio/l16": "pcm",
}


def _format_of(media_type: str) -> str:
    return _FORMATS.get(media_type.lower(), media_type.rpartition("/")[2] or "bin")


class GeneratedAudioFile:
    """Generated audio: the bytes, their base64 text (made on first use), the media type and the
    format name (``mp3``, ``wav``, ...: the usual file extension)."""

    __slots__ = ("_base64", "data", "media_type")

    def __init__(self, *, data: bytes, media_type: str) -> None:
        self.data = data
        self.media_type = media_type
        self._base64: str | None = None

    @property
    def base64(self) -> str:
        """The audio as base64 text (no ``data:`` prefix)."""
        if self._base64 is None:
            self._base64 = binascii.b2a_base64(self.data, newline=False).decode("ascii")
        return self._base64

    @property
    def format(self) -> str:
        """The format name, from the media type (``audio/mpeg`` is ``mp3``)."""
        return _format_of(self.media_type)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the audio to ``path`` (used as given: choose the extension from :attr:`format`)."""
        target = Path(path)
        target.write_bytes(self.data)
        return target

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GeneratedAudioFile):
            return NotImplemented
        return self.data == other.data and self.media_type == other.media_type

    def __hash__(self) -> int:
        return hash((self.data, self.media_type))

    def __repr__(self) -> str:
        return f"GeneratedAudioFile(media_type={self.media_type!r}, {len(self.data)} bytes)"


@dataclass(frozen=True, slots=True)
class SpeechResult:
    """The audio of a :func:`generate_speech` call, its warnings, and the model call's response
    metadata (``responses``: one entry)."""

    audio: GeneratedAudioFile
    warnings: list[CallWarning] = field(default_factory=list)
    responses: list[ResponseInfo] = field(default_factory=list, repr=False)
    provider_metadata: ProviderMetadata | None = None


class SpeechSettings(ModelCallSettings, total=False):
    """The settings of :func:`generate_speech` and :func:`stream_speech` (and their blocking twins),
    declared once: ``voice`` (a model-specific name, e.g. ``"af_bella"``), ``output_format`` (``mp3``,
    ``wav``, ...), ``instructions``, ``speed`` (1.0 is normal), ``language``, ``max_retries`` (default 2),
    ``headers``, ``provider_options``, ``timeout`` (seconds, or a :class:`~ai_sdk.Timeout`) and ``telemetry``."""

    voice: str | None
    output_format: str | None
    instructions: str | None
    speed: float | None
    language: str | None


_GENERATE_SPEECH = OneCallFunction(
    "generate_speech",
    SpeechModel,
    "expected a speech model, e.g. deepinfra.speech_model('hexgrad/Kokoro-82M')",
    setting_names(SpeechSettings),
)
_STREAM_SPEECH = replace(_GENERATE_SPEECH, name="stream_speech")


async def generate_speech(*, model: SpeechModel, text: str, **settings: Unpack[SpeechSettings]) -> SpeechResult:
    """Speak ``text`` with ``voice`` (a model-specific name, e.g. ``"af_bella"``) as ``output_format``
    (``mp3``, ``wav``, ...; the model's default when unset) at ``speed`` (1.0 is normal). Settings the
    model cannot take come back as ``result.warnings``. Raises
    :class:`~ai_sdk.errors.NoSpeechGeneratedError` when the call returns no audio."""
    call, options = _start(_GENERATE_SPEECH, model, text, settings)
    return _result(await call.run(call.model.do_generate, options))


def generate_speech_sync(*, model: SpeechModel, text: str, **settings: Unpack[SpeechSettings]) -> SpeechResult:
    """The blocking twin of :func:`generate_speech`."""
    call, options = _start(_GENERATE_SPEECH, model, text, settings)
    return _result(call.run_sync(call.model.do_generate_sync, options))


class _StartedSpeech(Generic[A]):
    """What both speech streams hold: the chunk stream, the media type, the warnings and the response."""

    __slots__ = ("_stream", "media_type", "response", "warnings")

    def __init__(self, result: SpeechStreamResult[A]) -> None:
        self._stream: A = result.stream
        self.media_type = result.media_type
        self.warnings = list(result.warnings)
        self.response = result.response

    @property
    def format(self) -> str:
        """The format name, from the media type (``audio/mpeg`` is ``mp3``)."""
        return _format_of(self.media_type)

    def close(self) -> None:
        """Stop reading and release the connection (idempotent)."""
        self._stream.close()


class SpeechStream(_StartedSpeech[AsyncAudioChunkStream]):
    """Audio arriving chunk by chunk: ``async for chunk in stream`` (``bytes``), or ``await
    stream.save(path)``. Read it once; ``close()`` (or leaving the loop early) releases the connection.
    ``media_type``, its ``format`` (``mp3``, ...) and ``warnings`` are known before the first chunk."""

    __slots__ = ()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._stream:
                yield chunk
        finally:
            self._stream.close()

    async def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the rest of the audio to ``path`` as it arrives; returns the path."""
        target = Path(path)
        with target.open("wb") as file:
            async for chunk in self:
                file.write(chunk)
        return target


class SyncSpeechStream(_StartedSpeech[AudioChunkStream]):
    """The blocking twin of :class:`SpeechStream`: ``for chunk in stream``, ``stream.save(path)``."""

    __slots__ = ()

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._stream
        finally:
            self._stream.close()

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the rest of the audio to ``path`` as it arrives; returns the path."""
        target = Path(path)
        with target.open("wb") as file:
            for chunk in self:
                file.write(chunk)
        return target


async def stream_speech(*, model: SpeechModel, text: str, **settings: Unpack[SpeechSettings]) -> SpeechStream:
    """Start speaking ``text`` and return once the audio starts to arrive (same settings as
    :func:`generate_speech`); iterate the result for the audio chunks."""
    call, options = _start(_STREAM_SPEECH, model, text, settings)
    return SpeechStream(await call.run(call.model.do_stream, options))


def stream_speech_sync(*, model: SpeechModel, text: str, **settings: Unpack[SpeechSettings]) -> SyncSpeechStream:
    """The blocking twin of :func:`stream_speech`."""
    call, options = _start(_STREAM_SPEECH, model, text, settings)
    return SyncSpeechStream(call.run_sync(call.model.do_stream_sync, options))


# ------------------------------------------------------------------------------------------ pure parts


def _optional_str(value: object, argument: str, example: str) -> str | None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise InvalidArgumentError(f"expected a non-empty string such as {example!r}", argument=argument, value=value)
    return value


def _start(
    function: OneCallFunction, model: SpeechModel, text: object, settings: SpeechSettings
) -> tuple[ModelCall[SpeechModel], SpeechOptions]:
    """The call and its model call's options, from the arguments as given (unknown ones rejected)."""
    call = function.start(model, settings)
    if not isinstance(text, str) or not text.strip():
        raise InvalidArgumentError("pass the non-empty text to speak", argument="text", value=text)
    speed = settings.get("speed")
    if speed is not None and (isinstance(speed, bool) or not isinstance(speed, int | float) or speed <= 0):
        raise InvalidArgumentError("expected a positive number (1.0 is normal speed)", argument="speed", value=speed)
    return call, SpeechOptions(
        text=text,
        voice=_optional_str(settings.get("voice"), "voice", "af_bella"),
        output_format=_optional_str(settings.get("output_format"), "output_format", "mp3"),
        instructions=_optional_str(settings.get("instructions"), "instructions", "Speak calmly."),
        speed=float(speed) if speed is not None else None,
        language=_optional_str(settings.get("language"), "language", "en"),
        headers=call.headers,
        provider_options=call.provider_options,
        timeout=call.timeout,
    )


def _result(result: ModelSpeechResult) -> SpeechResult:
    if not result.audio:
        raise NoSpeechGeneratedError(responses=[result.response])
    return SpeechResult(
        audio=GeneratedAudioFile(data=result.audio, media_type=result.media_type),
        warnings=list(result.warnings),
        responses=[result.response],
        provider_metadata=result.provider_metadata,
    )

"""transcribe: speech to text with a transcription model.

The audio is read and typed here (see :mod:`.audio_input`), so models receive bytes with a media type.
A call that succeeds with no text raises :class:`~ai_sdk.errors.NoTranscriptGeneratedError`, as the
reference does: an empty transcript is almost always silence or unreadable audio, not an answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Unpack

from ..spec import (
    CallWarning,
    NoTranscriptGeneratedError,
    ProviderMetadata,
    ResponseInfo,
    TranscriptionModel,
    TranscriptionOptions,
    TranscriptionSegment,
    Usage,
)
from ..spec import TranscriptionResult as ModelTranscriptionResult
from .audio_input import AudioInput, read_audio
from .model_call import ModelCall, ModelCallSettings, OneCallFunction, setting_names

__all__ = ["TranscriptionResult", "transcribe", "transcribe_sync"]


@dataclass(frozen=True, slots=True)
class TranscriptionResult:
    """The transcript: the whole ``text``, timed ``segments`` (when the model gives them), the spoken
    ``language`` (ISO-639-1 when known), the audio's length, and the call's cost (``usage.cost``,
    USD, when the provider reports it). ``responses`` has the one model call's response metadata."""

    text: str
    segments: list[TranscriptionSegment] = field(default_factory=list)
    language: str | None = None
    duration_in_seconds: float | None = None
    usage: Usage = field(default_factory=Usage)
    warnings: list[CallWarning] = field(default_factory=list)
    responses: list[ResponseInfo] = field(default_factory=list, repr=False)
    provider_metadata: ProviderMetadata | None = None


_TRANSCRIBE = OneCallFunction(
    "transcribe",
    TranscriptionModel,
    "expected a transcription model, e.g. deepinfra.transcription_model('openai/whisper-large-v3-turbo')",
    setting_names(ModelCallSettings),
)


async def transcribe(
    *, model: TranscriptionModel, audio: AudioInput, **settings: Unpack[ModelCallSettings]
) -> TranscriptionResult:
    """Transcribe ``audio`` (bytes, base64, a data URL, a ``pathlib.Path`` or a binary file).

    Provider options carry the model's settings, e.g. ``{"deepinfra": {"language": "de",
    "timestamp_granularities": ["word"]}}``. Retryable failures are retried ``max_retries`` times;
    ``timeout`` (seconds, or a :class:`~ai_sdk.Timeout`) bounds the call, retries included.
    """
    call, options = _start(model, audio, settings)
    return _result(await call.run(call.model.do_generate, options))


def transcribe_sync(
    *, model: TranscriptionModel, audio: AudioInput, **settings: Unpack[ModelCallSettings]
) -> TranscriptionResult:
    """The blocking twin of :func:`transcribe`."""
    call, options = _start(model, audio, settings)
    return _result(call.run_sync(call.model.do_generate_sync, options))


def _start(
    model: TranscriptionModel, audio: object, settings: ModelCallSettings
) -> tuple[ModelCall[TranscriptionModel], TranscriptionOptions]:
    call = _TRANSCRIBE.start(model, settings)
    data, media_type = read_audio(audio)
    return call, TranscriptionOptions(
        audio=data,
        media_type=media_type,
        headers=call.headers,
        provider_options=call.provider_options,
        timeout=call.timeout,
    )


def _result(result: ModelTranscriptionResult) -> TranscriptionResult:
    if not result.text:
        raise NoTranscriptGeneratedError(responses=[result.response])
    return TranscriptionResult(
        text=result.text,
        segments=list(result.segments),
        language=result.language,
        duration_in_seconds=result.duration_in_seconds,
        usage=result.usage,
        warnings=list(result.warnings),
        responses=[result.response],
        provider_metadata=result.provider_metadata,
    )

"""transcribe: speech to text with a transcription model.

The audio is read and typed here (see :mod:`.audio_input`), so models receive bytes with a media type.
A call that succeeds with no text raises :class:`~ai_sdk.errors.NoTranscriptGeneratedError`, as the
reference does: an empty transcript is almost always silence or unreadable audio, not an answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..spec import (
    CallWarning,
    InvalidArgumentError,
    NoTranscriptGeneratedError,
    ProviderMetadata,
    ProviderOptions,
    ResponseInfo,
    TranscriptionModel,
    TranscriptionOptions,
    TranscriptionSegment,
    Usage,
)
from ..spec import TranscriptionResult as ModelTranscriptionResult
from .audio_input import AudioInput, read_audio
from .call_settings import validate_headers, validate_provider_options, validate_timeout
from .retry import retry_async, retry_sync, validate_max_retries

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


async def transcribe(
    *,
    model: TranscriptionModel,
    audio: AudioInput,
    max_retries: int = 2,
    headers: Mapping[str, str | None] | None = None,
    provider_options: ProviderOptions | None = None,
    timeout: float | None = None,
) -> TranscriptionResult:
    """Transcribe ``audio`` (bytes, base64, a data URL, a ``pathlib.Path`` or a binary file).

    Provider options carry the model's settings, e.g. ``{"deepinfra": {"language": "de",
    "timestamp_granularities": ["word"]}}``. Retryable failures are retried ``max_retries`` times.
    """
    options = _options(model, audio, max_retries, headers, provider_options, timeout)
    return _result(await retry_async(lambda: model.do_generate(options), max_retries=max_retries))


def transcribe_sync(
    *,
    model: TranscriptionModel,
    audio: AudioInput,
    max_retries: int = 2,
    headers: Mapping[str, str | None] | None = None,
    provider_options: ProviderOptions | None = None,
    timeout: float | None = None,
) -> TranscriptionResult:
    """The blocking twin of :func:`transcribe`."""
    options = _options(model, audio, max_retries, headers, provider_options, timeout)
    return _result(retry_sync(lambda: model.do_generate_sync(options), max_retries=max_retries))


def _options(
    model: object,
    audio: object,
    max_retries: int,
    headers: object,
    provider_options: object,
    timeout: object,
) -> TranscriptionOptions:
    if not isinstance(model, TranscriptionModel):
        raise InvalidArgumentError(
            "expected a transcription model, e.g. deepinfra.transcription_model('openai/whisper-large-v3-turbo')",
            argument="model",
            value=model,
        )
    validate_max_retries(max_retries)
    data, media_type = read_audio(audio)
    return TranscriptionOptions(
        audio=data,
        media_type=media_type,
        headers=validate_headers(headers),
        provider_options=validate_provider_options(provider_options),
        timeout=validate_timeout(timeout),
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

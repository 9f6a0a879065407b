"""The transcription-model (speech-to-text) contract between the core and providers.

The core hands a model the audio as bytes with a concrete media type (it reads paths and files and
detects the type), so providers never deal with user input forms.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .deadline import Deadline
from .language_model import ResponseInfo
from .model_identity import ModelIdentity
from .shared import CallWarning, ProviderMetadata, ProviderOptions, Usage

__all__ = ["TranscriptionModel", "TranscriptionOptions", "TranscriptionResult", "TranscriptionSegment"]


@dataclass(frozen=True, slots=True)
class TranscriptionOptions:
    """One transcription call: the audio bytes and their media type (``audio/wav``, ``audio/mpeg``...)."""

    audio: bytes
    media_type: str
    headers: Mapping[str, str | None] | None = None
    provider_options: ProviderOptions | None = None
    timeout: float | None = None
    deadline: Deadline | None = None
    """As :attr:`CallOptions.deadline`."""


@dataclass(frozen=True, slots=True)
class TranscriptionSegment:
    """A stretch of the transcript with its start and end, in seconds from the start of the audio."""

    text: str
    start_second: float
    end_second: float


@dataclass(frozen=True, slots=True)
class TranscriptionResult:
    """What one transcription call returned. ``language`` is an ISO-639-1 code or the provider's name
    for it, ``None`` when not reported; ``usage.cost`` is the price in USD when the provider says it."""

    text: str
    segments: list[TranscriptionSegment] = field(default_factory=list)
    language: str | None = None
    duration_in_seconds: float | None = None
    usage: Usage = field(default_factory=Usage)
    warnings: Sequence[CallWarning] = ()
    response: ResponseInfo = field(default_factory=ResponseInfo)
    provider_metadata: ProviderMetadata | None = None


@runtime_checkable
class TranscriptionModel(ModelIdentity, Protocol):
    """A speech-to-text model."""

    async def do_generate(self, options: TranscriptionOptions) -> TranscriptionResult: ...
    def do_generate_sync(self, options: TranscriptionOptions) -> TranscriptionResult: ...

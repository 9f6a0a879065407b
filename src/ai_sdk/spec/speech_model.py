"""The speech-model (text-to-speech) contract between the core and providers.

A speech model answers with the whole audio (:meth:`SpeechModel.do_generate`) or, for playback while
it is still being made, with a stream of audio byte chunks (:meth:`SpeechModel.do_stream`). A chunk
stream is closed by ``close()`` (synchronous and idempotent, like the language model's part streams),
which releases the HTTP response.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar, runtime_checkable

from .deadline import Deadline
from .language_model import ResponseInfo
from .model_identity import ModelIdentity
from .shared import CallWarning, ProviderMetadata, ProviderOptions

__all__ = [
    "AsyncAudioChunkStream",
    "AudioChunkStream",
    "SpeechModel",
    "SpeechOptions",
    "SpeechResult",
    "SpeechStreamResult",
]


@dataclass(frozen=True, slots=True)
class SpeechOptions:
    """One speech call. ``output_format`` is a container/codec name such as ``mp3`` or ``wav``;
    ``speed`` multiplies the normal speaking rate; unset (``None``) settings are not sent."""

    text: str
    voice: str | None = None
    output_format: str | None = None
    instructions: str | None = None
    speed: float | None = None
    language: str | None = None
    headers: Mapping[str, str | None] | None = None
    provider_options: ProviderOptions | None = None
    timeout: float | None = None
    deadline: Deadline | None = None
    """As :attr:`CallOptions.deadline`."""


@dataclass(frozen=True, slots=True)
class SpeechResult:
    """The whole audio of one call and its media type (``audio/mpeg``, ``audio/wav``...)."""

    audio: bytes
    media_type: str
    warnings: Sequence[CallWarning] = ()
    response: ResponseInfo = field(default_factory=ResponseInfo)
    provider_metadata: ProviderMetadata | None = None


class AudioChunkStream(Protocol):
    """A blocking stream of audio bytes; ``close()`` releases the HTTP response."""

    def __iter__(self) -> Iterator[bytes]: ...
    def close(self) -> None: ...


class AsyncAudioChunkStream(Protocol):
    """An async stream of audio bytes; ``close()`` is synchronous and idempotent."""

    def __aiter__(self) -> AsyncIterator[bytes]: ...
    def close(self) -> None: ...


A = TypeVar("A", AudioChunkStream, AsyncAudioChunkStream)


@dataclass(frozen=True, slots=True)
class SpeechStreamResult(Generic[A]):
    """A started audio stream: the chunks still to read, their media type, and what the call warned."""

    stream: A
    media_type: str
    warnings: Sequence[CallWarning] = ()
    response: ResponseInfo = field(default_factory=ResponseInfo)


@runtime_checkable
class SpeechModel(ModelIdentity, Protocol):
    """A text-to-speech model. Providers without a streaming endpoint raise
    :class:`~ai_sdk.spec.errors.UnsupportedFunctionalityError` from the ``do_stream`` calls."""

    async def do_generate(self, options: SpeechOptions) -> SpeechResult: ...
    def do_generate_sync(self, options: SpeechOptions) -> SpeechResult: ...
    async def do_stream(self, options: SpeechOptions) -> SpeechStreamResult[AsyncAudioChunkStream]: ...
    def do_stream_sync(self, options: SpeechOptions) -> SpeechStreamResult[AudioChunkStream]: ...

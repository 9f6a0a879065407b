"""Mock reranking, transcription and speech models: scripted answers, recorded calls, no network.

Like the mocks of :mod:`.mock_models`, each implements its spec protocol completely (async and
blocking calls, streaming speech included), records every call's options in ``calls``, and raises an
exception instance given in place of an answer, so failures and retries can be scripted too.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from typing import Any, TypeAlias

from ..spec.errors import InvalidArgumentError
from ..spec.language_model import ResponseInfo
from ..spec.reranking_model import RankedIndex, RerankingResult, RerankOptions
from ..spec.shared import Usage
from ..spec.speech_model import AsyncAudioChunkStream, AudioChunkStream, SpeechOptions, SpeechResult, SpeechStreamResult
from ..spec.transcription_model import TranscriptionOptions, TranscriptionResult
from .mock_models import _MockModel

__all__ = ["MockAudioStream", "MockRerankingModel", "MockSpeechModel", "MockTranscriptionModel"]

RerankingScores: TypeAlias = (
    Sequence[float] | Callable[[RerankOptions], RerankingResult | Sequence[float]] | BaseException
)


def _raise_if_error(answer: Any) -> Any:
    if isinstance(answer, BaseException):
        raise answer
    return answer


class MockRerankingModel(_MockModel[RerankOptions]):
    """A reranker that scores from a script and records each call's options in ``calls``.

    ``scores``: one score per document, in document order (the same for every call; a call with a
    different number of documents is a test bug and raises), a function of the :class:`RerankOptions`
    returning such scores or a whole :class:`RerankingResult`, or an exception instance to raise.
    Without ``scores``, a document scores the share of the query's words it contains.
    """

    def __init__(
        self,
        scores: Sequence[float]
        | Callable[[RerankOptions], RerankingResult | Sequence[float]]
        | BaseException
        | None = None,
        *,
        provider: str = "mock-provider",
        model_id: str = "mock-reranking-model",
    ) -> None:
        super().__init__(provider, model_id)
        self._scores = scores

    def _rerank(self, options: RerankOptions) -> RerankingResult:
        self.calls.append(options)
        scores = _raise_if_error(self._scores)
        if scores is None:
            scores = [_overlap(options.query, str(document)) for document in options.documents]
        elif callable(scores):
            scores = scores(options)
            if isinstance(scores, RerankingResult):
                return scores
        if len(scores) != len(options.documents):
            raise InvalidArgumentError(
                f"the mock has {len(scores)} scores but the call ranks {len(options.documents)} documents",
                argument="scores",
            )
        order = sorted(range(len(scores)), key=lambda index: -scores[index])
        if options.top_n is not None:
            order = order[: options.top_n]
        return RerankingResult(
            ranking=[RankedIndex(index, float(scores[index])) for index in order],
            usage=Usage(input_tokens=len(options.documents)),
            response=ResponseInfo(model_id=self._model_id),
        )

    async def do_rerank(self, options: RerankOptions) -> RerankingResult:
        return self._rerank(options)

    def do_rerank_sync(self, options: RerankOptions) -> RerankingResult:
        return self._rerank(options)


def _overlap(query: str, document: str) -> float:
    words = set(query.lower().split())
    return len(words & set(document.lower().split())) / max(len(words), 1)


class MockTranscriptionModel(_MockModel[TranscriptionOptions]):
    """A speech-to-text model that answers from a script and records each call's options in ``calls``.

    ``transcript``: the text of every call, a :class:`TranscriptionResult`, a function of the
    :class:`TranscriptionOptions` returning either, or an exception instance to raise.
    """

    def __init__(
        self,
        transcript: str
        | TranscriptionResult
        | Callable[[TranscriptionOptions], str | TranscriptionResult]
        | BaseException = "Hello from the mock.",
        *,
        provider: str = "mock-provider",
        model_id: str = "mock-transcription-model",
    ) -> None:
        super().__init__(provider, model_id)
        self._transcript = transcript

    def _generate(self, options: TranscriptionOptions) -> TranscriptionResult:
        self.calls.append(options)
        answer = _raise_if_error(self._transcript)
        if callable(answer):
            answer = answer(options)
        if isinstance(answer, TranscriptionResult):
            return answer
        return TranscriptionResult(text=answer, response=ResponseInfo(model_id=self._model_id))

    async def do_generate(self, options: TranscriptionOptions) -> TranscriptionResult:
        return self._generate(options)

    def do_generate_sync(self, options: TranscriptionOptions) -> TranscriptionResult:
        return self._generate(options)


class MockAudioStream:
    """The chunk stream a :class:`MockSpeechModel` hands out; ``closed`` says whether it was closed."""

    def __init__(self, chunks: Sequence[bytes | BaseException]) -> None:
        self._chunks = list(chunks)
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._chunks:
            if self.closed:
                return
            yield _raise_if_error(chunk)
        self.closed = True

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._chunks:
            if self.closed:
                return
            yield _raise_if_error(chunk)
        self.closed = True

    def close(self) -> None:
        self.closed = True


class MockSpeechModel(_MockModel[SpeechOptions]):
    """A text-to-speech model that answers from a script and records each call's options in ``calls``.

    ``audio``: the bytes of every call, a function of the :class:`SpeechOptions` returning them, or an
    exception instance to raise. Streams hand the same bytes out in ``chunk_size`` pieces; an
    exception among ``stream_chunks`` (when given instead) is raised mid-stream. Every stream handed
    out is kept in ``streams``.
    """

    def __init__(
        self,
        audio: bytes | Callable[[SpeechOptions], bytes] | BaseException = b"RIFF\x00\x00\x00\x00WAVEmock",
        *,
        media_type: str = "audio/wav",
        chunk_size: int = 4,
        stream_chunks: Sequence[bytes | BaseException] | None = None,
        provider: str = "mock-provider",
        model_id: str = "mock-speech-model",
    ) -> None:
        super().__init__(provider, model_id)
        if chunk_size < 1:
            raise InvalidArgumentError("must be at least 1", argument="chunk_size", value=chunk_size)
        self._audio = audio
        self._media_type = media_type
        self._chunk_size = chunk_size
        self._stream_chunks = stream_chunks
        self.streams: list[MockAudioStream] = []

    def _bytes(self, options: SpeechOptions) -> bytes:
        self.calls.append(options)
        audio = self._audio
        if isinstance(audio, BaseException):
            raise audio
        return audio(options) if callable(audio) else audio

    def _generate(self, options: SpeechOptions) -> SpeechResult:
        return SpeechResult(self._bytes(options), self._media_type, response=ResponseInfo(model_id=self._model_id))

    def _stream(self, options: SpeechOptions) -> MockAudioStream:
        audio = self._bytes(options)
        chunks = self._stream_chunks
        if chunks is None:
            chunks = [audio[i : i + self._chunk_size] for i in range(0, len(audio), self._chunk_size)]
        stream = MockAudioStream(chunks)
        self.streams.append(stream)
        return stream

    async def do_generate(self, options: SpeechOptions) -> SpeechResult:
        return self._generate(options)

    def do_generate_sync(self, options: SpeechOptions) -> SpeechResult:
        return self._generate(options)

    async def do_stream(self, options: SpeechOptions) -> SpeechStreamResult[AsyncAudioChunkStream]:
        return SpeechStreamResult(self._stream(options), self._media_type)

    def do_stream_sync(self, options: SpeechOptions) -> SpeechStreamResult[AudioChunkStream]:
        return SpeechStreamResult(self._stream(options), self._media_type)

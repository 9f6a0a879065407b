"""Mock models for testing code built on ai_sdk: scripted answers, recorded calls, no network.

Each mock implements its spec protocol completely (async and blocking calls), records every call's
options in ``calls``, and raises any exception instance found where an answer was expected, so
failures and retries can be scripted too.

>>> model = MockLanguageModel(do_generate=GenerateResult(...), do_stream=[TextStart("t"), ...])
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, Literal, TypeAlias, TypeVar

from ..spec.embedding_model import EmbeddingUsage, EmbedOptions, EmbedResult
from ..spec.errors import InvalidArgumentError, TooManyEmbeddingValuesForCallError
from ..spec.image_model import ImageCallOptions, ImageResult
from ..spec.language_model import CallOptions, GenerateResult, StreamPart, StreamResult

__all__ = ["MockEmbeddingModel", "MockImageModel", "MockLanguageModel", "SimulatedStream", "simulate_stream"]

_END: Any = object()


class SimulatedStream:
    """A scripted part stream, usable as both a blocking and an async stream.

    An exception instance among the parts is raised when reached (a connection dropping mid-stream).
    ``closed`` records whether the consumer released it; ``close()`` is idempotent like a real one.
    """

    __slots__ = ("_chunk_delay", "_initial_delay", "_parts", "_started", "closed")

    def __init__(
        self,
        parts: Iterable[StreamPart | BaseException],
        *,
        initial_delay: float | None = None,
        chunk_delay: float | None = None,
    ) -> None:
        self._parts: Iterator[StreamPart | BaseException] = iter(parts)
        self._initial_delay = initial_delay
        self._chunk_delay = chunk_delay
        self._started = False
        self.closed = False

    def _delay(self) -> float | None:
        if self._started:
            return self._chunk_delay
        self._started = True
        return self._initial_delay

    def __iter__(self) -> SimulatedStream:
        return self

    def __next__(self) -> StreamPart:
        part = _END if self.closed else next(self._parts, _END)
        if part is _END:
            raise StopIteration
        delay = self._delay()
        if delay:
            time.sleep(delay)
        if isinstance(part, BaseException):
            raise part
        return part

    def __aiter__(self) -> SimulatedStream:
        return self

    async def __anext__(self) -> StreamPart:
        part = _END if self.closed else next(self._parts, _END)
        if part is _END:
            raise StopAsyncIteration
        delay = self._delay()
        if delay:
            import asyncio

            await asyncio.sleep(delay)
        if isinstance(part, BaseException):
            raise part
        return part

    def close(self) -> None:
        self.closed = True


def simulate_stream(
    parts: Iterable[StreamPart | BaseException],
    *,
    initial_delay: float | None = None,
    chunk_delay: float | None = None,
) -> SimulatedStream:
    """A stream that yields ``parts`` (seconds of ``initial_delay`` before the first, ``chunk_delay``
    before each further one; the async form sleeps with asyncio, the blocking form with time.sleep)."""
    return SimulatedStream(parts, initial_delay=initial_delay, chunk_delay=chunk_delay)


GenerateAnswer: TypeAlias = (
    GenerateResult | BaseException | Sequence[GenerateResult | BaseException] | Callable[[CallOptions], GenerateResult]
)
StreamAnswer: TypeAlias = (
    Sequence[Any] | Callable[[CallOptions], Iterable[StreamPart | BaseException] | SimulatedStream | StreamResult[Any]]
)


def _is_per_call(answers: Sequence[Any]) -> bool:
    return any(isinstance(answer, list | tuple | StreamResult | SimulatedStream) for answer in answers)


def _scripted(answers: Sequence[Any], index: int, kind: Literal["generate", "stream"]) -> Any:
    """The answer of ``MockLanguageModel``'s call number ``index`` (from 0) of that kind, from a
    per-call script; running out is a test bug, so say how to fix it."""
    if index >= len(answers):
        raise InvalidArgumentError(
            f"MockLanguageModel got {kind} call #{index + 1} but do_{kind} has only {len(answers)} answers; add more",
            argument=f"do_{kind}",
        )
    return answers[index]


OptionsT = TypeVar("OptionsT")


class _MockModel(Generic[OptionsT]):
    """What every mock shares: the identity a spec model reports, and the recorded call options."""

    def __init__(self, provider: str, model_id: str) -> None:
        self._provider = provider
        self._model_id = model_id
        self.calls: list[OptionsT] = []

    @property
    def specification_version(self) -> Literal["v3"]:
        return "v3"

    @property
    def provider(self) -> str:
        return self._provider

    @property
    def model_id(self) -> str:
        return self._model_id


class MockLanguageModel(_MockModel[CallOptions]):
    """A language model that answers from a script and records each call's options in ``calls``.

    ``do_generate``: a :class:`GenerateResult` for every call, a list of them used one per call, or a
    function of the :class:`CallOptions`. ``do_stream``: a list of stream parts for every call, a list
    of such lists used one per call, or a function of the options returning parts, a stream or a
    :class:`StreamResult`. An exception instance in place of an answer is raised by that call (an
    exception among the parts is raised mid-stream). Every :class:`SimulatedStream` handed out is
    kept in ``streams`` (each records ``closed``).
    """

    def __init__(
        self,
        *,
        do_generate: GenerateAnswer | None = None,
        do_stream: StreamAnswer | None = None,
        provider: str = "mock-provider",
        model_id: str = "mock-model-id",
    ) -> None:
        super().__init__(provider, model_id)
        self._generate = do_generate
        self._stream = do_stream
        self._generate_index = 0
        self._stream_index = 0
        self.streams: list[SimulatedStream] = []

    def __repr__(self) -> str:
        return f"MockLanguageModel(provider={self._provider!r}, model_id={self._model_id!r}, calls={len(self.calls)})"

    def _next_generate(self, options: CallOptions) -> GenerateResult:
        self.calls.append(options)
        answer = self._generate
        if answer is None:
            raise InvalidArgumentError(
                "this MockLanguageModel has no generate answers; pass do_generate=GenerateResult(...)",
                argument="do_generate",
            )
        if callable(answer):
            return answer(options)
        if isinstance(answer, Sequence):
            answer = _scripted(answer, self._generate_index, "generate")
            self._generate_index += 1
        if isinstance(answer, BaseException):
            raise answer
        return answer

    def _next_stream(self, options: CallOptions) -> StreamResult[Any]:
        self.calls.append(options)
        answer: Any = self._stream
        if answer is None:
            raise InvalidArgumentError(
                "this MockLanguageModel has no stream answers; pass do_stream=[TextStart(...), ...]",
                argument="do_stream",
            )
        if callable(answer):
            answer = answer(options)
        elif _is_per_call(answer):
            answer = _scripted(answer, self._stream_index, "stream")
            self._stream_index += 1
        if isinstance(answer, BaseException):
            raise answer
        if isinstance(answer, StreamResult):
            if isinstance(answer.stream, SimulatedStream):
                self.streams.append(answer.stream)
            return answer
        stream = answer if isinstance(answer, SimulatedStream) else SimulatedStream(answer)
        self.streams.append(stream)
        return StreamResult(stream=stream)

    async def do_generate(self, options: CallOptions) -> GenerateResult:
        return self._next_generate(options)

    def do_generate_sync(self, options: CallOptions) -> GenerateResult:
        return self._next_generate(options)

    async def do_stream(self, options: CallOptions) -> StreamResult[Any]:
        return self._next_stream(options)

    def do_stream_sync(self, options: CallOptions) -> StreamResult[Any]:
        return self._next_stream(options)


def _take_queued(queue: list[Any], count: int, *, what: str, argument: str) -> list[Any]:
    if count > len(queue):
        raise InvalidArgumentError(
            f"the mock ran out of {what}: a call asked for {count} but only {len(queue)} remain; pass more",
            argument=argument,
        )
    taken = queue[:count]
    del queue[:count]
    return taken


class MockEmbeddingModel(_MockModel[EmbedOptions]):
    """An embedding model that answers from a script and records each call's options in ``calls``.

    ``embeddings``: vectors handed out in order, as many per call as values were sent (usage counts one
    token per value), or a function of the :class:`EmbedOptions` returning an :class:`EmbedResult` or
    the vectors. More values than ``max_embeddings_per_call`` in one call raise
    :class:`~ai_sdk.errors.TooManyEmbeddingValuesForCallError`, as a real model does.
    """

    def __init__(
        self,
        embeddings: Sequence[Sequence[float]] | Callable[[EmbedOptions], EmbedResult | Sequence[Sequence[float]]],
        *,
        max_embeddings_per_call: int | None = 2048,
        supports_parallel_calls: bool = True,
        provider: str = "mock-provider",
        model_id: str = "mock-embedding-model",
    ) -> None:
        super().__init__(provider, model_id)
        self._answer = embeddings if callable(embeddings) else None
        self._queue: list[list[float]] = [] if callable(embeddings) else [list(v) for v in embeddings]
        self._max = max_embeddings_per_call
        self._parallel = supports_parallel_calls

    @property
    def max_embeddings_per_call(self) -> int | None:
        return self._max

    @property
    def supports_parallel_calls(self) -> bool:
        return self._parallel

    def _embed(self, options: EmbedOptions) -> EmbedResult:
        self.calls.append(options)
        if self._max is not None and len(options.values) > self._max:
            raise TooManyEmbeddingValuesForCallError(
                provider=self._provider,
                model_id=self._model_id,
                max_embeddings_per_call=self._max,
                values=options.values,
            )
        if self._answer is not None:
            answer = self._answer(options)
            if isinstance(answer, EmbedResult):
                return answer
            return EmbedResult(embeddings=[list(v) for v in answer])
        vectors = _take_queued(self._queue, len(options.values), what="embeddings", argument="embeddings")
        return EmbedResult(embeddings=vectors, usage=EmbeddingUsage(tokens=len(options.values)))

    async def do_embed(self, options: EmbedOptions) -> EmbedResult:
        return self._embed(options)

    def do_embed_sync(self, options: EmbedOptions) -> EmbedResult:
        return self._embed(options)


class MockImageModel(_MockModel[ImageCallOptions]):
    """An image model that answers from a script and records each call's options in ``calls``.

    ``images``: image bytes handed out in order, ``options.n`` per call, or a function of the
    :class:`ImageCallOptions` returning an :class:`ImageResult` or the images.
    """

    def __init__(
        self,
        images: Sequence[bytes] | Callable[[ImageCallOptions], ImageResult | Sequence[bytes]],
        *,
        max_images_per_call: int | None = None,
        provider: str = "mock-provider",
        model_id: str = "mock-image-model",
    ) -> None:
        super().__init__(provider, model_id)
        self._answer = images if callable(images) else None
        self._queue: list[bytes] = [] if callable(images) else list(images)
        self._max = max_images_per_call

    @property
    def max_images_per_call(self) -> int | None:
        return self._max

    def _generate(self, options: ImageCallOptions) -> ImageResult:
        self.calls.append(options)
        if self._answer is not None:
            answer = self._answer(options)
            return answer if isinstance(answer, ImageResult) else ImageResult(images=list(answer))
        return ImageResult(images=_take_queued(self._queue, options.n, what="images", argument="images"))

    async def do_generate(self, options: ImageCallOptions) -> ImageResult:
        return self._generate(options)

    def do_generate_sync(self, options: ImageCallOptions) -> ImageResult:
        return self._generate(options)

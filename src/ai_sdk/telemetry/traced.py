"""A model of any kind whose calls are traced, written once for every kind and both APIs.

A traced model reports what the model reports (its properties are read through) and runs each of its
``do_*`` calls inside an :class:`~.recorder.Operation` that the kind's :class:`ModelSpans` start and
complete; the span is current while the call runs and an error fails it (``with operation:``). A kind
only says what its spans record (:mod:`.language_model`, :mod:`.embedding_model`, :mod:`.media_models`).

A streamed call's operation stays open while its stream is read (:class:`ObservedStream`): the
stream's items pass through a :class:`StreamObserver` and the span ends at the stream's end, at an
error, or when the stream is closed early.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any, ClassVar, Generic, TypeVar

from opentelemetry.trace import SpanKind

from ..spec.language_model import ResponseInfo
from ..spec.shared import ProviderMetadata
from .attributes import AttributeValue, provider_name, response_metadata_attributes, server_attributes
from .recorder import Operation, Recorder

__all__ = ["ModelSpans", "ObservedStream", "StreamObserver", "TracedModel", "traced_calls"]

T = TypeVar("T")


class TracedModel:
    """The model of one traced call, seen through its kind's :class:`ModelSpans`."""

    __slots__ = ("_model", "_spans")

    def __init__(self, spans: ModelSpans) -> None:
        self._model = spans.model
        self._spans = spans

    @property
    def specification_version(self) -> Any:
        """The model's."""
        return self._model.specification_version

    @property
    def provider(self) -> str:
        """The model's."""
        return self._model.provider  # type: ignore[no-any-return]

    @property
    def model_id(self) -> str:
        """The model's."""
        return self._model.model_id  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._model!r})"


class _TracedCall:
    """A ``do_*`` method of a traced model: the model's own method, run inside an operation. Its name
    says whether it is async (no ``_sync`` suffix) and whether it streams (``stream`` in it)."""

    __slots__ = ("_name", "_stream")

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name
        self._stream = "stream" in name

    def __get__(self, traced: TracedModel | None, owner: type) -> Any:
        if traced is None:
            return self
        spans, stream = traced._spans, self._stream
        call = getattr(traced._model, self._name)
        if self._name.endswith("_sync"):

            def run(options: Any) -> Any:
                with spans.start(options, stream) as operation:
                    result = call(options)
                return spans.done(operation, result)

            return run

        async def run_async(options: Any) -> Any:
            with spans.start(options, stream) as operation:
                result = await call(options)
            return spans.done(operation, result)

        return run_async


def traced_calls() -> tuple[Any, Any]:
    """Declare a traced call in both APIs in a :class:`TracedModel` kind:
    ``do_generate, do_generate_sync = traced_calls()``."""
    return _TracedCall(), _TracedCall()


class StreamObserver(Generic[T]):
    """Sees a stream's items as they pass and ends its operation when the stream ends."""

    __slots__ = ("operation",)

    def __init__(self, operation: Operation) -> None:
        self.operation = operation

    def item(self, item: T) -> T:
        """Look at ``item`` (the default: the first one's time) and hand it on."""
        self.operation.first_chunk()
        return item

    def end(self) -> None:
        """The stream ended, or was closed early: complete the operation (default: no more to say)."""
        self.operation.succeed()

    def finish(self) -> None:
        """:meth:`end`, unless the operation has ended already (a stream closed after its end)."""
        if not self.operation.ended:
            self.end()

    def stopped(self, error: BaseException) -> None:
        """Reading the stream raised ``error``: its end, or a failure."""
        if isinstance(error, StopIteration | StopAsyncIteration):
            self.finish()
        else:
            self.operation.fail(error)


class ObservedStream(Generic[T]):
    """A blocking or async stream (as ``inner`` is) whose items and end an observer sees; ``close()``
    closes ``inner`` and ends the operation. ``inner`` may be an iterator (a part stream) or only
    iterable (an audio chunk stream): iterating the observed stream iterates it."""

    __slots__ = ("_inner", "_items", "_observer")

    def __init__(self, inner: Any, observer: StreamObserver[T]) -> None:
        self._inner = inner
        self._items = inner
        self._observer = observer

    def __iter__(self) -> Iterator[T]:
        self._items = iter(self._inner)
        return self

    def __next__(self) -> T:
        try:
            return self._observer.item(next(self._items))
        except BaseException as error:
            self._observer.stopped(error)
            raise

    def __aiter__(self) -> AsyncIterator[T]:
        self._items = self._inner.__aiter__()
        return self

    async def __anext__(self) -> T:
        try:
            return self._observer.item(await self._items.__anext__())
        except BaseException as error:
            self._observer.stopped(error)
            raise

    def close(self) -> None:
        self._inner.close()
        self._observer.finish()


class ModelSpans(ABC):
    """What one model kind records about the calls of one model: a ``{operation} {model}`` span (CLIENT) per call with
    the attributes every model span has (operation, provider, model, server), and the call metrics."""

    __slots__ = ("_base", "_metric_attributes", "_name", "model", "provider", "recorder")

    operation_name: ClassVar[str]
    """``gen_ai.operation.name`` of the kind's calls."""
    output_type: ClassVar[str | None] = None
    """``gen_ai.output.type`` of the kind's calls, when it is always the same (``image``)."""

    def __init__(self, recorder: Recorder, model: Any, extra: Mapping[str, AttributeValue] | None = None) -> None:
        self.recorder = recorder
        self.model = model
        self.provider = provider_name(model.provider)
        # The server is one host per provider: cheap in cardinality, and the conventions recommend it on metrics too.
        self._metric_attributes = {
            "gen_ai.operation.name": self.operation_name,
            "gen_ai.provider.name": self.provider,
            "gen_ai.request.model": model.model_id,
            **server_attributes(model),
        }
        self._base: dict[str, AttributeValue] = {**self._metric_attributes, **(extra or {})}
        if self.output_type is not None:
            self._base["gen_ai.output.type"] = self.output_type
        self._name = f"{self.operation_name} {model.model_id}"

    @abstractmethod
    def start(self, options: Any, stream: bool) -> Operation:
        """Start the operation of one call (``stream``: a ``do_stream`` call), e.g. with :meth:`begin`."""

    @abstractmethod
    def done(self, operation: Operation, result: Any) -> Any:
        """Record ``result`` and end the operation (a stream's: when it ends); the result to return."""

    def begin(self, attributes: Mapping[str, AttributeValue]) -> Operation:
        """Start the span of one call with the kind's own ``attributes`` too."""
        return self.recorder.start(self._name, SpanKind.CLIENT, {**self._base, **attributes}, self._metric_attributes)

    def result_attributes(self, response: ResponseInfo, metadata: ProviderMetadata | None) -> dict[str, AttributeValue]:
        """What every result says: the response's model and the provider's own scalar metadata."""
        attributes = response_metadata_attributes(self.provider, metadata)
        if response.model_id:
            attributes["gen_ai.response.model"] = response.model_id
        return attributes

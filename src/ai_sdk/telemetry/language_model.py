"""Per-step spans: the model of a traced generation is wrapped with middleware that opens a
``chat {model}`` span (CLIENT) around each ``do_generate`` / ``do_stream``, a child of the call's span.

A streamed step's span stays open while the stream is read: the stream is observed part by part
(time to first chunk, response id and model, usage, finish reason) and the span ends at the stream's
end, at an error, or when the stream is closed early.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from opentelemetry.trace import SpanKind

from ..middleware.language_model import LanguageModelMiddleware
from ..spec.language_model import (
    AsyncPartStream,
    CallOptions,
    Finish,
    GenerateResult,
    LanguageModel,
    ModelToolCall,
    PartStream,
    ReasoningDelta,
    ResponseMetadata,
    StreamPart,
    StreamResult,
    Text,
    TextDelta,
    ToolInputDelta,
)
from .attributes import (
    AttributeValue,
    input_message_attributes,
    output_messages,
    provider_name,
    request_attributes,
    response_metadata_attributes,
)
from .recorder import Operation, Recorder

__all__ = ["StepSpans"]

_FIRST_CHUNK = (TextDelta, ReasoningDelta, ToolInputDelta, ModelToolCall)


class StepSpans(LanguageModelMiddleware):
    """Middleware that traces every model call of one generation."""

    def __init__(self, recorder: Recorder) -> None:
        self._recorder = recorder

    def _start(self, model: LanguageModel, params: CallOptions, stream: bool) -> Operation:
        provider = provider_name(model.provider)
        attributes: dict[str, AttributeValue] = {
            "gen_ai.operation.name": "chat",
            "gen_ai.provider.name": provider,
            "gen_ai.request.model": model.model_id,
            "gen_ai.request.stream": stream,
            **request_attributes(params),
        }
        if self._recorder.record_inputs:
            attributes.update(input_message_attributes(params.prompt, params.tools))
        metric_attributes = {
            "gen_ai.operation.name": "chat",
            "gen_ai.provider.name": provider,
            "gen_ai.request.model": model.model_id,
        }
        return self._recorder.start(f"chat {model.model_id}", SpanKind.CLIENT, attributes, metric_attributes)

    def _generated(self, operation: Operation, model: LanguageModel, result: GenerateResult) -> GenerateResult:
        response = result.response
        finish = result.finish_reason.raw or result.finish_reason.unified
        attributes: dict[str, AttributeValue] = {"gen_ai.response.finish_reasons": [finish]}
        if response.id:
            attributes["gen_ai.response.id"] = response.id
        if response.model_id:
            attributes["gen_ai.response.model"] = response.model_id
        attributes.update(response_metadata_attributes(provider_name(model.provider), result.provider_metadata))
        if self._recorder.record_outputs:
            attributes["gen_ai.output.messages"] = output_messages(result.content, finish)
        operation.set(attributes)
        operation.succeed(result.usage, response.model_id)
        return result

    async def wrap_generate(
        self,
        *,
        do_generate: Callable[[], Awaitable[GenerateResult]],
        do_stream: Callable[[], Awaitable[StreamResult[AsyncPartStream]]],
        params: CallOptions,
        model: LanguageModel,
    ) -> GenerateResult:
        operation = self._start(model, params, stream=False)
        try:
            with operation.use():
                result = await do_generate()
        except BaseException as error:
            operation.fail(error)
            raise
        return self._generated(operation, model, result)

    def wrap_generate_sync(
        self,
        *,
        do_generate: Callable[[], GenerateResult],
        do_stream: Callable[[], StreamResult[PartStream]],
        params: CallOptions,
        model: LanguageModel,
    ) -> GenerateResult:
        operation = self._start(model, params, stream=False)
        try:
            with operation.use():
                result = do_generate()
        except BaseException as error:
            operation.fail(error)
            raise
        return self._generated(operation, model, result)

    async def wrap_stream(
        self,
        *,
        do_generate: Callable[[], Awaitable[GenerateResult]],
        do_stream: Callable[[], Awaitable[StreamResult[AsyncPartStream]]],
        params: CallOptions,
        model: LanguageModel,
    ) -> StreamResult[AsyncPartStream]:
        operation = self._start(model, params, stream=True)
        try:
            with operation.use():
                result = await do_stream()
        except BaseException as error:
            operation.fail(error)
            raise
        observer = _StreamObserver(operation, model, self._recorder.record_outputs)
        stream: AsyncPartStream = _AsyncObservedStream(result.stream, observer)
        return StreamResult(stream=stream, request=result.request, response=result.response)

    def wrap_stream_sync(
        self,
        *,
        do_generate: Callable[[], GenerateResult],
        do_stream: Callable[[], StreamResult[PartStream]],
        params: CallOptions,
        model: LanguageModel,
    ) -> StreamResult[PartStream]:
        operation = self._start(model, params, stream=True)
        try:
            with operation.use():
                result = do_stream()
        except BaseException as error:
            operation.fail(error)
            raise
        observer = _StreamObserver(operation, model, self._recorder.record_outputs)
        stream: PartStream = _ObservedStream(result.stream, observer)
        return StreamResult(stream=stream, request=result.request, response=result.response)


class _StreamObserver:
    """Reads a step's parts as they pass, and ends its span when the stream ends."""

    __slots__ = ("_content", "_finish", "_model", "_model_id", "_operation", "_record", "_text")

    def __init__(self, operation: Operation, model: LanguageModel, record_outputs: bool) -> None:
        self._operation = operation
        self._model = model
        self._record = record_outputs
        self._finish: Finish | None = None
        self._model_id: str | None = None
        self._text: list[str] = []
        self._content: list[Any] = []

    def part(self, part: StreamPart) -> None:
        kind = type(part)
        if kind in _FIRST_CHUNK:
            self._operation.first_chunk()
            if self._record:
                if kind is TextDelta:
                    self._text.append(part.delta)  # type: ignore[union-attr]
                elif kind is ModelToolCall:
                    self._content.append(part)
        elif kind is ResponseMetadata:
            assert isinstance(part, ResponseMetadata)
            attributes: dict[str, AttributeValue] = {}
            if part.id:
                attributes["gen_ai.response.id"] = part.id
            if part.model_id:
                self._model_id = part.model_id
                attributes["gen_ai.response.model"] = part.model_id
            self._operation.set(attributes)
        elif kind is Finish:
            assert isinstance(part, Finish)
            self._finish = part

    def end(self) -> None:
        if self._operation.ended:  # closed after its end
            return
        finish = self._finish
        if finish is None:
            self._operation.succeed(None, self._model_id)  # closed early: nothing more to say
            return
        reason = finish.finish_reason.raw or finish.finish_reason.unified
        attributes: dict[str, AttributeValue] = {"gen_ai.response.finish_reasons": [reason]}
        attributes.update(response_metadata_attributes(provider_name(self._model.provider), finish.provider_metadata))
        if self._record:
            content = [Text("".join(self._text)), *self._content] if self._text else self._content
            attributes["gen_ai.output.messages"] = output_messages(content, reason)
        self._operation.set(attributes)
        self._operation.succeed(finish.usage, self._model_id)

    def fail(self, error: BaseException) -> None:
        self._operation.fail(error)


class _ObservedStream:
    __slots__ = ("_inner", "_observer")

    def __init__(self, inner: PartStream, observer: _StreamObserver) -> None:
        self._inner = inner
        self._observer = observer

    def __iter__(self) -> _ObservedStream:
        return self

    def __next__(self) -> StreamPart:
        try:
            part = next(self._inner)
        except StopIteration:
            self._observer.end()
            raise
        except BaseException as error:
            self._observer.fail(error)
            raise
        self._observer.part(part)
        return part

    def close(self) -> None:
        self._inner.close()
        self._observer.end()


class _AsyncObservedStream:
    __slots__ = ("_inner", "_observer")

    def __init__(self, inner: AsyncPartStream, observer: _StreamObserver) -> None:
        self._inner = inner
        self._observer = observer

    def __aiter__(self) -> _AsyncObservedStream:
        return self

    async def __anext__(self) -> StreamPart:
        try:
            part = await self._inner.__anext__()
        except StopAsyncIteration:
            self._observer.end()
            raise
        except BaseException as error:
            self._observer.fail(error)
            raise
        self._observer.part(part)
        return part

    def close(self) -> None:
        self._inner.close()
        self._observer.end()

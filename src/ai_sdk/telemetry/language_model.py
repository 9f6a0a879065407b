"""Per-step spans: the model of a traced generation opens a ``chat {model}`` span (CLIENT) around each
``do_generate`` / ``do_stream``, a child of the call's span.

A streamed step's span stays open while the stream is read: the stream is observed part by part
(time to first chunk, response id and model, usage, finish reason) and the span ends at the stream's
end, at an error, or when the stream is closed early.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..spec.language_model import (
    CallOptions,
    Finish,
    GenerateResult,
    LanguageModel,
    ModelToolCall,
    ReasoningDelta,
    ResponseMetadata,
    StreamError,
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
    request_attributes,
    response_metadata_attributes,
)
from .recorder import Operation, Recorder
from .traced import ModelSpans, ObservedStream, StreamObserver, TracedModel, traced_calls

__all__ = ["TracedLanguageModel", "traced_language_model"]

_FIRST_CHUNK = (TextDelta, ReasoningDelta, ToolInputDelta, ModelToolCall)


class TracedLanguageModel(TracedModel):
    """A language model whose calls are ``chat {model}`` spans."""

    __slots__ = ()

    do_generate, do_generate_sync = traced_calls()
    do_stream, do_stream_sync = traced_calls()


def traced_language_model(
    model: LanguageModel, recorder: Recorder, on_stream_error: Callable[[object], None] | None = None
) -> LanguageModel:
    """``model`` with a ``chat {model}`` span around each call (children of ``recorder``'s parent);
    ``on_stream_error`` hears of the error part of a streamed step (the step did not raise it)."""
    return TracedLanguageModel(_ChatSpans(recorder, model, on_stream_error))


class _ChatSpans(ModelSpans):
    __slots__ = ("on_stream_error",)

    operation_name = "chat"

    def __init__(self, recorder: Recorder, model: Any, on_stream_error: Callable[[object], None] | None) -> None:
        super().__init__(recorder, model)
        self.on_stream_error = on_stream_error

    def start(self, options: CallOptions, stream: bool) -> Operation:
        attributes: dict[str, AttributeValue] = {"gen_ai.request.stream": stream, **request_attributes(options)}
        if self.recorder.record_inputs:
            attributes.update(input_message_attributes(options.prompt, options.tools))
        return self.begin(attributes)

    def done(self, operation: Operation, result: Any) -> Any:
        if isinstance(result, StreamResult):
            return StreamResult(
                stream=ObservedStream(result.stream, _PartObserver(operation, self)),
                request=result.request,
                response=result.response,
            )
        assert isinstance(result, GenerateResult)
        finish = result.finish_reason.raw or result.finish_reason.unified
        attributes = self.result_attributes(result.response, result.provider_metadata)
        attributes["gen_ai.response.finish_reasons"] = [finish]
        if result.response.id:
            attributes["gen_ai.response.id"] = result.response.id
        if self.recorder.record_outputs:
            attributes["gen_ai.output.messages"] = output_messages(result.content, finish)
        operation.set(attributes)
        operation.succeed(result.usage, result.response.model_id)
        return result


class _PartObserver(StreamObserver[StreamPart]):
    """Reads a step's parts as they pass, and ends its span when the stream ends."""

    __slots__ = ("_content", "_error", "_finish", "_model_id", "_record", "_spans", "_text")

    def __init__(self, operation: Operation, spans: _ChatSpans) -> None:
        super().__init__(operation)
        self._spans = spans
        self._record = spans.recorder.record_outputs
        self._finish: Finish | None = None
        self._error: object = None
        self._model_id: str | None = None
        self._text: list[str] = []
        self._content: list[Any] = []

    def item(self, item: StreamPart) -> StreamPart:
        kind = type(item)
        if kind in _FIRST_CHUNK:
            self.operation.first_chunk()
            if self._record:
                if kind is TextDelta:
                    self._text.append(item.delta)  # type: ignore[union-attr]
                elif kind is ModelToolCall:
                    self._content.append(item)
        elif kind is ResponseMetadata:
            assert isinstance(item, ResponseMetadata)
            attributes: dict[str, AttributeValue] = {}
            if item.id:
                attributes["gen_ai.response.id"] = item.id
            if item.model_id:
                self._model_id = item.model_id
                attributes["gen_ai.response.model"] = item.model_id
            self.operation.set(attributes)
        elif kind is Finish:
            assert isinstance(item, Finish)
            self._finish = item
        elif kind is StreamError:
            # The model reports a broken stream as a part, not by raising: the step failed all the same.
            assert isinstance(item, StreamError)
            self._error = item.error
            if self._spans.on_stream_error is not None:
                self._spans.on_stream_error(item.error)
        return item

    def end(self) -> None:
        finish = self._finish
        if finish is None:
            self.operation.succeed(None, self._model_id, self._error)  # closed early: nothing more to say
            return
        reason = finish.finish_reason.raw or finish.finish_reason.unified
        attributes: dict[str, AttributeValue] = {"gen_ai.response.finish_reasons": [reason]}
        attributes.update(response_metadata_attributes(self._spans.provider, finish.provider_metadata))
        if self._record:
            content = [Text("".join(self._text)), *self._content] if self._text else self._content
            attributes["gen_ai.output.messages"] = output_messages(content, reason)
        self.operation.set(attributes)
        self.operation.succeed(finish.usage, self._model_id, self._error)

"""``TelemetrySettings``: the ``telemetry=`` setting of a call (and the process-wide default of
:func:`enable_telemetry`), like the reference's ``experimental_telemetry``.

A traced ``generate_text`` / ``stream_text`` / ``generate_object`` / ... call gets a root span
(``invoke_agent {function_id or model}``, INTERNAL) that is the parent of one ``chat {model}`` span
per step (CLIENT) and one ``execute_tool {name}`` span per tool execution; it carries the summed
usage and cost and ends with the generation (``error.type`` and an ERROR status when it fails).
Embedding calls get an ``embeddings {model}`` span per request; image, transcription and speech calls a
``generate_content {model}`` span, rerank calls a ``rerank {model}`` span. Spans and metrics go to the global
OpenTelemetry providers unless ``tracer_provider`` / ``meter_provider`` are given.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from opentelemetry import metrics, trace
from opentelemetry.trace import SpanKind, Status, StatusCode

from ..core.tool import Tool
from ..spec.errors import InvalidArgumentError
from ..spec.language_model import LanguageModel, Message, Text
from ..spec.shared import Usage
from ..spec.telemetry import GenerationTelemetry, M, ModelFunction, set_default_telemetry
from .attributes import AttributeValue, error_attributes, output_messages, provider_name, usage_attributes
from .embedding_model import EmbeddingSpans, TracedEmbeddingModel
from .instruments import instruments_for, tracer_for
from .language_model import traced_language_model
from .media_models import (
    ImageSpans,
    RerankingSpans,
    SpeechSpans,
    TracedGenerateModel,
    TracedImageModel,
    TracedRerankingModel,
    TracedSpeechModel,
    TranscriptionSpans,
)
from .recorder import Recorder
from .tools import traced_tool
from .traced import ModelSpans, TracedModel

__all__ = ["TelemetrySettings", "disable_telemetry", "enable_telemetry"]

_ATTRIBUTE_TYPES = (str, bool, int, float)


@dataclass(frozen=True, slots=True, kw_only=True)
class TelemetrySettings:
    """How to trace a call.

    - ``is_enabled``: ``False`` turns tracing off for this call (even with :func:`enable_telemetry`).
    - ``function_id``: names the call (the root span's name and ``gen_ai.agent.name``), e.g. ``"chat-support"``.
    - ``metadata``: extra span attributes, as ``ai.telemetry.metadata.<key>``.
    - ``record_inputs`` / ``record_outputs``: put prompts, tool arguments, generated messages and tool
      results on the spans (``gen_ai.input.messages``, ...). Off by default: content may be private.
    - ``tracer_provider`` / ``meter_provider``: where spans and metrics go (default: the global ones).
    """

    is_enabled: bool = True
    function_id: str | None = None
    metadata: Mapping[str, AttributeValue] | None = None
    record_inputs: bool = False
    record_outputs: bool = False
    tracer_provider: Any = field(default=None, repr=False)
    meter_provider: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.function_id is not None and not isinstance(self.function_id, str):
            raise InvalidArgumentError("function_id must be a string", argument="function_id", value=self.function_id)
        for key, value in (self.metadata or {}).items():
            ok = isinstance(value, _ATTRIBUTE_TYPES) or (
                isinstance(value, list | tuple) and all(isinstance(item, _ATTRIBUTE_TYPES) for item in value)
            )
            if not isinstance(key, str) or not ok:
                raise InvalidArgumentError(
                    f"metadata values must be str, bool, int, float or lists of them (OpenTelemetry attribute "
                    f"values); {key!r} is {value!r}",
                    argument="metadata",
                    value=self.metadata,
                )

    def _recorder(self, parent: Any) -> Recorder:
        tracer_provider = self.tracer_provider or trace.get_tracer_provider()
        meter_provider = self.meter_provider or metrics.get_meter_provider()
        common: dict[str, AttributeValue] = {}
        if self.function_id is not None:
            common["ai.telemetry.functionId"] = self.function_id
        for key, value in (self.metadata or {}).items():
            common[f"ai.telemetry.metadata.{key}"] = value
        return Recorder(
            tracer=tracer_for(tracer_provider),
            instruments=instruments_for(meter_provider),
            parent=parent,
            record_inputs=self.record_inputs,
            record_outputs=self.record_outputs,
            common=common,
        )

    def start_generation(
        self,
        *,
        function: str,
        model: LanguageModel,
        tools: Mapping[str, Any],
        prompt: Sequence[Message],
        settings: Mapping[str, Any],
    ) -> GenerationTelemetry | None:
        """Open the call's root span; hand back a traced model and traced tools (see the module doc)."""
        if not self.is_enabled:
            return None
        return _Generation(self, function, model, tools)

    def wrap_model(self, model: M, *, function: ModelFunction) -> M:
        """``model`` with a span around each of its calls: ``embeddings {model}``, ``generate_content
        {model}`` (images, transcripts, speech) or ``rerank {model}``."""
        if not self.is_enabled:
            return model
        kind = _KINDS.get(function)
        if kind is None:
            raise InvalidArgumentError(f"no spans for {function!r}", argument="function", value=function)
        traced, spans = kind
        return traced(spans(self._recorder(None), model, {"ai_sdk.function": function}))  # type: ignore[return-value]


_KINDS: dict[str, tuple[type[TracedModel], type[ModelSpans]]] = {
    "embed": (TracedEmbeddingModel, EmbeddingSpans),
    "embed_many": (TracedEmbeddingModel, EmbeddingSpans),
    "generate_image": (TracedImageModel, ImageSpans),
    "rerank": (TracedRerankingModel, RerankingSpans),
    "transcribe": (TracedGenerateModel, TranscriptionSpans),
    "generate_speech": (TracedSpeechModel, SpeechSpans),
    "stream_speech": (TracedSpeechModel, SpeechSpans),
}
"""Per one-call function: the traced model class of its model kind, and what its spans record."""


class _Generation:
    """The root span of one traced generation, and the traced model and tools its steps use."""

    __slots__ = ("_ended", "_record_outputs", "_span", "_stream_error", "model", "tools")

    def __init__(
        self, settings: TelemetrySettings, function: str, model: LanguageModel, tools: Mapping[str, Any]
    ) -> None:
        provider = provider_name(model.provider)
        attributes: dict[str, AttributeValue] = {
            "gen_ai.operation.name": "invoke_agent",
            "gen_ai.provider.name": provider,
            "gen_ai.request.model": model.model_id,
            "ai_sdk.function": function,
        }
        if settings.function_id is not None:
            attributes["gen_ai.agent.name"] = settings.function_id
        recorder = settings._recorder(None)
        attributes.update(recorder.common)
        name = f"invoke_agent {settings.function_id or model.model_id}"
        self._span = recorder.tracer.start_span(name, kind=SpanKind.INTERNAL, attributes=attributes)
        self._record_outputs = settings.record_outputs
        self._ended = False
        self._stream_error: object = None
        steps = dataclasses.replace(recorder, parent=trace.set_span_in_context(self._span))
        self.model: LanguageModel = traced_language_model(model, steps, self._heard)
        self.tools: dict[str, Tool[Any, Any]] = {name: traced_tool(name, tool, steps) for name, tool in tools.items()}

    def finished(self, steps: Sequence[Any]) -> None:
        """Total usage and cost of every step, the last finish reason and response; then the end."""
        if self._ended:
            return
        usage = Usage()
        for step in steps:
            usage = usage + step.usage
        last = steps[-1] if steps else None
        attributes: dict[str, AttributeValue] = {**usage_attributes(usage), "ai_sdk.steps": len(steps)}
        if last is not None:
            reason = last.raw_finish_reason or last.finish_reason
            attributes["gen_ai.response.finish_reasons"] = [reason]
            if last.response.id:
                attributes["gen_ai.response.id"] = last.response.id
            if last.response.model_id:
                attributes["gen_ai.response.model"] = last.response.model_id
            if self._record_outputs:
                attributes["gen_ai.output.messages"] = output_messages([Text(last.text)], reason)
        self._span.set_attributes(attributes)
        if self._stream_error is not None:  # the call raises it at its end
            self._mark_failed(self._stream_error)
        self._end()

    def failed(self, error: BaseException) -> None:
        """The generation failed: ``error.type``, the exception, an ERROR status; then the end."""
        if self._ended:
            return
        self._mark_failed(error)
        self._end()

    def _heard(self, error: object) -> None:
        """A step's stream reported ``error`` as a part: the first one is the call's error."""
        if self._stream_error is None:
            self._stream_error = error

    def _mark_failed(self, error: object) -> None:
        self._span.set_attributes(error_attributes(error))
        if isinstance(error, BaseException):
            self._span.record_exception(error)
        self._span.set_status(Status(StatusCode.ERROR, str(error)[:500]))

    def aborted(self) -> None:
        """The stream was closed before its end."""
        if self._ended:
            return
        self._span.set_attribute("ai_sdk.aborted", True)
        self._end()

    def _end(self) -> None:
        self._ended = True
        self._span.end()


def enable_telemetry(settings: TelemetrySettings | None = None) -> None:
    """Trace every call that has no ``telemetry=`` setting of its own, with ``settings`` (default:
    ``TelemetrySettings()``: spans and metrics to the global OpenTelemetry providers, no content)."""
    if settings is not None and not isinstance(settings, TelemetrySettings):
        raise InvalidArgumentError("pass a TelemetrySettings(...)", argument="settings", value=settings)
    set_default_telemetry(settings or TelemetrySettings())


def disable_telemetry() -> None:
    """Stop tracing calls that have no ``telemetry=`` setting (the default)."""
    set_default_telemetry(None)

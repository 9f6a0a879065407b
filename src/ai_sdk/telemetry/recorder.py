"""What every traced operation shares: where its spans go, what it may record, and how one model or
tool operation is started, observed and ended (span, status, metrics), never raising into the call."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace import Span, SpanKind, Status, StatusCode, Tracer

from ..spec.shared import Usage
from .attributes import AttributeValue, error_attributes, usage_attributes
from .instruments import Instruments

__all__ = ["Operation", "Recorder"]


@dataclass(frozen=True, slots=True)
class Recorder:
    """One call's tracer, metric instruments, parent context and recording choices."""

    tracer: Tracer
    instruments: Instruments
    parent: Context | None
    record_inputs: bool
    record_outputs: bool
    common: Mapping[str, AttributeValue]
    """Attributes every span of the call gets (function id, metadata)."""

    def start(
        self,
        name: str,
        kind: SpanKind,
        attributes: Mapping[str, AttributeValue],
        metric_attributes: Mapping[str, Any] | None,
    ) -> Operation:
        """Start a span (child of the call's span) for one operation; ``metric_attributes`` of
        ``None``: the operation records no metrics (tool executions)."""
        span = self.tracer.start_span(name, context=self.parent, kind=kind, attributes={**self.common, **attributes})
        return Operation(self, span, None if metric_attributes is None else dict(metric_attributes))


class Operation:
    """One model call or tool execution in progress; ``with operation:`` runs a block of it (its span
    current, an exception failing it)."""

    __slots__ = ("_current", "_ended", "_first_chunk", "_recorder", "_started", "metric_attributes", "span")

    def __init__(self, recorder: Recorder, span: Span, metric_attributes: dict[str, Any] | None) -> None:
        self._recorder = recorder
        self.span = span
        self.metric_attributes = metric_attributes
        self._started = time.perf_counter()
        self._first_chunk: float | None = None
        self._ended = False

    @property
    def ended(self) -> bool:
        """Whether the span has ended."""
        return self._ended

    @property
    def recorder(self) -> Recorder:
        """The call this operation belongs to."""
        return self._recorder

    def first_chunk(self) -> None:
        """The first content of a stream arrived: record the time to first chunk (once)."""
        if self._first_chunk is None:
            self._first_chunk = elapsed = time.perf_counter() - self._started
            self.span.set_attribute("gen_ai.response.time_to_first_chunk", elapsed)
            if self.metric_attributes is not None:
                self._recorder.instruments.time_to_first_chunk.record(elapsed, self.metric_attributes)

    def set(self, attributes: Mapping[str, AttributeValue]) -> None:
        """Add attributes to the span."""
        if attributes:
            self.span.set_attributes(attributes)

    def succeed(self, usage: Usage | None = None, response_model: str | None = None, error: object = None) -> None:
        """End the operation: usage attributes and metrics, duration, span end. ``error``: one the
        operation reported on its way without raising (a stream's error part): it still ends with
        its usage, but failed."""
        if self._ended:
            return
        metric_attributes = self.metric_attributes
        if response_model and metric_attributes is not None:
            metric_attributes["gen_ai.response.model"] = response_model
        self.set(usage_attributes(usage))
        if usage is not None and metric_attributes is not None:
            token_usage = self._recorder.instruments.token_usage
            if usage.input_tokens is not None:
                token_usage.record(usage.input_tokens, {**metric_attributes, "gen_ai.token.type": "input"})
            if usage.output_tokens is not None:
                token_usage.record(usage.output_tokens, {**metric_attributes, "gen_ai.token.type": "output"})
        if error is not None:
            self._failed(error)
        self._end()

    def fail(self, error: BaseException) -> None:
        """End the operation with an error: status, ``error.type``, the exception event."""
        if self._ended:
            return
        self._failed(error)
        self._end()

    def _failed(self, error: object) -> None:
        attributes = error_attributes(error)
        if self.metric_attributes is not None:
            self.metric_attributes["error.type"] = attributes["error.type"]
        self.set(attributes)
        if isinstance(error, BaseException):
            self.span.record_exception(error)
        self.span.set_status(Status(StatusCode.ERROR, str(error)[:500]))

    def _end(self) -> None:
        self._ended = True
        if self.metric_attributes is not None:
            self._recorder.instruments.duration.record(time.perf_counter() - self._started, self.metric_attributes)
        self.span.end()

    def __enter__(self) -> Operation:
        """Make the span current while the block runs (for instrumentation below, e.g. HTTP clients)."""
        self._current = trace.use_span(
            self.span, end_on_exit=False, record_exception=False, set_status_on_exception=False
        )
        self._current.__enter__()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, traceback: Any) -> None:
        """The span is no longer current; an exception that leaves the block fails the operation."""
        self._current.__exit__(kind, error, traceback)
        if error is not None:
            self.fail(error)

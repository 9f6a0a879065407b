"""The real OpenTelemetry SDK with in-memory exporters, and the DeepInfra emulator."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.spec import LanguageModel
from ai_sdk.telemetry import TelemetrySettings, disable_telemetry
from ai_sdk.testing import DeepInfraEmulator


@dataclass
class Otel:
    """An SDK tracer and meter provider whose spans and metric points the test can read."""

    exporter: InMemorySpanExporter
    reader: InMemoryMetricReader
    tracer_provider: TracerProvider
    meter_provider: MeterProvider

    def settings(self, **options: Any) -> TelemetrySettings:
        return TelemetrySettings(tracer_provider=self.tracer_provider, meter_provider=self.meter_provider, **options)

    def spans(self) -> list[ReadableSpan]:
        return list(self.exporter.get_finished_spans())

    def span(self, name: str) -> ReadableSpan:
        found = [span for span in self.spans() if span.name == name]
        assert len(found) == 1, [span.name for span in self.spans()]
        return found[0]

    def points(self, metric: str) -> list[Any]:
        data = self.reader.get_metrics_data()
        points: list[Any] = []
        for resource in data.resource_metrics if data else []:
            for scope in resource.scope_metrics:
                for item in scope.metrics:
                    if item.name == metric:
                        points.extend(item.data.data_points)
        return points


@pytest.fixture
def otel() -> Iterator[Otel]:
    exporter = InMemorySpanExporter()
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(SimpleSpanProcessor(exporter))
    reader = InMemoryMetricReader()
    meter_provider = MeterProvider(metric_readers=[reader])
    yield Otel(exporter, reader, tracer_provider, meter_provider)
    disable_telemetry()
    meter_provider.shutdown()
    tracer_provider.shutdown()


@pytest.fixture
def emu() -> Iterator[DeepInfraEmulator]:
    with DeepInfraEmulator() as emulator:
        yield emulator


@pytest.fixture
def chat_model(emu: DeepInfraEmulator) -> LanguageModel:
    return create_deepinfra(base_url=emu.base_url, api_key="test-key")("meta-llama/Llama-3.3-70B-Instruct")

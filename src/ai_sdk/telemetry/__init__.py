"""OpenTelemetry tracing and metrics for ai_sdk calls, following the GenAI semantic conventions
(``pip install 'ai-sdk[otel]'``; needs only ``opentelemetry-api`` at run time).

Per call: ``generate_text(..., telemetry=TelemetrySettings(function_id="support-bot"))``; for every
call: ``enable_telemetry()``. Spans: ``invoke_agent`` (the call), ``chat {model}`` (each step),
``execute_tool {name}`` (each tool run), ``embeddings {model}``, ``generate_content {model}`` (images,
transcription, speech) and ``rerank {model}``, with ``server.address`` on model spans and metrics; metrics:
``gen_ai.client.token.usage``, ``gen_ai.client.operation.duration`` and
``gen_ai.client.operation.time_to_first_chunk``. See docs/telemetry.md.
"""

from __future__ import annotations

try:
    from .settings import TelemetrySettings, disable_telemetry, enable_telemetry
except ModuleNotFoundError as error:
    if not (error.name or "").startswith("opentelemetry"):
        raise
    # the bare "No module named 'opentelemetry'" would not say which extra brings it
    raise ModuleNotFoundError(
        "ai_sdk.telemetry needs OpenTelemetry: pip install 'ai-sdk[otel]'", name=error.name
    ) from error

__all__ = ["TelemetrySettings", "disable_telemetry", "enable_telemetry"]

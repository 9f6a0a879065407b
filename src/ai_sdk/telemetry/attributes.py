"""OpenTelemetry GenAI semantic-convention attributes from spec values: pure functions, no I/O.

Names follow the GenAI conventions (``gen_ai.*``, status Development). Cost has no official
attribute; ``gen_ai.usage.cost`` is the de-facto one (Langfuse reads it), and the provider's own
scalar metadata is added under its name (``deepinfra.estimated_cost``). Message content is built only
when the user opts in (``record_inputs`` / ``record_outputs``), as the conventions ask.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from ..spec._json import dumps_str
from ..spec.language_model import (
    AssistantMessage,
    CallOptions,
    FilePart,
    FunctionTool,
    Message,
    ModelToolCall,
    Reasoning,
    ReasoningPart,
    SystemMessage,
    Text,
    TextPart,
    ToolCallPart,
    ToolMessage,
    ToolResultPart,
    UserMessage,
)
from ..spec.shared import ProviderMetadata, Usage
from ..spec.telemetry import model_base_url

__all__ = [
    "error_attributes",
    "known",
    "input_message_attributes",
    "output_messages",
    "provider_name",
    "request_attributes",
    "response_metadata_attributes",
    "server_attributes",
    "usage_attributes",
]

AttributeValue = str | bool | int | float | Sequence[str] | Sequence[int] | Sequence[float]


def provider_name(provider: str) -> str:
    """``gen_ai.provider.name``: the provider id before any ``.`` (``deepinfra.chat`` -> ``deepinfra``)."""
    return provider.partition(".")[0]


def known(*attributes: tuple[str, AttributeValue | None]) -> dict[str, AttributeValue]:
    """The ``(name, value)`` pairs whose value is known (not ``None``), as attributes."""
    return {name: value for name, value in attributes if value is not None}


def server_attributes(model: object) -> dict[str, AttributeValue]:
    """``server.address`` and ``server.port`` of the model's base URL, when the model tells it."""
    url = model_base_url(model)
    if url is None:
        return {}
    try:
        parts = urlsplit(url)
        port = parts.port or {"https": 443, "http": 80}.get(parts.scheme)
    except ValueError:  # a malformed port: nothing to say
        return {}
    if not parts.hostname:
        return {}
    attributes: dict[str, AttributeValue] = {"server.address": parts.hostname}
    if port is not None:
        attributes["server.port"] = port
    return attributes


def request_attributes(options: CallOptions) -> dict[str, AttributeValue]:
    """The request settings a call sent (unset ones are left out)."""
    attributes = known(
        ("gen_ai.request.max_tokens", options.max_output_tokens),
        ("gen_ai.request.temperature", options.temperature),
        ("gen_ai.request.top_p", options.top_p),
        ("gen_ai.request.top_k", options.top_k),
        ("gen_ai.request.presence_penalty", options.presence_penalty),
        ("gen_ai.request.frequency_penalty", options.frequency_penalty),
        ("gen_ai.request.seed", options.seed),
    )
    if options.stop_sequences:
        attributes["gen_ai.request.stop_sequences"] = list(options.stop_sequences)
    if options.response_format is not None and options.response_format.type == "json":
        attributes["gen_ai.output.type"] = "json"
    return attributes


def usage_attributes(usage: Usage | None) -> dict[str, AttributeValue]:
    """Token counts (with cached and reasoning tokens) and the cost, as far as they are known."""
    if usage is None:
        return {}
    return known(
        ("gen_ai.usage.input_tokens", usage.input_tokens),
        ("gen_ai.usage.output_tokens", usage.output_tokens),
        ("gen_ai.usage.cache_read.input_tokens", usage.input_token_details.cache_read),
        ("gen_ai.usage.cache_creation.input_tokens", usage.input_token_details.cache_write),
        ("gen_ai.usage.reasoning.output_tokens", usage.output_token_details.reasoning),
        ("gen_ai.usage.cost", usage.cost),
    )


def response_metadata_attributes(provider: str, metadata: ProviderMetadata | None) -> dict[str, AttributeValue]:
    """The provider's own scalar metadata under its name, e.g. ``deepinfra.estimated_cost``."""
    own = (metadata or {}).get(provider)
    if not own:
        return {}
    return {
        f"{provider}.{key}": value
        for key, value in own.items()
        if isinstance(value, str | bool | int | float) and value is not None
    }


def error_attributes(error: object) -> dict[str, AttributeValue]:
    """``error.type`` (the exception's class name; ``_OTHER``, the conventions' fallback, for an error
    part of a stream that is no exception), plus the HTTP status when there was one."""
    kind = type(error).__name__ if isinstance(error, BaseException) else "_OTHER"
    attributes: dict[str, AttributeValue] = {"error.type": kind}
    status = getattr(error, "status_code", None)
    if isinstance(status, int):
        attributes["http.response.status_code"] = status
    return attributes


def _json(value: Any) -> str:
    return dumps_str(value)


def _arguments(raw: str) -> Any:
    """A generated tool call's arguments as the JSON value the model wrote (as a prompt's tool calls
    carry them), or the raw text when it is no JSON."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _content_parts(content: str | Iterable[Any]) -> list[dict[str, Any]]:
    if isinstance(content, str):
        return [{"type": "text", "content": content}]
    parts: list[dict[str, Any]] = []
    for part in content:
        if isinstance(part, TextPart | Text):
            parts.append({"type": "text", "content": part.text})
        elif isinstance(part, ReasoningPart | Reasoning):
            parts.append({"type": "reasoning", "content": part.text})
        elif isinstance(part, ToolCallPart | ModelToolCall):
            arguments = _arguments(part.input) if isinstance(part, ModelToolCall) else part.input
            parts.append({"type": "tool_call", "id": part.tool_call_id, "name": part.tool_name, "arguments": arguments})
        elif isinstance(part, ToolResultPart):
            parts.append({"type": "tool_call_response", "id": part.tool_call_id, "response": part.output.value})
        elif isinstance(part, FilePart):
            uri = part.data if isinstance(part.data, str) and part.data.startswith(("http://", "https://")) else None
            parts.append(
                {"type": "uri", "uri": uri, "mime_type": part.media_type}
                if uri
                else {"type": "blob", "mime_type": part.media_type}
            )
    return parts


def input_message_attributes(
    prompt: Sequence[Message], tools: Sequence[FunctionTool] | None
) -> dict[str, AttributeValue]:
    """``gen_ai.system_instructions``, ``gen_ai.input.messages`` and ``gen_ai.tool.definitions`` as JSON."""
    system: list[dict[str, Any]] = []
    messages: list[dict[str, Any]] = []
    for message in prompt:
        if isinstance(message, SystemMessage):
            system.append({"type": "text", "content": message.content})
        elif isinstance(message, UserMessage | AssistantMessage | ToolMessage):
            messages.append({"role": message.role, "parts": _content_parts(message.content)})
    attributes: dict[str, AttributeValue] = {"gen_ai.input.messages": _json(messages)}
    if system:
        attributes["gen_ai.system_instructions"] = _json(system)
    if tools:
        definitions = [
            {"type": "function", "name": tool.name, "description": tool.description, "parameters": tool.input_schema}
            for tool in tools
        ]
        attributes["gen_ai.tool.definitions"] = _json(definitions)
    return attributes


def output_messages(content: Iterable[Any], finish_reason: str | None) -> str:
    """``gen_ai.output.messages`` as JSON: one assistant message with the generated parts."""
    return _json([{"role": "assistant", "parts": _content_parts(content), "finish_reason": finish_reason}])

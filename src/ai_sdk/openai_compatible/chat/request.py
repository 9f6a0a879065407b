"""The chat request body built from :class:`CallOptions`: pure, so both drivers and the tests share it.

Key order follows the reference implementation (settings, provider extras, messages, tools), unset
settings are left out rather than sent as ``null``, and every setting the model cannot honour becomes
a :class:`CallWarning` on the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...spec import CallOptions, CallWarning, InvalidArgumentError
from ..request_fields import several_choices
from .convert_messages import convert_to_chat_messages
from .prepare_tools import prepare_chat_tools
from .provider_options import chat_provider_options

__all__ = ["ChatRequest", "build_chat_request"]

_TYPED_OPTIONS = frozenset({"user", "reasoning_effort", "text_verbosity", "strict_json_schema"})
_RESERVED = {
    "model": "the model id",
    "messages": "prompt= or messages=",
    "stream": "stream_text instead of generate_text",
    "tools": "tools=",
    "tool_choice": "tool_choice=",
}


@dataclass(slots=True)
class ChatRequest:
    """The JSON-ready request body and the warnings about settings that were not sent (built on every
    call and never handed to users: not frozen, because a frozen dataclass costs about four times as
    much to build)."""

    body: dict[str, Any]
    warnings: list[CallWarning]


def build_chat_request(
    model_id: str,
    options: CallOptions,
    *,
    provider_options_key: str,
    stream: bool,
    supports_top_k: bool = False,
    include_usage: bool = False,
    supports_pdf: bool = True,
) -> ChatRequest:
    """Build the ``/chat/completions`` body.

    ``provider_options[provider_options_key]`` (and the reference's ``openaiCompatible`` entry, see
    :mod:`.provider_options`) may hold the typed keys ``user``, ``reasoning_effort``, ``text_verbosity``
    (sent as ``verbosity``) and ``strict_json_schema`` (default ``True``); ``logprobs`` may be a number,
    meaning ``logprobs: true`` with that many ``top_logprobs``; every other key is copied into the body
    as given, so new provider parameters need no release of this library. ``include_usage`` asks a
    streaming server for a final usage chunk (providers that always send usage, such as DeepInfra,
    leave it off). ``supports_pdf=False`` refuses PDF file parts before sending (see
    :func:`.convert_messages.convert_to_chat_messages`).
    """
    extra, warnings = chat_provider_options(options.provider_options, provider_options_key)
    _check_reserved(extra, provider_options_key)
    body: dict[str, Any] = {"model": model_id}
    if (user := _typed(extra, "user", str)) is not None:
        body["user"] = user
    if options.max_output_tokens is not None:
        body["max_tokens"] = options.max_output_tokens
    if options.temperature is not None:
        body["temperature"] = options.temperature
    if options.top_p is not None:
        body["top_p"] = options.top_p
    if options.top_k is not None:
        if supports_top_k:
            body["top_k"] = options.top_k
        else:
            warnings.append(CallWarning("unsupported", feature="top_k", details="this model does not take top_k"))
    if options.frequency_penalty is not None:
        body["frequency_penalty"] = options.frequency_penalty
    if options.presence_penalty is not None:
        body["presence_penalty"] = options.presence_penalty
    response_format = options.response_format
    if response_format is not None and response_format.type == "json":
        if response_format.schema is None:
            body["response_format"] = {"type": "json_object"}
        else:
            strict = _typed(extra, "strict_json_schema", bool)
            json_schema: dict[str, Any] = {
                "schema": response_format.schema,
                "strict": True if strict is None else strict,
                "name": response_format.name or "response",
            }
            if response_format.description is not None:
                json_schema["description"] = response_format.description
            body["response_format"] = {"type": "json_schema", "json_schema": json_schema}
    if options.stop_sequences:
        body["stop"] = list(options.stop_sequences)
    if options.seed is not None:
        body["seed"] = options.seed
    for key, value in extra.items():
        if key not in _TYPED_OPTIONS:
            body[key] = value
    if "n" in extra and extra["n"] not in (None, 1):
        warnings.append(several_choices(body.pop("n")))
    logprobs = extra.get("logprobs")
    if type(logprobs) is int:
        body["logprobs"] = True
        body.setdefault("top_logprobs", logprobs)
    if (reasoning_effort := _typed(extra, "reasoning_effort", str)) is not None:
        body["reasoning_effort"] = reasoning_effort
    if (verbosity := _typed(extra, "text_verbosity", str)) is not None:
        body["verbosity"] = verbosity
    body["messages"] = convert_to_chat_messages(
        options.prompt, provider_options_key=provider_options_key, supports_pdf=supports_pdf
    )
    tools = prepare_chat_tools(options.tools, options.tool_choice, provider_options_key=provider_options_key)
    warnings.extend(tools.warnings)
    if tools.tools is not None:
        body["tools"] = tools.tools
    if tools.tool_choice is not None:
        body["tool_choice"] = tools.tool_choice
    if stream:
        body["stream"] = True
        if include_usage:
            body["stream_options"] = {"include_usage": True}
    return ChatRequest(body, warnings)


def _check_reserved(extra: Mapping[str, Any], key: str) -> None:
    for name, use_instead in _RESERVED.items():
        if name in extra:
            raise InvalidArgumentError(
                f"provider_options[{key!r}] must not set {name!r}; use {use_instead}",
                argument="provider_options",
            )


def _typed(extra: Mapping[str, Any], name: str, kind: type[Any]) -> Any:
    value = extra.get(name)
    if value is not None and not isinstance(value, kind):
        raise InvalidArgumentError(
            f"provider option {name!r} must be a {kind.__name__}, got {value!r}",
            argument="provider_options",
            value=value,
        )
    return value

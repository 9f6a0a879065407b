"""The non-streaming chat response as a :class:`GenerateResult`.

Only the fields we use are checked (the reference's "deliberately partial" schema): unknown keys are
ignored, a missing ``choices`` array is an error, and the body is kept whole on the result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from ...http.errors import extract_error_message
from ...spec import (
    APICallError,
    CallWarning,
    Content,
    GenerateResult,
    InvalidResponseDataError,
    ModelToolCall,
    ProviderMetadata,
    Reasoning,
    RequestInfo,
    ResponseInfo,
    Text,
)
from ...spec._json import dumps_str
from ..finish_reason import map_finish_reason
from ..response_extras import answer_extras, chat_logprobs, merge_extras
from ..usage import UsageConverter
from .metadata import MetadataExtractor
from .tool_calls import generate_tool_call_id, tool_input

__all__ = ["parse_chat_response", "thought_signature_metadata", "timestamp"]


def parse_chat_response(
    value: Any,
    *,
    url: str,
    headers: Mapping[str, str],
    request_body: Any,
    warnings: Sequence[CallWarning],
    usage_converter: UsageConverter,
    metadata_extractor: MetadataExtractor | None = None,
    metadata_key: str | None = None,
) -> GenerateResult:
    """Content in the reference order (reasoning, text, tool calls), the unified finish reason, the
    provider's usage and metadata, and what was sent and received. With ``metadata_key``, the answer's
    logprobs, echoed service tier and prediction-token counts (see :mod:`..response_extras`) and each
    tool call's thought signature are reported under that key of the provider metadata.

    Raises :class:`APICallError` for an error object answered with a 2xx status, and
    :class:`InvalidResponseDataError` for a body without choices.
    """
    # ``type(x) is dict or ...``: parsed JSON is always a dict, and the exact type check spares the
    # abstract-class check in the common case.
    if not (type(value) is dict or isinstance(value, Mapping)):
        raise InvalidResponseDataError(f"expected a JSON object from {url}, got {type(value).__name__}", data=value)
    choices = value.get("choices")
    if (
        not isinstance(choices, list)
        or not choices
        or not (type(choices[0]) is dict or isinstance(choices[0], Mapping))
    ):
        error_message = extract_error_message(value)
        if error_message is not None:
            raise APICallError(
                error_message, url=url, request_body=request_body, status_code=200, response_headers=headers, data=value
            )
        raise InvalidResponseDataError(f"the chat response has no choices: {dumps_str(value)[:500]}", data=value)
    choice = choices[0]
    message_value = choice.get("message")
    message: Mapping[str, Any] = (
        message_value if type(message_value) is dict or isinstance(message_value, Mapping) else {}
    )
    content: list[Content] = []
    reasoning = message.get("reasoning_content") or message.get("reasoning")
    message_content = message.get("content")
    if type(message_content) is str:  # the usual answer: spare the parts walk below
        text, thinking = message_content, ""
    else:
        pieces = content_pieces(message_content)
        text = "".join(piece for is_text, piece in pieces if is_text)
        thinking = "".join(piece for is_text, piece in pieces if not is_text)
    if (isinstance(reasoning, str) and reasoning) or thinking:
        content.append(Reasoning((reasoning if isinstance(reasoning, str) else "") + thinking))
    if text:
        content.append(Text(text))
    tool_calls = message.get("tool_calls")
    if isinstance(tool_calls, list):
        content.extend(_tool_call(call, value, metadata_key) for call in tool_calls)
    usage = value.get("usage")
    finish_reason = choice.get("finish_reason")
    metadata = metadata_extractor(value) if metadata_extractor is not None else None
    if metadata_key is not None:
        metadata = merge_extras(metadata, metadata_key, answer_extras(value, logprobs=chat_logprobs(choice)))
    return GenerateResult(
        content=content,
        finish_reason=map_finish_reason(finish_reason if isinstance(finish_reason, str) else None),
        usage=usage_converter(usage if type(usage) is dict or isinstance(usage, Mapping) else None),
        warnings=list(warnings),
        request=RequestInfo(body=request_body),
        response=ResponseInfo(
            id=_str(value.get("id")),
            model_id=_str(value.get("model")),
            timestamp=timestamp(value.get("created")),
            headers=headers,
            body=value,
        ),
        provider_metadata=metadata,
    )


def timestamp(created: Any) -> datetime | None:
    """``created`` (seconds since the epoch) as an aware UTC datetime."""
    if type(created) is int or type(created) is float:
        try:
            return datetime.fromtimestamp(created, UTC)
        except (OverflowError, OSError, ValueError):  # out of datetime's range (e.g. 1e20): not a time
            return None
    return None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def content_pieces(value: Any) -> list[tuple[bool, str]]:
    """A message's (or delta's) ``content`` as ``(is_text, piece)`` pairs, in order. Besides a string,
    some servers send an array of parts: ``{"type": "text", "text": ...}`` is text, ``{"type":
    "thinking", "thinking": ...}`` (or ``"reasoning"``) is reasoning; other parts carry nothing to show."""
    if isinstance(value, str):
        return [(True, value)] if value else []
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidResponseDataError(f"unexpected message content {value!r}", data=value)
    pieces: list[tuple[bool, str]] = []
    for part in value:
        if not isinstance(part, Mapping):
            continue
        kind = part.get("type")
        if kind in ("thinking", "reasoning"):
            piece = part.get("thinking", part.get("text"))
            if isinstance(piece, str) and piece:
                pieces.append((False, piece))
        elif isinstance(part.get("text"), str) and part["text"]:
            pieces.append((True, part["text"]))
    return pieces


def thought_signature_metadata(call: Mapping[str, Any], key: str | None) -> ProviderMetadata | None:
    """``{key: {"thought_signature": ...}}`` for a tool call carrying Gemini's
    ``extra_content.google.thought_signature``, else ``None``."""
    if key is None:
        return None
    extra = call.get("extra_content")
    google = extra.get("google") if isinstance(extra, Mapping) else None
    signature = google.get("thought_signature") if isinstance(google, Mapping) else None
    return {key: {"thought_signature": signature}} if isinstance(signature, str) else None


def _tool_call(call: Any, body: Any, metadata_key: str | None) -> ModelToolCall:
    function = call.get("function") if isinstance(call, Mapping) else None
    name = function.get("name") if isinstance(function, Mapping) else None
    if not isinstance(name, str) or not name or not isinstance(function, Mapping):
        raise InvalidResponseDataError(f"a tool call has no function name: {call!r}", data=body)
    return ModelToolCall(
        tool_call_id=call.get("id") or generate_tool_call_id(),
        tool_name=name,
        input=tool_input(function.get("arguments")),
        provider_metadata=thought_signature_metadata(call, metadata_key),
    )

"""Messages as plain, JSON-ready dicts, and back: so a stateless server can store a conversation
(``json.dumps``) and continue it later.

:func:`message_to_dict` writes the AI SDK's ``ModelMessage`` shape (camelCase keys, as the JavaScript
AI SDK and its UI send them; file data as base64); ``prompt=`` / ``messages=`` read that shape back
(and snake_case keys). OpenAI-shaped history (``{"role": "assistant", "tool_calls": [...]}``,
``{"role": "tool", "tool_call_id": ..., "content": "..."}``) is converted on the way in by
:func:`from_openai_shape`, or rejected with a message that shows the expected shape.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..spec._json import JSONDecodeError, loads
from ..spec.language_model import (
    AssistantMessage,
    FilePart,
    ImagePart,
    Message,
    ReasoningPart,
    SystemMessage,
    TextPart,
    ToolApprovalRequestPart,
    ToolApprovalResponsePart,
    ToolCallPart,
    ToolMessage,
    ToolResultPart,
    UserMessage,
)

__all__ = ["EXPECTED_SHAPE", "from_openai_shape", "message_to_dict"]

EXPECTED_SHAPE = (
    "{'role': 'assistant', 'content': [{'type': 'tool-call', 'toolCallId': 'call_1', 'toolName': 'weather', "
    "'input': {'city': 'Paris'}}]} then {'role': 'tool', 'content': [{'type': 'tool-result', 'toolCallId': "
    "'call_1', 'toolName': 'weather', 'output': {'type': 'json', 'value': {'temperature': 21}}}]}"
)
"""A tool call and its result in the shape ``messages=`` reads (what :func:`message_to_dict` writes)."""


def _options(data: dict[str, Any], options: Any) -> dict[str, Any]:
    if options is not None:
        data["providerOptions"] = options
    return data


def _part_to_dict(part: Any) -> dict[str, Any]:
    kind = type(part)
    if kind is TextPart or kind is ReasoningPart:
        data: dict[str, Any] = {"type": part.type, "text": part.text}
    elif kind is ToolCallPart:
        data = {"type": "tool-call", "toolCallId": part.tool_call_id, "toolName": part.tool_name, "input": part.input}
    elif kind is ToolResultPart:
        output = {"type": part.output.type, "value": part.output.value}
        if part.output.type == "execution-denied":  # the reference names the denial's reason "reason"
            output = {"type": "execution-denied", "reason": part.output.value}
        data = {"type": "tool-result", "toolCallId": part.tool_call_id, "toolName": part.tool_name, "output": output}
    elif kind is ToolApprovalRequestPart:
        return {"type": part.type, "approvalId": part.approval_id, "toolCallId": part.tool_call_id}
    elif kind is ToolApprovalResponsePart:
        data = {"type": part.type, "approvalId": part.approval_id, "approved": part.approved}
        if part.reason is not None:
            data["reason"] = part.reason
        return data
    elif kind is FilePart or kind is ImagePart:
        raw = part.data if kind is FilePart else part.image
        if isinstance(raw, Path):
            raw = raw.read_bytes()
        value = base64.b64encode(raw).decode("ascii") if isinstance(raw, bytes) else raw
        data = {"type": part.type, "data" if kind is FilePart else "image": value}
        if part.media_type is not None:
            data["mediaType"] = part.media_type
        if kind is FilePart and part.filename is not None:
            data["filename"] = part.filename
    else:
        raise TypeError(f"not a message part: {part!r}")
    return _options(data, part.provider_options)


def message_to_dict(message: Message) -> dict[str, Any]:
    """``message`` as a plain dict that ``json.dumps`` accepts and ``messages=`` reads back::

    saved = json.dumps([message_to_dict(m) for m in history])
    await generate_text(model=model, messages=[*json.loads(saved), {"role": "user", "content": "More"}])
    """
    if not isinstance(message, SystemMessage | UserMessage | AssistantMessage | ToolMessage):
        raise TypeError(f"message_to_dict takes a message (UserMessage, AssistantMessage, ...), got {message!r}")
    content = message.content
    value = content if isinstance(content, str) else [_part_to_dict(part) for part in content]
    return _options({"role": message.role, "content": value}, message.provider_options)


def _is_openai_shaped(item: object) -> bool:
    return isinstance(item, Mapping) and (
        "tool_calls" in item
        or (item.get("role") == "tool" and "tool_call_id" in item)
        or item.get("role") == "function"
    )


def _joined_text(content: Any) -> Any:
    """A tool message's content, a list of OpenAI text parts joined into its text (what the API reads)."""
    if (
        isinstance(content, list)
        and content
        and all(
            isinstance(part, Mapping) and part.get("type") == "text" and isinstance(part.get("text"), str)
            for part in content
        )
    ):
        return "".join(part["text"] for part in content)
    return content


def from_openai_shape(items: Sequence[Any]) -> tuple[list[Any], str | None]:
    """``items`` with OpenAI-shaped assistant tool calls and tool messages converted to the AI SDK shape
    (a tool message's tool name comes from the call it answers), or the reason one cannot be."""
    if not any(_is_openai_shaped(item) for item in items):
        return list(items), None
    names: dict[str, str] = {}
    converted: list[Any] = []
    for index, item in enumerate(items):
        if not _is_openai_shaped(item):
            converted.append(item)
            continue
        if item.get("role") == "function":
            return [], f"messages[{index}]: 'function' messages are OpenAI's legacy shape; write {EXPECTED_SHAPE}"
        if "tool_calls" in item:
            content = item.get("content")
            # OpenAI's content is a string or a list of text parts (the AI SDK's shape too): keep either
            parts: list[Any] = list(content) if isinstance(content, list) else []
            if isinstance(content, str) and content:
                parts.append({"type": "text", "text": content})
            for call in item["tool_calls"] or []:
                function = call.get("function") if isinstance(call, Mapping) else None
                if not isinstance(function, Mapping) or not isinstance(call.get("id"), str):
                    return [], f"messages[{index}].tool_calls: expected {{'id', 'function': {{'name', 'arguments'}}}}"
                try:
                    arguments = loads(function.get("arguments") or "{}")
                except JSONDecodeError:
                    return [], f"messages[{index}].tool_calls: 'arguments' of {call['id']!r} is not JSON"
                names[call["id"]] = function.get("name", "")
                parts.append(
                    {
                        "type": "tool-call",
                        "toolCallId": call["id"],
                        "toolName": function.get("name"),
                        "input": arguments,
                    }
                )
            converted.append({"role": "assistant", "content": parts})
            continue
        call_id = item["tool_call_id"]
        if call_id not in names:
            return [], (
                f"messages[{index}]: the tool message for {call_id!r} answers no earlier assistant tool call; "
                f"write {EXPECTED_SHAPE}"
            )
        content = _joined_text(item.get("content"))
        output = {"type": "text", "value": content} if isinstance(content, str) else {"type": "json", "value": content}
        result = {"type": "tool-result", "toolCallId": call_id, "toolName": names[call_id], "output": output}
        converted.append({"role": "tool", "content": [result]})
    return converted, None

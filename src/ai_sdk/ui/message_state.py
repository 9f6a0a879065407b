"""Builds the assistant UI message that a chunk stream describes (pure and synchronous), as the
reference's client does: the state behind ``on_finish`` (persistence) and :func:`read_ui_message_stream`.

The message is kept in its wire form (a dict with camelCase keys, as ``useChat`` holds it), so what is
persisted is exactly what the browser shows and sends back.
"""

from __future__ import annotations

import copy
from typing import Any

from .chunks import (
    DataChunk,
    UIMessageChunk,
    UIMessageChunkBase,
    parse_ui_message_chunk,
)
from .errors import UIMessageStreamError

__all__ = ["UIMessageState", "parse_partial_json"]

# the chunks that continue an open text or reasoning part: (which part, whether it adds text or ends it)
_CONTINUATIONS = {
    "text-delta": ("text", True),
    "text-end": ("text", False),
    "reasoning-delta": ("reasoning", True),
    "reasoning-end": ("reasoning", False),
}


class UIMessageState:
    """The message under construction (:attr:`message`) plus the open text, reasoning and tool-input
    parts. :meth:`feed` applies one chunk and says whether the message changed; a chunk that refers to a
    part that was never started raises :class:`UIMessageStreamError`."""

    __slots__ = ("_partial_tools", "_reasoning", "_text", "finish_reason", "message")

    def __init__(self, *, message_id: str = "", last_message: dict[str, Any] | None = None) -> None:
        if last_message is not None and last_message.get("role") == "assistant":
            self.message: dict[str, Any] = copy.deepcopy(last_message)
        else:
            self.message = {"id": message_id, "role": "assistant", "parts": []}
        self.finish_reason: str | None = None
        self._text: dict[str, dict[str, Any]] = {}
        self._reasoning: dict[str, dict[str, Any]] = {}
        self._partial_tools: dict[str, dict[str, Any]] = {}

    def snapshot(self) -> dict[str, Any]:
        """A deep copy of the message as it is now."""
        return copy.deepcopy(self.message)

    def feed(self, chunk: UIMessageChunk | dict[str, Any]) -> bool:
        """Apply one chunk (an object or its wire dict); True when the message changed."""
        if not isinstance(chunk, UIMessageChunkBase):
            chunk = parse_ui_message_chunk(chunk)
        parts: list[dict[str, Any]] = self.message["parts"]
        kind = chunk.type
        if isinstance(chunk, DataChunk):
            return self._data(chunk)
        wire = chunk.to_dict()
        if kind == "text-start":
            part = _with({"type": "text", "text": "", "state": "streaming"}, "providerMetadata", wire)
            self._text[wire["id"]] = part
            parts.append(part)
        elif kind in _CONTINUATIONS:
            what, is_delta = _CONTINUATIONS[kind]
            open_parts = self._text if what == "text" else self._reasoning
            part = self._open(open_parts, wire, what)
            if is_delta:
                # the text held only by a local is extended in place; ``part["text"] += delta`` copied
                # all of it on every delta (minutes of CPU for a long answer or reasoning)
                text, part["text"] = part["text"], ""
                text += wire["delta"]
                part["text"] = text
            else:
                part["state"] = "done"
                del open_parts[wire["id"]]
            _with(part, "providerMetadata", wire)
        elif kind == "reasoning-start":
            part = _with(
                {"type": "reasoning", "id": wire["id"], "text": "", "state": "streaming"}, "providerMetadata", wire
            )
            self._reasoning[wire["id"]] = part
            parts.append(part)
        elif kind in ("file", "source-url", "source-document"):
            parts.append(wire)
        elif kind == "tool-input-start":
            self._partial_tools[wire["toolCallId"]] = {"text": "", "toolName": wire["toolName"]}
            self._tool_part(wire, state="input-streaming", call_metadata=wire.get("providerMetadata"))
        elif kind == "tool-input-delta":
            partial = self._partial_tools.get(wire["toolCallId"])
            if partial is None:
                raise UIMessageStreamError(
                    f"tool-input-delta for the unknown tool call {wire['toolCallId']!r}: send tool-input-start first",
                    chunk_type=kind,
                    chunk_id=wire["toolCallId"],
                )
            text, partial["text"] = partial["text"], ""
            text += wire["inputTextDelta"]  # in place, as text deltas
            partial["text"] = text
            update = {"toolName": partial["toolName"], "toolCallId": wire["toolCallId"]}
            self._tool_part(update, state="input-streaming", input_value=parse_partial_json(text))
        elif kind == "tool-input-available":
            self._tool_part(
                wire, state="input-available", input_value=wire["input"], call_metadata=wire.get("providerMetadata")
            )
        elif kind == "tool-input-error":
            part = self._tool_part(
                wire, state="output-error", input_value=None, call_metadata=wire.get("providerMetadata")
            )
            part.pop("input", None)  # the reference keeps the invalid input only as rawInput
            part["rawInput"] = wire["input"]
            part["errorText"] = wire["errorText"]
        elif kind == "tool-approval-request":
            part = self._invocation(wire["toolCallId"], kind)
            part["state"] = "approval-requested"
            part["approval"] = _with({"id": wire["approvalId"]}, "signature", wire)
        elif kind == "tool-output-denied":
            self._invocation(wire["toolCallId"], kind)["state"] = "output-denied"
        elif kind in ("tool-output-available", "tool-output-error"):
            part = self._invocation(wire["toolCallId"], kind)
            part.pop("preliminary", None)  # only the chunk that says so is preliminary, as in the reference
            if kind == "tool-output-available":
                part["state"] = "output-available"
                part["output"] = wire["output"]
                part.pop("errorText", None)
                _with(part, "preliminary", wire)
            else:
                part["state"] = "output-error"
                part["errorText"] = wire["errorText"]
            _with(part, "providerExecuted", wire)
            if "providerMetadata" in wire:
                part["resultProviderMetadata"] = wire["providerMetadata"]
        elif kind == "start-step":
            parts.append({"type": "step-start"})
            return False
        elif kind == "finish-step":
            self._text = {}
            self._reasoning = {}
            return False
        elif kind == "start":
            if "messageId" in wire:
                self.message["id"] = wire["messageId"]
            self._metadata(wire.get("messageMetadata"))
            return "messageId" in wire or "messageMetadata" in wire
        elif kind in ("finish", "message-metadata"):
            if kind == "finish" and "finishReason" in wire:
                self.finish_reason = wire["finishReason"]
            return self._metadata(wire.get("messageMetadata"))
        else:  # error and abort chunks do not change the message
            return False
        return True

    def _open(self, open_parts: dict[str, dict[str, Any]], wire: dict[str, Any], what: str) -> dict[str, Any]:
        part = open_parts.get(wire["id"])
        if part is None:
            kind = wire["type"]
            raise UIMessageStreamError(
                f"{kind} for the {what} part {wire['id']!r}, which is not open: send {what}-start first",
                chunk_type=kind,
                chunk_id=wire["id"],
            )
        return part

    def _current_step(self) -> list[dict[str, Any]]:
        parts: list[dict[str, Any]] = self.message["parts"]
        start = len(parts)
        while start > 0 and parts[start - 1]["type"] != "step-start":
            start -= 1
        return parts[start:]

    def _invocation(self, tool_call_id: str, kind: str) -> dict[str, Any]:
        part: dict[str, Any]
        for part in [*self._current_step(), *reversed(self.message["parts"])]:
            if _is_tool(part) and part.get("toolCallId") == tool_call_id:
                return part
        raise UIMessageStreamError(
            f"{kind} for the unknown tool call {tool_call_id!r}: its tool-input chunks must come first",
            chunk_type=kind,
            chunk_id=tool_call_id,
        )

    def _tool_part(
        self,
        wire: dict[str, Any],
        *,
        state: str,
        input_value: Any = None,
        call_metadata: Any = None,
    ) -> dict[str, Any]:
        tool_call_id = wire["toolCallId"]
        part = next(
            (p for p in self._current_step() if _is_tool(p) and p.get("toolCallId") == tool_call_id),
            None,
        )
        if part is None:
            dynamic = bool(wire.get("dynamic"))
            part = (
                {"type": "dynamic-tool", "toolName": wire["toolName"]}
                if dynamic
                else {"type": f"tool-{wire['toolName']}"}
            )
            part["toolCallId"] = tool_call_id
            self.message["parts"].append(part)
        part["state"] = state
        if state != "input-streaming" or input_value is not None:
            part["input"] = input_value
        for key in ("title", "providerExecuted"):
            _with(part, key, wire)
        if call_metadata is not None:
            part["callProviderMetadata"] = call_metadata
        return part

    def _metadata(self, metadata: Any) -> bool:
        if metadata is None:
            return False
        current = self.message.get("metadata")
        self.message["metadata"] = _merge(current, metadata) if current is not None else metadata
        return True

    def _data(self, chunk: DataChunk) -> bool:
        if chunk.transient:
            return False
        if chunk.id is not None:
            for part in self.message["parts"]:
                if part["type"] == chunk.type and part.get("id") == chunk.id:
                    part["data"] = chunk.data
                    return True
        self.message["parts"].append({k: v for k, v in chunk.to_dict().items() if k != "transient"})
        return True


def _is_tool(part: dict[str, Any]) -> bool:
    kind: str = part["type"]
    return kind.startswith("tool-") or kind == "dynamic-tool"


def _with(target: dict[str, Any], key: str, source: dict[str, Any]) -> dict[str, Any]:
    if source.get(key) is not None:
        target[key] = source[key]
    return target


def _merge(base: Any, update: Any) -> Any:
    """Deep merge of JSON objects (``update`` wins); anything else is replaced."""
    if not isinstance(base, dict) or not isinstance(update, dict):
        return update
    merged = dict(base)
    for key, value in update.items():
        merged[key] = _merge(merged.get(key), value) if key in merged else value
    return merged


_WHITESPACE = " \t\r\n"


def parse_partial_json(text: str) -> Any:
    """The value of a streaming tool input's JSON text, or ``None`` while it is not yet complete JSON
    (the part then shows no input until the text parses; ``tool-input-available`` sets the final one)."""
    import orjson

    # an object or array is not whole before its closing bracket: without this check every delta of a
    # long input re-parsed all the text so far, and failed (seconds of CPU for a 100 kB input)
    start, end = 0, len(text)
    while start < end and text[start] in _WHITESPACE:  # not lstrip() / rstrip(), which copy the text
        start += 1
    opening = text[start : start + 1]
    if opening in ("{", "["):
        while text[end - 1] in _WHITESPACE:
            end -= 1
        if text[end - 1] != ("}" if opening == "{" else "]"):
            return None
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return None

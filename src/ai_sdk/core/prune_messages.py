"""``prune_messages``: trim old reasoning and tool traffic from a long history before the next call.

``reasoning``: ``"all"`` drops every reasoning part of assistant messages, ``"before-last-message"``
all but those of the last message, ``"none"`` (default) keeps them. ``tool_calls``: ``"all"``,
``"before-last-message"``, ``"before-last-N-messages"`` or ``"none"`` (default), or a list of
``{"type": <one of those>, "tools": [names]}`` rules that prune only those tools' traffic. Tool calls,
their results and their approval parts go together: a call kept in the recent messages keeps its
result, wherever it is. ``empty_messages``: ``"remove"`` (default) drops messages left empty, ``"keep"``
keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, TypeAlias

from ..spec.errors import InvalidArgumentError
from ..spec.language_model import (
    AssistantMessage,
    Message,
    ReasoningPart,
    ToolApprovalRequestPart,
    ToolApprovalResponsePart,
    ToolCallPart,
    ToolMessage,
    ToolResultPart,
)
from .prompt import standardize_prompt

__all__ = ["PruneRule", "kept_parts", "prune_messages"]

PruneRule: TypeAlias = Mapping[str, Any]
"""``{"type": "all" | "before-last-message" | "before-last-N-messages", "tools": [names]}`` (tools optional)."""

_BEFORE_LAST = re.compile(r"^before-last-(\d+)-messages$")
_TOOL_PARTS = (ToolCallPart, ToolResultPart, ToolApprovalRequestPart, ToolApprovalResponsePart)


def _keep_last(kind: object) -> int | None:
    """How many trailing messages a rule spares (``None``: none, for ``"all"``)."""
    if kind == "all":
        return None
    if kind == "before-last-message":
        return 1
    match = _BEFORE_LAST.match(kind) if isinstance(kind, str) else None
    if match is None:
        raise InvalidArgumentError(
            "must be 'all', 'before-last-message', 'before-last-N-messages' (e.g. 'before-last-3-messages') or "
            f"'none', or a list of {{'type': ..., 'tools': [...]}} rules; got {kind!r}",
            argument="tool_calls",
            value=kind,
        )
    return int(match.group(1))


def _rules(tool_calls: object) -> list[tuple[int | None, frozenset[str] | None]]:
    if tool_calls == "none":
        return []
    if isinstance(tool_calls, str):
        return [(_keep_last(tool_calls), None)]
    if not isinstance(tool_calls, Sequence):
        raise InvalidArgumentError(
            f"must be a string or a list of rules, got {type(tool_calls).__name__}", argument="tool_calls"
        )
    rules = []
    for rule in tool_calls:
        if not isinstance(rule, Mapping) or "type" not in rule:
            raise InvalidArgumentError(
                f"each rule is a dict {{'type': 'all', 'tools': ['search']}}, got {rule!r}", argument="tool_calls"
            )
        tools = rule.get("tools")
        if tools is not None and (isinstance(tools, str) or not all(isinstance(name, str) for name in tools)):
            raise InvalidArgumentError(
                f"a rule's 'tools' is a list of tool names, got {tools!r}", argument="tool_calls"
            )
        rules.append((_keep_last(rule["type"]), frozenset(tools) if tools is not None else None))
    return rules


def _parts(message: Message) -> Sequence[Any] | None:
    """The parts of an assistant or tool message with a part list (``None`` for anything else)."""
    if type(message) is AssistantMessage or type(message) is ToolMessage:
        content = message.content
        return None if isinstance(content, str) else content
    return None


def kept_parts(message: Message, keep: Callable[[Any], bool]) -> Message:
    """``message`` with only the parts ``keep`` accepts, when it is an assistant or tool message with a
    part list; ``message`` itself when every part is kept or it has no part list."""
    parts = _parts(message)
    if parts is None:
        return message
    kept = [part for part in parts if keep(part)]
    if len(kept) == len(parts):
        return message
    return type(message)(kept, message.provider_options)  # type: ignore[arg-type]


def _prune_tools(messages: list[Message], keep_last: int | None, tools: frozenset[str] | None) -> list[Message]:
    recent = messages[-keep_last:] if keep_last else []
    kept_calls: set[str] = set()
    kept_approvals: set[str] = set()
    for message in recent:
        for part in _parts(message) or ():
            if type(part) is ToolCallPart or type(part) is ToolResultPart:
                kept_calls.add(part.tool_call_id)
            elif type(part) is ToolApprovalRequestPart or type(part) is ToolApprovalResponsePart:
                kept_approvals.add(part.approval_id)
    names: dict[str, str] = {}
    for message in messages:
        for part in _parts(message) or ():
            if type(part) is ToolCallPart or type(part) is ToolResultPart:
                names[part.tool_call_id] = part.tool_name
    approval_names = {
        part.approval_id: names[part.tool_call_id]
        for message in messages
        for part in _parts(message) or ()
        if type(part) is ToolApprovalRequestPart and part.tool_call_id in names
    }

    def keep(part: Any) -> bool:
        if not isinstance(part, _TOOL_PARTS):
            return True
        if isinstance(part, ToolCallPart | ToolResultPart):
            if part.tool_call_id in kept_calls:
                return True
            name: str | None = part.tool_name
        else:
            if part.approval_id in kept_approvals:
                return True
            name = approval_names.get(part.approval_id)
        return tools is not None and name is not None and name not in tools

    first_spared = len(messages) - keep_last if keep_last else len(messages)
    return [message if index >= first_spared else kept_parts(message, keep) for index, message in enumerate(messages)]


def prune_messages(
    messages: Sequence[Message | Mapping[str, Any]],
    *,
    reasoning: Literal["all", "before-last-message", "none"] = "none",
    tool_calls: str | Sequence[PruneRule] = "none",
    empty_messages: Literal["keep", "remove"] = "remove",
) -> list[Message]:
    """``messages`` (spec messages or their dict form) without the reasoning and tool traffic the
    options name (see the module doc); the result is ready for ``messages=``."""
    if reasoning not in ("all", "before-last-message", "none"):
        raise InvalidArgumentError(
            f"must be 'all', 'before-last-message' or 'none', got {reasoning!r}", argument="reasoning", value=reasoning
        )
    if empty_messages not in ("keep", "remove"):
        raise InvalidArgumentError(
            f"must be 'keep' or 'remove', got {empty_messages!r}", argument="empty_messages", value=empty_messages
        )
    rules = _rules(tool_calls)
    if not messages:
        return []
    result = standardize_prompt(messages=messages)
    if reasoning != "none":
        last = len(result) - 1
        result = [
            kept_parts(message, lambda part: type(part) is not ReasoningPart)
            if type(message) is AssistantMessage and not (reasoning == "before-last-message" and index == last)
            else message
            for index, message in enumerate(result)
        ]
    for keep_last, tools in rules:
        result = _prune_tools(result, keep_last, tools)
    if empty_messages == "remove":
        result = [message for message in result if message.content]
    return result

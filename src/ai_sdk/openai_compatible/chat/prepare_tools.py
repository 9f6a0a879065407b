"""Function tools and the tool choice in the chat wire format."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ...spec import CallWarning, FunctionTool, InvalidArgumentError, ToolChoice

__all__ = ["PreparedChatTools", "prepare_chat_tools"]


@dataclass(slots=True)
class PreparedChatTools:
    """``tools`` and ``tool_choice`` for the body (``None`` = not sent) plus what could not be sent
    (an internal record built on every call, so not frozen: see :class:`.request.ChatRequest`)."""

    tools: list[dict[str, Any]] | None
    tool_choice: str | dict[str, Any] | None
    warnings: list[CallWarning]


def prepare_chat_tools(
    tools: Sequence[FunctionTool] | None, tool_choice: ToolChoice | None, *, provider_options_key: str
) -> PreparedChatTools:
    """No tools sends neither key (a ``tool_choice`` alone is meaningless to the API, so it becomes a
    warning); a named tool choice must name one of the tools. ``provider_options[<key>]`` of a tool is
    merged into its wire object (e.g. ``cache_control``)."""
    if not tools:
        warnings = []
        if tool_choice is not None:
            warnings.append(
                CallWarning("unsupported", feature="tool_choice", details="no tools were given, so it was not sent")
            )
        return PreparedChatTools(None, None, warnings)
    wire_tools = []
    for tool in tools:
        function: dict[str, Any] = {"name": tool.name}
        if tool.description is not None:
            function["description"] = tool.description
        function["parameters"] = tool.input_schema
        if tool.strict is not None:
            function["strict"] = tool.strict
        wire_tool: dict[str, Any] = {"type": "function", "function": function}
        extra = tool.provider_options.get(provider_options_key) if tool.provider_options else None
        if extra:
            wire_tool.update(extra)
        wire_tools.append(wire_tool)
    if tool_choice is None:
        return PreparedChatTools(wire_tools, None, [])
    if tool_choice.type != "tool":
        return PreparedChatTools(wire_tools, tool_choice.type, [])
    if tool_choice.tool_name not in {tool.name for tool in tools}:
        raise InvalidArgumentError(
            f"tool choice names {tool_choice.tool_name!r}, which is not one of the tools "
            f"({', '.join(tool.name for tool in tools)})",
            argument="tool_choice",
            value=tool_choice,
        )
    return PreparedChatTools(wire_tools, {"type": "function", "function": {"name": tool_choice.tool_name}}, [])

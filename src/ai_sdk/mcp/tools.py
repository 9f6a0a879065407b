"""MCP tools as ai_sdk tools: names the model APIs accept, and tool results as plain values.

Pure functions shared by the async and the blocking client.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..spec.errors import MCPToolError

__all__ = ["model_tool_name", "model_tool_names", "tool_output"]

_INVALID = re.compile(r"[^A-Za-z0-9_-]")


def model_tool_name(name: str) -> str:
    """``name`` as OpenAI-compatible APIs accept it (``^[A-Za-z0-9_-]{1,64}$``): other characters
    become ``_`` and long names are cut. The MCP server is still called with its own name."""
    return (_INVALID.sub("_", name) or "_")[:64]


def model_tool_names(names: Sequence[str]) -> list[str]:
    """:func:`model_tool_name` of each of a server's tool names, made unique: a name that is already
    safe keeps it, and a changed one that would clash with another (``a.b`` and ``a_b``) gets a suffix
    (``a_b_2``), so no tool is lost."""
    taken = {name for name in names if model_tool_name(name) == name}
    safe_names: list[str] = []
    for name in names:
        safe = model_tool_name(name)
        if safe != name:
            stem, number = safe, 2
            while safe in taken:
                suffix = f"_{number}"
                safe, number = stem[: 64 - len(suffix)] + suffix, number + 1
            taken.add(safe)
        safe_names.append(safe)
    return safe_names


def _content_value(content: Any) -> Any:
    dumped = content.model_dump(mode="json", by_alias=True, exclude_none=True)
    return dumped


def tool_output(tool_name: str, result: Any) -> Any:
    """The value a tool call returns: structured content if the server sent some, else the text
    (one text block), else the content blocks as JSON. An error result raises
    :class:`~ai_sdk.errors.MCPToolError`, which the tool loop reports to the model."""
    content = list(result.content or ())
    texts = [block.text for block in content if getattr(block, "type", None) == "text"]
    if result.is_error:
        message = "\n".join(texts) or "the tool reported an error without a message"
        raise MCPToolError(
            f"MCP tool {tool_name!r} failed: {message}",
            tool_name=tool_name,
            content=[_content_value(block) for block in content],
        )
    if result.structured_content is not None:
        return result.structured_content
    if len(texts) == 1 and len(content) == 1:
        return texts[0]
    return [_content_value(block) for block in content]

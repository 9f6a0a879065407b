"""Small rules for tool calls shared by the response and stream parsers."""

from __future__ import annotations

import os
from typing import Any

from ...spec._json import dumps_str

__all__ = ["generate_tool_call_id", "tool_input"]


def generate_tool_call_id() -> str:
    """A random id in OpenAI's ``call_...`` style for a call the provider sent with an empty id, unique
    enough to pair the call with its result in the next request."""
    return "call_" + os.urandom(12).hex()


def tool_input(arguments: Any) -> str:
    """The arguments as a JSON string. Empty arguments become ``"{}"``: models send ``""`` for tools
    without parameters, and the tool loop must call those with an empty object rather than fail to
    parse the input."""
    if isinstance(arguments, str):
        return arguments if arguments.strip() else "{}"
    if arguments is None:
        return "{}"
    return dumps_str(arguments)

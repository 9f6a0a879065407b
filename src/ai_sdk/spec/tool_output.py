"""What a tool's ``to_model_output`` returns, checked and made a :class:`ToolResultOutput`: written
once for the tool loop (a tool's run) and the UI layer (a stored chat's past tool outputs)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._json import to_json_value
from .language_model import ToolResultOutput

__all__ = ["model_output_of"]

_MODEL_OUTPUT_TYPES = ("text", "json", "error-text", "error-json", "content")


def model_output_of(value: Any) -> ToolResultOutput:
    """What ``to_model_output`` returned, as a :class:`ToolResultOutput`: one, or its dict form
    ``{"type": "text" | "json" | "error-text" | "error-json" | "content", "value": ...}``."""
    kind: Any
    if isinstance(value, ToolResultOutput):
        kind, content = value.type, value.value
    elif isinstance(value, Mapping):
        kind, content = value.get("type"), value.get("value")
    else:
        raise TypeError(
            "to_model_output must return a ToolResultOutput or a dict {'type': 'text'|'json'|'content'|..., "
            f"'value': ...}}, got {type(value).__name__}"
        )
    if kind not in _MODEL_OUTPUT_TYPES:
        raise TypeError(f"to_model_output returned output type {kind!r}; use one of {', '.join(_MODEL_OUTPUT_TYPES)}")
    if kind in ("text", "error-text") and not isinstance(content, str):
        raise TypeError(f"to_model_output returned a {kind!r} output whose value is not a string: {content!r}")
    if kind == "content" and not (
        isinstance(content, list) and all(isinstance(item, Mapping) and "type" in item for item in content)
    ):
        raise TypeError(
            "a 'content' output's value is a list of {'type': 'text', 'text': ...} / "
            f"{{'type': 'media', 'data': base64, 'mediaType': ...}} items, got {content!r}"
        )
    return value if isinstance(value, ToolResultOutput) else ToolResultOutput(kind, to_json_value(content))

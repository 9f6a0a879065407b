"""``repair_tool_call``: a second chance for a tool call the model got wrong.

When a call names no known tool or its input is not JSON or fails the schema, and the call gave
``repair_tool_call``, the function is called with ``tool_call`` (the model's call: ``tool_name``,
``input`` as the JSON text it sent), ``tools`` (by name), ``error`` (a
:class:`~ai_sdk.errors.NoSuchToolError` or :class:`~ai_sdk.errors.InvalidToolInputError`), ``messages``
(the step's prompt) and ``system``; it takes any subset of these keywords. It returns a repaired call
(a :class:`~ai_sdk.spec.ModelToolCall`, or a dict with ``tool_name`` and ``input``) or ``None`` to keep
the failure. A repaired call is parsed again; if the repair raises, the call fails with a
:class:`~ai_sdk.errors.ToolCallRepairError` (the model sees it as the call's tool error). Never
consulted under ``tool_choice="none"``, since such calls are not executed anyway.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..spec._json import dumps_str
from ..spec.errors import InvalidArgumentError, InvalidToolInputError, NoSuchToolError
from ..spec.language_model import ModelToolCall
from .types import ToolCall

__all__ = ["is_repairable", "model_call_of", "repaired_call"]


def is_repairable(call: object) -> bool:
    """Whether a parsed call failed in a way ``repair_tool_call`` may fix."""
    return type(call) is ToolCall and call.invalid and isinstance(call.error, NoSuchToolError | InvalidToolInputError)


def model_call_of(call: ToolCall) -> ModelToolCall:
    """The call as the model sent it (input as JSON text), for the repair function."""
    raw = call.input if isinstance(call.input, str) else dumps_str(call.input)
    return ModelToolCall(call.tool_call_id, call.tool_name, raw, call.provider_metadata)


def repaired_call(value: object, original: ToolCall) -> ModelToolCall:
    """What the repair function returned, as a model tool call (its id defaults to the original's)."""
    if isinstance(value, ModelToolCall):
        return value
    if isinstance(value, Mapping):
        name = value.get("tool_name", value.get("toolName"))
        tool_input: Any = value.get("input", "{}")
        call_id = value.get("tool_call_id", value.get("toolCallId", original.tool_call_id))
        if isinstance(name, str) and isinstance(call_id, str):
            raw = tool_input if isinstance(tool_input, str) else dumps_str(tool_input)
            return ModelToolCall(call_id, name, raw, original.provider_metadata)
    raise InvalidArgumentError(
        "repair_tool_call must return None, a ModelToolCall, or a dict {'tool_name': ..., 'input': ...}; "
        f"got {value!r}",
        argument="repair_tool_call",
    )

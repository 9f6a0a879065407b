"""Per-step control: ``prepare_step`` and ``active_tools``.

``prepare_step(step_number=, steps=, model=, messages=, context=)`` runs before every model call (it
takes any subset of those keywords) and returns ``None`` (no change) or a dict of overrides for that
step only: ``model``, ``tool_choice``, ``active_tools``, ``system``, ``messages``, ``provider_options``
and ``context`` (which later steps and tools then see). ``messages`` are the conversation without the
system prompt; ``system`` replaces the system prompt. ``active_tools`` (also a call setting) limits the
tools the model is offered, and may call, to those names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

from ..spec.errors import InvalidArgumentError
from ..spec.language_model import LanguageModel, Message, SystemMessage
from .call_settings import check_arguments, validate_language_model, validate_provider_options
from .callbacks import check_active_tools
from .prompt import standardize_prompt
from .tool import PreparedTools, ToolChoiceInput, prepare_tools

__all__ = ["PrepareStepResult", "StepPlan", "plan_step", "restrict_tools", "split_system"]


class PrepareStepResult(TypedDict, total=False):
    """What ``prepare_step`` may return (every key optional; ``None`` changes nothing)."""

    model: LanguageModel
    tool_choice: ToolChoiceInput
    active_tools: Sequence[str]
    system: str
    messages: Sequence[Message | Mapping[str, Any]]
    provider_options: Mapping[str, Mapping[str, Any]]
    context: Any


_KEYS = frozenset(PrepareStepResult.__optional_keys__)


@dataclass(frozen=True, slots=True)
class StepPlan:
    """One step's model, tools, messages (system first) and model-call settings."""

    model: LanguageModel
    tools: PreparedTools
    messages: list[Message]
    settings: dict[str, Any]


def split_system(messages: Sequence[Message]) -> tuple[list[Message], list[Message]]:
    """The leading system messages and the rest."""
    index = 0
    while index < len(messages) and type(messages[index]) is SystemMessage:
        index += 1
    return list(messages[:index]), list(messages[index:])


def restrict_tools(
    tools: PreparedTools, active: frozenset[str] | None, choice: ToolChoiceInput | None
) -> PreparedTools:
    """``tools`` limited to ``active`` names, with ``choice`` (when given) as the tool choice."""
    if active is None and choice is None:
        return tools
    by_name = tools.tools if active is None else {name: t for name, t in tools.tools.items() if name in active}
    if choice is None:
        choice = tools.tool_choice
        if choice is not None and choice.type == "tool" and choice.tool_name not in by_name:
            raise InvalidArgumentError(
                f"tool_choice names tool {choice.tool_name!r}, which active_tools leaves out",
                argument="active_tools",
                value=sorted(by_name),
            )
    return prepare_tools(by_name, choice)


def plan_step(
    overrides: object,
    *,
    model: LanguageModel,
    tools: PreparedTools,
    settings: dict[str, Any],
    messages: list[Message],
    active_tools: frozenset[str] | None,
) -> tuple[StepPlan, dict[str, Any]]:
    """The plan of a step after ``prepare_step`` returned ``overrides``; also the overrides by name
    (for ``context``). Raises :class:`~ai_sdk.errors.InvalidArgumentError` for a bad override."""
    if overrides is None:
        return StepPlan(model, restrict_tools(tools, active_tools, None), messages, settings), {}
    if not isinstance(overrides, Mapping):
        raise InvalidArgumentError(
            f"prepare_step must return None or a dict of overrides such as {{'tool_choice': 'none'}}, "
            f"got {type(overrides).__name__}",
            argument="prepare_step",
        )

    check_arguments(overrides.keys(), _KEYS, "prepare_step's result")
    get = overrides.get
    if get("model") is not None:
        model = validate_language_model(overrides["model"])
    active = active_tools
    if get("active_tools") is not None:
        active = check_active_tools(overrides["active_tools"], list(tools.tools))
    step_tools = restrict_tools(tools, active, get("tool_choice"))
    system, rest = split_system(messages)
    if get("messages") is not None:  # as given, system messages too (after the step's system prompt)
        rest = standardize_prompt(messages=overrides["messages"])
    if get("system") is not None:
        system = standardize_prompt(system=overrides["system"], messages=[{"role": "user", "content": ""}])[:1]
    if get("provider_options") is not None:
        settings = {**settings, "provider_options": validate_provider_options(overrides["provider_options"])}
    return StepPlan(model, step_tools, [*system, *rest], settings), dict(overrides)

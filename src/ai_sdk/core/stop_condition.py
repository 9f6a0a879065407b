"""When a multi-step tool loop stops.

A stop condition is any callable that takes the steps so far and answers ``True`` to stop. The loop
checks them after every step whose tool calls all produced a result or an error (a step without tool
calls ends the loop anyway). The default, ``step_count_is(1)``, makes one model call and returns its
tool calls and results without feeding them back: a multi-step agent is opt-in.

A condition may be an ``async`` function (or return an awaitable) in the async API: the generation
asks its driver to await it. The blocking API rejects async conditions before any request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from ..spec.errors import InvalidArgumentError
from .types import StepResult

__all__ = ["StopCondition", "has_tool_call", "step_count_is", "to_stop_conditions"]

StopCondition: TypeAlias = Callable[[Sequence[StepResult]], "bool | Awaitable[bool]"]
"""Called with the steps so far; return ``True`` to stop the loop (async API: may be awaitable)."""


@dataclass(frozen=True, slots=True)
class _StepCountIs:
    count: int

    def __call__(self, steps: Sequence[StepResult]) -> bool:
        return len(steps) >= self.count


@dataclass(frozen=True, slots=True)
class _HasToolCall:
    tool_name: str

    def __call__(self, steps: Sequence[StepResult]) -> bool:
        return bool(steps) and any(call.tool_name == self.tool_name for call in steps[-1].tool_calls)


def step_count_is(count: int) -> StopCondition:
    """Stop once ``count`` steps (model calls) have run; ``step_count_is(5)`` allows up to four rounds
    of tool results fed back to the model."""
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise InvalidArgumentError(f"step_count_is needs an int >= 1, got {count!r}", argument="count", value=count)
    return _StepCountIs(count)


def has_tool_call(tool_name: str) -> StopCondition:
    """Stop after a step in which the model called ``tool_name`` (e.g. a ``final_answer`` tool)."""
    if not isinstance(tool_name, str) or not tool_name:
        raise InvalidArgumentError(
            f"has_tool_call needs a tool name, got {tool_name!r}", argument="tool_name", value=tool_name
        )
    return _HasToolCall(tool_name)


def to_stop_conditions(stop_when: StopCondition | Sequence[StopCondition] | None) -> tuple[StopCondition, ...]:
    """Normalise ``stop_when=`` (one condition, a list meaning "any of", or ``None`` for the default)."""
    if stop_when is None:
        return (_StepCountIs(1),)
    if callable(stop_when):
        return (stop_when,)
    if isinstance(stop_when, Sequence):
        conditions = tuple(stop_when)
        if not conditions:
            raise InvalidArgumentError(
                "an empty list of stop conditions would never stop the loop; pass e.g. step_count_is(5), or "
                "leave stop_when out for a single step",
                argument="stop_when",
                value=stop_when,
            )
        for condition in conditions:
            if not callable(condition):
                raise InvalidArgumentError(
                    f"every stop condition must be callable, got {condition!r}; "
                    "pass step_count_is(n), has_tool_call(name) or a function of the steps",
                    argument="stop_when",
                    value=stop_when,
                )
        return conditions
    raise InvalidArgumentError(
        f"expected a stop condition or a list of them, got {stop_when!r}; pass e.g. step_count_is(5)",
        argument="stop_when",
        value=stop_when,
    )

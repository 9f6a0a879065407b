"""Stop conditions of the multi-step loop."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk.core.stop_condition import has_tool_call, step_count_is, to_stop_conditions
from ai_sdk.core.types import ResponseData, StepResult, ToolCall
from ai_sdk.errors import InvalidArgumentError
from ai_sdk.spec import RequestInfo, Text, Usage


def step(*tool_names: str) -> StepResult:
    content: list[Any] = [Text("x"), *(ToolCall(f"id-{name}", name, {}) for name in tool_names)]
    return StepResult(
        content=content,
        finish_reason="tool-calls" if tool_names else "stop",
        raw_finish_reason=None,
        usage=Usage(),
        warnings=[],
        request=RequestInfo(),
        response=ResponseData(),
    )


def test_step_count_is() -> None:
    condition = step_count_is(2)
    assert not condition([])
    assert not condition([step()])
    assert condition([step(), step()])
    assert condition([step(), step(), step()])


def test_has_tool_call_looks_at_the_last_step() -> None:
    condition = has_tool_call("final")
    assert not condition([])
    assert not condition([step("search")])
    assert condition([step("search"), step("search", "final")])
    assert not condition([step("final"), step("search")])


@pytest.mark.parametrize("count", [0, -1, 1.5, True, "3"])
def test_step_count_is_rejects_bad_counts(count: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="int >= 1"):
        step_count_is(count)


@pytest.mark.parametrize("name", ["", None, 3])
def test_has_tool_call_rejects_bad_names(name: Any) -> None:
    with pytest.raises(InvalidArgumentError):
        has_tool_call(name)


def test_to_stop_conditions() -> None:
    (default,) = to_stop_conditions(None)
    assert default([step()])
    assert not default([])

    def custom(steps: Any) -> bool:
        return False

    assert to_stop_conditions(custom) == (custom,)
    both = to_stop_conditions([custom, step_count_is(3)])
    assert len(both) == 2
    with pytest.raises(InvalidArgumentError, match="never stop"):
        to_stop_conditions([])
    with pytest.raises(InvalidArgumentError, match="stop_when"):
        to_stop_conditions(5)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="callable"):
        to_stop_conditions([custom, "x"])  # type: ignore[list-item]


def test_conditions_have_readable_reprs() -> None:
    assert "2" in repr(step_count_is(2))
    assert "final" in repr(has_tool_call("final"))

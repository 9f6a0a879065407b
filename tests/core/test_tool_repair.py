"""repair_tool_call through all four drivers: broken JSON and unknown tool names repaired and
executed, None keeps the failure, a raising repair is a ToolCallRepairError the model sees, and no
repair under tool_choice="none"."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from ai_sdk import errors
from ai_sdk.core.stop_condition import step_count_is
from ai_sdk.core.types import ToolCall
from ai_sdk.spec import ModelToolCall

from .agent_helpers import is_async, is_stream, run, scripted, variant
from .generation_helpers import text_result, tool_calls_result, weather

__all__ = ["variant"]


def broken_then_answer(name: str = "weather", arguments: str = '{"city": "Oslo"') -> Any:
    return scripted(tool_calls_result(("c1", name, arguments)), text_result("Sunny."))


def make_repair(variant: str, log: list[Any], fixed: Any) -> Any:
    def repair(tool_call: ModelToolCall, tools: dict[str, Any], error: Exception, messages: list[Any]) -> Any:
        log.append((tool_call, sorted(tools), type(error).__name__, len(messages)))
        return fixed

    async def repair_async(**arguments: Any) -> Any:
        await asyncio.sleep(0)
        return repair(**{k: arguments[k] for k in ("tool_call", "tools", "error", "messages")})

    return repair_async if is_async(variant) else repair


async def test_broken_json_is_repaired_and_executed(variant: str) -> None:
    log: list[Any] = []
    fixed = ModelToolCall("c1", "weather", '{"city": "Oslo"}')
    result, parts = await run(
        variant,
        model=broken_then_answer(),
        prompt="Weather?",
        tools=[weather],
        stop_when=step_count_is(3),
        repair_tool_call=make_repair(variant, log, fixed),
    )
    assert log == [(ModelToolCall("c1", "weather", '{"city": "Oslo"'), ["weather"], "InvalidToolInputError", 1)]
    first = result.steps[0]
    assert first.tool_calls == [ToolCall("c1", "weather", {"city": "Oslo"})]
    assert first.tool_results[0].output == {"city": "Oslo", "sky": "sunny"}
    assert result.text == "Sunny."
    if is_stream(variant):  # only the repaired call is shown
        assert [part for part in parts if isinstance(part, ToolCall)] == [ToolCall("c1", "weather", {"city": "Oslo"})]


async def test_an_unknown_tool_name_is_repaired_from_a_dict(variant: str) -> None:
    log: list[Any] = []
    result, _ = await run(
        variant,
        model=broken_then_answer("get_weather", '{"city": "Rome"}'),
        prompt="Weather?",
        tools=[weather],
        stop_when=step_count_is(3),
        repair_tool_call=make_repair(variant, log, {"tool_name": "weather", "input": {"city": "Rome"}}),
    )
    assert log[0][2] == "NoSuchToolError"
    assert result.steps[0].tool_results[0].output == {"city": "Rome", "sky": "sunny"}


async def test_none_keeps_the_failure(variant: str) -> None:
    result, parts = await run(
        variant,
        model=broken_then_answer(),
        prompt="Weather?",
        tools=[weather],
        stop_when=step_count_is(3),
        repair_tool_call=make_repair(variant, [], None),
    )
    [error] = result.steps[0].tool_errors
    assert isinstance(error.error, errors.InvalidToolInputError)
    if is_stream(variant):
        assert [part.invalid for part in parts if isinstance(part, ToolCall)] == [True]


async def test_a_raising_repair_is_a_tool_call_repair_error(variant: str) -> None:
    def repair(**_: Any) -> Any:
        raise RuntimeError("repair model down")

    result, _ = await run(
        variant,
        model=broken_then_answer(),
        prompt="Weather?",
        tools=[weather],
        stop_when=step_count_is(3),
        repair_tool_call=repair,
    )
    [error] = result.steps[0].tool_errors
    assert isinstance(error.error, errors.ToolCallRepairError)
    assert isinstance(error.error.original_error, errors.InvalidToolInputError)
    assert "repair model down" in str(error.error)
    assert result.text == "Sunny."  # the model saw the error and answered


async def test_a_repair_returning_garbage_is_a_repair_error(variant: str) -> None:
    result, _ = await run(
        variant,
        model=broken_then_answer(),
        prompt="Weather?",
        tools=[weather],
        stop_when=step_count_is(3),
        repair_tool_call=lambda **_: 42,
    )
    [error] = result.steps[0].tool_errors
    assert isinstance(error.error, errors.ToolCallRepairError)
    assert "must return None, a ModelToolCall, or a dict" in str(error.error)


async def test_no_repair_under_tool_choice_none(variant: str) -> None:
    log: list[Any] = []
    await run(
        variant,
        model=broken_then_answer(),
        prompt="Weather?",
        tools=[weather],
        tool_choice="none",
        repair_tool_call=make_repair(variant, log, None),
    )
    assert log == []


@pytest.mark.parametrize("arguments", ['{"city": "Oslo"}', '{"city": 3'])
def test_valid_calls_never_reach_the_repair(arguments: str) -> None:
    from ai_sdk.sync import generate_text

    log: list[Any] = []
    generate_text(
        model=broken_then_answer(arguments=arguments),
        prompt="Weather?",
        tools=[weather],
        repair_tool_call=lambda tool_call, **_: log.append(tool_call),
    )
    assert len(log) == (0 if arguments.endswith("}") else 1)

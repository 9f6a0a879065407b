"""parse_tool_call, execute_tool_sync / execute_tool_async and tool_result_part."""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import threading
import warnings
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, field_validator

from ai_sdk.core.tool import Tool, ToolCallOptions, tool
from ai_sdk.core.tool_execution import (
    execute_tool_async,
    execute_tool_sync,
    parse_tool_call,
    tool_result_part,
)
from ai_sdk.core.types import ToolCall, ToolError, ToolResult
from ai_sdk.errors import (
    InvalidToolInputError,
    JSONParseError,
    NoSuchToolError,
    ToolExecutionError,
    TypeValidationError,
)
from ai_sdk.spec import Message, ModelToolCall, ToolResultOutput, ToolResultPart, UserMessage
from ai_sdk.spec._json import to_json_value


class City(BaseModel):
    name: str
    days: int = 1

    @field_validator("name")
    @classmethod
    def no_lookup_errors(cls, value: str) -> str:
        if value == "boom":
            raise KeyError("validator bug")  # not a ValueError: pydantic lets it escape
        return value


received: list[Any] = []


def forecast(city: City) -> dict[str, Any]:
    received.append(city)
    return {"city": city.name, "days": city.days}


@tool
def add(a: int, b: int) -> int:
    """Add."""
    return a + b


@tool
async def slow_add(a: int, b: int) -> int:
    """Add, later."""
    await asyncio.sleep(0)
    return a + b


@tool
def explode(reason: str) -> None:
    """Always fails."""
    raise RuntimeError(reason)


@tool
def now() -> str:
    """No parameters."""
    return "noon"


@tool
def whoami(options: ToolCallOptions) -> dict[str, Any]:
    """Reports its call context."""
    return {"id": options.tool_call_id, "messages": len(options.messages)}


TOOLS: dict[str, Tool[Any, Any]] = {
    "forecast": tool(description="Forecast", input_schema=City, execute=forecast),
    "add": add,
    "slow_add": slow_add,
    "explode": explode,
    "now": now,
    "whoami": whoami,
    "client_side": tool(input_schema={"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]}),
    "with_options": tool(input_schema={"type": "object"}, execute=lambda value, options: [value, options.tool_call_id]),
}
MESSAGES: list[Message] = [UserMessage("hi")]


def call(name: str, arguments: str, call_id: str = "call-1") -> ToolCall:
    return parse_tool_call(ModelToolCall(call_id, name, arguments), TOOLS)


Execute = Callable[[ToolCall], Awaitable[ToolResult | ToolError | None]]


@pytest.fixture(params=["sync", "async"])
def execute(request: pytest.FixtureRequest) -> Execute:
    async def run(tool_call: ToolCall, tools: Mapping[str, Tool[Any, Any]] = TOOLS) -> Any:
        if request.param == "sync":
            return execute_tool_sync(tool_call, tools, messages=MESSAGES)
        return await execute_tool_async(tool_call, tools, messages=MESSAGES)

    return run


# --------------------------------------------------------------------------------------------- parsing


def test_valid_call_keeps_the_json_input() -> None:
    parsed = parse_tool_call(ModelToolCall("c", "add", '{"a": 1, "b": 2}', {"p": {"k": 1}}), TOOLS)
    assert parsed == ToolCall("c", "add", {"a": 1, "b": 2}, provider_metadata={"p": {"k": 1}})


@pytest.mark.parametrize("arguments", ["", "   ", "\n"])
def test_empty_arguments_mean_an_empty_object(arguments: str) -> None:
    assert call("now", arguments) == ToolCall("call-1", "now", {})


def test_empty_arguments_for_a_tool_with_required_parameters_is_invalid() -> None:
    parsed = call("add", "")
    assert parsed.invalid
    assert isinstance(parsed.error, InvalidToolInputError)
    assert "a: Field required; b: Field required" in parsed.error.message


def test_unknown_tool() -> None:
    parsed = call("delete_everything", '{"really": true}')
    assert parsed.invalid
    assert parsed.input == {"really": True}
    assert isinstance(parsed.error, NoSuchToolError)
    assert parsed.error.tool_name == "delete_everything"
    assert parsed.error.available_tools == list(TOOLS)
    assert "Available tools: forecast, add" in parsed.error.message
    assert call("nope", "{not json").input == "{not json"


def test_bad_json() -> None:
    parsed = call("add", '{"a": 1,')
    assert parsed.invalid
    assert parsed.input == '{"a": 1,'
    assert isinstance(parsed.error, InvalidToolInputError)
    assert parsed.error.tool_input == '{"a": 1,'
    assert isinstance(parsed.error.cause, JSONParseError)


def test_schema_failure_from_pydantic() -> None:
    parsed = call("forecast", '{"name": "Oslo", "days": "many"}')
    assert parsed.invalid
    assert parsed.input == {"name": "Oslo", "days": "many"}
    assert isinstance(parsed.error, InvalidToolInputError)
    assert isinstance(parsed.error.cause, TypeValidationError)
    assert "days: Input should be a valid integer" in parsed.error.message


def test_schema_failure_from_a_json_schema_dict() -> None:
    parsed = call("client_side", '{"q": 3}')
    assert parsed.invalid
    assert isinstance(parsed.error, InvalidToolInputError)
    assert "q" in parsed.error.message


def test_validator_raising_an_unexpected_exception_is_an_invalid_call() -> None:
    parsed = call("forecast", '{"name": "boom"}')
    assert parsed.invalid
    assert isinstance(parsed.error, InvalidToolInputError)
    assert "validator bug" in parsed.error.message


@given(arguments=st.text(max_size=40))
def test_parsing_never_raises(arguments: str) -> None:
    parsed = call("add", arguments)
    assert parsed.invalid == (parsed.error is not None)


# ------------------------------------------------------------------------------------------- executing


async def test_execute_receives_the_validated_model(execute: Execute) -> None:
    received.clear()
    outcome = await execute(call("forecast", '{"name": "Oslo"}'))
    assert outcome == ToolResult("call-1", "forecast", {"name": "Oslo"}, {"city": "Oslo", "days": 1})
    assert received == [City(name="Oslo", days=1)]


async def test_decorated_function_receives_keyword_arguments(execute: Execute) -> None:
    assert await execute(call("add", '{"a": 2, "b": "3"}')) == ToolResult("call-1", "add", {"a": 2, "b": "3"}, 5)


async def test_call_options_are_passed_when_asked_for(execute: Execute) -> None:
    outcome = await execute(call("whoami", "{}", call_id="c-9"))
    assert isinstance(outcome, ToolResult)
    assert outcome.output == {"id": "c-9", "messages": 1}
    second = await execute(call("with_options", '{"x": 1}', call_id="c-7"))
    assert isinstance(second, ToolResult)
    assert second.output == [{"x": 1}, "c-7"]


async def test_invalid_calls_become_tool_errors(execute: Execute) -> None:
    parsed = call("add", "{oops")
    outcome = await execute(parsed)
    assert outcome == ToolError("call-1", "add", "{oops", parsed.error)  # type: ignore[arg-type]


async def test_unknown_tool_becomes_a_tool_error(execute: Execute) -> None:
    outcome = await execute(call("nope", "{}"))
    assert isinstance(outcome, ToolError)
    assert isinstance(outcome.error, NoSuchToolError)


async def test_tool_missing_from_the_set_at_execution(execute: Execute) -> None:
    outcome = await execute(call("add", '{"a": 1, "b": 1}'), {})  # type: ignore[call-arg]
    assert isinstance(outcome, ToolError)
    assert isinstance(outcome.error, NoSuchToolError)


async def test_tool_without_execute_gives_none(execute: Execute) -> None:
    assert await execute(call("client_side", '{"q": "x"}')) is None


async def test_raising_tool_becomes_a_tool_execution_error(execute: Execute) -> None:
    outcome = await execute(call("explode", '{"reason": "disk full"}'))
    assert isinstance(outcome, ToolError)
    assert outcome.input == {"reason": "disk full"}
    error = outcome.error
    assert isinstance(error, ToolExecutionError)
    assert (error.tool_name, error.tool_call_id, error.tool_input) == ("explode", "call-1", {"reason": "disk full"})
    assert isinstance(error.cause, RuntimeError)
    assert error.message == "Error executing tool explode: disk full"


def test_keyboard_interrupt_propagates() -> None:
    @tool
    def interrupted() -> None:
        """Ctrl-C."""
        raise KeyboardInterrupt

    parsed = parse_tool_call(ModelToolCall("c", "interrupted", "{}"), {"interrupted": interrupted})
    with pytest.raises(KeyboardInterrupt):
        execute_tool_sync(parsed, {"interrupted": interrupted}, messages=[])


async def test_cancellation_propagates() -> None:
    started = asyncio.Event()

    @tool
    async def hang() -> None:
        """Never returns."""
        started.set()
        await asyncio.Event().wait()

    tools = {"hang": hang}
    task = asyncio.create_task(
        execute_tool_async(parse_tool_call(ModelToolCall("c", "hang", ""), tools), tools, messages=[])
    )
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_async_tool_is_awaited_on_the_loop() -> None:
    outcome = await execute_tool_async(call("slow_add", '{"a": 1, "b": 2}'), TOOLS, messages=[])
    assert outcome == ToolResult("call-1", "slow_add", {"a": 1, "b": 2}, 3)


async def test_sync_tool_runs_in_a_worker_thread_in_the_async_api() -> None:
    threads: list[int] = []

    @tool
    def where() -> None:
        """Records its thread."""
        threads.append(threading.get_ident())

    tools = {"where": where}
    await execute_tool_async(parse_tool_call(ModelToolCall("c", "where", ""), tools), tools, messages=[])
    assert threads
    assert threads[0] != threading.get_ident()


async def test_sync_function_returning_an_awaitable_is_awaited_in_the_async_api() -> None:
    async def later(value: dict[str, Any]) -> str:
        return "done"

    tools = {"t": tool(input_schema={"type": "object"}, execute=lambda value: later(value))}
    outcome = await execute_tool_async(parse_tool_call(ModelToolCall("c", "t", "{}"), tools), tools, messages=[])
    assert isinstance(outcome, ToolResult)
    assert outcome.output == "done"


def test_async_tool_in_the_blocking_api_explains_itself() -> None:
    outcome = execute_tool_sync(call("slow_add", '{"a": 1, "b": 2}'), TOOLS, messages=[])
    assert isinstance(outcome, ToolError)
    assert isinstance(outcome.error, ToolExecutionError)
    assert "use the async API" in outcome.error.message


def test_awaitable_returned_in_the_blocking_api_is_closed_without_warnings() -> None:
    async def later() -> str:
        return "never"

    tools = {"t": tool(input_schema={"type": "object"}, execute=lambda value: later())}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outcome = execute_tool_sync(parse_tool_call(ModelToolCall("c", "t", "{}"), tools), tools, messages=[])
        gc.collect()
    assert isinstance(outcome, ToolError)
    assert "use the async API" in outcome.error.message  # type: ignore[attr-defined]
    assert not [w for w in caught if "never awaited" in str(w.message)]


# ------------------------------------------------------------------------------------------ result parts


@dataclasses.dataclass
class Report:
    when: date
    tags: tuple[str, ...]


class Summary(BaseModel):
    total: int
    items: Sequence[str]


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("sunny", ToolResultOutput("text", "sunny")),
        ("", ToolResultOutput("text", "")),
        ({"t": 20}, ToolResultOutput("json", {"t": 20})),
        (5, ToolResultOutput("json", 5)),
        (None, ToolResultOutput("json", None)),
        ([1, "a"], ToolResultOutput("json", [1, "a"])),
        (Summary(total=2, items=("a", "b")), ToolResultOutput("json", {"total": 2, "items": ["a", "b"]})),
        (Report(date(2025, 1, 2), ("x",)), ToolResultOutput("json", {"when": "2025-01-02", "tags": ["x"]})),
        ({"nested": [Summary(total=1, items=[])]}, ToolResultOutput("json", {"nested": [{"total": 1, "items": []}]})),
    ],
)
def test_tool_result_parts(output: Any, expected: ToolResultOutput) -> None:
    part = tool_result_part(ToolResult("c", "t", {}, output))
    assert part == ToolResultPart("c", "t", expected)


def test_tool_error_parts_carry_the_message() -> None:
    error = ToolExecutionError(tool_name="t", tool_call_id="c", tool_input={}, cause=ValueError("bad city"))
    part = tool_result_part(ToolError("c", "t", {}, error))
    assert part == ToolResultPart("c", "t", ToolResultOutput("error-text", "Error executing tool t: bad city"))
    plain = tool_result_part(ToolError("c", "t", {}, ValueError("plain")))
    assert plain.output == ToolResultOutput("error-text", "plain")


def test_plain_json_is_not_copied() -> None:
    value = {"a": [1, 2.5, True, None, "x"]}
    assert to_json_value(value) is value


def test_unknown_objects_fall_back_to_str() -> None:
    class Opaque:
        def __str__(self) -> str:
            return "opaque!"

    assert to_json_value({"o": Opaque()}) == {"o": "opaque!"}


async def test_an_unknown_setting_is_a_type_error_naming_the_closest() -> None:
    parsed = call("add", '{"a": 1, "b": 2}')
    with pytest.raises(TypeError, match=r"execute_tool_sync\(\) got an unexpected keyword argument 'contxt'.*context"):
        execute_tool_sync(parsed, TOOLS, messages=MESSAGES, contxt=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"execute_tool_async\(\) got an unexpected keyword argument 'contxt'"):
        await execute_tool_async(parsed, TOOLS, messages=MESSAGES, contxt=1)  # type: ignore[call-arg]

"""The tool loop, exact as the reference's: every case runs sync and async, generated and streamed,
over the same scripted model answers (each answer is given as a GenerateResult and, for streaming,
turned into the equivalent stream parts)."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from ai_sdk import errors
from ai_sdk.core.generate_text import generate_text, generate_text_sync
from ai_sdk.core.output import Output
from ai_sdk.core.stop_condition import StopCondition, step_count_is
from ai_sdk.core.stream_text import stream_text, stream_text_sync
from ai_sdk.core.tool import ToolCallOptions, tool
from ai_sdk.core.types import ToolCall, ToolError, ToolResult
from ai_sdk.spec import (
    AssistantMessage,
    FinishReason,
    GenerateResult,
    ModelToolCall,
    StreamPart,
    StreamStart,
    SystemMessage,
    Text,
    ToolCallPart,
    ToolMessage,
    UserMessage,
)
from ai_sdk.testing import MockLanguageModel

from .generation_helpers import finish, text_parts, text_result, tool_call_parts, tool_calls_result, usage, weather


@pytest.fixture(params=["generate", "stream"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def as_stream(result: GenerateResult) -> list[StreamPart]:
    parts: list[StreamPart] = [StreamStart()]
    for index, item in enumerate(result.content):
        if isinstance(item, Text):
            parts += text_parts(f"t{index}", item.text)
        elif isinstance(item, ModelToolCall):
            parts += tool_call_parts(item.tool_call_id, item.tool_name, item.input)
    reason = result.finish_reason
    return [*parts, finish(reason.unified, result.usage)]


def scripted(*answers: GenerateResult) -> MockLanguageModel:
    return MockLanguageModel(do_generate=list(answers), do_stream=[as_stream(answer) for answer in answers])


FINAL_VALUES = ("steps", "text", "tool_calls", "tool_results", "tool_errors", "finish_reason")


class Run:
    """What a generation gave: its final values (read through the public API of each result) and,
    when streamed, every full_stream part."""

    def __init__(self, values: dict[str, Any], parts: list[Any] | None) -> None:
        self.result = SimpleNamespace(**values)
        self.parts = parts


async def run(mode: str, kind: str, **kwargs: Any) -> Run:
    if kind == "generate":
        result = generate_text_sync(**kwargs) if mode == "sync" else await generate_text(**kwargs)
        return Run({name: getattr(result, name) for name in FINAL_VALUES}, None)
    if mode == "sync":
        streamed = stream_text_sync(**kwargs)
        parts = list(streamed.full_stream)
        return Run({name: getattr(streamed, name) for name in FINAL_VALUES}, parts)
    async_streamed = stream_text(**kwargs)
    parts = [part async for part in async_streamed.full_stream]
    return Run({name: await getattr(async_streamed, name) for name in FINAL_VALUES}, parts)


async def output_of(mode: str, kind: str, **kwargs: Any) -> Any:
    if kind == "generate":
        return (generate_text_sync(**kwargs) if mode == "sync" else await generate_text(**kwargs)).output
    if mode == "sync":
        return stream_text_sync(**kwargs).output
    return await stream_text(**kwargs).output


def answer(kind_: str, *calls: tuple[str, str, str], text: str = "") -> GenerateResult:
    content: list[Any] = [Text(text)] if text else []
    content += [ModelToolCall(call_id, name, arguments) for call_id, name, arguments in calls]
    return GenerateResult(content=content, finish_reason=FinishReason(kind_, kind_), usage=usage(1, 1))


def counting_tool() -> tuple[Any, list[str]]:
    ran: list[str] = []

    @tool
    def lookup(city: str) -> str:
        """Look a city up."""
        ran.append(city)
        return f"{city}: ok"

    return lookup, ran


# ------------------------------------------------------------------------------------------ tool_choice


async def test_tool_choice_none_never_executes_a_returned_call(mode: str, kind: str) -> None:
    lookup, ran = counting_tool()
    model = scripted(tool_calls_result(("c1", "lookup", '{"city": "Rome"}')), text_result("done"))
    outcome = await run(
        mode, kind, model=model, prompt="Go", tools=[lookup], tool_choice="none", stop_when=step_count_is(3)
    )
    assert ran == []
    assert len(model.calls) == 1
    assert outcome.result.tool_calls == [ToolCall("c1", "lookup", {"city": "Rome"})]
    assert outcome.result.tool_results == []
    assert outcome.result.tool_errors == []


@pytest.mark.parametrize(
    ("choice", "answered"),
    [
        ("required", text_result("I will not call anything.")),
        ({"type": "tool", "tool_name": "lookup"}, tool_calls_result(("c1", "weather", '{"city": "Rome"}'))),
    ],
)
async def test_an_answer_ignoring_a_forced_tool_choice_raises(
    mode: str, kind: str, choice: Any, answered: GenerateResult
) -> None:
    lookup, ran = counting_tool()
    model = scripted(answered)
    with pytest.raises(errors.ToolChoiceViolationError) as caught:
        await run(mode, kind, model=model, prompt="Go", tools=[lookup, weather], tool_choice=choice)
    error = caught.value
    assert error.tool_choice.type == ("required" if choice == "required" else "tool")
    assert error.finish_reason == answered.finish_reason.unified
    expected = [ToolCall("c1", "weather", {"city": "Rome"})] if answered.content[0].type == "tool-call" else []
    assert [part for part in error.content if type(part) is ToolCall] == expected
    assert [part.text for part in error.content if type(part) is Text] == [
        part.text for part in answered.content if type(part) is Text
    ]
    assert "tool_choice" in str(error)
    assert ran == []


# ------------------------------------------------------------------------------- incomplete answers


@pytest.mark.parametrize("reason", ["length", "content-filter", "other"])
async def test_tools_are_not_executed_after_an_incomplete_answer(mode: str, kind: str, reason: str) -> None:
    lookup, ran = counting_tool()
    model = scripted(answer(reason, ("c1", "lookup", '{"city": "Rome"}')), text_result("done"))
    outcome = await run(mode, kind, model=model, prompt="Go", tools=[lookup], stop_when=step_count_is(3))
    assert ran == []
    assert len(model.calls) == 1
    assert outcome.result.finish_reason == reason
    assert outcome.result.tool_results == []


# ---------------------------------------------------------------------------------- stop conditions


async def test_an_async_stop_condition_is_awaited(kind: str) -> None:
    seen: list[int] = []

    async def after_first(steps: Any) -> bool:
        seen.append(len(steps))
        return True

    model = scripted(tool_calls_result(("c1", "weather", '{"city": "Rome"}')), text_result("done"))
    outcome = await run("async", kind, model=model, prompt="Go", tools=[weather], stop_when=[after_first])
    assert seen == [1]
    assert len(outcome.result.steps) == 1
    assert len(model.calls) == 1


async def test_an_async_stop_condition_in_the_blocking_api_fails_before_any_request(kind: str) -> None:
    async def never(steps: Any) -> bool:
        return False

    model = scripted(text_result("done"))
    with pytest.raises(errors.InvalidArgumentError, match="cannot await the async stop condition"):
        await run("sync", kind, model=model, prompt="Go", stop_when=never)
    assert model.calls == []


async def test_a_stop_condition_returning_an_awaitable_in_the_blocking_api_fails_clearly(kind: str) -> None:
    async def check() -> bool:
        return True

    sneaky: StopCondition = lambda steps: check()  # noqa: E731  (a plain function returning a coroutine)
    model = scripted(tool_calls_result(("c1", "weather", '{"city": "Rome"}')), text_result("done"))
    with pytest.raises(errors.InvalidArgumentError, match="returned an awaitable"):
        await run("sync", kind, model=model, prompt="Go", tools=[weather], stop_when=sneaky)


async def test_an_empty_stop_when_is_rejected(mode: str, kind: str) -> None:
    model = scripted(text_result("done"))
    with pytest.raises(errors.InvalidArgumentError, match="never stop"):
        await run(mode, kind, model=model, prompt="Go", stop_when=[])
    assert model.calls == []


# ----------------------------------------------------------------------------- preliminary results


@tool
def progress(city: str) -> Iterator[dict[str, Any]]:
    """Report progress, then the result."""
    yield {"status": "loading", "city": city}
    yield {"status": "done", "city": city, "temperature": 21}


@tool
async def progress_async(city: str) -> AsyncIterator[dict[str, Any]]:
    """The async twin of progress."""
    yield {"status": "loading", "city": city}
    yield {"status": "done", "city": city, "temperature": 21}


@pytest.mark.parametrize(
    ("mode", "generator"),
    [("sync", progress), ("async", progress), ("async", progress_async)],
    ids=["sync-generator", "async-generator", "async-async generator"],
)
async def test_a_generator_tool_yields_preliminary_results(mode: str, kind: str, generator: Any) -> None:
    name = generator.name
    model = scripted(tool_calls_result(("c1", name, '{"city": "Rome"}')), text_result("21 degrees"))
    outcome = await run(mode, kind, model=model, prompt="Go", tools=[generator], stop_when=step_count_is(2))
    final = {"status": "done", "city": "Rome", "temperature": 21}
    assert outcome.result.steps[0].tool_results == [ToolResult("c1", name, {"city": "Rome"}, final)]
    assert outcome.result.text == "21 degrees"
    tool_message = model.calls[1].prompt[-1]
    assert isinstance(tool_message, ToolMessage)
    assert tool_message.content[0].output.value == final
    if outcome.parts is not None:
        results = [part for part in outcome.parts if type(part) is ToolResult]
        assert [(part.preliminary, part.output["status"]) for part in results] == [
            (True, "loading"),
            (True, "done"),
            (False, "done"),
        ]


async def test_a_streamed_async_generator_tool_shows_its_progress_while_it_runs() -> None:
    # The tool goes on only once the reader has seen its first value: a stream that showed preliminary
    # results only after the tool ended would never get there (the timeout is a fail-safe, not a measure).
    seen = asyncio.Event()

    @tool
    async def waits_for_reader(city: str) -> AsyncIterator[str]:
        """Report progress, then wait until somebody saw it."""
        yield "loading"
        await seen.wait()
        yield "done"

    model = scripted(tool_calls_result(("c1", "waits_for_reader", '{"city": "Rome"}')), text_result("ok"))
    streamed = stream_text(model=model, prompt="Go", tools=[waits_for_reader], stop_when=step_count_is(2))
    shown: list[tuple[bool, str]] = []
    async with asyncio.timeout(10):
        async for part in streamed.full_stream:
            if type(part) is ToolResult:
                shown.append((part.preliminary, part.output))
                seen.set()
    assert shown == [(True, "loading"), (True, "done"), (False, "done")]
    assert await streamed.text == "ok"


async def test_a_streamed_plain_generator_tool_shows_its_progress_while_it_runs() -> None:
    # A plain generator runs in a worker thread; its values are shown as it yields them too. It goes on
    # once the reader has seen its first value (the wait's timeout is a fail-safe that fails the test).
    seen = threading.Event()

    @tool
    def waits_in_a_thread(city: str) -> Iterator[str]:
        """Report progress, then wait until somebody saw it."""
        yield "loading"
        yield "done" if seen.wait(10) else "nobody saw the progress"

    model = scripted(tool_calls_result(("c1", "waits_in_a_thread", '{"city": "Rome"}')), text_result("ok"))
    streamed = stream_text(model=model, prompt="Go", tools=[waits_in_a_thread], stop_when=step_count_is(2))
    shown: list[tuple[bool, str]] = []
    async for part in streamed.full_stream:
        if type(part) is ToolResult:
            shown.append((part.preliminary, part.output))
            seen.set()
    assert shown == [(True, "loading"), (True, "done"), (False, "done")]


async def test_a_blocking_call_with_an_async_tool_fails_before_any_request(kind: str) -> None:
    model = scripted(text_result("done"))
    with pytest.raises(errors.InvalidArgumentError, match="tool 'progress_async'"):
        await run("sync", kind, model=model, prompt="Go", tools=[progress_async])
    assert model.calls == []


# ------------------------------------------------------------------------------------ tool input


@pytest.mark.parametrize("arguments", ['"just a string"', "[1, 2]", "not json at all"])
async def test_invalid_tool_input_goes_back_as_an_empty_object(mode: str, kind: str, arguments: str) -> None:
    model = scripted(tool_calls_result(("c1", "weather", arguments)), text_result("sorry"))
    outcome = await run(mode, kind, model=model, prompt="Go", tools=[weather], stop_when=step_count_is(2))
    assert isinstance(outcome.result.steps[0].tool_errors[0], ToolError)
    assistant, tool_message = model.calls[1].prompt[-2:]
    assert isinstance(assistant, AssistantMessage)
    assert assistant.content == [ToolCallPart("c1", "weather", {})]
    assert isinstance(tool_message, ToolMessage)
    assert tool_message.content[0].output.type == "error-text"


async def test_tool_call_options_messages_exclude_the_system_prompt(mode: str, kind: str) -> None:
    seen: list[Any] = []

    @tool
    def remember(note: str, options: ToolCallOptions) -> str:
        """Remember a note."""
        seen.extend(options.messages)
        return "ok"

    model = scripted(tool_calls_result(("c1", "remember", '{"note": "n"}')), text_result("done"))
    await run(mode, kind, model=model, system="Be brief.", prompt="Go", tools=[remember], stop_when=step_count_is(2))
    assert seen
    assert not any(isinstance(message, SystemMessage) for message in seen)
    assert isinstance(seen[0], UserMessage)


class _Opaque:
    def __repr__(self) -> str:
        return "<opaque>"


def _self_referencing() -> dict[str, Any]:
    value: dict[str, Any] = {"a": 1}
    value["self"] = value
    return value


@pytest.mark.parametrize("returned", [b"\xff\xfe", "self-referencing"], ids=["non-utf8 bytes", "cycle"])
async def test_a_tool_output_json_cannot_encode_becomes_a_tool_error(mode: str, kind: str, returned: Any) -> None:
    @tool
    def broken(city: str) -> Any:
        """Returns something JSON cannot encode."""
        return _self_referencing() if returned == "self-referencing" else returned

    model = scripted(tool_calls_result(("c1", "broken", '{"city": "Rome"}')), text_result("sorry"))
    outcome = await run(mode, kind, model=model, prompt="Go", tools=[broken], stop_when=step_count_is(2))
    step = outcome.result.steps[0]
    assert step.tool_results == []
    assert isinstance(step.tool_errors[0].error, errors.ToolExecutionError)
    assert "cannot be sent as JSON" in str(step.tool_errors[0].error)
    assert outcome.result.text == "sorry"
    tool_message = model.calls[1].prompt[-1]
    assert isinstance(tool_message, ToolMessage)
    assert tool_message.content[0].output.type == "error-text"
    json.dumps(model.calls[1].prompt[-1].content[0].output.value)


# ----------------------------------------------------------------------------------------- output


@pytest.mark.parametrize("output", [Output.object({"type": "object"}), Output.json()], ids=["object", "json"])
async def test_output_after_a_final_tool_calls_step_is_no_output_generated(mode: str, kind: str, output: Any) -> None:
    model = scripted(tool_calls_result(("c1", "weather", '{"city": "Rome"}')))
    with pytest.raises(errors.NoOutputGeneratedError, match="ended with tool calls"):
        await output_of(mode, kind, model=model, prompt="Go", tools=[weather], output=output)

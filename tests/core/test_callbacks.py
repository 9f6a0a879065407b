"""Callbacks of generate_text / stream_text, through all four drivers: on_step_finish, on_finish,
on_chunk, on_error, on_abort and the tool execution hooks; sync and async callbacks; an exception in a
callback ends the call with a CallbackError naming it."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from ai_sdk import errors
from ai_sdk.core.callbacks import AbortEvent, ErrorEvent, ToolCallFinishEvent, ToolCallStartEvent
from ai_sdk.core.generate_text import GenerateTextResult
from ai_sdk.core.stop_condition import step_count_is
from ai_sdk.core.stream_text import stream_text, stream_text_sync
from ai_sdk.core.tool import ToolCallOptions, tool
from ai_sdk.core.types import ErrorPart, StepResult, ToolResult
from ai_sdk.spec import StreamError, StreamStart, TextDelta, Usage
from ai_sdk.sync import generate_text as generate_text_sync
from ai_sdk.testing import MockLanguageModel, mock_model, reply, tool_call

from .agent_helpers import is_async, part_types, run, variant
from .generation_helpers import explode, text_parts, weather

__all__ = ["variant"]

COSTLY = Usage(input_tokens=10, output_tokens=5, total_tokens=15, cost=0.25)


def two_step_model() -> MockLanguageModel:
    return mock_model(
        reply(tool_calls=[tool_call("weather", {"city": "Oslo"})], usage=COSTLY),
        reply("Sunny in Oslo.", usage=COSTLY),
    )


def recorder(variant: str, log: list[Any], name: str) -> Any:
    """A callback appending (name, argument) to ``log``: async in the async variants, to prove both work."""
    if is_async(variant):

        async def record_async(argument: Any) -> None:
            await asyncio.sleep(0)
            log.append((name, argument))

        return record_async

    def record(argument: Any) -> None:
        log.append((name, argument))

    return record


async def test_step_and_finish_callbacks_see_every_step_and_the_totals(variant: str) -> None:
    log: list[Any] = []
    result, _ = await run(
        variant,
        model=two_step_model(),
        prompt="Weather?",
        tools=[weather],
        stop_when=step_count_is(5),
        on_step_finish=recorder(variant, log, "step"),
        on_finish=recorder(variant, log, "finish"),
    )
    assert [name for name, _ in log] == ["step", "step", "finish"]
    first, second = log[0][1], log[1][1]
    assert isinstance(first, StepResult)
    assert isinstance(second, StepResult)
    assert first.finish_reason == "tool-calls"
    assert first.tool_results[0].output == {"city": "Oslo", "sky": "sunny"}
    assert second.text == "Sunny in Oslo."
    final = log[2][1]
    assert isinstance(final, GenerateTextResult)
    assert final.text == "Sunny in Oslo."
    assert len(final.steps) == 2
    assert final.total_usage.cost == pytest.approx(0.5)
    assert final.total_usage.total_tokens == 30
    assert [message.role for message in final.response.messages] == ["assistant", "tool", "assistant"]
    assert result.text == "Sunny in Oslo."


async def test_a_raising_callback_ends_the_call_with_a_callback_error(variant: str) -> None:
    def broken(step: StepResult) -> None:
        raise ValueError("cannot save the step")

    with pytest.raises(errors.CallbackError) as caught:
        await run(variant, model=mock_model("Hi"), prompt="Hi", on_step_finish=broken)
    assert caught.value.callback == "on_step_finish"
    assert isinstance(caught.value.cause, ValueError)
    assert "on_step_finish callback raised ValueError: cannot save the step" in str(caught.value)


async def test_a_raising_on_finish_fails_the_stream_with_an_error_part() -> None:
    def broken(result: Any) -> None:
        raise RuntimeError("db down")

    streamed = stream_text(model=mock_model("Hi"), prompt="Hi", on_finish=broken)
    parts = [part async for part in streamed.full_stream]
    assert isinstance(parts[-1], ErrorPart)
    assert isinstance(parts[-1].error, errors.CallbackError)
    with pytest.raises(errors.CallbackError, match="on_finish"):
        await streamed.text


@pytest.mark.parametrize("name", ["on_step_finish", "on_finish", "on_tool_call_start", "prepare_step"])
def test_the_blocking_api_rejects_async_callbacks_before_any_request(name: str) -> None:
    async def callback(*args: Any, **kwargs: Any) -> None: ...

    model = mock_model("Hi")
    with pytest.raises(errors.InvalidArgumentError, match=f"async {name} callback") as caught:
        generate_text_sync(model=model, prompt="Hi", **{name: callback})
    assert caught.value.argument == name
    assert model.calls == []


@pytest.mark.parametrize("name", ["on_chunk", "on_error", "on_abort"])
async def test_stream_callbacks_are_refused_by_generate_text(name: str) -> None:
    from ai_sdk.core.generate_text import generate_text

    model = mock_model("Hi")
    with pytest.raises(errors.InvalidArgumentError, match=f"{name} is called while a stream is read") as caught:
        await generate_text(model=model, prompt="Hi", **{name: print})
    assert caught.value.argument == name
    assert model.calls == []


def test_a_callback_that_is_not_callable_is_rejected() -> None:
    with pytest.raises(errors.InvalidArgumentError, match="must be a function") as caught:
        generate_text_sync(model=mock_model("Hi"), prompt="Hi", on_finish="print")  # type: ignore[arg-type]
    assert caught.value.argument == "on_finish"


@pytest.mark.parametrize("variant", ["stream-sync", "stream-async"])
async def test_on_chunk_sees_deltas_tool_calls_and_results(variant: str) -> None:
    log: list[Any] = []
    result, parts = await run(
        variant,
        model=two_step_model(),
        prompt="Weather?",
        tools=[weather],
        stop_when=step_count_is(5),
        on_chunk=recorder(variant, log, "chunk"),
    )
    seen = [argument.type for _, argument in log]
    assert seen == [
        "tool-input-start",
        "tool-input-delta",
        "tool-call",
        "tool-result",
        "text-delta",
        "text-delta",
        "text-delta",
    ]
    assert "".join(argument.delta for _, argument in log if isinstance(argument, TextDelta)) == result.text
    assert "finish-step" in part_types(parts)


async def test_on_chunk_raising_ends_the_stream() -> None:
    def broken(part: Any) -> None:
        raise KeyError("nope")

    streamed = stream_text_sync(model=mock_model("Hello there"), prompt="Hi", on_chunk=broken)
    parts = list(streamed.full_stream)
    assert isinstance(parts[-1], ErrorPart)
    assert isinstance(parts[-1].error, errors.CallbackError)
    assert parts[-1].error.callback == "on_chunk"


async def test_on_chunk_raising_on_a_tool_s_progress_stops_the_running_tool() -> None:
    # A tool's progress reaches on_chunk while the tool still runs: when on_chunk ends the stream, the
    # tool is stopped (it went on, and reported its end to a generation that had failed).
    release, stopped = asyncio.Event(), asyncio.Event()  # release is never set

    @tool
    async def progress(n: int) -> Any:
        """Report progress, then wait."""
        yield "loading"
        try:
            await release.wait()
        finally:
            stopped.set()
        yield "done"

    def broken(part: Any) -> None:
        if isinstance(part, ToolResult):
            raise KeyError("nope")

    model = mock_model(reply(tool_calls=[tool_call("progress", {"n": 1})]), "Done.")
    streamed = stream_text(model=model, prompt="Go", tools=[progress], stop_when=step_count_is(2), on_chunk=broken)
    parts = [part async for part in streamed.full_stream]
    assert isinstance(parts[-1], ErrorPart)
    assert isinstance(parts[-1].error, errors.CallbackError)
    await asyncio.wait_for(stopped.wait(), 10)  # the timeout is a fail-safe, not a measure


async def test_on_error_gets_the_stream_error(mode: str) -> None:
    model = MockLanguageModel(do_stream=[StreamStart(), *text_parts("t", "Hi"), StreamError("overloaded")])
    log: list[Any] = []
    if mode == "sync":
        streamed = stream_text_sync(model=model, prompt="Hi", on_error=log.append)
        list(streamed.full_stream)
    else:
        async_streamed = stream_text(model=model, prompt="Hi", on_error=recorder("async", log, "error"))
        [part async for part in async_streamed.full_stream]
        log = [argument for _, argument in log]
    assert len(log) >= 1
    assert isinstance(log[0], ErrorEvent)
    assert log[0].error == "overloaded"


async def test_on_abort_runs_when_the_stream_is_closed_early(mode: str) -> None:
    log: list[Any] = []
    model = mock_model(reply(chunks=["a ", "b ", "c ", "d"]))
    if mode == "sync":
        streamed = stream_text_sync(model=model, prompt="Hi", on_abort=log.append)
        for part in streamed.text_stream:
            assert part == "a "
            break
        streamed.close()
    else:
        async_streamed = stream_text(model=model, prompt="Hi", on_abort=recorder("async", log, "abort"))
        async for part in async_streamed.text_stream:
            assert part == "a "
            break
        await async_streamed.aclose()
        log = [argument for _, argument in log]
    assert len(log) == 1
    assert isinstance(log[0], AbortEvent)
    assert log[0].steps == []
    assert model.streams[0].closed


async def test_on_abort_is_not_called_for_a_stream_read_to_its_end() -> None:
    log: list[Any] = []
    streamed = stream_text(model=mock_model("Hi there"), prompt="Hi", on_abort=log.append)
    assert await streamed.text == "Hi there"
    await streamed.aclose()
    assert log == []


async def test_tool_call_hooks_wrap_each_execution(variant: str) -> None:
    log: list[Any] = []
    model = mock_model(
        reply(tool_calls=[tool_call("weather", {"city": "Oslo"}), tool_call("explode", {"reason": "x"})]),
        "Done.",
    )
    await run(
        variant,
        model=model,
        prompt="Go",
        tools=[weather, explode],
        stop_when=step_count_is(3),
        on_tool_call_start=recorder(variant, log, "start"),
        on_tool_call_finish=recorder(variant, log, "finish"),
    )
    starts = [argument for name, argument in log if name == "start"]
    finishes = {argument.tool_call.tool_name: argument for name, argument in log if name == "finish"}
    assert sorted(event.tool_call.tool_name for event in starts) == ["explode", "weather"]
    assert all(isinstance(event, ToolCallStartEvent) and event.step_number == 0 for event in starts)
    ok, failed = finishes["weather"], finishes["explode"]
    assert isinstance(ok, ToolCallFinishEvent)
    assert ok.success
    assert ok.output == {"city": "Oslo", "sky": "sunny"}
    assert ok.error is None
    assert ok.duration_ms >= 0
    assert not failed.success
    assert isinstance(failed.error, RuntimeError)
    assert "boom: x" in str(failed.error)


async def test_tool_call_hooks_skip_a_tool_without_execute(variant: str) -> None:
    # A tool without execute is answered by your code: the hooks reported a run (success, output None)
    # that never happened.
    log: list[Any] = []
    answer = tool(description="The final answer.", input_schema={"type": "object", "properties": {}})
    result, _ = await run(
        variant,
        model=mock_model(reply(tool_calls=[tool_call("answer", {})])),
        prompt="Answer",
        tools={"answer": answer},
        on_tool_call_start=recorder(variant, log, "start"),
        on_tool_call_finish=recorder(variant, log, "finish"),
    )
    assert log == []
    assert [call.tool_name for call in result.tool_calls] == ["answer"]
    assert result.tool_results == []


async def test_a_raising_tool_hook_is_a_callback_error_not_a_tool_error(variant: str) -> None:
    def broken(event: ToolCallStartEvent) -> None:
        raise RuntimeError("audit log full")

    with pytest.raises(errors.CallbackError, match="on_tool_call_start"):
        await run(
            variant,
            model=two_step_model(),
            prompt="Weather?",
            tools=[weather],
            stop_when=step_count_is(5),
            on_tool_call_start=broken,
        )


@pytest.mark.parametrize("variant", ["generate-async", "stream-async"])
async def test_a_raising_tool_hook_stops_the_other_tools_of_its_step(variant: str) -> None:
    # The async API runs a step's calls concurrently: once a hook's error ends the call, a sibling tool
    # must not go on running unobserved after the caller got the error.
    release = asyncio.Event()  # never set: only cancellation ends the slow tool
    cancelled: list[int] = []

    @tool
    async def quick(n: int) -> int:
        """Answer at once."""
        return n

    @tool
    async def slow(n: int) -> int:
        """Wait for a release that never comes."""
        try:
            await release.wait()
        except asyncio.CancelledError:
            cancelled.append(n)
            raise
        return n

    def broken(event: ToolCallFinishEvent) -> None:
        raise RuntimeError("audit log full")

    model = mock_model(reply(tool_calls=[tool_call("quick", {"n": 1}), tool_call("slow", {"n": 2})]), "Done.")
    with pytest.raises(errors.CallbackError, match="on_tool_call_finish"):
        await run(variant, model=model, prompt="Go", tools=[quick, slow], on_tool_call_finish=broken)
    assert cancelled == [2]


async def test_context_reaches_every_tool_execution_with_an_abort_signal(variant: str) -> None:
    seen: list[Any] = []

    @tool
    def lookup(key: str, options: ToolCallOptions) -> str:
        """Look a key up in the caller's store."""
        seen.append((options.context, options.abort_signal is not None and not options.abort_signal.aborted))
        return str(options.context["store"][key])

    result, _ = await run(
        variant,
        model=mock_model(reply(tool_calls=[tool_call("lookup", {"key": "a"})]), "ok"),
        prompt="Look up a",
        tools=[lookup],
        stop_when=step_count_is(2),
        context={"store": {"a": 1}},
    )
    assert seen == [({"store": {"a": 1}}, True)]
    assert result.steps[0].tool_results == [ToolResult("call_1", "lookup", {"key": "a"}, "1")]


def test_the_abort_signal_tells_a_running_tool_that_the_stream_was_closed() -> None:
    signals: list[Any] = []

    @tool
    def slow(n: int, options: ToolCallOptions) -> int:
        """Remember the signal."""
        signals.append(options.abort_signal)
        return n

    streamed = stream_text_sync(
        model=mock_model(reply(tool_calls=[tool_call("slow", {"n": 1})]), "Done."),
        prompt="Go",
        tools=[slow],
        stop_when=step_count_is(2),
    )
    reader = streamed.full_stream  # kept: dropping a started reader closes the stream
    for part in reader:
        if isinstance(part, ToolResult):
            break
    assert signals
    assert not signals[0].aborted
    streamed.close()
    assert signals[0].aborted
    again = stream_text_sync(  # each call has its own signal
        model=mock_model(reply(tool_calls=[tool_call("slow", {"n": 2})]), "Done."), prompt="Go", tools=[slow]
    )
    again.consume()
    assert len(signals) == 2
    assert not signals[1].aborted


def test_every_hook_setting_is_a_field_of_the_checked_hooks() -> None:
    from ai_sdk.core.callbacks import CALLBACK_NAMES, HOOK_SETTINGS, HookSettings, LoopHooks

    assert frozenset(HookSettings.__optional_keys__) == HOOK_SETTINGS == frozenset(LoopHooks.__dataclass_fields__)
    assert set(CALLBACK_NAMES) == HOOK_SETTINGS - {"active_tools", "context"}
    assert CALLBACK_NAMES[:2] == ("on_step_finish", "on_finish")  # checked in declaration order

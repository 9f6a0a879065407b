"""The generation state machine on its own, without drivers: its phases and actions, the parts it
emits (a step's end included), and the protocol errors of a driver that reports out of turn."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk.core.call_arguments import prepare_generation
from ai_sdk.core.generation import (
    FINISHED,
    READ_STREAM,
    CallModel,
    ExecuteTools,
    Generation,
    GenerationProtocolError,
    Phase,
)
from ai_sdk.core.stop_condition import step_count_is
from ai_sdk.core.types import FinishPart, FinishStepPart, StartPart, StartStepPart, ToolCall, ToolResult
from ai_sdk.spec import RequestInfo, ResponseInfo, TextDelta
from ai_sdk.testing import MockLanguageModel

from .generation_helpers import text_result, text_stream_parts, tool_call_parts, tool_calls_result, weather


def machine(**settings: Any) -> Generation:
    settings.setdefault("prompt", "Hi")
    return prepare_generation(MockLanguageModel(), None, settings, function="generate_text", blocking=True)


def test_a_tool_loop_walks_through_named_phases() -> None:
    generation = machine(tools=[weather], stop_when=step_count_is(2))
    assert generation.phase is Phase.CALL_MODEL
    assert type(generation.next_action()) is CallModel
    generation.model_result(tool_calls_result(("c1", "weather", '{"city": "Oslo"}')))
    assert generation.phase is Phase.EXECUTE_TOOLS
    action = generation.next_action()
    assert isinstance(action, ExecuteTools)
    assert [call.tool_name for call in action.calls] == ["weather"]
    generation.tools_done([ToolResult("c1", "weather", {"city": "Oslo"}, "cold")])
    assert generation.phase is Phase.CALL_MODEL
    call = generation.next_action()
    assert isinstance(call, CallModel)
    assert len(call.options.prompt) == 3  # the user message, the tool call and its result
    generation.model_result(text_result("Cold."))
    assert generation.phase is Phase.DONE
    assert generation.next_action() is FINISHED
    assert generation.result().text == "Cold."


def test_the_machine_itself_emits_each_step_end() -> None:
    generation = machine(tools=[weather], stop_when=step_count_is(2))
    generation.model_result(tool_calls_result(("c1", "weather", '{"city": "Oslo"}')))
    assert [type(part) for part in generation.parts] == [StartPart, StartStepPart]
    generation.tools_done([ToolResult("c1", "weather", {"city": "Oslo"}, "cold")])
    assert [type(part) for part in generation.parts] == [StartPart, StartStepPart, ToolResult, FinishStepPart]
    generation.model_result(text_result("Cold."))
    kinds = [type(part) for part in generation.parts]
    assert kinds[4:] == [StartStepPart, FinishStepPart, FinishPart]


def test_a_streamed_step_reads_until_the_stream_ends() -> None:
    generation = machine()
    generation.stream_started(RequestInfo(), ResponseInfo())
    assert generation.phase is Phase.STREAM_OPENING
    assert generation.next_action() is READ_STREAM
    for part in text_stream_parts("Hel", "lo"):
        generation.feed(part)
        assert generation.phase is Phase.STREAMING
    generation.stream_ended()
    assert generation.phase is Phase.DONE
    assert [part.delta for part in generation.parts if type(part) is TextDelta] == ["Hel", "lo"]
    assert generation.result().text == "Hello"


@pytest.mark.parametrize(
    ("report", "args"),
    [
        ("feed", (TextDelta("t", "x"),)),
        ("stream_ended", ()),
        ("tools_done", ([],)),
        ("stop_checked", ([True],)),
        ("tool_preliminary", (ToolResult("c", "t", {}, 1, preliminary=True),)),
    ],
)
def test_a_report_out_of_turn_is_a_protocol_error(report: str, args: tuple[Any, ...]) -> None:
    generation = machine()
    with pytest.raises(GenerationProtocolError, match=f"{report}\\(\\) was reported while .* 'call-model'"):
        getattr(generation, report)(*args)
    assert generation.phase is Phase.CALL_MODEL  # nothing changed


def test_a_model_result_while_streaming_and_a_result_before_the_end_are_protocol_errors() -> None:
    generation = machine()
    generation.stream_started(RequestInfo(), ResponseInfo())
    with pytest.raises(GenerationProtocolError, match="model_result"):
        generation.model_result(text_result("x"))
    with pytest.raises(GenerationProtocolError, match="before the end"):
        generation.result()


def test_a_part_read_after_close_is_ignored() -> None:
    generation = machine()
    generation.stream_started(RequestInfo(), ResponseInfo())
    generation.abort()
    generation.feed(TextDelta("t", "late"))  # a read that raced with close()
    assert generation.phase is Phase.ABORTED
    assert not any(type(part) is TextDelta for part in generation.parts)


def test_tool_calls_are_parsed_as_they_stream() -> None:
    generation = machine(tools=[weather])
    generation.stream_started(RequestInfo(), ResponseInfo())
    for part in tool_call_parts("c1", "weather", '{"city": "Rome"}'):
        generation.feed(part)
    assert [part for part in generation.parts if type(part) is ToolCall] == [
        ToolCall("c1", "weather", {"city": "Rome"})
    ]

"""stream_text / stream_text_sync: part order, the tool loop across steps, the derived streams, the
final values, closing and cancellation, and errors, against MockLanguageModel."""

from __future__ import annotations

import asyncio
import inspect
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ai_sdk.core.stop_condition import step_count_is
from ai_sdk.core.stream_text import StreamTextResult, SyncStreamTextResult, stream_text, stream_text_sync
from ai_sdk.core.types import (
    AbortPart,
    ErrorPart,
    FinishPart,
    FinishStepPart,
    StartPart,
    StartStepPart,
    ToolCall,
    ToolError,
    ToolResult,
)
from ai_sdk.errors import (
    APICallError,
    InvalidArgumentError,
    InvalidResponseDataError,
    InvalidToolInputError,
)
from ai_sdk.spec import (
    AssistantMessage,
    CallWarning,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningPart,
    ReasoningStart,
    RequestInfo,
    ResponseFormat,
    ResponseInfo,
    ResponseMetadata,
    StreamError,
    StreamResult,
    StreamStart,
    TextDelta,
    TextEnd,
    TextPart,
    TextStart,
    ToolCallPart,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
    UserMessage,
)
from ai_sdk.spec.errors import NoOutputGeneratedError
from ai_sdk.testing import MockLanguageModel

from .generation_helpers import (
    FakeJSONOutput,
    finish,
    reasoning_parts,
    text_parts,
    text_stream_parts,
    tool_call_parts,
    usage,
    weather,
)

Result = StreamTextResult | SyncStreamTextResult


def start(mode: str, **kwargs: Any) -> Result:
    return stream_text_sync(**kwargs) if mode == "sync" else stream_text(**kwargs)


async def parts_of(result: Result) -> list[Any]:
    if isinstance(result, SyncStreamTextResult):
        return list(result.full_stream)
    return [part async for part in result.full_stream]


async def texts_of(result: Result) -> list[str]:
    if isinstance(result, SyncStreamTextResult):
        return list(result.text_stream)
    return [text async for text in result.text_stream]


async def texts_until_error(result: Result) -> tuple[list[str], BaseException | None]:
    received: list[str] = []
    try:
        if isinstance(result, SyncStreamTextResult):
            for text in result.text_stream:
                received.append(text)
        else:
            async for text in result.text_stream:
                received.append(text)
    except Exception as error:
        return received, error
    return received, None


async def final(result: Result, name: str) -> Any:
    value = getattr(result, name)
    return await value if isinstance(result, StreamTextResult) else value


WARNING = CallWarning("unsupported", feature="seed")
STEP_1 = [
    StreamStart([WARNING]),
    ResponseMetadata(id="resp-1", model_id="served"),
    *reasoning_parts("r0", "Need ", "weather."),
    *text_parts("t0", "Let me ", "check."),
    *tool_call_parts("c1", "weather", '{"city": "Paris"}'),
    finish("tool-calls", usage(10, 5, cost=0.001)),
]
STEP_2 = [StreamStart(), *text_parts("t1", "Sunny", "!"), finish("stop", usage(20, 3, cost=0.002))]


def two_step_model() -> MockLanguageModel:
    return MockLanguageModel(do_stream=[STEP_1, STEP_2])


async def test_part_order_across_two_steps(mode: str) -> None:
    model = two_step_model()
    result = start(mode, model=model, prompt="Weather?", tools=[weather], stop_when=step_count_is(3))
    parts = await parts_of(result)

    assert [type(part) for part in parts] == [
        StartPart,
        StartStepPart,
        ReasoningStart,
        ReasoningDelta,
        ReasoningDelta,
        ReasoningEnd,
        TextStart,
        TextDelta,
        TextDelta,
        TextEnd,
        ToolInputStart,
        ToolInputDelta,
        ToolInputEnd,
        ToolCall,
        ToolResult,
        FinishStepPart,
        StartStepPart,
        TextStart,
        TextDelta,
        TextDelta,
        TextEnd,
        FinishStepPart,
        FinishPart,
    ]
    # the model's own parts are passed through as the very same objects
    assert parts[3] is STEP_1[3]
    assert parts[7] is STEP_1[7]
    assert parts[1].warnings == [WARNING]
    assert parts[13] == ToolCall("c1", "weather", {"city": "Paris"})
    assert parts[14] == ToolResult("c1", "weather", {"city": "Paris"}, {"city": "Paris", "sky": "sunny"})
    step_end = parts[15]
    assert step_end.finish_reason == "tool-calls"
    assert step_end.usage.cost == 0.001
    assert step_end.response.id == "resp-1"
    assert step_end.response.model_id == "served"
    assert parts[21].usage.cost == 0.002
    end = parts[-1]
    assert end.finish_reason == "stop"
    assert (end.total_usage.input_tokens, end.total_usage.output_tokens, end.total_usage.total_tokens) == (30, 8, 38)
    assert end.total_usage.cost == pytest.approx(0.003)

    assistant = AssistantMessage(
        [ReasoningPart("Need weather."), TextPart("Let me check."), ToolCallPart("c1", "weather", {"city": "Paris"})]
    )
    tool_message = ToolMessage(
        [ToolResultPart("c1", "weather", ToolResultOutput("json", {"city": "Paris", "sky": "sunny"}))]
    )
    assert model.calls[1].prompt == [UserMessage([TextPart("Weather?")]), assistant, tool_message]


async def test_final_values(mode: str) -> None:
    result = start(mode, model=two_step_model(), prompt="Weather?", tools=[weather], stop_when=step_count_is(3))
    # nothing consumed the stream: the first final value drives it to the end
    assert await final(result, "text") == "Sunny!"
    steps = await final(result, "steps")
    assert len(steps) == 2
    assert steps[0].text == "Let me check."
    assert steps[0].reasoning_text == "Need weather."
    assert steps[0].warnings == [WARNING]
    assert steps[0].tool_results[0].output == {"city": "Paris", "sky": "sunny"}
    assert await final(result, "finish_reason") == "stop"
    assert await final(result, "raw_finish_reason") == "stop"
    assert (await final(result, "usage")).cost == 0.002
    assert (await final(result, "total_usage")).cost == pytest.approx(0.003)
    assert await final(result, "tool_calls") == []
    assert await final(result, "tool_results") == []
    assert await final(result, "tool_errors") == []
    assert await final(result, "reasoning_text") is None
    assert await final(result, "reasoning") == []
    assert await final(result, "warnings") == []
    assert await final(result, "provider_metadata") is None
    assert await final(result, "request") == RequestInfo()
    assert [type(part).__name__ for part in await final(result, "content")] == ["Text"]
    messages = (await final(result, "response")).messages
    assert [type(message) for message in messages] == [AssistantMessage, ToolMessage, AssistantMessage]


async def test_text_stream_spans_steps_and_streams_replay_in_any_order(mode: str) -> None:
    result = start(mode, model=two_step_model(), prompt="Weather?", tools=[weather], stop_when=step_count_is(3))
    assert await texts_of(result) == ["Let me ", "check.", "Sunny", "!"]
    replay = await parts_of(result)
    again = await parts_of(result)
    assert replay == again
    assert [type(part) for part in replay][:3] == [StartPart, StartStepPart, ReasoningStart]
    assert await texts_of(result) == ["Let me ", "check.", "Sunny", "!"]


async def test_stream_text_returns_at_once_and_requests_lazily(mode: str) -> None:
    model = MockLanguageModel(do_stream=text_stream_parts("Hi"))
    result = start(mode, model=model, prompt="Hello")
    assert not inspect.isawaitable(result)
    assert model.calls == []
    assert await texts_of(result) == ["Hi"]
    assert len(model.calls) == 1
    assert model.streams[0].closed  # released at the normal end too


async def test_default_single_step_streams_tool_results(mode: str) -> None:
    model = MockLanguageModel(do_stream=[STEP_1])
    result = start(mode, model=model, prompt="Weather?", tools=[weather])
    parts = await parts_of(result)
    assert [type(part) for part in parts[-4:]] == [ToolCall, ToolResult, FinishStepPart, FinishPart]
    assert parts[-1].finish_reason == "tool-calls"
    assert len(model.calls) == 1


async def test_invalid_tool_calls_stream_tool_errors_and_continue(mode: str) -> None:
    step = [StreamStart(), *tool_call_parts("c1", "weather", '{"town": 1}'), finish("tool-calls", usage(1, 1))]
    model = MockLanguageModel(do_stream=[step, STEP_2])
    result = start(mode, model=model, prompt="Weather?", tools=[weather], stop_when=step_count_is(2))
    parts = await parts_of(result)
    call = next(part for part in parts if type(part) is ToolCall)
    error = next(part for part in parts if type(part) is ToolError)
    assert call.invalid
    assert isinstance(error.error, InvalidToolInputError)
    assert await final(result, "text") == "Sunny!"
    tool_message = model.calls[1].prompt[-1]
    assert isinstance(tool_message, ToolMessage)
    assert tool_message.content[0].output.type == "error-text"


async def test_partial_output_stream_and_output(mode: str) -> None:
    output = FakeJSONOutput()
    deltas = ['{"na', 'me": "A', 'da"', " ", ', "age": 3', "6}"]
    model = MockLanguageModel(do_stream=text_stream_parts(*deltas))
    result = start(mode, model=model, prompt="Who?", output=output)
    if isinstance(result, SyncStreamTextResult):
        partials = list(result.partial_output_stream)
    else:
        partials = [value async for value in result.partial_output_stream]
    assert partials == [{"name": "A"}, {"name": "Ada"}, {"name": "Ada", "age": 3}, {"name": "Ada", "age": 36}]
    assert await final(result, "output") == {"name": "Ada", "age": 36}
    assert model.calls[0].response_format == ResponseFormat("json", schema={"type": "object"})


async def test_partial_output_stream_needs_an_output(mode: str) -> None:
    result = start(mode, model=MockLanguageModel(do_stream=text_stream_parts("x")), prompt="Hi")
    with pytest.raises(InvalidArgumentError):
        _ = result.partial_output_stream
    with pytest.raises(InvalidArgumentError):
        await final(result, "output")


# ------------------------------------------------------------------------------- closing the stream


async def test_breaking_out_early_closes_the_model_stream(mode: str) -> None:
    model = MockLanguageModel(do_stream=text_stream_parts("a", "b", "c"))
    result = start(mode, model=model, prompt="Hi")
    if isinstance(result, SyncStreamTextResult):
        for part in result.full_stream:
            if type(part) is TextDelta:
                break
    else:
        async for part in result.full_stream:
            if type(part) is TextDelta:
                break
    assert model.streams[0].closed
    assert (await parts_of(result))[-1] == AbortPart()
    with pytest.raises(NoOutputGeneratedError):
        await final(result, "text")


async def test_breaking_out_of_text_stream_closes(mode: str) -> None:
    model = MockLanguageModel(do_stream=text_stream_parts("a", "b", "c"))
    result = start(mode, model=model, prompt="Hi")
    if isinstance(result, SyncStreamTextResult):
        for _ in result.text_stream:
            break
    else:
        async for _ in result.text_stream:
            break
    assert model.streams[0].closed


async def test_an_exception_in_the_consumer_closes(mode: str) -> None:
    model = MockLanguageModel(do_stream=text_stream_parts("a", "b"))
    result = start(mode, model=model, prompt="Hi")

    async def consume() -> None:
        if isinstance(result, SyncStreamTextResult):
            for _ in result.text_stream:
                raise ValueError("consumer failed")
        else:
            async for _ in result.text_stream:
                raise ValueError("consumer failed")

    with pytest.raises(ValueError, match="consumer failed"):
        await consume()
    assert model.streams[0].closed


def test_with_block_and_close_release_the_sync_stream() -> None:
    model = MockLanguageModel(do_stream=[text_stream_parts("a", "b"), text_stream_parts("c")])
    with stream_text_sync(model=model, prompt="Hi") as result:
        reader = iter(result.text_stream)
        assert next(reader) == "a"
    assert model.streams[0].closed
    result.close()  # idempotent

    second = stream_text_sync(model=model, prompt="Hi")
    assert next(iter(second.full_stream)) == StartPart()
    second.close()
    assert len(model.calls) == 1  # closing before the request means no request at all
    with pytest.raises(NoOutputGeneratedError):
        _ = second.usage


async def test_async_with_and_aclose_release_the_stream() -> None:
    model = MockLanguageModel(do_stream=[text_stream_parts("a", "b"), text_stream_parts("c", "d")])
    async with stream_text(model=model, prompt="Hi") as result:
        reader = result.text_stream
        assert await reader.__anext__() == "a"
    assert model.streams[0].closed

    second = stream_text(model=model, prompt="Hi")
    reader = second.full_stream
    while type(await reader.__anext__()) is not TextDelta:
        pass
    await second.aclose()
    assert model.streams[1].closed
    with pytest.raises(NoOutputGeneratedError):
        await second.text


class HangingStream:
    """Yields its parts, then waits until closed (a server that stops sending)."""

    def __init__(self, parts: list[Any]) -> None:
        self.parts = list(parts)
        self.closed = False
        self.never = asyncio.Event()

    def __aiter__(self) -> HangingStream:
        return self

    async def __anext__(self) -> Any:
        if self.parts:
            return self.parts.pop(0)
        await self.never.wait()
        raise StopAsyncIteration

    def close(self) -> None:
        self.closed = True


async def test_cancelling_the_consuming_task_closes_the_stream() -> None:
    stream = HangingStream([StreamStart(), TextStart("t"), TextDelta("t", "Hel")])
    model = MockLanguageModel(do_stream=lambda options: StreamResult(stream=stream))
    result = stream_text(model=model, prompt="Hi")
    received = asyncio.Event()

    async def consume() -> None:
        async for _ in result.text_stream:
            received.set()

    task = asyncio.create_task(consume())
    await received.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert stream.closed
    assert (await parts_of(result))[-1] == AbortPart()
    with pytest.raises(NoOutputGeneratedError):
        await result.text


async def test_cancelling_a_task_awaiting_a_final_value_closes_the_stream() -> None:
    stream = HangingStream([StreamStart()])
    model = MockLanguageModel(do_stream=lambda options: StreamResult(stream=stream))
    result = stream_text(model=model, prompt="Hi")
    task = asyncio.create_task(result.text)
    while not model.calls:
        await asyncio.sleep(0)
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert stream.closed


class YieldingStream:
    """Gives the event loop a turn before every part, so concurrent readers interleave."""

    def __init__(self, parts: list[Any]) -> None:
        self.parts = iter(parts)
        self.closed = False
        self.reading = False

    def __aiter__(self) -> YieldingStream:
        return self

    async def __anext__(self) -> Any:
        assert not self.reading, "read concurrently"
        self.reading = True
        try:
            await asyncio.sleep(0)
            part = next(self.parts, None)
        finally:
            self.reading = False
        if part is None:
            raise StopAsyncIteration
        return part

    def close(self) -> None:
        self.closed = True


async def test_concurrent_consumers_share_one_read() -> None:
    stream = YieldingStream(text_stream_parts("a", "b", "c"))
    model = MockLanguageModel(do_stream=lambda options: StreamResult(stream=stream))
    result = stream_text(model=model, prompt="Hi")
    parts, texts, text = await asyncio.gather(parts_of(result), texts_of(result), result.text)
    assert texts == ["a", "b", "c"]
    assert text == "abc"
    assert [type(part) for part in parts][-2:] == [FinishStepPart, FinishPart]
    assert len(model.calls) == 1


# -------------------------------------------------------------------------------------------- errors


@pytest.fixture
def slept(instant_retries: list[float]) -> list[float]:
    """The delays the retries asked for; nothing sleeps (the package's ``instant_retries`` fixture)."""
    return instant_retries


def api_error(status: int | None, message: str = "failed") -> APICallError:
    return APICallError(message, url="https://api.example/chat", status_code=status)


async def test_an_error_part_ends_the_step_with_finish_reason_error(mode: str) -> None:
    error = api_error(None, "error frame")
    parts = [StreamStart(), TextStart("t"), TextDelta("t", "Hel"), StreamError(error), finish("stop", usage(1, 1))]
    model = MockLanguageModel(do_stream=[parts])
    result = start(mode, model=model, prompt="Hi", tools=[weather], stop_when=step_count_is(3))

    full = await parts_of(result)
    assert ErrorPart(error) in full
    step_end = next(part for part in full if type(part) is FinishStepPart)
    assert step_end.finish_reason == "error"
    assert step_end.raw_finish_reason == "stop"
    assert type(full[-1]) is FinishPart
    # text_stream and the final values raise the error instead of ending quietly
    received, raised = await texts_until_error(result)
    assert received == ["Hel"]
    assert raised is error
    with pytest.raises(APICallError):
        await final(result, "text")
    assert len(model.calls) == 1


async def test_non_exception_error_values_are_wrapped(mode: str) -> None:
    parts = [StreamStart(), StreamError({"message": "bad"}), finish("error", usage(1, 1))]
    result = start(mode, model=MockLanguageModel(do_stream=[parts]), prompt="Hi")
    assert ErrorPart({"message": "bad"}) in await parts_of(result)
    with pytest.raises(Exception, match="bad"):
        await texts_of(result)


async def test_a_broken_connection_ends_the_stream_with_an_error_part(mode: str, slept: list[float]) -> None:
    error = api_error(None, "connection reset")
    model = MockLanguageModel(do_stream=[[StreamStart(), TextStart("t"), TextDelta("t", "Hel"), error]])
    result = start(mode, model=model, prompt="Hi")
    full = await parts_of(result)
    assert [type(part) for part in full] == [StartPart, StartStepPart, TextStart, TextDelta, ErrorPart]
    assert full[-1].error is error
    assert model.streams[0].closed
    with pytest.raises(APICallError, match="connection reset"):
        await texts_of(result)
    with pytest.raises(APICallError):
        await final(result, "steps")
    assert len(model.calls) == 1  # a started stream is never retried
    assert slept == []


async def test_the_initial_request_is_retried(mode: str, slept: list[float]) -> None:
    model = MockLanguageModel(do_stream=[api_error(503), api_error(429), text_stream_parts("ok")])
    result = start(mode, model=model, prompt="Hi")
    assert await texts_of(result) == ["ok"]
    assert len(model.calls) == 3
    assert slept == [2.0, 4.0]


async def test_a_failed_request_is_an_error_part_and_raises_from_final_values(mode: str, slept: list[float]) -> None:
    error = api_error(400, "bad request")
    model = MockLanguageModel(do_stream=[error])
    result = start(mode, model=model, prompt="Hi")
    assert await parts_of(result) == [StartPart(), ErrorPart(error)]
    with pytest.raises(APICallError) as caught:
        await final(result, "usage")
    assert caught.value is error
    assert slept == []


async def test_a_stream_without_finish_is_an_error(mode: str) -> None:
    model = MockLanguageModel(do_stream=[[StreamStart(), *text_parts("t", "cut")]])
    result = start(mode, model=model, prompt="Hi")
    full = await parts_of(result)
    assert isinstance(full[-3].error, InvalidResponseDataError)
    assert full[-2].finish_reason == "error"
    with pytest.raises(InvalidResponseDataError):
        await final(result, "text")


async def test_bad_arguments_raise_at_the_call(mode: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        start(mode, model=MockLanguageModel(do_stream=[]), prompt="Hi", temperature="warm")
    assert caught.value.argument == "temperature"


async def test_response_metadata_headers_and_request_reach_the_step(mode: str) -> None:
    parts = [
        StreamStart(),
        ResponseMetadata(id="r-9", model_id="m-9"),
        *text_parts("t", "x"),
        finish("stop", usage(1, 1)),
    ]
    stream_result = StreamResult(
        stream=None, request=RequestInfo(body={"stream": True}), response=ResponseInfo(headers={"x-id": "9"})
    )

    def answer(options: Any) -> StreamResult[Any]:
        from ai_sdk.testing.mock_models import simulate_stream

        return StreamResult(simulate_stream(parts), stream_result.request, stream_result.response)

    result = start(mode, model=MockLanguageModel(do_stream=answer), prompt="Hi")
    response = await final(result, "response")
    assert (response.id, response.model_id, response.headers) == ("r-9", "m-9", {"x-id": "9"})
    assert (await final(result, "request")).body == {"stream": True}
    full = await parts_of(result)
    assert full[1] == StartStepPart(RequestInfo(body={"stream": True}), ())


def test_repr() -> None:
    result = stream_text_sync(model=MockLanguageModel(do_stream=text_stream_parts("x")), prompt="Hi")
    assert repr(result) == "SyncStreamTextResult(call-model, parts=1, steps=0)"
    result.consume()
    assert repr(result).startswith("SyncStreamTextResult(done")


def test_reasoning_and_text_blocks_accumulate_per_id() -> None:
    parts = [
        StreamStart(),
        TextStart("a"),
        ReasoningStart("a"),
        TextDelta("a", "x"),
        ReasoningDelta("a", "r"),
        TextDelta("a", "y"),
        ReasoningEnd("a"),
        TextEnd("a"),
        TextDelta("b", "z"),  # a delta without a start opens a block
        ToolInputStart("c", "weather"),
        ToolInputEnd("c"),
        finish("stop", usage(1, 1)),
    ]
    result = stream_text_sync(model=MockLanguageModel(do_stream=parts), prompt="Hi")
    assert result.text == "xyz"
    assert result.reasoning_text == "r"
    assert [type(part).__name__ for part in result.content] == ["Text", "Reasoning", "Text"]


@given(
    text=st.text(max_size=40),
    reasoning=st.text(max_size=20),
    cuts=st.lists(st.integers(min_value=0, max_value=40), max_size=8),
)
@settings(max_examples=60, deadline=None)
def test_any_split_of_the_deltas_gives_the_same_text(text: str, reasoning: str, cuts: list[int]) -> None:
    bounds = sorted({0, len(text), *(cut for cut in cuts if cut <= len(text))})
    deltas = [text[a:b] for a, b in pairwise(bounds)]
    parts = [StreamStart(), *reasoning_parts("r", reasoning), *text_parts("t", *deltas), finish("stop", usage(1, 1))]
    result = stream_text_sync(model=MockLanguageModel(do_stream=parts), prompt="Hi")
    assert list(result.text_stream) == deltas
    assert result.text == text
    assert result.reasoning_text == reasoning
    full = list(result.full_stream)
    assert [part.delta for part in full if type(part) is TextDelta] == deltas
    assert [type(part) for part in full][-2:] == [FinishStepPart, FinishPart]

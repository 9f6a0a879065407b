"""simulate_streaming_middleware: do_stream answers with one do_generate call replayed as parts."""

from __future__ import annotations

from datetime import UTC, datetime

from ai_sdk import simulate_streaming_middleware, wrap_language_model
from ai_sdk.spec import (
    CallWarning,
    Finish,
    FinishReason,
    GenerateResult,
    ModelToolCall,
    Reasoning,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    ResponseInfo,
    ResponseMetadata,
    StreamStart,
    Text,
    TextDelta,
    TextEnd,
    TextStart,
)
from ai_sdk.testing import MockLanguageModel

from .helpers import OPTIONS, USAGE, do_stream, text_and_reasoning

WHEN = datetime(2026, 1, 2, tzinfo=UTC)
RESULT = GenerateResult(
    content=[Reasoning("hmm"), Text("Hello"), Text(""), ModelToolCall("c1", "weather", '{"city": "Paris"}')],
    finish_reason=FinishReason("tool-calls", "tool_calls"),
    usage=USAGE,
    warnings=[CallWarning("unsupported", "top_k")],
    response=ResponseInfo(id="r1", model_id="m", timestamp=WHEN),
    provider_metadata={"deepinfra": {"estimated_cost": 1.5e-6}},
)


async def test_a_generate_result_is_replayed_as_a_stream(mode: str) -> None:
    inner = MockLanguageModel(do_generate=RESULT)
    model = wrap_language_model(model=inner, middleware=simulate_streaming_middleware())
    assert await do_stream(mode, model) == [
        StreamStart(warnings=[CallWarning("unsupported", "top_k")]),
        ResponseMetadata(id="r1", model_id="m", timestamp=WHEN),
        ReasoningStart("0"),
        ReasoningDelta("0", "hmm"),
        ReasoningEnd("0"),
        TextStart("1"),
        TextDelta("1", "Hello"),
        TextEnd("1"),
        ModelToolCall("c1", "weather", '{"city": "Paris"}'),
        Finish(RESULT.finish_reason, USAGE, provider_metadata={"deepinfra": {"estimated_cost": 1.5e-6}}),
    ]
    assert len(inner.calls) == 1


async def test_stream_text_works_on_a_model_that_only_generates(mode: str) -> None:
    inner = MockLanguageModel(
        do_generate=GenerateResult(content=[Text("Hi!")], finish_reason=FinishReason("stop", "stop"), usage=USAGE)
    )
    model = wrap_language_model(model=inner, middleware=simulate_streaming_middleware())
    assert await text_and_reasoning(mode, True, model=model, prompt="Hello") == ("Hi!", None)


async def test_closing_the_replay_ends_it(mode: str) -> None:
    model = wrap_language_model(model=MockLanguageModel(do_generate=RESULT), middleware=simulate_streaming_middleware())
    if mode == "sync":
        stream = model.do_stream_sync(OPTIONS).stream
        next(stream)
        stream.close()
        assert list(stream) == []
    else:
        astream = (await model.do_stream(OPTIONS)).stream
        await astream.__anext__()
        astream.close()
        assert [part async for part in astream] == []

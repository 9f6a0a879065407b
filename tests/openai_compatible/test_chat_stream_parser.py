"""The chat stream state machine: recorded streams, reasoning, every tool-call delta variant, error
frames, and a property test that any split of a byte stream yields the same parts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ai_sdk.openai_compatible.chat.stream_parser import ChatStreamParser
from ai_sdk.spec import (
    APICallError,
    CallWarning,
    Finish,
    FinishReason,
    InputTokenDetails,
    InvalidResponseDataError,
    JSONParseError,
    ModelToolCall,
    OutputTokenDetails,
    RawChunk,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    ResponseMetadata,
    StreamError,
    StreamStart,
    TextDelta,
    TextEnd,
    TextStart,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
    Usage,
)

from .chat_helpers import comparable, fixture_bytes, parse_chunks

FIXTURE_STREAMS = [
    "chat_stream.sse",
    "chat_reasoning_stream.sse",
    "chat_tool_calls_stream.sse",
    "chat_usage_chunk_stream.sse",
    "chat_error_stream.sse",
    "chat_error_type_stream.sse",
]


def chunk(delta: dict[str, Any] | None = None, finish: str | None = None, usage: Any = None) -> str:
    return json.dumps(
        {
            "id": "c1",
            "object": "chat.completion.chunk",
            "created": 1732684855,
            "model": "m",
            "choices": [{"index": 0, "delta": delta or {}, "finish_reason": finish}],
            "usage": usage,
        }
    )


def tool_delta(*calls: dict[str, Any]) -> str:
    return chunk({"role": "assistant", "content": None, "tool_calls": list(calls)})


def run(*payloads: str, **options: Any) -> list[Any]:
    parser = ChatStreamParser(url="https://example.test/chat/completions", **options)
    parts: list[Any] = []
    for payload in payloads:
        parts.extend(parser.feed(payload))
    parts.extend(parser.finish())
    return parts


def finish_part(parts: list[Any]) -> Finish:
    assert isinstance(parts[-1], Finish)
    return parts[-1]


def test_recorded_stream() -> None:
    usage = {"prompt_tokens": 48, "total_tokens": 237, "completion_tokens": 189, "estimated_cost": 9.24e-05}
    parts = parse_chunks(
        [fixture_bytes("chat_stream.sse")],
        warnings=[CallWarning("other", message="w")],
        metadata_extractor=lambda c: {"p": {"cost": c["usage"]["estimated_cost"]}},
    )
    assert parts == [
        StreamStart([CallWarning("other", message="w")]),
        ResponseMetadata(
            id="chatcmpl-RXE8YP4fhWBTFLGpZWdMCq34",
            model_id="meta-llama/Meta-Llama-3.1-70B-Instruct",
            timestamp=datetime(2024, 11, 27, 5, 20, 55, tzinfo=UTC),
        ),
        TextStart("text-0"),
        TextDelta("text-0", "C"),
        TextEnd("text-0"),
        Finish(
            FinishReason("stop", "stop"),
            Usage(
                input_tokens=48,
                output_tokens=189,
                total_tokens=237,
                input_token_details=InputTokenDetails(no_cache=48, cache_read=0),
                output_token_details=OutputTokenDetails(text=189, reasoning=0),
                raw=usage,
            ),
            {"p": {"cost": 9.24e-05}},
        ),
    ]


def test_reasoning_then_text() -> None:
    parts = parse_chunks([fixture_bytes("chat_reasoning_stream.sse")])
    assert parts[2:-1] == [
        ReasoningStart("reasoning-0"),
        ReasoningDelta("reasoning-0", "Let me think"),
        ReasoningDelta("reasoning-0", " about 2+2."),
        ReasoningEnd("reasoning-0"),
        TextStart("text-1"),
        TextDelta("text-1", "2+2"),
        TextDelta("text-1", " = 4."),
        TextEnd("text-1"),
    ]
    usage = finish_part(parts).usage
    assert usage.input_token_details == InputTokenDetails(no_cache=4, cache_read=8)
    assert usage.output_token_details == OutputTokenDetails(text=8, reasoning=20)


def test_switching_blocks_closes_the_open_one_and_the_end_closes_the_last() -> None:
    parts = run(
        chunk({"content": "a"}),
        chunk({"reasoning": "r"}),
        chunk({"content": "b", "reasoning_content": "s"}),
        chunk({"reasoning_content": "t"}),
        chunk({}, "stop"),
    )
    assert [p for p in parts if not isinstance(p, StreamStart | ResponseMetadata | Finish)] == [
        TextStart("text-0"),
        TextDelta("text-0", "a"),
        TextEnd("text-0"),
        ReasoningStart("reasoning-1"),
        ReasoningDelta("reasoning-1", "r"),
        ReasoningDelta("reasoning-1", "s"),
        ReasoningEnd("reasoning-1"),
        TextStart("text-2"),
        TextDelta("text-2", "b"),
        TextEnd("text-2"),
        ReasoningStart("reasoning-3"),
        ReasoningDelta("reasoning-3", "t"),
        ReasoningEnd("reasoning-3"),
    ]


def test_recorded_shape_tool_call_stream() -> None:
    parts = parse_chunks([fixture_bytes("chat_tool_calls_stream.sse")])
    assert parts[2:-1] == [
        ToolInputStart("call_abc", "get_weather"),
        ToolInputDelta("call_abc", '{"location"'),
        ToolInputDelta("call_abc", ': "San Francisco"}'),
        ToolInputEnd("call_abc"),
        ModelToolCall("call_abc", "get_weather", '{"location": "San Francisco"}'),
    ]
    assert finish_part(parts).finish_reason == FinishReason("tool-calls", "tool_calls")


def tool_parts(parts: list[Any]) -> list[Any]:
    kinds = (ToolInputStart, ToolInputDelta, ToolInputEnd, ModelToolCall, StreamError)
    return [p for p in parts if isinstance(p, kinds)]


def test_index_starting_at_one() -> None:
    parts = run(
        tool_delta({"index": 1, "id": "a", "type": "function", "function": {"name": "f", "arguments": '{"x":'}}),
        tool_delta({"index": 1, "function": {"arguments": "1}"}}),
        chunk({}, "tool_calls"),
    )
    assert tool_parts(parts) == [
        ToolInputStart("a", "f"),
        ToolInputDelta("a", '{"x":'),
        ToolInputDelta("a", "1}"),
        ToolInputEnd("a"),
        ModelToolCall("a", "f", '{"x":1}'),
    ]


def test_late_name_buffers_the_arguments() -> None:
    parts = run(
        tool_delta({"index": 0, "id": "a", "function": {"arguments": '{"x"'}}),
        tool_delta({"index": 0, "function": {"arguments": ": 1"}}),
        tool_delta({"index": 0, "function": {"name": "f", "arguments": "}"}}),
        chunk({}, "tool_calls"),
    )
    assert tool_parts(parts) == [
        ToolInputStart("a", "f"),
        ToolInputDelta("a", '{"x": 1}'),
        ToolInputEnd("a"),
        ModelToolCall("a", "f", '{"x": 1}'),
    ]


def test_whole_call_in_one_chunk_with_the_finish_reason() -> None:
    payload = json.dumps(
        {
            "id": "c1",
            "choices": [
                {
                    "index": 0,
                    "delta": {
                        "tool_calls": [{"index": 0, "id": "a", "function": {"name": "f", "arguments": '{"y":2}'}}]
                    },
                    "finish_reason": "tool_calls",
                }
            ],
        }
    )
    parts = run(payload)
    assert tool_parts(parts) == [
        ToolInputStart("a", "f"),
        ToolInputDelta("a", '{"y":2}'),
        ToolInputEnd("a"),
        ModelToolCall("a", "f", '{"y":2}'),
    ]


def test_empty_arguments_call_the_tool_with_an_empty_object() -> None:
    parts = run(
        tool_delta({"index": 0, "id": "a", "function": {"name": "now", "arguments": ""}}),
        chunk({}, "tool_calls"),
    )
    assert tool_parts(parts) == [ToolInputStart("a", "now"), ToolInputEnd("a"), ModelToolCall("a", "now", "{}")]


def test_several_calls_interleaved_are_matched_by_index_and_by_id() -> None:
    parts = run(
        tool_delta(
            {"index": 0, "id": "a", "function": {"name": "f", "arguments": ""}},
            {"index": 1, "id": "b", "function": {"name": "g", "arguments": "{"}},
        ),
        tool_delta({"index": 0, "function": {"arguments": '{"p":'}}),
        tool_delta({"index": 1, "function": {"arguments": "}"}}),
        tool_delta({"id": "a", "function": {"arguments": "1}"}}),
        chunk({}, "tool_calls"),
    )
    assert tool_parts(parts) == [
        ToolInputStart("a", "f"),
        ToolInputStart("b", "g"),
        ToolInputDelta("b", "{"),
        ToolInputDelta("a", '{"p":'),
        ToolInputDelta("b", "}"),
        ToolInputDelta("a", "1}"),
        ToolInputEnd("a"),
        ModelToolCall("a", "f", '{"p":1}'),
        ToolInputEnd("b"),
        ModelToolCall("b", "g", "{}"),
    ]


def test_a_new_id_on_a_used_index_is_a_new_call_and_no_index_continues_the_last() -> None:
    parts = run(
        tool_delta({"index": 0, "id": "a", "function": {"name": "f", "arguments": "{}"}}),
        tool_delta({"index": 0, "id": "b", "function": {"name": "g", "arguments": '{"q"'}}),
        tool_delta({"function": {"arguments": ": 2}"}}),
        chunk({}, "tool_calls"),
    )
    assert [p for p in tool_parts(parts) if isinstance(p, ModelToolCall)] == [
        ModelToolCall("a", "f", "{}"),
        ModelToolCall("b", "g", '{"q": 2}'),
    ]


def test_missing_id_is_generated() -> None:
    parts = run(tool_delta({"index": 0, "function": {"name": "f", "arguments": "{}"}}), chunk({}, "tool_calls"))
    start = tool_parts(parts)[0]
    assert isinstance(start, ToolInputStart)
    assert start.id.startswith("call_")
    assert tool_parts(parts)[-1] == ModelToolCall(start.id, "f", "{}")


def test_tool_calls_complete_only_at_the_end_even_when_partial_json_parses() -> None:
    parser = ChatStreamParser(url="u")
    seen: list[Any] = []
    for payload in (
        chunk({"content": "x"}),
        tool_delta({"index": 0, "id": "a", "function": {"name": "rm", "arguments": '{"path": "/"}'}}),
        tool_delta({"index": 0, "function": {"arguments": ""}}),
        chunk({}, "tool_calls"),
    ):
        seen.extend(parser.feed(payload))
    assert not any(isinstance(p, ModelToolCall | ToolInputEnd | TextEnd) for p in seen)
    end = parser.finish()
    assert end[:3] == [TextEnd("text-0"), ToolInputEnd("a"), ModelToolCall("a", "rm", '{"path": "/"}')]


def test_a_call_whose_name_never_arrives_is_an_error_and_no_call_is_completed() -> None:
    parts = run(
        tool_delta({"index": 0, "id": "a", "function": {"name": "f", "arguments": "{}"}}),
        tool_delta({"index": 1, "id": "b", "function": {"arguments": "{}"}}),
        chunk({}, "tool_calls"),
    )
    errors = [p for p in parts if isinstance(p, StreamError)]
    assert len(errors) == 1
    assert "without a name" in str(errors[0].error)
    assert not any(isinstance(p, ModelToolCall) for p in parts)
    assert ToolInputEnd("a") in parts
    assert finish_part(parts).finish_reason == FinishReason("error", "tool_calls")


def test_error_frame_in_the_stream() -> None:
    parts = parse_chunks([fixture_bytes("chat_error_stream.sse")])
    assert [type(p).__name__ for p in parts] == [
        "StreamStart", "ResponseMetadata", "TextStart", "TextDelta", "StreamError", "TextEnd", "Finish",
    ]  # fmt: skip
    error = parts[4].error
    assert isinstance(error, APICallError)
    assert error.message == "Model busy, retry later"
    assert error.url == "https://example.test/chat/completions"
    assert error.is_retryable is False
    assert error.data == {"error": {"message": "Model busy, retry later", "code": 429}}
    assert finish_part(parts).finish_reason == FinishReason("error", None)


def test_deepinfra_error_type_frame() -> None:
    parts = parse_chunks([fixture_bytes("chat_error_type_stream.sse")])
    error = next(p.error for p in parts if isinstance(p, StreamError))
    assert isinstance(error, APICallError)
    assert "ensure this value is less than or equal to 1000000" in error.message
    assert finish_part(parts).finish_reason.unified == "error"
    assert not any(isinstance(p, ResponseMetadata) for p in parts)


def test_error_after_tool_deltas_withholds_the_tool_call() -> None:
    parts = run(
        tool_delta({"index": 0, "id": "a", "function": {"name": "f", "arguments": '{"a": '}}),
        json.dumps({"error": {"message": "boom"}}),
        chunk({}, "tool_calls"),
    )
    assert ToolInputEnd("a") in parts
    assert not any(isinstance(p, ModelToolCall) for p in parts)
    assert finish_part(parts).finish_reason == FinishReason("error", "tool_calls")


def test_unparsable_chunk() -> None:
    parts = run(chunk({"content": "a"}), '{"id": "c1", "choices": [', chunk({}, "stop"), include_raw_chunks=True)
    errors = [p for p in parts if isinstance(p, StreamError)]
    assert len(errors) == 1
    assert isinstance(errors[0].error, JSONParseError)
    assert errors[0].error.text == '{"id": "c1", "choices": ['
    assert RawChunk('{"id": "c1", "choices": [') in parts
    assert finish_part(parts).finish_reason == FinishReason("error", "stop")


def test_unparsable_first_chunk_still_starts_the_stream() -> None:
    parts = run("not json", warnings=[CallWarning("other", message="w")])
    assert parts[0] == StreamStart([CallWarning("other", message="w")])
    assert isinstance(parts[1], StreamError)


def test_a_chunk_that_is_not_an_object_is_an_error() -> None:
    parts = run(chunk({"content": "a"}), "[1, 2]", chunk({}, "stop"))
    error = next(p.error for p in parts if isinstance(p, StreamError))
    assert isinstance(error, InvalidResponseDataError)
    assert finish_part(parts).finish_reason.unified == "error"


def test_stream_without_a_finish_reason() -> None:
    parts = run(chunk({"content": "a"}))
    error = next(p.error for p in parts if isinstance(p, StreamError))
    assert "ended without a finish reason" in str(error)
    assert parts[-2:] == [TextEnd("text-0"), Finish(FinishReason("error", None), Usage())]


def test_empty_stream_starts_errors_and_finishes() -> None:
    parts = run()
    assert parts[0] == StreamStart([])
    assert isinstance(parts[1], StreamError)
    assert parts[2] == Finish(FinishReason("error", None), Usage())


def test_separate_usage_chunk_with_empty_choices() -> None:
    extracted: list[Any] = []

    def extractor(value: Any) -> Any:
        extracted.append(value)
        return {"p": {"n": 1}}

    parts = parse_chunks([fixture_bytes("chat_usage_chunk_stream.sse")], metadata_extractor=extractor)
    finish = finish_part(parts)
    assert finish.finish_reason == FinishReason("length", "length")
    assert finish.usage.input_tokens == 5
    assert finish.usage.output_tokens == 1
    assert finish.provider_metadata == {"p": {"n": 1}}
    assert extracted[0]["choices"] == []


def test_keep_alive_objects_are_ignored() -> None:
    parts = run(chunk({"content": "a"}), json.dumps({"object": "keep-alive"}), chunk({}, "stop"))
    assert not any(isinstance(p, StreamError) for p in parts)


def test_raw_chunks_come_first_for_each_payload() -> None:
    first, last = chunk({"content": "a"}), chunk({}, "stop")
    parts = run(first, last, "[DONE]", include_raw_chunks=True)
    assert parts[:5] == [
        StreamStart([]),
        RawChunk(json.loads(first)),
        ResponseMetadata("c1", "m", datetime(2024, 11, 27, 5, 20, 55, tzinfo=UTC)),
        TextStart("text-0"),
        TextDelta("text-0", "a"),
    ]
    assert parts[5] == RawChunk(json.loads(last))
    assert sum(isinstance(p, RawChunk) for p in parts) == 2


def test_done_yields_nothing_and_finish_is_once() -> None:
    parser = ChatStreamParser(url="u")
    parser.feed(chunk({}, "stop"))
    assert parser.feed("[DONE]") == []
    assert isinstance(parser.finish()[-1], Finish)
    assert parser.finish() == []


def test_failure_outside_the_payloads() -> None:
    parser = ChatStreamParser(url="u")
    parser.feed(chunk({"content": "a"}))
    error = APICallError("connection reset", url="u")
    assert parser.fail(error) == [StreamError(error)]
    assert parser.finish()[-1].finish_reason == FinishReason("error", None)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), name=st.sampled_from(FIXTURE_STREAMS))
def test_any_split_of_a_recorded_byte_stream_yields_the_same_parts(data: st.DataObject, name: str) -> None:
    raw = fixture_bytes(name)
    cuts = sorted(data.draw(st.sets(st.integers(min_value=1, max_value=len(raw) - 1), max_size=40)))
    pieces = [raw[a:b] for a, b in zip([0, *cuts], [*cuts, len(raw)], strict=True)]
    assert comparable(parse_chunks(pieces)) == comparable(parse_chunks([raw]))

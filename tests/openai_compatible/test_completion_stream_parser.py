"""The completion stream parser, fed payload by payload (the SSE framing is the driver's job)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ai_sdk.openai_compatible.completion import CompletionStreamParser
from ai_sdk.openai_compatible.usage import convert_usage
from ai_sdk.spec import (
    APICallError,
    CallWarning,
    Finish,
    FinishReason,
    InvalidResponseDataError,
    JSONParseError,
    RawChunk,
    ResponseMetadata,
    StreamError,
    StreamPart,
    StreamStart,
    TextDelta,
    TextEnd,
    TextStart,
    Usage,
)

URL = "https://api.deepinfra.com/v1/openai/completions"
HEAD = {"id": "cmpl-4b7a", "object": "text_completion", "created": 1732684855, "model": "meta-llama/Llama-3-8b"}
USAGE = {"prompt_tokens": 12, "total_tokens": 15, "completion_tokens": 3, "estimated_cost": 1.2e-06}


def chunk(text: str | None, finish_reason: str | None = None, usage: Mapping[str, Any] | None = None) -> str:
    choice = {"index": 0, "text": text, "logprobs": None, "finish_reason": finish_reason}
    return json.dumps({**HEAD, "choices": [choice], "usage": usage})


def run(*payloads: str, **kwargs: Any) -> list[StreamPart]:
    parser = CompletionStreamParser(url=URL, usage_converter=convert_usage, **kwargs)
    parts: list[StreamPart] = []
    for payload in payloads:
        parts.extend(parser.feed(payload))
    parts.extend(parser.finish())
    assert parser.finish() == []  # idempotent
    return parts


def test_a_whole_stream() -> None:
    warning = CallWarning("unsupported", "tools")
    parts = run(chunk("Blue"), chunk(""), chunk(" is"), chunk(" nice.", "stop", USAGE), "[DONE]", warnings=[warning])
    assert parts == [
        StreamStart([warning]),
        ResponseMetadata("cmpl-4b7a", "meta-llama/Llama-3-8b", datetime(2024, 11, 27, 5, 20, 55, tzinfo=UTC)),
        TextStart("text-0"),
        TextDelta("text-0", "Blue"),
        TextDelta("text-0", " is"),
        TextDelta("text-0", " nice."),
        TextEnd("text-0"),
        Finish(FinishReason("stop", "stop"), convert_usage(USAGE)),
    ]
    finish = parts[-1]
    assert isinstance(finish, Finish)
    assert finish.usage.raw == USAGE


def test_usage_goes_through_the_injected_converter() -> None:
    seen: list[Any] = []

    def converter(raw: Mapping[str, Any] | None) -> Usage:
        seen.append(raw)
        return Usage(input_tokens=99, cost=0.5)

    parser = CompletionStreamParser(url=URL, usage_converter=converter)
    parser.feed(chunk("x", "length", USAGE))
    finish = parser.finish()[-1]
    assert seen == [USAGE]
    assert finish == Finish(FinishReason("length", "length"), Usage(input_tokens=99, cost=0.5))


def test_usage_in_a_separate_chunk_without_choices() -> None:
    usage_only = json.dumps({**HEAD, "choices": [], "usage": USAGE})
    finish = run(chunk("a", "stop"), usage_only)[-1]
    assert isinstance(finish, Finish)
    assert finish.usage.input_tokens == 12


def test_no_text_means_no_text_block() -> None:
    parts = run(chunk("", "stop"))
    assert [part.type for part in parts] == ["stream-start", "response-metadata", "finish"]


def test_raw_chunks_on_request() -> None:
    parts = run(chunk("a", "stop"), "not json", include_raw_chunks=True)
    raws = [part.raw_value for part in parts if isinstance(part, RawChunk)]
    assert raws[0]["choices"][0]["text"] == "a"
    assert raws[1] == "not json"


def test_an_error_frame_becomes_an_error_part() -> None:
    parts = run(chunk("par"), json.dumps({"error": {"message": "Model busy, retry later", "code": 429}}))
    errors = [part.error for part in parts if isinstance(part, StreamError)]
    assert len(errors) == 1
    assert isinstance(errors[0], APICallError)
    assert errors[0].message == "Model busy, retry later"
    assert errors[0].url == URL
    assert errors[0].is_retryable is False
    assert parts[-2:] == [TextEnd("text-0"), Finish(FinishReason("error", None), convert_usage(None))]


def test_deepinfra_validation_error_frame() -> None:
    frame = json.dumps({"error_type": "validation_error", "error_message": "prompt too long"})
    parts = run(frame)
    error = next(part.error for part in parts if isinstance(part, StreamError))
    assert "prompt too long" in error.message
    assert parts[-1] == Finish(FinishReason("error"), convert_usage(None))
    assert not any(isinstance(part, ResponseMetadata) for part in parts)


def test_an_unparsable_payload_is_an_error_but_text_survives() -> None:
    parts = run(chunk("ok"), "{broken", chunk(" more", "stop"))
    assert [part.delta for part in parts if isinstance(part, TextDelta)] == ["ok", " more"]
    error = next(part.error for part in parts if isinstance(part, StreamError))
    assert isinstance(error, JSONParseError)
    last = parts[-1]
    assert isinstance(last, Finish)
    assert last.finish_reason == FinishReason("error", "stop")


def test_a_stream_cut_short_reports_it() -> None:
    parts = run(chunk("Once upon"))
    error = next(part.error for part in parts if isinstance(part, StreamError))
    assert isinstance(error, InvalidResponseDataError)
    assert "without a finish reason" in error.message
    assert parts[-2:] == [TextEnd("text-0"), Finish(FinishReason("error"), convert_usage(None))]


def test_malformed_chunks_are_errors() -> None:
    for payload in ("[1, 2]", json.dumps({**HEAD, "choices": ["x"]}), chunk(None).replace("null", "5", 1)):
        parts = run(payload)
        assert any(isinstance(part, StreamError) for part in parts), payload
        assert parts[-1] == Finish(FinishReason("error"), convert_usage(None))

"""Shared fixtures for the generate_text / stream_text tests: scripted results, stream parts, tools
and a tiny structured-output spec (the real one lives in ai_sdk.core.output)."""

from __future__ import annotations

import json
from typing import Any

from ai_sdk.core.tool import tool
from ai_sdk.errors import NoObjectGeneratedError
from ai_sdk.spec import (
    Finish,
    FinishReason,
    GenerateResult,
    ModelToolCall,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    ResponseFormat,
    StreamPart,
    StreamStart,
    Text,
    TextDelta,
    TextEnd,
    TextStart,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
    Usage,
)


def usage(input_tokens: int, output_tokens: int, cost: float | None = None) -> Usage:
    return Usage(input_tokens, output_tokens, input_tokens + output_tokens, cost=cost)


def text_result(text: str, *, usage_: Usage | None = None, finish: str = "stop") -> GenerateResult:
    return GenerateResult(content=[Text(text)], finish_reason=FinishReason(finish, finish), usage=usage_ or usage(1, 1))


def tool_calls_result(*calls: tuple[str, str, str], text: str = "", usage_: Usage | None = None) -> GenerateResult:
    content: list[Any] = [Text(text)] if text else []
    content += [ModelToolCall(call_id, name, arguments) for call_id, name, arguments in calls]
    return GenerateResult(
        content=content, finish_reason=FinishReason("tool-calls", "tool_calls"), usage=usage_ or usage(1, 1)
    )


def text_parts(block_id: str, *deltas: str) -> list[StreamPart]:
    return [TextStart(block_id), *(TextDelta(block_id, delta) for delta in deltas), TextEnd(block_id)]


def reasoning_parts(block_id: str, *deltas: str) -> list[StreamPart]:
    return [ReasoningStart(block_id), *(ReasoningDelta(block_id, delta) for delta in deltas), ReasoningEnd(block_id)]


def tool_call_parts(call_id: str, name: str, arguments: str) -> list[StreamPart]:
    return [
        ToolInputStart(call_id, name),
        ToolInputDelta(call_id, arguments),
        ToolInputEnd(call_id),
        ModelToolCall(call_id, name, arguments),
    ]


def finish(reason: str, usage_: Usage) -> Finish:
    return Finish(FinishReason(reason, reason.replace("-", "_")), usage_)


def text_stream_parts(*deltas: str, usage_: Usage | None = None) -> list[StreamPart]:
    return [StreamStart(), *text_parts("t0", *deltas), finish("stop", usage_ or usage(1, 1))]


@tool
def weather(city: str) -> dict[str, Any]:
    """The weather in a city."""
    return {"city": city, "sky": "sunny"}


@tool
def explode(reason: str) -> str:
    """A tool that always fails."""
    raise RuntimeError(f"boom: {reason}")


class FakeJSONOutput:
    """A minimal structured-output spec: JSON objects, partials by closing open braces/strings."""

    def __init__(self) -> None:
        self.complete_calls = 0

    def response_format(self) -> ResponseFormat:
        return ResponseFormat("json", schema={"type": "object"})

    def parse_complete(self, text: str, *, response: Any, usage: Any, finish_reason: str) -> Any:
        self.complete_calls += 1
        try:
            return json.loads(text)
        except ValueError as error:
            raise NoObjectGeneratedError(
                text=text, response=response, usage=usage, finish_reason=finish_reason, cause=error
            ) from error

    def parse_partial(self, text: str) -> Any | None:
        for suffix in ("", "}", '"}'):
            try:
                return json.loads(text + suffix)
            except ValueError:
                continue
        return None

"""One-line mock models: ``mock_model("Hello!")`` answers every call with that text, streamed or not.

:class:`MockLanguageModel` takes spec records (``GenerateResult``, stream parts), which is exact but
verbose for the common case of "the model says this" or "the model calls that tool". The helpers here
build those records from plain values, so the same reply serves ``generate_text`` and ``stream_text``::

    model = mock_model(
        reply(tool_calls=[tool_call("weather", {"city": "Berlin"})]),  # step 1: call the tool
        "It is sunny in Berlin.",                                      # step 2: answer
    )
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import orjson

from ..spec.errors import InvalidArgumentError
from ..spec.language_model import (
    CallOptions,
    Content,
    Finish,
    GenerateResult,
    ModelToolCall,
    Reasoning,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    StreamPart,
    StreamStart,
    Text,
    TextDelta,
    TextEnd,
    TextStart,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
)
from ..spec.shared import FinishReason, FinishReasonType, JSONValue, Usage
from .mock_models import MockLanguageModel

__all__ = ["MockReply", "MockToolCall", "mock_model", "reply", "tool_call"]

_WORD = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True, slots=True, kw_only=True)
class MockToolCall:
    """A tool call a mock model makes: the tool's name, its input and the call id (made up when left out)."""

    tool_name: str
    input: JSONValue
    tool_call_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MockReply:
    """What a mock model answers to one call: text (streamed in ``chunks``), reasoning, tool calls, usage
    and finish reason. Build it with :func:`reply`."""

    text: str = ""
    chunks: Sequence[str] | None = None
    reasoning: str = ""
    tool_calls: Sequence[MockToolCall] = ()
    usage: Usage = field(default_factory=lambda: Usage(input_tokens=10, output_tokens=20, total_tokens=30))
    finish_reason: FinishReasonType | None = None


def tool_call(tool_name: str, input: JSONValue, *, tool_call_id: str | None = None) -> MockToolCall:
    """A tool call for :func:`reply`: ``tool_call("weather", {"city": "Berlin"})``."""
    return MockToolCall(tool_name=tool_name, input=input, tool_call_id=tool_call_id)


def reply(
    text: str = "",
    *,
    chunks: Sequence[str] | None = None,
    reasoning: str = "",
    tool_calls: Sequence[MockToolCall] = (),
    usage: Usage | None = None,
    finish_reason: FinishReasonType | None = None,
) -> MockReply:
    """One answer of a mock model.

    Args:
        text: The answer's text.
        chunks: How ``stream_text`` receives the text (default: word by word). They must join to ``text``
            (``text`` may be left out when ``chunks`` is given).
        reasoning: Reasoning the model shows before its answer.
        tool_calls: Calls the model makes (see :func:`tool_call`).
        usage: Token usage (default: 10 input, 20 output tokens).
        finish_reason: Default: ``"tool-calls"`` when there are tool calls, else ``"stop"``.
    """
    if chunks is not None:
        joined = "".join(chunks)
        if text and text != joined:
            raise InvalidArgumentError(
                f"reply(): the chunks join to {joined!r}, not to text={text!r}; pass one of them or make them agree",
                argument="chunks",
            )
        text = joined
    return MockReply(
        text=text,
        chunks=chunks,
        reasoning=reasoning,
        tool_calls=tuple(tool_calls),
        usage=usage if usage is not None else MockReply().usage,
        finish_reason=finish_reason,
    )


def mock_model(*replies: str | MockReply, model_id: str = "mock-model-id") -> MockLanguageModel:
    """A :class:`MockLanguageModel` that answers with ``replies``, for ``generate_text`` and ``stream_text``
    alike. One reply answers every call; several answer one call each, in order (a call past the last
    raises :class:`~ai_sdk.errors.InvalidArgumentError`). A string is ``reply(text)``.

    ``model.calls`` records every call's options, as with any mock.
    """
    if not replies:
        raise InvalidArgumentError(
            "mock_model() needs at least one reply, e.g. mock_model('Hello!')", argument="replies"
        )
    answers = [reply(r) if isinstance(r, str) else r for r in replies]
    ids = itertools.count(1)
    calls_made = itertools.count()

    def pick() -> MockReply:
        index = next(calls_made)
        if len(answers) == 1:
            return answers[0]
        if index >= len(answers):
            raise InvalidArgumentError(
                f"mock_model got call #{index + 1} but has only {len(answers)} replies; add more",
                argument="replies",
            )
        return answers[index]

    def generate(options: CallOptions) -> GenerateResult:
        return _generate_result(pick(), ids)

    def stream(options: CallOptions) -> list[StreamPart]:
        return _stream_parts(pick(), ids)

    return MockLanguageModel(do_generate=generate, do_stream=stream, model_id=model_id)


def _finish_reason(answer: MockReply) -> FinishReason:
    unified: FinishReasonType = answer.finish_reason or ("tool-calls" if answer.tool_calls else "stop")
    return FinishReason(unified=unified, raw=unified)


def _call_id(call: MockToolCall, ids: itertools.count[int]) -> str:
    return call.tool_call_id or f"call_{next(ids)}"


def _generate_result(answer: MockReply, ids: itertools.count[int]) -> GenerateResult:
    content: list[Content] = []
    if answer.reasoning:
        content.append(Reasoning(text=answer.reasoning))
    if answer.text:
        content.append(Text(text=answer.text))
    content.extend(
        ModelToolCall(tool_call_id=_call_id(call, ids), tool_name=call.tool_name, input=_json(call.input))
        for call in answer.tool_calls
    )
    return GenerateResult(content=content, finish_reason=_finish_reason(answer), usage=answer.usage)


def _stream_parts(answer: MockReply, ids: itertools.count[int]) -> list[StreamPart]:
    parts: list[StreamPart] = [StreamStart()]
    if answer.reasoning:
        parts += [ReasoningStart(id="r0"), ReasoningDelta(id="r0", delta=answer.reasoning), ReasoningEnd(id="r0")]
    if answer.text:
        chunks = answer.chunks if answer.chunks is not None else _WORD.findall(answer.text)
        parts.append(TextStart(id="t0"))
        parts += [TextDelta(id="t0", delta=chunk) for chunk in chunks if chunk]
        parts.append(TextEnd(id="t0"))
    for call in answer.tool_calls:
        call_id = _call_id(call, ids)
        arguments = _json(call.input)
        parts += [
            ToolInputStart(id=call_id, tool_name=call.tool_name),
            ToolInputDelta(id=call_id, delta=arguments),
            ToolInputEnd(id=call_id),
            ModelToolCall(tool_call_id=call_id, tool_name=call.tool_name, input=arguments),
        ]
    parts.append(Finish(finish_reason=_finish_reason(answer), usage=answer.usage))
    return parts


def _json(value: JSONValue) -> str:
    return orjson.dumps(value).decode()

"""Running one call through all four drivers (generate / stream x blocking / async) for the agent-layer
tests: each returns the final result and, for streams, every ``full_stream`` part."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk.core.generate_text import GenerateTextResult, generate_text, generate_text_sync
from ai_sdk.core.stream_text import stream_text, stream_text_sync
from ai_sdk.spec import GenerateResult, ModelToolCall, StreamPart, StreamStart, Text
from ai_sdk.testing import MockLanguageModel

from .generation_helpers import finish, text_parts, tool_call_parts

VARIANTS = ["generate-sync", "generate-async", "stream-sync", "stream-async"]


@pytest.fixture(params=VARIANTS)
def variant(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def is_async(variant: str) -> bool:
    return variant.endswith("async")


def is_stream(variant: str) -> bool:
    return variant.startswith("stream")


async def run(variant: str, **arguments: Any) -> tuple[GenerateTextResult[Any], list[Any]]:
    """The result of the call (a stream's final values as a result) and the stream's parts ([] for generate)."""
    if variant == "generate-sync":
        return generate_text_sync(**arguments), []
    if variant == "generate-async":
        return await generate_text(**arguments), []
    if variant == "stream-sync":
        blocking = stream_text_sync(**arguments)
        parts = list(blocking.full_stream)
        return GenerateTextResult(blocking.steps), parts
    streamed = stream_text(**arguments)
    parts = [part async for part in streamed.full_stream]
    return GenerateTextResult(await streamed.steps), parts


def part_types(parts: list[Any]) -> list[str]:
    return [part.type for part in parts]


def scripted(*answers: GenerateResult) -> MockLanguageModel:
    """A mock model giving ``answers`` one per call, generated or streamed (the same content)."""
    return MockLanguageModel(do_generate=list(answers), do_stream=[as_stream(answer) for answer in answers])


def as_stream(result: GenerateResult) -> list[StreamPart]:
    parts: list[StreamPart] = [StreamStart()]
    for index, item in enumerate(result.content):
        if isinstance(item, Text):
            parts += text_parts(f"t{index}", item.text)
        elif isinstance(item, ModelToolCall):
            parts += tool_call_parts(item.tool_call_id, item.tool_name, item.input)
    return [*parts, finish(result.finish_reason.unified, result.usage)]

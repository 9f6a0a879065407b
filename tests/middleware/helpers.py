"""Drivers that run one test body through either API, at the model level and through the core."""

from __future__ import annotations

from typing import Any

from ai_sdk import generate_text, stream_text
from ai_sdk.spec import CallOptions, Finish, FinishReason, GenerateResult, LanguageModel, StreamPart, Usage, UserMessage
from ai_sdk.sync import generate_text as generate_text_sync
from ai_sdk.sync import stream_text as stream_text_sync

OPTIONS = CallOptions(prompt=[UserMessage("Hi")])
USAGE = Usage(input_tokens=3, output_tokens=5, total_tokens=8, cost=1.5e-6)
STOP = FinishReason("stop", "stop")


def finish() -> Finish:
    return Finish(finish_reason=STOP, usage=USAGE)


async def do_generate(mode: str, model: LanguageModel, options: CallOptions = OPTIONS) -> GenerateResult:
    if mode == "sync":
        return model.do_generate_sync(options)
    return await model.do_generate(options)


async def do_stream(mode: str, model: LanguageModel, options: CallOptions = OPTIONS) -> list[StreamPart]:
    """All parts of one ``do_stream`` call."""
    if mode == "sync":
        return list(model.do_stream_sync(options).stream)
    return [part async for part in (await model.do_stream(options)).stream]


async def text_and_reasoning(mode: str, stream: bool, **kwargs: Any) -> tuple[str, str | None]:
    """``(text, reasoning_text)`` of a generate_text or stream_text call in that API."""
    if mode == "sync":
        if stream:
            streamed = stream_text_sync(**kwargs)
            return streamed.text, streamed.reasoning_text
        result = generate_text_sync(**kwargs)
        return result.text, result.reasoning_text
    if stream:
        astreamed = stream_text(**kwargs)
        return await astreamed.text, await astreamed.reasoning_text
    aresult = await generate_text(**kwargs)
    return aresult.text, aresult.reasoning_text

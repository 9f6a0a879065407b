"""Streaming for models that cannot stream: ``do_stream`` makes a ``do_generate`` call and replays its
result as a stream, so ``stream_text`` and the UI code built on it work with any model."""

from __future__ import annotations

from ..spec.language_model import (
    AsyncPartStream,
    CallOptions,
    Finish,
    GenerateResult,
    LanguageModel,
    PartStream,
    Reasoning,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    ResponseMetadata,
    StreamPart,
    StreamResult,
    StreamStart,
    Text,
    TextDelta,
    TextEnd,
    TextStart,
)
from .language_model import DoGenerate, DoGenerateSync, DoStream, DoStreamSync, LanguageModelMiddleware
from .part_streams import PartList

__all__ = ["generate_result_parts", "simulate_streaming_middleware"]


def generate_result_parts(result: GenerateResult) -> list[StreamPart]:
    """The stream parts that would have carried ``result``: one block per text or reasoning part."""
    response = result.response
    parts: list[StreamPart] = [
        StreamStart(warnings=result.warnings),
        ResponseMetadata(id=response.id, model_id=response.model_id, timestamp=response.timestamp),
    ]
    for index, content in enumerate(result.content):
        block_id = str(index)
        if isinstance(content, Text):
            if content.text:
                metadata = content.provider_metadata
                parts.append(TextStart(id=block_id, provider_metadata=metadata))
                parts.append(TextDelta(id=block_id, delta=content.text))
                parts.append(TextEnd(id=block_id))
        elif isinstance(content, Reasoning):
            parts.append(ReasoningStart(id=block_id, provider_metadata=content.provider_metadata))
            parts.append(ReasoningDelta(id=block_id, delta=content.text))
            parts.append(ReasoningEnd(id=block_id))
        else:
            parts.append(content)
    parts.append(
        Finish(finish_reason=result.finish_reason, usage=result.usage, provider_metadata=result.provider_metadata)
    )
    return parts


class _SimulateStreaming(LanguageModelMiddleware):
    def __repr__(self) -> str:
        return "simulate_streaming_middleware()"

    async def wrap_stream(
        self, *, do_generate: DoGenerate, do_stream: DoStream, params: CallOptions, model: LanguageModel
    ) -> StreamResult[AsyncPartStream]:
        result = await do_generate()
        return StreamResult(
            stream=PartList(generate_result_parts(result)), request=result.request, response=result.response
        )

    def wrap_stream_sync(
        self, *, do_generate: DoGenerateSync, do_stream: DoStreamSync, params: CallOptions, model: LanguageModel
    ) -> StreamResult[PartStream]:
        result = do_generate()
        return StreamResult(
            stream=PartList(generate_result_parts(result)), request=result.request, response=result.response
        )


def simulate_streaming_middleware() -> LanguageModelMiddleware:
    """Middleware that answers ``do_stream`` with one ``do_generate`` call, replayed as a stream."""
    return _SimulateStreaming()

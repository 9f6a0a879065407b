"""Shared by the chat and DeepInfra tests: fixture files, and one way to drive a model that works for
the blocking and the async API alike (tests parametrize over ``mode``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ai_sdk.http.sse import SSEDecoder
from ai_sdk.openai_compatible.chat.stream_parser import ChatStreamParser
from ai_sdk.spec import CallOptions, GenerateResult, StreamError, StreamPart, StreamResult
from ai_sdk.testing.mock_transport import MockResponse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "deepinfra"
MODES = ["sync", "async"]


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def sse_response(name: str, *, split: int | None = None, headers: dict[str, str] | None = None) -> MockResponse:
    """A fixture stream as a streamed answer, arriving whole or in pieces of ``split`` bytes."""
    data = fixture_bytes(name)
    chunks = [data] if split is None else [data[i : i + split] for i in range(0, len(data), split)]
    return MockResponse(200, {"content-type": "text/event-stream", **(headers or {})}, chunks=chunks)


def json_response(name: str, status: int = 200, headers: dict[str, str] | None = None) -> MockResponse:
    return MockResponse(status, {"content-type": "application/json", **(headers or {})}, fixture_bytes(name))


def parse_chunks(chunks: list[bytes], **parser_options: Any) -> list[StreamPart]:
    """The parts a byte stream yields through the SSE decoder and the chat stream parser."""
    decoder = SSEDecoder()
    parser = ChatStreamParser(url="https://example.test/chat/completions", **parser_options)
    parts: list[StreamPart] = []
    for chunk in chunks:
        for payload in decoder.feed(chunk):
            parts.extend(parser.feed(payload))
    for payload in decoder.finish():
        parts.extend(parser.feed(payload))
    parts.extend(parser.finish())
    return parts


def comparable(parts: list[StreamPart]) -> list[Any]:
    """Parts with errors reduced to (type, message): exceptions compare by identity."""
    return [
        ("error", type(part.error).__name__, str(part.error)) if isinstance(part, StreamError) else part
        for part in parts
    ]


async def generate(model: Any, options: CallOptions, mode: str) -> GenerateResult:
    if mode == "sync":
        return model.do_generate_sync(options)
    return await model.do_generate(options)


async def stream(model: Any, options: CallOptions, mode: str) -> tuple[StreamResult[Any], list[StreamPart]]:
    if mode == "sync":
        result = model.do_stream_sync(options)
        return result, list(result.stream)
    result = await model.do_stream(options)
    return result, [part async for part in result.stream]

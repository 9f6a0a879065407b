"""The exact UI message stream (chunks, SSE bytes, headers) of a scripted emulator conversation with
reasoning, two tools (one fails), text and a stream error, in both APIs."""

from __future__ import annotations

from typing import Any

from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.ui.responses import (
    SyncUIMessageStreamBody,
    UIMessageStreamBody,
    create_ui_message_stream_response,
    create_ui_message_stream_response_sync,
)

from .helpers import collect, script_conversation, sse_frames, start, ui_stream, wire


def _deltas(kind: str, key: str, call_or_id: str, pieces: list[str]) -> list[dict[str, Any]]:
    id_key = "toolCallId" if kind == "tool-input-delta" else "id"
    return [{"type": kind, id_key: call_or_id, key: piece} for piece in pieces]


EXPECTED: list[dict[str, Any]] = [
    {"type": "start"},
    {"type": "start-step"},
    {"type": "reasoning-start", "id": "reasoning-0"},
    *_deltas("reasoning-delta", "delta", "reasoning-0", ["Check", " both", "."]),
    {"type": "tool-input-start", "toolCallId": "call_1", "toolName": "weather"},
    *_deltas("tool-input-delta", "inputTextDelta", "call_1", ['{"', "city", '":', ' "', "Paris", '"}']),
    {"type": "tool-input-start", "toolCallId": "call_2", "toolName": "stock_price"},
    *_deltas("tool-input-delta", "inputTextDelta", "call_2", ['{"', "symbol", '":', ' "', "NVDA", '"}']),
    {"type": "reasoning-end", "id": "reasoning-0"},
    {"type": "tool-input-available", "toolCallId": "call_1", "toolName": "weather", "input": {"city": "Paris"}},
    {"type": "tool-input-available", "toolCallId": "call_2", "toolName": "stock_price", "input": {"symbol": "NVDA"}},
    {"type": "tool-output-available", "toolCallId": "call_1", "output": {"city": "Paris", "temperature_c": 21}},
    {"type": "tool-output-error", "toolCallId": "call_2", "errorText": "An error occurred."},
    {"type": "finish-step"},
    {"type": "start-step"},
    {"type": "text-start", "id": "text-0"},
    {"type": "text-delta", "id": "text-0", "delta": "Paris"},
    {"type": "text-delta", "id": "text-0", "delta": " is"},
    {"type": "error", "errorText": "An error occurred."},
    {"type": "text-end", "id": "text-0"},
    {"type": "finish-step"},
    {"type": "finish", "finishReason": "error"},
]

HEADERS = {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    "connection": "keep-alive",
    "x-vercel-ai-ui-message-stream": "v1",
    "x-accel-buffering": "no",
}


async def test_the_exact_chunk_sequence(mode: str) -> None:
    with DeepInfraEmulator() as emu:
        script_conversation(emu)
        chunks = await wire(ui_stream(start(mode, emu)))
    assert chunks == EXPECTED


async def test_sse_body_bytes_and_headers(mode: str) -> None:
    with DeepInfraEmulator() as emu:
        script_conversation(emu)
        result = start(mode, emu)
        stream = ui_stream(result)
        body = UIMessageStreamBody(stream) if mode == "async" else SyncUIMessageStreamBody(stream)
        raw = b"".join(await collect(body))
    assert body.headers == HEADERS
    assert body.status == 200
    assert raw.startswith(b'data: {"type":"start"}\n\ndata: {"type":"start-step"}\n\n')
    assert raw.endswith(b'data: {"type":"finish","finishReason":"error"}\n\ndata: [DONE]\n\n')
    assert sse_frames(raw) == [*EXPECTED, "[DONE]"]


async def test_no_server_detail_reaches_the_client_by_default(mode: str) -> None:
    with DeepInfraEmulator() as emu:
        script_conversation(emu)
        stream = ui_stream(start(mode, emu))
        body = UIMessageStreamBody(stream) if mode == "async" else SyncUIMessageStreamBody(stream)
        raw = b"".join(await collect(body))
    assert b"sk-secret" not in raw
    assert b"ui-test-key" not in raw
    assert b"Traceback" not in raw


async def test_on_error_decides_the_error_texts(mode: str) -> None:
    seen: list[BaseException] = []

    def on_error(error: Any) -> str:
        seen.append(error)
        return f"failed: {type(error).__name__}"

    with DeepInfraEmulator() as emu:
        script_conversation(emu)
        chunks = await wire(ui_stream(start(mode, emu), on_error=on_error))
    errors = [chunk for chunk in chunks if "errorText" in chunk]
    assert errors == [
        {"type": "tool-output-error", "toolCallId": "call_2", "errorText": "failed: ToolExecutionError"},
        {"type": "error", "errorText": "failed: APICallError"},
    ]
    assert len(seen) == 2


async def test_options_leave_out_reasoning_start_and_finish(mode: str) -> None:
    with DeepInfraEmulator() as emu:
        script_conversation(emu)
        chunks = await wire(ui_stream(start(mode, emu), send_reasoning=False, send_start=False, send_finish=False))
    expected = [
        chunk
        for chunk in EXPECTED
        if not chunk["type"].startswith("reasoning-") and chunk["type"] not in ("start", "finish")
    ]
    assert chunks == expected


async def test_message_metadata_rides_on_start_finish_and_follows_other_parts(mode: str) -> None:
    def metadata(part: Any) -> Any:
        if part.type == "start":
            return {"model": "r1"}
        if part.type == "finish":
            return {"usage": part.total_usage.total_tokens is not None}
        if part.type == "finish-step":
            return {"step": "done"}
        return None

    with DeepInfraEmulator() as emu:
        script_conversation(emu)
        chunks = await wire(ui_stream(start(mode, emu), message_metadata=metadata))
    assert chunks[0] == {"type": "start", "messageMetadata": {"model": "r1"}}
    assert chunks[-1] == {"type": "finish", "finishReason": "error", "messageMetadata": {"usage": True}}
    steps = [i for i, chunk in enumerate(chunks) if chunk["type"] == "finish-step"]
    assert all(chunks[i + 1] == {"type": "message-metadata", "messageMetadata": {"step": "done"}} for i in steps)
    assert sum(chunk["type"] == "message-metadata" for chunk in chunks) == 2


async def test_starlette_response_headers_and_body(mode: str) -> None:
    from starlette.applications import Starlette
    from starlette.routing import Route
    from starlette.testclient import TestClient

    emu = DeepInfraEmulator().start()

    async def endpoint(request: Any) -> Any:
        result = start(mode, emu)
        if mode == "async":
            return result.to_ui_message_stream_response(headers={"X-Chat": "1"})
        return result.to_ui_message_stream_response(status=201)

    try:
        script_conversation(emu)
        with TestClient(Starlette(routes=[Route("/api/chat", endpoint, methods=["POST"])])) as client:
            response = client.post("/api/chat", json={})
    finally:
        emu.stop()
    assert response.status_code == (200 if mode == "async" else 201)
    expected_headers = {**HEADERS, **({"x-chat": "1"} if mode == "async" else {})}
    assert {name: response.headers[name] for name in expected_headers} == expected_headers
    assert sse_frames(response.content) == [*EXPECTED, "[DONE]"]


async def test_stream_functions_give_the_same_response(mode: str) -> None:
    from starlette.applications import Starlette
    from starlette.routing import Route
    from starlette.testclient import TestClient

    emu = DeepInfraEmulator().start()

    async def endpoint(request: Any) -> Any:
        stream = ui_stream(start(mode, emu))
        if mode == "async":
            return create_ui_message_stream_response(stream=stream)
        return create_ui_message_stream_response_sync(stream=stream)

    try:
        script_conversation(emu)
        with TestClient(Starlette(routes=[Route("/", endpoint)])) as client:
            response = client.get("/")
    finally:
        emu.stop()
    assert {name: response.headers[name] for name in HEADERS} == HEADERS
    assert sse_frames(response.content) == [*EXPECTED, "[DONE]"]


async def test_text_stream_response(mode: str) -> None:
    from starlette.applications import Starlette
    from starlette.routing import Route
    from starlette.testclient import TestClient

    emu = DeepInfraEmulator().start()

    async def endpoint(request: Any) -> Any:
        return start(mode, emu, tools=None).to_text_stream_response(headers={"x-a": "b"})

    try:
        emu.chat.reply_text("Hello there.")
        with TestClient(Starlette(routes=[Route("/", endpoint)])) as client:
            response = client.get("/")
    finally:
        emu.stop()
    assert response.text == "Hello there."
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.headers["x-a"] == "b"


async def test_bodies_from_the_result(mode: str) -> None:
    with DeepInfraEmulator() as emu:
        script_conversation(emu)
        body = start(mode, emu).to_ui_message_stream_body(status=202, send_reasoning=False)
        raw = b"".join(await collect(body))
        emu.chat.reply_text("Plain.")
        text_body = start(mode, emu, tools=None).to_text_stream_body()
        text = b"".join(await collect(text_body))
    assert (body.status, body.headers) == (202, HEADERS)
    assert sse_frames(raw)[2] == EXPECTED[6]
    assert text == b"Plain."
    assert text_body.headers == {"content-type": "text/plain; charset=utf-8"}

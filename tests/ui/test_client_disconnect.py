"""A client that goes away mid-answer: the model's stream is closed and ``on_finish`` runs with
``is_aborted`` when the server notices, through Starlette responses and WSGI bodies alike, without
waiting for the garbage collector (which could leave the model generating, and billing, for minutes)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from typing import Any

import pytest

from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.ui import UIMessageStreamFinish

from .helpers import start

LONG_ANSWER = " ".join(["word"] * 200)


@pytest.fixture
def no_garbage_collector() -> Iterator[None]:
    """What is left to the garbage collector stays open here, as it may for long in a server."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


async def serve_until_the_client_leaves(response: Any) -> list[bytes]:
    """Runs a Starlette response as an ASGI server does; the client disconnects after the first frame."""
    sent: list[bytes] = []
    first_frame = asyncio.Event()

    async def receive() -> dict[str, Any]:
        await first_frame.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.body" and message["body"]:
            sent.append(message["body"])
            first_frame.set()

    # spec 2.3, as uvicorn announces: Starlette watches receive() for the disconnect
    await response({"type": "http", "asgi": {"spec_version": "2.3"}}, receive, send)
    return sent


@pytest.mark.usefixtures("no_garbage_collector")
async def test_a_starlette_response_closes_the_model_stream_when_the_client_leaves(mode: str) -> None:
    finished: list[UIMessageStreamFinish] = []
    with DeepInfraEmulator() as emu:
        emu.chat.reply_text(LONG_ANSWER, chunk_delay=0.01)
        result = start(mode, emu, tools=None)
        response = result.to_ui_message_stream_response(on_finish=finished.append)
        sent = await serve_until_the_client_leaves(response)
        assert sent[0] == b'data: {"type":"start"}\n\n'
        assert b"[DONE]" not in b"".join(sent)
        assert [event.is_aborted for event in finished] == [True]
        assert "closed" in repr(result) or "aborted" in repr(result)


@pytest.mark.usefixtures("no_garbage_collector")
async def test_a_starlette_text_response_closes_the_model_stream_when_the_client_leaves(mode: str) -> None:
    with DeepInfraEmulator() as emu:
        emu.chat.reply_text(LONG_ANSWER, chunk_delay=0.01)
        result = start(mode, emu, tools=None)
        sent = await serve_until_the_client_leaves(result.to_text_stream_response())
        assert sent[0].startswith(b"word")
        assert "closed" in repr(result) or "aborted" in repr(result)


@pytest.mark.usefixtures("no_garbage_collector")
def test_a_wsgi_server_closing_the_body_closes_the_model_stream() -> None:
    # PEP 3333: the server calls close() on the body when the client goes away; Flask and Django
    # pass that call on to the iterable they were given
    from werkzeug.test import create_environ
    from werkzeug.wrappers import Response

    def start_response(*arguments: Any) -> Any:
        return None

    finished: list[UIMessageStreamFinish] = []
    with DeepInfraEmulator() as emu:
        emu.chat.reply_text(LONG_ANSWER, chunk_delay=0.01)
        result = start("sync", emu, tools=None)
        body = result.to_ui_message_stream_body(on_finish=finished.append)
        app_iter = Response(body, headers=body.headers)(create_environ(), start_response)
        frames = [next(iter(app_iter)) for _ in range(4)]
        app_iter.close()  # type: ignore[attr-defined]
        assert frames[0] == b'data: {"type":"start"}\n\n'
        assert [event.is_aborted for event in finished] == [True]
        assert "closed" in repr(result) or "aborted" in repr(result)


async def test_an_async_on_finish_runs_to_its_end_when_the_client_leaves() -> None:
    # Starlette cancels the response's task through anyio, which cancelled on_finish again at its first
    # await: the conversation of a client that left was never stored
    from ai_sdk.ui import create_ui_message_stream, create_ui_message_stream_response

    stored: list[bool] = []

    async def store(event: UIMessageStreamFinish) -> None:
        await asyncio.sleep(0)  # a database write, say
        await asyncio.sleep(0)
        stored.append(event.is_aborted)

    with DeepInfraEmulator() as emu:
        emu.chat.reply_text(LONG_ANSWER, chunk_delay=0.01)
        response = start("async", emu, tools=None).to_ui_message_stream_response(on_finish=store)
        await serve_until_the_client_leaves(response)
        assert stored == [True]

        emu.chat.reply_text(LONG_ANSWER, chunk_delay=0.01)
        result = start("async", emu, tools=None)

        def execute(writer: Any) -> None:
            writer.merge(result.to_ui_message_stream(on_finish=store))

        stream = create_ui_message_stream(execute=execute, on_finish=store)
        await serve_until_the_client_leaves(create_ui_message_stream_response(stream=stream))
        for _ in range(500):  # the merged stream's task was cancelled: it finishes on the loop's next turns
            if len(stored) == 3:
                break
            await asyncio.sleep(0.01)
        assert stored == [True, True, True]

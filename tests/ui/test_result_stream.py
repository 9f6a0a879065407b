"""A stream_text result's UI message stream, persistence side: message ids, on_finish with the final
messages (new and continued), the client going away; read_ui_message_stream; text stream bodies."""

from __future__ import annotations

from typing import Any

from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator import Reply, ToolCallReply
from ai_sdk.ui import UIMessage, UIMessageStreamFinish
from ai_sdk.ui.read import read_ui_message_stream, read_ui_message_stream_sync
from ai_sdk.ui.responses import SyncTextStreamBody, TextStreamBody

from .helpers import collect, script_conversation, start, ui_stream, wire

USER = {"id": "u1", "role": "user", "parts": [{"type": "text", "text": "Weather?"}]}


async def test_on_finish_gets_the_conversation_to_persist(mode: str) -> None:
    finished: list[UIMessageStreamFinish] = []
    with DeepInfraEmulator() as emu:
        script_conversation(emu)
        chunks = await wire(
            ui_stream(
                start(mode, emu),
                original_messages=[USER],
                generate_message_id=lambda: "msg_new",
                on_finish=finished.append,
            )
        )
    assert chunks[0] == {"type": "start", "messageId": "msg_new"}
    (event,) = finished
    assert [message.to_dict() for message in event.messages[:1]] == [USER]
    response = event.response_message.to_dict()
    assert response["id"] == "msg_new"
    assert [part["type"] for part in response["parts"]] == [
        "step-start",
        "reasoning",
        "tool-weather",
        "tool-stock_price",
        "step-start",
        "text",
    ]
    assert response["parts"][2]["output"] == {"city": "Paris", "temperature_c": 21}
    assert response["parts"][3] | {} == {
        "type": "tool-stock_price",
        "toolCallId": "call_2",
        "state": "output-error",
        "input": {"symbol": "NVDA"},
        "errorText": "An error occurred.",
    }
    assert response["parts"][5] == {"type": "text", "text": "Paris is", "state": "done"}
    assert event.finish_reason == "error"
    assert not event.is_continuation
    assert not event.is_aborted


async def test_a_continued_assistant_message_keeps_its_id(mode: str) -> None:
    finished: list[UIMessageStreamFinish] = []
    earlier = {"id": "a1", "role": "assistant", "parts": [{"type": "text", "text": "Let me see.", "state": "done"}]}
    with DeepInfraEmulator() as emu:
        emu.chat.reply_text("Done.")
        chunks = await wire(
            ui_stream(
                start(mode, emu, tools=None),
                original_messages=[USER, earlier],
                generate_message_id="unused",
                on_finish=finished.append,
            )
        )
    assert chunks[0] == {"type": "start", "messageId": "a1"}
    (event,) = finished
    assert event.is_continuation
    assert [message.id for message in event.messages] == ["u1", "a1"]
    texts = [part.to_dict() for part in event.response_message.parts if part.type == "text"]
    assert texts == [earlier["parts"][0], {"type": "text", "text": "Done.", "state": "done"}]


async def test_without_original_messages_the_client_makes_the_id(mode: str) -> None:
    with DeepInfraEmulator() as emu:
        emu.chat.reply_text("Hi.")
        chunks = await wire(ui_stream(start(mode, emu, tools=None), generate_message_id=lambda: "x"))
    assert chunks[0] == {"type": "start"}


async def test_the_client_going_away_closes_the_model_stream_and_finishes_aborted(mode: str) -> None:
    finished: list[UIMessageStreamFinish] = []
    with DeepInfraEmulator() as emu:
        emu.chat.reply_text("one two three four five six seven", chunk_delay=0.01)
        result = start(mode, emu, tools=None)
        stream = ui_stream(result, original_messages=[USER], on_finish=finished.append)
        if mode == "sync":
            seen = [next(stream) for _ in range(4)]
            stream.close()
        else:
            seen = [await anext(stream) for _ in range(4)]
            await stream.aclose()
        assert seen[-1].type == "text-delta"
        assert "closed" in repr(result) or "aborted" in repr(result)
    (event,) = finished
    assert event.is_aborted
    assert event.response_message.parts[-1].to_dict() == {"type": "text", "text": "one", "state": "streaming"}


async def test_read_ui_message_stream_gives_each_state(mode: str) -> None:
    chunks = [
        {"type": "start", "messageId": "m"},
        {"type": "text-start", "id": "t"},
        {"type": "text-delta", "id": "t", "delta": "Hel"},
        {"type": "text-delta", "id": "t", "delta": "lo"},
        {"type": "text-end", "id": "t"},
        {"type": "finish"},
    ]
    if mode == "sync":
        states = list(read_ui_message_stream_sync(chunks))
    else:

        async def source() -> Any:
            for chunk in chunks:
                yield chunk

        states = [state async for state in read_ui_message_stream(source())]
    assert all(isinstance(state, UIMessage) for state in states)
    assert [[part.to_dict() for part in state.parts] for state in states] == [
        [],
        [{"type": "text", "text": "", "state": "streaming"}],
        [{"type": "text", "text": "Hel", "state": "streaming"}],
        [{"type": "text", "text": "Hello", "state": "streaming"}],
        [{"type": "text", "text": "Hello", "state": "done"}],
    ]
    assert states[0].id == "m"


async def test_text_stream_bodies(mode: str) -> None:
    with DeepInfraEmulator() as emu:
        emu.chat.reply_text("Hello there, café.")
        result = start(mode, emu, tools=None)
        stream = result.text_stream
        body = TextStreamBody(stream) if mode == "async" else SyncTextStreamBody(stream, headers={"X-A": "1"})
        data = b"".join(await collect(body))
    assert data == "Hello there, café.".encode()
    expected = {"content-type": "text/plain; charset=utf-8", **({"x-a": "1"} if mode == "sync" else {})}
    assert body.headers == expected


async def test_a_generator_tool_s_finished_call_is_stored_finished_and_converts_back(mode: str) -> None:
    from ai_sdk import convert_to_model_messages, step_count_is, tool

    if mode == "sync":

        @tool
        def search(q: str) -> Any:
            """Search.

            Args:
                q: The query.
            """
            yield {"status": "searching"}
            yield {"hits": 3}

    else:

        @tool
        async def search(q: str) -> Any:
            """Search.

            Args:
                q: The query.
            """
            yield {"status": "searching"}
            yield {"hits": 3}

    finished: list[UIMessageStreamFinish] = []
    with DeepInfraEmulator() as emu:
        emu.chat.queue(Reply(tool_calls=[ToolCallReply("search", {"q": "x"}, id="c1")]), Reply(text="3 hits."))
        result = start(mode, emu, tools=[search], stop_when=step_count_is(2))
        await collect(ui_stream(result, original_messages=[USER], on_finish=finished.append))
    (event,) = finished
    call = event.response_message.to_dict()["parts"][1]
    assert call == {
        "type": "tool-search",
        "toolCallId": "c1",
        "state": "output-available",
        "input": {"q": "x"},
        "output": {"hits": 3},
    }
    history = convert_to_model_messages(event.messages, ignore_incomplete_tool_calls=True)
    assert [message.role for message in history] == ["user", "assistant", "tool", "assistant"]

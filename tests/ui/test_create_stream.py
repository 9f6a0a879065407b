"""create_ui_message_stream (both APIs): writes, custom data parts, merged stream_text results, errors in
execute or in a merged stream, and the finish event for persistence."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from ai_sdk.errors import InvalidArgumentError, UIMessageStreamError
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.ui import DataChunk, StartChunk, TextDeltaChunk, UIMessageStreamFinish
from ai_sdk.ui.create_stream import create_ui_message_stream, create_ui_message_stream_sync

from .helpers import collect, start, ui_stream, wire


def create(mode: str, **kwargs: Any) -> Any:
    return create_ui_message_stream_sync(**kwargs) if mode == "sync" else create_ui_message_stream(**kwargs)


async def test_writes_in_order_with_data_parts(mode: str) -> None:
    def execute(writer: Any) -> None:
        writer.write(StartChunk())
        writer.write(DataChunk("status", "searching", id="s1"))
        writer.write({"type": "data-status", "id": "s1", "data": "done"})
        writer.write(DataChunk("toast", "Saved", transient=True))
        writer.write({"type": "finish"})

    chunks = await wire(create(mode, execute=execute, generate_id=lambda: "msg_9"))
    assert chunks == [
        {"type": "start", "messageId": "msg_9"},
        {"type": "data-status", "id": "s1", "data": "searching"},
        {"type": "data-status", "id": "s1", "data": "done"},
        {"type": "data-toast", "data": "Saved", "transient": True},
        {"type": "finish"},
    ]


async def test_a_malformed_dict_raises_where_it_is_written(mode: str) -> None:
    problems: list[str] = []

    def execute(writer: Any) -> None:
        try:
            writer.write({"type": "text-delta", "id": "t"})
        except UIMessageStreamError as error:
            problems.append(error.message)

    assert await wire(create(mode, execute=execute)) == []
    assert problems == ["chunk 'text-delta' is missing 'delta'"]


async def test_an_exception_in_execute_becomes_an_error_chunk(mode: str) -> None:
    def execute(writer: Any) -> None:
        writer.write(TextDeltaChunk(id="t", delta="x"))
        raise RuntimeError("database password=hunter2")

    chunks = await wire(create(mode, execute=execute))
    assert chunks == [
        {"type": "text-delta", "id": "t", "delta": "x"},
        {"type": "error", "errorText": "An error occurred."},
    ]
    custom = await wire(create(mode, execute=execute, on_error=lambda error: f"oops: {error}"))
    assert custom[-1] == {"type": "error", "errorText": "oops: database password=hunter2"}


async def test_merging_a_stream_text_result_with_custom_parts_and_persistence(mode: str) -> None:
    finished: list[UIMessageStreamFinish] = []
    original = [{"id": "u1", "role": "user", "parts": [{"type": "text", "text": "Hi"}]}]
    with DeepInfraEmulator() as emu:
        emu.chat.reply_text("Hello there.")

        def execute(writer: Any) -> None:
            writer.write(DataChunk("status", "calling the model", id="st"))
            writer.merge(ui_stream(start(mode, emu, tools=None), on_error=writer.on_error))

        stream = create(mode, execute=execute, original_messages=original, on_finish=finished.append)
        chunks = await wire(stream)
    assert chunks[0] == {"type": "data-status", "id": "st", "data": "calling the model"}
    assert chunks[1] == {"type": "start", "messageId": chunks[1]["messageId"]}
    assert len(chunks[1]["messageId"]) == 16
    assert chunks[-1] == {"type": "finish", "finishReason": "stop"}
    (event,) = finished
    assert event.response_message.id == chunks[1]["messageId"]
    assert [message.id for message in event.messages] == ["u1", event.response_message.id]
    assert not event.is_continuation
    assert not event.is_aborted
    assert event.finish_reason == "stop"
    texts = [part.to_dict() for part in event.response_message.parts]
    assert {"type": "text", "text": "Hello there.", "state": "done"} in texts
    assert texts[0] == {"type": "data-status", "id": "st", "data": "calling the model"}


async def test_an_error_in_a_merged_stream_becomes_an_error_chunk(mode: str) -> None:
    if mode == "sync":

        def broken() -> Any:
            yield TextDeltaChunk(id="t", delta="a")
            raise RuntimeError("boom")

    else:

        async def broken() -> Any:  # type: ignore[misc]
            yield TextDeltaChunk(id="t", delta="a")
            raise RuntimeError("boom")

    chunks = await wire(create(mode, execute=lambda writer: writer.merge(broken())))
    assert chunks == [
        {"type": "text-delta", "id": "t", "delta": "a"},
        {"type": "error", "errorText": "An error occurred."},
    ]


async def test_async_execute_streams_while_it_runs() -> None:
    release = asyncio.Event()
    seen: list[str] = []

    async def execute(writer: Any) -> None:
        writer.write(DataChunk("step", 1))
        await release.wait()
        writer.write(DataChunk("step", 2))

    stream = create_ui_message_stream(execute=execute)
    first = await anext(stream)
    seen.append(first.type)
    release.set()
    rest = [chunk async for chunk in stream]
    assert seen == ["data-step"]
    assert [chunk.data for chunk in rest] == [2]


async def test_async_merge_after_execute_returned_and_async_on_finish() -> None:
    finished: list[UIMessageStreamFinish] = []

    async def later() -> Any:
        await asyncio.sleep(0)
        yield DataChunk("late", True)

    async def execute(writer: Any) -> None:
        asyncio.get_running_loop().call_soon(writer.merge, later())
        writer.merge(_after_a_tick(writer))

    async def _after_a_tick(writer: Any) -> Any:
        await asyncio.sleep(0.01)
        yield DataChunk("tick", 1)

    async def on_finish(event: UIMessageStreamFinish) -> None:
        await asyncio.sleep(0)
        finished.append(event)

    chunks = await collect(create_ui_message_stream(execute=execute, original_messages=[], on_finish=on_finish))
    assert sorted(chunk.type for chunk in chunks) == ["data-late", "data-tick"]
    assert [part.type for part in finished[0].response_message.parts] == [chunk.type for chunk in chunks]


async def test_leaving_early_still_finishes_with_is_aborted(mode: str) -> None:
    finished: list[UIMessageStreamFinish] = []

    def execute(writer: Any) -> None:
        writer.write(DataChunk("a", 1))
        writer.write(DataChunk("b", 2))

    stream = create(mode, execute=execute, original_messages=[], on_finish=finished.append)
    if mode == "sync":
        next(stream)
        stream.close()
    else:
        await anext(stream)
        await stream.aclose()
    assert [event.is_aborted for event in finished] == [True]
    assert [part.type for part in finished[0].response_message.parts] == ["data-a"]


async def _async_execute(writer: Any) -> None:
    writer.write(DataChunk("status", "never sent"))


async def _async_on_finish(event: UIMessageStreamFinish) -> None:
    pass


def test_the_blocking_api_refuses_coroutine_functions_it_could_never_await() -> None:
    # they were called, their coroutines dropped with a RuntimeWarning: an empty stream, no on_finish
    with pytest.raises(InvalidArgumentError, match="execute is a coroutine function"):
        create_ui_message_stream_sync(execute=_async_execute)
    with pytest.raises(InvalidArgumentError, match="on_finish is a coroutine function"):
        create_ui_message_stream_sync(execute=lambda writer: None, on_finish=_async_on_finish)
    with DeepInfraEmulator() as emu, pytest.raises(InvalidArgumentError, match="on_finish is a coroutine function"):
        ui_stream(start("sync", emu), on_finish=_async_on_finish)

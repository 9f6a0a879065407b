"""Tool approvals end to end on the wire, in both APIs: a scripted emulator answer calls a tool made with
``needs_approval``; the request turn ends with a ``tool-approval-request`` chunk; the user's answer comes
back as useChat's ``addToolApprovalResponse`` leaves it (the tool part ``approval-responded``) and goes
through ``convert_to_model_messages``; the continuation turn executes the tool (``tool-output-available``)
or reports the denial (``tool-output-denied``), continuing the same assistant message."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from ai_sdk import step_count_is, tool
from ai_sdk.core.stream_text import stream_text, stream_text_sync
from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator import Reply, ToolCallReply
from ai_sdk.ui import UIMessageStreamFinish, convert_to_model_messages
from ai_sdk.ui.responses import SyncUIMessageStreamBody, UIMessageStreamBody

from .helpers import collect, sse_frames

HEADERS = {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    "connection": "keep-alive",
    "x-vercel-ai-ui-message-stream": "v1",
    "x-accel-buffering": "no",
}
USER = {"id": "u1", "role": "user", "parts": [{"type": "text", "text": "Book a table at Chez Panisse."}]}
INPUT = {"restaurant": "Chez Panisse", "guests": 2}
executed: list[dict[str, Any]] = []


@tool(needs_approval=True)
def reserve(restaurant: str, guests: int) -> dict[str, object]:
    """Reserve a table (asks the user first).

    Args:
        restaurant: The restaurant's name.
        guests: How many people.
    """
    executed.append({"restaurant": restaurant, "guests": guests})
    return {"restaurant": restaurant, "guests": guests, "confirmed": True}


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    executed.clear()
    return str(request.param)


def turn(mode: str, emu: DeepInfraEmulator, messages: list[dict[str, Any]], message_id: str) -> Any:
    """One POST's worth of backend: UI messages in, a UI message stream body out (persisting on finish)."""
    provider = create_deepinfra(base_url=emu.base_url, api_key="ui-test-key")
    arguments: dict[str, Any] = {
        "model": provider("meta-llama/Llama-3.3-70B-Instruct"),
        "messages": convert_to_model_messages(messages),
        "tools": [reserve],
        "stop_when": step_count_is(3),
    }
    result = stream_text_sync(**arguments) if mode == "sync" else stream_text(**arguments)
    finished: list[UIMessageStreamFinish] = []
    stream = result.to_ui_message_stream(
        original_messages=messages, generate_message_id=lambda: message_id, on_finish=finished.append
    )
    body = UIMessageStreamBody(stream) if mode == "async" else SyncUIMessageStreamBody(stream)
    return body, finished


async def request_turn(mode: str, emu: DeepInfraEmulator) -> tuple[list[Any], list[dict[str, Any]]]:
    emu.chat.queue(Reply(tool_calls=[ToolCallReply("reserve", INPUT, id="call_1")]))
    body, finished = turn(mode, emu, [USER], "a1")
    frames = sse_frames(b"".join(await collect(body)))
    assert body.headers == HEADERS
    assert body.status == 200
    (event,) = finished
    return frames, [message.to_dict() for message in event.messages]


def answer(messages: list[dict[str, Any]], approved: bool, reason: str | None = None) -> list[dict[str, Any]]:
    """What useChat's addToolApprovalResponse({id, approved, reason}) makes of the last assistant message."""
    answered = copy.deepcopy(messages)
    part = answered[-1]["parts"][-1]
    part["state"] = "approval-responded"
    part["approval"] = {"id": part["approval"]["id"], "approved": approved, **({"reason": reason} if reason else {})}
    return answered


def tool_input_chunks() -> list[dict[str, Any]]:
    pieces = ['{"', "restaurant", '":', ' "', "Chez", " Panisse", '",', ' "', "guests", '":', " 2", "}"]
    return [
        {"type": "tool-input-start", "toolCallId": "call_1", "toolName": "reserve"},
        *[{"type": "tool-input-delta", "toolCallId": "call_1", "inputTextDelta": piece} for piece in pieces],
        {"type": "tool-input-available", "toolCallId": "call_1", "toolName": "reserve", "input": INPUT},
    ]


async def test_the_request_turn_ends_with_an_approval_request(mode: str) -> None:
    with DeepInfraEmulator() as emu:
        frames, messages = await request_turn(mode, emu)
    approval_id = frames[-4]["approvalId"]
    assert frames == [
        {"type": "start", "messageId": "a1"},
        {"type": "start-step"},
        *tool_input_chunks(),
        {"type": "tool-approval-request", "approvalId": approval_id, "toolCallId": "call_1"},
        {"type": "finish-step"},
        {"type": "finish", "finishReason": "tool-calls"},
        "[DONE]",
    ]
    assert approval_id.startswith("approval-")
    assert executed == []
    assert messages[-1] == {
        "id": "a1",
        "role": "assistant",
        "parts": [
            {"type": "step-start"},
            {
                "type": "tool-reserve",
                "toolCallId": "call_1",
                "state": "approval-requested",
                "input": INPUT,
                "approval": {"id": approval_id},
            },
        ],
    }


async def test_an_approved_call_executes_in_the_continuation_turn(mode: str) -> None:
    with DeepInfraEmulator() as emu:
        _, messages = await request_turn(mode, emu)
        approval_id = messages[-1]["parts"][-1]["approval"]["id"]
        emu.chat.queue(Reply(text="Booked for two."))
        body, finished = turn(mode, emu, answer(messages, approved=True), "unused")
        frames = sse_frames(b"".join(await collect(body)))
        model_saw = emu.requests[-1].body["messages"]
    output = {"restaurant": "Chez Panisse", "guests": 2, "confirmed": True}
    assert body.headers == HEADERS
    assert frames == [
        {"type": "start", "messageId": "a1"},  # the same assistant message carries on
        {"type": "tool-output-available", "toolCallId": "call_1", "output": output},
        {"type": "start-step"},
        {"type": "text-start", "id": "text-0"},
        *[{"type": "text-delta", "id": "text-0", "delta": piece} for piece in ["Booked", " for", " two", "."]],
        {"type": "text-end", "id": "text-0"},
        {"type": "finish-step"},
        {"type": "finish", "finishReason": "stop"},
        "[DONE]",
    ]
    assert executed == [INPUT]
    # the model read the call and its result, never the approval bookkeeping
    assert [message["role"] for message in model_saw] == ["user", "assistant", "tool"]
    assert model_saw[2]["tool_call_id"] == "call_1"
    (event,) = finished
    tool_part = event.messages[-1].to_dict()["parts"][1]
    assert tool_part["state"] == "output-available"
    assert tool_part["approval"] == {"id": approval_id, "approved": True}


@pytest.mark.parametrize("reason", [None, "Too expensive"])
async def test_a_denied_call_is_reported_and_never_executed(mode: str, reason: str | None) -> None:
    with DeepInfraEmulator() as emu:
        _, messages = await request_turn(mode, emu)
        emu.chat.queue(Reply(text="Not booked."))
        body, finished = turn(mode, emu, answer(messages, approved=False, reason=reason), "unused")
        frames = sse_frames(b"".join(await collect(body)))
        model_saw = emu.requests[-1].body["messages"]
    assert body.headers == HEADERS
    assert frames == [
        {"type": "start", "messageId": "a1"},
        {"type": "tool-output-denied", "toolCallId": "call_1"},
        {"type": "start-step"},
        {"type": "text-start", "id": "text-0"},
        *[{"type": "text-delta", "id": "text-0", "delta": piece} for piece in ["Not", " booked", "."]],
        {"type": "text-end", "id": "text-0"},
        {"type": "finish-step"},
        {"type": "finish", "finishReason": "stop"},
        "[DONE]",
    ]
    assert executed == []
    assert [message["role"] for message in model_saw] == ["user", "assistant", "tool"]
    if reason is not None:
        assert reason in model_saw[2]["content"]
    (event,) = finished
    assert event.messages[-1].to_dict()["parts"][1]["state"] == "output-denied"


async def test_sending_the_answered_history_again_executes_nothing_twice(mode: str) -> None:
    """The next POST after the continuation carries the approval and the result: no second execution."""
    with DeepInfraEmulator() as emu:
        _, messages = await request_turn(mode, emu)
        emu.chat.queue(Reply(text="Booked."))
        body, finished = turn(mode, emu, answer(messages, approved=True), "unused")
        await collect(body)
        (event,) = finished
        history = [message.to_dict() for message in event.messages]
        follow_up = {"id": "u2", "role": "user", "parts": [{"type": "text", "text": "Thanks!"}]}
        emu.chat.queue(Reply(text="You are welcome."))
        body, _ = turn(mode, emu, [*history, follow_up], "a2")
        frames = sse_frames(b"".join(await collect(body)))
    assert executed == [INPUT]
    assert frames[0] == {"type": "start", "messageId": "a2"}
    assert not any(isinstance(frame, dict) and frame["type"].startswith("tool-") for frame in frames)

"""Building the assistant message from chunks (the state behind on_finish and read_ui_message_stream)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ai_sdk.errors import UIMessageStreamError
from ai_sdk.ui import UIMessageState
from ai_sdk.ui.message_state import parse_partial_json


def build(chunks: list[dict[str, Any]], **kwargs: Any) -> dict[str, Any]:
    state = UIMessageState(**kwargs)
    for chunk in chunks:
        state.feed(chunk)
    return state.message


CONVERSATION: list[dict[str, Any]] = [
    {"type": "start", "messageId": "msg_1", "messageMetadata": {"a": {"x": 1}}},
    {"type": "start-step"},
    {"type": "reasoning-start", "id": "r"},
    {"type": "reasoning-delta", "id": "r", "delta": "Think"},
    {"type": "reasoning-end", "id": "r"},
    {"type": "tool-input-start", "toolCallId": "c1", "toolName": "weather"},
    {"type": "tool-input-delta", "toolCallId": "c1", "inputTextDelta": '{"city":'},
    {"type": "tool-input-delta", "toolCallId": "c1", "inputTextDelta": '"Paris"}'},
    {"type": "tool-input-available", "toolCallId": "c1", "toolName": "weather", "input": {"city": "Paris"}},
    {"type": "tool-input-error", "toolCallId": "c2", "toolName": "stock", "input": "{bad", "errorText": "Invalid"},
    {"type": "tool-output-available", "toolCallId": "c1", "output": {"t": 21}},
    {"type": "data-weather", "id": "w", "data": {"status": "loading"}},
    {"type": "data-weather", "id": "w", "data": {"status": "done"}},
    {"type": "data-toast", "data": "hi", "transient": True},
    {"type": "finish-step"},
    {"type": "start-step"},
    {"type": "text-start", "id": "t"},
    {"type": "text-delta", "id": "t", "delta": "It is "},
    {"type": "text-delta", "id": "t", "delta": "21."},
    {"type": "error", "errorText": "ignored by the message"},
    {"type": "text-end", "id": "t"},
    {"type": "finish-step"},
    {"type": "message-metadata", "messageMetadata": {"a": {"y": 2}}},
    {"type": "finish", "finishReason": "stop"},
]

FINAL = {
    "id": "msg_1",
    "role": "assistant",
    "parts": [
        {"type": "step-start"},
        {"type": "reasoning", "id": "r", "text": "Think", "state": "done"},
        {"type": "tool-weather", "toolCallId": "c1", "state": "output-available", "input": {"city": "Paris"}}
        | {"output": {"t": 21}},
        {"type": "tool-stock", "toolCallId": "c2", "state": "output-error", "rawInput": "{bad"}
        | {"errorText": "Invalid"},
        {"type": "data-weather", "id": "w", "data": {"status": "done"}},
        {"type": "step-start"},
        {"type": "text", "text": "It is 21.", "state": "done"},
    ],
    "metadata": {"a": {"x": 1, "y": 2}},
}


def test_a_whole_conversation() -> None:
    state = UIMessageState()
    for chunk in CONVERSATION:
        state.feed(chunk)
    assert state.message == FINAL
    assert state.finish_reason == "stop"


def test_tool_input_shows_once_its_streaming_json_parses() -> None:
    state = UIMessageState()
    state.feed({"type": "tool-input-start", "toolCallId": "c", "toolName": "w"})
    state.feed({"type": "tool-input-delta", "toolCallId": "c", "inputTextDelta": '{"city": "Pa'})
    assert state.message["parts"] == [{"type": "tool-w", "toolCallId": "c", "state": "input-streaming"}]
    state.feed({"type": "tool-input-delta", "toolCallId": "c", "inputTextDelta": 'ris"}'})
    assert state.message["parts"][0]["input"] == {"city": "Paris"}


def test_a_long_streaming_tool_input_is_parsed_only_when_it_could_be_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    # every delta re-parsed the whole text so far: a 140 kB input in 5-character deltas took seconds of
    # CPU (on the event loop, with on_finish set); a text opened with { or [ cannot be whole before it
    # ends with } or ]
    import orjson

    parsed: list[str] = []
    loads = orjson.loads
    monkeypatch.setattr(orjson, "loads", lambda text: parsed.append(text) or loads(text))
    text = orjson.dumps({"code": "x = 1\n" * 2000, "path": "a.py"}).decode() + " "
    state = UIMessageState()
    state.feed({"type": "tool-input-start", "toolCallId": "c", "toolName": "write"})
    for start in range(0, len(text), 5):
        state.feed({"type": "tool-input-delta", "toolCallId": "c", "inputTextDelta": text[start : start + 5]})
    assert state.message["parts"][0]["input"] == {"code": "x = 1\n" * 2000, "path": "a.py"}
    assert len(parsed) <= 2


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('{"a": [1, {"b": 2}]}', {"a": [1, {"b": 2}]}),
        ('{"a": "}"', None),
        ("[1, 2] ", [1, 2]),
        ("[1, 2", None),
        ("12", 12),
        ('"x"', "x"),
        ("tru", None),
        ("", None),
    ],
)
def test_partial_tool_input_text_parses_only_when_complete(text: str, value: Any) -> None:
    assert parse_partial_json(text) == value


def test_approval_chunks_move_the_tool_part_through_its_states() -> None:
    state = UIMessageState()
    state.feed({"type": "tool-input-available", "toolCallId": "c", "toolName": "w", "input": {}})
    state.feed({"type": "tool-approval-request", "toolCallId": "c", "approvalId": "ap"})
    assert state.message["parts"][0] | {} == {
        "type": "tool-w",
        "toolCallId": "c",
        "state": "approval-requested",
        "input": {},
        "approval": {"id": "ap"},
    }
    state.feed({"type": "tool-output-denied", "toolCallId": "c"})
    assert state.message["parts"][0]["state"] == "output-denied"


def test_the_final_output_of_a_tool_is_no_longer_preliminary() -> None:
    # as the reference's client: the last output replaces the preliminary ones, flag included (it stayed,
    # so a stored message showed a finished call as still running, and ignore_incomplete_tool_calls
    # dropped it from the next request)
    message = build(
        [
            {"type": "tool-input-available", "toolCallId": "c1", "toolName": "search", "input": {"q": "x"}},
            {"type": "tool-output-available", "toolCallId": "c1", "output": {"status": "busy"}, "preliminary": True},
            {"type": "tool-output-available", "toolCallId": "c1", "output": {"hits": 3}},
        ]
    )
    assert message["parts"] == [
        {
            "type": "tool-search",
            "toolCallId": "c1",
            "state": "output-available",
            "input": {"q": "x"},
            "output": {"hits": 3},
        }
    ]
    failed = build(
        [
            {"type": "tool-input-available", "toolCallId": "c1", "toolName": "search", "input": {"q": "x"}},
            {"type": "tool-output-available", "toolCallId": "c1", "output": {"status": "busy"}, "preliminary": True},
            {"type": "tool-output-error", "toolCallId": "c1", "errorText": "down"},
        ]
    )
    assert "preliminary" not in failed["parts"][0]


def test_continuing_the_last_assistant_message() -> None:
    last = {"id": "a1", "role": "assistant", "parts": [{"type": "text", "text": "Hi", "state": "done"}]}
    message = build([{"type": "start"}, {"type": "start-step"}], last_message=last)
    assert message == {"id": "a1", "role": "assistant", "parts": [*last["parts"], {"type": "step-start"}]}
    assert last["parts"] == [{"type": "text", "text": "Hi", "state": "done"}]


@pytest.mark.parametrize(
    ("chunk", "problem"),
    [
        ({"type": "text-delta", "id": "t", "delta": "x"}, "text part 't', which is not open"),
        ({"type": "reasoning-end", "id": "r"}, "reasoning part 'r', which is not open"),
        ({"type": "tool-input-delta", "toolCallId": "c", "inputTextDelta": "{"}, "unknown tool call 'c'"),
        ({"type": "tool-output-available", "toolCallId": "c", "output": 1}, "unknown tool call 'c'"),
        ({"type": "sparkle"}, "unknown UI message chunk type"),
    ],
)
def test_protocol_errors(chunk: dict[str, Any], problem: str) -> None:
    with pytest.raises(UIMessageStreamError, match=problem) as caught:
        UIMessageState().feed(chunk)
    assert caught.value.chunk_type == chunk["type"]


@given(st.lists(st.text(max_size=6), max_size=8))
def test_text_is_the_concatenation_of_its_deltas_however_split(pieces: list[str]) -> None:
    chunks = [{"type": "text-start", "id": "t"}]
    chunks += [{"type": "text-delta", "id": "t", "delta": piece} for piece in pieces]
    chunks.append({"type": "text-end", "id": "t"})
    assert build(chunks)["parts"] == [{"type": "text", "text": "".join(pieces), "state": "done"}]

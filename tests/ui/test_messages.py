"""UIMessage models and validate_ui_messages: what useChat sends validates (every tool state, approvals
included), malformed bodies get 422-style errors naming the field, and tools / schemas check content."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pydantic import BaseModel

from ai_sdk import tool
from ai_sdk.errors import InvalidArgumentError, TypeValidationError, UIMessageValidationError
from ai_sdk.ui import DataUIPart, DynamicToolUIPart, TextUIPart, ToolUIPart, UIMessage, validate_ui_messages


def tool_part(state: str, **fields: Any) -> dict[str, Any]:
    return {"type": "tool-weather", "toolCallId": "call_1", "state": state, **fields}


VALID_TOOL_PARTS = [
    tool_part("input-streaming"),
    tool_part("input-streaming", input={"ci": None}),
    tool_part("input-available", input={"city": "Paris"}),
    tool_part("approval-requested", input={"city": "Paris"}, approval={"id": "ap_1"}),
    tool_part("approval-responded", input={"city": "Paris"}, approval={"id": "ap_1", "approved": True}),
    tool_part("approval-responded", input={}, approval={"id": "ap_1", "approved": False, "reason": "no"}),
    tool_part("output-available", input={"city": "Paris"}, output=None),
    tool_part("output-available", input={}, output={"t": 21}, approval={"id": "ap_1", "approved": True}),
    tool_part("output-error", input=None, rawInput="{bad", errorText="Invalid input"),
    tool_part("output-denied", input={}, approval={"id": "ap_1", "approved": False, "reason": "not now"}),
]


@pytest.mark.parametrize("part", VALID_TOOL_PARTS, ids=[f"{p['state']}-{i}" for i, p in enumerate(VALID_TOOL_PARTS)])
def test_every_tool_state_validates_and_round_trips(part: dict[str, Any]) -> None:
    (message,) = validate_ui_messages([{"id": "m1", "role": "assistant", "parts": [part]}])
    (parsed,) = message.parts
    assert isinstance(parsed, ToolUIPart)
    assert parsed.tool_name == "weather"
    assert parsed.state == part["state"]
    assert message.to_dict()["parts"][0] == part


@pytest.mark.parametrize(
    ("part", "problem"),
    [
        (tool_part("input-available"), "needs 'input'"),
        (tool_part("output-available", input={}), "needs 'output'"),
        (tool_part("output-error", input={}), "needs 'errorText'"),
        (tool_part("approval-requested", input={}), "needs 'approval'"),
        (tool_part("approval-requested", input={}, approval={"id": "a", "approved": True}), "no answer yet"),
        (tool_part("approval-responded", input={}, approval={"id": "a"}), "needs 'approval.approved'"),
        (tool_part("output-denied", input={}, approval={"id": "a", "approved": True}), "cannot have"),
        (tool_part("input-available", input={}, approval={"id": "a"}), "has no approval yet"),
        (tool_part("waiting", input={}), "Input should be 'input-streaming'"),
    ],
)
def test_tool_fields_must_fit_the_state(part: dict[str, Any], problem: str) -> None:
    with pytest.raises(UIMessageValidationError, match=problem) as caught:
        validate_ui_messages([{"id": "m1", "role": "assistant", "parts": [part]}])
    assert caught.value.errors[0]["loc"][:4] == ["messages", 0, "parts", 0]


def test_errors_name_the_wire_field_like_a_422_answer() -> None:
    body = [
        {"id": "m1", "role": "user", "parts": [{"type": "text"}]},
        {"id": 7, "role": "robot", "parts": [{"type": "tool-x", "state": "input-available", "input": {}}]},
        {"id": "m3", "role": "user", "parts": [{"type": "video", "url": "x"}]},
    ]
    with pytest.raises(UIMessageValidationError) as caught:
        validate_ui_messages(body)
    error = caught.value
    assert isinstance(error, TypeValidationError)
    assert error.status_code == 422
    assert [item["loc"] for item in error.errors] == [
        ["messages", 0, "parts", 0, "text"],
        ["messages", 1, "id"],
        ["messages", 1, "role"],
        ["messages", 1, "parts", 0, "toolCallId"],
        ["messages", 2, "parts", 0],
    ]
    assert "messages[0].parts[0].text: Field required" in error.message
    assert "unknown part type" in error.errors[4]["msg"]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (None, "messages must be provided"),
        ({"messages": []}, "a list of UI messages is required"),
        ([], "must not be empty"),
        ("{not json", "not JSON"),
        ([{"id": "u", "role": "user", "parts": []}], "needs at least one part"),
    ],
)
def test_bodies_that_are_not_message_lists(body: Any, problem: str) -> None:
    with pytest.raises(UIMessageValidationError, match=problem):
        validate_ui_messages(body)


def test_json_text_and_models_are_accepted() -> None:
    text = '[{"id":"u1","role":"user","parts":[{"type":"text","text":"Hi"}]}]'
    (message,) = validate_ui_messages(text)
    assert isinstance(message.parts[0], TextUIPart)
    assert validate_ui_messages([message]) == [message]
    assert message.to_dict() == {"id": "u1", "role": "user", "parts": [{"type": "text", "text": "Hi"}]}


def test_unknown_keys_survive_a_round_trip() -> None:
    wire = {"id": "u1", "role": "user", "parts": [{"type": "text", "text": "Hi", "future": 1}], "createdAt": "x"}
    (message,) = validate_ui_messages([wire])
    assert message.to_dict() == wire


def test_dynamic_tools_and_data_parts() -> None:
    (message,) = validate_ui_messages(
        [
            {
                "id": "a1",
                "role": "assistant",
                "parts": [
                    {"type": "dynamic-tool", "toolName": "mcp_search", "toolCallId": "c", "state": "input-streaming"},
                    {"type": "data-weather", "id": "w", "data": {"city": "Paris"}},
                ],
            }
        ]
    )
    dynamic, data = message.parts
    assert isinstance(dynamic, DynamicToolUIPart)
    assert dynamic.tool_name == "mcp_search"
    assert isinstance(data, DataUIPart)
    assert data.name == "weather"


@tool
def weather(city: str) -> str:
    """Weather.

    Args:
        city: The city.
    """
    return "sunny"


@pytest.mark.parametrize("tools", [{"weather": weather}, [weather]], ids=["dict", "list"])
def test_tools_check_inputs_waiting_for_output_and_unknown_tools(tools: Any) -> None:
    # a list of tools, as stream_text takes them, works as the dict does (it crashed with AttributeError)
    body = [
        {
            "id": "a1",
            "role": "assistant",
            "parts": [
                tool_part("input-available", input={"city": 3}),
                tool_part("output-available", input={"city": 3}, output="sunny"),
                {"type": "tool-search", "toolCallId": "c2", "state": "input-available", "input": {}},
                {"type": "tool-search", "toolCallId": "c3", "state": "output-error", "input": {}, "errorText": "x"},
            ],
        }
    ]
    with pytest.raises(UIMessageValidationError) as caught:
        validate_ui_messages(body, tools=tools)
    assert [item["loc"] for item in caught.value.errors] == [
        ["messages", 0, "parts", 0, "input"],
        ["messages", 0, "parts", 2, "type"],
    ]
    assert "no tool named 'search' (tools: weather)" in caught.value.errors[1]["msg"]


@pytest.mark.parametrize(
    ("tools", "problem"),
    [
        ("weather", "a dict {name: tool} or a list of named tools, got str"),
        (weather, "a dict {name: tool} or a list of named tools, got ToolFunction"),
        ([object()], "tools[0] has no name"),
    ],
)
def test_tools_that_are_neither_a_dict_nor_a_list_of_named_tools_say_so(tools: Any, problem: str) -> None:
    body = [{"id": "a1", "role": "assistant", "parts": [tool_part("input-available", input={"city": "Paris"})]}]
    with pytest.raises(InvalidArgumentError, match=re.escape(problem)):
        validate_ui_messages(body, tools=tools)


class Metadata(BaseModel):
    created_at: int


def test_metadata_and_data_schemas() -> None:
    body = [
        {"id": "u1", "role": "user", "metadata": {"created_at": "soon"}, "parts": [{"type": "text", "text": "Hi"}]},
        {"id": "a1", "role": "assistant", "metadata": {"created_at": 1}, "parts": [{"type": "data-chart", "data": 1}]},
        {"id": "a2", "role": "assistant", "metadata": {"created_at": 2}, "parts": [{"type": "data-temp", "data": "x"}]},
    ]
    with pytest.raises(UIMessageValidationError) as caught:
        validate_ui_messages(body, metadata_schema=Metadata, data_schemas={"temp": float})
    assert [item["loc"] for item in caught.value.errors] == [
        ["messages", 0, "metadata", "created_at"],
        ["messages", 1, "parts", 0, "type"],
        ["messages", 2, "parts", 0, "data"],
    ]
    good = [body[0] | {"metadata": {"created_at": 0}}, body[2] | {"parts": [{"type": "data-temp", "data": 1.5}]}]
    assert [m.id for m in validate_ui_messages(good, metadata_schema=Metadata, data_schemas={"temp": float})] == [
        "u1",
        "a2",
    ]


def test_a_model_can_be_built_in_python() -> None:
    message = UIMessage(id="u1", role="user", parts=[TextUIPart(type="text", text="Hi")])
    assert message.to_dict() == {"id": "u1", "role": "user", "parts": [{"type": "text", "text": "Hi"}]}

"""convert_to_model_messages: what useChat POSTs becomes the model messages stream_text takes."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk import (
    AssistantMessage,
    FilePart,
    ReasoningPart,
    SystemMessage,
    TextPart,
    ToolApprovalRequestPart,
    ToolApprovalResponsePart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
    UserMessage,
)
from ai_sdk.errors import UIMessageValidationError
from ai_sdk.ui import DataUIPart, convert_to_model_messages, validate_ui_messages
from ai_sdk.ui.convert import DEFAULT_DENIED_TEXT


def tool_part(call_id: str, state: str, **fields: Any) -> dict[str, Any]:
    return {"type": "tool-weather", "toolCallId": call_id, "state": state, "input": {"city": "Paris"}, **fields}


def test_system_user_and_files() -> None:
    messages = convert_to_model_messages(
        [
            {
                "id": "s",
                "role": "system",
                "parts": [{"type": "text", "text": "Be "}, {"type": "text", "text": "brief."}],
            },
            {
                "id": "u",
                "role": "user",
                "parts": [
                    {"type": "text", "text": "What is this?"},
                    {
                        "type": "file",
                        "mediaType": "image/png",
                        "url": "data:image/png;base64,iVBO",
                        "filename": "a.png",
                    },
                    {"type": "data-ignored", "data": 1},
                ],
            },
        ]
    )
    assert messages == [
        SystemMessage("Be brief."),
        UserMessage([TextPart("What is this?"), FilePart("data:image/png;base64,iVBO", "image/png", filename="a.png")]),
    ]


def test_assistant_steps_split_into_assistant_and_tool_messages() -> None:
    assistant = {
        "id": "a",
        "role": "assistant",
        "parts": [
            {"type": "step-start"},
            {"type": "reasoning", "text": "Check both.", "state": "done"},
            tool_part("call_1", "output-available", output={"temperature_c": 21}),
            tool_part("call_2", "output-error", input=None, rawInput="{bad", errorText="Invalid input"),
            tool_part("call_3", "output-available", output="sunny"),
            {"type": "step-start"},
            {"type": "text", "text": "It is 21 degrees.", "state": "done"},
            {"type": "source-url", "sourceId": "s", "url": "https://example.com"},
        ],
    }
    assert convert_to_model_messages([assistant]) == [
        AssistantMessage(
            [
                ReasoningPart("Check both."),
                ToolCallPart("call_1", "weather", {"city": "Paris"}),
                ToolCallPart("call_2", "weather", "{bad"),
                ToolCallPart("call_3", "weather", {"city": "Paris"}),
            ]
        ),
        ToolMessage(
            [
                ToolResultPart("call_1", "weather", ToolResultOutput("json", {"temperature_c": 21})),
                ToolResultPart("call_2", "weather", ToolResultOutput("error-text", "Invalid input")),
                ToolResultPart("call_3", "weather", ToolResultOutput("text", "sunny")),
            ]
        ),
        AssistantMessage([TextPart("It is 21 degrees.")]),
    ]


def test_a_denied_call_tells_the_model_why() -> None:
    denied = tool_part("call_1", "output-denied", approval={"id": "ap", "approved": False, "reason": "Not today"})
    silent = tool_part("call_2", "output-denied", approval={"id": "ap2", "approved": False})
    (assistant, tool_message) = convert_to_model_messages([{"id": "a", "role": "assistant", "parts": [denied, silent]}])
    assert assistant == AssistantMessage(
        [
            ToolCallPart("call_1", "weather", {"city": "Paris"}),
            ToolApprovalRequestPart("ap", "call_1"),
            ToolCallPart("call_2", "weather", {"city": "Paris"}),
            ToolApprovalRequestPart("ap2", "call_2"),
        ]
    )
    assert tool_message == ToolMessage(
        [
            ToolApprovalResponsePart("ap", False, "Not today"),
            ToolResultPart("call_1", "weather", ToolResultOutput("error-text", "Not today")),
            ToolApprovalResponsePart("ap2", False),
            ToolResultPart("call_2", "weather", ToolResultOutput("error-text", DEFAULT_DENIED_TEXT)),
        ]
    )
    assert DEFAULT_DENIED_TEXT == "Tool execution denied."


def test_a_call_waiting_for_approval_keeps_its_request() -> None:
    message = {
        "id": "a",
        "role": "assistant",
        "parts": [tool_part("call_1", "approval-requested", approval={"id": "ap"})],
    }
    assert convert_to_model_messages([message]) == [
        AssistantMessage(
            [ToolCallPart("call_1", "weather", {"city": "Paris"}), ToolApprovalRequestPart("ap", "call_1")]
        )
    ]
    # unanswered: nothing to carry on with, so it counts as incomplete
    assert convert_to_model_messages([message], ignore_incomplete_tool_calls=True) == []


@pytest.mark.parametrize("ignore", [False, True])
@pytest.mark.parametrize(("approved", "reason"), [(True, None), (False, "Too expensive"), (False, None)])
def test_an_answered_approval_becomes_a_tool_approval_response(
    approved: bool, reason: str | None, ignore: bool
) -> None:
    """What useChat's addToolApprovalResponse leaves in the last assistant message: stream_text carries on."""
    approval: dict[str, Any] = {"id": "ap", "approved": approved, **({"reason": reason} if reason else {})}
    parts = [
        {"type": "step-start"},
        {"type": "text", "text": "Let me check."},
        tool_part("call_1", "approval-responded", approval=approval),
    ]
    messages = [
        {"id": "u", "role": "user", "parts": [{"type": "text", "text": "Weather?"}]},
        {"id": "a", "role": "assistant", "parts": parts},
    ]
    assert convert_to_model_messages(messages, ignore_incomplete_tool_calls=ignore) == [
        UserMessage([TextPart("Weather?")]),
        AssistantMessage(
            [
                TextPart("Let me check."),
                ToolCallPart("call_1", "weather", {"city": "Paris"}),
                ToolApprovalRequestPart("ap", "call_1"),
            ]
        ),
        ToolMessage([ToolApprovalResponsePart("ap", approved, reason)]),
    ]


def test_an_approved_call_that_ran_keeps_its_approval_and_result() -> None:
    done = tool_part("call_1", "output-available", output={"t": 21}, approval={"id": "ap", "approved": True})
    message = {"id": "a", "role": "assistant", "parts": [done, {"type": "step-start"}, {"type": "text", "text": "21."}]}
    assert convert_to_model_messages([message]) == [
        AssistantMessage(
            [ToolCallPart("call_1", "weather", {"city": "Paris"}), ToolApprovalRequestPart("ap", "call_1")]
        ),
        ToolMessage(
            [
                ToolApprovalResponsePart("ap", True),
                ToolResultPart("call_1", "weather", ToolResultOutput("json", {"t": 21})),
            ]
        ),
        AssistantMessage([TextPart("21.")]),
    ]


def test_incomplete_calls_stay_as_calls_unless_ignored() -> None:
    parts = [
        tool_part("call_1", "input-streaming"),
        tool_part("call_2", "input-available"),
        tool_part("call_3", "output-available", output=1, preliminary=True),
        {"type": "text", "text": "Working on it"},
    ]
    message = {"id": "a", "role": "assistant", "parts": parts}
    assert convert_to_model_messages([message]) == [
        AssistantMessage(
            [
                ToolCallPart("call_2", "weather", {"city": "Paris"}),
                ToolCallPart("call_3", "weather", {"city": "Paris"}),
                TextPart("Working on it"),
            ]
        ),
        ToolMessage([ToolResultPart("call_3", "weather", ToolResultOutput("json", 1))]),
    ]
    assert convert_to_model_messages([message], ignore_incomplete_tool_calls=True) == [
        AssistantMessage([TextPart("Working on it")])
    ]


def test_data_parts_can_be_converted_by_a_callback() -> None:
    def convert(part: DataUIPart) -> TextPart | None:
        return TextPart(f"[{part.name}: {part.data}]") if part.name == "note" else None

    body = [
        {"id": "u", "role": "user", "parts": [{"type": "data-note", "data": "vip"}, {"type": "text", "text": "Hi"}]},
        {
            "id": "a",
            "role": "assistant",
            "parts": [{"type": "data-note", "data": 2}, {"type": "data-chart", "data": 3}],
        },
    ]
    assert convert_to_model_messages(body, convert_data_part=convert) == [
        UserMessage([TextPart("[note: vip]"), TextPart("Hi")]),
        AssistantMessage([TextPart("[note: 2]")]),
    ]


def test_dynamic_tools_use_their_tool_name() -> None:
    part = {
        "type": "dynamic-tool",
        "toolName": "mcp_search",
        "toolCallId": "c",
        "state": "output-available",
        "input": {"q": "x"},
        "output": [1],
        "callProviderMetadata": {"deepinfra": {"k": 1}},
    }
    assert convert_to_model_messages([{"id": "a", "role": "assistant", "parts": [part]}]) == [
        AssistantMessage([ToolCallPart("c", "mcp_search", {"q": "x"}, provider_options={"deepinfra": {"k": 1}})]),
        ToolMessage(
            [ToolResultPart("c", "mcp_search", ToolResultOutput("json", [1]), provider_options={"deepinfra": {"k": 1}})]
        ),
    ]


def test_validated_models_are_taken_as_they_are_and_bad_dicts_raise() -> None:
    validated = validate_ui_messages([{"id": "u", "role": "user", "parts": [{"type": "text", "text": "Hi"}]}])
    assert convert_to_model_messages(validated) == [UserMessage([TextPart("Hi")])]
    with pytest.raises(UIMessageValidationError, match=r"messages\[0\].role"):
        convert_to_model_messages([{"id": "u", "role": "bot", "parts": []}])

"""Conversation history as plain JSON: every message converts to a JSON-ready dict and back, so a
stateless server can store a chat and continue it; OpenAI-shaped history is converted or rejected
with the expected shape."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from ai_sdk import message_to_dict
from ai_sdk.core.generate_text import generate_text, generate_text_sync
from ai_sdk.core.prompt import standardize_prompt
from ai_sdk.core.stop_condition import step_count_is
from ai_sdk.core.stream_text import stream_text, stream_text_sync
from ai_sdk.errors import InvalidPromptError
from ai_sdk.spec import (
    AssistantMessage,
    FilePart,
    ReasoningPart,
    SystemMessage,
    TextPart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
    UserMessage,
)
from ai_sdk.testing import MockLanguageModel

from .generation_helpers import (
    finish,
    text_result,
    text_stream_parts,
    tool_call_parts,
    tool_calls_result,
    usage,
    weather,
)


@pytest.fixture(params=["generate", "stream"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def turn(mode: str, kind: str, model: MockLanguageModel, **kwargs: Any) -> list[Any]:
    """One turn; returns result.response.messages."""
    if kind == "generate":
        result = (
            generate_text_sync(model=model, **kwargs) if mode == "sync" else await generate_text(model=model, **kwargs)
        )
        return result.response.messages
    if mode == "sync":
        return stream_text_sync(model=model, **kwargs).response.messages
    return (await stream_text(model=model, **kwargs).response).messages


async def test_a_chat_with_tools_saved_as_json_continues_exactly(mode: str, kind: str) -> None:
    model = MockLanguageModel(
        do_generate=[tool_calls_result(("c1", "weather", '{"city": "Oslo"}'), text="Checking."), text_result("Cold.")],
        do_stream=[
            [*text_stream_parts("Checking.")[:-1], *tool_call_parts("c1", "weather", '{"city": "Oslo"}'),
             finish("tool-calls", usage(1, 1))],
            text_stream_parts("Cold."),
        ],
    )  # fmt: skip
    history: list[Any] = [UserMessage([TextPart("Weather in Oslo?")])]
    history += await turn(mode, kind, model, messages=history, tools=[weather], stop_when=step_count_is(2))
    saved = json.dumps([message_to_dict(message) for message in history])  # what a server would store

    later = MockLanguageModel(do_generate=text_result("You're welcome."), do_stream=text_stream_parts("Welcome."))
    restored = [*json.loads(saved), {"role": "user", "content": "Thanks!"}]
    await turn(mode, kind, later, messages=restored)

    assert later.calls[0].prompt == [*history, UserMessage([TextPart("Thanks!")])]
    tool_message = history[-2]
    assert isinstance(tool_message, ToolMessage)
    assert tool_message.content[0].output == ToolResultOutput("json", {"city": "Oslo", "sky": "sunny"})


MESSAGES = [
    SystemMessage("Be brief.", provider_options={"deepinfra": {"x": 1}}),
    UserMessage([TextPart("Look:"), FilePart(b"\x89PNG\r\n", "image/png", filename="a.png")]),
    AssistantMessage([ReasoningPart("hmm"), TextPart("Calling."), ToolCallPart("c1", "weather", {"city": "Oslo"})]),
    ToolMessage([ToolResultPart("c1", "weather", ToolResultOutput("error-text", "no such city"))]),
]


@pytest.mark.parametrize("message", MESSAGES, ids=lambda message: message.role)
def test_every_message_round_trips_through_json(message: Any) -> None:
    data = json.loads(json.dumps(message_to_dict(message)))
    (back,) = standardize_prompt(messages=[data])
    assert message_to_dict(back) == data
    if not any(isinstance(part, FilePart) for part in getattr(message, "content", [])):
        assert back == message


def test_the_dict_form_is_the_ai_sdk_model_message_shape() -> None:
    assert message_to_dict(MESSAGES[2])["content"][2] == {
        "type": "tool-call",
        "toolCallId": "c1",
        "toolName": "weather",
        "input": {"city": "Oslo"},
    }
    assert message_to_dict(MESSAGES[1])["content"][1] == {
        "type": "file",
        "data": "iVBORw0K",
        "mediaType": "image/png",
        "filename": "a.png",
    }


def test_a_path_is_read_into_the_dict(tmp_path: Path) -> None:
    image = tmp_path / "x.bin"
    image.write_bytes(b"abc")
    data = message_to_dict(UserMessage([FilePart(image, "application/octet-stream")]))
    assert data["content"][0]["data"] == "YWJj"


def test_openai_shaped_history_is_converted() -> None:
    history = [
        {"role": "user", "content": "Weather in Oslo?"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "weather", "arguments": '{"city":"Oslo"}'}}
            ],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": '{"sky": "sunny"}'},
    ]
    assert standardize_prompt(messages=history)[1:] == [
        AssistantMessage([ToolCallPart("call_1", "weather", {"city": "Oslo"})]),
        ToolMessage([ToolResultPart("call_1", "weather", ToolResultOutput("text", '{"sky": "sunny"}'))]),
    ]


def test_openai_shaped_content_lists_keep_their_text() -> None:
    # OpenAI's content may be a list of text parts: the assistant's text before its tool calls is kept,
    # and a tool message's text parts are its text (not a JSON dump of the parts).
    history = [
        {
            "role": "assistant",
            "content": [{"type": "text", "text": "Let me check."}],
            "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "weather", "arguments": "{}"}}],
        },
        {
            "role": "tool",
            "tool_call_id": "call_1",
            "content": [{"type": "text", "text": "sun"}, {"type": "text", "text": "ny"}],
        },
    ]
    assert standardize_prompt(messages=history) == [
        AssistantMessage([TextPart("Let me check."), ToolCallPart("call_1", "weather", {})]),
        ToolMessage([ToolResultPart("call_1", "weather", ToolResultOutput("text", "sunny"))]),
    ]


@pytest.mark.parametrize(
    ("history", "problem"),
    [
        ([{"role": "tool", "tool_call_id": "call_9", "content": "x"}], "answers no earlier assistant tool call"),
        ([{"role": "function", "name": "f", "content": "x"}], "legacy shape"),
        (
            [{"role": "assistant", "tool_calls": [{"id": "c", "function": {"name": "f", "arguments": "{"}}]}],
            "is not JSON",
        ),
    ],
)
def test_openai_shaped_history_that_cannot_be_converted_shows_the_expected_shape(
    history: list[Any], problem: str
) -> None:
    with pytest.raises(InvalidPromptError, match=problem) as caught:
        standardize_prompt(messages=history)
    if "answers" in problem or "legacy" in problem:
        assert "'type': 'tool-call', 'toolCallId'" in str(caught.value)


def test_a_single_openai_message_outside_a_list_shows_the_expected_shape() -> None:
    from ai_sdk.core.prompt import to_message

    with pytest.raises(InvalidPromptError, match="'type': 'tool-result'"):
        to_message({"role": "tool", "tool_call_id": "c", "content": "x"})


def test_the_conversations_page_lists_every_full_stream_part() -> None:
    from typing import get_args

    from ai_sdk.core.types import TextStreamPart

    page = (Path(__file__).resolve().parents[2] / "docs" / "conversations.md").read_text()
    documented = set(re.findall(r"^\| `([a-z-]+)` \| `(\w+)` \|", page, flags=re.MULTILINE))
    assert documented == {(part.type, part.__name__) for part in get_args(TextStreamPart)}

"""Chat messages flattened into one completion prompt, as the reference does."""

from __future__ import annotations

import pytest

from ai_sdk.openai_compatible.completion import STOP_SEQUENCE, completion_prompt
from ai_sdk.spec import (
    AssistantMessage,
    FilePart,
    InvalidPromptError,
    ReasoningPart,
    SystemMessage,
    TextPart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
    UnsupportedFunctionalityError,
    UserMessage,
)


def test_system_then_turns_then_an_open_assistant_turn() -> None:
    prompt = [
        SystemMessage("You are terse."),
        UserMessage([TextPart("Hi")]),
        AssistantMessage([TextPart("Hello!")]),
        UserMessage([TextPart("How are "), TextPart("you?")]),
    ]
    assert completion_prompt(prompt) == (
        "You are terse.\n\nuser:\nHi\n\nassistant:\nHello!\n\nuser:\nHow are you?\n\nassistant:\n"
    )


def test_without_system_and_with_string_content() -> None:
    assert completion_prompt([UserMessage("2+2=")]) == "user:\n2+2=\n\nassistant:\n"
    assert completion_prompt([UserMessage("a"), AssistantMessage("b")]) == "user:\na\n\nassistant:\nb\n\nassistant:\n"


def test_stop_sequence_catches_the_next_user_turn() -> None:
    assert STOP_SEQUENCE == "\nuser:"
    assert STOP_SEQUENCE in completion_prompt([UserMessage("a"), AssistantMessage("b"), UserMessage("c")])


def test_earlier_reasoning_is_left_out() -> None:
    prompt = [UserMessage("q"), AssistantMessage([ReasoningPart("thinking..."), TextPart("answer")]), UserMessage("r")]
    assert completion_prompt(prompt) == "user:\nq\n\nassistant:\nanswer\n\nuser:\nr\n\nassistant:\n"


def test_a_later_system_message_is_an_invalid_prompt() -> None:
    with pytest.raises(InvalidPromptError, match="only as the first message"):
        completion_prompt([UserMessage("a"), SystemMessage("late")])


def test_an_empty_prompt_is_invalid() -> None:
    with pytest.raises(InvalidPromptError, match="no messages"):
        completion_prompt([])


@pytest.mark.parametrize(
    ("message", "functionality"),
    [
        (AssistantMessage([ToolCallPart("call_1", "weather", {"city": "Paris"})]), "tool-call messages"),
        (ToolMessage([ToolResultPart("call_1", "weather", ToolResultOutput("text", "sunny"))]), "tool messages"),
        (UserMessage([TextPart("see"), FilePart(b"\x89PNG", "image/png")]), "file parts in completion prompts"),
        (AssistantMessage([FilePart(b"%PDF", "application/pdf")]), "file parts in completion prompts"),
    ],
)
def test_what_text_cannot_carry_raises(message: object, functionality: str) -> None:
    with pytest.raises(UnsupportedFunctionalityError) as caught:
        completion_prompt([UserMessage("a"), message])  # type: ignore[list-item]
    assert caught.value.functionality == functionality
    assert "chat model" in str(caught.value)

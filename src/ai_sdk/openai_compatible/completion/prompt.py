"""Chat messages as one completion prompt: the system text first, then ``user:`` / ``assistant:``
turns separated by blank lines, ending with an open ``assistant:`` turn for the model to complete.

:data:`STOP_SEQUENCE` stops the model when it starts writing the user's next turn itself. Tool calls
and files have no place in a plain-text prompt: they raise instead of being dropped quietly.
"""

from __future__ import annotations

from ...spec import (
    AssistantMessage,
    FilePart,
    InvalidPromptError,
    Prompt,
    ReasoningPart,
    SystemMessage,
    TextPart,
    ToolMessage,
    UnsupportedFunctionalityError,
    UserMessage,
)

__all__ = ["STOP_SEQUENCE", "completion_prompt"]

STOP_SEQUENCE = "\nuser:"
"""Added to every completion request's stop sequences."""


def completion_prompt(prompt: Prompt) -> str:
    """The prompt text; raises for messages a completion model cannot take.

    Reasoning of earlier assistant turns is left out (as chat models do): it was the model's
    scratch work, not part of the conversation.
    """
    if not prompt:
        raise InvalidPromptError("the prompt has no messages", prompt=prompt)
    text: list[str] = []
    messages = list(prompt)
    if isinstance(messages[0], SystemMessage):
        text.append(messages[0].content + "\n\n")
        messages = messages[1:]
    for message in messages:
        if isinstance(message, UserMessage):
            text.append(f"user:\n{_user_text(message)}\n\n")
        elif isinstance(message, AssistantMessage):
            text.append(f"assistant:\n{_assistant_text(message)}\n\n")
        elif isinstance(message, SystemMessage):
            raise InvalidPromptError(
                "a completion model takes a system message only as the first message; "
                f"found a later one: {message.content!r}",
                prompt=prompt,
            )
        elif isinstance(message, ToolMessage):
            raise UnsupportedFunctionalityError(
                "tool messages", "A completion model cannot take tool results; use a chat model for tools."
            )
        else:
            raise InvalidPromptError(f"unknown message type {type(message).__name__}", prompt=prompt)
    text.append("assistant:\n")
    return "".join(text)


def _user_text(message: UserMessage) -> str:
    if isinstance(message.content, str):
        return message.content
    pieces: list[str] = []
    for part in message.content:
        if isinstance(part, TextPart):
            pieces.append(part.text)
        else:
            raise UnsupportedFunctionalityError(
                "file parts in completion prompts",
                f"A completion model takes text only, not {type(part).__name__}; use a chat model for files.",
            )
    return "".join(pieces)


def _assistant_text(message: AssistantMessage) -> str:
    if isinstance(message.content, str):
        return message.content
    pieces: list[str] = []
    for part in message.content:
        if isinstance(part, TextPart):
            pieces.append(part.text)
        elif isinstance(part, ReasoningPart):
            continue
        elif isinstance(part, FilePart):
            raise UnsupportedFunctionalityError(
                "file parts in completion prompts", "A completion model takes text only; use a chat model for files."
            )
        else:
            raise UnsupportedFunctionalityError(
                "tool-call messages", "A completion model cannot take tool calls; use a chat model for tools."
            )
    return "".join(pieces)

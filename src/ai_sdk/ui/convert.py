"""From UI messages (what ``useChat`` POSTs) to the model messages ``stream_text`` takes.

Rules, as in the reference: a system message's text parts become its content; a user message keeps
its text and file parts; an assistant message is split at its ``step-start`` parts, each step becoming
an assistant message (text, reasoning, files, tool calls) followed by a tool message with the results
of its finished tool calls (an ``output-error`` or ``output-denied`` part as an ``error-text`` result).
Sources and step boundaries carry nothing for the model; ``data-*`` parts are left out unless
``convert_data_part`` turns them into a text or file part.

Tool parts still waiting for the user's approval (``approval-requested``, ``approval-responded``)
raise :class:`~ai_sdk.errors.MessageConversionError` here: continuing such a conversation (executing
approved calls) is the job of the tool-approval flow, which this function does not carry out.
``ignore_incomplete_tool_calls=True`` leaves them out, together with calls still streaming or waiting
for their output.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..spec.language_model import (
    AssistantContentPart,
    AssistantMessage,
    FilePart,
    Message,
    ReasoningPart,
    SystemMessage,
    TextPart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
    UserContentPart,
    UserMessage,
)
from .errors import MessageConversionError
from .messages import (
    DataUIPart,
    DynamicToolUIPart,
    FileUIPart,
    ReasoningUIPart,
    StepStartUIPart,
    TextUIPart,
    ToolUIPart,
    UIMessage,
    UIMessagePart,
    validate_ui_messages,
)

__all__ = ["DEFAULT_DENIED_TEXT", "convert_to_model_messages"]

DEFAULT_DENIED_TEXT = "Tool call execution denied."
"""What the model is told about a denied tool call when the user gave no reason."""

DataPartConverter = Callable[[DataUIPart], TextPart | FilePart | None]
_FINISHED = ("output-available", "output-error", "output-denied")
_AWAITING_APPROVAL = ("approval-requested", "approval-responded")


def convert_to_model_messages(
    messages: Sequence[UIMessage | dict[str, Any]],
    *,
    ignore_incomplete_tool_calls: bool = False,
    convert_data_part: DataPartConverter | None = None,
) -> list[Message]:
    """Model messages for UI messages (validated first: dicts are accepted, malformed ones raise
    :class:`~ai_sdk.errors.UIMessageValidationError`).

    ``ignore_incomplete_tool_calls`` leaves out tool parts that have no final outcome (streaming,
    waiting for output or for approval, preliminary output). ``convert_data_part(part)`` may turn a
    ``data-*`` part into a :class:`~ai_sdk.TextPart` or :class:`~ai_sdk.FilePart` (``None`` leaves it out).
    """
    validated = [message for message in messages if isinstance(message, UIMessage)]
    if len(validated) != len(messages) or not validated:
        validated = validate_ui_messages(messages)
    result: list[Message] = []
    for index, message in enumerate(validated):
        parts = [part for part in message.parts if not (ignore_incomplete_tool_calls and _incomplete(part))]
        if message.role == "system":
            result.append(_system(parts))
        elif message.role == "user":
            result.append(UserMessage(_user_content(parts, convert_data_part)))
        else:
            result += _assistant(parts, convert_data_part, index)
    return result


def _incomplete(part: UIMessagePart) -> bool:
    if not isinstance(part, ToolUIPart | DynamicToolUIPart):
        return False
    return part.state not in _FINISHED or (part.state == "output-available" and part.preliminary is True)


def _system(parts: list[UIMessagePart]) -> SystemMessage:
    texts = [part for part in parts if isinstance(part, TextUIPart)]
    options: dict[str, Any] = {}
    for part in texts:
        options.update(part.provider_metadata or {})
    return SystemMessage("".join(part.text for part in texts), provider_options=options or None)


def _user_content(parts: list[UIMessagePart], convert_data_part: DataPartConverter | None) -> list[UserContentPart]:
    content: list[UserContentPart] = []
    for part in parts:
        if isinstance(part, TextUIPart):
            content.append(TextPart(part.text, provider_options=part.provider_metadata))
        elif isinstance(part, FileUIPart):
            content.append(_file(part))
        elif isinstance(part, DataUIPart) and convert_data_part is not None:
            converted = convert_data_part(part)
            if converted is not None:
                content.append(converted)
    return content


def _file(part: FileUIPart) -> FilePart:
    return FilePart(part.url, part.media_type, filename=part.filename, provider_options=part.provider_metadata)


def _assistant(parts: list[UIMessagePart], convert_data_part: DataPartConverter | None, index: int) -> list[Message]:
    messages: list[Message] = []
    block: list[UIMessagePart] = []
    for part in [*parts, StepStartUIPart(type="step-start")]:
        if not isinstance(part, StepStartUIPart):
            block.append(part)
            continue
        messages += _step(block, convert_data_part, index)
        block = []
    return messages


def _step(block: list[UIMessagePart], convert_data_part: DataPartConverter | None, index: int) -> list[Message]:
    content: list[AssistantContentPart] = []
    results: list[ToolResultPart] = []
    for part in block:
        if isinstance(part, TextUIPart):
            content.append(TextPart(part.text, provider_options=part.provider_metadata))
        elif isinstance(part, ReasoningUIPart):
            content.append(ReasoningPart(part.text, provider_options=part.provider_metadata))
        elif isinstance(part, FileUIPart):
            content.append(_file(part))
        elif isinstance(part, DataUIPart):
            converted = convert_data_part(part) if convert_data_part is not None else None
            if converted is not None:
                content.append(converted)
        elif isinstance(part, ToolUIPart | DynamicToolUIPart):
            if part.state in _AWAITING_APPROVAL:
                raise MessageConversionError(
                    f"messages[{index}]: tool call {part.tool_call_id!r} ({part.tool_name}) is in state "
                    f"{part.state!r}; carrying out tool approvals is not supported yet. Pass "
                    "ignore_incomplete_tool_calls=True to leave such calls out.",
                    original_message=part,
                )
            if part.state == "input-streaming":
                continue
            tool_input = part.input if part.input is not None or part.state != "output-error" else part.raw_input
            content.append(
                ToolCallPart(
                    part.tool_call_id, part.tool_name, tool_input, provider_options=part.call_provider_metadata
                )
            )
            result = _tool_result(part)
            if result is not None:
                results.append(result)
    messages: list[Message] = []
    if content:
        messages.append(AssistantMessage(content))
    if results:
        messages.append(ToolMessage(results))
    return messages


def _tool_result(part: ToolUIPart | DynamicToolUIPart) -> ToolResultPart | None:
    if part.state == "output-available":
        output = part.output
        value = ToolResultOutput("text", output) if isinstance(output, str) else ToolResultOutput("json", output)
    elif part.state == "output-error":
        value = ToolResultOutput("error-text", part.error_text)
    elif part.state == "output-denied":
        reason = part.approval.reason if part.approval is not None else None
        value = ToolResultOutput("error-text", reason or DEFAULT_DENIED_TEXT)
    else:
        return None
    return ToolResultPart(part.tool_call_id, part.tool_name, value, provider_options=part.call_provider_metadata)

"""From UI messages (what ``useChat`` POSTs) to the model messages ``stream_text`` takes.

Rules, as in the reference: a system message's text parts become its content; a user message keeps
its text and file parts; an assistant message is split at its ``step-start`` parts, each step becoming
an assistant message (text, reasoning, files, tool calls) followed by a tool message with the results
of its finished tool calls (an ``output-error`` or ``output-denied`` part as an ``error-text`` result).
Sources and step boundaries carry nothing for the model; ``data-*`` parts are left out unless
``convert_data_part`` turns them into a text or file part.

Tool approvals (a tool made with ``needs_approval``) take the reference's shape, so that a ``useChat``
reply made with ``addToolApprovalResponse`` lets the next ``stream_text`` call carry on: a tool part
with an ``approval`` keeps its tool call in the assistant message, followed by a
``tool-approval-request`` part; once the user answered (``approval-responded``, ``output-denied``, or
a finished call that was approved), the step's tool message starts with a ``tool-approval-response``
part (``approval_id``, ``approved``, ``reason``). ``stream_text`` then executes the approved calls and
tells the model about the denied ones before its first step; a response whose call already has a
result is not answered twice.

``ignore_incomplete_tool_calls=True`` leaves out calls still streaming or waiting for their output,
preliminary outputs, and calls whose approval the user has not answered yet (``approval-requested``:
without an answer there is nothing the backend could carry on with, and a call with no result would be
refused by the model).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..spec.language_model import (
    AssistantContentPart,
    AssistantMessage,
    FilePart,
    Message,
    ReasoningPart,
    SystemMessage,
    TextPart,
    ToolApprovalRequestPart,
    ToolApprovalResponsePart,
    ToolCallPart,
    ToolContentPart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
    UserContentPart,
    UserMessage,
)
from ..spec.tool_output import model_output_of
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
    tools_by_name,
    validate_ui_messages,
)

__all__ = ["DEFAULT_DENIED_TEXT", "convert_to_model_messages"]

DEFAULT_DENIED_TEXT = "Tool execution denied."
"""What the model is told about a denied tool call when the user gave no reason."""

DataPartConverter = Callable[[DataUIPart], TextPart | FilePart | None]
_UNFINISHED = ("input-streaming", "input-available", "approval-requested")


def convert_to_model_messages(
    messages: Sequence[UIMessage | dict[str, Any]],
    *,
    tools: Mapping[str, Any] | Sequence[Any] | None = None,
    ignore_incomplete_tool_calls: bool = False,
    convert_data_part: DataPartConverter | None = None,
) -> list[Message]:
    """Model messages for UI messages (validated first: dicts are accepted, malformed ones raise
    :class:`~ai_sdk.errors.UIMessageValidationError`).

    Tool parts waiting for or answered by the user's approval become the tool call, a
    :class:`~ai_sdk.ToolApprovalRequestPart` and (once answered) a :class:`~ai_sdk.ToolApprovalResponsePart`
    in the tool message, which ``stream_text`` carries on from. ``ignore_incomplete_tool_calls`` leaves out
    tool parts with neither an outcome nor an answer (streaming, waiting for output or for the user's
    approval, preliminary output). ``convert_data_part(part)`` may turn a
    ``data-*`` part into a :class:`~ai_sdk.TextPart` or :class:`~ai_sdk.FilePart` (``None`` leaves it out).
    With ``tools`` (the tools given to ``stream_text``: ``{name: tool}`` or a list), a tool's ``to_model_output``
    turns its past outputs into what the model reads, as it did when the tool ran.
    """
    named_tools = tools_by_name(tools) if tools is not None else {}
    validated = [message for message in messages if isinstance(message, UIMessage)]
    if len(validated) != len(messages) or not validated:
        validated = validate_ui_messages(messages)
    result: list[Message] = []
    for message in validated:
        parts = [part for part in message.parts if not (ignore_incomplete_tool_calls and _incomplete(part))]
        if message.role == "system":
            result.append(_system(parts))
        elif message.role == "user":
            result.append(UserMessage(_user_content(parts, convert_data_part)))
        else:
            result += _assistant(parts, convert_data_part, named_tools)
    return result


def _incomplete(part: UIMessagePart) -> bool:
    if not isinstance(part, ToolUIPart | DynamicToolUIPart):
        return False
    return part.state in _UNFINISHED or (part.state == "output-available" and part.preliminary is True)


def _system(parts: list[UIMessagePart]) -> SystemMessage:
    texts = [part for part in parts if isinstance(part, TextUIPart)]
    options: dict[str, Any] = {}
    for part in texts:
        options.update(part.provider_metadata or {})
    return SystemMessage("".join(part.text for part in texts), provider_options=options or None)


def _user_content(parts: list[UIMessagePart], convert_data_part: DataPartConverter | None) -> list[UserContentPart]:
    content: list[UserContentPart] = []
    for part in parts:
        converted = _text_file_or_data(part, convert_data_part)
        if converted is not None:
            content.append(converted)
    return content


def _text_file_or_data(part: UIMessagePart, convert_data_part: DataPartConverter | None) -> TextPart | FilePart | None:
    """The model part for a text, file or (converted) data part, which user and assistant messages share."""
    if isinstance(part, TextUIPart):
        return TextPart(part.text, provider_options=part.provider_metadata)
    if isinstance(part, FileUIPart):
        return FilePart(part.url, part.media_type, filename=part.filename, provider_options=part.provider_metadata)
    if isinstance(part, DataUIPart) and convert_data_part is not None:
        return convert_data_part(part)
    return None


def _assistant(
    parts: list[UIMessagePart], convert_data_part: DataPartConverter | None, tools: Mapping[str, Any]
) -> list[Message]:
    messages: list[Message] = []
    block: list[UIMessagePart] = []
    for part in [*parts, StepStartUIPart(type="step-start")]:
        if not isinstance(part, StepStartUIPart):
            block.append(part)
            continue
        messages += _step(block, convert_data_part, tools)
        block = []
    return messages


def _step(
    block: list[UIMessagePart], convert_data_part: DataPartConverter | None, tools: Mapping[str, Any]
) -> list[Message]:
    content: list[AssistantContentPart] = []
    results: list[ToolContentPart] = []
    for part in block:
        if isinstance(part, ReasoningUIPart):
            content.append(ReasoningPart(part.text, provider_options=part.provider_metadata))
        elif isinstance(part, ToolUIPart | DynamicToolUIPart):
            if part.state == "input-streaming":
                continue
            tool_input = part.input if part.input is not None or part.state != "output-error" else part.raw_input
            content.append(
                ToolCallPart(
                    part.tool_call_id, part.tool_name, tool_input, provider_options=part.call_provider_metadata
                )
            )
            approval = part.approval
            if approval is not None:
                content.append(ToolApprovalRequestPart(approval.id, part.tool_call_id))
                if approval.approved is not None:
                    # as in the reference, the answer comes before the call's result
                    results.append(ToolApprovalResponsePart(approval.id, approval.approved, approval.reason))
            result = _tool_result(part, tools)
            if result is not None:
                results.append(result)
        else:
            converted = _text_file_or_data(part, convert_data_part)
            if converted is not None:
                content.append(converted)
    messages: list[Message] = []
    if content:
        messages.append(AssistantMessage(content))
    if results:
        messages.append(ToolMessage(results))
    return messages


def _tool_result(part: ToolUIPart | DynamicToolUIPart, tools: Mapping[str, Any]) -> ToolResultPart | None:
    if part.state == "output-available":
        output = part.output
        to_model_output = getattr(tools.get(part.tool_name), "to_model_output", None)
        if to_model_output is not None:
            value = model_output_of(to_model_output(output))
        elif isinstance(output, str):
            value = ToolResultOutput("text", output)
        else:
            value = ToolResultOutput("json", output)
    elif part.state == "output-error":
        value = ToolResultOutput("error-text", part.error_text)
    elif part.state == "output-denied":
        reason = part.approval.reason if part.approval is not None else None
        value = ToolResultOutput("error-text", reason or DEFAULT_DENIED_TEXT)
    else:
        return None
    return ToolResultPart(part.tool_call_id, part.tool_name, value, provider_options=part.call_provider_metadata)

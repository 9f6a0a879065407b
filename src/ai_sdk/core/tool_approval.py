"""Tool approval, the reference's v6 flow, on the history alone (no server-side state).

1. A tool made with ``needs_approval=True`` (or a function of the input saying so) is not executed:
   the step's content (and the stream) carries a :class:`~ai_sdk.core.types.ToolApprovalRequest` with
   an ``approval_id``, the assistant message of ``response.messages`` holds the tool call and a
   ``tool-approval-request`` part, and the generation ends there.
2. The caller appends those messages and a tool message with ``tool-approval-response`` parts
   (``approval_id``, ``approved``, ``reason``) and calls again.
3. That call first answers the responses (:func:`collect_tool_approvals`): approved calls execute,
   denied ones get an ``execution-denied`` output; both go into one tool message the model reads,
   before its first step. Approval parts are never sent to a model (:func:`model_messages`).

An approval response that answers no request raises :class:`~ai_sdk.errors.InvalidToolApprovalError`;
a request whose tool call is missing raises :class:`~ai_sdk.errors.ToolCallNotFoundForApprovalError`,
both before any request. A response whose call already has a result is skipped, so sending the same
history twice executes nothing twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from ..spec.errors import InvalidToolApprovalError, ToolCallNotFoundForApprovalError
from ..spec.language_model import (
    AssistantMessage,
    Message,
    ToolApprovalRequestPart,
    ToolApprovalResponsePart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
)
from .prune_messages import kept_parts

__all__ = [
    "CollectedApprovals",
    "collect_tool_approvals",
    "denied_result",
    "has_approval_parts",
    "model_messages",
    "new_approval_id",
]


@dataclass(frozen=True, slots=True)
class CollectedApprovals:
    """The approval responses of a history's last (tool) message that still need answering."""

    approved: list[ToolCallPart]
    denied: list[tuple[ToolCallPart, ToolApprovalResponsePart]]


def new_approval_id() -> str:
    """A fresh, unguessable approval id."""
    return f"approval-{uuid.uuid4().hex}"


def collect_tool_approvals(messages: Sequence[Message]) -> CollectedApprovals | None:
    """The approved and denied tool calls answered by the last message, when it is a tool message with
    approval responses (``None`` otherwise)."""
    if not messages or type(messages[-1]) is not ToolMessage:
        return None
    last = messages[-1].content
    responses = [part for part in last if type(part) is ToolApprovalResponsePart]
    if not responses:
        return None
    calls: dict[str, ToolCallPart] = {}
    requests: dict[str, ToolApprovalRequestPart] = {}
    for message in messages:
        if type(message) is AssistantMessage and not isinstance(message.content, str):
            for part in message.content:
                if type(part) is ToolCallPart:
                    calls[part.tool_call_id] = part
                elif type(part) is ToolApprovalRequestPart:
                    requests[part.approval_id] = part
    answered = {part.tool_call_id for part in last if type(part) is ToolResultPart}
    approved: list[ToolCallPart] = []
    denied: list[tuple[ToolCallPart, ToolApprovalResponsePart]] = []
    for response in responses:
        request = requests.get(response.approval_id)
        if request is None:
            raise InvalidToolApprovalError(approval_id=response.approval_id)
        if request.tool_call_id in answered:
            continue
        call = calls.get(request.tool_call_id)
        if call is None:
            raise ToolCallNotFoundForApprovalError(tool_call_id=request.tool_call_id, approval_id=request.approval_id)
        if response.approved:
            approved.append(call)
        else:
            denied.append((call, response))
    return CollectedApprovals(approved, denied)


def denied_result(call: ToolCallPart, response: ToolApprovalResponsePart) -> ToolResultPart:
    """The tool result the model reads for a denied call."""
    return ToolResultPart(call.tool_call_id, call.tool_name, ToolResultOutput("execution-denied", response.reason))


def has_approval_parts(messages: Sequence[Message]) -> bool:
    """Whether any message holds an approval request or response part."""
    for message in messages:
        kind = type(message)
        if (kind is AssistantMessage or kind is ToolMessage) and not isinstance(message.content, str):
            for part in message.content:
                if type(part) is ToolApprovalRequestPart or type(part) is ToolApprovalResponsePart:
                    return True
    return False


def model_messages(messages: Sequence[Message]) -> list[Message]:
    """``messages`` without approval parts (a tool message left empty is dropped): what a model reads."""
    result: list[Message] = []
    for message in messages:
        if type(message) is AssistantMessage:
            message = kept_parts(message, lambda part: type(part) is not ToolApprovalRequestPart)
        elif type(message) is ToolMessage:
            message = kept_parts(message, lambda part: type(part) is not ToolApprovalResponsePart)
            if not message.content:
                continue
        result.append(message)
    return result

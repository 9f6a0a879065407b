"""Property: whatever mix of approval states an assistant message holds (and wherever its steps split),
the converted history is one the core's approval flow accepts: every approval response pairs with a
request and a call, the calls it executes are exactly the approved ones without a result, and the denied
ones exactly those denied without a result."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ai_sdk import ToolApprovalRequestPart, ToolApprovalResponsePart, ToolCallPart
from ai_sdk.core.tool_approval import collect_tool_approvals
from ai_sdk.ui import convert_to_model_messages

STATES = [
    "input-available",
    "approval-requested",
    "approval-responded-yes",
    "approval-responded-no",
    "output-available",
    "output-available-approved",
    "output-denied",
    "output-error",
]


def tool_part(index: int, state: str) -> dict[str, Any]:
    part: dict[str, Any] = {"type": "tool-reserve", "toolCallId": f"call_{index}", "input": {"n": index}}
    approval = {"id": f"ap_{index}"}
    if state.startswith("approval-responded"):
        part.update(state="approval-responded", approval={**approval, "approved": state.endswith("yes")})
    elif state == "approval-requested":
        part.update(state=state, approval=approval)
    elif state == "output-available-approved":
        part.update(state="output-available", output=index, approval={**approval, "approved": True})
    elif state == "output-denied":
        part.update(state=state, approval={**approval, "approved": False, "reason": f"no {index}"})
    elif state == "output-available":
        part.update(state=state, output=index)
    elif state == "output-error":
        part.update(state=state, errorText="boom")
    else:
        part.update(state=state)
    return part


@given(st.lists(st.tuples(st.sampled_from(STATES), st.booleans()), min_size=1, max_size=8))
def test_converted_approvals_are_what_the_core_expects(shape: list[tuple[str, bool]]) -> None:
    parts: list[dict[str, Any]] = [{"type": "step-start"}]
    for index, (state, new_step) in enumerate(shape):
        if new_step:
            parts.append({"type": "step-start"})
        parts.append(tool_part(index, state))
    messages = [
        {"id": "u", "role": "user", "parts": [{"type": "text", "text": "Book"}]},
        {"id": "a", "role": "assistant", "parts": parts},
    ]
    converted = convert_to_model_messages(messages)

    requests = {}
    calls = set()
    responses = []
    for message in converted:
        for part in message.content if not isinstance(message.content, str) else []:
            if isinstance(part, ToolCallPart):
                calls.add(part.tool_call_id)
            elif isinstance(part, ToolApprovalRequestPart):
                assert part.tool_call_id in calls  # a request follows its call
                requests[part.approval_id] = part.tool_call_id
            elif isinstance(part, ToolApprovalResponsePart):
                assert part.approval_id in requests  # an answer follows its request
                responses.append(part.approval_id)
    answered_states = {"approval-responded-yes", "approval-responded-no", "output-available-approved", "output-denied"}
    assert sorted(responses) == sorted(f"ap_{i}" for i, (state, _) in enumerate(shape) if state in answered_states)
    assert sorted(requests) == sorted(
        f"ap_{i}" for i, (state, _) in enumerate(shape) if state in answered_states | {"approval-requested"}
    )

    collected = collect_tool_approvals(converted)  # raises on a response without request or call
    last_step_start = max(i for i, (_, new_step) in enumerate(shape) if new_step) if any(s for _, s in shape) else 0
    last_step = {f"call_{i}": state for i, (state, _) in enumerate(shape) if i >= last_step_start}
    if collected is None:
        assert not any(state in answered_states for state in last_step.values())
        return
    assert sorted(call.tool_call_id for call in collected.approved) == sorted(
        call for call, state in last_step.items() if state == "approval-responded-yes"
    )
    assert sorted(call.tool_call_id for call, _ in collected.denied) == sorted(
        call for call, state in last_step.items() if state == "approval-responded-no"
    )

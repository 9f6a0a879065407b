"""Tool approval (the reference's v6 flow) through all four drivers: approval requests in results,
streams and response messages; approved calls executed and denied ones answered with
execution-denied on the next call; histories in the reference's dict shape; bad responses rejected."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from ai_sdk import errors
from ai_sdk.core.stop_condition import step_count_is
from ai_sdk.core.tool import ToolCallOptions, tool
from ai_sdk.core.types import ToolApprovalRequest, ToolOutputDenied, ToolResult
from ai_sdk.openai_compatible.chat.convert_messages import convert_to_chat_messages
from ai_sdk.spec import (
    AssistantMessage,
    ToolApprovalRequestPart,
    ToolApprovalResponsePart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
)
from ai_sdk.testing import mock_model, reply, tool_call

from .agent_helpers import is_async, is_stream, run, variant
from .generation_helpers import weather

__all__ = ["variant"]

RESTARTED: list[str] = []


@tool(needs_approval=True)
def restart(service: str) -> str:
    """Restart a service."""
    RESTARTED.append(service)
    return f"restarted {service}"


@pytest.fixture(autouse=True)
def _clear() -> None:
    RESTARTED.clear()


def asks_to_restart() -> Any:
    return mock_model(reply(tool_calls=[tool_call("restart", {"service": "db"}, tool_call_id="c1")]), "Done.")


async def first_turn(variant: str, model: Any) -> tuple[Any, list[Any]]:
    return await run(variant, model=model, prompt="Restart db", tools=[restart, weather], stop_when=step_count_is(5))


def answer(result: Any, approved: bool, reason: str | None = None) -> list[Any]:
    [request] = result.steps[-1].tool_approval_requests
    response = ToolApprovalResponsePart(request.approval_id, approved, reason)
    return [{"role": "user", "content": "Restart db"}, *result.response.messages, ToolMessage([response])]


async def test_a_call_that_needs_approval_ends_the_call_with_a_request(variant: str) -> None:
    model = asks_to_restart()
    result, parts = await first_turn(variant, model)
    assert RESTARTED == []
    assert len(model.calls) == 1
    [request] = result.steps[-1].tool_approval_requests
    assert isinstance(request, ToolApprovalRequest)
    assert request.tool_call.input == {"service": "db"}
    assert request.approval_id.startswith("approval-")
    assert result.finish_reason == "tool-calls"
    [assistant] = result.response.messages
    assert assistant == AssistantMessage(
        [ToolCallPart("c1", "restart", {"service": "db"}), ToolApprovalRequestPart(request.approval_id, "c1")]
    )
    if is_stream(variant):
        assert [part for part in parts if isinstance(part, ToolApprovalRequest)] == [request]


async def test_an_approved_call_runs_before_the_next_step(variant: str) -> None:
    model = asks_to_restart()
    first, _ = await first_turn(variant, model)
    result, parts = await run(
        variant, model=model, messages=answer(first, True), tools=[restart, weather], stop_when=step_count_is(5)
    )
    assert RESTARTED == ["db"]
    assert result.text == "Done."
    tool_message, final = result.response.messages
    assert tool_message == ToolMessage([ToolResultPart("c1", "restart", ToolResultOutput("text", "restarted db"))])
    assert isinstance(final, AssistantMessage)
    sent = model.calls[-1].prompt
    assert not any(
        isinstance(part, ToolApprovalRequestPart | ToolApprovalResponsePart)
        for message in sent
        if not isinstance(message.content, str)
        for part in message.content
    )
    assert sent[-1] == tool_message
    if is_stream(variant):
        assert [part for part in parts if isinstance(part, ToolResult)] == [
            ToolResult("c1", "restart", {"service": "db"}, "restarted db")
        ]


async def test_a_denied_call_tells_the_model_why(variant: str) -> None:
    model = asks_to_restart()
    first, _ = await first_turn(variant, model)
    result, parts = await run(
        variant,
        model=model,
        messages=answer(first, False, "not during business hours"),
        tools=[restart, weather],
        stop_when=step_count_is(5),
    )
    assert RESTARTED == []
    denied = ToolMessage(
        [ToolResultPart("c1", "restart", ToolResultOutput("execution-denied", "not during business hours"))]
    )
    assert result.response.messages[0] == denied
    if is_stream(variant):
        assert [part for part in parts if isinstance(part, ToolOutputDenied)] == [ToolOutputDenied("c1", "restart")]
    wire = convert_to_chat_messages(model.calls[-1].prompt, provider_options_key="deepinfra")
    assert wire[-1] == {"role": "tool", "tool_call_id": "c1", "content": "not during business hours"}
    assert convert_to_chat_messages(
        [ToolMessage([ToolResultPart("c1", "restart", ToolResultOutput("execution-denied", None))])],
        provider_options_key="deepinfra",
    ) == [{"role": "tool", "tool_call_id": "c1", "content": "Tool call execution denied."}]


async def test_needs_approval_may_be_a_function_of_the_input(variant: str) -> None:
    seen: list[Any] = []

    def risky(value: Any, options: ToolCallOptions) -> bool:
        seen.append((value["env"], options.tool_call_id))
        return bool(value["env"] == "prod")

    async def risky_async(value: Any, options: ToolCallOptions) -> bool:
        await asyncio.sleep(0)
        return risky(value, options)

    @tool(needs_approval=risky_async if is_async(variant) else risky)
    def deploy(env: str) -> str:
        """Deploy to an environment."""
        return f"deployed {env}"

    model = mock_model(
        reply(tool_calls=[tool_call("deploy", {"env": "staging"}), tool_call("deploy", {"env": "prod"})]), "ok"
    )
    result, _ = await run(variant, model=model, prompt="Deploy", tools=[deploy], stop_when=step_count_is(3))
    step = result.steps[0]
    assert [r.output for r in step.tool_results] == ["deployed staging"]
    assert [r.tool_call.input for r in step.tool_approval_requests] == [{"env": "prod"}]
    assert sorted(env for env, _ in seen) == ["prod", "staging"]
    assert len(model.calls) == 1


async def test_a_history_in_the_reference_dict_shape_is_accepted(variant: str) -> None:
    history = [
        {"role": "user", "content": "Restart db"},
        {
            "role": "assistant",
            "content": [
                {"type": "tool-call", "toolCallId": "c9", "toolName": "restart", "input": {"service": "cache"}},
                {"type": "tool-approval-request", "approvalId": "ap-1", "toolCallId": "c9"},
            ],
        },
        {"role": "tool", "content": [{"type": "tool-approval-response", "approvalId": "ap-1", "approved": True}]},
    ]
    result, _ = await run(variant, model=mock_model("Restarted."), messages=history, tools=[restart])
    assert RESTARTED == ["cache"]
    assert result.text == "Restarted."


async def test_answered_approvals_are_not_executed_twice(variant: str) -> None:
    history: list[Any] = [
        {"role": "user", "content": "Restart db"},
        AssistantMessage([ToolCallPart("c1", "restart", {"service": "db"}), ToolApprovalRequestPart("ap", "c1")]),
        ToolMessage(
            [
                ToolResultPart("c1", "restart", ToolResultOutput("text", "restarted db")),
                ToolApprovalResponsePart("ap", True),
            ]
        ),
    ]
    result, _ = await run(variant, model=mock_model("ok"), messages=history, tools=[restart])
    assert RESTARTED == []
    assert [message.role for message in result.response.messages] == ["assistant"]


async def test_a_response_to_no_request_is_rejected_before_any_request(variant: str) -> None:
    model = mock_model("x")
    history = [{"role": "user", "content": "Hi"}, ToolMessage([ToolApprovalResponsePart("made-up", True)])]
    with pytest.raises(errors.InvalidToolApprovalError, match="'made-up'") as caught:
        await run(variant, model=model, messages=history, tools=[restart])
    assert caught.value.approval_id == "made-up"
    assert model.calls == []


async def test_a_request_without_its_tool_call_is_rejected(variant: str) -> None:
    history = [
        {"role": "user", "content": "Hi"},
        AssistantMessage([ToolApprovalRequestPart("ap", "lost-call")]),
        ToolMessage([ToolApprovalResponsePart("ap", False)]),
    ]
    with pytest.raises(errors.ToolCallNotFoundForApprovalError) as caught:
        await run(variant, model=mock_model("x"), messages=history, tools=[restart])
    assert (caught.value.tool_call_id, caught.value.approval_id) == ("lost-call", "ap")


def test_malformed_approval_parts_say_what_is_wrong() -> None:
    from ai_sdk.sync import generate_text

    bad = [
        {"role": "user", "content": "Hi"},
        {"role": "tool", "content": [{"type": "tool-approval-response", "approvalId": "a", "approved": "yes"}]},
    ]
    with pytest.raises(errors.InvalidPromptError, match=r"messages\[1\].content\[0\]: .*bool 'approved'"):
        generate_text(model=mock_model("x"), messages=bad)
    with pytest.raises(errors.InvalidArgumentError, match="needs_approval must be True/False or a function"):
        tool(needs_approval="always")(lambda: None)  # type: ignore[call-overload]


async def test_a_conversation_with_approvals_round_trips_as_json(variant: str) -> None:
    import json

    from ai_sdk.core.message_dicts import message_to_dict

    model = asks_to_restart()
    first, _ = await first_turn(variant, model)
    history = answer(first, False, "later")
    saved = json.dumps([message_to_dict(m) if not isinstance(m, dict) else m for m in history])
    result, _ = await run(variant, model=model, messages=json.loads(saved), tools=[restart])
    denied = result.response.messages[0]
    assert isinstance(denied, ToolMessage)
    assert denied.content[0] == ToolResultPart("c1", "restart", ToolResultOutput("execution-denied", "later"))
    again = json.dumps([message_to_dict(m) for m in result.response.messages])
    assert '"output": {"type": "execution-denied", "reason": "later"}' in again

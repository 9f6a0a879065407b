"""Running one step's tool calls with the call's hooks around each execution.

Before a call executes: its tool's ``needs_approval`` is asked (unless the user approved the call
already); a call that needs approval gives a :class:`~ai_sdk.core.types.ToolApprovalRequest` instead of
running. Then ``on_tool_call_start``, the execution itself (:mod:`~ai_sdk.core.tool_execution`, with the
call's ``context`` and abort signal in its options), and ``on_tool_call_finish`` with the duration and
the outcome. What a hook or ``needs_approval`` raises is a :class:`~ai_sdk.errors.CallbackError` that
ends the generation (it is the app's code failing, not the tool's).
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Mapping, Sequence
from typing import Any

from ..spec.errors import CallbackError, InvalidArgumentError
from ..spec.language_model import Message
from .callbacks import AbortSignal, LoopHooks, ToolCallFinishEvent, ToolCallStartEvent, notify_async, notify_sync
from .tool import Tool, ToolCallOptions
from .tool_approval import new_approval_id
from .tool_execution import OnPreliminary, execute_tool_async, execute_tool_sync
from .types import ToolApprovalRequest, ToolCall, ToolError, ToolResult

__all__ = ["StepTools", "run_tool_calls_async", "run_tool_calls_sync"]

Outcome = ToolResult | ToolError | ToolApprovalRequest | None


class StepTools:
    """What the executions of one step share: the tools, the step's messages, the hooks."""

    __slots__ = ("abort_signal", "approved", "hooks", "messages", "on_preliminary", "step_number", "tools")

    def __init__(
        self,
        *,
        tools: Mapping[str, Tool[Any, Any]],
        messages: Sequence[Message],
        hooks: LoopHooks,
        abort_signal: AbortSignal,
        step_number: int,
        on_preliminary: OnPreliminary,
        approved: bool,
    ) -> None:
        self.tools = tools
        self.messages = messages
        self.hooks = hooks
        self.abort_signal = abort_signal
        self.step_number = step_number
        self.on_preliminary = on_preliminary
        self.approved = approved

    def _approval(self, call: ToolCall) -> tuple[Any, Any] | bool:
        """``False`` (no approval needed), ``True`` (needed), or the function and its arguments to ask."""
        tool = self.tools.get(call.tool_name)
        if self.approved or call.invalid or tool is None or tool.needs_approval is False:
            return False
        if tool.needs_approval is True:
            return True
        options = ToolCallOptions(call.tool_call_id, self.messages, self.hooks.context, self.abort_signal)
        return tool.needs_approval, (call.input, options)

    def _start(self, call: ToolCall) -> ToolCallStartEvent:
        return ToolCallStartEvent(self.step_number, call, self.messages, self.hooks.context)

    def _finish(self, call: ToolCall, outcome: ToolResult | ToolError | None, started: float) -> ToolCallFinishEvent:
        duration = (time.perf_counter() - started) * 1000
        if isinstance(outcome, ToolError):
            error = outcome.error
            cause = getattr(error, "cause", None)
            return ToolCallFinishEvent(
                self.step_number, call, self.messages, self.hooks.context, duration, False, error=cause or error
            )
        output = outcome.output if outcome is not None else None
        return ToolCallFinishEvent(self.step_number, call, self.messages, self.hooks.context, duration, True, output)


def _ask_sync(function: Any, arguments: tuple[Any, Any]) -> bool:
    try:
        value = function(*arguments)
        if inspect.isawaitable(value):
            if inspect.iscoroutine(value):
                value.close()
            raise InvalidArgumentError(
                "needs_approval returned an awaitable, which the blocking API cannot await; make it a plain "
                "function, or use the async API",
                argument="needs_approval",
            )
    except Exception as error:
        raise CallbackError(callback="needs_approval", cause=error) from error
    return bool(value)


async def _ask_async(function: Any, arguments: tuple[Any, Any]) -> bool:
    try:
        value = function(*arguments)
        if inspect.isawaitable(value):
            value = await value
    except Exception as error:
        raise CallbackError(callback="needs_approval", cause=error) from error
    return bool(value)


def _run_one_sync(step: StepTools, call: ToolCall) -> Outcome:
    approval = step._approval(call)
    if type(approval) is tuple:
        approval = _ask_sync(*approval)
    if approval:
        return ToolApprovalRequest(new_approval_id(), call)
    hooks = step.hooks
    if hooks.on_tool_call_start is not None:
        notify_sync("on_tool_call_start", hooks.on_tool_call_start, step._start(call))
    started = time.perf_counter()
    outcome = execute_tool_sync(
        call,
        step.tools,
        messages=step.messages,
        on_preliminary=step.on_preliminary,
        context=hooks.context,
        abort_signal=step.abort_signal,
    )
    if hooks.on_tool_call_finish is not None:
        notify_sync("on_tool_call_finish", hooks.on_tool_call_finish, step._finish(call, outcome, started))
    return outcome


async def _run_one_async(step: StepTools, call: ToolCall) -> Outcome:
    approval = step._approval(call)
    if type(approval) is tuple:
        approval = await _ask_async(*approval)
    if approval:
        return ToolApprovalRequest(new_approval_id(), call)
    hooks = step.hooks
    if hooks.on_tool_call_start is not None:
        await notify_async("on_tool_call_start", hooks.on_tool_call_start, step._start(call))
    started = time.perf_counter()
    outcome = await execute_tool_async(
        call,
        step.tools,
        messages=step.messages,
        on_preliminary=step.on_preliminary,
        context=hooks.context,
        abort_signal=step.abort_signal,
    )
    if hooks.on_tool_call_finish is not None:
        await notify_async("on_tool_call_finish", hooks.on_tool_call_finish, step._finish(call, outcome, started))
    return outcome


def run_tool_calls_sync(step: StepTools, calls: Sequence[ToolCall]) -> list[Outcome]:
    """Run a step's calls in order (the blocking drivers)."""
    return [_run_one_sync(step, call) for call in calls]


async def run_tool_calls_async(step: StepTools, calls: Sequence[ToolCall]) -> list[Outcome]:
    """Run a step's calls concurrently (the async drivers)."""
    if len(calls) == 1:
        return [await _run_one_async(step, calls[0])]
    import asyncio

    return list(await asyncio.gather(*(_run_one_async(step, call) for call in calls)))

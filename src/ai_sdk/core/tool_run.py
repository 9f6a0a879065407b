"""Running one step's tool calls with the call's hooks around each execution.

Before a call executes: its tool's ``needs_approval`` is asked (unless the user approved the call
already); a call that needs approval gives a :class:`~ai_sdk.core.types.ToolApprovalRequest` instead of
running. Then ``on_tool_call_start``, the execution itself (:mod:`~ai_sdk.core.tool_execution`, with the
call's ``context`` and abort signal in its options), and ``on_tool_call_finish`` with the duration and
the outcome. What a hook or ``needs_approval`` raises is a :class:`~ai_sdk.errors.CallbackError` that
ends the generation (it is the app's code failing, not the tool's).

That sequence is written once, as a generator of requests (ask, notify, execute) that a blocking and
an async driver carry out with their own implementation of each, so the two APIs cannot drift apart.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..spec.errors import CallbackError, InvalidArgumentError
from ..spec.language_model import Message
from .callbacks import AbortSignal, LoopHooks, ToolCallFinishEvent, ToolCallStartEvent, notify_async, notify_sync
from .tool import Tool, ToolCallOptions
from .tool_approval import new_approval_id
from .tool_execution import OnPreliminary, execute_call_async, execute_call_sync
from .types import ToolApprovalRequest, ToolCall, ToolError, ToolResult

__all__ = ["StepTools", "run_tool_calls_async", "run_tool_calls_sync"]

Outcome = ToolResult | ToolError | ToolApprovalRequest | None


@dataclass(frozen=True, slots=True, kw_only=True)
class StepTools:
    """What the executions of one step share: the tools, the step's messages, the hooks."""

    tools: Mapping[str, Tool[Any, Any]]
    messages: Sequence[Message]
    hooks: LoopHooks
    abort_signal: AbortSignal
    step_number: int
    on_preliminary: OnPreliminary
    approved: bool

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


# A request of the flow below: what to call (a blocking and an async implementation; the driver picks
# its own and awaits the async one) and the arguments; the driver sends back what the call returned.
# The last request is _DONE with the outcome as its one argument.
_Request = tuple[tuple[Callable[..., Any], Callable[..., Any]] | None, tuple[Any, ...]]
_ASK = (_ask_sync, _ask_async)
_NOTIFY = (notify_sync, notify_async)
_EXECUTE = (execute_call_sync, execute_call_async)
_DONE = None


def _flow(step: StepTools, call: ToolCall) -> Generator[_Request, Any, None]:
    """One call's way through approval, ``on_tool_call_start``, the execution and
    ``on_tool_call_finish``, written once for both drivers."""
    tool = step.tools.get(call.tool_name)
    hooks = step.hooks
    options = ToolCallOptions(call.tool_call_id, step.messages, hooks.context, step.abort_signal)
    if not (step.approved or call.invalid or tool is None or tool.needs_approval is False):
        needed = tool.needs_approval
        if needed is not True:
            needed = yield _ASK, (needed, (call.input, options))
        if needed:
            yield _DONE, (ToolApprovalRequest(new_approval_id(), call),)
            return
    if tool is not None and tool.execute is None:  # your code answers it: nothing runs, no hook reports a run
        yield _DONE, (None,)
        return
    if hooks.on_tool_call_start is not None:
        event = ToolCallStartEvent(step.step_number, call, step.messages, hooks.context)
        yield _NOTIFY, ("on_tool_call_start", hooks.on_tool_call_start, event)
    started = time.perf_counter()
    outcome = yield _EXECUTE, (call, step.tools, options, step.on_preliminary)
    if hooks.on_tool_call_finish is not None:
        finish = step._finish(call, outcome, started)
        yield _NOTIFY, ("on_tool_call_finish", hooks.on_tool_call_finish, finish)
    yield _DONE, (outcome,)


def _run_one_sync(step: StepTools, call: ToolCall) -> Outcome:
    flow = _flow(step, call)
    effect, args = next(flow)
    while effect is not _DONE:
        effect, args = flow.send(effect[0](*args))
    outcome: Outcome = args[0]
    return outcome


async def _run_one_async(step: StepTools, call: ToolCall) -> Outcome:
    flow = _flow(step, call)
    effect, args = next(flow)
    while effect is not _DONE:
        effect, args = flow.send(await effect[1](*args))
    outcome: Outcome = args[0]
    return outcome


def run_tool_calls_sync(step: StepTools, calls: Sequence[ToolCall]) -> list[Outcome]:
    """Run a step's calls in order (the blocking drivers)."""
    return [_run_one_sync(step, call) for call in calls]


async def run_tool_calls_async(step: StepTools, calls: Sequence[ToolCall]) -> list[Outcome]:
    """Run a step's calls concurrently (the async drivers)."""
    if len(calls) == 1:
        return [await _run_one_async(step, calls[0])]
    import asyncio

    tasks = [asyncio.ensure_future(_run_one_async(step, call)) for call in calls]
    try:
        return list(await asyncio.gather(*tasks))
    except Exception:  # a hook failed, which ends the generation: stop the step's other tools with it
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise

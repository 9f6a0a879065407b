"""One generation (a multi-step tool loop, streamed or not) as an explicit state machine.

Every driver (generate_text and stream_text, async and blocking) runs the same :class:`Generation`,
in the sans-I/O style of h11: the machine does no I/O; the driver asks :meth:`Generation.next_action`
what to do, does it, and reports back. The machine is always in one :class:`Phase`:

=================  ==============================  ==========================================
phase              ``next_action()``               the driver reports
=================  ==============================  ==========================================
``CALL_MODEL``     :class:`CallModel`              ``model_result()`` / ``stream_started()``
``STREAM_OPENING`` ``READ_STREAM``                 ``feed(part)``..., ``stream_ended()``
``STREAMING``      ``READ_STREAM``                 ``feed(part)``..., ``stream_ended()``
``EXECUTE_TOOLS``  :class:`ExecuteTools`           ``tool_preliminary()``..., ``tools_done()``
``CHECK_STOP``     :class:`CheckStop`              ``stop_checked()``
``HOOK``           :class:`RunHook`                ``hook_done()`` / ``hook_failed()``
``DONE`` ...       ``FINISHED``                    (``result()``)
=================  ==============================  ==========================================

A report out of turn raises :class:`GenerationProtocolError` (a driver bug, never a user error),
except ``feed`` after the generation ended, which is a read that raced with ``close()``.

The machine appends what users see on ``full_stream`` to :attr:`Generation.parts` (the streamed
model parts, tool calls and results, and the step boundaries); it emits the step-finished part
itself when it records a step, so readers never infer a step's end. A non-streamed generation emits
the same step-level parts, without model deltas.

The loop continues while the last step made tool calls, every one of them produced a result or an
error, the step did not end in an error, and no stop condition holds. Tool calls are not executed
when the tool choice is ``"none"`` or the step finished with ``length``, ``content-filter`` or
``other`` (the answer is incomplete); an answer that ignores a ``"required"`` or named tool choice
fails with :class:`~ai_sdk.errors.ToolChoiceViolationError`.

The agent layer hooks in at named points (:mod:`~ai_sdk.core.callbacks`): ``prepare_step`` before each
model call, ``repair_tool_call`` after a step with broken calls, ``on_step_finish`` after each step,
``on_finish`` before the end; user code runs as a ``RunHook`` action, so it may be async. A history
ending in tool-approval responses starts with an ``ExecuteTools`` of the approved calls
(:mod:`~ai_sdk.core.tool_approval`); calls that need approval end the generation with approval requests.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Final, TypeAlias

from ..spec._json import dumps_str
from ..spec.errors import (
    AISDKError,
    CallbackError,
    GenerationProtocolError,
    InvalidArgumentError,
    InvalidResponseDataError,
    InvalidToolInputError,
    NoOutputGeneratedError,
    ToolCallRepairError,
    ToolChoiceViolationError,
)
from ..spec.language_model import (
    AssistantContentPart,
    AssistantMessage,
    CallOptions,
    Finish,
    GenerateResult,
    LanguageModel,
    Message,
    ModelToolCall,
    RawChunk,
    Reasoning,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningPart,
    ReasoningStart,
    RequestInfo,
    ResponseInfo,
    ResponseMetadata,
    StreamError,
    StreamStart,
    SystemMessage,
    Text,
    TextDelta,
    TextEnd,
    TextPart,
    TextStart,
    ToolApprovalRequestPart,
    ToolCallPart,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
    ToolMessage,
    ToolResultPart,
)
from ..spec.shared import CallWarning, FinishReason, ProviderMetadata, Usage
from ..spec.telemetry import GenerationTelemetry
from .callbacks import NO_HOOKS, AbortSignal, LoopHooks, RunHook, call_with_keywords, run_hook_async, run_hook_sync
from .prepare_step import plan_step, restrict_tools, split_system
from .stop_condition import StopCondition
from .tool import PreparedTools
from .tool_approval import CollectedApprovals, collect_tool_approvals, denied_result, has_approval_parts, model_messages
from .tool_execution import OnPreliminary, parse_tool_call, tool_result_part
from .tool_repair import is_repairable, model_call_of, repaired_call
from .tool_run import StepTools, run_tool_calls_async, run_tool_calls_sync
from .types import (
    AbortPart,
    ErrorPart,
    FinishPart,
    FinishStepPart,
    OutputSpecification,
    ResponseData,
    StartPart,
    StartStepPart,
    StepResult,
    TextStreamPart,
    ToolApprovalRequest,
    ToolCall,
    ToolError,
    ToolOutputDenied,
    ToolResult,
)

__all__ = [
    "FINISHED",
    "READ_STREAM",
    "CallModel",
    "CheckStop",
    "ExecuteTools",
    "Generation",
    "Phase",
    "ToolOutcome",
    "aborted_error",
    "act_async",
    "act_sync",
    "as_exception",
    "sum_usage",
]

ToolOutcome: TypeAlias = ToolResult | ToolError | ToolApprovalRequest | None
"""What executing one call gives: a result, an error, an approval request (the tool needs approval),
or ``None`` when the tool has no ``execute``."""

_NOT_EXECUTED: Final = frozenset({"length", "content-filter", "other"})
"""Finish reasons of an incomplete answer, whose tool calls are never executed."""


class Phase(Enum):
    """Where a generation is; see the module doc for what each phase expects."""

    CALL_MODEL = "call-model"
    STREAM_OPENING = "stream-opening"
    STREAMING = "streaming"
    EXECUTE_TOOLS = "execute-tools"
    CHECK_STOP = "check-stop"
    HOOK = "hook"
    DONE = "done"
    FAILED = "failed"
    ABORTED = "aborted"


_ENDED: Final = frozenset({Phase.DONE, Phase.FAILED, Phase.ABORTED})
_READING: Final = frozenset({Phase.STREAM_OPENING, Phase.STREAMING})


@dataclass(slots=True)
class CallModel:
    """Action: call ``model`` (the step's, which ``prepare_step`` may change) with ``options``
    (``do_generate`` or ``do_stream``, with retries)."""

    options: CallOptions
    model: LanguageModel


@dataclass(slots=True)
class ExecuteTools:
    """Action: execute ``calls`` (valid, executable) and report one outcome per call, in order.

    ``messages`` is the step's prompt without the system prompt, handed to each ``execute`` as context;
    ``approved``: the user approved these calls already (a history's approval responses).
    """

    calls: list[ToolCall]
    messages: list[Message]
    approved: bool = False


@dataclass(slots=True)
class CheckStop:
    """Action: await ``pending`` (what async stop conditions returned) and report their values."""

    pending: list[Any]


class _Signal:
    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __repr__(self) -> str:
        return self._name


READ_STREAM: Final = _Signal("READ_STREAM")
"""Action: read the next part of the model stream and ``feed`` it (``stream_ended()`` at its end)."""
FINISHED: Final = _Signal("FINISHED")
"""Action: nothing left to do; ``result()`` has the outcome."""

_START: Final = StartPart()
_ABORT: Final = AbortPart()


def as_exception(error: Any) -> BaseException:
    """The exception to raise for an error part (providers may report plain values)."""
    if isinstance(error, BaseException):
        return error
    return AISDKError(f"The model stream reported an error: {error!r}")


def sum_usage(steps: Sequence[StepResult]) -> Usage:
    """Usage summed over ``steps`` (token counts and ``cost``); a single step's usage is kept whole."""
    if not steps:
        return Usage()
    total = steps[0].usage
    for step in steps[1:]:
        total = total + step.usage
    return total


class _Block:
    """A streamed text or reasoning block of the current step: its deltas, joined once at the end."""

    __slots__ = ("chunks", "is_text", "provider_metadata")

    def __init__(self, is_text: bool, provider_metadata: ProviderMetadata | None) -> None:
        self.chunks: list[str] = []
        self.is_text = is_text
        self.provider_metadata = provider_metadata

    def content(self) -> Text | Reasoning:
        text = "".join(self.chunks)
        return Text(text, self.provider_metadata) if self.is_text else Reasoning(text, self.provider_metadata)


@dataclass(slots=True)
class _ModelStep:
    """What one model call produced, tool calls parsed (from a generate result or a finished stream)."""

    content: list[Text | Reasoning | ToolCall]
    finish_reason: FinishReason
    usage: Usage
    provider_metadata: ProviderMetadata | None


class Generation:
    """The state machine of one generation (see the module doc). Built by ``prepare_generation``."""

    __slots__ = (
        "_abort_signal",
        "_approvals",
        "_base_tools",
        "_call",
        "_checks",
        "_content",
        "_execute",
        "_finish",
        "_held",
        "_hook",
        "_messages",
        "_pending_invalid",
        "_prompt",
        "_reasonings",
        "_request",
        "_response",
        "_response_format",
        "_result",
        "_settings",
        "_step",
        "_step_errored",
        "_step_model",
        "_stop_conditions",
        "_strip_approvals",
        "_telemetry",
        "_texts",
        "_warnings",
        "error",
        "hooks",
        "max_retries",
        "model",
        "output",
        "parts",
        "phase",
        "response_messages",
        "steps",
        "tools",
    )

    def __init__(
        self,
        *,
        model: LanguageModel,
        prompt: list[Message],
        settings: dict[str, Any],
        tools: PreparedTools,
        stop_conditions: Sequence[StopCondition],
        output: OutputSpecification[Any, Any] | None,
        max_retries: int,
        telemetry: GenerationTelemetry | None = None,
        hooks: LoopHooks = NO_HOOKS,
    ) -> None:
        self.model = model
        self._telemetry = telemetry
        self.max_retries = max_retries
        self.output = output
        self._prompt = prompt
        self._settings = settings
        self.tools = self._base_tools = tools
        """The step's tools (the drivers execute them)."""
        self.hooks = hooks
        """The call's callbacks and hooks."""
        self._step_model = model
        self._held: set[str] = set()
        self._hook: RunHook | None = None
        self._abort_signal: AbortSignal | None = None
        self._stop_conditions = stop_conditions
        self._response_format = output.response_format() if output is not None else None
        self.parts: list[TextStreamPart] = [_START]
        """Everything ``full_stream`` shows, appended as it happens."""
        self.steps: list[StepResult] = []
        self.response_messages: list[Message] = []
        self.error: BaseException | None = None
        """The first error of the generation (it ends the stream, or its step for an in-stream error)."""
        self._result: Any = None
        self._execute: ExecuteTools | None = None
        self._checks: CheckStop | None = None
        self._step: _ModelStep | None = None
        self._strip_approvals = has_approval_parts(prompt)
        self._approvals: CollectedApprovals | None = None
        approvals = collect_tool_approvals(prompt) if self._strip_approvals else None
        if approvals is not None and (approvals.approved or approvals.denied):
            self._answer_approvals(approvals)
        else:
            self._begin_call()

    # ----------------------------------------------------------------------------- the driver's side

    def next_action(self) -> CallModel | ExecuteTools | CheckStop | RunHook | _Signal:
        """What the driver must do next (see the module doc)."""
        phase = self.phase
        if phase is Phase.CALL_MODEL:
            return self._call
        if phase in _READING:
            return READ_STREAM
        if phase is Phase.EXECUTE_TOOLS:
            return self._execute  # type: ignore[return-value]
        if phase is Phase.CHECK_STOP:
            return self._checks  # type: ignore[return-value]
        if phase is Phase.HOOK:
            return self._hook  # type: ignore[return-value]
        return FINISHED

    @property
    def abort_signal(self) -> AbortSignal:
        """This generation's abort signal, handed to its tools (made on first use: most calls never need one)."""
        signal = self._abort_signal
        if signal is None:
            signal = self._abort_signal = AbortSignal()
            if self.phase is Phase.ABORTED:
                signal.abort()
        return signal

    def model_result(self, result: GenerateResult) -> None:
        """Report the result of the pending ``CallModel`` (non-streamed)."""
        self._expect(Phase.CALL_MODEL, "model_result")
        self._request, self._response = result.request, result.response
        self._start_step(result.warnings)
        content: list[Text | Reasoning | ToolCall] = []
        tools = self.tools.tools
        for part in result.content:
            content.append(parse_tool_call(part, tools) if type(part) is ModelToolCall else part)  # type: ignore[arg-type]
        self._guarded(
            self._after_model, _ModelStep(content, result.finish_reason, result.usage, result.provider_metadata)
        )

    def stream_started(self, request: RequestInfo, response: ResponseInfo) -> None:
        """Report that the model stream of the pending ``CallModel`` has opened."""
        self._expect(Phase.CALL_MODEL, "stream_started")
        self._held = set()
        self._request, self._response = request, response
        self._warnings: Sequence[CallWarning] = ()
        self._content: list[_Block | ToolCall] = []
        self._texts: dict[str, list[str]] = {}
        self._reasonings: dict[str, list[str]] = {}
        self._finish: Finish | None = None
        self._step_errored = False
        self.phase = Phase.STREAM_OPENING

    def feed(self, part: Any) -> None:
        """Report one part of the model stream (``part`` is typed Any: dispatch is by exact type,
        ordered by frequency, for speed)."""
        if self.phase is not Phase.STREAMING:
            self._first_part(part)
            return
        kind = type(part)
        if kind is TextDelta:
            chunks = self._texts.get(part.id)
            if chunks is None:
                chunks = self._open(self._texts, part.id, True, None)
            chunks.append(part.delta)
        elif kind is ReasoningDelta:
            chunks = self._reasonings.get(part.id)
            if chunks is None:
                chunks = self._open(self._reasonings, part.id, False, None)
            chunks.append(part.delta)
        elif kind is ToolInputDelta:
            pass
        elif kind is TextStart:
            self._open(self._texts, part.id, True, part.provider_metadata)
        elif kind is ReasoningStart:
            self._open(self._reasonings, part.id, False, part.provider_metadata)
        elif kind is TextEnd or kind is ReasoningEnd:
            if part.provider_metadata is not None:
                self._end_metadata(part)
        elif kind is ModelToolCall:
            call = parse_tool_call(part, self.tools.tools)
            self._content.append(call)
            if call.invalid and self.hooks.repair_tool_call is not None:
                self._held.add(call.tool_call_id)  # shown once repaired (or not), after the stream
            else:
                self.parts.append(call)
            return
        elif kind is Finish:
            self._finish = part
            return
        elif kind is StreamError:
            self._stream_error(part.error)
            return
        elif kind is ResponseMetadata:
            info = self._response
            self._response = ResponseInfo(
                id=part.id or info.id,
                model_id=part.model_id or info.model_id,
                timestamp=part.timestamp or info.timestamp,
                headers=info.headers,
                body=info.body,
            )
            return
        elif kind is StreamStart:
            self._warnings = (*self._warnings, *part.warnings)
            return
        elif kind is not ToolInputStart and kind is not ToolInputEnd and kind is not RawChunk:
            self._stream_error(InvalidResponseDataError(f"Unknown stream part from the model: {part!r}", data=part))
            return
        self.parts.append(part)

    def stream_ended(self) -> None:
        """Report that the model stream has ended."""
        if self.phase is Phase.STREAM_OPENING:
            self._start_step(())
        self._expect(Phase.STREAMING, "stream_ended")
        finish = self._finish
        if finish is None:
            self._stream_error(InvalidResponseDataError("The model stream ended without a finish part."))
            finish_reason, usage, metadata = FinishReason("error"), Usage(), None
        else:
            finish_reason, usage, metadata = finish.finish_reason, finish.usage, finish.provider_metadata
            if self._step_errored and finish_reason.unified != "error":
                finish_reason = FinishReason("error", finish_reason.raw)
        content = [item.content() if type(item) is _Block else item for item in self._content]
        self._guarded(self._after_model, _ModelStep(content, finish_reason, usage, metadata))  # type: ignore[arg-type]

    def tool_preliminary(self, result: ToolResult) -> None:
        """Report a preliminary result of a tool that is still running (a value it yielded)."""
        self._expect(Phase.EXECUTE_TOOLS, "tool_preliminary")
        self.parts.append(result)

    def tools_done(self, outcomes: Sequence[ToolOutcome]) -> None:
        """Report the outcomes of the pending ``ExecuteTools``, one per call, in order."""
        self._expect(Phase.EXECUTE_TOOLS, "tools_done")
        step, self._step, self._execute = self._step, None, None
        if step is None:  # the approved calls of a history, before the first step
            self._guarded(self._approvals_answered, outcomes)
            return
        self._guarded(self._record, step, outcomes)

    def hook_done(self, value: Any) -> None:
        """Report what the pending ``RunHook``'s code returned (awaited)."""
        self._expect(Phase.HOOK, "hook_done")
        hook, self._hook = self._hook, None
        assert hook is not None
        self._guarded(hook.then, value)

    def hook_failed(self, error: BaseException) -> None:
        """Report that the pending ``RunHook``'s code raised ``error``."""
        self._expect(Phase.HOOK, "hook_failed")
        hook, self._hook = self._hook, None
        assert hook is not None
        if hook.on_error is not None:
            self._guarded(hook.on_error, error)
        else:
            self.fail(CallbackError(callback=hook.name, cause=error))

    def stop_checked(self, values: Sequence[object]) -> None:
        """Report the values the pending ``CheckStop`` awaited."""
        self._expect(Phase.CHECK_STOP, "stop_checked")
        self._checks = None
        self._guarded(self._stop_or_continue, any(values))

    def fail(self, error: BaseException) -> None:
        """An exception ends the generation (a failed request, a dropped connection, a broken tool)."""
        if self.phase in _ENDED:
            return
        if self.error is None:
            self.error = error
        self.parts.append(ErrorPart(error))
        self.phase = Phase.FAILED
        if self._abort_signal is not None:  # nobody waits for a running tool any more
            self._abort_signal.abort()
        if self._telemetry is not None:
            self._telemetry.failed(error)

    def abort(self) -> None:
        """The stream was closed or cancelled before it finished."""
        if self.phase in _ENDED:
            return
        if self._abort_signal is not None:
            self._abort_signal.abort()
        self.parts.append(_ABORT)
        self.phase = Phase.ABORTED
        if self._telemetry is not None:
            self._telemetry.aborted()

    def raise_if_failed(self) -> None:
        """After the end: raise the first error of the generation, or the abort, if any."""
        if self.error is not None:
            raise self.error
        if self.phase is Phase.ABORTED:
            raise aborted_error()

    def result(self) -> Any:
        """The finished generation's :class:`~ai_sdk.core.generate_text.GenerateTextResult` (made once);
        raises the generation's error instead when it failed."""
        self._expect_ended()
        self.raise_if_failed()
        if self._result is None:
            self._result = self._final_result()
        return self._result

    def _final_result(self) -> Any:
        global _RESULT_CLASS
        if _RESULT_CLASS is None:  # generate_text imports this module: import it on first use, once
            from .generate_text import GenerateTextResult

            _RESULT_CLASS = GenerateTextResult
        return _RESULT_CLASS(self.steps, output=self.output)

    # ---------------------------------------------------------------------------------- internals

    def _expect(self, phase: Phase, report: str) -> None:
        if self.phase is not phase:
            raise GenerationProtocolError(
                f"{report}() was reported while the generation is in phase {self.phase.value!r} "
                f"(it expects a report for {self.next_action()!r})"
            )

    def _expect_ended(self) -> None:
        if self.phase not in _ENDED:
            raise GenerationProtocolError(f"result() was asked for in phase {self.phase.value!r}, before the end")

    def _guarded(self, step: Any, *args: Any) -> None:
        """Run a transition; an error raised by user code in it (a stop condition, a tool's output)
        ends the generation."""
        try:
            step(*args)
        except Exception as error:
            self.fail(error)

    def _begin_call(self) -> None:
        messages = [*self._prompt, *self.response_messages]
        prepare = self.hooks.prepare_step
        if prepare is None:
            if self.hooks.active_tools is not None:
                self.tools = restrict_tools(self._base_tools, self.hooks.active_tools, None)
            self._call_model(self.model, messages, self._settings)
            return
        steps = list(self.steps)
        rest = split_system(messages)[1]

        def call() -> Any:
            return call_with_keywords(
                prepare,
                step_number=len(steps),
                steps=steps,
                model=self.model,
                messages=rest,
                context=self.hooks.context,
            )

        self._run_hook(RunHook("prepare_step", call, lambda overrides: self._prepared(overrides, messages)))

    def _prepared(self, overrides: object, messages: list[Message]) -> None:
        """Apply what ``prepare_step`` returned to this step."""
        plan, given = plan_step(
            overrides,
            model=self.model,
            tools=self._base_tools,
            settings=self._settings,
            messages=messages,
            active_tools=self.hooks.active_tools,
        )
        if "context" in given:
            from dataclasses import replace

            self.hooks = replace(self.hooks, context=given["context"])
        self.tools = plan.tools
        self._call_model(plan.model, plan.messages, plan.settings)

    def _call_model(self, model: LanguageModel, messages: list[Message], settings: dict[str, Any]) -> None:
        self._messages = messages
        self._step_model = model
        tools = self.tools
        deadline = settings.get("deadline")
        if deadline is not None:  # the step limit starts with each model call
            settings = {**settings, "deadline": deadline.for_step()}
        self._call = CallModel(
            CallOptions(
                prompt=model_messages(messages) if self._strip_approvals else messages,
                tools=tools.function_tools,
                tool_choice=tools.tool_choice,
                response_format=self._response_format,
                **settings,
            ),
            model,
        )
        self.phase = Phase.CALL_MODEL

    def _run_hook(self, hook: RunHook) -> None:
        self._hook = hook
        self.phase = Phase.HOOK

    def _notify(self, name: str, argument: Any, then: Any) -> None:
        """Run callback ``name`` (if given) with ``argument``, then ``then()``."""
        function = getattr(self.hooks, name)
        if function is None:
            then()
        else:
            self._run_hook(RunHook(name, lambda: function(argument), lambda _: then()))

    # ------------------------------------------------------------------------ tool approval, repair

    def _answer_approvals(self, approvals: CollectedApprovals) -> None:
        """Start by executing a history's approved calls (denied ones are answered without running)."""
        self._approvals = approvals
        tools = self.tools.tools
        calls = [
            parse_tool_call(ModelToolCall(part.tool_call_id, part.tool_name, dumps_str(part.input)), tools)
            for part in approvals.approved
        ]
        runnable = [call for call in calls if not call.invalid]
        self._pending_invalid = [call for call in calls if call.invalid]
        if not runnable:
            self._approvals_answered(())
            return
        _, rest = split_system(self._prompt)
        self._execute = ExecuteTools(runnable, rest, approved=True)
        self.phase = Phase.EXECUTE_TOOLS

    def _approvals_answered(self, outcomes: Sequence[ToolOutcome]) -> None:
        approvals = self._approvals
        assert approvals is not None
        done = [outcome for outcome in outcomes if isinstance(outcome, ToolResult | ToolError)]
        for call in self._pending_invalid:
            error = call.error or InvalidToolInputError(tool_name=call.tool_name, tool_input=str(call.input))
            done.append(ToolError(call.tool_call_id, call.tool_name, call.input, error))
        results: list[ToolResultPart] = [tool_result_part(outcome) for outcome in done]
        results += [denied_result(call, response) for call, response in approvals.denied]
        if results:
            self.response_messages.append(ToolMessage(results))
        self.parts.extend(done)
        self.parts.extend(ToolOutputDenied(call.tool_call_id, call.tool_name) for call, _ in approvals.denied)
        self._begin_call()

    def _repair_next(self, step: _ModelStep, pending: list[int]) -> None:
        """Ask ``repair_tool_call`` about the next broken call of ``step`` (then the rest of the step)."""
        if not pending:
            self._show_held(step)
            self._after_repairs(step)
            return
        index, rest = pending[0], pending[1:]
        broken: ToolCall = step.content[index]  # type: ignore[assignment]
        repair = self.hooks.repair_tool_call
        system, messages = split_system(self._messages)

        def call() -> Any:
            return call_with_keywords(
                repair,  # type: ignore[arg-type]
                tool_call=model_call_of(broken),
                tools=self.tools.tools,
                error=broken.error,
                messages=messages,
                system=system[0].content if system else None,
            )

        def repaired(value: Any) -> None:
            if value is not None:
                try:
                    fixed = repaired_call(value, broken)
                except InvalidArgumentError as error:
                    failed(error)
                    return
                step.content[index] = parse_tool_call(fixed, self.tools.tools)
            self._repair_next(step, rest)

        def failed(error: BaseException) -> None:
            assert broken.error is not None
            wrapped = ToolCallRepairError(original_error=broken.error, cause=error)
            step.content[index] = ToolCall(
                broken.tool_call_id, broken.tool_name, broken.input, True, wrapped, broken.provider_metadata
            )
            self._repair_next(step, rest)

        self._run_hook(RunHook("repair_tool_call", call, repaired, failed))

    def _show_held(self, step: _ModelStep) -> None:
        """Stream the calls held back for repair, as they are now."""
        if self._held:
            for part in step.content:
                if type(part) is ToolCall and part.tool_call_id in self._held:
                    self.parts.append(part)
            self._held = set()

    def _start_step(self, warnings: Sequence[CallWarning]) -> None:
        self._warnings = warnings
        self.parts.append(StartStepPart(self._request, warnings))
        self.phase = Phase.STREAMING

    def _first_part(self, part: Any) -> None:
        if self.phase is Phase.STREAM_OPENING:
            if type(part) is StreamStart:
                self._start_step(part.warnings)
                return
            self._start_step(())
            self.feed(part)
        elif self.phase not in _ENDED:  # after the end: a read that raced with close()
            self._expect(Phase.STREAMING, "feed")

    def _stream_error(self, error: Any) -> None:
        self._step_errored = True
        if self.error is None:
            self.error = as_exception(error)
        self.parts.append(ErrorPart(error))

    def _open(
        self, blocks: dict[str, list[str]], block_id: str, is_text: bool, metadata: ProviderMetadata | None
    ) -> list[str]:
        block = _Block(is_text, metadata)
        blocks[block_id] = block.chunks
        self._content.append(block)
        return block.chunks

    def _end_metadata(self, part: TextEnd | ReasoningEnd) -> None:
        chunks = (self._texts if type(part) is TextEnd else self._reasonings).get(part.id)
        for item in self._content:
            if type(item) is _Block and item.chunks is chunks:
                item.provider_metadata = part.provider_metadata
                return

    def _after_model(self, step: _ModelStep) -> None:
        if self.hooks.repair_tool_call is not None and self._executes(step):
            broken = [index for index, part in enumerate(step.content) if is_repairable(part)]
            if broken:
                self._repair_next(step, broken)
                return
        self._show_held(step)
        self._after_repairs(step)

    def _after_repairs(self, step: _ModelStep) -> None:
        calls = [part for part in step.content if type(part) is ToolCall]
        choice = self.tools.tool_choice
        if choice is not None and step.finish_reason.unified != "error":
            wanted = choice.tool_name if choice.type == "tool" else None
            if (choice.type == "required" and not calls) or (
                wanted is not None and not any(call.tool_name == wanted for call in calls)
            ):
                raise ToolChoiceViolationError(
                    tool_choice=choice,
                    finish_reason=step.finish_reason.unified,
                    content=list(step.content),
                )
        runnable = [call for call in calls if not call.invalid] if self._executes(step) else []
        if runnable:
            self._step = step
            messages = [message for message in self._messages if type(message) is not SystemMessage]
            self._execute = ExecuteTools(runnable, messages)
            self.phase = Phase.EXECUTE_TOOLS
        else:
            self._record(step, ())

    def _executes(self, step: _ModelStep) -> bool:
        """Whether the step's tool calls are answered (not after an incomplete answer or ``"none"``)."""
        choice = self.tools.tool_choice
        return step.finish_reason.unified not in _NOT_EXECUTED and (choice is None or choice.type != "none")

    def _record(self, step: _ModelStep, executed: Sequence[ToolOutcome]) -> None:
        calls = [part for part in step.content if type(part) is ToolCall]
        answered = self._executes(step)
        outcomes: list[ToolResult | ToolError | ToolApprovalRequest] = []
        complete = answered
        if answered:
            pending = iter(executed)
            for call in calls:
                if call.invalid:
                    error = call.error or InvalidToolInputError(tool_name=call.tool_name, tool_input=str(call.input))
                    outcomes.append(ToolError(call.tool_call_id, call.tool_name, call.input, error))
                    continue
                outcome = next(pending, None)
                if outcome is None or type(outcome) is ToolApprovalRequest:
                    complete = False  # answered by your code, or after the user's approval
                if outcome is not None:
                    outcomes.append(outcome)
        self.response_messages.extend(_response_messages(step.content, outcomes))
        info = self._response
        result = StepResult(
            content=[*step.content, *outcomes],
            finish_reason=step.finish_reason.unified,
            raw_finish_reason=step.finish_reason.raw,
            usage=step.usage,
            warnings=list(self._warnings),
            request=self._request,
            response=ResponseData(
                id=info.id,
                model_id=info.model_id or self._step_model.model_id,
                timestamp=info.timestamp,
                headers=dict(info.headers) if info.headers is not None else None,
                body=info.body,
                messages=list(self.response_messages),
            ),
            provider_metadata=step.provider_metadata,
        )
        self.steps.append(result)
        parts = self.parts
        parts.extend(outcomes)
        parts.append(
            FinishStepPart(
                response=result.response,
                usage=result.usage,
                finish_reason=result.finish_reason,
                raw_finish_reason=result.raw_finish_reason,
                provider_metadata=result.provider_metadata,
            )
        )
        if not calls or not complete or result.finish_reason == "error":
            self._notify("on_step_finish", result, self._finish_generation)
        else:
            self._notify("on_step_finish", result, self._check_stop)

    def _check_stop(self) -> None:
        pending: list[Any] = []
        for condition in self._stop_conditions:
            value: object = condition(self.steps)
            if inspect.isawaitable(value):
                pending.append(value)
            elif value:
                for awaitable in pending:
                    if inspect.iscoroutine(awaitable):
                        awaitable.close()
                self._finish_generation()
                return
        if pending:
            self._checks = CheckStop(pending)
            self.phase = Phase.CHECK_STOP
        else:
            self._begin_call()

    def _stop_or_continue(self, stop: bool) -> None:
        if stop:
            self._finish_generation()
        else:
            self._begin_call()

    def _finish_generation(self) -> None:
        if self.hooks.on_finish is None:
            self._done()
            return
        self._result = self._final_result()
        self._notify("on_finish", self._result, self._done)

    def _done(self) -> None:
        last = self.steps[-1]
        self.parts.append(FinishPart(last.finish_reason, sum_usage(self.steps), last.raw_finish_reason))
        self.phase = Phase.DONE
        if self._telemetry is not None:
            self._telemetry.finished(self.steps)


_RESULT_CLASS: Any = None


def aborted_error() -> NoOutputGeneratedError:
    """The error final values raise after the stream was closed or cancelled before its end."""
    return NoOutputGeneratedError("The stream was closed or cancelled before it finished, so it has no final values.")


def _response_messages(
    content: Sequence[Any], outcomes: Sequence[ToolResult | ToolError | ToolApprovalRequest]
) -> list[Message]:
    """The assistant message of a step (text, reasoning, tool calls) and the tool message answering it.
    An invalid call whose input is not a JSON object goes back as ``{}`` (its tool error says why), so
    the next request never carries input the API would reject."""
    parts: list[AssistantContentPart] = []
    for part in content:
        kind = type(part)
        if kind is Text:
            if part.text:
                parts.append(TextPart(part.text, provider_options=part.provider_metadata))
        elif kind is Reasoning:
            parts.append(ReasoningPart(part.text, provider_options=part.provider_metadata))
        elif kind is ToolCall:
            tool_input = part.input if not part.invalid or isinstance(part.input, dict) else {}
            parts.append(
                ToolCallPart(part.tool_call_id, part.tool_name, tool_input, provider_options=part.provider_metadata)
            )
    results = [outcome for outcome in outcomes if type(outcome) is not ToolApprovalRequest]
    parts.extend(
        ToolApprovalRequestPart(outcome.approval_id, outcome.tool_call.tool_call_id)
        for outcome in outcomes
        if type(outcome) is ToolApprovalRequest
    )
    messages: list[Message] = []
    if parts:
        messages.append(AssistantMessage(parts))
    if results:
        messages.append(ToolMessage([tool_result_part(outcome) for outcome in results]))  # type: ignore[arg-type]
    return messages


def _step_tools(generation: Generation, action: ExecuteTools, on_preliminary: OnPreliminary | None = None) -> StepTools:
    return StepTools(
        tools=generation.tools.tools,
        messages=action.messages,
        hooks=generation.hooks,
        abort_signal=generation.abort_signal,
        step_number=len(generation.steps),
        on_preliminary=on_preliminary or generation.tool_preliminary,
        approved=action.approved,
    )


def act_sync(generation: Generation, action: ExecuteTools | CheckStop | RunHook) -> None:
    """Carry out a tool, stop-condition or hook action for a blocking driver."""
    if isinstance(action, ExecuteTools):
        generation.tools_done(run_tool_calls_sync(_step_tools(generation, action), action.calls))
        return
    if isinstance(action, RunHook):
        run_hook_sync(generation, action)
        return
    for pending in action.pending:
        if inspect.iscoroutine(pending):
            pending.close()
    generation.fail(
        InvalidArgumentError(
            "a stop condition returned an awaitable, which the blocking API cannot await: make it a plain "
            "function, or use the async API (from ai_sdk import generate_text, stream_text)",
            argument="stop_when",
        )
    )


async def act_async(
    generation: Generation, action: ExecuteTools | CheckStop | RunHook, on_preliminary: OnPreliminary | None = None
) -> None:
    """Carry out a tool, stop-condition or hook action for an async driver (``on_preliminary``, when given,
    reports the tools' preliminary results instead of ``generation.tool_preliminary``)."""
    if isinstance(action, ExecuteTools):
        tools = _step_tools(generation, action, on_preliminary)
        generation.tools_done(await run_tool_calls_async(tools, action.calls))
    elif isinstance(action, RunHook):
        await run_hook_async(generation, action)
    else:
        generation.stop_checked([await pending for pending in action.pending])

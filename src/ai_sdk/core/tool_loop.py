"""The multi-step tool loop, as one pure generator shared by every driver.

:meth:`ToolLoop.run` yields *actions* and receives their outcomes:

- :class:`CallModel` -> the driver calls the model (``do_generate`` / ``do_stream``, with retries) and
  sends back a :class:`ModelStep` (the model's content with tool calls already parsed);
- :class:`ExecuteTools` -> the driver runs the tool calls (concurrently in the async API, in order in
  the blocking one) and sends back one outcome per call (``None`` when the tool has no ``execute``).

Everything else (building each step's prompt from the initial prompt plus the response messages so
far, answering invalid or unknown tool calls with a tool error, recording steps, deciding whether to
continue) happens here, without I/O, so generate_text and stream_text in both their async and blocking
forms share one implementation.

The loop continues while the last step made tool calls, every one of them produced a result or an
error, the step did not end in an error, and no stop condition holds.

The records here (actions, :class:`ModelStep`, :class:`Generation`) never reach users and are built on
every call, so they are plain slotted dataclasses: a frozen one sets each field through
``object.__setattr__`` and costs about four times as much to build.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any, TypeAlias, cast

from ..spec.errors import InvalidArgumentError, InvalidToolInputError
from ..spec.language_model import (
    AssistantContentPart,
    AssistantMessage,
    CallOptions,
    GenerateResult,
    LanguageModel,
    Message,
    ModelToolCall,
    Reasoning,
    ReasoningPart,
    RequestInfo,
    ResponseFormat,
    ResponseInfo,
    Text,
    TextPart,
    ToolCallPart,
    ToolMessage,
)
from ..spec.shared import CallWarning, FinishReason, ProviderMetadata, Usage
from .call_settings import CallSettings, prepare_call_settings, validate_language_model
from .prompt import standardize_prompt
from .retry import validate_max_retries
from .stop_condition import StopCondition, is_stop_condition_met, to_stop_conditions
from .tool import (
    PreparedTools,
    Tool,
    ToolChoiceInput,
    ToolSet,
    execute_tool_async,
    execute_tool_sync,
    parse_tool_call,
    prepare_tools,
    tool_result_part,
)
from .types import OutputSpecification, ResponseData, StepResult, ToolCall, ToolError, ToolResult

__all__ = [
    "CallModel",
    "ExecuteTools",
    "Generation",
    "LoopAction",
    "ModelContent",
    "ModelStep",
    "ToolLoop",
    "ToolOutcome",
    "execute_tools_async",
    "execute_tools_sync",
    "no_output_error",
    "prepare_generation",
    "sum_usage",
]

ModelContent: TypeAlias = Text | Reasoning | ToolCall
ToolOutcome: TypeAlias = ToolResult | ToolError | None


@dataclass(slots=True)
class CallModel:
    """Action: call the model with these options and send back a :class:`ModelStep`."""

    options: CallOptions


@dataclass(slots=True)
class ExecuteTools:
    """Action: execute these (valid) tool calls and send back one outcome per call, in order.

    ``messages`` is the step's prompt, handed to each tool's ``execute`` as context.
    """

    calls: list[ToolCall]
    messages: list[Message]


LoopAction: TypeAlias = CallModel | ExecuteTools


@dataclass(slots=True)
class ModelStep:
    """What one model call produced, with tool calls parsed (from a generate result or a stream)."""

    content: list[ModelContent]
    finish_reason: FinishReason
    usage: Usage
    warnings: Sequence[CallWarning]
    request: RequestInfo
    response: ResponseInfo
    provider_metadata: ProviderMetadata | None = None


def sum_usage(steps: Sequence[StepResult]) -> Usage:
    """Usage summed over ``steps`` (token counts and ``cost``); a single step's usage is kept whole."""
    if not steps:
        return Usage()
    return reduce(lambda total, step: total + step.usage, steps[1:], steps[0].usage)


class ToolLoop:
    """State of one generation: the prompt, the settings, and the steps and messages produced so far."""

    __slots__ = (
        "_model_id",
        "_prompt",
        "_response_format",
        "_settings",
        "_stop_conditions",
        "_tools",
        "response_messages",
        "steps",
    )

    def __init__(
        self,
        *,
        model_id: str,
        prompt: list[Message],
        settings: CallSettings,
        tools: PreparedTools,
        stop_conditions: Sequence[StopCondition],
        response_format: ResponseFormat | None = None,
    ) -> None:
        self._model_id = model_id
        self._prompt = prompt
        self._settings = settings
        self._tools = tools
        self._stop_conditions = stop_conditions
        self._response_format = response_format
        self.steps: list[StepResult] = []
        self.response_messages: list[Message] = []

    @property
    def tools(self) -> dict[str, Tool[Any, Any]]:
        """The tools by name, as the model may call them."""
        return self._tools.tools

    def parse_tool_call(self, call: ModelToolCall) -> ToolCall:
        """Parse and validate one model tool call against the tools (invalid -> ``invalid=True``)."""
        return parse_tool_call(call, self._tools.tools)

    def model_step(self, result: GenerateResult) -> ModelStep:
        """Turn a non-streamed model result into a :class:`ModelStep`."""
        content: list[ModelContent] = []
        for part in result.content:
            content.append(self.parse_tool_call(part) if isinstance(part, ModelToolCall) else part)
        return ModelStep(
            content=content,
            finish_reason=result.finish_reason,
            usage=result.usage,
            warnings=result.warnings,
            request=result.request,
            response=result.response,
            provider_metadata=result.provider_metadata,
        )

    def run(self) -> Generator[LoopAction, Any, None]:
        """Yield the actions of the whole generation; return when it is over (see the module doc)."""
        tools = self._tools
        while True:
            messages = [*self._prompt, *self.response_messages]
            options = self._settings.call_options(
                messages,
                tools=tools.function_tools,
                tool_choice=tools.tool_choice,
                response_format=self._response_format,
            )
            step = cast(ModelStep, (yield CallModel(options)))
            calls = [part for part in step.content if type(part) is ToolCall]
            runnable = [call for call in calls if not call.invalid]
            executed: Sequence[ToolOutcome] = ()
            if runnable:
                executed = cast(Sequence[ToolOutcome], (yield ExecuteTools(runnable, messages)))
            outcomes, complete = _collect_outcomes(calls, iter(executed))
            result = self._record_step(step, outcomes)
            if (
                not calls
                or not complete
                or result.finish_reason == "error"
                or is_stop_condition_met(self._stop_conditions, self.steps)
            ):
                return

    def _record_step(self, step: ModelStep, outcomes: list[ToolResult | ToolError]) -> StepResult:
        self.response_messages.extend(_response_messages(step.content, outcomes))
        info = step.response
        result = StepResult(
            content=[*step.content, *outcomes],
            finish_reason=step.finish_reason.unified,
            raw_finish_reason=step.finish_reason.raw,
            usage=step.usage,
            warnings=list(step.warnings),
            request=step.request,
            response=ResponseData(
                id=info.id,
                model_id=info.model_id or self._model_id,
                timestamp=info.timestamp,
                headers=dict(info.headers) if info.headers is not None else None,
                body=info.body,
                messages=list(self.response_messages),
            ),
            provider_metadata=step.provider_metadata,
        )
        self.steps.append(result)
        return result


def _collect_outcomes(calls: list[ToolCall], executed: Any) -> tuple[list[ToolResult | ToolError], bool]:
    """Pair each call with its outcome: a tool error for invalid calls, else the executed outcome.
    ``complete`` is ``False`` when some tool had no ``execute`` (the caller must answer it)."""
    outcomes: list[ToolResult | ToolError] = []
    complete = True
    for call in calls:
        if call.invalid:
            error = call.error or InvalidToolInputError(tool_name=call.tool_name, tool_input=str(call.input))
            outcomes.append(ToolError(call.tool_call_id, call.tool_name, call.input, error))
            continue
        outcome = next(executed, None)
        if outcome is None:
            complete = False
        else:
            outcomes.append(outcome)
    return outcomes, complete


def _response_messages(content: list[ModelContent], outcomes: list[ToolResult | ToolError]) -> list[Message]:
    """The assistant message of a step (text, reasoning, tool calls) and the tool message answering it."""
    parts: list[AssistantContentPart] = []
    for part in content:
        if type(part) is Text:
            if part.text:
                parts.append(TextPart(part.text, provider_options=part.provider_metadata))
        elif type(part) is Reasoning:
            parts.append(ReasoningPart(part.text, provider_options=part.provider_metadata))
        elif type(part) is ToolCall:
            parts.append(
                ToolCallPart(part.tool_call_id, part.tool_name, part.input, provider_options=part.provider_metadata)
            )
    messages: list[Message] = []
    if parts:
        messages.append(AssistantMessage(parts))
    if outcomes:
        messages.append(ToolMessage([tool_result_part(outcome) for outcome in outcomes]))
    return messages


@dataclass(slots=True)
class Generation:
    """Everything a driver needs, validated: the model, the loop, the retry budget and the output spec."""

    model: LanguageModel
    loop: ToolLoop
    max_retries: int
    output: OutputSpecification | None


def no_output_error() -> InvalidArgumentError:
    """The error for reading ``output`` of a generation that was not asked for structured output."""
    return InvalidArgumentError(
        "no output specification was given, so there is no structured output to read; pass "
        "output=Output.object(schema) (from ai_sdk import Output) to the call, or read the text",
        argument="output",
    )


def _validate_output(output: object) -> OutputSpecification | None:
    if output is None:
        return None
    if not all(
        callable(getattr(output, name, None)) for name in ("response_format", "parse_complete", "parse_partial")
    ):
        raise InvalidArgumentError(
            "pass Output.object(schema), Output.array(schema), Output.choice([...]), Output.json() or Output.text() "
            f"(from ai_sdk import Output); got {output!r}",
            argument="output",
            value=output,
        )
    return cast(OutputSpecification, output)


def prepare_generation(
    *,
    model: object,
    prompt: Any,
    system: Any,
    messages: Any,
    tools: ToolSet | None,
    tool_choice: ToolChoiceInput | None,
    stop_when: StopCondition | Sequence[StopCondition] | None,
    output: object,
    max_retries: object,
    settings: dict[str, Any],
) -> Generation:
    """Validate every argument of generate_text / stream_text (raising before any request is made)."""
    checked_model = validate_language_model(model)
    retries = validate_max_retries(max_retries)
    call_settings = prepare_call_settings(**settings)
    spec = _validate_output(output)
    loop = ToolLoop(
        model_id=checked_model.model_id,
        prompt=standardize_prompt(prompt=prompt, system=system, messages=messages),
        settings=call_settings,
        tools=prepare_tools(tools, tool_choice),
        stop_conditions=to_stop_conditions(stop_when),
        response_format=spec.response_format() if spec is not None else None,
    )
    return Generation(model=checked_model, loop=loop, max_retries=retries, output=spec)


async def execute_tools_async(action: ExecuteTools, loop: ToolLoop) -> list[ToolOutcome]:
    """Run one step's tool calls concurrently (the async driver's half of :class:`ExecuteTools`)."""
    tools = loop.tools
    calls = action.calls
    if len(calls) == 1:
        return [await execute_tool_async(calls[0], tools, messages=action.messages)]
    import asyncio

    return list(await asyncio.gather(*(execute_tool_async(call, tools, messages=action.messages) for call in calls)))


def execute_tools_sync(action: ExecuteTools, loop: ToolLoop) -> list[ToolOutcome]:
    """Run one step's tool calls in order (the blocking driver's half of :class:`ExecuteTools`)."""
    tools = loop.tools
    return [execute_tool_sync(call, tools, messages=action.messages) for call in action.calls]

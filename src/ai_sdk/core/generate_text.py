"""generate_text: one model call, or a multi-step tool loop, returning the complete result.

Both APIs drive the same state machine (:class:`~ai_sdk.core.generation.Generation`): the async driver
awaits the model and runs a step's tool calls concurrently; the blocking driver does the same calls in
order. :class:`GenerateTextResult` holds the final values of every generation, streamed or not:
``stream_text`` results read theirs from one too.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from operator import attrgetter
from typing import Any, Generic, Self, TypeVar, Unpack, overload

from ..spec.errors import InvalidArgumentError, NoOutputGeneratedError
from ..spec.language_model import Reasoning, RequestInfo
from ..spec.shared import CallWarning, FinishReasonType, ProviderMetadata, Usage
from .call_arguments import TextCallSettings, prepare_generation
from .generation import FINISHED, CallModel, Generation, act_async, act_sync, sum_usage
from .retry import retry_async, retry_sync
from .types import (
    ContentPart,
    OutputSpecification,
    OutputT,
    OutputT_co,
    ResponseData,
    StepResult,
    ToolCall,
    ToolError,
    ToolResult,
)

__all__ = ["GenerateTextResult", "generate_text", "generate_text_sync", "no_output_error"]

_UNSET: Any = object()
T = TypeVar("T")


def no_output_error() -> InvalidArgumentError:
    """The error for reading ``output`` of a generation that was not asked for structured output."""
    return InvalidArgumentError(
        "no output specification was given, so there is no structured output to read; pass "
        "output=Output.object(schema) (from ai_sdk import Output) to the call, or read the text",
        argument="output",
    )


class _LastStep(Generic[T]):
    """A final value that is the last step's (the :class:`~ai_sdk.core.types.StepResult` attribute of the
    same name)."""

    def __init__(self, doc: str) -> None:
        self.__doc__ = doc

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self._get = attrgetter(name)

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, instance: GenerateTextResult[Any], owner: type[Any]) -> T: ...
    def __get__(self, instance: Any, owner: type[Any]) -> Any:
        return self if instance is None else self._get(instance._steps[-1])


class GenerateTextResult(Generic[OutputT_co]):
    """The outcome of :func:`generate_text`: the final step's content plus every step and the totals.

    Most values describe the last step (``text``, ``tool_calls``, ``finish_reason``, ``usage``);
    ``steps`` has every model call and ``total_usage`` sums them (``total_usage.cost`` is the price in
    USD when the provider reports one). ``response.messages`` are the assistant and tool messages to
    append to your history for the next turn.

    Generic in the type of ``output``: ``GenerateTextResult[Recipe]`` for ``output=Output.object(Recipe)``,
    ``GenerateTextResult[NoOutput]`` without ``output=`` (a bare ``GenerateTextResult`` accepts any).
    """

    __slots__ = ("_output", "_output_spec", "_steps", "_total_usage")

    def __init__(
        self, steps: Sequence[StepResult], *, output: OutputSpecification[OutputT_co, Any] | None = None
    ) -> None:
        if not steps:
            raise InvalidArgumentError("a result needs at least one step", argument="steps", value=steps)
        self._steps = list(steps)
        self._total_usage = sum_usage(self._steps)
        self._output_spec = output
        self._output: OutputT_co = _UNSET

    @property
    def steps(self) -> list[StepResult]:
        """Every model call of the generation, in order, with its tool calls and results."""
        return self._steps

    @property
    def total_usage(self) -> Usage:
        """Usage summed over every step; ``cost`` is the total price in USD when reported."""
        return self._total_usage

    @property
    def _last(self) -> StepResult:
        return self._steps[-1]

    content: _LastStep[list[ContentPart]] = _LastStep(
        "The last step's content: text, reasoning, tool calls, tool results and errors, in order."
    )
    text: _LastStep[str] = _LastStep("The text of the last step.")
    reasoning: _LastStep[list[Reasoning]] = _LastStep("The reasoning parts of the last step.")
    reasoning_text: _LastStep[str | None] = _LastStep(
        "The reasoning of the last step as one string (``None`` when the model gave none)."
    )
    tool_calls: _LastStep[list[ToolCall]] = _LastStep("The tool calls of the last step (with parsed input).")
    tool_results: _LastStep[list[ToolResult]] = _LastStep("The results of the last step's tool calls.")
    tool_errors: _LastStep[list[ToolError]] = _LastStep(
        "The last step's tool calls that failed (invalid input, unknown tool, ``execute`` raised)."
    )
    finish_reason: _LastStep[FinishReasonType] = _LastStep(
        "Why the last step ended: ``stop``, ``length``, ``tool-calls``, ``content-filter``, ``error`` or ``other``."
    )
    raw_finish_reason: _LastStep[str | None] = _LastStep("The finish reason as the provider sent it.")
    usage: _LastStep[Usage] = _LastStep("Usage of the last step; see ``total_usage`` for the whole generation.")
    warnings: _LastStep[list[CallWarning]] = _LastStep(
        "Settings the model could not honour in the last step, and other warnings."
    )
    request: _LastStep[RequestInfo] = _LastStep("The last step's request (its body, as sent).")
    response: _LastStep[ResponseData] = _LastStep(
        "Response metadata of the last step; ``messages`` are every assistant and tool message of this call, "
        "to append to your history for the next turn."
    )
    provider_metadata: _LastStep[ProviderMetadata | None] = _LastStep(
        "Provider-specific data of the last step, keyed by provider."
    )

    @property
    def output(self) -> OutputT_co:
        """The structured output parsed from the final text (parsed on first access, then cached).

        Raises :class:`~ai_sdk.errors.NoObjectGeneratedError` when the text does not parse or fit the
        schema, :class:`~ai_sdk.errors.NoOutputGeneratedError` when the last step ended with tool
        calls (it has no answer to parse), and :class:`~ai_sdk.errors.InvalidArgumentError` when no
        ``output=`` was given.
        """
        if self._output is _UNSET:
            spec = self._output_spec
            if spec is None:
                raise no_output_error()
            last = self._last
            if last.finish_reason == "tool-calls":
                raise NoOutputGeneratedError(
                    "No output generated: the last step ended with tool calls, so there is no answer to parse; "
                    "allow more steps with stop_when (e.g. step_count_is(5)) so the model can answer"
                )
            self._output = spec.parse_complete(
                last.text, response=last.response, usage=last.usage, finish_reason=last.finish_reason
            )
        return self._output

    def __repr__(self) -> str:
        text = self.text
        shown = text if len(text) <= 60 else text[:57] + "..."
        return (
            f"GenerateTextResult(text={shown!r}, finish_reason={self.finish_reason!r}, steps={len(self.steps)}, "
            f"tool_calls={len(self.tool_calls)}, total_tokens={self.total_usage.total_tokens!r}, "
            f"cost={self.total_usage.cost!r})"
        )


async def _drive_async(generation: Generation) -> GenerateTextResult[Any]:
    retries = generation.max_retries
    try:
        while (action := generation.next_action()) is not FINISHED:
            if type(action) is CallModel:
                options = action.options
                result = await retry_async(
                    partial(action.model.do_generate, options), max_retries=retries, deadline=options.deadline
                )
                generation.model_result(result)
            else:
                await act_async(generation, action)  # type: ignore[arg-type]
    except BaseException as error:
        generation.fail(error)  # ends the generation (and its telemetry) before the error propagates
        raise
    return generation.result()  # type: ignore[no-any-return]


def _drive_sync(generation: Generation) -> GenerateTextResult[Any]:
    retries = generation.max_retries
    try:
        while (action := generation.next_action()) is not FINISHED:
            if type(action) is CallModel:
                options = action.options
                generation.model_result(
                    retry_sync(
                        partial(action.model.do_generate_sync, options), max_retries=retries, deadline=options.deadline
                    )
                )
            else:
                act_sync(generation, action)  # type: ignore[arg-type]
    except BaseException as error:
        generation.fail(error)  # ends the generation (and its telemetry) before the error propagates
        raise
    return generation.result()  # type: ignore[no-any-return]


async def generate_text(
    *, model: Any, output: OutputSpecification[OutputT, Any] | None = None, **settings: Unpack[TextCallSettings]
) -> GenerateTextResult[OutputT]:
    """Generate text (and call tools) with a language model.

    Pass ``prompt`` (a string or messages) or ``messages``, optionally with ``system``. With ``tools``
    the model may call them; their results are fed back for further steps until ``stop_when`` holds
    (default: a single step). Retryable API errors are retried ``max_retries`` times with backoff.
    ``output=Output.object(schema)`` (or another :class:`~ai_sdk.Output`) asks for structured output.
    Every setting: :class:`~ai_sdk.core.call_arguments.TextCallSettings`.
    """
    return await _drive_async(prepare_generation(model, output, settings, function="generate_text", blocking=False))


def generate_text_sync(
    *, model: Any, output: OutputSpecification[OutputT, Any] | None = None, **settings: Unpack[TextCallSettings]
) -> GenerateTextResult[OutputT]:
    """The blocking twin of :func:`generate_text` (``from ai_sdk.sync import generate_text``): same
    arguments and result; tool calls of a step run one after another; no event loop is involved."""
    return _drive_sync(prepare_generation(model, output, settings, function="generate_text", blocking=True))

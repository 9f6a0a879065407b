"""generate_text: one model call, or a multi-step tool loop, returning the complete result.

Both APIs drive the same pure loop (:class:`~ai_sdk.core.tool_loop.ToolLoop`): the async driver awaits
the model and runs a step's tool calls concurrently; the blocking driver does the same calls in order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any, Generic

from ..spec.errors import InvalidArgumentError
from ..spec.language_model import Message, Reasoning, RequestInfo
from ..spec.shared import CallWarning, FinishReasonType, ProviderMetadata, ProviderOptions, Usage
from .retry import retry_async, retry_sync
from .stop_condition import StopCondition
from .tool import ToolChoiceInput, ToolSet
from .tool_loop import (
    CallModel,
    Generation,
    execute_tools_async,
    execute_tools_sync,
    no_output_error,
    prepare_generation,
    sum_usage,
)
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

__all__ = ["GenerateTextResult", "generate_text", "generate_text_sync"]

_UNSET: Any = object()


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

    @property
    def content(self) -> list[ContentPart]:
        return self._last.content

    @property
    def text(self) -> str:
        return self._last.text

    @property
    def reasoning(self) -> list[Reasoning]:
        return self._last.reasoning

    @property
    def reasoning_text(self) -> str | None:
        return self._last.reasoning_text

    @property
    def tool_calls(self) -> list[ToolCall]:
        return self._last.tool_calls

    @property
    def tool_results(self) -> list[ToolResult]:
        return self._last.tool_results

    @property
    def tool_errors(self) -> list[ToolError]:
        return self._last.tool_errors

    @property
    def finish_reason(self) -> FinishReasonType:
        return self._last.finish_reason

    @property
    def raw_finish_reason(self) -> str | None:
        return self._last.raw_finish_reason

    @property
    def usage(self) -> Usage:
        """Usage of the last step; see ``total_usage`` for the whole generation."""
        return self._last.usage

    @property
    def warnings(self) -> list[CallWarning]:
        return self._last.warnings

    @property
    def request(self) -> RequestInfo:
        return self._last.request

    @property
    def response(self) -> ResponseData:
        return self._last.response

    @property
    def provider_metadata(self) -> ProviderMetadata | None:
        return self._last.provider_metadata

    @property
    def output(self) -> OutputT_co:
        """The structured output parsed from the final text (parsed on first access, then cached).

        Raises :class:`~ai_sdk.errors.NoObjectGeneratedError` when the text does not parse or fit the
        schema, and :class:`~ai_sdk.errors.InvalidArgumentError` when no ``output=`` was given.
        """
        if self._output is _UNSET:
            spec = self._output_spec
            if spec is None:
                raise no_output_error()
            last = self._last
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
    model, loop, max_retries = generation.model, generation.loop, generation.max_retries
    actions = loop.run()
    action = next(actions)
    while True:
        if isinstance(action, CallModel):
            result = await retry_async(partial(model.do_generate, action.options), max_retries=max_retries)
            outcome: Any = loop.model_step(result)
        else:
            outcome = await execute_tools_async(action, loop)
        try:
            action = actions.send(outcome)
        except StopIteration:
            return GenerateTextResult(loop.steps, output=generation.output)


def _drive_sync(generation: Generation) -> GenerateTextResult[Any]:
    model, loop, max_retries = generation.model, generation.loop, generation.max_retries
    actions = loop.run()
    action = next(actions)
    while True:
        if isinstance(action, CallModel):
            result = retry_sync(partial(model.do_generate_sync, action.options), max_retries=max_retries)
            outcome: Any = loop.model_step(result)
        else:
            outcome = execute_tools_sync(action, loop)
        try:
            action = actions.send(outcome)
        except StopIteration:
            return GenerateTextResult(loop.steps, output=generation.output)


async def generate_text(
    *,
    model: Any,
    prompt: str | Sequence[Message | Mapping[str, Any]] | None = None,
    system: str | None = None,
    messages: Sequence[Message | Mapping[str, Any]] | None = None,
    tools: ToolSet | None = None,
    tool_choice: ToolChoiceInput | None = None,
    stop_when: StopCondition | Sequence[StopCondition] | None = None,
    output: OutputSpecification[OutputT, Any] | None = None,
    max_output_tokens: int | None = None,
    temperature: float | None = None,
    top_p: float | None = None,
    top_k: int | None = None,
    presence_penalty: float | None = None,
    frequency_penalty: float | None = None,
    stop_sequences: Sequence[str] | None = None,
    seed: int | None = None,
    max_retries: int = 2,
    headers: Mapping[str, str | None] | None = None,
    timeout: float | None = None,
    provider_options: ProviderOptions | None = None,
) -> GenerateTextResult[OutputT]:
    """Generate text (and call tools) with a language model.

    Pass ``prompt`` (a string or messages) or ``messages``, optionally with ``system``. With ``tools``
    the model may call them; their results are fed back for further steps until ``stop_when`` holds
    (default: a single step). Retryable API errors are retried ``max_retries`` times with backoff.
    """
    generation = prepare_generation(
        model=model,
        prompt=prompt,
        system=system,
        messages=messages,
        tools=tools,
        tool_choice=tool_choice,
        stop_when=stop_when,
        output=output,
        max_retries=max_retries,
        settings={
            "max_output_tokens": max_output_tokens,
            "temperature": temperature,
            "top_p": top_p,
            "top_k": top_k,
            "presence_penalty": presence_penalty,
            "frequency_penalty": frequency_penalty,
            "stop_sequences": stop_sequences,
            "seed": seed,
            "headers": headers,
            "timeout": timeout,
            "provider_options": provider_options,
        },
    )
    return await _drive_async(generation)


def generate_text_sync(
    *,
    model: Any,
    prompt: str | Sequence[Message | Mapping[str, Any]] | None = None,
    system: str | None = None,
    messages: Sequence[Message | Mapping[str, Any]] | None = None,
    tools: ToolSet | None = None,
    tool_choice: ToolChoiceInput | None = None,
    stop_when: StopCondition | Sequence[StopCondition] | None = None,
    output: OutputSpecification[OutputT, Any] | None = None,
    max_output_tokens: int | None = None,
    temperature: float | None = None,
    top_p: float | None = None,
    top_k: int | None = None,
    presence_penalty: float | None = None,
    frequency_penalty: float | None = None,
    stop_sequences: Sequence[str] | None = None,
    seed: int | None = None,
    max_retries: int = 2,
    headers: Mapping[str, str | None] | None = None,
    timeout: float | None = None,
    provider_options: ProviderOptions | None = None,
) -> GenerateTextResult[OutputT]:
    """The blocking twin of :func:`generate_text` (``from ai_sdk.sync import generate_text``): same
    arguments and result; tool calls of a step run one after another; no event loop is involved."""
    generation = prepare_generation(
        model=model,
        prompt=prompt,
        system=system,
        messages=messages,
        tools=tools,
        tool_choice=tool_choice,
        stop_when=stop_when,
        output=output,
        max_retries=max_retries,
        settings={
            "max_output_tokens": max_output_tokens,
            "temperature": temperature,
            "top_p": top_p,
            "top_k": top_k,
            "presence_penalty": presence_penalty,
            "frequency_penalty": frequency_penalty,
            "stop_sequences": stop_sequences,
            "seed": seed,
            "headers": headers,
            "timeout": timeout,
            "provider_options": provider_options,
        },
    )
    return _drive_sync(generation)

"""Running the model's tool calls: parse and validate the input, call ``execute``, and turn the
outcome into the tool-result part the model reads next.

Nothing a tool does may crash the tool loop: unknown tools, bad JSON, schema failures and exceptions
raised by ``execute`` all become :class:`~ai_sdk.core.types.ToolError`\\ s that the model sees (and can
correct). Only ``BaseException``\\ s that are not errors (``KeyboardInterrupt``, ``SystemExit``,
``asyncio.CancelledError``) propagate. A tool with a ``timeout`` that is still running then becomes a
tool error too (:mod:`.tool_timeout`). Every tool error is logged at WARNING on ``ai_sdk.tools``.

``ToolCall.input`` is the JSON the model sent (parsed, not converted), so it can go back into the
conversation history as is; ``execute`` receives the validated, typed value (a pydantic model
instance, a dataclass, ...), validated again right before the call.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any, Required, TypedDict, Unpack

from ..spec._json import JSONDecodeError, dumps_str, loads, to_json_value
from ..spec._logging import get_logger
from ..spec.errors import (
    AISDKError,
    InvalidToolInputError,
    JSONParseError,
    NoSuchToolError,
    ToolExecutionError,
    TypeValidationError,
)
from ..spec.language_model import Message, ModelToolCall, ToolResultOutput, ToolResultPart
from ..spec.tool_output import model_output_of
from .call_settings import check_arguments
from .callbacks import AbortSignal
from .tool import Tool, ToolCallOptions
from .tool_timeout import await_within, call_within
from .types import ToolCall, ToolError, ToolResult

__all__ = [
    "ExecutionSettings",
    "OnPreliminary",
    "execute_call_async",
    "execute_call_sync",
    "execute_tool_async",
    "execute_tool_sync",
    "parse_tool_call",
    "tool_result_part",
]

_log = get_logger("tools")

OnPreliminary = Callable[[ToolResult], None]
"""Receives each preliminary result (a value a generator tool yielded before its last one)."""


class ExecutionSettings(TypedDict, total=False):
    """What :func:`execute_tool_sync` and :func:`execute_tool_async` take besides the call and the tools:
    the step's ``messages``, ``context`` and ``abort_signal`` (handed to ``execute`` in its
    :class:`ToolCallOptions`), and where preliminary results go (by default nowhere)."""

    messages: Required[Sequence[Message]]
    on_preliminary: OnPreliminary
    context: Any
    abort_signal: AbortSignal | None


_SETTINGS = frozenset(ExecutionSettings.__annotations__)


def parse_tool_call(call: ModelToolCall, tools: Mapping[str, Tool[Any, Any]]) -> ToolCall:
    """Parse and validate a model's tool call. Never raises: a call to an unknown tool, with input
    that is not JSON or that fails the tool's schema comes back ``invalid`` with the error set.
    An empty arguments string means ``{}`` (models send it for tools without parameters)."""
    raw = call.input
    tool = tools.get(call.tool_name)
    if tool is None:
        error: AISDKError = NoSuchToolError(tool_name=call.tool_name, available_tools=list(tools))
        return _invalid(call, _loose_json(raw), error)
    value: Any = {}
    if raw.strip():
        try:
            value = loads(raw)
        except JSONDecodeError as parse_error:
            cause = JSONParseError(raw, cause=parse_error)
            return _invalid(call, raw, InvalidToolInputError(tool_name=call.tool_name, tool_input=raw, cause=cause))
    try:
        tool.validate_input(value)
    except TypeValidationError as invalid:
        return _invalid(call, value, InvalidToolInputError(tool_name=call.tool_name, tool_input=raw, cause=invalid))
    return ToolCall(call.tool_call_id, call.tool_name, value, provider_metadata=call.provider_metadata)


def _invalid(call: ModelToolCall, value: Any, error: BaseException) -> ToolCall:
    return ToolCall(
        call.tool_call_id, call.tool_name, value, invalid=True, error=error, provider_metadata=call.provider_metadata
    )


def _loose_json(raw: str) -> Any:
    try:
        return loads(raw) if raw.strip() else {}
    except JSONDecodeError:
        return raw


def _prepare(call: ToolCall, tools: Mapping[str, Tool[Any, Any]]) -> tuple[Tool[Any, Any], Any] | ToolError | None:
    """The tool and its typed input, or the ToolError to report, or None when there is no execute."""
    if call.invalid:
        error = call.error or InvalidToolInputError(tool_name=call.tool_name, tool_input=dumps_str(call.input))
        return ToolError(call.tool_call_id, call.tool_name, call.input, error)
    tool = tools.get(call.tool_name)
    if tool is None:
        missing = NoSuchToolError(tool_name=call.tool_name, available_tools=list(tools))
        return ToolError(call.tool_call_id, call.tool_name, call.input, missing)
    if tool.execute is None:
        return None
    try:
        value = tool.validate_input(call.input)
    except TypeValidationError as invalid:
        error = InvalidToolInputError(tool_name=call.tool_name, tool_input=dumps_str(call.input), cause=invalid)
        return ToolError(call.tool_call_id, call.tool_name, call.input, error)
    return tool, value


def _failed(call: ToolCall, cause: BaseException) -> ToolError:
    error = ToolExecutionError(
        tool_name=call.tool_name, tool_call_id=call.tool_call_id, tool_input=call.input, cause=cause
    )
    _log.warning("%s (call %s)", error.message, call.tool_call_id, extra={"tool_name": call.tool_name}, exc_info=cause)
    return ToolError(call.tool_call_id, call.tool_name, call.input, error)


def _async_in_sync(call: ToolCall) -> ToolError:
    return _failed(
        call,
        TypeError(
            f"tool {call.tool_name!r} has an async execute function, which the blocking API cannot run; "
            "use the async API (from ai_sdk import generate_text) or give the tool a plain function"
        ),
    )


def _ignore(result: ToolResult) -> None:
    """The default ``on_preliminary``: preliminary results are only shown by streams."""


def _finished(call: ToolCall, output: Any, tool: Tool[Any, Any]) -> ToolResult | ToolError:
    """The result of a call, or a tool error when the output fails the tool's ``output_schema``, its
    ``to_model_output`` fails, or it cannot be sent back to the model as JSON (non-UTF-8 bytes, a
    self-referencing dict): the model sees why, and the loop goes on."""
    try:
        tool.validate_output(output)
    except TypeValidationError as invalid:
        return _failed(call, invalid)
    model_output = None
    if tool.to_model_output is not None:
        try:
            model_output = model_output_of(tool.to_model_output(output))
        except Exception as error:
            return _failed(call, error)
    elif not isinstance(output, str):
        try:
            to_json_value(output)
        except (ValueError, TypeError, RecursionError) as error:
            return _failed(call, TypeError(f"the tool returned a value that cannot be sent as JSON: {error}"))
    return ToolResult(call.tool_call_id, call.tool_name, call.input, output, model_output=model_output)


def _drain(
    call: ToolCall, values: Iterator[Any], on_preliminary: OnPreliminary, tool: Tool[Any, Any]
) -> ToolResult | ToolError:
    """A generator tool's outcome: every yielded value is a preliminary result; the last is the output."""
    output: Any = _NOTHING
    for output in values:
        on_preliminary(ToolResult(call.tool_call_id, call.tool_name, call.input, output, preliminary=True))
    return _last(call, output, tool)


def _last(call: ToolCall, output: Any, tool: Tool[Any, Any]) -> ToolResult | ToolError:
    """The outcome of a generator tool whose last value was ``output``."""
    if output is _NOTHING:
        return _failed(call, ValueError("the tool's generator yielded no value; yield its result"))
    return _finished(call, output, tool)


_NOTHING: Any = object()
_PLAIN = frozenset({str, int, float, bool, type(None), dict, list, tuple})
"""Types a tool commonly returns, which are never awaitable: checked first, since ``inspect.isawaitable``
of a value that is not a coroutine goes through the ``Awaitable`` ABC, costlier than the rest of a run."""


def execute_tool_sync(
    call: ToolCall, tools: Mapping[str, Tool[Any, Any]], **settings: Unpack[ExecutionSettings]
) -> ToolResult | ToolError | None:
    """Run one call's ``execute`` in this thread. ``None`` when the tool has no ``execute`` (the
    caller answers it); a :class:`ToolError` for invalid calls, failures and async functions."""
    return execute_call_sync(call, tools, *_options(call, settings, "execute_tool_sync"))


def _options(call: ToolCall, settings: ExecutionSettings, function: str) -> tuple[ToolCallOptions, OnPreliminary]:
    check_arguments(settings, _SETTINGS, function)
    options = ToolCallOptions(
        call.tool_call_id, settings["messages"], settings.get("context"), settings.get("abort_signal")
    )
    return options, settings.get("on_preliminary", _ignore)


def execute_call_sync(
    call: ToolCall, tools: Mapping[str, Tool[Any, Any]], options: ToolCallOptions, on_preliminary: OnPreliminary
) -> ToolResult | ToolError | None:
    """:func:`execute_tool_sync` given the call's :class:`ToolCallOptions` (the tool loop's way in, which
    made them for ``needs_approval`` already)."""
    prepared = _prepare(call, tools)
    if not isinstance(prepared, tuple):
        return prepared
    tool, value = prepared
    if tool.is_async:
        return _async_in_sync(call)
    try:
        if tool.timeout is not None:
            output = call_within(partial(_run_in_thread, tool, value, options), tool.timeout, call.tool_name)
            if type(output) is _Yielded:
                return _drain(call, iter(output.values), on_preliminary, tool)
        else:
            output = tool.run(value, options)
            if inspect.isgenerator(output):
                return _drain(call, output, on_preliminary, tool)
    except Exception as error:
        return _failed(call, error)
    if type(output) not in _PLAIN and inspect.isawaitable(output):
        if inspect.iscoroutine(output):
            output.close()
        return _async_in_sync(call)
    return _finished(call, output, tool)


class _Yielded:
    """What a generator tool yielded, drained in a worker thread."""

    __slots__ = ("values",)

    def __init__(self, values: list[Any]) -> None:
        self.values = values


def _run_in_thread(
    tool: Tool[Any, Any], value: Any, options: ToolCallOptions, report: Callable[[Any], None] | None = None
) -> Any:
    """A plain ``execute``, run in a worker thread; a generator is drained there too, each value handed
    to ``report`` as it comes (when given)."""
    output = tool.run(value, options)
    if not inspect.isgenerator(output):
        return output
    values = []
    for item in output:
        values.append(item)
        if report is not None:
            report(item)
    return _Yielded(values)


async def _drain_async(
    call: ToolCall, values: Any, on_preliminary: OnPreliminary, tool: Tool[Any, Any]
) -> ToolResult | ToolError:
    """:func:`_drain` for an async generator: each value is reported as it comes."""
    output: Any = _NOTHING
    async for output in values:
        on_preliminary(ToolResult(call.tool_call_id, call.tool_name, call.input, output, preliminary=True))
    return _last(call, output, tool)


async def execute_tool_async(
    call: ToolCall, tools: Mapping[str, Tool[Any, Any]], **settings: Unpack[ExecutionSettings]
) -> ToolResult | ToolError | None:
    """The async twin of :func:`execute_tool_sync`. Async functions are awaited (async generators
    iterated, each value reported as it comes); plain functions run in a worker thread
    (``asyncio.to_thread``) so a slow tool never blocks the event loop."""
    return await execute_call_async(call, tools, *_options(call, settings, "execute_tool_async"))


async def execute_call_async(
    call: ToolCall, tools: Mapping[str, Tool[Any, Any]], options: ToolCallOptions, on_preliminary: OnPreliminary
) -> ToolResult | ToolError | None:
    """The async twin of :func:`execute_call_sync`."""
    import asyncio

    prepared = _prepare(call, tools)
    if not isinstance(prepared, tuple):
        return prepared
    tool, value = prepared
    seconds = tool.timeout
    try:
        if tool.is_async:
            output = tool.run(value, options)
            if inspect.isasyncgen(output):
                drained = _drain_async(call, output, on_preliminary, tool)
                return await (drained if seconds is None else await_within(drained, seconds, call.tool_name))
            if inspect.isawaitable(output):
                output = await (output if seconds is None else await_within(output, seconds, call.tool_name))
        else:
            loop, running = asyncio.get_running_loop(), [True]

            def show(item: Any) -> None:  # on the loop's thread, like the running flag
                if running:  # a tool left running after its timeout (or a cancellation) shows nothing more
                    on_preliminary(ToolResult(call.tool_call_id, call.tool_name, call.input, item, preliminary=True))

            def report(item: Any) -> None:  # a generator's value, shown as it comes rather than at its end
                loop.call_soon_threadsafe(show, item)

            in_thread = asyncio.to_thread(_run_in_thread, tool, value, options, report)
            try:
                if seconds is None:
                    output = await in_thread
                else:
                    output = await await_within(in_thread, seconds, call.tool_name, left_running=True)
            finally:
                running.clear()
            if type(output) is _Yielded:
                return _last(call, output.values[-1] if output.values else _NOTHING, tool)
            if type(output) not in _PLAIN and inspect.isawaitable(output):  # a plain function returned a coroutine
                output = await output
    except Exception as error:
        return _failed(call, error)
    return _finished(call, output, tool)


def tool_result_part(outcome: ToolResult | ToolError) -> ToolResultPart:
    """The part that tells the model what happened: a ``str`` output as ``text``, anything else as
    ``json`` (pydantic models, dataclasses, dates... converted), an error as ``error-text``."""
    if isinstance(outcome, ToolError):
        error = outcome.error
        message = error.message if isinstance(error, AISDKError) else str(error) or type(error).__name__
        return ToolResultPart(outcome.tool_call_id, outcome.tool_name, ToolResultOutput("error-text", message))
    if outcome.model_output is not None:
        return ToolResultPart(outcome.tool_call_id, outcome.tool_name, outcome.model_output)
    output = outcome.output
    if isinstance(output, str):
        return ToolResultPart(outcome.tool_call_id, outcome.tool_name, ToolResultOutput("text", output))
    return ToolResultPart(outcome.tool_call_id, outcome.tool_name, ToolResultOutput("json", to_json_value(output)))

"""The hooks of a generation: callbacks (``on_step_finish``, ``on_finish``, ``on_chunk``, ``on_error``,
``on_abort``, ``on_tool_call_start``, ``on_tool_call_finish``), ``prepare_step``, ``repair_tool_call``,
``active_tools`` and ``context``, checked once per call into a :class:`LoopHooks`.

User code may be a plain function or a coroutine function; the state machine stays sans-I/O by asking
its driver to run such code as a :class:`RunHook` action: the async driver awaits what the code returns,
the blocking driver calls it (an async callback is rejected before any request, since the blocking
API runs no event loop). An exception raised by a callback ends the generation with a
:class:`~ai_sdk.errors.CallbackError` naming the callback; nothing a callback does is dropped silently.

``on_chunk``, ``on_error`` and ``on_abort`` watch the parts of a stream (:class:`StreamObserver`, run
by the ``stream_text`` drivers); the others are steps of the machine itself.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from typing import Any, Final, Generic, TypeAlias, TypedDict, TypeVar

from ..spec.errors import CallbackError, InvalidArgumentError
from ..spec.language_model import (
    Message,
    RawChunk,
    ReasoningDelta,
    TextDelta,
    ToolInputDelta,
    ToolInputStart,
)
from ..spec.shared import CallWarning, FinishReasonType, ProviderMetadata, Usage
from .types import AbortPart, ErrorPart, StepResult, ToolApprovalRequest, ToolCall, ToolError, ToolResult

__all__ = [
    "NO_HOOKS",
    "AbortEvent",
    "AbortSignal",
    "ErrorEvent",
    "HookSettings",
    "LoopHooks",
    "ObjectFinishEvent",
    "MaybeAwaitable",
    "RunHook",
    "StreamObserver",
    "ToolCallFinishEvent",
    "ToolCallStartEvent",
    "call_with_keywords",
    "prepare_hooks",
    "refused_awaitable",
    "run_hook_async",
    "run_hook_sync",
]

ObjectT = TypeVar("ObjectT")

MaybeAwaitable: TypeAlias = Any | Awaitable[Any]
"""What a callback returns: a value, or (async API) an awaitable of one."""


class AbortSignal:
    """Tells a running tool that its call was cancelled: the stream was closed or cancelled before its
    end. ``aborted`` is safe to read from any thread (blocking tools run in worker threads)."""

    __slots__ = ("_event",)

    def __init__(self) -> None:
        self._event = threading.Event()

    @property
    def aborted(self) -> bool:
        """Whether the call was cancelled."""
        return self._event.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block (a worker thread) until the call is cancelled or ``timeout`` seconds pass; returns ``aborted``."""
        return self._event.wait(timeout)

    def abort(self) -> None:
        """Mark the call cancelled (done by the drivers when the stream is closed or cancelled)."""
        self._event.set()

    def __repr__(self) -> str:
        return f"AbortSignal(aborted={self.aborted})"


@dataclass(frozen=True, slots=True)
class ToolCallStartEvent:
    """What ``on_tool_call_start`` receives, before a tool's ``execute`` runs."""

    step_number: int
    tool_call: ToolCall
    messages: Sequence[Message]
    context: Any


@dataclass(frozen=True, slots=True)
class ToolCallFinishEvent:
    """What ``on_tool_call_finish`` receives, after a tool's ``execute`` returned or raised: ``success``
    with ``output``, or not with ``error``; ``duration_ms`` is the wall time of the execution."""

    step_number: int
    tool_call: ToolCall
    messages: Sequence[Message]
    context: Any
    duration_ms: float
    success: bool
    output: Any = None
    error: BaseException | None = None


@dataclass(frozen=True, slots=True)
class ErrorEvent:
    """What ``on_error`` receives: an error of the stream (it also appears as an error part)."""

    error: Any


@dataclass(frozen=True, slots=True)
class AbortEvent:
    """What ``on_abort`` receives when a stream is closed or cancelled early: the steps finished so far."""

    steps: list[StepResult]


@dataclass(frozen=True, slots=True)
class ObjectFinishEvent(Generic[ObjectT]):
    """What ``on_finish`` of ``generate_object`` / ``stream_object`` receives: the validated ``object``
    (``None`` with ``error`` set when a stream's final text does not parse or fit the schema), the total
    ``usage`` (with ``cost``), ``finish_reason``, ``response``, ``warnings`` and ``provider_metadata``."""

    object: ObjectT | None
    error: BaseException | None
    usage: Usage
    finish_reason: FinishReasonType
    response: Any
    warnings: list[CallWarning]
    provider_metadata: ProviderMetadata | None


@dataclass(frozen=True, slots=True)
class RunHook:
    """Action: run ``call()`` (user code), awaiting what it returns in the async API, and report the
    value with ``hook_done(value)`` (or what it raised with ``hook_failed(error)``)."""

    name: str
    call: Callable[[], Any]
    then: Callable[[Any], None]
    on_error: Callable[[BaseException], None] | None = None


Callback: TypeAlias = Callable[..., Any]


class HookSettings(TypedDict, total=False):
    """The hook settings of ``generate_text`` / ``stream_text`` (part of
    :class:`~ai_sdk.core.call_arguments.TextCallSettings`). Every callback may be sync or async (async
    ones only in the async API).

    ``on_step_finish(step)``: after each step, with its :class:`~ai_sdk.core.types.StepResult`.
    ``on_finish(result)``: once at the end, with the final
    :class:`~ai_sdk.core.generate_text.GenerateTextResult` (``steps``, ``total_usage`` with cost,
    ``response.messages``). ``on_chunk(part)`` (stream): each delta, tool call and tool result.
    ``on_error(event)`` (stream): an :class:`ErrorEvent`. ``on_abort(event)`` (stream closed or
    cancelled early): an :class:`AbortEvent`. ``on_tool_call_start(event)`` /
    ``on_tool_call_finish(event)``: around each tool execution (:class:`ToolCallStartEvent`,
    :class:`ToolCallFinishEvent`). ``prepare_step`` and ``active_tools``: see
    :mod:`~ai_sdk.core.prepare_step`; ``repair_tool_call``: :mod:`~ai_sdk.core.tool_repair`;
    ``context``: any value, handed to every tool (``options.context``) and to ``prepare_step``.
    """

    on_step_finish: Callable[[StepResult], Any] | None
    on_finish: Callable[[Any], Any] | None
    on_chunk: Callable[[Any], Any] | None
    on_error: Callable[[ErrorEvent], Any] | None
    on_abort: Callable[[AbortEvent], Any] | None
    on_tool_call_start: Callable[[ToolCallStartEvent], Any] | None
    on_tool_call_finish: Callable[[ToolCallFinishEvent], Any] | None
    prepare_step: Callable[..., Any] | None
    repair_tool_call: Callable[..., Any] | None
    active_tools: Sequence[str] | None
    context: Any


@dataclass(frozen=True, slots=True)
class LoopHooks:
    """The checked hooks of one call (every field ``None`` when not given)."""

    on_step_finish: Callback | None = None
    on_finish: Callback | None = None
    on_chunk: Callback | None = None
    on_error: Callback | None = None
    on_abort: Callback | None = None
    on_tool_call_start: Callback | None = None
    on_tool_call_finish: Callback | None = None
    prepare_step: Callback | None = None
    repair_tool_call: Callback | None = None
    active_tools: frozenset[str] | None = None
    context: Any = None

    @property
    def observes_stream(self) -> bool:
        """Whether a stream driver must watch its parts (``on_chunk`` / ``on_error`` / ``on_abort``)."""
        return self.on_chunk is not None or self.on_error is not None or self.on_abort is not None


NO_HOOKS: Final = LoopHooks()
"""The hooks of a call that gives none."""

HOOK_SETTINGS: Final = frozenset(field.name for field in dataclass_fields(LoopHooks))
"""The settings :func:`prepare_hooks` reads (the fields of :class:`LoopHooks`, the keys of :class:`HookSettings`)."""
CALLBACK_NAMES: Final = tuple(
    field.name for field in dataclass_fields(LoopHooks) if field.name not in ("active_tools", "context")
)
"""The hooks that are user functions, in the order they are checked."""
STREAM_CALLBACKS: Final = frozenset({"on_chunk", "on_error", "on_abort"})
"""The callbacks only a stream calls."""


def is_async_callable(function: object) -> bool:
    """Whether calling ``function`` gives a coroutine (a coroutine function or an object whose
    ``__call__`` is one)."""
    return inspect.iscoroutinefunction(function) or inspect.iscoroutinefunction(getattr(function, "__call__", None))  # noqa: B004


def prepare_hooks(
    settings: Mapping[str, Any], *, blocking: bool, streaming: bool, tool_names: Sequence[str]
) -> LoopHooks:
    """Check the hook settings of a call (before any request); ``NO_HOOKS`` when none is given. The
    stream callbacks (``on_chunk``, ``on_error``, ``on_abort``) are refused outside a stream rather than
    silently never called."""
    if settings.keys().isdisjoint(HOOK_SETTINGS):  # the common call: no hooks
        return NO_HOOKS
    given = {name: settings[name] for name in HOOK_SETTINGS if settings.get(name) is not None}
    if not given:
        return NO_HOOKS
    if not streaming:
        for name in STREAM_CALLBACKS & given.keys():
            raise InvalidArgumentError(
                f"{name} is called while a stream is read, so it applies to stream_text only; a generate call "
                "raises its error instead (use try/except), and has no chunks or abort",
                argument=name,
                value=given[name],
            )
    for name in CALLBACK_NAMES:
        check_callback(name, given.get(name), blocking=blocking, api=_TEXT_API)
    active = given.pop("active_tools", None)
    if active is not None:
        given["active_tools"] = check_active_tools(active, tool_names)
    return LoopHooks(**given)


def check_active_tools(active: object, tool_names: Sequence[str]) -> frozenset[str]:
    """``active_tools`` is a list of names among the call's tools."""
    if isinstance(active, str) or not isinstance(active, Sequence | set | frozenset):
        raise InvalidArgumentError(
            f"must be a list of tool names such as ['search'], got {active!r}", argument="active_tools", value=active
        )
    unknown = [name for name in active if name not in tool_names]
    if unknown:
        raise InvalidArgumentError(
            f"names tools that are not among the call's tools: {unknown!r} (the tools are "
            f"{', '.join(tool_names) or 'none'})",
            argument="active_tools",
            value=active,
        )
    return frozenset(active)


def call_with_keywords(function: Callable[..., Any], **keywords: Any) -> Any:
    """Call ``function`` with the keyword arguments it takes among ``keywords`` (all of them when it takes
    ``**kwargs``), so a ``prepare_step(step_number, **_)`` or ``prepare_step(steps)`` both work."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return function(**keywords)
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return function(**keywords)
    names = {p.name for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
    return function(**{name: value for name, value in keywords.items() if name in names})


_TEXT_API: Final = "the async API (from ai_sdk import generate_text, stream_text)"


def check_callback(name: str, function: object, *, blocking: bool, api: str = "the async API") -> None:
    """A callback (``None``: not given) is a function; the blocking API refuses an async one before any
    request, pointing to ``api``."""
    if function is not None and not callable(function):
        raise InvalidArgumentError(
            f"must be a function (sync or async), got {type(function).__name__}", argument=name, value=function
        )
    if blocking and is_async_callable(function):
        raise InvalidArgumentError(
            f"the blocking API cannot await the async {name} callback {function!r}: pass a plain function, "
            f"or use {api}",
            argument=name,
            value=function,
        )


def refused_awaitable(value: object, message: str, argument: str) -> InvalidArgumentError:
    """The error for an awaitable that user code returned to the blocking API, which cannot await it (a
    coroutine is closed first, so that it does not warn it was never awaited)."""
    if inspect.iscoroutine(value):
        value.close()
    return InvalidArgumentError(message, argument=argument)


def _blocking_awaitable(name: str, value: Any) -> InvalidArgumentError:
    return refused_awaitable(
        value,
        f"the {name} callback returned an awaitable, which the blocking API cannot await: make it a plain "
        f"function, or use {_TEXT_API}",
        name,
    )


def run_hook_sync(generation: Any, action: RunHook) -> None:
    """Carry out a :class:`RunHook` for a blocking driver."""
    try:
        value = action.call()
        if inspect.isawaitable(value):
            raise _blocking_awaitable(action.name, value)
    except Exception as error:
        generation.hook_failed(error)
        return
    generation.hook_done(value)


async def run_hook_async(generation: Any, action: RunHook) -> None:
    """Carry out a :class:`RunHook` for an async driver."""
    try:
        value = action.call()
        if inspect.isawaitable(value):
            value = await value
    except Exception as error:
        generation.hook_failed(error)
        return
    generation.hook_done(value)


def notify_sync(name: str, function: Callback, *args: Any) -> None:
    """Call a callback in the blocking API; what it raises becomes a :class:`CallbackError`."""
    try:
        value = function(*args)
        if inspect.isawaitable(value):
            raise _blocking_awaitable(name, value)
    except Exception as error:
        raise CallbackError(callback=name, cause=error) from error


async def notify_async(name: str, function: Callback, *args: Any) -> None:
    """Call a callback in the async API (awaiting it when it is async); what it raises becomes a
    :class:`CallbackError`."""
    try:
        value = function(*args)
        if inspect.isawaitable(value):
            await value
    except Exception as error:
        raise CallbackError(callback=name, cause=error) from error


_CHUNKS: Final = frozenset(
    {
        TextDelta,
        ReasoningDelta,
        ToolInputStart,
        ToolInputDelta,
        ToolCall,
        ToolResult,
        ToolError,
        ToolApprovalRequest,
        RawChunk,
    }
)
"""The part kinds ``on_chunk`` receives (deltas, tool traffic, raw chunks; not the step boundaries)."""


class StreamObserver:
    """Runs ``on_chunk`` / ``on_error`` / ``on_abort`` for the parts a stream appended since it last
    looked (a position in the part list, like a reader's). What ``on_chunk`` raises ends the stream with
    a :class:`CallbackError`; what ``on_error`` / ``on_abort`` raise propagates to the reader."""

    __slots__ = ("_hooks", "_index", "_steps", "_tasks")

    def __init__(self, hooks: LoopHooks, steps: list[StepResult]) -> None:
        self._hooks = hooks
        self._steps = steps
        self._index = 0
        self._tasks: list[Any] = []
        """Async callbacks a plain ``close()`` scheduled; the next async notification awaits them."""

    def _pending(self, parts: list[Any]) -> list[tuple[str, Callback, Any]]:
        hooks = self._hooks
        calls: list[tuple[str, Callback, Any]] = []
        while self._index < len(parts):
            part = parts[self._index]
            self._index += 1
            kind = type(part)
            if kind in _CHUNKS:
                if hooks.on_chunk is not None:
                    calls.append(("on_chunk", hooks.on_chunk, part))
            elif kind is ErrorPart:
                if hooks.on_error is not None:
                    calls.append(("on_error", hooks.on_error, ErrorEvent(part.error)))
            elif kind is AbortPart and hooks.on_abort is not None:
                calls.append(("on_abort", hooks.on_abort, AbortEvent(list(self._steps))))
        return calls

    def sync(self, generation: Any) -> None:
        """Notify, in the blocking API."""
        while calls := self._pending(generation.parts):
            for name, function, argument in calls:
                try:
                    notify_sync(name, function, argument)
                except CallbackError as error:
                    if name != "on_chunk":
                        raise
                    generation.fail(error)

    async def async_(self, generation: Any) -> None:
        """Notify, in the async API."""
        while self._tasks:
            await self._tasks.pop(0)
        while calls := self._pending(generation.parts):
            for name, function, argument in calls:
                try:
                    await notify_async(name, function, argument)
                except CallbackError as error:
                    if name != "on_chunk":
                        raise
                    generation.fail(error)

    def on_close(self, generation: Any) -> None:
        """Notify after a ``close()`` of the async API (a plain method): an async ``on_abort`` is
        scheduled on the running loop."""
        import asyncio

        for name, function, argument in self._pending(generation.parts):
            try:
                value = function(argument)
            except Exception as error:
                raise CallbackError(callback=name, cause=error) from error
            if inspect.iscoroutine(value):
                try:
                    self._tasks.append(asyncio.get_running_loop().create_task(value))
                except RuntimeError:  # no loop runs: nothing can await it
                    value.close()
                    raise CallbackError(
                        callback=name, cause=RuntimeError("the stream was closed outside an event loop")
                    ) from None

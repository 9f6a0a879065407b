"""stream_text: stream a generation (with the same multi-step tool loop as generate_text).

``stream_text`` returns at once; nothing is requested until a consumer reads. The stream is driven
lazily by whoever reads (``full_stream``, ``text_stream``, ``partial_output_stream`` or a final value)
and no background task is started, so leaving a ``for`` / ``async for`` early, ``close()``, a ``with``
block or cancelling the reading task closes the model's HTTP stream at once. (The iterators are
plain classes rather than generators so that dropping one mid-stream closes it immediately instead of
whenever the garbage collector or event loop finalises a generator.)

Every part is kept in one list that each consumer reads with its own position, so the streams and
the final values can be used in any order and more than once. Each access to ``full_stream`` (and the
others) gives a new reader starting at the first part; dropping a reader that has started but not
finished closes the stream, so keep a reference to a reader you want to continue later.

Errors: an error reported inside the model stream appears as an :class:`~ai_sdk.core.types.ErrorPart`
and ends the step with finish reason ``error``; a failed request or a broken connection appears as an
``ErrorPart`` that ends the stream. ``full_stream`` only reports them; ``text_stream``,
``partial_output_stream`` and every final value raise them.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Self, TypeVar

from ..spec.language_model import Message, Reasoning, RequestInfo, TextDelta
from ..spec.shared import CallWarning, FinishReasonType, ProviderMetadata, ProviderOptions, Usage
from .retry import retry_async, retry_sync
from .stop_condition import StopCondition
from .stream_steps import StreamTextMachine, aborted_error, as_exception
from .tool import ToolChoiceInput, ToolSet
from .tool_loop import (
    CallModel,
    Generation,
    ToolLoop,
    execute_tools_async,
    execute_tools_sync,
    no_output_error,
    prepare_generation,
    sum_usage,
)
from .types import (
    AbortPart,
    ContentPart,
    ErrorPart,
    OutputSpecification,
    OutputT,
    OutputT_co,
    PartialT,
    PartialT_co,
    ResponseData,
    StartStepPart,
    StepResult,
    TextStreamPart,
    ToolCall,
    ToolError,
    ToolResult,
)

if TYPE_CHECKING:
    import asyncio

    from ..spec.language_model import AsyncPartStream, PartStream

__all__ = [
    "AsyncStreamReader",
    "StreamReader",
    "StreamTextResult",
    "SyncStreamTextResult",
    "stream_text",
    "stream_text_sync",
]

T = TypeVar("T")
ItemT_co = TypeVar("ItemT_co", covariant=True)
RunT = TypeVar("RunT", bound="_Run")
_UNSET: Any = object()


# ------------------------------------------------------------------------------------------ drivers


class _Run:
    """What both drivers share: the machine, the open model stream, ending and closing."""

    __slots__ = ("_model", "_retries", "machine", "next_part", "parts", "stream")

    _end: ClassVar[type[BaseException]]
    """What the model stream raises at its end."""
    stream: Any
    next_part: Any
    """The ``__next__`` / ``__anext__`` of the model stream's iterator, taken once per step: calling it
    directly saves a method lookup (and, for a stream whose ``__iter__`` returns a generator, a frame)
    per part."""

    def __init__(self, generation: Generation) -> None:
        self.machine = StreamTextMachine(generation.loop)
        self.parts = self.machine.parts
        self._model = generation.model
        self._retries = generation.max_retries
        self.stream = None
        self.next_part = None

    def failed(self, error: BaseException) -> None:
        """Handle what a read or an action raised: the end of the model stream, an error that ends
        the stream, or a cancellation / interrupt (closes everything and propagates)."""
        if type(error) is self._end and self.machine.reading:
            self._release()
            self.machine.end_step()
        elif isinstance(error, Exception):
            self._release()
            self.machine.fail(error)
        else:
            self.close()
            raise error

    def _release(self) -> None:
        stream = self.stream
        if stream is not None:
            self.stream = None
            stream.close()

    def close(self) -> None:
        """Close the model stream (if open) and end the stream with an abort part."""
        self._release()
        self.machine.abort()


class _AsyncRun(_Run):
    """Drives a :class:`StreamTextMachine` with the async model API.

    Readers read the model stream themselves (the hot path, inlined in :class:`AsyncStreamReader`)
    and call :meth:`pull` for everything else. ``busy`` marks a read in progress, so a second task
    waits for it instead of reading the model stream concurrently.
    """

    __slots__ = ("busy", "waiter")

    _end: ClassVar[type[BaseException]] = StopAsyncIteration
    stream: AsyncPartStream | None

    def __init__(self, generation: Generation) -> None:
        super().__init__(generation)
        self.busy = False
        self.waiter: asyncio.Future[None] | None = None

    async def pull(self) -> None:
        """Make progress: read one model part or carry out the machine's next action."""
        if self.busy:
            await self._wait_for_reader()
            return
        self.busy = True
        machine = self.machine
        try:
            if machine.reading:
                machine.feed(await self.next_part())
            else:
                await self._act()
        except BaseException as error:
            self.failed(error)
        finally:
            self.busy = False
            if self.waiter is not None:
                self.wake()

    async def _act(self) -> None:
        machine = self.machine
        action = machine.action
        if isinstance(action, CallModel):
            result = await retry_async(partial(self._model.do_stream, action.options), max_retries=self._retries)
            self.stream = result.stream
            self.next_part = aiter(result.stream).__anext__
            machine.begin_step(result.request, result.response)
        elif action is not None:
            machine.tools_done(await execute_tools_async(action, machine.loop))

    async def _wait_for_reader(self) -> None:
        import asyncio

        waiter = self.waiter
        if waiter is None:
            waiter = self.waiter = asyncio.get_running_loop().create_future()
        await asyncio.shield(waiter)

    def wake(self) -> None:
        waiter = self.waiter
        self.waiter = None
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def finish(self) -> None:
        machine = self.machine
        while not machine.done:
            await self.pull()
        machine.raise_if_failed()


class _SyncRun(_Run):
    """Drives a :class:`StreamTextMachine` with the blocking model API (reads are inlined in
    :class:`StreamReader`; :meth:`pull` does everything else)."""

    __slots__ = ()

    _end: ClassVar[type[BaseException]] = StopIteration
    stream: PartStream | None

    def pull(self) -> None:
        """Make progress: read one model part or carry out the machine's next action."""
        machine = self.machine
        try:
            if machine.reading:
                machine.feed(self.next_part())
            else:
                self._act()
        except BaseException as error:
            self.failed(error)

    def _act(self) -> None:
        machine = self.machine
        action = machine.action
        if isinstance(action, CallModel):
            result = retry_sync(partial(self._model.do_stream_sync, action.options), max_retries=self._retries)
            self.stream = result.stream
            self.next_part = iter(result.stream).__next__
            machine.begin_step(result.request, result.response)
        elif action is not None:
            machine.tools_done(execute_tools_sync(action, machine.loop))

    def finish(self) -> None:
        machine = self.machine
        while not machine.done:
            self.pull()
        machine.raise_if_failed()


# ------------------------------------------------------------------------------------- consumers


_SKIP: Any = object()


def _text_of(part: Any) -> Any:
    """A text delta's text; raises for error and abort parts; skips anything else."""
    kind = type(part)
    if kind is TextDelta:
        return part.delta
    if kind is ErrorPart:
        raise as_exception(part.error)
    if kind is AbortPart:
        raise aborted_error()
    return _SKIP


class _PartialOutputs:
    """Partial structured values of the current step's text, each reported once when it changes."""

    __slots__ = ("_chunks", "_last", "_spec")

    def __init__(self, spec: OutputSpecification[Any, Any]) -> None:
        self._spec = spec
        self._chunks: list[str] = []
        self._last: Any = _SKIP

    def __call__(self, part: Any) -> Any:
        kind = type(part)
        if kind is TextDelta:
            self._chunks.append(part.delta)
            value = self._spec.parse_partial("".join(self._chunks))
            if value is None or (self._last is not _SKIP and value == self._last):
                return _SKIP
            self._last = value
            return value
        if kind is StartStepPart:
            self._chunks = []
            self._last = _SKIP
        elif kind is ErrorPart:
            raise as_exception(part.error)
        elif kind is AbortPart:
            raise aborted_error()
        return _SKIP


class AsyncStreamReader(Generic[ItemT_co]):
    """An async iterator over a stream_text result: a position in the shared part list plus a
    ``select`` function (``None`` yields every part). Dropping it after it started but before the
    end closes the stream, as does :meth:`aclose`."""

    __slots__ = ("_index", "_run", "_select")

    def __init__(self, run: _AsyncRun, select: Callable[[Any], Any] | None = None) -> None:
        self._run = run
        self._select = select
        self._index = 0

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> ItemT_co:
        run = self._run
        parts = run.parts
        select = self._select
        while True:
            index = self._index
            if index < len(parts):
                self._index = index + 1
                part = parts[index]
                if select is None:
                    return part  # type: ignore[return-value]
                value = select(part)
                if value is not _SKIP:
                    return value  # type: ignore[no-any-return]
                continue
            machine = run.machine
            if machine.reading and not run.busy:
                # the hot path, inlined from _AsyncRun.pull: one coroutine less per part
                run.busy = True
                try:
                    machine.feed(await run.next_part())
                except BaseException as error:
                    run.failed(error)
                finally:
                    run.busy = False
                    if run.waiter is not None:
                        run.wake()
            elif machine.done:
                raise StopAsyncIteration
            else:
                await run.pull()

    async def aclose(self) -> None:
        """Stop reading; closes the stream when it has not finished."""
        if not self._run.machine.done:
            self._run.close()

    def __del__(self) -> None:
        if self._index and not self._run.machine.done:
            self._run.close()


class StreamReader(Generic[ItemT_co]):
    """The blocking twin of :class:`AsyncStreamReader`."""

    __slots__ = ("_index", "_run", "_select")

    def __init__(self, run: _SyncRun, select: Callable[[Any], Any] | None = None) -> None:
        self._run = run
        self._select = select
        self._index = 0

    def __iter__(self) -> Self:
        return self

    def __next__(self) -> ItemT_co:
        run = self._run
        parts = run.parts
        select = self._select
        while True:
            index = self._index
            if index < len(parts):
                self._index = index + 1
                part = parts[index]
                if select is None:
                    return part  # type: ignore[return-value]
                value = select(part)
                if value is not _SKIP:
                    return value  # type: ignore[no-any-return]
                continue
            machine = run.machine
            if machine.reading:
                try:
                    machine.feed(run.next_part())
                except BaseException as error:
                    run.failed(error)
            elif machine.done:
                raise StopIteration
            else:
                run.pull()

    def close(self) -> None:
        """Stop reading; closes the stream when it has not finished."""
        if not self._run.machine.done:
            self._run.close()

    def __del__(self) -> None:
        if self._index and not self._run.machine.done:
            self._run.close()


# ------------------------------------------------------------------------------- final values


class _Outcome(Generic[OutputT_co]):
    """The final values, read from the finished loop (shared by both result classes)."""

    __slots__ = ("_loop", "_output", "_spec")

    def __init__(self, loop: ToolLoop, spec: OutputSpecification[OutputT_co, Any] | None) -> None:
        self._loop = loop
        self._spec = spec
        self._output: OutputT_co = _UNSET

    @property
    def _last(self) -> StepResult:
        return self._loop.steps[-1]

    def steps(self) -> list[StepResult]:
        return self._loop.steps

    def content(self) -> list[ContentPart]:
        return self._last.content

    def text(self) -> str:
        return self._last.text

    def reasoning(self) -> list[Reasoning]:
        return self._last.reasoning

    def reasoning_text(self) -> str | None:
        return self._last.reasoning_text

    def tool_calls(self) -> list[ToolCall]:
        return self._last.tool_calls

    def tool_results(self) -> list[ToolResult]:
        return self._last.tool_results

    def tool_errors(self) -> list[ToolError]:
        return self._last.tool_errors

    def finish_reason(self) -> FinishReasonType:
        return self._last.finish_reason

    def raw_finish_reason(self) -> str | None:
        return self._last.raw_finish_reason

    def usage(self) -> Usage:
        return self._last.usage

    def total_usage(self) -> Usage:
        return sum_usage(self._loop.steps)

    def warnings(self) -> list[CallWarning]:
        return self._last.warnings

    def request(self) -> RequestInfo:
        return self._last.request

    def response(self) -> ResponseData:
        return self._last.response

    def provider_metadata(self) -> ProviderMetadata | None:
        return self._last.provider_metadata

    def output(self) -> OutputT_co:
        if self._output is _UNSET:
            if self._spec is None:
                raise no_output_error()
            last = self._last
            self._output = self._spec.parse_complete(
                last.text, response=last.response, usage=last.usage, finish_reason=last.finish_reason
            )
        return self._output


class _Result(Generic[RunT, OutputT_co, PartialT_co]):
    """What both result classes share: the run, the final values, closing and the repr."""

    __slots__ = ("_outcome", "_run", "_spec")

    def __init__(self, run: RunT, generation: Generation) -> None:
        self._run = run
        self._spec: OutputSpecification[OutputT_co, PartialT_co] | None = generation.output
        self._outcome: _Outcome[OutputT_co] = _Outcome(generation.loop, generation.output)

    def _partial_outputs(self) -> _PartialOutputs:
        if self._spec is None:
            raise no_output_error()
        return _PartialOutputs(self._spec)

    def close(self) -> None:
        """Stop the stream and release the connection (idempotent)."""
        self._run.close()

    def __repr__(self) -> str:
        machine = self._run.machine
        state = "aborted" if machine.aborted else "failed" if machine.error else "done" if machine.done else "open"
        return f"{type(self).__name__}({state}, parts={len(machine.parts)}, steps={len(machine.loop.steps)})"


class StreamTextResult(_Result[_AsyncRun, OutputT_co, PartialT_co]):
    """A streaming generation (async API). Iterate ``full_stream`` (every part), ``text_stream``
    (text deltas) or ``partial_output_stream``; ``await`` the final values (``await result.text``).
    Each final value is a coroutine that reads whatever nobody has read yet, so it also works with
    ``asyncio.gather`` / ``create_task``.

    Use it as ``async with stream_text(...) as result:`` or call ``await result.aclose()`` to release
    the connection when you stop early.

    Generic in the types of ``output`` and of the ``partial_output_stream`` values:
    ``StreamTextResult[Recipe, Any]`` for ``output=Output.object(Recipe)``, ``StreamTextResult[NoOutput,
    NoOutput]`` without ``output=``; a bare ``StreamTextResult`` accepts any.
    """

    __slots__ = ()

    def __init__(self, generation: Generation) -> None:
        super().__init__(_AsyncRun(generation), generation)

    @property
    def full_stream(self) -> AsyncStreamReader[TextStreamPart]:
        """Every part: start, per step start-step / text / reasoning / tool parts / finish-step, finish."""
        return AsyncStreamReader(self._run)

    @property
    def text_stream(self) -> AsyncStreamReader[str]:
        """The text deltas of every step; raises the stream's error if one occurs."""
        return AsyncStreamReader(self._run, _text_of)

    @property
    def partial_output_stream(self) -> AsyncStreamReader[PartialT_co]:
        """Partial structured outputs of the current step's text as it grows (needs ``output=``)."""
        return AsyncStreamReader(self._run, self._partial_outputs())

    async def _final(self, get: Callable[[], T]) -> T:
        await self._run.finish()
        return get()

    @property
    def text(self) -> Coroutine[Any, Any, str]:
        return self._final(self._outcome.text)

    @property
    def content(self) -> Coroutine[Any, Any, list[ContentPart]]:
        return self._final(self._outcome.content)

    @property
    def reasoning(self) -> Coroutine[Any, Any, list[Reasoning]]:
        return self._final(self._outcome.reasoning)

    @property
    def reasoning_text(self) -> Coroutine[Any, Any, str | None]:
        return self._final(self._outcome.reasoning_text)

    @property
    def tool_calls(self) -> Coroutine[Any, Any, list[ToolCall]]:
        return self._final(self._outcome.tool_calls)

    @property
    def tool_results(self) -> Coroutine[Any, Any, list[ToolResult]]:
        return self._final(self._outcome.tool_results)

    @property
    def tool_errors(self) -> Coroutine[Any, Any, list[ToolError]]:
        return self._final(self._outcome.tool_errors)

    @property
    def finish_reason(self) -> Coroutine[Any, Any, FinishReasonType]:
        return self._final(self._outcome.finish_reason)

    @property
    def raw_finish_reason(self) -> Coroutine[Any, Any, str | None]:
        return self._final(self._outcome.raw_finish_reason)

    @property
    def usage(self) -> Coroutine[Any, Any, Usage]:
        """Usage of the last step."""
        return self._final(self._outcome.usage)

    @property
    def total_usage(self) -> Coroutine[Any, Any, Usage]:
        """Usage summed over every step (``cost`` included)."""
        return self._final(self._outcome.total_usage)

    @property
    def steps(self) -> Coroutine[Any, Any, list[StepResult]]:
        return self._final(self._outcome.steps)

    @property
    def warnings(self) -> Coroutine[Any, Any, list[CallWarning]]:
        return self._final(self._outcome.warnings)

    @property
    def request(self) -> Coroutine[Any, Any, RequestInfo]:
        return self._final(self._outcome.request)

    @property
    def response(self) -> Coroutine[Any, Any, ResponseData]:
        """Response metadata of the last step; ``messages`` are the messages to append to your history."""
        return self._final(self._outcome.response)

    @property
    def provider_metadata(self) -> Coroutine[Any, Any, ProviderMetadata | None]:
        return self._final(self._outcome.provider_metadata)

    @property
    def output(self) -> Coroutine[Any, Any, OutputT_co]:
        """The structured output parsed from the final text (needs ``output=``)."""
        return self._final(self._outcome.output)

    async def consume(self) -> None:
        """Read the stream to its end without looking at the parts (raises its error, if any)."""
        await self._run.finish()

    async def aclose(self) -> None:
        """Stop the stream and release the connection (idempotent)."""
        self._run.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._run.close()


class SyncStreamTextResult(_Result[_SyncRun, OutputT_co, PartialT_co]):
    """A streaming generation (blocking API). Iterate ``full_stream``, ``text_stream`` or
    ``partial_output_stream`` with ``for``; the final values (``result.text``, ``result.usage``, ...)
    are properties that finish reading the stream when first accessed.

    Use it as ``with stream_text(...) as result:`` or call ``result.close()`` to release the
    connection when you stop early. Read it from one thread at a time.

    Generic like :class:`StreamTextResult`: ``SyncStreamTextResult[Recipe, Any]`` for
    ``output=Output.object(Recipe)``.
    """

    __slots__ = ()

    def __init__(self, generation: Generation) -> None:
        super().__init__(_SyncRun(generation), generation)

    @property
    def full_stream(self) -> StreamReader[TextStreamPart]:
        """Every part: start, per step start-step / text / reasoning / tool parts / finish-step, finish."""
        return StreamReader(self._run)

    @property
    def text_stream(self) -> StreamReader[str]:
        """The text deltas of every step; raises the stream's error if one occurs."""
        return StreamReader(self._run, _text_of)

    @property
    def partial_output_stream(self) -> StreamReader[PartialT_co]:
        """Partial structured outputs of the current step's text as it grows (needs ``output=``)."""
        return StreamReader(self._run, self._partial_outputs())

    def _final(self, get: Callable[[], T]) -> T:
        self._run.finish()
        return get()

    @property
    def text(self) -> str:
        return self._final(self._outcome.text)

    @property
    def content(self) -> list[ContentPart]:
        return self._final(self._outcome.content)

    @property
    def reasoning(self) -> list[Reasoning]:
        return self._final(self._outcome.reasoning)

    @property
    def reasoning_text(self) -> str | None:
        return self._final(self._outcome.reasoning_text)

    @property
    def tool_calls(self) -> list[ToolCall]:
        return self._final(self._outcome.tool_calls)

    @property
    def tool_results(self) -> list[ToolResult]:
        return self._final(self._outcome.tool_results)

    @property
    def tool_errors(self) -> list[ToolError]:
        return self._final(self._outcome.tool_errors)

    @property
    def finish_reason(self) -> FinishReasonType:
        return self._final(self._outcome.finish_reason)

    @property
    def raw_finish_reason(self) -> str | None:
        return self._final(self._outcome.raw_finish_reason)

    @property
    def usage(self) -> Usage:
        """Usage of the last step."""
        return self._final(self._outcome.usage)

    @property
    def total_usage(self) -> Usage:
        """Usage summed over every step (``cost`` included)."""
        return self._final(self._outcome.total_usage)

    @property
    def steps(self) -> list[StepResult]:
        return self._final(self._outcome.steps)

    @property
    def warnings(self) -> list[CallWarning]:
        return self._final(self._outcome.warnings)

    @property
    def request(self) -> RequestInfo:
        return self._final(self._outcome.request)

    @property
    def response(self) -> ResponseData:
        """Response metadata of the last step; ``messages`` are the messages to append to your history."""
        return self._final(self._outcome.response)

    @property
    def provider_metadata(self) -> ProviderMetadata | None:
        return self._final(self._outcome.provider_metadata)

    @property
    def output(self) -> OutputT_co:
        """The structured output parsed from the final text (needs ``output=``)."""
        return self._final(self._outcome.output)

    def consume(self) -> None:
        """Read the stream to its end without looking at the parts (raises its error, if any)."""
        self._run.finish()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._run.close()


def stream_text(
    *,
    model: Any,
    prompt: str | Sequence[Message | Mapping[str, Any]] | None = None,
    system: str | None = None,
    messages: Sequence[Message | Mapping[str, Any]] | None = None,
    tools: ToolSet | None = None,
    tool_choice: ToolChoiceInput | None = None,
    stop_when: StopCondition | Sequence[StopCondition] | None = None,
    output: OutputSpecification[OutputT, PartialT] | None = None,
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
) -> StreamTextResult[OutputT, PartialT]:
    """Stream text (and tool calls) from a language model; same arguments as ``generate_text``.

    Returns at once (arguments are checked now; the request is made when you start reading). Only the
    initial request of each step is retried, never a stream that has started.
    """
    return StreamTextResult(
        prepare_generation(
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
    )


def stream_text_sync(
    *,
    model: Any,
    prompt: str | Sequence[Message | Mapping[str, Any]] | None = None,
    system: str | None = None,
    messages: Sequence[Message | Mapping[str, Any]] | None = None,
    tools: ToolSet | None = None,
    tool_choice: ToolChoiceInput | None = None,
    stop_when: StopCondition | Sequence[StopCondition] | None = None,
    output: OutputSpecification[OutputT, PartialT] | None = None,
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
) -> SyncStreamTextResult[OutputT, PartialT]:
    """The blocking twin of :func:`stream_text` (``from ai_sdk.sync import stream_text``)."""
    return SyncStreamTextResult(
        prepare_generation(
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
    )

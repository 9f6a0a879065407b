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

from collections.abc import AsyncIterator, Callable, Coroutine, Iterator, Mapping, Sequence
from functools import cache, partial
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar, Generic, NamedTuple, Self, TypeVar, Unpack, overload

from ..spec.language_model import Reasoning, RequestInfo, TextDelta
from ..spec.shared import CallWarning, FinishReasonType, ProviderMetadata, Usage
from .call_arguments import TextCallSettings, prepare_generation
from .callbacks import StreamObserver
from .element_stream import AsyncElementStream, ElementStream, array_output
from .generate_text import GenerateTextResult, no_output_error
from .generation import (
    _ENDED,
    _READING,
    FINISHED,
    READ_STREAM,
    CallModel,
    ExecuteTools,
    Generation,
    Phase,
    aborted_error,
    act_async,
    act_sync,
    as_exception,
)
from .output import ArrayOutput
from .retry import retry_async, retry_sync
from .smooth_stream import TransformFactory, check_transforms
from .types import (
    AbortPart,
    ContentPart,
    ErrorPart,
    FinishStepPart,
    OutputSpecification,
    OutputT,
    OutputT_co,
    PartialT,
    PartialT_co,
    ResponseData,
    StepResult,
    TextStreamPart,
    ToolCall,
    ToolError,
    ToolResult,
)

if TYPE_CHECKING:
    import asyncio

    from starlette.responses import StreamingResponse

    from ..spec.language_model import AsyncPartStream, PartStream

    # named (as strings) in the result classes' bases, as the return types of their UI methods
    from ..ui.chunks import UIMessageChunk
    from ..ui.responses import SyncTextStreamBody, SyncUIMessageStreamBody, TextStreamBody, UIMessageStreamBody  # noqa: F401
    from ..ui.result_stream import UIMessageStreamOptions

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
UIStreamT = TypeVar("UIStreamT")
UIBodyT = TypeVar("UIBodyT")
TextBodyT = TypeVar("TextBodyT")
_STREAMING = Phase.STREAMING
_OUTPUT = attrgetter("output")


# ------------------------------------------------------------------------------------------ drivers


class _Run:
    """What both drivers share: the generation, the open model stream, ending and closing."""

    __slots__ = ("_retries", "generation", "next_part", "observer", "parts", "stream")

    _end: ClassVar[type[BaseException]]
    """What the model stream raises at its end."""
    stream: Any
    next_part: Any
    """The ``__next__`` / ``__anext__`` of the model stream's iterator, taken once per step: calling it
    directly saves a method lookup (and, for a stream whose ``__iter__`` returns a generator, a frame)
    per part."""

    def __init__(self, generation: Generation) -> None:
        self.generation = generation
        self.parts = generation.parts
        self._retries = generation.max_retries
        hooks = generation.hooks
        self.observer = StreamObserver(hooks, generation.steps) if hooks.observes_stream else None
        """Runs ``on_chunk`` / ``on_error`` / ``on_abort`` after each advance (``None`` without them)."""
        self.stream = None
        self.next_part = None

    def failed(self, error: BaseException) -> None:
        """Handle what a read or an action raised: the end of the model stream, an error that ends
        the stream, or a cancellation / interrupt (closes everything and propagates)."""
        if type(error) is self._end and self.generation.phase in _READING:
            self._release()
            self.generation.stream_ended()
        elif isinstance(error, Exception):
            self._release()
            self.generation.fail(error)
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
        self.generation.abort()
        if self.observer is not None:
            self._observe_close()

    def _observe_close(self) -> None:
        self.observer.sync(self.generation)  # type: ignore[union-attr]


class _AsyncRun(_Run):
    """Drives a :class:`~ai_sdk.core.generation.Generation` with the async model API.

    Readers read the model stream themselves (the hot path, inlined in :class:`AsyncStreamReader`)
    and call :meth:`pull` for everything else. ``busy`` marks a read in progress, so a second task
    waits for it instead of reading the model stream concurrently.
    """

    __slots__ = ("busy", "progress", "tools", "waiter")

    _end: ClassVar[type[BaseException]] = StopAsyncIteration
    stream: AsyncPartStream | None

    def __init__(self, generation: Generation) -> None:
        super().__init__(generation)
        self.busy = False
        self.waiter: asyncio.Future[None] | None = None
        self.tools: asyncio.Future[None] | None = None
        """The running tool calls of a step (see :meth:`_execute`)."""
        self.progress: asyncio.Future[None] | None = None
        """Set when a running tool reports a preliminary result."""

    async def pull(self) -> None:
        """Make progress: carry out the generation's next action (reading one model part at most)."""
        if self.busy:
            await self._wait_for_reader()
            return
        self.busy = True
        generation = self.generation
        try:
            action = generation.next_action()
            if action is READ_STREAM:
                generation.feed(await self.next_part())
            elif type(action) is CallModel:
                options = action.options
                result = await retry_async(
                    partial(action.model.do_stream, options), max_retries=self._retries, deadline=options.deadline
                )
                self.stream = result.stream
                self.next_part = aiter(result.stream).__anext__
                generation.stream_started(result.request, result.response)
            elif type(action) is ExecuteTools:
                await self._execute(action)
            elif action is not FINISHED:
                await act_async(generation, action)  # type: ignore[arg-type]
        except BaseException as error:
            self.failed(error)
        finally:
            self.busy = False
            if self.waiter is not None:
                self.wake()
        if self.observer is not None:
            await self.observer.async_(generation)
            if self.tools is not None and generation.phase in _ENDED:  # on_chunk failed it while tools run
                self._release()

    async def _execute(self, action: ExecuteTools) -> None:
        """Run a step's tool calls as a task and wait until they are done or one reports a preliminary
        result: readers show a tool's progress as it comes, not all at once at its end (the next pull
        waits again)."""
        import asyncio

        task = self.tools
        if task is None:
            task = self.tools = asyncio.ensure_future(act_async(self.generation, action, self._preliminary))
        self.progress = progress = asyncio.get_running_loop().create_future()
        try:
            await asyncio.wait((task, progress), return_when=asyncio.FIRST_COMPLETED)
        finally:
            self.progress = None
        if task.done():
            self.tools = None
            task.result()  # raises what the tools' hooks raised

    def _preliminary(self, result: ToolResult) -> None:
        self.generation.tool_preliminary(result)
        progress = self.progress
        if progress is not None and not progress.done():
            progress.set_result(None)

    def _release(self) -> None:
        super()._release()
        tools = self.tools
        if tools is not None:  # the stream ended while tools run: stop them
            self.tools = None
            if not tools.cancel() and not tools.cancelled():
                tools.exception()  # they had just failed: nobody reads that now (no unretrieved-error log)

    def _observe_close(self) -> None:
        self.observer.on_close(self.generation)  # type: ignore[union-attr]

    async def aclose(self) -> None:
        """Close, awaiting an async ``on_abort``."""
        self._release()
        self.generation.abort()
        if self.observer is not None:
            await self.observer.async_(self.generation)

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

    async def finish(self) -> GenerateTextResult[Any]:
        generation = self.generation
        while generation.phase not in _ENDED:
            await self.pull()
        return generation.result()  # type: ignore[no-any-return]


class _SyncRun(_Run):
    """Drives a :class:`~ai_sdk.core.generation.Generation` with the blocking model API (reads are
    inlined in :class:`StreamReader`; :meth:`pull` does everything else)."""

    __slots__ = ()

    _end: ClassVar[type[BaseException]] = StopIteration
    stream: PartStream | None

    def pull(self) -> None:
        """Make progress: carry out the generation's next action (reading one model part at most)."""
        generation = self.generation
        try:
            action = generation.next_action()
            if action is READ_STREAM:
                generation.feed(self.next_part())
            elif type(action) is CallModel:
                options = action.options
                result = retry_sync(
                    partial(action.model.do_stream_sync, options), max_retries=self._retries, deadline=options.deadline
                )
                self.stream = result.stream
                self.next_part = iter(result.stream).__next__
                generation.stream_started(result.request, result.response)
            elif action is not FINISHED:
                act_sync(generation, action)  # type: ignore[arg-type]
        except BaseException as error:
            self.failed(error)
        if self.observer is not None:
            self.observer.sync(generation)

    def finish(self) -> GenerateTextResult[Any]:
        generation = self.generation
        while generation.phase not in _ENDED:
            self.pull()
        return generation.result()  # type: ignore[no-any-return]


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


class _JoinedPartials:
    """Partial values for an output specification without ``partial_stream()`` (one of your own): its
    ``parse_partial`` gets the whole text so far on every delta."""

    __slots__ = ("_chunks", "_spec")

    def __init__(self, spec: OutputSpecification[Any, Any]) -> None:
        self._spec = spec
        self._chunks: list[str] = []

    def feed(self, delta: str) -> Any:
        self._chunks.append(delta)
        return self._spec.parse_partial("".join(self._chunks))

    def finish(self) -> Any:
        return None


class _PartialOutputs:
    """Partial structured values of the current step's text, each reported once when it changes.

    Each delta is fed to the step's partial stream (``Output.partial_stream()``), so the work per
    delta does not grow with the text; the end of a step flushes what only the end completes (a
    trailing number)."""

    __slots__ = ("_last", "_spec", "_stream")

    def __init__(self, spec: OutputSpecification[Any, Any]) -> None:
        self._spec = spec
        self._stream: Any = None
        self._last: Any = None

    def _new_stream(self) -> Any:
        factory = getattr(self._spec, "partial_stream", None)
        self._stream = stream = factory() if factory is not None else _JoinedPartials(self._spec)
        return stream

    def __call__(self, part: Any) -> Any:
        kind = type(part)
        if kind is TextDelta:
            value = (self._stream or self._new_stream()).feed(part.delta)
        elif kind is FinishStepPart:
            stream, self._stream = self._stream, None
            value = stream.finish() if stream is not None else None
            last, self._last = self._last, None
            return _SKIP if value is None or value is last or value == last else value
        elif kind is ErrorPart:
            raise as_exception(part.error)
        elif kind is AbortPart:
            raise aborted_error()
        else:
            return _SKIP
        last = self._last
        if value is None or value is last or value == last:
            return _SKIP
        self._last = value
        return value


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
            generation = run.generation
            phase = generation.phase
            if phase is _STREAMING and not run.busy:
                # the hot path, inlined from _AsyncRun.pull: one coroutine less per part
                run.busy = True
                try:
                    generation.feed(await run.next_part())
                except BaseException as error:
                    run.failed(error)
                finally:
                    run.busy = False
                    if run.waiter is not None:
                        run.wake()
                if run.observer is not None:
                    await run.observer.async_(generation)
            elif phase in _ENDED:
                raise StopAsyncIteration
            else:
                await run.pull()

    async def aclose(self) -> None:
        """Stop reading; closes the stream when it has not finished."""
        if self._run.generation.phase not in _ENDED:
            await self._run.aclose()

    def __del__(self) -> None:
        if self._index and self._run.generation.phase not in _ENDED:
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
            generation = run.generation
            phase = generation.phase
            if phase is _STREAMING:
                try:
                    generation.feed(run.next_part())
                except BaseException as error:
                    run.failed(error)
                if run.observer is not None:
                    run.observer.sync(generation)
            elif phase in _ENDED:
                raise StopIteration
            else:
                run.pull()

    def close(self) -> None:
        """Stop reading; closes the stream when it has not finished."""
        if self._run.generation.phase not in _ENDED:
            self._run.close()

    def __del__(self) -> None:
        if self._index and self._run.generation.phase not in _ENDED:
            self._run.close()


# ------------------------------------------------------------------------------- final values


class _FinalValue(Generic[T]):
    """A final value of a stream_text result: the attribute of the same name of the finished
    generation's :class:`~ai_sdk.core.generate_text.GenerateTextResult` (an awaitable in the async
    API, a property that finishes the stream in the blocking one). Declared once for both."""

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self._get = attrgetter(name)
        self.__doc__ = getattr(GenerateTextResult, name).__doc__

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, instance: SyncStreamTextResult[Any, Any], owner: type[Any]) -> T: ...
    @overload
    def __get__(self, instance: StreamTextResult[Any, Any], owner: type[Any]) -> Coroutine[Any, Any, T]: ...
    def __get__(self, instance: Any, owner: type[Any]) -> Any:
        return self if instance is None else instance._final(self._get)


class _Stream(Generic[T]):
    """A stream of a stream_text result, declared once for both APIs: an :class:`AsyncStreamReader` in
    the async API, a :class:`StreamReader` in the blocking one (a new reader at each access)."""

    def __init__(self, select: Callable[[Any], Callable[[Any], Any] | None], doc: str) -> None:
        self._select = select
        self.__doc__ = doc

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, instance: SyncStreamTextResult[Any, Any], owner: type[Any]) -> StreamReader[T]: ...
    @overload
    def __get__(self, instance: StreamTextResult[Any, Any], owner: type[Any]) -> AsyncStreamReader[T]: ...
    def __get__(self, instance: Any, owner: type[Any]) -> Any:
        return self if instance is None else instance._reader(self._select(instance))


class _Elements:
    """``element_stream``, declared once for both APIs (see :mod:`~ai_sdk.core.element_stream`)."""

    __doc__ = "With ``output=Output.array(schema)``: each element once it is complete and valid."

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, instance: SyncStreamTextResult[Any, Any], owner: type[Any]) -> ElementStream[Any]: ...
    @overload
    def __get__(self, instance: StreamTextResult[Any, Any], owner: type[Any]) -> AsyncElementStream[Any]: ...
    def __get__(self, instance: Any, owner: type[Any]) -> Any:
        return self if instance is None else instance._elements(array_output(instance._spec))


class _UI(NamedTuple):
    """The :mod:`ai_sdk.ui` functions behind one API's UI methods."""

    stream: Callable[..., Any]
    body: Callable[..., Any]
    response: Callable[..., Any]
    text_body: Callable[..., Any]
    text_response: Callable[..., Any]


@cache
def _ui(blocking: bool) -> _UI:
    """The UI functions of the blocking or the async API, imported on first use: the UI message stream
    protocol (``useChat`` backends) lives in the optional ``ai_sdk.ui`` layer (Starlette for responses)."""
    from ..ui import responses as r
    from ..ui import result_stream

    if blocking:
        return _UI(
            result_stream.ui_message_stream_from_parts_sync, r.SyncUIMessageStreamBody,
            r.create_ui_message_stream_response_sync, r.SyncTextStreamBody, r.create_text_stream_response_sync,
        )  # fmt: skip
    return _UI(
        result_stream.ui_message_stream_from_parts, r.UIMessageStreamBody, r.create_ui_message_stream_response,
        r.TextStreamBody, r.create_text_stream_response,
    )  # fmt: skip


class _Result(Generic[RunT, UIStreamT, UIBodyT, TextBodyT, OutputT_co, PartialT_co]):
    """What both result classes share: the run, the final values, the UI methods, closing and the repr.
    Each result class names the types its UI methods return (async or blocking iterables)."""

    __slots__ = ("_run", "_spec", "_transforms")

    _blocking: ClassVar[bool]
    """Which API's UI functions the UI methods use."""
    _reader: Callable[[Callable[[Any], Any] | None], Any]
    """A new reader of the parts through ``select`` (see :class:`AsyncStreamReader`)."""

    def __init__(self, run: RunT, transforms: tuple[Any, ...] = ()) -> None:
        self._run = run
        self._spec: OutputSpecification[OutputT_co, PartialT_co] | None = run.generation.output
        self._transforms = transforms
        """``transform=`` factories (see :mod:`~ai_sdk.core.stream_transform`); readers apply them."""

    text: _FinalValue[str] = _FinalValue()
    content: _FinalValue[list[ContentPart]] = _FinalValue()
    reasoning: _FinalValue[list[Reasoning]] = _FinalValue()
    reasoning_text: _FinalValue[str | None] = _FinalValue()
    tool_calls: _FinalValue[list[ToolCall]] = _FinalValue()
    tool_results: _FinalValue[list[ToolResult]] = _FinalValue()
    tool_errors: _FinalValue[list[ToolError]] = _FinalValue()
    finish_reason: _FinalValue[FinishReasonType] = _FinalValue()
    raw_finish_reason: _FinalValue[str | None] = _FinalValue()
    usage: _FinalValue[Usage] = _FinalValue()
    total_usage: _FinalValue[Usage] = _FinalValue()
    steps: _FinalValue[list[StepResult]] = _FinalValue()
    warnings: _FinalValue[list[CallWarning]] = _FinalValue()
    request: _FinalValue[RequestInfo] = _FinalValue()
    response: _FinalValue[ResponseData] = _FinalValue()
    provider_metadata: _FinalValue[ProviderMetadata | None] = _FinalValue()
    output: _FinalValue[OutputT_co] = _FinalValue()

    full_stream: _Stream[TextStreamPart] = _Stream(
        lambda result: None,
        "Every part: start, per step start-step / model parts / tool results / finish-step, finish.",
    )
    text_stream: _Stream[str] = _Stream(
        lambda result: _text_of, "The text deltas of every step; raises the stream's error if one occurs."
    )
    partial_output_stream: _Stream[PartialT_co] = _Stream(
        lambda result: result._partial_outputs(),
        "Partial structured outputs of the current step's text as it grows (needs ``output=``).",
    )
    element_stream = _Elements()

    def _partial_outputs(self) -> _PartialOutputs:
        if self._spec is None:
            raise no_output_error()
        return _PartialOutputs(self._spec)

    def close(self) -> None:
        """Stop the stream and release the connection (idempotent)."""
        self._run.close()

    def to_ui_message_stream(self, **options: Unpack[UIMessageStreamOptions]) -> UIStreamT:
        """This stream as UI message chunks (what ``useChat`` reads); see
        :class:`~ai_sdk.ui.result_stream.UIMessageStreamOptions` for the options."""
        return _ui(self._blocking).stream(self._reader(None), **options)  # type: ignore[no-any-return]

    def to_ui_message_stream_body(
        self, *, status: int = 200, headers: Mapping[str, str] | None = None, **options: Unpack[UIMessageStreamOptions]
    ) -> UIBodyT:
        """The UI message stream as SSE bytes with its ``status`` and ``headers``, for any framework."""
        stream = self.to_ui_message_stream(**options)
        return _ui(self._blocking).body(stream, status=status, headers=headers)  # type: ignore[no-any-return]

    def to_ui_message_stream_response(
        self, *, status: int = 200, headers: Mapping[str, str] | None = None, **options: Unpack[UIMessageStreamOptions]
    ) -> StreamingResponse:
        """The UI message stream as a Starlette / FastAPI ``StreamingResponse`` (the ``ui`` extra)."""
        stream = self.to_ui_message_stream(**options)
        return _ui(self._blocking).response(stream=stream, status=status, headers=headers)  # type: ignore[no-any-return]

    def to_text_stream_body(self, *, status: int = 200, headers: Mapping[str, str] | None = None) -> TextBodyT:
        """The text deltas as UTF-8 bytes with their ``status`` and ``headers``, for any framework."""
        return _ui(self._blocking).text_body(self._reader(_text_of), status=status, headers=headers)  # type: ignore[no-any-return]

    def to_text_stream_response(
        self, *, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> StreamingResponse:
        """The text deltas as a Starlette / FastAPI ``StreamingResponse`` (``text/plain``)."""
        text = self._reader(_text_of)
        return _ui(self._blocking).text_response(text_stream=text, status=status, headers=headers)  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        generation = self._run.generation
        state = generation.phase.value
        return f"{type(self).__name__}({state}, parts={len(generation.parts)}, steps={len(generation.steps)})"


class StreamTextResult(
    _Result[
        _AsyncRun,
        AsyncIterator["UIMessageChunk"],
        "UIMessageStreamBody",
        "TextStreamBody",
        OutputT_co,
        PartialT_co,
    ]
):
    """A streaming generation (async API). Iterate ``full_stream`` (every part), ``text_stream``
    (text deltas) or ``partial_output_stream``; ``await`` the final values (``await result.text``),
    which are those of :class:`~ai_sdk.core.generate_text.GenerateTextResult`. Each final value is a
    coroutine that reads whatever nobody has read yet, so it also works with ``asyncio.gather`` /
    ``create_task``.

    Use it as ``async with stream_text(...) as result:`` or call ``await result.aclose()`` to release
    the connection when you stop early.

    Generic in the types of ``output`` and of the ``partial_output_stream`` values:
    ``StreamTextResult[Recipe, Any]`` for ``output=Output.object(Recipe)``, ``StreamTextResult[NoOutput,
    NoOutput]`` without ``output=``; a bare ``StreamTextResult`` accepts any.
    """

    __slots__ = ()
    _blocking = False

    def __init__(self, generation: Generation, transforms: tuple[Any, ...] = ()) -> None:
        super().__init__(_AsyncRun(generation), transforms)

    def _reader(self, select: Callable[[Any], Any] | None = None) -> AsyncStreamReader[Any]:
        if not self._transforms:
            return AsyncStreamReader(self._run, select)
        from .stream_transform import TransformedAsyncReader  # it imports this module

        return TransformedAsyncReader(self._run, self._transforms, select)

    def _elements(self, output: ArrayOutput[Any]) -> AsyncElementStream[Any]:
        return AsyncElementStream(self.partial_output_stream, partial(self._final, _OUTPUT), output)

    async def _final(self, get: Callable[[GenerateTextResult[Any]], T]) -> T:
        return get(await self._run.finish())

    async def consume(self) -> None:
        """Read the stream to its end without looking at the parts (raises its error, if any)."""
        await self._run.finish()

    async def aclose(self) -> None:
        """Stop the stream and release the connection (idempotent)."""
        await self._run.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._run.aclose()


class SyncStreamTextResult(
    _Result[
        _SyncRun,
        Iterator["UIMessageChunk"],
        "SyncUIMessageStreamBody",
        "SyncTextStreamBody",
        OutputT_co,
        PartialT_co,
    ]
):
    """A streaming generation (blocking API). Iterate ``full_stream``, ``text_stream`` or
    ``partial_output_stream`` with ``for``; the final values (``result.text``, ``result.usage``, ...)
    are properties that finish reading the stream when first accessed.

    Use it as ``with stream_text(...) as result:`` or call ``result.close()`` to release the
    connection when you stop early. Read it from one thread at a time.

    Generic like :class:`StreamTextResult`: ``SyncStreamTextResult[Recipe, Any]`` for
    ``output=Output.object(Recipe)``.
    """

    __slots__ = ()
    _blocking = True

    def __init__(self, generation: Generation, transforms: tuple[Any, ...] = ()) -> None:
        super().__init__(_SyncRun(generation), transforms)

    def _reader(self, select: Callable[[Any], Any] | None = None) -> StreamReader[Any]:
        if not self._transforms:
            return StreamReader(self._run, select)
        from .stream_transform import TransformedReader  # it imports this module

        return TransformedReader(self._run, self._transforms, select)

    def _elements(self, output: ArrayOutput[Any]) -> ElementStream[Any]:
        return ElementStream(self.partial_output_stream, partial(self._final, _OUTPUT), output)

    def _final(self, get: Callable[[GenerateTextResult[Any]], T]) -> T:
        return get(self._run.finish())

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
    output: OutputSpecification[OutputT, PartialT] | None = None,
    transform: TransformFactory | Sequence[TransformFactory] | None = None,
    **settings: Unpack[TextCallSettings],
) -> StreamTextResult[OutputT, PartialT]:
    """Stream text (and tool calls) from a language model; same arguments as ``generate_text``, plus
    ``transform`` (e.g. ``smooth_stream()``, or a list applied in order) for what the readers show.

    Returns at once (arguments are checked now; the request is made when you start reading). Only the
    initial request of each step is retried, never a stream that has started.
    """
    generation = prepare_generation(model, output, settings, function="stream_text", blocking=False)
    return StreamTextResult(generation, check_transforms(transform))


def stream_text_sync(
    *,
    model: Any,
    output: OutputSpecification[OutputT, PartialT] | None = None,
    transform: TransformFactory | Sequence[TransformFactory] | None = None,
    **settings: Unpack[TextCallSettings],
) -> SyncStreamTextResult[OutputT, PartialT]:
    """The blocking twin of :func:`stream_text` (``from ai_sdk.sync import stream_text``)."""
    generation = prepare_generation(model, output, settings, function="stream_text", blocking=True)
    return SyncStreamTextResult(generation, check_transforms(transform))

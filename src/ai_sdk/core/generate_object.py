"""generate_object / stream_object: the direct form of structured output.

Both are thin wrappers over ``generate_text`` / ``stream_text`` with ``output=`` (one loop, one set of
retries and stream handling): they pick the :class:`~ai_sdk.core.output.Output` for ``output=``
(``"object"``, ``"array"``, ``"enum"``, ``"no-schema"``) and give the final value one chance of
``repair_text`` before failing. ``element_stream`` (arrays) is :mod:`~ai_sdk.core.element_stream`'s,
ending with the repaired value when ``repair_text`` fixes the text.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Generator, Iterator, Sequence
from operator import attrgetter
from typing import Any, Generic, Literal, ParamSpec, Self, TypeAlias, TypeVar, Unpack, cast, get_overloads, overload

from ..spec.errors import InvalidArgumentError, NoObjectGeneratedError
from ..spec.language_model import RequestInfo
from ..spec.shared import CallWarning, FinishReasonType, ProviderMetadata, Usage
from .call_arguments import OBJECT_ARGUMENTS, ObjectCallSettings
from .call_settings import check_arguments
from .callbacks import (
    ErrorEvent,
    ObjectFinishEvent,
    check_callback,
    notify_async,
    notify_sync,
    refused_awaitable,
)
from .element_stream import AsyncElementStream, ElementStream, array_output
from .generate_text import GenerateTextResult, generate_text, generate_text_sync
from .output import Output
from .stream_text import StreamTextResult, SyncStreamTextResult, stream_text, stream_text_sync
from .types import ResponseData, TextStreamPart

__all__ = [
    "GenerateObjectResult",
    "ObjectCallSettings",
    "ObjectSettings",
    "OutputKind",
    "RepairText",
    "StreamObjectResult",
    "SyncRepairText",
    "SyncStreamObjectResult",
    "generate_object",
    "generate_object_sync",
    "stream_object",
    "stream_object_sync",
]

T = TypeVar("T")
V = TypeVar("V")
P = ParamSpec("P")
TextT = TypeVar("TextT", StreamTextResult, SyncStreamTextResult)
RepairT = TypeVar("RepairT")
_UNSET: Any = object()

OutputKind: TypeAlias = Literal["object", "array", "enum", "no-schema"]

SyncRepairText: TypeAlias = Callable[[str, Exception], "str | None"]
"""``repair_text(text, error)``: a fixed text to parse instead, or None to give up. ``error`` is the
JSONParseError or TypeValidationError the text failed with."""

RepairText: TypeAlias = Callable[[str, Exception], "str | Awaitable[str | None] | None"]
"""Like :data:`SyncRepairText`; in the async API it may also be an ``async`` function."""


class _Value(Generic[V]):
    """A final value of an object result: the value of the same name (or ``source``) of the text result
    under it, the generation's :class:`~ai_sdk.core.generate_text.GenerateTextResult` or the stream_text
    result (an awaitable in the async API). Declared once for the three results."""

    def __init__(self, source: str | None = None) -> None:
        self._source = source

    def __set_name__(self, owner: type[Any], name: str) -> None:
        source = self._source or name
        self._get = attrgetter(f"_text.{source}")
        self.__doc__ = getattr(GenerateTextResult, source).__doc__

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, instance: StreamObjectResult[Any], owner: type[Any]) -> Awaitable[V]: ...
    @overload
    def __get__(self, instance: GenerateObjectResult[Any] | SyncStreamObjectResult[Any], owner: type[Any]) -> V: ...
    def __get__(self, instance: Any, owner: type[Any]) -> Any:
        return self if instance is None else self._get(instance)


class _ObjectResult:
    """What the object results share: the text result under them, and the final values read from it."""

    __slots__ = ("_text",)

    finish_reason: _Value[FinishReasonType] = _Value()
    usage: _Value[Usage] = _Value("total_usage")
    warnings: _Value[list[CallWarning]] = _Value()
    request: _Value[RequestInfo] = _Value()
    response: _Value[ResponseData] = _Value()
    provider_metadata: _Value[ProviderMetadata | None] = _Value()
    reasoning: _Value[str | None] = _Value("reasoning_text")
    raw_finish_reason: _Value[str | None] = _Value()


class GenerateObjectResult(_ObjectResult, Generic[T]):
    """The validated ``object`` plus what the call returned around it (read from the generation's
    :class:`~ai_sdk.core.generate_text.GenerateTextResult`).

    ``usage`` covers the whole call; ``response.messages`` are the messages to append to a history.
    """

    __slots__ = ("_object",)

    def __init__(self, text_result: GenerateTextResult[Any], object: T) -> None:
        self._text = text_result
        self._object = object

    @property
    def object(self) -> T:
        """The validated value (a model instance for a pydantic ``schema``)."""
        return self._object

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in _SHOWN)
        return f"GenerateObjectResult({values})"


_SHOWN = (
    "object", "finish_reason", "usage", "warnings", "request", "response", "provider_metadata", "reasoning",
    "raw_finish_reason",
)  # fmt: skip


# ------------------------------------------------------------------------------------ output choice


def _select_output(
    output: str,
    schema: Any,
    enum: Sequence[str] | None,
    name: str | None,
    description: str | None,
) -> Output[Any]:
    if output in ("object", "array"):
        if schema is None:
            raise InvalidArgumentError(
                f"output={output!r} needs a schema: pass schema=<pydantic model, type or JSON-schema dict>, "
                "or use output='no-schema' for any JSON",
                argument="schema",
            )
        if enum is not None:
            raise InvalidArgumentError("enum= is only for output='enum'", argument="enum", value=enum)
        factory = Output.object if output == "object" else Output.array
        return factory(schema, name=name, description=description)
    if schema is not None:
        raise InvalidArgumentError(
            f"output={output!r} takes no schema; use output='object' or 'array' with a schema",
            argument="schema",
        )
    if output == "enum":
        if enum is None:
            raise InvalidArgumentError("output='enum' needs enum=[...] with the allowed values", argument="enum")
        return Output.choice(enum, name=name, description=description)
    if enum is not None:
        raise InvalidArgumentError("enum= is only for output='enum'", argument="enum", value=enum)
    if output == "no-schema":
        return Output.json(name=name, description=description)
    raise InvalidArgumentError("pass 'object', 'array', 'enum' or 'no-schema'", argument="output", value=output)


# ------------------------------------------------------------------------------------------ repair


def _repair(error: NoObjectGeneratedError, repair_text: Callable[[str, Exception], object] | None) -> object:
    """What ``repair_text`` returns for the text that failed (raises ``error`` when there is nothing to repair)."""
    if repair_text is None or error.text is None:
        raise error
    return repair_text(error.text, error.cause if isinstance(error.cause, Exception) else error)


def _reparse(output: Output[T], error: NoObjectGeneratedError, fixed: object) -> T:
    if fixed is None:
        raise error
    if not isinstance(fixed, str):
        raise InvalidArgumentError(
            f"repair_text must return the repaired text (a str) or None, got {type(fixed).__name__}",
            argument="repair_text",
        ) from error
    return output.parse_complete(
        fixed,
        response=error.response,
        usage=error.usage,
        finish_reason=cast(FinishReasonType, error.finish_reason or "other"),
    )


async def _value_async(output: Output[T], text_result: GenerateTextResult[Any], repair_text: RepairText | None) -> T:
    """The generation's ``output``, or when its text fails to parse, one try of ``repair_text``."""
    try:
        value: T = text_result.output
    except NoObjectGeneratedError as error:
        fixed = _repair(error, repair_text)
        if inspect.isawaitable(fixed):
            fixed = await fixed
        return _reparse(output, error, fixed)
    return value


def _value_sync(output: Output[T], text_result: GenerateTextResult[Any], repair_text: SyncRepairText | None) -> T:
    """The blocking twin of :func:`_value_async` (an async ``repair_text`` is refused)."""
    try:
        value: T = text_result.output
    except NoObjectGeneratedError as error:
        fixed = _repair(error, repair_text)
        if inspect.isawaitable(fixed):
            message = (
                "the blocking API cannot await an async repair_text: pass a plain function, or use the async "
                "generate_object / stream_object (from ai_sdk import ...)"
            )
            raise refused_awaitable(fixed, message, "repair_text") from error
        return _reparse(output, error, fixed)
    return value


def _event(text_result: GenerateTextResult[Any], value: Any, error: BaseException | None) -> ObjectFinishEvent[Any]:
    """What an object function's ``on_finish`` receives."""
    return ObjectFinishEvent(
        object=value,
        error=error,
        usage=text_result.total_usage,
        finish_reason=text_result.finish_reason,
        response=text_result.response,
        warnings=text_result.warnings,
        provider_metadata=text_result.provider_metadata,
    )


# ---------------------------------------------------------------------------------------- the functions


class ObjectSettings(ObjectCallSettings, total=False):
    """The object functions' own arguments besides ``model``, ``schema`` and ``output``, plus
    :class:`~ai_sdk.core.call_arguments.ObjectCallSettings`: ``enum`` (for ``output="enum"``),
    ``schema_name`` / ``schema_description`` (sent with the schema), ``repair_text``, ``on_finish`` and
    ``on_error`` (``stream_object`` only)."""

    enum: Sequence[str] | None
    schema_name: str | None
    schema_description: str | None
    repair_text: RepairText | None
    on_finish: Callable[[ObjectFinishEvent[Any]], Any] | None
    on_error: Callable[[ErrorEvent], Any] | None


_OWN_ARGUMENTS = frozenset(
    {"model", "schema", "output", "enum", "schema_name", "schema_description", "repair_text", "on_error"}
)


def _prepare(
    arguments: dict[str, Any], function: str, *, blocking: bool
) -> tuple[Any, Output[Any], Any, dict[str, Any]]:
    """Check an object function's arguments: ``on_finish`` (the object function wraps it; ``on_error``
    stays for the stream under ``stream_object`` and is refused by the generate functions), the output
    to ask for, ``repair_text``, and the arguments for generate_text / stream_text."""
    if function == "generate_object" and arguments.pop("on_error", None) is not None:
        raise InvalidArgumentError(
            "on_error is called while a stream is read, so it applies to stream_object only; generate_object "
            "raises its error instead (use try/except)",
            argument="on_error",
        )
    on_finish = arguments.pop("on_finish", None)
    if blocking:
        check_callback("on_finish", on_finish, blocking=True)
    check_arguments(arguments.keys(), OBJECT_ARGUMENTS | _OWN_ARGUMENTS, function)
    get = arguments.pop
    spec = _select_output(
        get("output", "object"), get("schema", None), get("enum", None), get("schema_name", None),
        get("schema_description", None),
    )  # fmt: skip
    return on_finish, spec, get("repair_text", None), arguments


@overload
async def generate_object(
    *, model: Any, schema: type[T], output: Literal["object"] = "object", **settings: Unpack[ObjectSettings]
) -> GenerateObjectResult[T]: ...
@overload
async def generate_object(
    *, model: Any, schema: type[T], output: Literal["array"], **settings: Unpack[ObjectSettings]
) -> GenerateObjectResult[list[T]]: ...
@overload
async def generate_object(
    *, model: Any, schema: Any = None, output: OutputKind = "object", **settings: Unpack[ObjectSettings]
) -> GenerateObjectResult[Any]: ...
async def generate_object(**arguments: Any) -> GenerateObjectResult[Any]:
    """Generate a value of the given shape: ``result.object`` is validated (a model instance for a
    pydantic ``schema``).

    ``output``: ``"object"`` (default, needs ``schema``), ``"array"`` (a list of ``schema``),
    ``"enum"`` (one of ``enum=[...]``) or ``"no-schema"`` (any JSON, for models that reject JSON
    schemas). Text that is not JSON or not of the shape raises NoObjectGeneratedError, after one try of
    ``repair_text(text, error)`` (sync or async) when given. ``on_finish(event)`` receives an
    :class:`~ai_sdk.core.callbacks.ObjectFinishEvent` once the value is known; ``on_error`` is for
    ``stream_object`` only. Other arguments as in ``generate_text``.

    This signature is the one of all four object functions: ``stream_object`` and the blocking twins
    are typed from it.
    """
    on_finish, spec, repair_text, settings = _prepare(arguments, "generate_object", blocking=False)
    text_result = await generate_text(output=spec, **settings)
    result = GenerateObjectResult(text_result, await _value_async(spec, text_result, repair_text))
    if on_finish is not None:
        await notify_async("on_finish", on_finish, _event(text_result, result.object, None))
    return result


def _generate_object_sync(**arguments: Any) -> GenerateObjectResult[Any]:
    """The blocking twin of ``generate_object``: same arguments (``repair_text`` a plain function) and result."""
    on_finish, spec, repair_text, settings = _prepare(arguments, "generate_object", blocking=True)
    text_result = generate_text_sync(output=spec, **settings)
    result = GenerateObjectResult(text_result, _value_sync(spec, text_result, repair_text))
    if on_finish is not None:
        notify_sync("on_finish", on_finish, _event(text_result, result.object, None))
    return result


class _Finisher:
    """``stream_object``'s ``on_finish``, as the ``on_finish`` of the stream_text under it: it parses
    (and repairs) the final text once, keeps the ``outcome`` for ``object``, and calls the user's
    callback with an :class:`~ai_sdk.core.callbacks.ObjectFinishEvent`."""

    __slots__ = ("callback", "outcome", "output", "repair")

    def __init__(self, output: Output[Any], repair: Any, callback: Callable[[ObjectFinishEvent[Any]], Any]) -> None:
        self.output = output
        self.repair = repair
        self.callback = callback
        self.outcome: tuple[Any, BaseException | None] | None = None

    def _event(self, text_result: GenerateTextResult[Any], value: Any, error: BaseException | None) -> Any:
        self.outcome = (value, error)
        return _event(text_result, value, error)


class _AsyncFinisher(_Finisher):
    __slots__ = ()

    async def __call__(self, text_result: GenerateTextResult[Any]) -> None:
        try:
            event = self._event(text_result, await _value_async(self.output, text_result, self.repair), None)
        except Exception as error:  # the text did not fit, or repair_text failed: as without on_finish
            event = self._event(text_result, None, error)
        returned = self.callback(event)
        if inspect.isawaitable(returned):
            await returned


class _SyncFinisher(_Finisher):
    __slots__ = ()

    def __call__(self, text_result: GenerateTextResult[Any]) -> None:
        try:
            event = self._event(text_result, _value_sync(self.output, text_result, self.repair), None)
        except Exception as error:  # the text did not fit, or repair_text failed: as without on_finish
            event = self._event(text_result, None, error)
        self.callback(event)


# -------------------------------------------------------------------------------------- streaming


class _Awaitable(Generic[T]):
    """``await``-able wrapper around a coroutine function, so a property can be awaited repeatedly."""

    __slots__ = ("_make",)

    def __init__(self, make: Callable[[], Awaitable[T]]) -> None:
        self._make = make

    def __await__(self) -> Generator[Any, None, T]:
        return self._make().__await__()


class _Stream(Generic[V]):
    """A stream of an object stream result: the stream (named ``name``) of the stream_text result under
    it, async or blocking like the result. Declared once for both."""

    def __init__(self, name: str, doc: str) -> None:
        self._get = attrgetter(f"_text.{name}")
        self.__doc__ = doc

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, instance: StreamObjectResult[Any], owner: type[Any]) -> AsyncIterator[V]: ...
    @overload
    def __get__(self, instance: SyncStreamObjectResult[Any], owner: type[Any]) -> Iterator[V]: ...
    def __get__(self, instance: Any, owner: type[Any]) -> Any:
        return self if instance is None else self._get(instance)


class _ObjectStream(_ObjectResult, Generic[T, TextT, RepairT]):
    """What both stream results hold: the stream_text result, the output, the repair function and,
    once resolved, the final value."""

    __slots__ = ("_finisher", "_object", "_output", "_repair")

    def __init__(
        self, text: TextT, output: Output[T], repair_text: RepairT | None, finisher: _Finisher | None = None
    ) -> None:
        self._text: TextT = text
        self._output = output
        self._repair: RepairT | None = repair_text
        self._object: Any = _UNSET
        self._finisher = finisher
        """The ``on_finish`` adapter; it parses (and repairs) the final value once, for ``object`` too."""

    def _finished(self) -> Any:
        """The value ``on_finish`` already resolved (raising its error), or ``_UNSET``."""
        outcome = self._finisher.outcome if self._finisher is not None else None
        if outcome is None:
            return _UNSET
        value, error = outcome
        if error is not None:
            raise error
        return value

    partial_object_stream: _Stream[Any] = _Stream(
        "partial_output_stream",
        "Partial values (unvalidated JSON) as the text grows; arrays as the list of elements so far.",
    )
    text_stream: _Stream[str] = _Stream("text_stream", "The raw JSON text deltas.")
    full_stream: _Stream[TextStreamPart] = _Stream(
        "full_stream", "Every part of the underlying text stream (see ``stream_text``)."
    )

    def close(self) -> None:
        """Stop the stream and release the connection (idempotent)."""
        self._text.close()


class StreamObjectResult(_ObjectStream[T, StreamTextResult, RepairText]):
    """A streaming structured generation (async API).

    Iterate ``partial_object_stream`` (raw partial values, each once when it changes),
    ``element_stream`` (arrays: each complete, validated element), ``text_stream`` or ``full_stream``;
    ``await result.object`` for the validated value. Use ``async with`` (or ``aclose()``) to release
    the connection when you stop early.
    """

    __slots__ = ()

    @property
    def element_stream(self) -> AsyncIterator[Any]:
        """Arrays only: each element once it is complete and valid."""
        return AsyncElementStream(self.partial_object_stream, self._resolve, array_output(self._output))  # type: ignore[arg-type]

    async def _resolve(self) -> T:
        if self._object is _UNSET:
            text_result = await self._text._run.finish()  # the stream's on_finish, if any, resolves the value
            value = self._finished()
            self._object = value if value is not _UNSET else await _value_async(self._output, text_result, self._repair)
        result: T = self._object
        return result

    @property
    def object(self) -> Awaitable[T]:
        """The validated final value (finishes reading the stream); raises NoObjectGeneratedError."""
        return _Awaitable(self._resolve)

    async def consume(self) -> None:
        """Read the stream to its end (raises its error, if any)."""
        await self._text.consume()

    async def aclose(self) -> None:
        """Stop the stream and release the connection (idempotent)."""
        self._text.close()

    async def __aenter__(self) -> StreamObjectResult[T]:
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        self._text.close()


class SyncStreamObjectResult(_ObjectStream[T, SyncStreamTextResult, SyncRepairText]):
    """A streaming structured generation (blocking API): iterate the streams with ``for``; ``object``
    and the other final values are properties that finish reading the stream when first accessed."""

    __slots__ = ()

    @property
    def element_stream(self) -> Iterator[Any]:
        """Arrays only: each element once it is complete and valid."""
        return ElementStream(self.partial_object_stream, self._resolve, array_output(self._output))  # type: ignore[arg-type]

    def _resolve(self) -> T:
        if self._object is _UNSET:
            text_result = self._text._run.finish()  # the stream's on_finish, if any, resolves the value
            value = self._finished()
            self._object = value if value is not _UNSET else _value_sync(self._output, text_result, self._repair)
        result: T = self._object
        return result

    @property
    def object(self) -> T:
        """The validated final value (finishes reading the stream); raises NoObjectGeneratedError."""
        return self._resolve()

    def consume(self) -> None:
        """Read the stream to its end (raises its error, if any)."""
        self._text.consume()

    def __enter__(self) -> SyncStreamObjectResult[T]:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._text.close()


def _stream_object(**arguments: Any) -> StreamObjectResult[Any]:
    """Stream a value of the given shape (``generate_object``'s arguments); the request is made on reading."""
    on_finish, spec, repair_text, settings = _prepare(arguments, "stream_object", blocking=False)
    finisher = _AsyncFinisher(spec, repair_text, on_finish) if on_finish is not None else None
    return StreamObjectResult(stream_text(output=spec, on_finish=finisher, **settings), spec, repair_text, finisher)


def _stream_object_sync(**arguments: Any) -> SyncStreamObjectResult[Any]:
    """The blocking twin of ``stream_object``."""
    on_finish, spec, repair_text, settings = _prepare(arguments, "stream_object", blocking=True)
    finisher = _SyncFinisher(spec, repair_text, on_finish) if on_finish is not None else None
    text = stream_text_sync(output=spec, on_finish=finisher, **settings)
    return SyncStreamObjectResult(text, spec, repair_text, finisher)


# The twins take generate_object's signature (its overloads included): declared once, typed four times.
# Each typing helper returns its implementation, named for its public name.


def _public(run: Any) -> Any:
    run.__name__ = run.__qualname__ = run.__name__.removeprefix("_")
    # help() and inspect show the arguments (generate_object's last overload), not the ``**arguments`` taken
    returns = inspect.signature(run).return_annotation
    run.__signature__ = inspect.signature(get_overloads(generate_object)[-1]).replace(return_annotation=returns)
    return run


_public(generate_object)


def _blocking(
    template: Callable[P, Coroutine[Any, Any, GenerateObjectResult[T]]],
) -> Callable[P, GenerateObjectResult[T]]:
    return _public(_generate_object_sync)  # type: ignore[no-any-return]


def _streaming(
    template: Callable[P, Coroutine[Any, Any, GenerateObjectResult[T]]],
) -> Callable[P, StreamObjectResult[T]]:
    return _public(_stream_object)  # type: ignore[no-any-return]


def _blocking_streaming(
    template: Callable[P, Coroutine[Any, Any, GenerateObjectResult[T]]],
) -> Callable[P, SyncStreamObjectResult[T]]:
    return _public(_stream_object_sync)  # type: ignore[no-any-return]


generate_object_sync = _blocking(generate_object)
"""The blocking twin of :func:`generate_object` (``from ai_sdk.sync import generate_object``): same arguments
and result; ``repair_text`` must be a plain function here."""

stream_object = _streaming(generate_object)
"""Stream a value of the given shape (same arguments as :func:`generate_object`); returns at once, the
request is made when you start reading."""

stream_object_sync = _blocking_streaming(generate_object)
"""The blocking twin of :func:`stream_object` (``from ai_sdk.sync import stream_object``)."""

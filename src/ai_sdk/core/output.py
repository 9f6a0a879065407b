"""Structured output: what ``generate_text(output=...)`` / ``stream_text(output=...)`` ask the model for.

An output object does three things for the loop: it says what ``response_format`` to send, it turns
the final text into the value the user gets (or raises :class:`~ai_sdk.errors.NoObjectGeneratedError`),
and while streaming it turns the text received so far into a partial value.

Arrays and choices are wrapped in an object on the wire (``{"elements": [...]}``, ``{"result": ...}``),
because strict JSON-schema mode needs an object at the top, and unwrapped for the user (a bare list or
string is accepted too, for models that ignore the wrapper).

Partial values are raw JSON (dicts, lists, strings), never validated: they are for progress display.
A stream feeds each text delta to its own :class:`PartialOutputStream` (``output.partial_stream()``),
whose resumable :class:`~ai_sdk.core.partial_json.PartialJSONParser` scans only the new characters, so
the cost per delta does not grow with the stream. ``parse_partial(text)`` takes the whole text instead
(for callers that have only that); each output object keeps one parser for it, restarted when a text
does not extend the previous one.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, TypeVar, overload

from ..spec import FinishReasonType, ResponseFormat, Usage
from ..spec._json import JSONDecodeError, loads
from ..spec.errors import InvalidArgumentError, JSONParseError, NoObjectGeneratedError, TypeValidationError
from .partial_json import PartialJSONParser
from .schema import Schema, as_schema
from .types import ResponseData

__all__ = ["ArrayOutput", "ChoiceOutput", "JSONOutput", "ObjectOutput", "Output", "PartialOutputStream", "TextOutput"]

T = TypeVar("T")
M = TypeVar("M")


class Output(ABC, Generic[T]):
    """The kind of answer to ask the model for; build one with ``Output.text()``, ``Output.object(...)``,
    ``Output.array(...)``, ``Output.choice(...)`` or ``Output.json()``."""

    __slots__ = ("_parser",)

    kind: ClassVar[Literal["text", "object", "array", "choice", "json"]]

    def __init__(self) -> None:
        self._parser: PartialJSONParser | None = None

    # ----------------------------------------------------------------------------------- factories

    @staticmethod
    def text() -> TextOutput:
        """Plain text (the default): no response format, the text is the output."""
        return TextOutput()

    @overload
    @staticmethod
    def object(schema: type[M], *, name: str | None = None, description: str | None = None) -> ObjectOutput[M]: ...
    @overload
    @staticmethod
    def object(schema: Any, *, name: str | None = None, description: str | None = None) -> ObjectOutput[Any]: ...
    @staticmethod
    def object(schema: Any, *, name: str | None = None, description: str | None = None) -> ObjectOutput[Any]:
        """One JSON value matching ``schema`` (a pydantic model, a TypeAdapter-able type such as a
        dataclass or TypedDict, or a JSON-schema dict); ``name`` / ``description`` are sent with it."""
        return ObjectOutput(as_schema(schema), name=name, description=description)

    @overload
    @staticmethod
    def array(schema: type[M], *, name: str | None = None, description: str | None = None) -> ArrayOutput[M]: ...
    @overload
    @staticmethod
    def array(schema: Any, *, name: str | None = None, description: str | None = None) -> ArrayOutput[Any]: ...
    @staticmethod
    def array(schema: Any, *, name: str | None = None, description: str | None = None) -> ArrayOutput[Any]:
        """A list whose elements each match ``schema``; streamed element by element with ``stream_object``."""
        return ArrayOutput(as_schema(schema), name=name, description=description)

    @staticmethod
    def choice(options: Sequence[str], *, name: str | None = None, description: str | None = None) -> ChoiceOutput:
        """Exactly one of ``options`` (classification)."""
        return ChoiceOutput(options, name=name, description=description)

    @staticmethod
    def json(*, name: str | None = None, description: str | None = None) -> JSONOutput:
        """Any JSON value, with no schema (``json_object`` mode): for models that reject ``json_schema``."""
        return JSONOutput(name=name, description=description)

    # ------------------------------------------------------------------------------------ protocol

    @abstractmethod
    def response_format(self) -> ResponseFormat | None:
        """The response format to send, or None for plain text."""

    def parse_complete(self, text: str, *, response: ResponseData, usage: Usage, finish_reason: FinishReasonType) -> T:
        """The final value of the final step's ``text``; raises NoObjectGeneratedError when it is not
        JSON or does not match the schema (carrying the text, cause, response, usage, finish reason)."""
        try:
            value = loads(text)
        except JSONDecodeError as error:
            what = "returned no text" if not text.strip() else "answered with text that is not valid JSON"
            raise _no_object(
                f"the model {what}", JSONParseError(text, cause=error), text, response, usage, finish_reason
            ) from None
        try:
            return self.validate(value)
        except TypeValidationError as error:
            raise _no_object(
                "the response does not match the schema", error, text, response, usage, finish_reason
            ) from None

    def parse_partial(self, text: str) -> Any | None:
        """The partial value of incomplete JSON ``text`` (None when nothing is parseable yet).

        Returns the same object again while the value has not changed.
        """
        parser, self._parser = self._parser, None
        if parser is None:
            parser = PartialJSONParser()
        try:
            raw = parser.parse(text)
        finally:
            self._parser = parser
        return None if raw is None else self._unwrap_partial(raw, in_string=parser.in_string)

    def partial_stream(self) -> PartialOutputStream:
        """A fresh partial-value parser for one streamed answer, fed delta by delta."""
        return PartialOutputStream(self)

    @abstractmethod
    def validate(self, value: Any) -> T:
        """The final value of parsed JSON ``value``; raises TypeValidationError."""

    def _unwrap_partial(self, raw: Any, *, in_string: bool) -> Any | None:
        return raw


class PartialOutputStream:
    """The partial values of one streamed answer: :meth:`feed` each text delta, :meth:`finish` at the
    end; each returns the partial value so far (the same object while unchanged), or ``None`` while
    nothing is parseable."""

    __slots__ = ("_output", "_parser")

    def __init__(self, output: Output[Any]) -> None:
        self._output = output
        self._parser = PartialJSONParser()

    def feed(self, delta: str) -> Any | None:
        """The partial value once ``delta`` has arrived."""
        parser = self._parser
        raw = parser.feed(delta)
        return None if raw is None else self._output._unwrap_partial(raw, in_string=parser.in_string)

    def finish(self) -> Any | None:
        """The partial value at the end of the answer (a trailing number counts, ``42`` is complete)."""
        raw = self._parser.finish()
        return None if raw is None else self._output._unwrap_partial(raw, in_string=False)


class _TextStream(PartialOutputStream):
    """Plain text: the partial value is the text so far."""

    __slots__ = ("_chunks",)

    def __init__(self, output: Output[Any]) -> None:
        super().__init__(output)
        self._chunks: list[str] = []

    def feed(self, delta: str) -> str | None:
        self._chunks.append(delta)
        return "".join(self._chunks) or None

    def finish(self) -> str | None:
        return "".join(self._chunks) or None


def _no_object(
    problem: str,
    cause: Exception,
    text: str,
    response: ResponseData,
    usage: Usage,
    finish_reason: FinishReasonType,
) -> NoObjectGeneratedError:
    message = f"No object generated: {problem}: {cause.args[0] if cause.args else cause}"
    if finish_reason == "length":
        message += " (the answer was cut off at the output token limit: raise max_output_tokens)"
    elif finish_reason == "tool-calls":
        message += " (the last step ended with tool calls: allow more steps with stop_when)"
    return NoObjectGeneratedError(
        message, text=text, response=response, usage=usage, finish_reason=finish_reason, cause=cause
    )


class TextOutput(Output[str]):
    """Plain text: the loop's default."""

    __slots__ = ()
    kind = "text"

    def response_format(self) -> None:
        return None

    def parse_complete(
        self, text: str, *, response: ResponseData, usage: Usage, finish_reason: FinishReasonType
    ) -> str:
        return text

    def parse_partial(self, text: str) -> str | None:
        return text or None

    def partial_stream(self) -> PartialOutputStream:
        return _TextStream(self)

    def validate(self, value: Any) -> str:
        if not isinstance(value, str):
            raise TypeValidationError(value, message=f"Type validation failed: expected text, got {value!r}")
        return value


class _JSONMode(Output[T]):
    """An answer in JSON mode: sent with its JSON schema (:meth:`_schema`), ``name`` and ``description``."""

    __slots__ = ("description", "name")

    def __init__(self, *, name: str | None = None, description: str | None = None) -> None:
        super().__init__()
        self.name = name
        self.description = description

    def response_format(self) -> ResponseFormat:
        return ResponseFormat(type="json", schema=self._schema(), name=self.name, description=self.description)

    def _schema(self) -> Mapping[str, Any] | None:
        """The JSON schema to send (none: any JSON)."""
        return None


class ObjectOutput(_JSONMode[T]):
    """One value matching a schema."""

    __slots__ = ("schema",)
    kind = "object"

    def __init__(self, schema: Schema[T], *, name: str | None = None, description: str | None = None) -> None:
        super().__init__(name=name, description=description)
        self.schema = schema

    def _schema(self) -> Mapping[str, Any]:
        return self.schema.json_schema

    def validate(self, value: Any) -> T:
        return self.schema.validate(value)


class ArrayOutput(_JSONMode[list[T]]):
    """A list of values matching an element schema, sent as ``{"elements": [...]}``."""

    __slots__ = ("_wire_schema", "element_schema")
    kind = "array"

    def __init__(self, element_schema: Schema[T], *, name: str | None = None, description: str | None = None) -> None:
        super().__init__(name=name, description=description)
        self.element_schema = element_schema
        items = dict(element_schema.json_schema)
        items.pop("$schema", None)
        definitions = items.pop("$defs", None)  # refs are "#/$defs/..": they must stay at the root
        wire: dict[str, Any] = {
            "type": "object",
            "properties": {"elements": {"type": "array", "items": items}},
            "required": ["elements"],
            "additionalProperties": False,
        }
        if definitions is not None:
            wire["$defs"] = definitions
        self._wire_schema = wire

    def _schema(self) -> Mapping[str, Any]:
        return self._wire_schema

    def validate(self, value: Any) -> list[T]:
        elements = _unwrap(value, "elements", list)
        if elements is None:
            raise TypeValidationError(
                value, message='Type validation failed: expected an object {"elements": [...]} or a list'
            )
        return [self.validate_element(element, index) for index, element in enumerate(elements)]

    def validate_element(self, value: Any, index: int) -> T:
        """One validated element (``index`` names it in the error)."""
        try:
            return self.element_schema.validate(value)
        except TypeValidationError as error:
            raise TypeValidationError(
                value, cause=error, message=f"Type validation failed: element {index}: {error.message}"
            ) from None

    def _unwrap_partial(self, raw: Any, *, in_string: bool) -> Any | None:
        return _unwrap(raw, "elements", list)

    if TYPE_CHECKING:  # the inherited parse_partial, with the type of what _unwrap_partial gives it

        def parse_partial(self, text: str) -> list[Any] | None: ...


class ChoiceOutput(_JSONMode[str]):
    """One of a fixed set of strings, sent as ``{"result": ...}`` with an ``enum``."""

    __slots__ = ("options",)
    kind = "choice"

    def __init__(self, options: Sequence[str], *, name: str | None = None, description: str | None = None) -> None:
        super().__init__(name=name, description=description)
        if isinstance(options, str) or not all(isinstance(option, str) for option in options):
            raise InvalidArgumentError("pass a sequence of strings, e.g. ['yes', 'no']", argument="options")
        if not options or len(set(options)) != len(options):
            raise InvalidArgumentError("pass at least one option, each only once", argument="options", value=options)
        self.options = tuple(options)

    def _schema(self) -> Mapping[str, Any]:
        return {
            "type": "object",
            "properties": {"result": {"type": "string", "enum": list(self.options)}},
            "required": ["result"],
            "additionalProperties": False,
        }

    def validate(self, value: Any) -> str:
        result = _unwrap(value, "result", str)
        if result not in self.options:
            raise TypeValidationError(
                value,
                message=f"Type validation failed: expected one of {list(self.options)!r} as 'result', got {value!r}",
            )
        return result

    def _unwrap_partial(self, raw: Any, *, in_string: bool) -> str | None:
        """The option the partial result is: once its string has closed, the option it names; while it
        is open, the one option it can still become (None while several, or none, fit)."""
        result = _unwrap(raw, "result", str)
        if result is None:
            return None
        if not in_string:
            return result if result in self.options else None
        matches = [option for option in self.options if option.startswith(result)]
        return matches[0] if len(matches) == 1 else None

    if TYPE_CHECKING:  # the inherited parse_partial, with the type of what _unwrap_partial gives it

        def parse_partial(self, text: str) -> str | None: ...


class JSONOutput(_JSONMode[Any]):
    """Any JSON value, without a schema."""

    __slots__ = ()
    kind = "json"

    def validate(self, value: Any) -> Any:
        return value


def _unwrap(value: Any, key: str, kind: type[T]) -> T | None:
    if isinstance(value, kind):
        return value
    if isinstance(value, Mapping):
        inner = value.get(key)
        if isinstance(inner, kind):
            return inner
    return None

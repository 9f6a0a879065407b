"""Tools: functions the model may call, with a JSON schema for their input.

Two ways to make one:

- ``tool(description=..., input_schema=Weather, execute=get_weather)`` where ``input_schema`` is a
  pydantic model, any type pydantic can validate (dataclass, TypedDict, ...), a ``TypeAdapter``, or
  a JSON-schema dict (see :mod:`ai_sdk.core.tool_schema` for what is validated then). ``execute``
  receives the validated value, plus a :class:`ToolCallOptions` when it takes a second argument.
- ``@tool`` (or ``@tool(name=..., description=...)``) on a typed function, sync or async: the schema
  comes from the parameters, the description from the docstring (parameter descriptions from its
  ``Args:`` / ``:param:`` / NumPy section), the name from the function. The decorated object is still
  callable like the function. A parameter annotated :class:`ToolCallOptions` receives the call's
  context instead of model input.

Tools are handed to ``generate_text`` / ``stream_text`` as a dict ``{name: tool}`` or a list of named
tools. Tool names must match ``^[A-Za-z0-9_-]{1,64}$``, which is what OpenAI-compatible APIs accept.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, ParamSpec, TypeAlias, TypedDict, TypeVar, Unpack, overload

from ..spec.errors import InvalidArgumentError
from ..spec.language_model import FunctionTool, Message, ToolChoice
from .call_settings import check_arguments
from .callbacks import AbortSignal
from .schema import Schema
from .tool_docstring import parse_docstring
from .tool_schema import input_schema_of
from .tool_timeout import check_tool_timeout

__all__ = [
    "PreparedTools",
    "Tool",
    "ToolCallOptions",
    "ToolChoiceInput",
    "ToolFunction",
    "ToolSet",
    "ToolSettings",
    "prepare_tools",
    "tool",
]

InputT = TypeVar("InputT")
OutputT = TypeVar("OutputT")
P = ParamSpec("P")
R = TypeVar("R")

_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class ToolSettings(TypedDict, total=False):
    """The options every way of making a tool takes (:class:`Tool`, :func:`tool`, ``@tool(...)``);
    each is described on the :class:`Tool` attribute of the same name."""

    needs_approval: bool | Callable[..., Any]
    strict: bool | None
    output_schema: object
    to_model_output: Callable[[Any], Any] | None
    timeout: float | None


_ARGUMENTS = frozenset(ToolSettings.__annotations__) | {"description", "input_schema", "execute", "name"}
"""Every keyword :class:`Tool` and :func:`tool` take, to name the closest for a misspelt one."""


@dataclass(frozen=True, slots=True)
class ToolCallOptions:
    """Context for an ``execute`` function that asks for it: the id of the call being answered, the
    messages sent to the model in the step that made the call (without the system prompt), the call's
    ``context=`` value, and ``abort_signal`` (``abort_signal.aborted`` turns true when the stream is
    closed or cancelled; a long-running tool may check it and stop).

    ``tool(input_schema=..., execute=f)`` passes it as ``f``'s second argument when ``f`` has a second
    positional parameter without a default; an ``@tool`` function receives it through a parameter
    annotated ``ToolCallOptions`` (which is left out of the schema the model sees).
    """

    tool_call_id: str
    messages: Sequence[Message]
    context: Any = None
    abort_signal: AbortSignal | None = None


def _is_async_callable(fn: Callable[..., Any]) -> bool:
    call = getattr(fn, "__call__", None)  # noqa: B004
    return any(inspect.iscoroutinefunction(f) or inspect.isasyncgenfunction(f) for f in (fn, call))


def _wants_options(fn: Callable[..., Any]) -> bool:
    """True when ``fn`` has a second positional parameter without a default."""
    try:
        parameters = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return False
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(positional) >= 2 and positional[1].default is inspect.Parameter.empty


class Tool(Generic[InputT, OutputT]):
    """A tool: ``description`` and ``input_schema`` (a clean JSON schema) are what the model sees;
    ``execute`` (sync or async, or ``None`` for tools your code answers itself) runs the call.

    ``Tool(...)`` takes the same keyword arguments as :func:`tool` with an ``input_schema``.
    """

    description: str | None
    input_schema: dict[str, Any]
    execute: Callable[..., Any] | None
    name: str | None
    needs_approval: bool | Callable[..., Any]
    """``True``, or a function ``(input, options) -> bool`` (may be async; ``input`` is the call's
    validated JSON input, a dict): the call waits for the user's approval instead of executing (see
    :class:`~ai_sdk.core.types.ToolApprovalRequest`)."""
    strict: bool | None
    """Sent to the provider as the tool's ``strict`` flag (``None``: not sent)."""
    output_schema: dict[str, Any] | None
    """The JSON schema ``execute``'s output is validated against (an invalid output is a tool error)."""
    to_model_output: Callable[[Any], Any] | None
    """Maps ``execute``'s output to what the model sees (a ``ToolResultOutput`` or its dict form)."""
    timeout: float | None
    """Seconds each run may take; a run still going then becomes a tool error (``None``: no limit)."""

    def __init__(
        self,
        *,
        input_schema: object,
        description: str | None = None,
        execute: Callable[..., Any] | None = None,
        name: str | None = None,
        **settings: Unpack[ToolSettings],
    ) -> None:
        check_arguments(settings, _ARGUMENTS, "Tool")
        if input_schema is None:
            raise InvalidArgumentError(
                "a tool needs an input_schema (a pydantic model, a type, or a JSON-schema dict); "
                "for a tool without parameters pass {'type': 'object', 'properties': {}} or use @tool",
                argument="input_schema",
            )
        if execute is not None and not callable(execute):
            raise InvalidArgumentError(f"execute must be a function, got {execute!r}", argument="execute")
        schema = input_schema_of(input_schema)
        if execute is None:
            run = None
        elif _wants_options(execute):
            run = execute
        else:

            def run(value: Any, options: ToolCallOptions) -> Any:
                return execute(value)

        self._setup(schema, description, execute, name, run, settings)

    def _setup(
        self,
        schema: Schema[Any],
        description: str | None,
        execute: Callable[..., Any] | None,
        name: str | None,
        run: Callable[[Any, ToolCallOptions], Any] | None,
        settings: ToolSettings,
    ) -> None:
        if description is not None and not isinstance(description, str):
            raise InvalidArgumentError(f"description must be a string, got {description!r}", argument="description")
        if name is not None and not isinstance(name, str):
            raise InvalidArgumentError(f"name must be a string, got {name!r}", argument="name")
        self.description = description
        self.input_schema = schema.json_schema
        self.execute = execute
        self.name = name
        self._validate = schema.validate
        self._run = run
        self._is_async = execute is not None and _is_async_callable(execute)
        self._configure(**settings)

    def _configure(
        self,
        *,
        needs_approval: bool | Callable[..., Any] = False,
        strict: bool | None = None,
        output_schema: object = None,
        to_model_output: Callable[[Any], Any] | None = None,
        timeout: object = None,
    ) -> None:
        """The agent-layer options (:class:`ToolSettings`): approval, strict mode, output schema, model
        output mapping, timeout."""
        if not isinstance(needs_approval, bool) and not callable(needs_approval):
            raise InvalidArgumentError(
                f"needs_approval must be True/False or a function (input, options) -> bool, got {needs_approval!r}",
                argument="needs_approval",
            )
        if strict is not None and not isinstance(strict, bool):
            raise InvalidArgumentError(f"strict must be True, False or None, got {strict!r}", argument="strict")
        if to_model_output is not None and not callable(to_model_output):
            raise InvalidArgumentError(
                f"to_model_output must be a function (output) -> ToolResultOutput, got {to_model_output!r}",
                argument="to_model_output",
            )
        self.needs_approval = needs_approval
        self.timeout = check_tool_timeout(timeout)
        self.strict = strict
        self.to_model_output = to_model_output
        if output_schema is None:
            self.output_schema = None
            self._validate_output: Callable[[Any], Any] | None = None
        else:
            schema = input_schema_of(output_schema, argument="output_schema")
            self.output_schema = schema.json_schema
            self._validate_output = schema.validate

    def validate_output(self, value: Any) -> None:
        """Check ``execute``'s output against ``output_schema`` (if any); raises
        :class:`~ai_sdk.errors.TypeValidationError`."""
        if self._validate_output is not None:
            self._validate_output(value)

    @property
    def is_async(self) -> bool:
        """Whether ``execute`` is a coroutine or async generator function (the blocking API cannot
        run those)."""
        return self._is_async

    def validate_input(self, value: Any) -> InputT:
        """The typed input for parsed JSON ``value``; raises :class:`~ai_sdk.errors.TypeValidationError`."""
        result: InputT = self._validate(value)
        return result

    def run(self, value: InputT, options: ToolCallOptions) -> Any:
        """Call ``execute`` with validated input; returns its result (an awaitable for async tools, a
        generator for tools that yield preliminary results). The core's tool loop calls this through
        :mod:`~ai_sdk.core.tool_execution`, which also catches and reports errors."""
        if self._run is None:
            raise TypeError(f"tool {self.name or ''!r} has no execute function")
        return self._run(value, options)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.execute is None:
            raise TypeError(f"tool {self.name or ''!r} has no execute function to call")
        return self.execute(*args, **kwargs)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, description={self.description!r})"


class ToolFunction(Tool[Any, R], Generic[P, R]):
    """A tool made from a typed function by :func:`tool`; calling it calls the function."""

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        assert self.execute is not None
        result: R = self.execute(*args, **kwargs)
        return result


def _function_tool(
    fn: Callable[P, R], description: str | None, name: str | None, settings: ToolSettings
) -> ToolFunction[P, R]:
    if not callable(fn):
        raise InvalidArgumentError(f"@tool needs a function, got {fn!r}", argument="fn", value=fn)
    tool_name = name or getattr(fn, "__name__", None)
    if not isinstance(tool_name, str):
        raise InvalidArgumentError(f"cannot tell the name of {fn!r}; pass name=", argument="name")
    doc_description, param_docs = parse_docstring(inspect.getdoc(fn))
    schema, run = _signature_schema(fn, tool_name, param_docs)
    made: ToolFunction[P, R] = ToolFunction.__new__(ToolFunction)
    with contextlib.suppress(AttributeError):  # some callables lack __name__ etc.; the tool works without them
        functools.update_wrapper(made, fn, updated=())
    made._setup(schema, description if description is not None else doc_description, fn, tool_name, run, settings)
    return made


def _signature_schema(
    fn: Callable[..., Any], name: str, param_docs: Mapping[str, str]
) -> tuple[Schema[Any], Callable[[Any, ToolCallOptions], Any]]:
    """An input schema built from ``fn``'s parameters, and the adapter calling ``fn`` with a validated
    input. Each parameter becomes a field aliased to its own name (so names like ``schema`` or
    ``_private`` that clash with pydantic work)."""
    from typing import Annotated

    from pydantic import ConfigDict, Field, create_model
    from pydantic.fields import FieldInfo

    try:
        signature = inspect.signature(fn, eval_str=True)
    except (NameError, SyntaxError, TypeError, ValueError) as error:
        raise InvalidArgumentError(
            f"cannot read the signature of tool function {name!r} ({error}); "
            "types in its annotations must be importable from its module",
            argument="fn",
            value=fn,
        ) from None
    fields: dict[str, Any] = {}
    slots: list[tuple[str, Any, str | None]] = []  # (parameter, kind, field or None for the options)
    for index, param in enumerate(signature.parameters.values()):
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            raise InvalidArgumentError(
                f"tool function {name!r} takes *{param.name} or **{param.name}; tools need named parameters",
                argument="fn",
                value=fn,
            )
        annotation = param.annotation
        if annotation is ToolCallOptions:
            slots.append((param.name, param.kind, None))
            continue
        if annotation is param.empty:
            annotation = Any
        field_name = f"p{index}"
        if isinstance(param.default, FieldInfo):
            fields[field_name] = (Annotated[annotation, param.default], Field(alias=param.name))
        elif param.default is param.empty:
            fields[field_name] = (annotation, Field(alias=param.name))
        else:
            fields[field_name] = (annotation, Field(param.default, alias=param.name))
        slots.append((param.name, param.kind, field_name))
    try:
        model = create_model(name, __config__=ConfigDict(extra="ignore"), **fields)
    except Exception as error:
        raise InvalidArgumentError(
            f"cannot build an input schema for tool function {name!r}: {error}", argument="fn", value=fn
        ) from None
    schema = input_schema_of(model, argument="fn")
    properties = schema.json_schema.get("properties", {})
    for param_name, text in param_docs.items():
        prop = properties.get(param_name)
        if isinstance(prop, dict):
            prop.setdefault("description", text)

    def run(value: Any, options: ToolCallOptions) -> Any:
        args: list[Any] = []
        kwargs: dict[str, Any] = {}
        for param_name, kind, field_name in slots:
            item = options if field_name is None else getattr(value, field_name)
            if kind is inspect.Parameter.POSITIONAL_ONLY:
                args.append(item)
            else:
                kwargs[param_name] = item
        return fn(*args, **kwargs)

    return schema, run


@overload
def tool(
    fn: Callable[P, R], /, *, description: str | None = None, name: str | None = None, **settings: Unpack[ToolSettings]
) -> ToolFunction[P, R]: ...
@overload
def tool(
    *, input_schema: type[InputT], execute: Callable[..., Any] | None = None, description: str | None = None,
    name: str | None = None, **settings: Unpack[ToolSettings],
) -> Tool[InputT, Any]: ...  # fmt: skip
@overload
def tool(
    *, input_schema: object, execute: Callable[..., Any] | None = None, description: str | None = None,
    name: str | None = None, **settings: Unpack[ToolSettings],
) -> Tool[Any, Any]: ...  # fmt: skip
@overload
def tool(
    *, execute: Callable[P, R], description: str | None = None, name: str | None = None,
    **settings: Unpack[ToolSettings],
) -> ToolFunction[P, R]: ...  # fmt: skip
@overload
def tool(
    *, description: str | None = None, name: str | None = None, **settings: Unpack[ToolSettings]
) -> Callable[[Callable[P, R]], ToolFunction[P, R]]: ...
def tool(
    fn: Callable[..., Any] | None = None,
    /,
    *,
    description: str | None = None,
    input_schema: object = None,
    execute: Callable[..., Any] | None = None,
    name: str | None = None,
    **settings: Unpack[ToolSettings],
) -> Any:
    """Make a tool.

    - ``tool(input_schema=..., execute=..., description=...)``: a :class:`Tool` whose ``execute``
      receives the validated input (a model instance for a pydantic model).
    - ``@tool`` / ``tool(fn)`` / ``tool(execute=fn)``: a :class:`ToolFunction` whose schema, name and
      description come from ``fn``; ``description=`` and ``name=`` override them.
    - ``@tool(name=..., description=...)``: the same, configured.

    Every form also takes ``needs_approval`` (``True`` or ``(input, options) -> bool``: the call waits
    for the user's approval), ``strict`` (sent to the provider), ``output_schema`` (the output is
    validated), ``to_model_output`` (``output -> ToolResultOutput``: what the model sees) and ``timeout``
    (seconds each run may take: a run still going then becomes a tool error the model sees; an async tool
    is cancelled, a plain function is left to finish in a background thread).
    """
    check_arguments(settings, _ARGUMENTS, "tool")
    if fn is not None:
        if input_schema is not None or execute is not None:
            raise InvalidArgumentError(
                "pass a function to decorate, or input_schema=/execute=, not both", argument="fn", value=fn
            )
        return _function_tool(fn, description, name, settings)
    if input_schema is not None:
        return Tool(description=description, input_schema=input_schema, execute=execute, name=name, **settings)
    if execute is not None:
        return _function_tool(execute, description, name, settings)

    def decorate(function: Callable[P, R]) -> ToolFunction[P, R]:
        return _function_tool(function, description, name, settings)

    return decorate


# ------------------------------------------------------------------------------------------- preparing

ToolSet: TypeAlias = Mapping[str, Tool[Any, Any]] | Sequence[Tool[Any, Any]]
"""Tools for a call: ``{name: tool}``, or a list of tools that carry a name (``@tool`` or ``name=``)."""

ToolChoiceInput: TypeAlias = Literal["auto", "none", "required"] | Mapping[str, str] | ToolChoice
"""``"auto"`` | ``"none"`` | ``"required"`` | ``{"type": "tool", "tool_name": name}`` | a spec ToolChoice."""

_CHOICES = ("auto", "none", "required")


@dataclass(frozen=True, slots=True)
class PreparedTools:
    """Tools ready for a call: ``function_tools`` for the model (``None`` when there are none),
    the validated ``tool_choice`` (``auto`` by default), and the tools by name for execution."""

    function_tools: list[FunctionTool] | None
    tool_choice: ToolChoice | None
    tools: dict[str, Tool[Any, Any]] = field(default_factory=dict)


def _named_tools(tools: object) -> dict[str, Tool[Any, Any]]:
    if isinstance(tools, Tool):
        raise InvalidArgumentError(
            "got a single tool; pass a list [my_tool] or a dict {'name': my_tool}", argument="tools", value=tools
        )
    by_name: dict[str, Tool[Any, Any]] = {}
    if isinstance(tools, Mapping):
        for key, item in tools.items():
            if not isinstance(item, Tool):
                raise InvalidArgumentError(_not_a_tool(f"tools[{key!r}]", item), argument="tools", value=tools)
            by_name[key] = item
    elif isinstance(tools, Sequence) and not isinstance(tools, str | bytes):
        for index, item in enumerate(tools):
            if not isinstance(item, Tool):
                raise InvalidArgumentError(_not_a_tool(f"tools[{index}]", item), argument="tools", value=tools)
            if item.name is None:
                raise InvalidArgumentError(
                    f"tools[{index}] has no name; pass tools as a dict {{'name': tool}}, give tool() a name=, "
                    "or make the tool with @tool",
                    argument="tools",
                    value=tools,
                )
            if item.name in by_name:
                raise InvalidArgumentError(
                    f"two tools are named {item.name!r}; tool names must be unique", argument="tools", value=tools
                )
            by_name[item.name] = item
    else:
        raise InvalidArgumentError(
            f"tools must be a dict of name -> Tool or a list of named tools, got {type(tools).__name__}",
            argument="tools",
            value=tools,
        )
    for key in by_name:
        if not isinstance(key, str) or not _NAME.match(key):
            raise InvalidArgumentError(
                f"invalid tool name {key!r}: use 1-64 letters, digits, '_' or '-'", argument="tools", value=tools
            )
    return by_name


def _not_a_tool(where: str, item: object) -> str:
    if callable(item):
        return f"{where} is a plain function; decorate it with @tool (from ai_sdk import tool)"
    return f"{where} must be a Tool (made with tool(...) or @tool), got {type(item).__name__}"


def _tool_choice(tool_choice: object, names: Sequence[str]) -> ToolChoice:
    if isinstance(tool_choice, ToolChoice):
        choice = tool_choice
    elif isinstance(tool_choice, str):
        if tool_choice not in _CHOICES:
            hint = (
                f"; to force tool {tool_choice!r} pass {{'type': 'tool', 'tool_name': {tool_choice!r}}}"
                if tool_choice in names
                else ""
            )
            raise InvalidArgumentError(
                f"unknown tool choice {tool_choice!r}; use 'auto', 'none', 'required' or "
                f"{{'type': 'tool', 'tool_name': <name>}}{hint}",
                argument="tool_choice",
                value=tool_choice,
            )
        choice = ToolChoice(tool_choice)  # type: ignore[arg-type]
    elif isinstance(tool_choice, Mapping):
        kind = tool_choice.get("type")
        tool_name = tool_choice.get("tool_name", tool_choice.get("toolName"))
        if kind in _CHOICES and tool_name is None:
            choice = ToolChoice(kind)
        elif kind == "tool" and isinstance(tool_name, str):
            choice = ToolChoice("tool", tool_name)
        else:
            raise InvalidArgumentError(
                f"invalid tool choice {dict(tool_choice)!r}; use {{'type': 'tool', 'tool_name': <name>}}",
                argument="tool_choice",
                value=tool_choice,
            )
    else:
        raise InvalidArgumentError(
            f"tool_choice must be 'auto', 'none', 'required' or {{'type': 'tool', 'tool_name': <name>}}, "
            f"got {type(tool_choice).__name__}",
            argument="tool_choice",
            value=tool_choice,
        )
    if choice.type == "tool" and choice.tool_name not in names:
        raise InvalidArgumentError(
            f"tool_choice names tool {choice.tool_name!r}, which is not among the tools "
            f"({', '.join(names) or 'none given'})",
            argument="tool_choice",
            value=tool_choice,
        )
    return choice


def prepare_tools(tools: ToolSet | None, tool_choice: ToolChoiceInput | None) -> PreparedTools:
    """Validate ``tools`` and ``tool_choice`` once per call and build what the model is sent.

    No tools (``None`` or empty) sends neither tools nor a tool choice; a choice naming a tool that
    is not given is an error either way.
    """
    if tools is None and tool_choice is None:  # the common call: nothing to check or send
        return _NO_TOOLS
    by_name = _named_tools(tools) if tools is not None else {}
    if tool_choice is not None:
        choice: ToolChoice | None = _tool_choice(tool_choice, list(by_name))
    else:
        choice = ToolChoice("auto")
    if not by_name:
        return PreparedTools(None, None, {})
    function_tools = [
        FunctionTool(name, item.input_schema, item.description, strict=item.strict) for name, item in by_name.items()
    ]
    return PreparedTools(function_tools, choice, by_name)


_NO_TOOLS = PreparedTools(None, None, {})

"""UI messages (what ``useChat`` holds and POSTs) as pydantic models, and their validation.

Field names are snake_case in Python and camelCase on the wire (``tool_call_id`` / ``toolCallId``);
:meth:`UIMessage.to_dict` gives the wire form back (for persistence or to resend). Unknown keys are
kept, so newer clients' extra fields survive a round trip. Tool parts check that their fields fit their
``state``, including the approval states (``approval-requested``, ``approval-responded``,
``output-denied``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal, TypeAlias, get_args

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, TypeAdapter, ValidationError, model_validator
from pydantic.alias_generators import to_camel

from ..spec.errors import InvalidArgumentError
from ..spec.shared import ProviderMetadata
from .errors import UIMessageValidationError

__all__ = [
    "DataUIPart",
    "DynamicToolUIPart",
    "FileUIPart",
    "ReasoningUIPart",
    "SourceDocumentUIPart",
    "SourceUrlUIPart",
    "StepStartUIPart",
    "TextUIPart",
    "ToolApproval",
    "ToolUIPart",
    "UIMessage",
    "UIMessagePart",
    "validate_ui_messages",
]

ToolUIPartState: TypeAlias = Literal[
    "input-streaming",
    "input-available",
    "approval-requested",
    "approval-responded",
    "output-available",
    "output-error",
    "output-denied",
]


class _Wire(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="allow")

    def to_dict(self) -> dict[str, Any]:
        """The wire form (camelCase keys, fields that were never set left out)."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


class TextUIPart(_Wire):
    """Text of a message."""

    type: Literal["text"]
    text: str
    state: Literal["streaming", "done"] | None = None
    provider_metadata: ProviderMetadata | None = None


class ReasoningUIPart(_Wire):
    """The model's reasoning."""

    type: Literal["reasoning"]
    text: str
    id: str | None = None
    state: Literal["streaming", "done"] | None = None
    provider_metadata: ProviderMetadata | None = None


class FileUIPart(_Wire):
    """A file: ``url`` is a hosted URL or a ``data:`` URL."""

    type: Literal["file"]
    media_type: str
    url: str
    filename: str | None = None
    provider_metadata: ProviderMetadata | None = None


class SourceUrlUIPart(_Wire):
    """A web source."""

    type: Literal["source-url"]
    source_id: str
    url: str
    title: str | None = None
    provider_metadata: ProviderMetadata | None = None


class SourceDocumentUIPart(_Wire):
    """A document source."""

    type: Literal["source-document"]
    source_id: str
    media_type: str
    title: str
    filename: str | None = None
    provider_metadata: ProviderMetadata | None = None


class StepStartUIPart(_Wire):
    """The boundary between two steps (model calls) of one assistant message."""

    type: Literal["step-start"]


class DataUIPart(_Wire):
    """A custom ``data-<name>`` part."""

    type: str = Field(pattern=r"^data-.+")
    data: Any
    id: str | None = None

    @property
    def name(self) -> str:
        """The part's name (``type`` without ``data-``)."""
        return self.type[len("data-") :]


class ToolApproval(_Wire):
    """The approval of a tool call: ``approved`` is unset while the user has not answered."""

    id: str
    approved: bool | None = None
    reason: str | None = None
    signature: str | None = None


class _ToolFields(_Wire):
    tool_call_id: str
    state: ToolUIPartState
    input: Any = None
    output: Any = None
    error_text: str | None = None
    raw_input: Any = None
    approval: ToolApproval | None = None
    provider_executed: bool | None = None
    call_provider_metadata: ProviderMetadata | None = None
    result_provider_metadata: ProviderMetadata | None = None
    preliminary: bool | None = None
    title: str | None = None

    @model_validator(mode="after")
    def _fields_fit_the_state(self) -> _ToolFields:
        state, approval, given = self.state, self.approval, self.model_fields_set
        if state == "input-available" and "input" not in given:
            raise ValueError("a tool part in state 'input-available' needs 'input'")
        if state == "output-available" and "output" not in given:
            raise ValueError("a tool part in state 'output-available' needs 'output'")
        if state == "output-error" and self.error_text is None:
            raise ValueError("a tool part in state 'output-error' needs 'errorText'")
        if state in ("approval-requested", "approval-responded") and approval is None:
            raise ValueError(f"a tool part in state {state!r} needs 'approval' ({{id, ...}})")
        if state == "approval-requested" and approval is not None and approval.approved is not None:
            raise ValueError("a tool part in state 'approval-requested' has no answer yet: leave out 'approved'")
        if state == "approval-responded" and approval is not None and approval.approved is None:
            raise ValueError("a tool part in state 'approval-responded' needs 'approval.approved' (true or false)")
        if state == "output-denied" and approval is not None and approval.approved is True:
            raise ValueError("a tool part in state 'output-denied' cannot have 'approval.approved': true")
        if state in ("input-streaming", "input-available") and approval is not None:
            raise ValueError(f"a tool part in state {state!r} has no approval yet: leave 'approval' out")
        return self


class ToolUIPart(_ToolFields):
    """A call of the tool named in ``type`` (``tool-<name>``), in one of the states of its life."""

    type: str = Field(pattern=r"^tool-.+")

    @property
    def tool_name(self) -> str:
        """The tool's name (``type`` without ``tool-``)."""
        return self.type[len("tool-") :]


class DynamicToolUIPart(_ToolFields):
    """A call of a tool not known in advance (``dynamic-tool``), named by ``tool_name``."""

    type: Literal["dynamic-tool"]
    tool_name: str


def _part_tag(value: Any) -> str | None:
    kind = value.get("type") if isinstance(value, Mapping) else getattr(value, "type", None)
    if not isinstance(kind, str):
        return None
    if kind.startswith("data-"):
        return "data"
    if kind.startswith("tool-"):
        return "tool"
    return kind


UIMessagePart: TypeAlias = Annotated[
    Annotated[TextUIPart, Tag("text")]
    | Annotated[ReasoningUIPart, Tag("reasoning")]
    | Annotated[FileUIPart, Tag("file")]
    | Annotated[SourceUrlUIPart, Tag("source-url")]
    | Annotated[SourceDocumentUIPart, Tag("source-document")]
    | Annotated[StepStartUIPart, Tag("step-start")]
    | Annotated[DataUIPart, Tag("data")]
    | Annotated[ToolUIPart, Tag("tool")]
    | Annotated[DynamicToolUIPart, Tag("dynamic-tool")],
    Discriminator(
        _part_tag,
        custom_error_type="invalid_part_type",
        custom_error_message=(
            "unknown part type: expected text, reasoning, file, source-url, source-document, step-start, "
            "dynamic-tool, tool-<name> or data-<name>"
        ),
    ),
]
"""One part of a :class:`UIMessage`, told apart by ``type``."""


class UIMessage(_Wire):
    """A chat message as the AI SDK's UI holds it: ``parts`` in display order, ``metadata`` free-form."""

    id: str
    role: Literal["system", "user", "assistant"]
    metadata: Any = None
    parts: list[UIMessagePart]

    @model_validator(mode="after")
    def _has_parts(self) -> UIMessage:
        if self.role != "assistant" and not self.parts:
            raise ValueError("a system or user message needs at least one part")
        return self


_MESSAGES: TypeAdapter[list[UIMessage]] | None = None


def _adapter() -> TypeAdapter[list[UIMessage]]:
    global _MESSAGES
    if _MESSAGES is None:
        _MESSAGES = TypeAdapter(list[UIMessage])
    return _MESSAGES


def validate_ui_messages(
    messages: Any,
    *,
    tools: Mapping[str, Any] | Sequence[Any] | None = None,
    metadata_schema: Any = None,
    data_schemas: Mapping[str, Any] | None = None,
) -> list[UIMessage]:
    """Validate UI messages (a list of dicts, e.g. a ``useChat`` body's ``messages``, or JSON text).

    With ``tools`` (``{name: tool}`` or a list of named tools, as ``stream_text`` takes them), the input
    of each tool part waiting for its output (``input-available``) must be valid for its tool, and a
    tool part of an unknown tool is an error unless it is finished. ``metadata_schema`` (a pydantic
    model or any type pydantic validates) checks each message's ``metadata``; ``data_schemas``
    (``{name: type}``) checks the ``data`` of ``data-<name>`` parts, and a data part without a schema
    is then an error.

    Raises :class:`~ai_sdk.errors.UIMessageValidationError` listing every problem with its location.
    """
    named_tools = tools_by_name(tools) if tools is not None else None
    if isinstance(messages, str | bytes | bytearray):
        import orjson

        try:
            messages = orjson.loads(messages)
        except orjson.JSONDecodeError as error:
            raise UIMessageValidationError(messages, [_error([], f"not JSON: {error}", "json_invalid")]) from None
    if not isinstance(messages, Sequence) or isinstance(messages, str):
        problem = "a list of UI messages is required" if messages is not None else "messages must be provided"
        raise UIMessageValidationError(messages, [_error([], problem, "list_type")])
    if not messages:
        raise UIMessageValidationError(messages, [_error([], "the messages list must not be empty", "too_short")])
    items = [message.to_dict() if isinstance(message, UIMessage) else message for message in messages]
    try:
        validated = _adapter().validate_python(items)
    except ValidationError as error:
        raise UIMessageValidationError(messages, [_wire_error(item) for item in error.errors()]) from None
    problems = _check_content(validated, named_tools, metadata_schema, data_schemas)
    if problems:
        raise UIMessageValidationError(messages, problems)
    return validated


def tools_by_name(tools: Mapping[str, Any] | Sequence[Any]) -> dict[str, Any]:
    """``tools`` as ``stream_text`` takes them (a dict ``{name: tool}`` or a list of named tools) by name."""
    if isinstance(tools, Mapping):
        return dict(tools)
    if not isinstance(tools, Sequence) or isinstance(tools, str | bytes):
        raise InvalidArgumentError(
            f"pass a dict {{name: tool}} or a list of named tools, got {type(tools).__name__}",
            argument="tools",
            value=tools,
        )
    by_name: dict[str, Any] = {}
    for index, item in enumerate(tools):
        name = getattr(item, "name", None)
        if not isinstance(name, str):
            raise InvalidArgumentError(
                f"tools[{index}] has no name; pass a dict {{name: tool}}", argument="tools", value=tools
            )
        by_name[name] = item
    return by_name


def _check_content(
    messages: list[UIMessage],
    tools: Mapping[str, Any] | None,
    metadata_schema: Any,
    data_schemas: Mapping[str, Any] | None,
) -> list[dict[str, Any]]:
    problems: list[dict[str, Any]] = []
    metadata_adapter = TypeAdapter(metadata_schema) if metadata_schema is not None else None
    data_adapters = {name: TypeAdapter(schema) for name, schema in (data_schemas or {}).items()}
    for m, message in enumerate(messages):
        if metadata_adapter is not None:
            problems += _schema_problems(metadata_adapter, message.metadata, [m, "metadata"])
        for p, part in enumerate(message.parts):
            where: list[Any] = [m, "parts", p]
            if isinstance(part, DataUIPart) and data_schemas is not None:
                adapter = data_adapters.get(part.name)
                if adapter is None:
                    problems.append(_error([*where, "type"], f"no data schema for {part.type!r}", "unknown_data"))
                else:
                    problems += _schema_problems(adapter, part.data, [*where, "data"])
            elif isinstance(part, ToolUIPart) and tools is not None:
                problems += _tool_problems(part, tools, where)
    return problems


def _tool_problems(part: ToolUIPart, tools: Mapping[str, Any], where: list[Any]) -> list[dict[str, Any]]:
    tool = tools.get(part.tool_name)
    if tool is None:
        if part.state in ("output-available", "output-error", "output-denied"):
            return []
        known = ", ".join(sorted(tools)) or "none"
        return [_error([*where, "type"], f"no tool named {part.tool_name!r} (tools: {known})", "unknown_tool")]
    if part.state != "input-available":
        return []
    try:
        tool.validate_input(part.input)
    except Exception as error:
        message = getattr(error, "message", None) or str(error)
        return [_error([*where, "input"], f"invalid input for tool {part.tool_name!r}: {message}", "tool_input")]
    return []


def _schema_problems(adapter: TypeAdapter[Any], value: Any, where: list[Any]) -> list[dict[str, Any]]:
    try:
        adapter.validate_python(value)
    except ValidationError as error:
        return [_error([*where, *item["loc"]], item["msg"], item["type"]) for item in error.errors()]
    return []


# the discriminator's tags, as UIMessagePart declares them (Annotated[<part>, Tag(<tag>)])
_TAGS = frozenset(get_args(member)[1].tag for member in get_args(get_args(UIMessagePart)[0]))


def _wire_error(item: Any) -> dict[str, Any]:
    loc = list(item["loc"])
    # the discriminator's tag sits after a part's index: it is not a field the user wrote
    cleaned = [key for i, key in enumerate(loc) if not (key in _TAGS and i > 0 and isinstance(loc[i - 1], int))]
    message = item["msg"].removeprefix("Value error, ")
    return _error(cleaned, message, item["type"])


def _error(loc: list[Any], message: str, kind: str) -> dict[str, Any]:
    return {"loc": ["messages", *loc], "msg": message, "type": kind}

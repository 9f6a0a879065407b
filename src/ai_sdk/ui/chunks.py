"""The chunks of the UI message stream protocol (what ``useChat`` reads), AI SDK 6 wire format.

Each chunk is a small frozen dataclass whose :meth:`~UIMessageChunkBase.to_dict` is exactly the JSON
object sent on the wire: the ``type`` tag first, the fields in camelCase in the reference's order, and
optional fields left out when ``None`` (required ones, such as a tool's ``output``, are always sent,
``null`` included). :func:`parse_ui_message_chunk` is the inverse; it rejects unknown chunk types and
missing fields with a :class:`~ai_sdk.ui.errors.UIMessageStreamError`, because the reference's client
rejects them too (a stream with one bad chunk fails in the browser).

Approval chunks (``tool-approval-request``, ``tool-output-denied``) belong to the tool-approval flow.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields
from typing import Any, ClassVar, Literal, TypeAlias, get_args

from ..spec.shared import FinishReasonType, ProviderMetadata
from .errors import UIMessageStreamError

__all__ = [
    "AbortChunk",
    "DataChunk",
    "ErrorChunk",
    "FileChunk",
    "FinishChunk",
    "FinishStepChunk",
    "MessageMetadataChunk",
    "ReasoningDeltaChunk",
    "ReasoningEndChunk",
    "ReasoningStartChunk",
    "SourceDocumentChunk",
    "SourceUrlChunk",
    "StartChunk",
    "StartStepChunk",
    "TextDeltaChunk",
    "TextEndChunk",
    "TextStartChunk",
    "ToolApprovalRequestChunk",
    "ToolInputAvailableChunk",
    "ToolInputDeltaChunk",
    "ToolInputErrorChunk",
    "ToolInputStartChunk",
    "ToolOutputAvailableChunk",
    "ToolOutputDeniedChunk",
    "ToolOutputErrorChunk",
    "UIMessageChunk",
    "parse_ui_message_chunk",
]

_FINISH_REASONS = frozenset(get_args(FinishReasonType))

_WireTable: TypeAlias = tuple[tuple[str, str, bool], ...]


class UIMessageChunkBase:
    """What every chunk has: a ``type`` tag and a wire form."""

    __slots__ = ()
    type: ClassVar[str]
    _wire: ClassVar[_WireTable]
    # (attribute, wire key, required) for each field, in wire order: made once per class from its
    # dataclass fields (below the classes), so a chunk class declares only its fields.

    def to_dict(self) -> dict[str, Any]:
        """The chunk as the JSON object sent on the wire."""
        wire: dict[str, Any] = {"type": self.type}
        for name, key, required in self._wire:
            value = getattr(self, name)
            if required or value is not None:
                wire[key] = value
        return wire


@dataclass(frozen=True, slots=True, kw_only=True)
class StartChunk(UIMessageChunkBase):
    """The response message starts; ``message_id`` names it (set in persistence mode)."""

    message_id: str | None = None
    message_metadata: Any = None
    type: ClassVar[Literal["start"]] = "start"


@dataclass(frozen=True, slots=True, kw_only=True)
class FinishChunk(UIMessageChunkBase):
    """The response message is complete."""

    finish_reason: FinishReasonType | None = None
    message_metadata: Any = None
    type: ClassVar[Literal["finish"]] = "finish"


@dataclass(frozen=True, slots=True, kw_only=True)
class StartStepChunk(UIMessageChunkBase):
    """A step (one model call) starts; the client adds a ``step-start`` part."""

    type: ClassVar[Literal["start-step"]] = "start-step"


@dataclass(frozen=True, slots=True, kw_only=True)
class FinishStepChunk(UIMessageChunkBase):
    """A step ends; text and reasoning ids may be reused after it."""

    type: ClassVar[Literal["finish-step"]] = "finish-step"


@dataclass(frozen=True, slots=True, kw_only=True)
class TextStartChunk(UIMessageChunkBase):
    """A text part starts."""

    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["text-start"]] = "text-start"


@dataclass(frozen=True, slots=True, kw_only=True)
class TextDeltaChunk(UIMessageChunkBase):
    """More text for the text part ``id``."""

    id: str
    delta: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["text-delta"]] = "text-delta"


@dataclass(frozen=True, slots=True, kw_only=True)
class TextEndChunk(UIMessageChunkBase):
    """The text part ``id`` is complete."""

    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["text-end"]] = "text-end"


@dataclass(frozen=True, slots=True, kw_only=True)
class ReasoningStartChunk(UIMessageChunkBase):
    """A reasoning part starts."""

    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["reasoning-start"]] = "reasoning-start"


@dataclass(frozen=True, slots=True, kw_only=True)
class ReasoningDeltaChunk(UIMessageChunkBase):
    """More reasoning text for the reasoning part ``id``."""

    id: str
    delta: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["reasoning-delta"]] = "reasoning-delta"


@dataclass(frozen=True, slots=True, kw_only=True)
class ReasoningEndChunk(UIMessageChunkBase):
    """The reasoning part ``id`` is complete."""

    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["reasoning-end"]] = "reasoning-end"


@dataclass(frozen=True, slots=True, kw_only=True)
class ErrorChunk(UIMessageChunkBase):
    """An error, as text for the user (``on_error`` decides what it says)."""

    error_text: str
    type: ClassVar[Literal["error"]] = "error"


@dataclass(frozen=True, slots=True, kw_only=True)
class ToolInputStartChunk(UIMessageChunkBase):
    """The model starts a tool call; its input follows as deltas."""

    tool_call_id: str
    tool_name: str
    provider_executed: bool | None = None
    provider_metadata: ProviderMetadata | None = None
    dynamic: bool | None = None
    title: str | None = None
    type: ClassVar[Literal["tool-input-start"]] = "tool-input-start"


@dataclass(frozen=True, slots=True, kw_only=True)
class ToolInputDeltaChunk(UIMessageChunkBase):
    """More of a tool call's input JSON text."""

    tool_call_id: str
    input_text_delta: str
    type: ClassVar[Literal["tool-input-delta"]] = "tool-input-delta"


@dataclass(frozen=True, slots=True, kw_only=True)
class ToolInputAvailableChunk(UIMessageChunkBase):
    """A tool call's complete, valid input."""

    tool_call_id: str
    tool_name: str
    input: Any
    provider_executed: bool | None = None
    provider_metadata: ProviderMetadata | None = None
    dynamic: bool | None = None
    title: str | None = None
    type: ClassVar[Literal["tool-input-available"]] = "tool-input-available"


@dataclass(frozen=True, slots=True, kw_only=True)
class ToolInputErrorChunk(UIMessageChunkBase):
    """A tool call whose input is invalid (or whose tool does not exist)."""

    tool_call_id: str
    tool_name: str
    input: Any
    provider_executed: bool | None = None
    provider_metadata: ProviderMetadata | None = None
    dynamic: bool | None = None
    error_text: str
    title: str | None = None
    type: ClassVar[Literal["tool-input-error"]] = "tool-input-error"


@dataclass(frozen=True, slots=True, kw_only=True)
class ToolApprovalRequestChunk(UIMessageChunkBase):
    """A tool call waits for the user's approval (the tool-approval flow)."""

    approval_id: str
    tool_call_id: str
    signature: str | None = None
    type: ClassVar[Literal["tool-approval-request"]] = "tool-approval-request"


@dataclass(frozen=True, slots=True, kw_only=True)
class ToolOutputAvailableChunk(UIMessageChunkBase):
    """A tool's output (``preliminary`` for intermediate outputs)."""

    tool_call_id: str
    output: Any
    provider_executed: bool | None = None
    provider_metadata: ProviderMetadata | None = None
    dynamic: bool | None = None
    preliminary: bool | None = None
    type: ClassVar[Literal["tool-output-available"]] = "tool-output-available"


@dataclass(frozen=True, slots=True, kw_only=True)
class ToolOutputErrorChunk(UIMessageChunkBase):
    """A tool call failed; ``error_text`` is what the user sees."""

    tool_call_id: str
    error_text: str
    provider_executed: bool | None = None
    provider_metadata: ProviderMetadata | None = None
    dynamic: bool | None = None
    type: ClassVar[Literal["tool-output-error"]] = "tool-output-error"


@dataclass(frozen=True, slots=True, kw_only=True)
class ToolOutputDeniedChunk(UIMessageChunkBase):
    """The user denied a tool call (the tool-approval flow)."""

    tool_call_id: str
    type: ClassVar[Literal["tool-output-denied"]] = "tool-output-denied"


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceUrlChunk(UIMessageChunkBase):
    """A web source the answer used."""

    source_id: str
    url: str
    title: str | None = None
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["source-url"]] = "source-url"


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceDocumentChunk(UIMessageChunkBase):
    """A document source the answer used."""

    source_id: str
    media_type: str
    title: str
    filename: str | None = None
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["source-document"]] = "source-document"


@dataclass(frozen=True, slots=True, kw_only=True)
class FileChunk(UIMessageChunkBase):
    """A file (``url`` may be a ``data:`` URL)."""

    url: str
    media_type: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["file"]] = "file"


@dataclass(frozen=True, slots=True, kw_only=True)
class AbortChunk(UIMessageChunkBase):
    """The stream was aborted before it finished."""

    reason: str | None = None
    type: ClassVar[Literal["abort"]] = "abort"


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageMetadataChunk(UIMessageChunkBase):
    """Metadata merged into the response message's ``metadata``."""

    message_metadata: Any
    type: ClassVar[Literal["message-metadata"]] = "message-metadata"


@dataclass(frozen=True, slots=True)
class DataChunk(UIMessageChunkBase):
    """A custom ``data-<name>`` chunk. Persistent ones become ``data-<name>`` parts of the message (a
    later chunk with the same ``id`` replaces the part's data); ``transient=True`` ones reach only the
    client's ``onData`` callback and are never stored in the message."""

    name: str
    data: Any
    id: str | None = None
    transient: bool | None = None

    _wire: ClassVar[_WireTable] = (("id", "id", False), ("data", "data", True), ("transient", "transient", False))
    # ``name`` travels in the type tag, and the reference sends ``id`` before ``data``

    @property
    def type(self) -> str:  # type: ignore[override]
        """``data-<name>``."""
        return f"data-{self.name}"

    def to_dict(self) -> dict[str, Any]:
        """The chunk as the JSON object sent on the wire."""
        # ``_wire`` spelt out: data chunks may be written once per token, and this is about twice as
        # fast as the loop (tests/ui/test_chunks.py checks that both give the same wire form)
        wire: dict[str, Any] = {"type": self.type}
        if self.id is not None:
            wire["id"] = self.id
        wire["data"] = self.data
        if self.transient is not None:
            wire["transient"] = self.transient
        return wire


UIMessageChunk: TypeAlias = (
    StartChunk
    | FinishChunk
    | StartStepChunk
    | FinishStepChunk
    | TextStartChunk
    | TextDeltaChunk
    | TextEndChunk
    | ReasoningStartChunk
    | ReasoningDeltaChunk
    | ReasoningEndChunk
    | ErrorChunk
    | ToolInputStartChunk
    | ToolInputDeltaChunk
    | ToolInputAvailableChunk
    | ToolInputErrorChunk
    | ToolApprovalRequestChunk
    | ToolOutputAvailableChunk
    | ToolOutputErrorChunk
    | ToolOutputDeniedChunk
    | SourceUrlChunk
    | SourceDocumentChunk
    | FileChunk
    | DataChunk
    | AbortChunk
    | MessageMetadataChunk
)
"""Any chunk of the UI message stream (tell them apart by ``type`` or by class)."""

_CLASSES: dict[str, type[UIMessageChunkBase]] = {
    cls.type: cls for cls in get_args(UIMessageChunk) if cls is not DataChunk
}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.title() for word in rest)


for _cls in _CLASSES.values():
    _cls._wire = tuple((item.name, _camel(item.name), item.default is MISSING) for item in fields(_cls))  # type: ignore[arg-type]

# what parse_ui_message_chunk checks a wire value against, read from the fields' annotations
_ANNOTATED = {"str": str, "str | None": str, "bool | None": bool}
_TYPES: dict[str, type] = {
    item.name: _ANNOTATED[item.type]
    for cls in (*_CLASSES.values(), DataChunk)
    for item in fields(cls)
    if item.type in _ANNOTATED
}


def parse_ui_message_chunk(value: Any) -> UIMessageChunk:
    """A chunk from its wire form (a dict as :meth:`~UIMessageChunkBase.to_dict` gives); unknown keys
    are ignored, as the reference's client does. Raises :class:`UIMessageStreamError` naming the
    problem for an unknown type, a missing field or a field of the wrong type."""
    if not isinstance(value, dict):
        raise UIMessageStreamError(f"a UI message chunk must be a JSON object, got {type(value).__name__}")
    kind = value.get("type")
    if not isinstance(kind, str):
        raise UIMessageStreamError("a UI message chunk needs a string 'type'")
    arguments: dict[str, Any] = {}
    if kind.startswith("data-") and len(kind) > len("data-"):
        cls: type[UIMessageChunkBase] | None = DataChunk
        arguments["name"] = kind[len("data-") :]
    else:
        cls = _CLASSES.get(kind)
    if cls is None:
        known = ", ".join(sorted(_CLASSES))
        raise UIMessageStreamError(f"unknown UI message chunk type {kind!r} (known: {known}, data-*)", chunk_type=kind)
    for name, key, required in cls._wire:
        if key not in value:
            if required:
                raise UIMessageStreamError(f"chunk {kind!r} is missing {key!r}", chunk_type=kind)
            continue
        item = value[key]
        expected = _TYPES.get(name)
        if expected is not None:
            _check(kind, key, item, expected)
        elif name == "finish_reason" and item is not None and item not in _FINISH_REASONS:
            raise UIMessageStreamError(
                f"chunk {kind!r}: finishReason must be one of {sorted(_FINISH_REASONS)}, got {item!r}", chunk_type=kind
            )
        arguments[name] = item
    return cls(**arguments)  # type: ignore[return-value]


def _check(kind: str, key: str, value: Any, expected: type) -> None:
    if value is not None and not isinstance(value, expected):
        raise UIMessageStreamError(
            f"chunk {kind!r}: {key!r} must be a {expected.__name__}, got {type(value).__name__}", chunk_type=kind
        )

"""The language-model contract between the core and providers.

Design rules:
- The core talks to a model only through :class:`LanguageModel`; providers implement it. The ``do_``
  prefix keeps users on the core functions (``generate_text``), which add prompts, tools, retries.
- Every model has a blocking and an async form of each call. Providers build both as thin drivers over
  the same pure request builders and response/stream parsers; neither form wraps the other.
- Prompt messages and parts are also the typed message objects users may pass to the core. The core
  canonicalises them before a model sees them: user content becomes a list of :class:`TextPart` and
  :class:`FilePart` (``ImagePart`` and ``pathlib.Path`` data never reach a model; data URLs are split
  into media type and base64), and a plain-string content becomes one :class:`TextPart`.
- Stream parts are small slotted dataclasses with a ``type`` tag, cheap enough to build per delta
  (not frozen, for speed; treat them as read-only, like every other spec object). The other records
  are plain frozen slotted dataclasses.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Generic, Literal, Protocol, TypeAlias, TypeVar, runtime_checkable

from .deadline import Deadline
from .model_identity import ModelIdentity
from .shared import CallWarning, FinishReason, JSONValue, ProviderMetadata, ProviderOptions, Usage

__all__ = [
    "AssistantContentPart",
    "AssistantMessage",
    "AsyncPartStream",
    "CallOptions",
    "Content",
    "FilePart",
    "Finish",
    "FunctionTool",
    "GenerateResult",
    "ImagePart",
    "LanguageModel",
    "Message",
    "ModelToolCall",
    "PartStream",
    "Prompt",
    "RawChunk",
    "Reasoning",
    "ReasoningDelta",
    "ReasoningEnd",
    "ReasoningPart",
    "ReasoningStart",
    "RequestInfo",
    "ResponseFormat",
    "ResponseInfo",
    "ResponseMetadata",
    "StreamError",
    "StreamPart",
    "StreamResult",
    "StreamStart",
    "SystemMessage",
    "Text",
    "TextDelta",
    "TextEnd",
    "TextPart",
    "TextStart",
    "ToolApprovalRequestPart",
    "ToolApprovalResponsePart",
    "ToolCallPart",
    "ToolChoice",
    "ToolContentPart",
    "ToolInputDelta",
    "ToolInputEnd",
    "ToolInputStart",
    "ToolMessage",
    "ToolResultOutput",
    "ToolResultPart",
    "UserContentPart",
    "UserMessage",
]


# ---------------------------------------------------------------------------------------------- prompt


@dataclass(frozen=True, slots=True)
class TextPart:
    """Text in a user or assistant message."""

    text: str
    provider_options: ProviderOptions | None = None
    type: ClassVar[Literal["text"]] = "text"


@dataclass(frozen=True, slots=True)
class ImagePart:
    """An image in a user message, as users write it.

    ``image`` is bytes, a base64 string, a ``data:`` URL, an ``http(s)`` URL or a ``pathlib.Path``.
    The core turns it into a :class:`FilePart` before a model sees it.
    """

    image: bytes | str | Path
    media_type: str | None = None
    provider_options: ProviderOptions | None = None
    type: ClassVar[Literal["image"]] = "image"


@dataclass(frozen=True, slots=True)
class FilePart:
    """A file (image, PDF, audio, text) in a message.

    In the canonical prompt a model receives, ``data`` is ``bytes``, a base64 ``str``, or an
    ``http(s)://`` URL ``str``; ``media_type`` is an IANA type, possibly with a wildcard (``image/*``).
    Users may also pass a ``data:`` URL or a ``pathlib.Path``; the core resolves those.
    """

    data: bytes | str | Path
    media_type: str
    filename: str | None = None
    provider_options: ProviderOptions | None = None
    type: ClassVar[Literal["file"]] = "file"


@dataclass(frozen=True, slots=True)
class ReasoningPart:
    """Reasoning text of an earlier assistant turn."""

    text: str
    provider_options: ProviderOptions | None = None
    type: ClassVar[Literal["reasoning"]] = "reasoning"


@dataclass(frozen=True, slots=True)
class ToolCallPart:
    """A tool call of an earlier assistant turn; ``input`` is the parsed JSON arguments."""

    tool_call_id: str
    tool_name: str
    input: JSONValue
    provider_options: ProviderOptions | None = None
    type: ClassVar[Literal["tool-call"]] = "tool-call"


@dataclass(frozen=True, slots=True)
class ToolResultOutput:
    """What a tool returned: ``text``/``json`` on success, ``error-text``/``error-json`` on failure,
    ``content`` (a list of ``{"type": "text", "text": ...}`` / ``{"type": "media", "data": base64,
    "mediaType": ...}`` items) for rich output, and ``execution-denied`` (``value``: the reason, or
    ``None``) when a user denied the call's approval."""

    type: Literal["text", "json", "error-text", "error-json", "content", "execution-denied"]
    value: JSONValue


@dataclass(frozen=True, slots=True)
class ToolResultPart:
    """The result of a tool call, sent back to the model in a tool message."""

    tool_call_id: str
    tool_name: str
    output: ToolResultOutput
    provider_options: ProviderOptions | None = None
    type: ClassVar[Literal["tool-result"]] = "tool-result"


@dataclass(frozen=True, slots=True)
class ToolApprovalRequestPart:
    """In an assistant message: the tool call ``tool_call_id`` waits for the user's approval, asked for
    as ``approval_id``. The core keeps it in histories and never sends it to a model."""

    approval_id: str
    tool_call_id: str
    type: ClassVar[Literal["tool-approval-request"]] = "tool-approval-request"


@dataclass(frozen=True, slots=True)
class ToolApprovalResponsePart:
    """In a tool message: the user's answer to the approval request ``approval_id`` (``reason`` is
    optional). The core executes approved calls and answers denied ones with an ``execution-denied``
    output; the part itself is never sent to a model."""

    approval_id: str
    approved: bool
    reason: str | None = None
    type: ClassVar[Literal["tool-approval-response"]] = "tool-approval-response"


UserContentPart: TypeAlias = TextPart | ImagePart | FilePart
"""A part of a :class:`UserMessage`."""
AssistantContentPart: TypeAlias = (
    TextPart | FilePart | ReasoningPart | ToolCallPart | ToolResultPart | ToolApprovalRequestPart
)
"""A part of an :class:`AssistantMessage`."""
ToolContentPart: TypeAlias = ToolResultPart | ToolApprovalResponsePart
"""A part of a :class:`ToolMessage`."""


@dataclass(frozen=True, slots=True)
class SystemMessage:
    """System instructions; the core puts ``system=`` first."""

    content: str
    provider_options: ProviderOptions | None = None
    role: ClassVar[Literal["system"]] = "system"


@dataclass(frozen=True, slots=True)
class UserMessage:
    """What the user said: a string, or text and file parts."""

    content: str | Sequence[UserContentPart]
    provider_options: ProviderOptions | None = None
    role: ClassVar[Literal["user"]] = "user"


@dataclass(frozen=True, slots=True)
class AssistantMessage:
    """An earlier model turn: text, reasoning, files and tool calls."""

    content: str | Sequence[AssistantContentPart]
    provider_options: ProviderOptions | None = None
    role: ClassVar[Literal["assistant"]] = "assistant"


@dataclass(frozen=True, slots=True)
class ToolMessage:
    """The results of the tool calls of the preceding assistant message."""

    content: Sequence[ToolContentPart]
    provider_options: ProviderOptions | None = None
    role: ClassVar[Literal["tool"]] = "tool"


Message: TypeAlias = SystemMessage | UserMessage | AssistantMessage | ToolMessage
"""One message of a conversation: system, user, assistant or tool."""
Prompt: TypeAlias = Sequence[Message]
"""The messages a model receives (:attr:`CallOptions.prompt`)."""


# ----------------------------------------------------------------------------------------- call options


@dataclass(frozen=True, slots=True)
class FunctionTool:
    """A tool as a model sees it: name, description and a JSON schema for its input; ``strict``
    asks the provider to hold the model's input to the schema exactly (``None``: not sent)."""

    name: str
    input_schema: Mapping[str, Any]
    description: str | None = None
    provider_options: ProviderOptions | None = None
    strict: bool | None = None
    type: ClassVar[Literal["function"]] = "function"


@dataclass(frozen=True, slots=True)
class ToolChoice:
    """``auto`` (model decides), ``none``, ``required`` (some tool), or ``tool`` (the one named)."""

    type: Literal["auto", "none", "required", "tool"]
    tool_name: str | None = None


@dataclass(frozen=True, slots=True)
class ResponseFormat:
    """``text``, or ``json`` with an optional JSON schema (plus its name and description)."""

    type: Literal["text", "json"]
    schema: Mapping[str, Any] | None = None
    name: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class CallOptions:
    """Everything one model call needs. Unset (``None``) settings are not sent."""

    prompt: Prompt
    max_output_tokens: int | None = None
    temperature: float | None = None
    stop_sequences: Sequence[str] | None = None
    top_p: float | None = None
    top_k: int | None = None
    presence_penalty: float | None = None
    frequency_penalty: float | None = None
    seed: int | None = None
    response_format: ResponseFormat | None = None
    tools: Sequence[FunctionTool] | None = None
    tool_choice: ToolChoice | None = None
    include_raw_chunks: bool = False
    headers: Mapping[str, str | None] | None = None
    provider_options: ProviderOptions | None = None
    timeout: float | None = None
    """Seconds for this model call (its total), when ``deadline`` is not given."""
    deadline: Deadline | None = field(default=None, repr=False, compare=False)
    """The call's running deadline (total, step, per-read and connect limits), which the transport
    honours; the core sets it, so one deadline spans retries and tool steps. Run-time state, not a
    parameter of the call: left out of ``repr`` and ``==``, so equal calls compare (and cache) equal."""


# ---------------------------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Text:
    """Generated text."""

    text: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["text"]] = "text"


@dataclass(frozen=True, slots=True)
class Reasoning:
    """Generated reasoning (DeepInfra's ``reasoning_content``)."""

    text: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["reasoning"]] = "reasoning"


@dataclass(frozen=True, slots=True)
class ModelToolCall:
    """A tool call as the model produced it; ``input`` is the raw JSON arguments string."""

    tool_call_id: str
    tool_name: str
    input: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["tool-call"]] = "tool-call"


Content: TypeAlias = Text | Reasoning | ModelToolCall
"""A part of a generated answer (:attr:`GenerateResult.content`)."""


@dataclass(frozen=True, slots=True)
class RequestInfo:
    """What was sent: the request body as a JSON-ready value (never the headers, which hold the key)."""

    body: Any = None


@dataclass(frozen=True, slots=True)
class ResponseInfo:
    """Response metadata: id, model id, timestamp (``created``), headers and the parsed body."""

    id: str | None = None
    model_id: str | None = None
    timestamp: datetime | None = None
    headers: Mapping[str, str] | None = None
    body: Any = None


@dataclass(frozen=True, slots=True)
class GenerateResult:
    """What one non-streamed model call returned, as the core needs it."""

    content: Sequence[Content]
    finish_reason: FinishReason
    usage: Usage
    warnings: Sequence[CallWarning] = ()
    request: RequestInfo = field(default_factory=RequestInfo)
    response: ResponseInfo = field(default_factory=ResponseInfo)
    provider_metadata: ProviderMetadata | None = None


# ------------------------------------------------------------------------------------------ stream parts
#
# Not frozen: a frozen dataclass sets every field through ``object.__setattr__``, which makes building
# one cost about four times as much, and a stream builds one per delta. Treat them as read-only.


@dataclass(slots=True)
class StreamStart:
    """The first part: the warnings about settings the model could not honour."""

    warnings: Sequence[CallWarning] = ()
    type: ClassVar[Literal["stream-start"]] = "stream-start"


@dataclass(slots=True)
class ResponseMetadata:
    """Response id, model id and timestamp, as soon as the stream reveals them."""

    id: str | None = None
    model_id: str | None = None
    timestamp: datetime | None = None
    type: ClassVar[Literal["response-metadata"]] = "response-metadata"


@dataclass(slots=True)
class TextStart:
    """A text block opens; its deltas carry the same ``id``."""

    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["text-start"]] = "text-start"


@dataclass(slots=True)
class TextDelta:
    """The next piece of a text block."""

    id: str
    delta: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["text-delta"]] = "text-delta"


@dataclass(slots=True)
class TextEnd:
    """A text block is complete."""

    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["text-end"]] = "text-end"


@dataclass(slots=True)
class ReasoningStart:
    """A reasoning block opens; its deltas carry the same ``id``."""

    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["reasoning-start"]] = "reasoning-start"


@dataclass(slots=True)
class ReasoningDelta:
    """The next piece of a reasoning block."""

    id: str
    delta: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["reasoning-delta"]] = "reasoning-delta"


@dataclass(slots=True)
class ReasoningEnd:
    """A reasoning block is complete."""

    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["reasoning-end"]] = "reasoning-end"


@dataclass(slots=True)
class ToolInputStart:
    """A tool call's arguments start streaming (``id`` is the tool call id)."""

    id: str
    tool_name: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["tool-input-start"]] = "tool-input-start"


@dataclass(slots=True)
class ToolInputDelta:
    """The next piece of a tool call's JSON arguments."""

    id: str
    delta: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["tool-input-delta"]] = "tool-input-delta"


@dataclass(slots=True)
class ToolInputEnd:
    """A tool call's arguments are complete (a :class:`ModelToolCall` follows unless the stream failed)."""

    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["tool-input-end"]] = "tool-input-end"


@dataclass(slots=True)
class Finish:
    """The last part: finish reason, usage and provider metadata of the call."""

    finish_reason: FinishReason
    usage: Usage
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["finish"]] = "finish"


@dataclass(slots=True)
class StreamError:
    """An error inside the stream (an error frame, an unparsable chunk). The stream goes on to its end."""

    error: Any
    type: ClassVar[Literal["error"]] = "error"


@dataclass(slots=True)
class RawChunk:
    """A raw provider chunk, emitted only when ``include_raw_chunks`` is set."""

    raw_value: Any
    type: ClassVar[Literal["raw"]] = "raw"


StreamPart: TypeAlias = (
    StreamStart
    | ResponseMetadata
    | TextStart
    | TextDelta
    | TextEnd
    | ReasoningStart
    | ReasoningDelta
    | ReasoningEnd
    | ToolInputStart
    | ToolInputDelta
    | ToolInputEnd
    | ModelToolCall
    | Finish
    | StreamError
    | RawChunk
)
"""A part of a model's stream (:attr:`StreamResult.stream`)."""


class PartStream(Protocol):
    """A blocking stream of parts. ``close()`` releases the HTTP response; it is idempotent."""

    def __iter__(self) -> Iterator[StreamPart]: ...
    def __next__(self) -> StreamPart: ...
    def close(self) -> None: ...


class AsyncPartStream(Protocol):
    """An async stream of parts. ``close()`` is synchronous and idempotent, so it can run anywhere
    (``finally``, ``__del__``) without an event loop."""

    def __aiter__(self) -> AsyncIterator[StreamPart]: ...
    async def __anext__(self) -> StreamPart: ...
    def close(self) -> None: ...


S = TypeVar("S", PartStream, AsyncPartStream)


@dataclass(frozen=True, slots=True)
class StreamResult(Generic[S]):
    """A started stream: the parts still to read, what was sent, and the response headers."""

    stream: S
    request: RequestInfo = field(default_factory=RequestInfo)
    response: ResponseInfo = field(default_factory=ResponseInfo)


@runtime_checkable
class LanguageModel(ModelIdentity, Protocol):
    """A chat or completion model. Providers implement all four calls."""

    async def do_generate(self, options: CallOptions) -> GenerateResult: ...
    async def do_stream(self, options: CallOptions) -> StreamResult[AsyncPartStream]: ...
    def do_generate_sync(self, options: CallOptions) -> GenerateResult: ...
    def do_stream_sync(self, options: CallOptions) -> StreamResult[PartStream]: ...

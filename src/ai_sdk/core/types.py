"""The core's result and stream-part types, as users see them.

Text and reasoning parts are the spec's own classes, passed through from the model unchanged (no
per-delta copies); the core adds tool calls with parsed input, tool results and errors, step
boundaries and the final totals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, Protocol, Self, TypeAlias, TypeVar, final, overload

from ..spec import (
    CallWarning,
    FinishReasonType,
    Message,
    ProviderMetadata,
    RawChunk,
    Reasoning,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    RequestInfo,
    ResponseFormat,
    Text,
    TextDelta,
    TextEnd,
    TextStart,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
    ToolResultOutput,
    Usage,
)

if TYPE_CHECKING:
    import typing_extensions

PartT = TypeVar("PartT")

__all__ = [
    "AbortPart",
    "ContentPart",
    "ErrorPart",
    "FinishPart",
    "FinishStepPart",
    "NoOutput",
    "OutputSpecification",
    "ResponseData",
    "StartPart",
    "StartStepPart",
    "StepResult",
    "TextStreamPart",
    "ToolApprovalRequest",
    "ToolCall",
    "ToolError",
    "ToolOutputDenied",
    "ToolResult",
]


@dataclass(frozen=True, slots=True)
class ToolCall:
    """A tool call with its input parsed (and validated, when the tool has a schema).

    ``invalid`` is set when the input could not be parsed or validated, or the tool does not exist;
    ``error`` then says why, and the loop answers the model with a tool error instead of executing.
    """

    tool_call_id: str
    tool_name: str
    input: Any
    invalid: bool = False
    error: BaseException | None = None
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["tool-call"]] = "tool-call"


@dataclass(frozen=True, slots=True)
class ToolResult:
    """What a tool's ``execute`` returned for one call.

    ``preliminary`` marks a value a generator tool yielded on its way (``full_stream`` shows each); its
    last value is the result proper, the one the model sees.
    """

    tool_call_id: str
    tool_name: str
    input: Any
    output: Any
    preliminary: bool = False
    model_output: ToolResultOutput | None = None
    """What the model sees when the tool's ``to_model_output`` mapped ``output`` (``None``: ``output`` itself)."""
    type: ClassVar[Literal["tool-result"]] = "tool-result"


@dataclass(frozen=True, slots=True)
class ToolError:
    """A tool call that failed: invalid input, an unknown tool, or ``execute`` raised.

    ``error`` is an :class:`~ai_sdk.errors.InvalidToolInputError`, :class:`~ai_sdk.errors.NoSuchToolError`
    or :class:`~ai_sdk.errors.ToolExecutionError` (whose ``cause`` is what ``execute`` raised).
    """

    tool_call_id: str
    tool_name: str
    input: Any
    error: BaseException
    type: ClassVar[Literal["tool-error"]] = "tool-error"


@dataclass(frozen=True, slots=True)
class ToolApprovalRequest:
    """A tool call that waits for the user's approval (its tool has ``needs_approval``): answer it with
    a ``tool-approval-response`` part carrying ``approval_id`` in a tool message of the next call."""

    approval_id: str
    tool_call: ToolCall
    type: ClassVar[Literal["tool-approval-request"]] = "tool-approval-request"


@dataclass(frozen=True, slots=True)
class ToolOutputDenied:
    """Stream part: the user denied the approval of tool call ``tool_call_id`` (the model is told so with
    an ``execution-denied`` output). Emitted at the start of the call that carries the denial."""

    tool_call_id: str
    tool_name: str
    type: ClassVar[Literal["tool-output-denied"]] = "tool-output-denied"


ContentPart: TypeAlias = Text | Reasoning | ToolCall | ToolResult | ToolError | ToolApprovalRequest


@dataclass(frozen=True, slots=True)
class ResponseData:
    """Response metadata of a step, plus ``messages``: the assistant and tool messages of the
    conversation so far in this call, ready to append to your history for the next turn."""

    id: str | None = None
    model_id: str | None = None
    timestamp: datetime | None = None
    headers: dict[str, str] | None = None
    body: Any = None
    messages: list[Message] = field(default_factory=list)


class _PartsOf(Generic[PartT]):
    """A :class:`StepResult` value: its content parts of one kind (not annotated in the class body, so
    not a dataclass field)."""

    def __init__(self, kind: type[PartT], doc: str) -> None:
        self._kind = kind
        self.__doc__ = doc

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, instance: StepResult, owner: type[Any]) -> list[PartT]: ...
    def __get__(self, instance: StepResult | None, owner: type[Any]) -> Self | list[PartT]:
        if instance is None:
            return self
        kind = self._kind
        return [part for part in instance.content if isinstance(part, kind)]


@dataclass(frozen=True, slots=True)
class StepResult:
    """One model call of a (possibly multi-step) generation, and the tool calls it led to."""

    content: list[ContentPart]
    finish_reason: FinishReasonType
    raw_finish_reason: str | None
    usage: Usage
    warnings: list[CallWarning]
    request: RequestInfo
    response: ResponseData
    provider_metadata: ProviderMetadata | None = None

    @property
    def text(self) -> str:
        """The step's text."""
        return "".join(part.text for part in self.content if isinstance(part, Text))

    reasoning = _PartsOf(Reasoning, "The step's reasoning parts.")

    @property
    def reasoning_text(self) -> str | None:
        """The step's reasoning as one string (``None`` when the model gave none)."""
        parts = self.reasoning
        return "".join(part.text for part in parts) if parts else None

    tool_calls = _PartsOf(ToolCall, "The step's tool calls (with parsed input).")
    tool_results = _PartsOf(ToolResult, "The results of the step's tool calls.")
    tool_errors = _PartsOf(ToolError, "The step's tool calls that failed.")
    tool_approval_requests = _PartsOf(ToolApprovalRequest, "The step's tool calls that wait for the user's approval.")


# ------------------------------------------------------------------------------------ full_stream parts
#
# The step-boundary parts are built on every call, streamed or not, so like the spec's stream parts
# they are not frozen: a frozen dataclass sets each field through ``object.__setattr__``.


@dataclass(frozen=True, slots=True)
class StartPart:
    """The stream has started (emitted once, before any step)."""

    type: ClassVar[Literal["start"]] = "start"


@dataclass(slots=True)
class StartStepPart:
    """A step (one model call) has started."""

    request: RequestInfo
    warnings: Sequence[CallWarning] = ()
    type: ClassVar[Literal["start-step"]] = "start-step"


@dataclass(slots=True)
class FinishStepPart:
    """A step has finished; ``usage`` is that step's usage (``usage.cost`` its price in USD)."""

    response: ResponseData
    usage: Usage
    finish_reason: FinishReasonType
    raw_finish_reason: str | None = None
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[Literal["finish-step"]] = "finish-step"


@dataclass(slots=True)
class FinishPart:
    """The whole stream has finished; ``total_usage`` sums every step (``total_usage.cost`` included)."""

    finish_reason: FinishReasonType
    total_usage: Usage
    raw_finish_reason: str | None = None
    type: ClassVar[Literal["finish"]] = "finish"


@dataclass(frozen=True, slots=True)
class ErrorPart:
    """An error during streaming (an error frame, a broken connection, a failed request)."""

    error: BaseException | Any
    type: ClassVar[Literal["error"]] = "error"


@dataclass(frozen=True, slots=True)
class AbortPart:
    """The stream was closed or cancelled before it finished."""

    type: ClassVar[Literal["abort"]] = "abort"


TextStreamPart: TypeAlias = (
    StartPart
    | StartStepPart
    | TextStart
    | TextDelta
    | TextEnd
    | ReasoningStart
    | ReasoningDelta
    | ReasoningEnd
    | ToolInputStart
    | ToolInputDelta
    | ToolInputEnd
    | ToolCall
    | ToolResult
    | ToolError
    | ToolApprovalRequest
    | ToolOutputDenied
    | FinishStepPart
    | FinishPart
    | ErrorPart
    | AbortPart
    | RawChunk
)
"""One part of ``stream_text``'s ``full_stream``: the union of every part type (each has a ``type`` tag)."""


@final
class NoOutput:
    """The output type of a generation called without ``output=``: there is no structured output, and
    reading ``output`` raises InvalidArgumentError (so no value of this type ever exists). A named type
    rather than ``Never`` so that type checkers report ``result.output.field`` as an error."""

    __slots__ = ()


# Type parameter defaults (PEP 696) exist for type checkers only: ``typing.TypeVar`` takes them from
# Python 3.13, and the runtime needs none of them, so typing_extensions (whose stubs every type checker
# bundles) is never imported. A bare ``GenerateTextResult`` means ``GenerateTextResult[Any]`` (so old
# annotations pass ``--strict``); a call without ``output=`` gives ``GenerateTextResult[NoOutput]``.
if TYPE_CHECKING:
    OutputT_co = typing_extensions.TypeVar("OutputT_co", covariant=True, default=Any)
    PartialT_co = typing_extensions.TypeVar("PartialT_co", covariant=True, default=Any)
    OutputT = typing_extensions.TypeVar("OutputT", default=NoOutput)
    PartialT = typing_extensions.TypeVar("PartialT", default=NoOutput)
else:
    OutputT_co = TypeVar("OutputT_co", covariant=True)
    PartialT_co = TypeVar("PartialT_co", covariant=True)
    OutputT = TypeVar("OutputT")
    PartialT = TypeVar("PartialT")


class OutputSpecification(Protocol[OutputT_co, PartialT_co]):
    """What ``output=`` must provide (``Output.object(...)`` and friends implement it): the response
    format to request, and parsers for the final and the partial text.

    Generic in the final value's type and the partial values' type, which a call's result takes on
    (``Output.object(Recipe)`` gives ``output: Recipe``)."""

    def response_format(self) -> ResponseFormat | None: ...

    def parse_complete(
        self, text: str, *, response: ResponseData, usage: Usage, finish_reason: FinishReasonType
    ) -> OutputT_co: ...

    def parse_partial(self, text: str) -> PartialT_co | None: ...

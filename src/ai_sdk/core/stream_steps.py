"""The pure state machine behind stream_text, shared by its async and blocking drivers.

It consumes a model's stream parts and appends the parts users see (``full_stream``) to one list,
which every consumer reads with its own index (so ``full_stream``, ``text_stream`` and the final
values can be used in any order: later readers replay the list). It accumulates each step's content
and hands it to the shared :class:`~ai_sdk.core.tool_loop.ToolLoop`, whose actions the drivers carry
out: ``CallModel`` (start the next model stream) and ``ExecuteTools``.

The driver protocol: while not ``done``, look at ``reading``: when ``True`` read one model part and
``feed`` it (``end_step()`` at the end of the model stream); otherwise carry out ``action`` and report
back with ``begin_step`` or ``tools_done``. ``fail`` records an exception that ends the stream,
``abort`` a stream closed or cancelled before its end.

Model text, reasoning and tool-input parts are passed through unchanged (no per-delta copies); deltas
are only appended to per-block lists, joined once when the step ends.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..spec.errors import AISDKError, InvalidResponseDataError, NoOutputGeneratedError
from ..spec.language_model import (
    Finish,
    ModelToolCall,
    RawChunk,
    Reasoning,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    RequestInfo,
    ResponseInfo,
    ResponseMetadata,
    StreamError,
    StreamPart,
    StreamStart,
    Text,
    TextDelta,
    TextEnd,
    TextStart,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
)
from ..spec.shared import CallWarning, FinishReason, ProviderMetadata, Usage
from .tool_loop import LoopAction, ModelContent, ModelStep, ToolLoop, ToolOutcome, sum_usage
from .types import (
    AbortPart,
    ErrorPart,
    FinishPart,
    FinishStepPart,
    StartPart,
    StartStepPart,
    TextStreamPart,
    ToolCall,
    ToolError,
    ToolResult,
)

__all__ = ["StreamTextMachine", "aborted_error", "as_exception"]

_START = StartPart()
_ABORT = AbortPart()


def as_exception(error: Any) -> BaseException:
    """The exception to raise for an error part (providers may report plain values)."""
    if isinstance(error, BaseException):
        return error
    return AISDKError(f"The model stream reported an error: {error!r}")


def aborted_error() -> NoOutputGeneratedError:
    return NoOutputGeneratedError("The stream was closed or cancelled before it finished, so it has no final values.")


def _ignore(part: StreamPart) -> None:
    """``feed`` after the stream has ended (a read that raced with ``close()``)."""


class _Block:
    """A text or reasoning block of the current step: its deltas, joined once at the end."""

    __slots__ = ("chunks", "is_text", "provider_metadata")

    def __init__(self, is_text: bool, provider_metadata: ProviderMetadata | None) -> None:
        self.chunks: list[str] = []
        self.is_text = is_text
        self.provider_metadata = provider_metadata

    def content(self) -> Text | Reasoning:
        text = "".join(self.chunks)
        return Text(text, self.provider_metadata) if self.is_text else Reasoning(text, self.provider_metadata)


class StreamTextMachine:
    """Turns model stream parts into ``full_stream`` parts and steps (see the module doc)."""

    __slots__ = (
        "_actions",
        "_content",
        "_errored",
        "_finish",
        "_reasonings",
        "_request",
        "_response",
        "_step_started",
        "_texts",
        "_warnings",
        "action",
        "done",
        "error",
        "feed",
        "loop",
        "parts",
        "reading",
    )

    def __init__(self, loop: ToolLoop) -> None:
        self.loop = loop
        self.parts: list[TextStreamPart] = [_START]
        self.done = False
        self.reading = False
        self.error: BaseException | None = None
        self._actions = loop.run()
        self.action: LoopAction | None = next(self._actions)
        self.feed: Callable[[StreamPart], None] = self._first_part
        self._reset_step(RequestInfo(), ResponseInfo())

    @property
    def aborted(self) -> bool:
        return self.done and self.parts[-1] is _ABORT

    def _reset_step(self, request: RequestInfo, response: ResponseInfo) -> None:
        self._request = request
        self._response = response
        self._warnings: Sequence[CallWarning] = ()
        self._content: list[_Block | ToolCall] = []
        self._texts: dict[str, list[str]] = {}
        self._reasonings: dict[str, list[str]] = {}
        self._finish: Finish | None = None
        self._errored = False
        self._step_started = False

    # ------------------------------------------------------------------------------ driver reports

    def begin_step(self, request: RequestInfo, response: ResponseInfo) -> None:
        """The model stream of the pending ``CallModel`` action has started."""
        self._reset_step(request, response)
        self.action = None
        self.reading = True
        self.feed = self._first_part

    def end_step(self) -> None:
        """The model stream has ended."""
        self.reading = False
        if not self._step_started:
            self._start_step(())
        finish = self._finish
        if finish is None:
            self._stream_error(InvalidResponseDataError("The model stream ended without a finish part."))
            finish_reason, usage, metadata = FinishReason("error"), Usage(), None
        else:
            finish_reason, usage, metadata = finish.finish_reason, finish.usage, finish.provider_metadata
            if self._errored and finish_reason.unified != "error":
                finish_reason = FinishReason("error", finish_reason.raw)
        content: list[ModelContent] = [item.content() if isinstance(item, _Block) else item for item in self._content]
        self._send(
            ModelStep(
                content=content,
                finish_reason=finish_reason,
                usage=usage,
                warnings=self._warnings,
                request=self._request,
                response=self._response,
                provider_metadata=metadata,
            )
        )

    def tools_done(self, outcomes: list[ToolOutcome]) -> None:
        """The pending ``ExecuteTools`` action has finished."""
        self.action = None
        self._send(outcomes)

    def fail(self, error: BaseException) -> None:
        """An exception ends the stream (a failed request, a dropped connection, a broken tool)."""
        if self.done:
            return
        if self.error is None:
            self.error = error
        self.parts.append(ErrorPart(error))
        self._stop()

    def abort(self) -> None:
        """The stream was closed or cancelled before it finished."""
        if self.done:
            return
        self.parts.append(_ABORT)
        self._stop()

    def raise_if_failed(self) -> None:
        """After the end: raise the first error of the stream, or the abort, if any."""
        if self.error is not None:
            raise self.error
        if self.aborted:
            raise aborted_error()

    # ------------------------------------------------------------------------------ internals

    def _stop(self) -> None:
        self.feed = _ignore
        self.done = True
        self.reading = False
        self.action = None
        self._actions.close()

    def _send(self, value: Any) -> None:
        loop = self.loop
        recorded = len(loop.steps)
        try:
            action: LoopAction | None = self._actions.send(value)
        except StopIteration:
            action = None
        except Exception as error:
            self.fail(error)
            return
        if len(loop.steps) > recorded:
            step = loop.steps[-1]
            parts = self.parts
            parts.extend(part for part in step.content if type(part) is ToolResult or type(part) is ToolError)
            parts.append(
                FinishStepPart(
                    response=step.response,
                    usage=step.usage,
                    finish_reason=step.finish_reason,
                    raw_finish_reason=step.raw_finish_reason,
                    provider_metadata=step.provider_metadata,
                )
            )
        if action is None:
            last = loop.steps[-1]
            self.parts.append(FinishPart(last.finish_reason, sum_usage(loop.steps), last.raw_finish_reason))
            self.done = True
        else:
            self.action = action

    def _start_step(self, warnings: Sequence[CallWarning]) -> None:
        self._step_started = True
        self._warnings = warnings
        self.parts.append(StartStepPart(self._request, warnings))

    def _stream_error(self, error: Any) -> None:
        self._errored = True
        if self.error is None:
            self.error = as_exception(error)
        self.parts.append(ErrorPart(error))

    def _first_part(self, part: StreamPart) -> None:
        self.feed = self._part
        if type(part) is StreamStart:
            self._start_step(part.warnings)
            return
        self._start_step(())
        self._part(part)

    def _part(self, part: Any) -> None:
        # ``part`` is typed Any: dispatch is by exact type, ordered by frequency, for speed.
        kind = type(part)
        if kind is TextDelta:
            chunks = self._texts.get(part.id)
            if chunks is None:
                chunks = self._open(self._texts, part.id, True, None)
            chunks.append(part.delta)
        elif kind is ReasoningDelta:
            chunks = self._reasonings.get(part.id)
            if chunks is None:
                chunks = self._open(self._reasonings, part.id, False, None)
            chunks.append(part.delta)
        elif kind is ToolInputDelta:
            pass
        elif kind is TextStart:
            self._open(self._texts, part.id, True, part.provider_metadata)
        elif kind is ReasoningStart:
            self._open(self._reasonings, part.id, False, part.provider_metadata)
        elif kind is TextEnd or kind is ReasoningEnd:
            if part.provider_metadata is not None:
                self._end_metadata(part)
        elif kind is ModelToolCall:
            call = self.loop.parse_tool_call(part)
            self._content.append(call)
            self.parts.append(call)
            return
        elif kind is Finish:
            self._finish = part
            return
        elif kind is StreamError:
            self._stream_error(part.error)
            return
        elif kind is ResponseMetadata:
            info = self._response
            self._response = ResponseInfo(
                id=part.id or info.id,
                model_id=part.model_id or info.model_id,
                timestamp=part.timestamp or info.timestamp,
                headers=info.headers,
                body=info.body,
            )
            return
        elif kind is StreamStart:
            self._warnings = (*self._warnings, *part.warnings)
            return
        elif kind is not ToolInputStart and kind is not ToolInputEnd and kind is not RawChunk:
            self._stream_error(InvalidResponseDataError(f"Unknown stream part from the model: {part!r}", data=part))
            return
        self.parts.append(part)

    def _open(
        self, blocks: dict[str, list[str]], block_id: str, is_text: bool, metadata: ProviderMetadata | None
    ) -> list[str]:
        block = _Block(is_text, metadata)
        blocks[block_id] = block.chunks
        self._content.append(block)
        return block.chunks

    def _end_metadata(self, part: TextEnd | ReasoningEnd) -> None:
        chunks = (self._texts if type(part) is TextEnd else self._reasonings).get(part.id)
        for item in self._content:
            if type(item) is _Block and item.chunks is chunks:
                item.provider_metadata = part.provider_metadata
                return

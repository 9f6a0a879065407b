"""The chat stream as a pure state machine: SSE ``data`` payloads in, spec stream parts out.

No I/O and no event loop, so the blocking and async drivers share it and tests feed it strings.

Order of parts: ``stream-start`` (warnings), ``response-metadata``, then reasoning and text blocks
(switching from one to the other closes the open block) and tool-input start/deltas as they arrive;
at the end the open blocks close, every tool call gets ``tool-input-end`` and one complete
``tool-call``, and ``finish`` comes last.

Rules worth knowing:
- Tool calls are completed only at the end of the stream, never when their partial arguments happen
  to parse as JSON (a truncated ``{"path": "/"}`` is valid JSON too). Deltas are matched to a call by
  id, else by index; a call is announced once its name is known, with the arguments buffered so far.
- An error frame, an unparsable payload or a stream without a finish reason gives an ``error`` part
  and the finish reason ``error``; tool calls of such a stream get their ``tool-input-end`` but no
  ``tool-call``, because their input may be cut short.
- This runs once per chunk (the library's hot path): one JSON parse per payload, a straight path for
  the common text delta, and no validation beyond what is needed to read a field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...http.errors import extract_error_message
from ...spec import (
    APICallError,
    CallWarning,
    Finish,
    FinishReason,
    InvalidResponseDataError,
    JSONParseError,
    ModelToolCall,
    ProviderMetadata,
    RawChunk,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    ResponseMetadata,
    StreamError,
    StreamPart,
    TextDelta,
    TextEnd,
    TextStart,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
)
from ...spec._json import JSONDecodeError, dumps_str, loads
from ..finish_reason import map_finish_reason
from ..response_extras import merge_extras
from ..stream_parser_base import StreamParserBase
from ..usage import UsageConverter, convert_usage
from .metadata import MetadataExtractor
from .response import content_pieces, thought_signature_metadata, timestamp
from .tool_calls import generate_tool_call_id, tool_input

__all__ = ["ChatStreamParser"]

_DONE = "[DONE]"


class _ToolCallState:
    """One streamed tool call while its deltas arrive."""

    __slots__ = ("arguments", "id", "index", "metadata", "name", "provider_id")

    def __init__(self, index: int | None) -> None:
        self.index = index
        self.metadata: ProviderMetadata | None = None
        self.provider_id: str | None = None
        self.id: str | None = None  # set when the call is announced (tool-input-start)
        self.name: str | None = None
        self.arguments: list[str] = []


class ChatStreamParser(StreamParserBase):
    """Feed it each SSE ``data`` payload with :meth:`feed`, then call :meth:`finish` once at the end of
    the stream; each returns the parts to emit, in order."""

    __slots__ = (
        "_block",
        "_calls",
        "_calls_by_id",
        "_calls_by_index",
        "_fast_text_id",
        "_metadata_extractor",
        "_reasoning_id",
        "_text_id",
    )

    def __init__(
        self,
        *,
        url: str,
        warnings: Sequence[CallWarning] = (),
        include_raw_chunks: bool = False,
        usage_converter: UsageConverter = convert_usage,
        metadata_extractor: MetadataExtractor | None = None,
        metadata_key: str | None = None,
    ) -> None:
        super().__init__(warnings, url, include_raw_chunks, usage_converter, metadata_key)
        self._metadata_extractor = metadata_extractor
        self._block = 0
        self._text_id: str | None = None
        self._fast_text_id: str | None = None  # the open text block, when the fast path may extend it
        self._reasoning_id: str | None = None
        self._calls: list[_ToolCallState] = []
        self._calls_by_id: dict[str, _ToolCallState] = {}
        self._calls_by_index: dict[int, _ToolCallState] = {}

    def feed(self, payload: str) -> list[StreamPart]:
        """Parts for one SSE ``data`` payload (``[DONE]`` yields none)."""
        try:
            chunk = loads(payload)
        except JSONDecodeError as error:
            if payload == _DONE:
                return []
            opening = self._opening()
            if self._include_raw:
                opening.append(RawChunk(payload))
            return self._fail(opening, JSONParseError(payload, cause=error))
        text_id = self._fast_text_id
        if text_id is not None:
            # The common chunk: one more piece of the open text block and nothing else.
            try:
                choice = chunk["choices"][0]
                delta = choice["delta"]
                content = delta.get("content")
            except (KeyError, IndexError, TypeError, AttributeError):
                pass
            else:
                if (
                    content
                    and type(content) is str
                    and delta.get("tool_calls") is None
                    and choice.get("finish_reason") is None
                    and delta.get("reasoning_content") is None
                    and delta.get("reasoning") is None
                    and chunk.get("usage") is None
                    and choice.get("logprobs") is None
                ):
                    return [TextDelta(text_id, content)]
        return self._chunk(chunk)

    def finish(self) -> list[StreamPart]:
        """Close the open blocks, complete the tool calls and emit ``finish``. Call it once, after the
        last payload; later calls return no parts."""
        if self._finished:
            return []
        self._finished = True
        parts = self._opening()
        if self._finish_raw is None and not self._failed:
            self._failed = True
            parts.append(
                StreamError(InvalidResponseDataError("The stream ended without a finish reason (cut short?)."))
            )
        self._close_reasoning(parts)
        self._close_text(parts)
        for call in self._calls:
            if call.id is None:
                self._failed = True
                parts.append(
                    StreamError(
                        InvalidResponseDataError(
                            f"The stream sent a tool call (index {call.index}, id {call.provider_id}) without a name."
                        )
                    )
                )
        for call in self._calls:
            if call.id is None or call.name is None:
                continue
            parts.append(ToolInputEnd(call.id))
            if not self._failed:
                parts.append(ModelToolCall(call.id, call.name, tool_input("".join(call.arguments)), call.metadata))
        raw = self._finish_raw
        finish_reason = FinishReason("error", raw) if self._failed else map_finish_reason(raw)
        metadata = None
        if self._metadata_extractor is not None and self._usage_chunk is not None:
            metadata = self._metadata_extractor(self._usage_chunk)
        if self._extras is not None and self._metadata_key is not None:
            metadata = merge_extras(metadata, self._metadata_key, self._extras.extras(self._usage_chunk))
        parts.append(Finish(finish_reason, self._usage_converter(self._usage), metadata))
        return parts

    # ------------------------------------------------------------------------------------ slow paths

    def _chunk(self, chunk: Any) -> list[StreamPart]:
        """Any chunk, in full: the first one (response metadata), error frames, usage-only chunks,
        keep-alive objects (ignored), and everything the fast path does not take."""
        parts = self._opening()
        if self._include_raw:
            parts.append(RawChunk(chunk))
        if not isinstance(chunk, dict):
            return self._fail(parts, InvalidResponseDataError(f"Unexpected stream chunk: {chunk!r}", data=chunk))
        if chunk.get("error") is not None or "error_type" in chunk:
            message = extract_error_message(chunk) or "The provider sent an error in the stream."
            error = APICallError(message, url=self._url, response_body=dumps_str(chunk), is_retryable=False, data=chunk)
            return self._fail(parts, error)
        if self._extras is not None:
            self._extras.note_tier(chunk)
        if self._fresh:
            self._fresh = False
            parts.append(
                ResponseMetadata(
                    id=_str(chunk.get("id")),
                    model_id=_str(chunk.get("model")),
                    timestamp=timestamp(chunk.get("created")),
                )
            )
        choices = chunk.get("choices")
        if type(choices) is list and choices and type(choices[0]) is dict:
            choice = choices[0]
            delta = choice.get("delta")
            return self._rest(chunk, choice, delta if type(delta) is dict else None, parts)
        if chunk.get("usage") is not None:
            self._take_usage(chunk)
        return parts

    def _rest(
        self,
        chunk: dict[str, Any],
        choice: dict[str, Any],
        delta: dict[str, Any] | None,
        parts: list[StreamPart],
    ) -> list[StreamPart]:
        """Everything but the plain text delta: reasoning, text after reasoning, tool calls, logprobs,
        the finish reason and usage."""
        if self._extras is not None:
            self._extras.add_chat_logprobs(choice)
        if delta:
            reasoning = delta.get("reasoning_content") or delta.get("reasoning")
            if reasoning and type(reasoning) is str:
                self._reasoning_delta(reasoning, parts)
            content = delta.get("content")
            if content and (type(content) is str or type(content) is list):
                for is_text, piece in content_pieces(content):
                    if is_text:
                        text_id = self._text_id or self._open_text(parts)
                        parts.append(TextDelta(text_id, piece))
                    else:
                        self._reasoning_delta(piece, parts)
            tool_calls = delta.get("tool_calls")
            if tool_calls:
                if type(tool_calls) is not list:
                    return self._fail(
                        parts, InvalidResponseDataError(f"Unexpected tool_calls in a delta: {tool_calls!r}", data=chunk)
                    )
                for tool_call in tool_calls:
                    if type(tool_call) is not dict:
                        return self._fail(
                            parts, InvalidResponseDataError(f"Unexpected tool call delta: {tool_call!r}", data=chunk)
                        )
                    self._tool_call_delta(tool_call, parts)
        finish_reason = choice.get("finish_reason")
        if finish_reason is not None:
            self._finish_raw = finish_reason if type(finish_reason) is str else str(finish_reason)
        if chunk.get("usage") is not None:
            self._take_usage(chunk)
        return parts

    def _reasoning_delta(self, reasoning: str, parts: list[StreamPart]) -> None:
        reasoning_id = self._reasoning_id
        if reasoning_id is None:
            self._close_text(parts)
            reasoning_id = self._reasoning_id = f"reasoning-{self._block}"
            self._block += 1
            parts.append(ReasoningStart(reasoning_id))
        parts.append(ReasoningDelta(reasoning_id, reasoning))

    def _take_usage(self, chunk: dict[str, Any]) -> None:
        usage = chunk["usage"]
        if isinstance(usage, dict):
            self._usage = usage
            self._usage_chunk = chunk

    def _open_text(self, parts: list[StreamPart]) -> str:
        self._close_reasoning(parts)
        text_id = self._text_id = f"text-{self._block}"
        if not self._include_raw:
            self._fast_text_id = text_id
        self._block += 1
        parts.append(TextStart(text_id))
        return text_id

    def _close_text(self, parts: list[StreamPart]) -> None:
        if self._text_id is not None:
            parts.append(TextEnd(self._text_id))
            self._text_id = self._fast_text_id = None

    def _close_reasoning(self, parts: list[StreamPart]) -> None:
        if self._reasoning_id is not None:
            parts.append(ReasoningEnd(self._reasoning_id))
            self._reasoning_id = None

    def _tool_call_delta(self, delta: dict[str, Any], parts: list[StreamPart]) -> None:
        index = delta.get("index")
        if type(index) is not int:
            index = None
        provider_id = delta.get("id")
        if type(provider_id) is not str or not provider_id:
            provider_id = None
        call = self._calls_by_id.get(provider_id) if provider_id is not None else None
        if call is None:
            if index is not None:
                call = self._calls_by_index.get(index)
            elif provider_id is None and self._calls:
                call = self._calls[-1]
            if call is not None and provider_id is not None and call.provider_id not in (None, provider_id):
                call = None  # a new call that reuses an index
        if call is None:
            call = _ToolCallState(index)
            self._calls.append(call)
            if index is not None:
                self._calls_by_index[index] = call
        if provider_id is not None and call.provider_id is None:
            call.provider_id = provider_id
            self._calls_by_id[provider_id] = call
        if call.metadata is None:
            call.metadata = thought_signature_metadata(delta, self._metadata_key)
        function = delta.get("function")
        if not isinstance(function, dict):
            return
        name = function.get("name")
        if call.name is None and name and type(name) is str:
            call.name = name
        arguments = function.get("arguments")
        if arguments is not None and type(arguments) is not str:
            arguments = dumps_str(arguments)
        if call.id is None:
            if arguments:
                call.arguments.append(arguments)
            if call.name is not None:
                call.id = call.provider_id or generate_tool_call_id()
                parts.append(ToolInputStart(call.id, call.name))
                if call.arguments:
                    parts.append(ToolInputDelta(call.id, "".join(call.arguments)))
        elif arguments:
            call.arguments.append(arguments)
            parts.append(ToolInputDelta(call.id, arguments))


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None

"""The completion stream as a pure state machine: SSE ``data`` payloads in, spec stream parts out.

Same shape as the chat stream parser, so one kind of driver serves both: feed each payload with
:meth:`CompletionStreamParser.feed`, then call :meth:`~CompletionStreamParser.finish` once. Parts come
in this order: ``stream-start`` (warnings), ``response-metadata``, one text block, ``finish``.

Problems inside the stream (an error frame, an unparsable payload, a stream cut off before its finish
reason) become ``error`` parts and the finish reason ``error``, never exceptions, so the reader still
gets the text and usage that did arrive.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...http.errors import extract_error_message
from ...spec import (
    APICallError,
    CallWarning,
    Finish,
    FinishReason,
    InvalidResponseDataError,
    JSONParseError,
    RawChunk,
    ResponseMetadata,
    StreamPart,
    TextDelta,
    TextEnd,
    TextStart,
)
from ...spec._json import JSONDecodeError, dumps_str, loads
from ..chat.metadata import MetadataExtractor
from ..finish_reason import map_finish_reason
from ..response_extras import merge_extras
from ..stream_parser_base import StreamParserBase
from ..usage import UsageConverter
from .response import response_metadata

__all__ = ["CompletionStreamParser"]

_DONE = "[DONE]"
_TEXT_ID = "text-0"


class CompletionStreamParser(StreamParserBase):
    """Turns the payloads of one ``/completions`` stream into parts; one instance per stream."""

    __slots__ = ("_metadata_extractor", "_text_open")

    def __init__(
        self,
        *,
        url: str,
        usage_converter: UsageConverter,
        warnings: Sequence[CallWarning] = (),
        include_raw_chunks: bool = False,
        metadata_key: str | None = None,
        metadata_extractor: MetadataExtractor | None = None,
    ) -> None:
        super().__init__(warnings, url, include_raw_chunks, usage_converter, metadata_key)
        self._text_open = False
        self._metadata_extractor = metadata_extractor

    def feed(self, payload: str) -> list[StreamPart]:
        """Parts for one SSE ``data`` payload (``[DONE]`` yields none)."""
        parts = self._opening()
        try:
            chunk = loads(payload)
        except JSONDecodeError as error:
            if payload == _DONE:
                return parts
            if self._include_raw:
                parts.append(RawChunk(payload))
            return self._fail(parts, JSONParseError(payload, cause=error))
        if self._include_raw:
            parts.append(RawChunk(chunk))
        if not isinstance(chunk, dict):
            return self._fail(parts, InvalidResponseDataError(f"Unexpected stream chunk: {chunk!r}", data=chunk))
        if chunk.get("error") is not None or "error_type" in chunk or "error_message" in chunk:
            message = extract_error_message(chunk) or "The provider sent an error in the stream."
            frame_error = APICallError(
                message, url=self._url, response_body=dumps_str(chunk), is_retryable=False, data=chunk
            )
            return self._fail(parts, frame_error)
        if self._fresh:
            self._fresh = False
            response_id, model_id, timestamp = response_metadata(chunk)
            parts.append(ResponseMetadata(response_id, model_id, timestamp))
        usage = chunk.get("usage")
        if isinstance(usage, dict):
            self._usage = usage
            self._usage_chunk = chunk
        if self._extras is not None:
            self._extras.note_tier(chunk)
        choices = chunk.get("choices")
        if not choices:
            return parts
        if not isinstance(choices, list) or not isinstance(choices[0], dict):
            return self._fail(parts, InvalidResponseDataError(f"Unexpected choices: {choices!r}", data=chunk))
        choice = choices[0]
        finish_reason = choice.get("finish_reason")
        if finish_reason is not None:
            self._finish_raw = finish_reason if type(finish_reason) is str else str(finish_reason)
        if self._extras is not None:
            self._extras.add_completion_logprobs(choice)
        text = choice.get("text")
        if not text:
            return parts
        if type(text) is not str:
            return self._fail(parts, InvalidResponseDataError(f"Unexpected text: {text!r}", data=chunk))
        if not self._text_open:
            self._text_open = True
            parts.append(TextStart(_TEXT_ID))
        parts.append(TextDelta(_TEXT_ID, text))
        return parts

    def finish(self) -> list[StreamPart]:
        """Close the text block and emit ``finish``. Call it once, after the last payload; later calls
        return no parts."""
        if self._finished:
            return []
        self._finished = True
        parts = self._opening()
        if self._finish_raw is None and not self._failed:
            self._fail(parts, InvalidResponseDataError("The stream ended without a finish reason (cut short?)."))
        if self._text_open:
            self._text_open = False
            parts.append(TextEnd(_TEXT_ID))
        raw = self._finish_raw
        finish_reason = FinishReason("error", raw) if self._failed else map_finish_reason(raw)
        metadata = None
        if self._metadata_extractor is not None and self._usage_chunk is not None:
            metadata = self._metadata_extractor(self._usage_chunk)
        if self._extras is not None and self._metadata_key is not None:
            extras = self._extras.extras(self._usage_chunk, completion=True)
            metadata = merge_extras(metadata, self._metadata_key, extras)
        parts.append(Finish(finish_reason, self._usage_converter(self._usage), metadata))
        return parts

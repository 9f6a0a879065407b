"""What the chat and completion stream parsers share: the state of one stream both keep (the URL for
errors, raw chunks, usage, finish reason, response extras), the opening ``stream-start`` part, and
turning a failure into an ``error`` part that makes the finish reason ``error``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..spec import CallWarning, StreamError, StreamPart, StreamStart
from .response_extras import StreamExtras
from .usage import UsageConverter

__all__ = ["StreamParserBase"]


class StreamParserBase:
    """Base of the pure stream parsers (one instance per stream); subclasses add ``feed`` and ``finish``."""

    __slots__ = (
        "_extras",
        "_failed",
        "_finish_raw",
        "_finished",
        "_fresh",
        "_include_raw",
        "_metadata_key",
        "_start",
        "_url",
        "_usage",
        "_usage_chunk",
        "_usage_converter",
    )

    def __init__(
        self,
        warnings: Sequence[CallWarning],
        url: str,
        include_raw_chunks: bool,
        usage_converter: UsageConverter,
        metadata_key: str | None,
    ) -> None:
        self._start: StreamStart | None = StreamStart(list(warnings))
        self._failed = False
        self._url = url
        self._include_raw = include_raw_chunks
        self._usage_converter = usage_converter
        self._metadata_key = metadata_key
        self._extras = StreamExtras() if metadata_key is not None else None
        self._fresh = True  # no response metadata emitted yet
        self._finish_raw: str | None = None
        self._finished = False
        self._usage: Mapping[str, Any] | None = None
        self._usage_chunk: Mapping[str, Any] | None = None

    @property
    def failed(self) -> bool:
        """Whether an ``error`` part has been emitted: nothing after it can be trusted, so the drivers
        stop reading and finish."""
        return self._failed

    def fail(self, error: Exception) -> list[StreamPart]:
        """Parts for a failure outside the payloads (the connection broke mid-stream): an ``error``
        part now, and the finish reason ``error`` at ``finish()``."""
        return self._fail(self._opening(), error)

    def _opening(self) -> list[StreamPart]:
        """A new part list, led by ``stream-start`` if it has not been emitted yet."""
        start = self._start
        if start is None:
            return []
        self._start = None
        return [start]

    def _fail(self, parts: list[StreamPart], error: Exception) -> list[StreamPart]:
        self._failed = True
        parts.append(StreamError(error))
        return parts

"""What the chat and completion stream parsers share: the opening ``stream-start`` part and turning a
failure into an ``error`` part that makes the finish reason ``error``."""

from __future__ import annotations

from collections.abc import Sequence

from ..spec import CallWarning, StreamError, StreamPart, StreamStart

__all__ = ["StreamParserBase"]


class StreamParserBase:
    """Base of the pure stream parsers (one instance per stream); subclasses add ``feed`` and ``finish``."""

    __slots__ = ("_failed", "_start")

    def __init__(self, warnings: Sequence[CallWarning]) -> None:
        self._start: StreamStart | None = StreamStart(list(warnings))
        self._failed = False

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

"""``smooth_stream``: re-chunk a stream's text and reasoning deltas (by word, line, regex or your
function) and pace them with a small delay, for a steadier typing effect than the provider's bursts.

``stream_text(..., transform=smooth_stream())`` (or a list of transforms, applied in order) changes what
``full_stream``, ``text_stream`` and the other readers show; the final values (``text``, ``steps``, ...)
are the model's and do not change. A transform is a factory: each reader gets a fresh
:class:`StreamTransform` (a pure ``feed(part) -> parts`` / ``flush() -> parts`` object), and the reader
waits ``delay`` seconds after each smoothed chunk (``asyncio.sleep`` in the async API, ``time.sleep`` in
the blocking one).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, Literal, Protocol, TypeAlias

from ..spec.errors import InvalidArgumentError
from ..spec.language_model import ReasoningDelta, TextDelta

__all__ = [
    "ChunkDetector",
    "SmoothStream",
    "StreamTransform",
    "TransformFactory",
    "check_transforms",
    "smooth_stream",
]

ChunkDetector: TypeAlias = Callable[[str], str | None]
"""Given the buffered text, return the next chunk (a non-empty prefix of it) or ``None`` to wait for more."""

_PATTERNS = {"word": re.compile(r"\S+\s+"), "line": re.compile(r"\n+")}


class StreamTransform(Protocol):
    """One reader's transform: ``feed`` each part, get the parts to show; ``flush`` at the end.
    ``delay`` is how long the reader waits after a part marked by ``paced(part)``."""

    delay: float | None

    def feed(self, part: Any) -> list[Any]: ...

    def flush(self) -> list[Any]: ...

    def paced(self, part: Any) -> bool: ...


TransformFactory: TypeAlias = Callable[[], StreamTransform]
"""What ``transform=`` takes: a function making a fresh :class:`StreamTransform` for each reader."""


def _detector(chunking: object) -> ChunkDetector:
    if isinstance(chunking, str) and chunking in _PATTERNS:
        pattern = _PATTERNS[chunking]
    elif isinstance(chunking, re.Pattern):
        pattern = chunking
    elif callable(chunking):
        function: Callable[[str], str | None] = chunking

        def detect(buffer: str) -> str | None:
            chunk = function(buffer)
            if chunk is None:
                return None
            if not isinstance(chunk, str) or not chunk or not buffer.startswith(chunk):
                raise InvalidArgumentError(
                    f"the chunking function must return None or a non-empty prefix of {buffer!r}, got {chunk!r}",
                    argument="chunking",
                )
            return chunk

        return detect
    else:
        raise InvalidArgumentError(
            f"must be 'word', 'line', a compiled regex (re.compile(...)) or a function (buffer) -> chunk | None; "
            f"got {chunking!r}",
            argument="chunking",
            value=chunking,
        )

    def match(buffer: str) -> str | None:
        found = pattern.search(buffer)
        return buffer[: found.end()] if found is not None and found.end() > 0 else None

    return match


class SmoothStream:
    """The state of one reader's smoothing: the buffered text of the current block."""

    __slots__ = ("_detect", "_id", "_kind", "_metadata", "buffer", "delay")

    def __init__(self, detect: ChunkDetector, delay: float | None) -> None:
        self._detect = detect
        self.delay = delay
        self.buffer = ""
        self._id = ""
        self._kind: type[TextDelta] | type[ReasoningDelta] | None = None
        self._metadata: Any = None

    def feed(self, part: Any) -> list[Any]:
        """The parts to show after ``part``: smoothed deltas, or the buffer then ``part`` itself."""
        kind = type(part)
        if kind is not TextDelta and kind is not ReasoningDelta:
            return [*self.flush(), part]
        out: list[Any] = []
        if (kind is not self._kind or part.id != self._id) and self.buffer:
            out += self.flush()
        self.buffer += part.delta
        self._id, self._kind = part.id, kind
        if part.provider_metadata is not None:
            self._metadata = part.provider_metadata
        while self.buffer and (chunk := self._detect(self.buffer)) is not None:
            out.append(kind(part.id, chunk))
            self.buffer = self.buffer[len(chunk) :]
        return out

    def flush(self) -> list[Any]:
        """What is still buffered, as one delta (``[]`` when nothing is)."""
        if not self.buffer or self._kind is None:
            return []
        part = self._kind(self._id, self.buffer, self._metadata)
        self.buffer, self._metadata = "", None
        return [part]

    def paced(self, part: Any) -> bool:
        """Whether the reader waits after showing ``part`` (each smoothed delta)."""
        return self.delay is not None and (type(part) is TextDelta or type(part) is ReasoningDelta)


def smooth_stream(
    *,
    chunking: Literal["word", "line"] | re.Pattern[str] | ChunkDetector = "word",
    delay: float | None = 0.01,
) -> TransformFactory:
    """A stream transform (for ``stream_text(transform=...)``) that re-chunks text and reasoning deltas
    by ``chunking`` (``"word"`` default, ``"line"``, a compiled regex, or a function returning the next
    chunk) and waits ``delay`` seconds (default 0.01; ``None`` for none) after each chunk."""
    detect = _detector(chunking)
    if delay is not None and (isinstance(delay, bool) or not isinstance(delay, int | float) or delay < 0):
        raise InvalidArgumentError(
            f"must be a number of seconds >= 0 such as 0.01, or None, got {delay!r}", argument="delay", value=delay
        )

    def make() -> SmoothStream:
        return SmoothStream(detect, delay)

    return make


def check_transforms(transform: object) -> tuple[TransformFactory, ...]:
    """``transform=``: one factory or a list of them (applied in order)."""
    if transform is None:
        return ()
    factories = tuple(transform) if isinstance(transform, Sequence) else (transform,)
    for factory in factories:
        if not callable(factory):
            raise InvalidArgumentError(
                f"must be a stream transform such as smooth_stream() (from ai_sdk import smooth_stream), or a list "
                f"of them; got {factory!r}",
                argument="transform",
                value=transform,
            )
    return factories

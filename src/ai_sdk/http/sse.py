"""Server-sent events decoding, sans I/O: feed the body's chunks as they arrive, get the ``data``
payloads of the events they complete.

This sits on the streaming hot path, so it works on whole lines with C-level ``bytes`` methods
(``splitlines`` handles ``\\n``, ``\\r\\n`` and ``\\r`` at once) and never loops over bytes in Python.
Splitting happens on bytes, before decoding, so a chunk boundary inside a multi-byte UTF-8 character
is harmless: line breaks are ASCII and never occur inside one. Only ``data`` fields matter to the
providers we speak to; ``event``, ``id``, ``retry`` and comments are skipped.
"""

from __future__ import annotations

__all__ = ["SSEDecoder"]

_BOM = b"\xef\xbb\xbf"


class SSEDecoder:
    """Incremental decoder of one event stream (the WHATWG ``text/event-stream`` format).

    An event's payload is its ``data`` lines joined with ``\\n`` (one leading space after ``data:``
    dropped); it is dispatched at the blank line that ends the event. Events without a ``data`` line
    are not dispatched. :meth:`finish` delivers a last event that the server did not terminate.
    """

    __slots__ = ("_data", "_pending", "_skip_lf", "_started")

    def __init__(self) -> None:
        self._pending: list[bytes] = []
        """Pieces of a line whose end has not arrived yet."""
        self._data: list[bytes] = []
        """``data`` values of the event being assembled."""
        self._skip_lf = False
        """The last chunk ended with ``\\r``: a ``\\n`` starting the next one completes that ``\\r\\n``."""
        self._started = False
        """The byte-order mark check at the start of the stream is done."""

    def feed(self, chunk: bytes) -> list[str]:
        """Consume the next chunk of the body; return the payloads of the events it completes."""
        # Fast path: the chunk is exactly one ``data: ...\n\n`` frame and nothing is pending (how
        # DeepInfra and most servers flush their streams).
        if (
            chunk[:6] == b"data: "
            and chunk.find(b"\n") == len(chunk) - 2
            and chunk[-1] == 10
            and self._started
            and not (self._pending or self._data or self._skip_lf or b"\r" in chunk)
        ):
            return [chunk[6:-2].decode("utf-8", "replace")]
        if self._skip_lf and chunk:
            self._skip_lf = False
            if chunk[0] == 10:
                chunk = chunk[1:]
        if b"\n" not in chunk and b"\r" not in chunk:
            if chunk:
                self._pending.append(chunk)
            return []
        if self._pending:
            self._pending.append(chunk)
            chunk = b"".join(self._pending)
            self._pending = []
        if not self._started:
            self._started = True
            if chunk.startswith(_BOM):
                chunk = chunk[3:]
        lines = chunk.splitlines()
        last = chunk[-1]
        if last == 13:
            self._skip_lf = True
        elif last != 10:
            self._pending.append(lines.pop())
        return self._dispatch(lines)

    def finish(self) -> list[str]:
        """The body ended: treat an unterminated last line and event as complete, and reset."""
        lines: list[bytes] = []
        if self._pending:
            line = b"".join(self._pending)
            if not self._started and line.startswith(_BOM):
                line = line[3:]
            lines.append(line)
        lines.append(b"")
        payloads = self._dispatch(lines)
        self._pending = []
        self._data = []
        self._skip_lf = False
        self._started = False
        return payloads

    def _dispatch(self, lines: list[bytes]) -> list[str]:
        payloads: list[str] = []
        data = self._data
        for line in lines:
            if not line:
                if data:
                    payload = data[0] if len(data) == 1 else b"\n".join(data)
                    payloads.append(payload.decode("utf-8", "replace"))
                    data = []
            elif line[:5] == b"data:":
                data.append(line[6:] if line[5:6] == b" " else line[5:])
            elif line == b"data":
                data.append(b"")
        self._data = data
        return payloads

"""Fault injection for streamed answers: slow chunks, a cut connection, a frame that is not JSON, an
error frame in the middle of a stream. HTTP-level faults (429, 5xx, a dropped connection before any
answer) are plain queued replies (:class:`ErrorReply`, :class:`Disconnect`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .replies import Reply
from .wire import StreamAnswer, sse_frame

__all__ = ["MALFORMED_FRAME", "SSE_HEADERS", "default_error_frame", "stream_answer"]

SSE_HEADERS = {"content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache"}

MALFORMED_FRAME = b'data: {"id": "chatcmpl-malformed", "object": "chat.completion.chunk", "choices": [{"delta": \n\n'
"""A frame cut in the middle of its JSON, as a broken proxy or a server bug produces."""


def default_error_frame() -> dict[str, Any]:
    """The error object DeepInfra sends inside a stream when generation fails midway."""
    return {"error": {"message": "Internal error during generation, please retry", "code": 500}}


def stream_answer(frames: Sequence[bytes], reply: Reply | None, *, chunk_delay: float) -> StreamAnswer:
    """The SSE answer for ``frames`` with ``reply``'s faults applied (``chunk_delay`` unless it sets one)."""
    if reply is None:
        return StreamAnswer(frames, dict(SSE_HEADERS), chunk_delay=chunk_delay)
    sent = list(frames)
    if reply.malformed_at is not None:
        sent.insert(min(reply.malformed_at, len(sent)), MALFORMED_FRAME)
    if reply.error_frame_at is not None:
        error = reply.error_frame if reply.error_frame is not None else default_error_frame()
        sent = [*sent[: reply.error_frame_at], sse_frame(error)]
    return StreamAnswer(
        sent,
        dict(SSE_HEADERS),
        delay=reply.delay,
        chunk_delay=chunk_delay if reply.chunk_delay is None else reply.chunk_delay,
        drop_after=reply.drop_after,
    )

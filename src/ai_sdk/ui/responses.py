"""HTTP responses for UI message streams and text streams.

Framework-agnostic bodies: :class:`UIMessageStreamBody` (async iterable of SSE ``bytes``) and
:class:`SyncUIMessageStreamBody` (iterable), each with the ``status`` and ``headers`` to answer with, for
Flask (``Response(body, headers=body.headers)``), Django (``StreamingHttpResponse``), plain ASGI/WSGI or
Starlette. The ``create_*_response`` functions wrap them in a Starlette ``StreamingResponse`` (what
FastAPI returns); Starlette comes with the ``ui`` extra (``pip install 'ai-sdk[ui]'``) and is imported
only when one of them is called.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .chunks import UIMessageChunk
from .sse import DONE_FRAME, TEXT_STREAM_HEADERS, UI_MESSAGE_STREAM_HEADERS, encode_sse_frame, merge_headers

if TYPE_CHECKING:
    from starlette.responses import StreamingResponse

__all__ = [
    "SyncTextStreamBody",
    "SyncUIMessageStreamBody",
    "TextStreamBody",
    "UIMessageStreamBody",
    "create_text_stream_response",
    "create_text_stream_response_sync",
    "create_ui_message_stream_response",
    "create_ui_message_stream_response_sync",
]

ChunkOrDict = UIMessageChunk | Mapping[str, Any]


class _Body:
    __slots__ = ("_source", "headers", "status")

    def __init__(
        self, source: Any, defaults: Mapping[str, str], status: int, headers: Mapping[str, str] | None
    ) -> None:
        self._source = source
        self.status = status
        """The HTTP status to answer with."""
        self.headers = merge_headers(defaults, headers)
        """The headers to answer with (the protocol's, overridden by yours)."""


class UIMessageStreamBody(_Body):
    """A UI message stream as SSE bytes (async iterable), with its ``status`` and ``headers``."""

    __slots__ = ()

    def __init__(
        self, stream: AsyncIterable[ChunkOrDict], *, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(stream, UI_MESSAGE_STREAM_HEADERS, status, headers)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._source:
            yield encode_sse_frame(chunk)
        yield DONE_FRAME


class _SyncBody(_Body):
    __slots__ = ()

    def close(self) -> None:
        """Stop the stream early: closes the model's stream and runs ``on_finish`` with ``is_aborted``.
        WSGI servers call it when the client goes away (Flask and Django pass the call on), and so do
        the Starlette responses; without it the stream would stay open until the garbage collector
        found it."""
        close = getattr(self._source, "close", None)
        if close is not None:
            close()


class SyncUIMessageStreamBody(_SyncBody):
    """The blocking twin of :class:`UIMessageStreamBody` (a plain iterable of SSE bytes)."""

    __slots__ = ()

    def __init__(
        self, stream: Iterable[ChunkOrDict], *, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(stream, UI_MESSAGE_STREAM_HEADERS, status, headers)

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._source:
            yield encode_sse_frame(chunk)
        yield DONE_FRAME


class TextStreamBody(_Body):
    """A text stream as UTF-8 bytes (async iterable), with its ``status`` and ``headers``."""

    __slots__ = ()

    def __init__(
        self, text_stream: AsyncIterable[str], *, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(text_stream, TEXT_STREAM_HEADERS, status, headers)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for text in self._source:
            yield text.encode()


class SyncTextStreamBody(_SyncBody):
    """The blocking twin of :class:`TextStreamBody`."""

    __slots__ = ()

    def __init__(
        self, text_stream: Iterable[str], *, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(text_stream, TEXT_STREAM_HEADERS, status, headers)

    def __iter__(self) -> Iterator[bytes]:
        for text in self._source:
            yield text.encode()


def _streaming_response(
    body: UIMessageStreamBody | SyncUIMessageStreamBody | TextStreamBody | SyncTextStreamBody,
) -> StreamingResponse:
    try:
        from starlette.responses import StreamingResponse
    except ImportError:
        raise ImportError(
            "Starlette responses need the 'ui' extra: pip install 'ai-sdk[ui]' (or use the framework-agnostic "
            "UIMessageStreamBody / TextStreamBody)"
        ) from None
    content = _closing(body) if isinstance(body, SyncUIMessageStreamBody | SyncTextStreamBody) else body
    return StreamingResponse(content, status_code=body.status, headers=body.headers)


async def _closing(body: SyncUIMessageStreamBody | SyncTextStreamBody) -> AsyncIterator[bytes]:
    # Starlette iterates a blocking body in its thread pool but, when the client goes away, leaves it
    # to the garbage collector: the model's stream stayed open (and generating) until that ran
    import anyio
    from starlette.concurrency import iterate_in_threadpool

    try:
        async for data in iterate_in_threadpool(body):
            yield data
    finally:
        with anyio.CancelScope(shield=True):  # the disconnect cancelled this task
            await anyio.to_thread.run_sync(body.close)


def create_ui_message_stream_response(
    *, stream: AsyncIterable[ChunkOrDict], status: int = 200, headers: Mapping[str, str] | None = None
) -> StreamingResponse:
    """A Starlette/FastAPI ``StreamingResponse`` sending ``stream`` as a UI message stream (SSE, with the
    protocol's headers; yours override them)."""
    return _streaming_response(UIMessageStreamBody(stream, status=status, headers=headers))


def create_ui_message_stream_response_sync(
    *, stream: Iterable[ChunkOrDict], status: int = 200, headers: Mapping[str, str] | None = None
) -> StreamingResponse:
    """The blocking twin of :func:`create_ui_message_stream_response` (Starlette iterates the stream in
    its thread pool)."""
    return _streaming_response(SyncUIMessageStreamBody(stream, status=status, headers=headers))


def create_text_stream_response(
    *, text_stream: AsyncIterable[str], status: int = 200, headers: Mapping[str, str] | None = None
) -> StreamingResponse:
    """A Starlette/FastAPI ``StreamingResponse`` sending plain text chunks (``text/plain; charset=utf-8``),
    what ``TextStreamChatTransport`` reads."""
    return _streaming_response(TextStreamBody(text_stream, status=status, headers=headers))


def create_text_stream_response_sync(
    *, text_stream: Iterable[str], status: int = 200, headers: Mapping[str, str] | None = None
) -> StreamingResponse:
    """The blocking twin of :func:`create_text_stream_response`."""
    return _streaming_response(SyncTextStreamBody(text_stream, status=status, headers=headers))

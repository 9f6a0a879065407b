"""A transport that answers from a function instead of the network, for both the blocking and the
async API.

``send`` returns a response that is a :class:`~ai_sdk.http.transport.SyncResponse` and, awaited, an
:class:`~ai_sdk.http.transport.AsyncResponse`, so one ``MockTransport`` can be given as both
``transport=`` and ``async_transport=`` and a test can run the same script through both paths::

    mock = MockTransport(lambda request: MockResponse.sse([{"choices": [...]}]))
    provider = create_deepinfra(api_key="test", transport=mock, async_transport=mock)

Simulating failures: a handler that raises (an :class:`~ai_sdk.spec.APICallError` for a network
failure) makes ``send`` raise it; an exception placed in ``MockResponse(chunks=...)`` is raised when
the body reaches that point (a connection cut mid-stream).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Generator, Iterator, Mapping, Sequence
from typing import Any

from ..http.transport import HttpRequest
from ..spec import _json
from ..spec.errors import InvalidArgumentError

__all__ = ["MockResponse", "MockTransport"]


class MockResponse:
    """A scripted answer. ``chunks``, when given, is how a streamed body arrives (the body is their
    concatenation); an exception among them is raised when reading reaches it."""

    __slots__ = ("body", "chunks", "headers", "status")

    def __init__(
        self,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        body: bytes = b"",
        chunks: Sequence[bytes | BaseException] | None = None,
    ) -> None:
        if not isinstance(body, bytes):
            raise InvalidArgumentError("the body must be bytes (use MockResponse.json for values)", argument="body")
        if chunks is not None:
            chunks = tuple(chunks)
            if not all(isinstance(chunk, bytes | BaseException) for chunk in chunks):
                raise InvalidArgumentError("chunks must be bytes or exception instances", argument="chunks")
            joined = b"".join(chunk for chunk in chunks if isinstance(chunk, bytes))
            if body and body != joined:
                raise InvalidArgumentError("give either body or chunks (or matching ones)", argument="chunks")
            body = joined
        self.status = status
        self.headers = {key.lower(): value for key, value in (headers or {}).items()}
        self.body = body
        self.chunks: tuple[bytes | BaseException, ...] = chunks if chunks is not None else ((body,) if body else ())

    @classmethod
    def json(cls, value: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> MockResponse:
        """A JSON answer (``content-type: application/json``)."""
        return cls(status, {"content-type": "application/json", **(headers or {})}, _json.dumps(value))

    @classmethod
    def sse(
        cls, events: Sequence[Any], status: int = 200, headers: Mapping[str, str] | None = None, done: bool = True
    ) -> MockResponse:
        """An event stream as DeepInfra sends it: one ``data: ...\\n\\n`` frame per event, JSON with
        Python-style ``", "`` separators, then ``data: [DONE]`` when ``done``. A ``str`` or ``bytes``
        event is sent verbatim (to script malformed frames). Each frame arrives as its own chunk."""
        frames: list[bytes | BaseException] = []
        for event in events:
            if isinstance(event, bytes):
                payload = event
            elif isinstance(event, str):
                payload = event.encode()
            else:
                payload = json.dumps(event).encode()
            frames.append(b"data: " + payload + b"\n\n")
        if done:
            frames.append(b"data: [DONE]\n\n")
        return cls(status, {"content-type": "text/event-stream", **(headers or {})}, chunks=frames)

    def __repr__(self) -> str:
        return f"MockResponse(status={self.status}, {len(self.body)} bytes)"


Handler = Callable[[HttpRequest], MockResponse]


class MockSyncResponse:
    """What :meth:`MockTransport.send` returns: the blocking response, awaitable to the async one."""

    __slots__ = ("closed", "response")

    def __init__(self, response: MockResponse) -> None:
        self.response = response
        self.closed = False

    @property
    def status(self) -> int:
        return self.response.status

    @property
    def headers(self) -> Mapping[str, str]:
        return self.response.headers

    def read(self) -> bytes:
        for chunk in self.response.chunks:
            if isinstance(chunk, BaseException):
                raise chunk
        return self.response.body

    def iter_bytes(self) -> Iterator[bytes]:
        for chunk in self.response.chunks:
            if isinstance(chunk, BaseException):
                raise chunk
            yield chunk

    def close(self) -> None:
        self.closed = True

    def __await__(self) -> Generator[Any, None, MockAsyncResponse]:
        return self._as_async().__await__()

    async def _as_async(self) -> MockAsyncResponse:
        return MockAsyncResponse(self)


class MockAsyncResponse:
    """The async view of a :class:`MockSyncResponse` (closing either closes both)."""

    __slots__ = ("_sync",)

    def __init__(self, sync: MockSyncResponse) -> None:
        self._sync = sync

    @property
    def status(self) -> int:
        return self._sync.status

    @property
    def headers(self) -> Mapping[str, str]:
        return self._sync.headers

    @property
    def closed(self) -> bool:
        return self._sync.closed

    async def read(self) -> bytes:
        return self._sync.read()

    async def aiter_bytes(self) -> AsyncIterator[bytes]:
        for chunk in self._sync.iter_bytes():
            yield chunk

    def close(self) -> None:
        self._sync.close()


class MockTransport:
    """Records every request in ``requests`` and answers it with ``handler(request)``.

    ``handler`` may also be a single :class:`MockResponse` (the answer to every request) or a
    sequence of them (answered in order; one request too many fails the test with a clear error).
    """

    def __init__(self, handler: Handler | MockResponse | Sequence[MockResponse]) -> None:
        self.requests: list[HttpRequest] = []
        self.responses: list[MockSyncResponse] = []
        """Every response handed out, in order; check ``.closed`` to catch leaked streams."""
        self._handler = handler

    def send(self, request: HttpRequest, *, stream: bool = False) -> MockSyncResponse:
        self.requests.append(request)
        handler = self._handler
        if isinstance(handler, MockResponse):
            answer: object = handler
        elif callable(handler):
            answer = handler(request)
        else:
            index = len(self.requests) - 1
            if index >= len(handler):
                raise AssertionError(
                    f"MockTransport got request #{index + 1} ({request.method} {request.url}) but was given "
                    f"only {len(handler)} responses"
                )
            answer = handler[index]
        if not isinstance(answer, MockResponse):
            raise InvalidArgumentError(
                f"the handler must return a MockResponse, got {type(answer).__name__}", argument="handler"
            )
        response = MockSyncResponse(answer)
        self.responses.append(response)
        return response

    @property
    def last_request(self) -> HttpRequest:
        """The most recent request (fails the test when there was none)."""
        if not self.requests:
            raise AssertionError("MockTransport received no request")
        return self.requests[-1]

    def request_json(self, index: int = -1) -> Any:
        """The JSON body of a recorded request (the last by default), parsed."""
        if not self.requests:
            raise AssertionError("MockTransport received no request")
        body = self.requests[index].body
        if body is None:
            raise AssertionError(f"request {index} has no body")
        return _json.loads(body)

    @property
    def unclosed(self) -> int:
        """How many handed-out responses were never closed (should be 0 after any call)."""
        return sum(not response.closed for response in self.responses)

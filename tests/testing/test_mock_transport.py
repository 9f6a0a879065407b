"""MockTransport: one object serving the blocking and the async protocol, scripted answers,
controlled chunk boundaries and simulated failures."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from ai_sdk.http.transport import AsyncResponse, AsyncTransport, HttpRequest, SyncTransport
from ai_sdk.spec.errors import APICallError, InvalidArgumentError
from ai_sdk.testing.mock_transport import MockResponse, MockTransport


def _request(url: str = "https://x/chat") -> HttpRequest:
    return HttpRequest("POST", url, {"authorization": "Bearer k"}, b'{"a":1}', None)


def test_is_both_kinds_of_transport() -> None:
    mock = MockTransport(MockResponse.json({}))

    assert isinstance(mock, SyncTransport)
    assert isinstance(mock, AsyncTransport)


def test_sync_send_records_request_and_answers() -> None:
    mock = MockTransport(lambda request: MockResponse.json({"url": request.url}, status=201, headers={"X-A": "1"}))

    response = mock.send(_request())

    assert response.status == 201
    assert response.headers == {"content-type": "application/json", "x-a": "1"}
    assert json.loads(response.read()) == {"url": "https://x/chat"}
    assert mock.requests == [mock.last_request]
    assert mock.request_json() == {"a": 1}
    assert mock.unclosed == 1
    response.close()
    response.close()
    assert mock.unclosed == 0


async def test_async_send_gives_the_same_answer() -> None:
    mock = MockTransport(MockResponse.json({"ok": True}))

    response = await mock.send(_request(), stream=True)

    assert response.status == 200
    assert json.loads(await response.read()) == {"ok": True}
    assert [chunk async for chunk in response.aiter_bytes()] == [b'{"ok":true}']
    response.close()
    assert mock.unclosed == 0


def test_sse_frames_look_like_deepinfra() -> None:
    response = MockResponse.sse([{"id": "c1", "choices": [{"delta": {"content": "Hi"}}]}, "not json"])

    assert response.headers == {"content-type": "text/event-stream"}
    assert response.chunks == (
        b'data: {"id": "c1", "choices": [{"delta": {"content": "Hi"}}]}\n\n',
        b"data: not json\n\n",
        b"data: [DONE]\n\n",
    )
    assert MockResponse.sse([{}], done=False).body == b"data: {}\n\n"


async def test_chunks_control_boundaries_and_errors_cut_the_stream() -> None:
    cut = APICallError("Request to x failed: the connection broke", url="x", status_code=200)
    mock = MockTransport(MockResponse(chunks=[b'data: {"a"', b": 1}\n\n", cut]))

    sync_chunks: list[bytes] = []
    with pytest.raises(APICallError) as sync_caught:
        _collect(mock.send(_request(), stream=True).iter_bytes(), sync_chunks)
    async_chunks: list[bytes] = []
    with pytest.raises(APICallError) as async_caught:
        await _acollect(await mock.send(_request(), stream=True), async_chunks)

    assert sync_chunks == async_chunks == [b'data: {"a"', b": 1}\n\n"]
    assert sync_caught.value is cut
    assert async_caught.value is cut
    with pytest.raises(APICallError):
        mock.send(_request()).read()


def _collect(chunks: Iterator[bytes], into: list[bytes]) -> None:
    for chunk in chunks:
        into.append(chunk)


async def _acollect(response: AsyncResponse, into: list[bytes]) -> None:
    async for chunk in response.aiter_bytes():
        into.append(chunk)


def test_chunks_are_the_body() -> None:
    assert MockResponse(chunks=[b"a", b"b"]).body == b"ab"
    assert MockResponse(body=b"ab", chunks=[b"a", b"b"]).chunks == (b"a", b"b")
    with pytest.raises(InvalidArgumentError):
        MockResponse(body=b"xx", chunks=[b"a"])
    with pytest.raises(InvalidArgumentError):
        MockResponse(body="text")  # type: ignore[arg-type]


def test_handler_exceptions_propagate_from_send() -> None:
    failure = APICallError("Request to x failed: cannot connect", url="x")

    def handler(request: HttpRequest) -> MockResponse:
        raise failure

    mock = MockTransport(handler)
    with pytest.raises(APICallError) as caught:
        mock.send(_request())
    assert caught.value is failure
    assert len(mock.requests) == 1


def test_a_sequence_answers_in_order_and_complains_when_exhausted() -> None:
    mock = MockTransport([MockResponse(500), MockResponse.json({"ok": 1})])

    assert mock.send(_request()).status == 500
    assert mock.send(_request()).status == 200
    with pytest.raises(AssertionError, match=r"request #3 .* only 2 responses"):
        mock.send(_request("https://x/third"))


def test_handler_must_return_a_mock_response() -> None:
    mock = MockTransport(lambda request: {"not": "a response"})  # type: ignore[arg-type,return-value]

    with pytest.raises(InvalidArgumentError, match="must return a MockResponse, got dict"):
        mock.send(_request())


def test_last_request_without_requests_fails_clearly() -> None:
    with pytest.raises(AssertionError, match="no request"):
        _ = MockTransport(MockResponse()).last_request

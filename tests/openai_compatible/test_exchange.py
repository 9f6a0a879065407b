"""An Exchange is one request as data: the blocking and the async driver send the same request (route,
URL, arguments) and finish the answer the same way; get_bytes fetches a file's raw content."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk.http.binary_api import BytesResponse
from ai_sdk.http.json_api import JSONResponse
from ai_sdk.http.provider_transports import Transports
from ai_sdk.http.transport import HttpRequest
from ai_sdk.openai_compatible.exchange import GET_BYTES, POST_JSON, Exchange
from ai_sdk.spec import APICallError
from ai_sdk.testing.mock_transport import MockResponse, MockTransport

MODES = ["sync", "async"]
KEY = "sk-SECRET-41c9"


async def send(exchange: Exchange[Any], transports: Transports, mode: str) -> Any:
    return exchange.send_sync(transports) if mode == "sync" else await exchange.send_async(transports)


def transports(handler: Any) -> tuple[Transports, MockTransport]:
    mock = MockTransport(handler)
    return Transports(transport=mock, async_transport=mock), mock


@pytest.mark.parametrize("mode", MODES)
async def test_both_drivers_send_the_built_request_and_finish_the_answer(mode: str) -> None:
    ways, mock = transports(lambda request: MockResponse.json({"n": 41}, headers={"x-id": "r1"}))
    seen: list[JSONResponse] = []

    def finish(response: JSONResponse) -> int:
        seen.append(response)
        return int(response.value["n"]) + 1

    exchange = Exchange(POST_JSON, "https://api.test/v1/x", {"headers": {"a": "b"}, "body": {"q": 1}}, finish)
    assert await send(exchange, ways, mode) == 42
    request: HttpRequest = mock.last_request
    assert (request.method, request.url, request.body) == ("POST", "https://api.test/v1/x", b'{"q":1}')
    assert request.headers["a"] == "b"
    assert [response.headers["x-id"] for response in seen] == ["r1"]


@pytest.mark.parametrize("mode", MODES)
async def test_get_bytes_hands_back_the_raw_body(mode: str) -> None:
    ways, mock = transports(lambda request: MockResponse(200, {"content-type": "application/jsonl"}, b'{"a":1}\n'))
    exchange = Exchange(GET_BYTES, "https://api.test/files/f/content", {"headers": {"x": "y"}}, lambda r: r)
    response = await send(exchange, ways, mode)
    assert isinstance(response, BytesResponse)
    assert (response.data, response.status, response.headers["content-type"]) == (
        b'{"a":1}\n',
        200,
        "application/jsonl",
    )
    assert (mock.last_request.method, mock.last_request.body) == ("GET", None)


@pytest.mark.parametrize("mode", MODES)
async def test_get_bytes_raises_a_redacted_api_call_error_on_a_non_2xx_answer(mode: str) -> None:
    body = b'{"error": {"message": "no such file (key ' + KEY.encode() + b')"}}'
    ways, _ = transports(lambda request: MockResponse(404, {"content-type": "application/json"}, body))
    exchange = Exchange(
        GET_BYTES, "https://api.test/files/f/content", {"headers": {"authorization": f"Bearer {KEY}"}}, id
    )
    with pytest.raises(APICallError) as caught:
        await send(exchange, ways, mode)
    assert caught.value.status_code == 404
    assert "no such file" in str(caught.value)
    assert KEY not in str(caught.value)
    assert KEY not in (caught.value.response_body or "")

"""JSON, streaming and multipart calls, sync and async over the same scripts (MockTransport), plus
multipart over every real transport."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ai_sdk.http import json_api
from ai_sdk.http.json_api import JSONResponse, MultipartField
from ai_sdk.http.provider_transports import Transports
from ai_sdk.http.sse import SSEDecoder
from ai_sdk.spec.errors import APICallError, InvalidArgumentError, JSONParseError
from ai_sdk.testing.mock_transport import MockResponse, MockTransport

from .conftest import Driver, LoopbackServer

URL = "https://api.example/v1/openai/chat/completions"
HEADERS = {"authorization": "Bearer k", "x-extra": "1"}


async def call(mode: str, name: str, transport: Any, *args: Any, **kwargs: Any) -> Any:
    if mode == "sync":
        return getattr(json_api, f"{name}_sync")(transport, *args, **kwargs)
    return await getattr(json_api, f"{name}_async")(transport, *args, **kwargs)


async def read_stream(mode: str, response: Any) -> bytes:
    try:
        if mode == "sync":
            return b"".join(response.iter_bytes())
        return b"".join([chunk async for chunk in response.aiter_bytes()])
    finally:
        response.close()


async def test_post_json_sends_json_and_parses_the_answer(mode: str) -> None:
    mock = MockTransport(lambda request: MockResponse.json({"ok": True}, headers={"X-Request-Id": "r1"}))

    result = await call(mode, "post_json", mock, URL, headers=HEADERS, body={"model": "m", "n": 1}, timeout=7.5)

    assert result == JSONResponse({"ok": True}, {"content-type": "application/json", "x-request-id": "r1"}, 200)
    request = mock.last_request
    assert (request.method, request.url, request.timeout) == ("POST", URL, 7.5)
    assert request.headers == {"content-type": "application/json", **HEADERS}
    assert json.loads(request.body or b"") == {"model": "m", "n": 1}
    assert mock.unclosed == 0


async def test_callers_content_type_is_kept(mode: str) -> None:
    mock = MockTransport(MockResponse.json({}))

    await call(mode, "post_json", mock, URL, headers={"content-type": "application/json; charset=utf-8"}, body={})

    assert mock.last_request.headers["content-type"] == "application/json; charset=utf-8"


async def test_non_2xx_raises_api_call_error_with_extracted_message(mode: str) -> None:
    mock = MockTransport(MockResponse.json({"detail": [{"loc": ["body", "model"], "msg": "field required"}]}, 422))

    with pytest.raises(APICallError) as caught:
        await call(mode, "post_json", mock, URL, headers=HEADERS, body={"messages": []})

    error = caught.value
    assert error.message == "body.model: field required"
    assert error.status_code == 422
    assert error.is_retryable is False
    assert error.request_body == {"messages": []}
    assert error.response_headers == {"content-type": "application/json"}
    assert mock.unclosed == 0


@pytest.mark.parametrize("body", [b"", b"<html>oops</html>"])
async def test_2xx_without_json_is_a_non_retryable_api_call_error(mode: str, body: bytes) -> None:
    mock = MockTransport(MockResponse(200, body=body))

    with pytest.raises(APICallError) as caught:
        await call(mode, "post_json", mock, URL, headers={}, body={})

    assert caught.value.message.startswith("Invalid JSON response: HTTP 200")
    assert caught.value.is_retryable is False
    assert isinstance(caught.value.__cause__, JSONParseError)
    assert caught.value.response_body == body.decode()


async def test_unserialisable_body_is_an_invalid_argument(mode: str) -> None:
    mock = MockTransport(MockResponse.json({}))

    with pytest.raises(InvalidArgumentError, match="cannot be serialised as JSON"):
        await call(mode, "post_json", mock, URL, headers={}, body={"x": object()})
    assert mock.requests == []


async def test_large_integers_survive(mode: str) -> None:
    mock = MockTransport(MockResponse.json({}))

    await call(mode, "post_json", mock, URL, headers={}, body={"seed": 2**70})

    assert mock.request_json() == {"seed": 2**70}


async def test_network_failure_from_transport_propagates(mode: str) -> None:
    failure = APICallError("Request to x failed: cannot connect", url=URL)
    mock = MockTransport(lambda request: (_ for _ in ()).throw(failure))

    with pytest.raises(APICallError) as caught:
        await call(mode, "post_json", mock, URL, headers={}, body={})

    assert caught.value is failure


async def test_post_stream_returns_the_open_response(mode: str) -> None:
    mock = MockTransport(MockResponse.sse([{"a": 1}, {"b": 2}]))

    response = await call(mode, "post_stream", mock, URL, headers=HEADERS, body={"stream": True})
    body = await read_stream(mode, response)

    decoder = SSEDecoder()
    assert decoder.feed(body) + decoder.finish() == ['{"a": 1}', '{"b": 2}', "[DONE]"]
    assert mock.request_json() == {"stream": True}
    assert mock.unclosed == 0


async def test_post_stream_error_status_reads_closes_and_raises(mode: str) -> None:
    mock = MockTransport(MockResponse.json({"error": {"message": "Model busy, retry later"}}, 429))

    with pytest.raises(APICallError) as caught:
        await call(mode, "post_stream", mock, URL, headers={}, body={})

    assert (caught.value.message, caught.value.status_code, caught.value.is_retryable) == (
        "Model busy, retry later",
        429,
        True,
    )
    assert mock.unclosed == 0


async def test_get_json(mode: str) -> None:
    mock = MockTransport(MockResponse.json({"data": []}))

    result = await call(mode, "get_json", mock, "https://api.example/v1/openai/models", headers={"a": "b"})

    assert result.value == {"data": []}
    assert (mock.last_request.method, mock.last_request.body, mock.last_request.headers) == ("GET", None, {"a": "b"})


async def test_multipart_errors_keep_a_summary_without_file_bytes(mode: str) -> None:
    mock = MockTransport(MockResponse.json({"detail": {"error": "bad image"}}, 400))
    fields = [MultipartField("prompt", "p"), MultipartField("image", b"\x89PNG" * 10, filename="a.png")]

    with pytest.raises(APICallError) as caught:
        await call(mode, "post_multipart", mock, URL, headers={}, fields=fields)

    assert caught.value.message == "bad image"
    assert caught.value.request_body == [("prompt", "p"), ("image", "<40 bytes>")]


async def test_multipart_rejects_bad_fields(mode: str) -> None:
    with pytest.raises(InvalidArgumentError, match="MultipartField"):
        await call(mode, "post_multipart", MockTransport(MockResponse.json({})), URL, headers={}, fields=[("a", 1)])


async def test_multipart_over_real_transports(driver: Driver, server: LoopbackServer) -> None:
    fields = [
        MultipartField("model", "black-forest-labs/FLUX-1-schnell"),
        MultipartField("prompt", 'a "quoted"\r\nprompt ✓'),
        MultipartField(
            "image", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), filename="in put.png", content_type="image/png"
        ),
        MultipartField("image", b"second", filename='we"ird.bin'),
        MultipartField("mask", b"raw-bytes"),
    ]
    kwargs: dict[str, Any] = {"headers": {"authorization": "Bearer k"}, "fields": fields, "timeout": 5.0}
    transports: Transports = driver.transports
    if driver.is_async:
        result = await json_api.post_multipart_async(transports.async_(), server.url("/multipart"), **kwargs)
    else:
        result = json_api.post_multipart_sync(transports.sync(), server.url("/multipart"), **kwargs)

    received = result.value["fields"]
    assert [(f["name"], f["filename"], f["content_type"], f["size"]) for f in received] == [
        ("model", None, None, 32),
        ("prompt", None, None, len('a "quoted"\r\nprompt ✓'.encode())),
        ("image", "in put.png", "image/png", 264),
        ("image", "we%22ird.bin", "application/octet-stream", 6),
        ("mask", None, None, 9),
    ]
    assert received[1]["text"] == 'a "quoted"\r\nprompt ✓'


async def test_json_over_real_transports(driver: Driver, server: LoopbackServer) -> None:
    kwargs: dict[str, Any] = {"headers": {"x-test": "t"}, "body": {"q": "✓"}, "timeout": 5.0}
    if driver.is_async:
        result = await json_api.post_json_async(driver.transports.async_(), server.url("/echo"), **kwargs)
    else:
        result = json_api.post_json_sync(driver.transports.sync(), server.url("/echo"), **kwargs)

    assert result.status == 200
    assert json.loads(result.value["body"]) == {"q": "✓"}
    assert result.value["x_test"] == "t"
    assert result.headers["x-request-id"] == "req-1"

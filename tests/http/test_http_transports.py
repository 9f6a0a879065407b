"""Every transport against a real loopback server: round trips, streaming latency, connection
reuse, and each network failure turned into a retryable APICallError."""

from __future__ import annotations

import time
import uuid
from urllib.parse import quote

import pytest

from ai_sdk.http.sse import SSEDecoder
from ai_sdk.http.transport import HttpRequest
from ai_sdk.spec.errors import APICallError

from .conftest import Driver, LoopbackServer


def _post(url: str, body: bytes = b"{}", timeout: float | None = 5.0, **headers: str) -> HttpRequest:
    return HttpRequest("POST", url, {"content-type": "application/json", **headers}, body, timeout)


async def test_round_trip_sends_method_headers_body_and_returns_lower_case_headers(
    driver: Driver, server: LoopbackServer
) -> None:
    exchange = await driver.fetch(_post(server.url("/echo"), b'{"a": 1}', **{"x-test": "yes"}))

    assert exchange.status == 200
    assert exchange.headers["x-request-id"] == "req-1"
    assert exchange.headers["content-type"] == "application/json"
    assert all(key == key.lower() for key in exchange.headers)
    import json

    echoed = json.loads(exchange.body)
    assert echoed == {"method": "POST", "content_type": "application/json", "body": '{"a": 1}', "x_test": "yes"}


async def test_get_without_body(driver: Driver, server: LoopbackServer) -> None:
    exchange = await driver.fetch(HttpRequest("GET", server.url("/echo"), {}, None, 5.0))

    assert exchange.status == 200
    assert b'"method": "GET"' in exchange.body


async def test_error_status_is_returned_not_raised(driver: Driver, server: LoopbackServer) -> None:
    exchange = await driver.fetch(_post(server.url("/status?code=503&body=" + quote('{"error":"busy"}'))))

    assert exchange.status == 503
    assert exchange.body == b'{"error":"busy"}'


async def test_redirects_are_not_followed(driver: Driver, server: LoopbackServer) -> None:
    exchange = await driver.fetch(_post(server.url("/status?code=301&location=https://elsewhere.example/v1")))

    assert exchange.status == 301
    assert exchange.headers["location"] == "https://elsewhere.example/v1"
    assert len(server.received) == 1


async def test_chunked_event_stream_decodes(driver: Driver, server: LoopbackServer) -> None:
    exchange = await driver.fetch(_post(server.url("/sse?n=20")), stream=True)

    decoder = SSEDecoder()
    payloads = [payload for chunk in exchange.chunks for payload in decoder.feed(chunk)] + decoder.finish()
    assert payloads == [f'{{"index": {i}}}' for i in range(20)] + ["[DONE]"]


@pytest.mark.parametrize("route", ["/sse?n=2", "/stream-plain"])
async def test_stream_yields_each_chunk_before_the_rest_of_the_body_exists(
    driver: Driver, server: LoopbackServer, route: str
) -> None:
    # The server sends one event, then waits for the gate; a transport that waited to fill a
    # buffer would only see the first event after the gate's 2 s fallback.
    gate = uuid.uuid4().hex
    started = time.monotonic()
    seen: list[bytes] = []
    async for chunk in driver.open_stream(
        _post(server.url(f"{route}&gate={gate}".replace("stream-plain&", "stream-plain?")))
    ):
        if not seen:
            assert time.monotonic() - started < 1.5
            server.open_gate(gate)
        seen.append(chunk)
    assert b"".join(seen).startswith(b'data: {"index": 0}\n\n')
    assert b"".join(seen).endswith(b"data: [DONE]\n\n")


async def test_connections_are_reused_after_full_reads(driver: Driver, server: LoopbackServer) -> None:
    await driver.fetch(_post(server.url("/echo")))
    await driver.fetch(_post(server.url("/sse?n=2")), stream=True)
    await driver.fetch(_post(server.url("/echo")), stream=True)
    await driver.fetch(_post(server.url("/echo")))

    assert len(server.received) == 4
    ports = {request["client_port"] for request in server.received}
    assert len(ports) == 1


async def test_abandoned_stream_close_leaves_transport_usable(driver: Driver, server: LoopbackServer) -> None:
    gate = uuid.uuid4().hex
    async for _chunk in driver.open_stream(_post(server.url(f"/sse?n=3&gate={gate}"))):
        break
    server.open_gate(gate)

    exchange = await driver.fetch(_post(server.url("/echo")))
    assert exchange.status == 200


async def test_connection_refused_is_retryable(driver: Driver, refused_url: str) -> None:
    with pytest.raises(APICallError) as caught:
        await driver.fetch(_post(refused_url))

    error = caught.value
    assert error.is_retryable is True
    assert error.status_code is None
    assert "cannot connect" in error.message
    assert "refused" in error.message.lower()
    assert error.url == refused_url


async def test_connection_reset_before_response_is_retryable(driver: Driver, server: LoopbackServer) -> None:
    with pytest.raises(APICallError) as caught:
        await driver.fetch(_post(server.url("/reset")))

    assert caught.value.is_retryable is True
    assert caught.value.status_code is None


async def test_timeout_waiting_for_the_response_head(driver: Driver, server: LoopbackServer) -> None:
    started = time.monotonic()
    with pytest.raises(APICallError) as caught:
        await driver.fetch(_post(server.url("/slow-head?delay=5"), timeout=0.1))

    assert time.monotonic() - started < 2
    assert caught.value.is_retryable is True
    assert "timed out after 0.1 s" in caught.value.message


async def test_timeout_between_stream_chunks(driver: Driver, server: LoopbackServer) -> None:
    seen: list[bytes] = []
    started = time.monotonic()
    with pytest.raises(APICallError) as caught:
        # 0.5 s, not less: the first chunk must arrive within the limit even on a loaded CI machine.
        await driver.drain(_post(server.url("/stall-body"), timeout=0.5), seen)

    assert time.monotonic() - started < 4
    assert b"".join(seen) == b'data: {"index": 0}\n\n'
    assert caught.value.is_retryable is True
    assert caught.value.status_code == 200
    assert "timed out after 0.5 s" in caught.value.message


async def test_chunked_body_cut_mid_stream_is_retryable(driver: Driver, server: LoopbackServer) -> None:
    seen: list[bytes] = []
    with pytest.raises(APICallError) as caught:
        await driver.drain(_post(server.url("/cut-chunked")), seen)

    assert b"".join(seen).startswith(b'data: {"index": 0}\n\n')
    assert caught.value.is_retryable is True
    assert caught.value.status_code == 200


async def test_body_shorter_than_content_length_is_retryable(driver: Driver, server: LoopbackServer) -> None:
    with pytest.raises(APICallError) as caught:
        await driver.fetch(_post(server.url("/cut-length")))

    assert caught.value.is_retryable is True
    assert caught.value.status_code == 200


async def test_malformed_url_is_not_retryable(driver: Driver) -> None:
    with pytest.raises(APICallError) as caught:
        await driver.fetch(_post("http://[::1/bad"))

    assert caught.value.is_retryable is False
    assert "could not be sent" in caught.value.message


SECRET = "sk-LEAKCHECK-8f3a2c"


def _chain(error: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    seen: BaseException | None = error
    while seen is not None and seen not in chain:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    return chain


def _assert_no_secret(error: BaseException) -> None:
    for link in _chain(error):
        for text in (str(link), repr(link), repr(link.args), repr(vars(link)) if hasattr(link, "__dict__") else ""):
            assert SECRET not in text, f"API key leaked through {type(link).__name__}"


@pytest.mark.parametrize(
    ("route", "header_value", "stream"),
    [
        ("refused", f"Bearer {SECRET}", False),
        ("/reset", f"Bearer {SECRET}", False),
        ("/slow-head?delay=5", f"Bearer {SECRET}", False),
        ("/cut-chunked", f"Bearer {SECRET}", True),
        ("/cut-length", f"Bearer {SECRET}", False),
        ("/echo", f"Bearer {SECRET}\r\nx-injected: 1", False),
        ("/echo", f"Bearer {SECRET}\n", False),
    ],
)
async def test_api_key_never_appears_in_errors_or_their_chain(
    driver: Driver, server: LoopbackServer, refused_url: str, route: str, header_value: str, stream: bool
) -> None:
    url = refused_url if route == "refused" else server.url(route)
    request = _post(url, timeout=0.1, authorization=header_value)

    with pytest.raises(APICallError) as caught:
        await (driver.drain(request, []) if stream else driver.fetch(request))

    _assert_no_secret(caught.value)
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None
    # A header the client refuses to send is a bad request, not a network hiccup to retry.
    assert caught.value.is_retryable is (route != "/echo")

"""Content encodings, the same for every transport: compressed streams are decoded as they arrive (the
blocking transport used to hand them over still compressed, losing the stream), and a corrupt compressed
body is a clear error that is not retried (aiohttp reported it as a broken connection, retried)."""

from __future__ import annotations

import pytest

from ai_sdk.errors import APICallError
from ai_sdk.http.sse import SSEDecoder
from ai_sdk.http.transport import HttpRequest

from .conftest import Driver, LoopbackServer


def _post(url: str) -> HttpRequest:
    return HttpRequest("POST", url, {"content-type": "application/json", "accept-encoding": "gzip"}, b"{}", 5.0)


async def test_compressed_event_stream_is_decoded_as_it_arrives(driver: Driver, server: LoopbackServer) -> None:
    exchange = await driver.fetch(_post(server.url("/gzip-sse?n=5")), stream=True)
    decoder = SSEDecoder()
    payloads = [payload for chunk in exchange.chunks for payload in decoder.feed(chunk)] + decoder.finish()
    assert payloads == [f'{{"index": {i}}}' for i in range(5)] + ["[DONE]"]


async def test_compressed_json_is_decoded(driver: Driver, server: LoopbackServer) -> None:
    assert (await driver.fetch(_post(server.url("/gzip-json")))).body == b'{"ok": true}'


async def test_a_corrupt_compressed_body_is_a_clear_error_not_retried(driver: Driver, server: LoopbackServer) -> None:
    with pytest.raises(APICallError) as caught:
        await driver.fetch(_post(server.url("/gzip-json?corrupt=1")))
    assert caught.value.is_retryable is False
    assert "could not be decompressed" in caught.value.message
    assert caught.value.status_code == 200

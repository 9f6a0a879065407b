"""A user's HTTP client configured to raise for error statuses (aiohttp's ``raise_for_status=True``, an
httpx response hook calling ``raise_for_status()``) still gives each status its own error: a 422 is not
retried as if the network had failed, and keeps what the server said where the body can be read."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk.http.provider_transports import Transports
from ai_sdk.http.transport import HttpRequest
from ai_sdk.spec.errors import APICallError

from .conftest import LoopbackServer


def _post(url: str) -> HttpRequest:
    return HttpRequest("POST", url, {"content-type": "application/json"}, b"{}", 5.0)


async def test_a_session_raising_for_status_still_returns_the_answer(server: LoopbackServer) -> None:
    aiohttp = pytest.importorskip("aiohttp")
    async with aiohttp.ClientSession(raise_for_status=True) as session:
        response = await Transports(http_client=session).async_().send(_post(server.url("/status?code=422&body=bad")))
        try:
            assert (response.status, await response.read()) == (422, b"bad")
        finally:
            response.close()


async def _send_through_hooked_client(lib: Any, url: str, is_async: bool) -> None:
    """Send through a client of ``lib`` whose response hook raises for an error status."""
    if is_async:

        async def async_hook(response: Any) -> None:
            response.raise_for_status()

        async with lib.AsyncClient(event_hooks={"response": [async_hook]}) as async_client:
            await Transports(http_client=async_client).async_().send(_post(url))
    else:

        def hook(response: Any) -> None:
            response.raise_for_status()

        with lib.Client(event_hooks={"response": [hook]}) as client:
            Transports(http_client=client).sync().send(_post(url))


@pytest.mark.parametrize("library", ["httpx", "httpx2"])
@pytest.mark.parametrize(("code", "retryable"), [(422, False), (429, True), (503, True)])
@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
async def test_a_response_hook_raising_for_status_gives_the_error_of_that_status(
    server: LoopbackServer, library: str, code: int, retryable: bool, is_async: bool
) -> None:
    lib = pytest.importorskip(library)
    with pytest.raises(APICallError) as caught:
        await _send_through_hooked_client(lib, server.url(f"/status?code={code}"), is_async)
    assert (caught.value.status_code, caught.value.is_retryable) == (code, retryable)
    assert caught.value.message.startswith(f"HTTP {code} ")


async def _send_through_closed_client(library: Any, kind: str, url: str) -> None:
    """Close a new client of ``library``, then send through it."""
    if kind == "aiohttp":
        session = library.ClientSession()
        await session.close()
        await Transports(http_client=session).async_().send(_post(url))
    elif kind == "httpx-async":
        async_client = library.AsyncClient()
        await async_client.aclose()
        await Transports(http_client=async_client).async_().send(_post(url))
    else:
        client = library.Client()
        client.close()
        Transports(http_client=client).sync().send(_post(url))


@pytest.mark.parametrize("kind", ["aiohttp", "httpx", "httpx-async"])
async def test_a_closed_client_gives_a_typed_error_that_says_so(server: LoopbackServer, kind: str) -> None:
    """A client passed in stays the user's to close; used after that, the call fails with an APICallError
    that is not retried and names the cause, instead of the library's bare RuntimeError."""
    library = pytest.importorskip(kind.removesuffix("-async"))
    with pytest.raises(APICallError, match="the http_client given to the provider is closed") as caught:
        await _send_through_closed_client(library, kind, server.url("/echo"))
    assert caught.value.is_retryable is False

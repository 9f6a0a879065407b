"""The default aiohttp transport: one session per event loop, closed with its loop or by aclose(),
and never an "Unclosed client session" / "Unclosed connector" warning."""

from __future__ import annotations

import asyncio
import gc
import logging
import warnings
from collections.abc import Iterator

import pytest

from ai_sdk.http.aiohttp_transport import AiohttpTransport
from ai_sdk.http.provider_transports import Transports
from ai_sdk.http.transport import HttpRequest

from .conftest import LoopbackServer


@pytest.fixture
def no_unclosed_warnings(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fail if aiohttp reports an unclosed session or connector, by warning or via asyncio's logger."""
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.ERROR, logger="asyncio"):
        warnings.simplefilter("always")
        yield
        gc.collect()
    messages = [str(w.message) for w in caught] + [record.getMessage() for record in caplog.records]
    assert not [m for m in messages if "Unclosed" in m], messages


async def _get(transport: AiohttpTransport, url: str) -> int:
    response = await transport.send(HttpRequest("GET", url, {}, None, 5.0))
    try:
        await response.read()
    finally:
        response.close()
    return response.status


@pytest.mark.usefixtures("no_unclosed_warnings")
def test_a_session_per_loop_closed_when_the_loop_shuts_down(server: LoopbackServer) -> None:
    transport = Transports().async_()
    assert isinstance(transport, AiohttpTransport)
    sessions = []

    async def use() -> None:
        assert await _get(transport, server.url("/echo")) == 200
        assert await _get(transport, server.url("/echo")) == 200
        sessions.append(transport._sessions[asyncio.get_running_loop()])

    asyncio.run(use())
    asyncio.run(use())

    assert len(sessions) == 2
    assert sessions[0] is not sessions[1]
    assert all(session.closed for session in sessions)
    assert transport._sessions == {}


@pytest.mark.usefixtures("no_unclosed_warnings")
def test_concurrent_requests_share_one_session(server: LoopbackServer) -> None:
    transport = AiohttpTransport()

    async def use() -> int:
        statuses = await asyncio.gather(*(_get(transport, server.url("/echo")) for _ in range(16)))
        assert len(transport._sessions) == 1
        return sum(statuses)

    assert asyncio.run(use()) == 200 * 16


@pytest.mark.usefixtures("no_unclosed_warnings")
async def test_aclose_closes_the_running_loops_session_and_a_new_one_follows(server: LoopbackServer) -> None:
    transports = Transports()
    transport = transports.async_()
    assert isinstance(transport, AiohttpTransport)
    await _get(transport, server.url("/echo"))
    first = transport._sessions[asyncio.get_running_loop()]

    await transports.aclose()

    assert first.closed
    assert transport._sessions == {}
    assert await _get(transport, server.url("/echo")) == 200
    await transports.aclose()
    await transports.aclose()


@pytest.mark.usefixtures("no_unclosed_warnings")
async def test_response_close_is_synchronous_and_idempotent(server: LoopbackServer) -> None:
    transport = AiohttpTransport()
    response = await transport.send(HttpRequest("POST", server.url("/sse?n=50"), {}, b"{}", 5.0), stream=True)
    chunks = response.aiter_bytes()
    assert await anext(chunks)

    assert response.close() is None
    response.close()

    assert await _get(transport, server.url("/echo")) == 200
    await chunks.aclose()  # type: ignore[attr-defined]
    await transport.aclose()


@pytest.mark.usefixtures("no_unclosed_warnings")
async def test_user_session_is_never_closed_by_us(server: LoopbackServer) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session:
        transports = Transports(http_client=session)
        await _get(transports.async_(), server.url("/echo"))  # type: ignore[arg-type]
        await transports.aclose()
        assert not session.closed

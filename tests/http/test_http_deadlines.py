"""Deadlines, the same for every transport: a server that drips bytes cannot stretch a request past its
deadline, and a connection attempt that gets no answer gives up after the connect limit."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from ai_sdk.errors import APICallError, DeadlineExceededError
from ai_sdk.http.provider_transports import Transports
from ai_sdk.http.transport import HttpRequest
from ai_sdk.spec.deadline import Deadline, Timeout

from .conftest import Driver, LoopbackServer


def _post(url: str, deadline: Deadline | None = None, timeout: float | None = 5.0) -> HttpRequest:
    return HttpRequest("POST", url, {"content-type": "application/json"}, b"{}", timeout, deadline)


@pytest.mark.parametrize("kind", ["json", "sse"])
async def test_a_dripping_server_cannot_outlast_the_deadline(driver: Driver, server: LoopbackServer, kind: str) -> None:
    """One byte every 50 ms never trips a per-read limit of 0.3 s, yet the request ends at its 0.5 s
    deadline (the server would go on for 5 s)."""
    await driver.fetch(_post(server.url("/echo")))  # a warm pool: the deadline is all spent on the drip
    deadline = Deadline.start(Timeout(total=0.5, chunk=0.3))
    started = time.monotonic()
    with pytest.raises(DeadlineExceededError) as caught:
        await driver.fetch(_post(server.url(f"/drip?kind={kind}&interval=0.05&seconds=5"), deadline), stream=True)
    elapsed = time.monotonic() - started
    assert 0.5 <= elapsed < 2.5
    assert caught.value.limit == "total"
    assert "total timeout of 0.5 s passed while reading the response body" in caught.value.message


async def test_the_deadline_bounds_the_wait_for_the_head(driver: Driver, server: LoopbackServer) -> None:
    started = time.monotonic()
    with pytest.raises(DeadlineExceededError, match="waiting for the response"):
        await driver.fetch(_post(server.url("/slow-head?delay=5"), Deadline.start(0.3)))
    assert time.monotonic() - started < 2


async def test_a_server_dripping_the_head_cannot_outlast_the_deadline(driver: Driver, server: LoopbackServer) -> None:
    """A head sent a byte every 50 ms for 5 s: no read waits long, yet the request ends at its 0.5 s
    deadline (without a bound on the whole head the server would end it after 5 s, a broken connection)."""
    if driver.name in ("urllib3-pool", "httpx", "httpx2"):
        pytest.skip("a user's PoolManager or blocking httpx client bounds each read of the head only")
    await driver.fetch(_post(server.url("/echo")))  # a warm pool: the deadline is all spent on the drip
    with pytest.raises(DeadlineExceededError, match=r"total timeout of 0\.5 s passed while waiting for the response"):
        await driver.fetch(_post(server.url("/drip-head?interval=0.05&seconds=5"), Deadline.start(0.5)))


def test_the_default_blocking_transport_reads_the_whole_head_within_the_chunk_limit(server: LoopbackServer) -> None:
    """The chunk limit is the longest wait for the response head as a whole, however it is paced."""
    transports = Transports()
    deadline = Deadline.start(Timeout(total=30, chunk=0.3))
    with pytest.raises(APICallError, match=r"timed out after 0\.3 s") as caught:
        transports.sync().send(_post(server.url("/drip-head?interval=0.05&seconds=5"), deadline))
    transports.close()
    assert caught.value.is_retryable is True
    assert caught.value.status_code is None


async def test_a_passed_deadline_sends_nothing(driver: Driver, server: LoopbackServer) -> None:
    deadline = Deadline.start(0.01)
    time.sleep(0.02)
    with pytest.raises(DeadlineExceededError, match="sending the request"):
        await driver.fetch(_post(server.url("/echo"), deadline))
    assert server.received == []


async def test_a_chunk_limit_is_a_retryable_read_timeout(driver: Driver, server: LoopbackServer) -> None:
    with pytest.raises(APICallError) as caught:
        await driver.fetch(_post(server.url("/stall-body"), Deadline.start(Timeout(total=30, chunk=0.2))), stream=True)
    assert caught.value.is_retryable is True
    assert "timed out after 0.2 s" in caught.value.message


@pytest.fixture
def unanswered_url() -> Iterator[str]:
    """A loopback port whose listen queue is full: a new connection attempt gets no answer at all,
    as when a packet is dropped on the way."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/x"
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


async def test_a_connection_attempt_gives_up_after_the_connect_limit(driver: Driver, unanswered_url: str) -> None:
    started = time.monotonic()
    with pytest.raises(APICallError) as caught:
        await driver.fetch(_post(unanswered_url, Deadline.start(Timeout(total=30, connect=0.3))))
    assert time.monotonic() - started < 3
    assert caught.value.is_retryable is True
    assert caught.value.status_code is None
    if driver.name in ("urllib3", "aiohttp", "urllib3-pool", "aiohttp-session"):
        assert "could not connect within 0.3 s" in caught.value.message


def test_the_default_connect_limit_is_short() -> None:
    assert Timeout().connect == 5.0
    assert Deadline.start().connect_timeout() == 5.0

"""ConcurrencyLimit: one count shared by threads and event loops, first come first served, waits bounded
by the deadline, and no slot lost to a cancelled or failed request."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from ai_sdk import ConcurrencyLimit
from ai_sdk.errors import DeadlineExceededError, InvalidArgumentError
from ai_sdk.http.limiter import LimitedAsyncTransport, LimitedSyncTransport
from ai_sdk.http.transport import HttpRequest
from ai_sdk.spec.deadline import Deadline
from ai_sdk.testing.mock_transport import MockResponse, MockTransport


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "10", None])
def test_the_limit_must_be_a_positive_int(bad: object) -> None:
    with pytest.raises(InvalidArgumentError, match="max_concurrent_requests"):
        ConcurrencyLimit(bad)  # type: ignore[arg-type]


def test_threads_never_exceed_the_limit() -> None:
    limit = ConcurrencyLimit(3)
    peak = 0
    lock = threading.Lock()

    def work() -> None:
        nonlocal peak
        for _ in range(20):
            limit.acquire()
            with lock:
                peak = max(peak, limit.in_flight)
            time.sleep(0.001)
            limit.release()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert peak == 3
    assert (limit.in_flight, limit.waiting) == (0, 0)


async def test_threads_and_tasks_share_one_count() -> None:
    limit = ConcurrencyLimit(2)
    seen: list[int] = []

    def blocking() -> None:
        limit.acquire()
        seen.append(limit.in_flight)
        time.sleep(0.01)
        limit.release()

    async def task() -> None:
        await limit.acquire_async()
        seen.append(limit.in_flight)
        await asyncio.sleep(0.01)
        limit.release()

    threads = [threading.Thread(target=blocking) for _ in range(5)]
    for thread in threads:
        thread.start()
    await asyncio.gather(*(task() for _ in range(10)))
    for thread in threads:
        await asyncio.to_thread(thread.join, 10)
    assert len(seen) == 15
    assert max(seen) <= 2
    assert (limit.in_flight, limit.waiting) == (0, 0)


def test_slots_go_to_the_longest_waiter() -> None:
    limit = ConcurrencyLimit(1)
    limit.acquire()
    order: list[int] = []

    def wait(index: int) -> None:
        limit.acquire()
        order.append(index)
        limit.release()

    threads = []
    for index in range(4):
        thread = threading.Thread(target=wait, args=(index,))
        thread.start()
        threads.append(thread)
        while limit.waiting < index + 1:
            time.sleep(0.001)
    limit.release()
    for thread in threads:
        thread.join(10)
    assert order == [0, 1, 2, 3]


def test_a_wait_ends_at_the_deadline() -> None:
    limit = ConcurrencyLimit(1)
    limit.acquire()
    started = time.monotonic()
    with pytest.raises(DeadlineExceededError, match="waiting for a free request slot"):
        limit.acquire(Deadline.start(0.1))
    assert time.monotonic() - started < 2
    assert limit.waiting == 0
    limit.release()
    assert limit.in_flight == 0


async def test_an_async_wait_ends_at_the_deadline_and_a_cancelled_one_takes_nothing() -> None:
    limit = ConcurrencyLimit(1)
    await limit.acquire_async()
    with pytest.raises(DeadlineExceededError):
        await limit.acquire_async(Deadline.start(0.05))
    waiter = asyncio.ensure_future(limit.acquire_async())
    await asyncio.sleep(0.01)
    assert limit.waiting == 1
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    assert limit.waiting == 0
    limit.release()
    assert limit.in_flight == 0


async def test_a_slot_handed_to_a_task_that_is_cancelled_is_passed_on() -> None:
    limit = ConcurrencyLimit(1)
    await limit.acquire_async()
    first = asyncio.ensure_future(limit.acquire_async())
    second = asyncio.ensure_future(limit.acquire_async())
    await asyncio.sleep(0.01)
    limit.release()  # hands the slot to `first` (woken on the loop's next turn) ...
    first.cancel()  # ... which is cancelled before it runs
    with pytest.raises(asyncio.CancelledError):
        await first
    await asyncio.wait_for(second, 2)  # the slot went on to `second`
    assert limit.in_flight == 1
    limit.release()
    assert limit.in_flight == 0


def _request() -> HttpRequest:
    return HttpRequest("POST", "https://example.test/v1/x", {}, b"{}")


def test_a_limited_transport_holds_the_slot_until_the_response_is_closed() -> None:
    limit = ConcurrencyLimit(1)
    transport = LimitedSyncTransport(MockTransport(MockResponse(body=b"{}")), limit)
    response = transport.send(_request())
    assert limit.in_flight == 1
    assert response.read() == b"{}"
    response.close()
    response.close()  # idempotent: the slot is given back once
    assert limit.in_flight == 0


async def test_a_failed_send_gives_the_slot_back() -> None:
    limit = ConcurrencyLimit(1)

    def refuse(request: HttpRequest) -> MockResponse:
        raise OSError("refused")

    transport = LimitedAsyncTransport(MockTransport(refuse), limit)
    with pytest.raises(OSError, match="refused"):
        await transport.send(_request())
    assert limit.in_flight == 0

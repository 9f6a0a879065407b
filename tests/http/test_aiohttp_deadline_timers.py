"""The timers the aiohttp transport asks aiohttp for when a request has a deadline: one total timer at
the deadline, never rounded up, and a per-read timer only for a chunk limit shorter than the time left."""

from __future__ import annotations

import time
from typing import Any

import aiohttp
import pytest

from ai_sdk.errors import APICallError
from ai_sdk.http.aiohttp_transport import AiohttpTransport
from ai_sdk.http.transport import HttpRequest
from ai_sdk.spec.deadline import Deadline, Timeout


class _Session:
    """Stands in for a user's ``ClientSession``: records the options of each request, then fails it."""

    closed = False

    def __init__(self) -> None:
        self.options: list[dict[str, Any]] = []

    async def request(self, method: str, url: str, **options: Any) -> Any:
        self.options.append(options)
        raise aiohttp.ClientConnectionError("recorded")


async def _timeout(deadline: Deadline) -> aiohttp.ClientTimeout:
    session = _Session()
    transport = AiohttpTransport(session)  # type: ignore[arg-type]
    with pytest.raises(APICallError, match="connection broke before a response arrived"):
        await transport.send(HttpRequest("POST", "http://127.0.0.1:9/x", {}, b"{}", None, deadline))
    timeout = session.options[0]["timeout"]
    assert isinstance(timeout, aiohttp.ClientTimeout)
    return timeout


async def test_without_a_chunk_limit_the_deadline_is_the_only_timer() -> None:
    timeout = await _timeout(Deadline.start(Timeout(total=30, connect=2)))
    assert timeout.total is not None
    assert 29 < timeout.total <= 30
    assert timeout.sock_read is None
    assert timeout.sock_connect == 2
    assert timeout.ceil_threshold == float("inf")  # a 30 s timer fires at 30 s, not at the next whole second


async def test_a_chunk_limit_shorter_than_the_time_left_gets_its_read_timer() -> None:
    timeout = await _timeout(Deadline.start(Timeout(total=30, chunk=2)))
    assert timeout.sock_read == 2
    assert timeout.total is not None
    assert 29 < timeout.total <= 30
    longer = await _timeout(Deadline.start(Timeout(total=1, chunk=20)))
    assert longer.sock_read is None


async def test_without_an_end_a_chunk_limit_is_the_only_timer() -> None:
    timeout = await _timeout(Deadline.start(Timeout(total=None, chunk=3)))
    assert (timeout.total, timeout.sock_read) == (None, 3)


class _LastInstant(Deadline):
    """A deadline whose time runs out between the transport's check and its look at what is left."""

    def remaining(self) -> float:
        return 0.0


async def test_a_deadline_about_to_pass_still_gets_a_timer() -> None:
    deadline = _LastInstant(ends_at=time.monotonic() + 30, seconds=30)
    timeout = await _timeout(deadline)
    assert timeout.total is not None
    assert timeout.total > 0  # aiohttp reads a total of 0 as "no timeout"

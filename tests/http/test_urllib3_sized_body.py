"""The urllib3 transport's own reading of a body of known length (``read()`` straight from the
connection's buffered reader), checked against urllib3's ``read`` on the same bytes, and the pool routes
it remembers for its own pool manager."""

from __future__ import annotations

import time
from typing import Any

import pytest
import urllib3
from hypothesis import given, settings
from hypothesis import strategies as st

from ai_sdk.errors import DeadlineExceededError
from ai_sdk.http import urllib3_transport
from ai_sdk.http.transport import HttpRequest
from ai_sdk.http.urllib3_transport import Urllib3Response, Urllib3Transport
from ai_sdk.spec import APICallError
from ai_sdk.spec.deadline import Deadline, Timeout

from .conftest import Driver, LoopbackServer
from .test_urllib3_chunked_body import URL, _response


def _head(length: int) -> bytes:
    return b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n" % length


def _ours(wire: bytes, sizes: list[int]) -> bytes | None:
    """The body our transport reads, or ``None`` when it raised the retryable "connection broke" error."""
    failure: APICallError | None = None
    try:
        return Urllib3Response(_response(wire, sizes), URL, None).read()
    except APICallError as error:
        failure = error
    assert failure.message.endswith("the connection broke before the whole response body arrived")
    assert (failure.status_code, failure.is_retryable) == (200, True)
    return None


def _urllib3(wire: bytes) -> bytes | None:
    try:
        return _response(wire).read()
    except Exception:  # any failure counts: the transport maps them all to one error
        return None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000), st.lists(st.integers(1, 700), max_size=20))
def test_a_body_reads_whole_however_the_bytes_arrive(data: bytes, sizes: list[int]) -> None:
    head = _head(len(data))
    assert _ours(head + data, [len(head), *sizes]) == data == _urllib3(head + data)


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=1, max_size=500), st.data())
def test_a_body_cut_short_fails_exactly_when_urllib3_fails(data: bytes, draw: st.DataObject) -> None:
    cut = draw.draw(st.integers(0, len(data) - 1))
    head = _head(len(data))
    assert _urllib3(head + data[:cut]) is None
    assert _ours(head + data[:cut], [len(head)]) is None


def test_a_body_that_arrived_with_its_head_is_one_read_and_closes_the_http_client_response() -> None:
    wire = _head(5) + b"hello"
    response = _response(wire)
    raw = response._original_response
    assert raw is not None
    reads: list[int] = []
    read1 = raw.fp.read1

    def counted(size: int = -1) -> bytes:
        reads.append(size)
        return read1(size)

    raw.fp.read1 = counted  # type: ignore[method-assign]

    assert Urllib3Response(response, URL, None).read() == b"hello"
    assert reads == [5]  # the whole body asked for at once; no read to find the end
    assert raw.isclosed()


def test_an_empty_body_reads_nothing() -> None:
    assert Urllib3Response(_response(_head(0)), URL, None).read() == b""


def test_the_deadline_is_checked_before_each_read() -> None:
    response = _response(_head(4) + b"abcd", [len(_head(4)), 1, 1, 1, 1])
    deadline = Deadline.start(Timeout(total=30))
    ours = Urllib3Response(response, URL, None, deadline)
    deadline.ends_at = time.monotonic() - 1  # passed while the head was being handled

    with pytest.raises(DeadlineExceededError, match="while reading the response body"):
        ours.read()


async def test_a_dripping_body_read_whole_cannot_outlast_the_deadline(driver: Driver, server: LoopbackServer) -> None:
    """As the stream case of test_http_deadlines, for ``read()``: one byte every 50 ms of a
    content-length body, a per-read limit of 0.3 s that never trips, a deadline of 0.5 s that does."""
    request = HttpRequest("POST", server.url("/echo"), {}, b"{}", 5.0)
    await driver.fetch(request)  # a warm pool
    deadline = Deadline.start(Timeout(total=0.5, chunk=0.3))
    started = time.monotonic()
    drip = HttpRequest("POST", server.url("/drip?kind=json&interval=0.05&seconds=5"), {}, b"{}", None, deadline)
    with pytest.raises(DeadlineExceededError, match=r"total timeout of 0\.5 s passed"):
        await driver.fetch(drip)
    assert 0.5 <= time.monotonic() - started < 2.5


def test_own_pool_manager_routes_are_remembered_and_bounded(server: LoopbackServer) -> None:
    transport = Urllib3Transport()
    routes = transport._routes
    assert routes is not None
    for _ in range(2):
        response = transport.send(HttpRequest("GET", server.url("/echo?x=1"), {}, None, 5.0))
        assert response.read().startswith(b"{")
        response.close()
    pool, path = routes[server.url("/echo?x=1")]
    assert path == "/echo?x=1"
    assert len({request["client_port"] for request in server.received}) == 1  # one pooled connection

    for index in range(urllib3_transport._MAX_ROUTES + 5):
        transport._route(server.url(f"/echo?n={index}"))
    assert 0 < len(routes) <= urllib3_transport._MAX_ROUTES
    assert transport._route(server.url("/echo?n=0"))[0] is pool  # one pool per host, however many URLs

    transport.close()
    assert routes == {}


def test_a_users_pool_manager_gets_every_request_itself(server: LoopbackServer) -> None:
    seen: list[str] = []

    class Recording(urllib3.PoolManager):
        def urlopen(self, method: str, url: str, redirect: bool = True, **kw: Any) -> Any:
            seen.append(url)
            return super().urlopen(method, url, redirect=redirect, **kw)

    transport = Urllib3Transport(Recording())
    assert transport._routes is None
    for _ in range(2):
        response = transport.send(HttpRequest("GET", server.url("/echo"), {}, None, 5.0))
        assert response.read().startswith(b"{")
        response.close()
    assert seen == [server.url("/echo")] * 2

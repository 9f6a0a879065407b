"""A real HTTP/1.1 server on loopback, and one driver per transport, so every transport is tested
against the same misbehaving server: JSON, chunked SSE, slow heads and bodies, abrupt disconnects.

Stalling handlers wait on the server's stop event, so teardown never waits for them.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from ai_sdk.http.provider_transports import Transports
from ai_sdk.http.transport import HttpRequest


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    stop: threading.Event
    received: list[dict[str, Any]]
    gates: dict[str, threading.Event]

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients hanging up mid-response are part of the tests, not server errors."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _handle(self) -> None:
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.received.append(
            {
                "method": self.command,
                "path": parts.path,
                "headers": dict(self.headers.items()),
                "body": body,
                "client_port": self.client_address[1],
            }
        )
        route = getattr(self, "route_" + parts.path.strip("/").replace("-", "_"), None)
        if route is None:
            self._send(404, b'{"detail":"Not Found"}')
        else:
            route(query, body)

    do_GET = do_POST = _handle

    def _send(self, status: int, body: bytes, content_type: str = "application/json", **headers: str) -> None:
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _start_chunked(self, content_type: str = "text/event-stream") -> None:
        self.send_response(200)
        self.send_header("content-type", content_type)
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _abort(self) -> None:
        """Close with a TCP reset (SO_LINGER 0), the way a crashed proxy drops a connection."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    # Routes: /<name>?<query>

    def route_echo(self, query: dict[str, str], body: bytes) -> None:
        echoed = {
            "method": self.command,
            "content_type": self.headers.get("content-type"),
            "body": body.decode("utf-8", "replace"),
            "x_test": self.headers.get("x-test"),
        }
        self._send(200, json.dumps(echoed).encode(), x_request_id="req-1")

    def route_status(self, query: dict[str, str], body: bytes) -> None:
        extra = {"location": query["location"]} if "location" in query else {}
        self._send(int(query["code"]), query.get("body", "").encode(), **extra)

    def _gate(self, query: dict[str, str]) -> None:
        """Pause until the test opens the named gate (at most 2 s)."""
        if "gate" in query:
            self.server.gates.setdefault(query["gate"], threading.Event()).wait(2)

    def route_sse(self, query: dict[str, str], body: bytes) -> None:
        self._start_chunked()
        for index in range(int(query.get("n", "3"))):
            self._chunk(b'data: {"index": %d}\n\n' % index)
            if index == 0:
                self._gate(query)
        self._chunk(b"data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")

    def route_stream_plain(self, query: dict[str, str], body: bytes) -> None:
        """A streamed body without chunked framing: delimited by closing the connection."""
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("connection", "close")
        self.end_headers()
        self.wfile.write(b'data: {"index": 0}\n\n')
        self.wfile.flush()
        self._gate(query)
        self.wfile.write(b"data: [DONE]\n\n")
        self.close_connection = True

    def route_slow_head(self, query: dict[str, str], body: bytes) -> None:
        self.server.stop.wait(float(query.get("delay", "5")))
        if not self.server.stop.is_set():
            self._send(200, b"{}")

    def route_stall_body(self, query: dict[str, str], body: bytes) -> None:
        self._start_chunked()
        self._chunk(b'data: {"index": 0}\n\n')
        self.server.stop.wait(5)
        self.close_connection = True

    def route_cut_chunked(self, query: dict[str, str], body: bytes) -> None:
        self._start_chunked()
        self._chunk(b'data: {"index": 0}\n\n')
        self.wfile.write(b'40\r\ndata: {"ind')
        self.wfile.flush()
        # A clean close (FIN) mid-chunk, not a reset: a reset may make the client's kernel drop the
        # bytes already received, so what the client sees would depend on timing.
        self.close_connection = True

    def route_cut_length(self, query: dict[str, str], body: bytes) -> None:
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", "100")
        self.end_headers()
        self.wfile.write(b'{"partial": ')
        self.wfile.flush()
        self._abort()

    def route_reset(self, query: dict[str, str], body: bytes) -> None:
        self._abort()

    def route_drip(self, query: dict[str, str], body: bytes) -> None:
        """A body that never stalls long enough for a per-read timeout: one byte every ``interval``
        seconds (``kind=json``: a content-length body; ``kind=sse``: one-byte chunks) for ``seconds``."""
        interval = float(query.get("interval", "0.05"))
        count = int(float(query.get("seconds", "5")) / interval)
        if query.get("kind") == "sse":
            self._start_chunked()
            for _ in range(count):
                if self.server.stop.wait(interval):
                    break
                self._chunk(b":")  # an SSE comment, one byte at a time
            self.close_connection = True
            return
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(count))
        self.end_headers()
        self.wfile.flush()
        for _ in range(count):
            if self.server.stop.wait(interval):
                break
            self.wfile.write(b" ")
            self.wfile.flush()
        self.close_connection = True

    def route_drip_head(self, query: dict[str, str], body: bytes) -> None:
        """A response head sent one byte every ``interval`` seconds for ``seconds``: every read of it gets
        something, so only a bound on the whole head ends the wait. The head never ends."""
        interval = float(query.get("interval", "0.05"))
        head = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-padding: "
        head += b"a" * int(float(query.get("seconds", "5")) / interval)
        for byte in head:
            if self.server.stop.wait(interval):
                break
            self.wfile.write(bytes([byte]))
        self.close_connection = True

    def route_gzip_sse(self, query: dict[str, str], body: bytes) -> None:
        """An SSE stream compressed with gzip, flushed after each event (as a compressing proxy does)."""
        import zlib

        compressor = zlib.compressobj(wbits=31)
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("content-encoding", "gzip")
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        for index in range(int(query.get("n", "3"))):
            event = b'data: {"index": %d}\n\n' % index
            self._chunk(compressor.compress(event) + compressor.flush(zlib.Z_SYNC_FLUSH))
        self._chunk(compressor.compress(b"data: [DONE]\n\n") + compressor.flush())
        self.wfile.write(b"0\r\n\r\n")

    def route_gzip_json(self, query: dict[str, str], body: bytes) -> None:
        import gzip

        data = gzip.compress(b'{"ok": true}')
        if "corrupt" in query:
            data = data[:10] + b"\x00garbage, not deflate" + data[10:]
        self._send(200, data, content_encoding="gzip")

    def route_bad_utf8(self, query: dict[str, str], body: bytes) -> None:
        self._send(200, b'{"text": "caf\xe9"}')

    def route_multipart(self, query: dict[str, str], body: bytes) -> None:
        from email.parser import BytesParser
        from email.policy import HTTP

        message = BytesParser(policy=HTTP).parsebytes(
            b"content-type: " + self.headers["content-type"].encode() + b"\r\n\r\n" + body
        )
        fields = []
        for part in message.iter_parts():
            payload = part.get_payload(decode=True)
            fields.append(
                {
                    "name": part.get_param("name", header="content-disposition"),
                    "filename": part.get_filename(),
                    "content_type": part.get("content-type"),
                    "size": len(payload),
                    "text": payload.decode("utf-8", "replace"),
                }
            )
        self._send(200, json.dumps({"fields": fields}).encode())


@dataclass
class LoopbackServer:
    base_url: str
    received: list[dict[str, Any]]
    gates: dict[str, threading.Event]

    def url(self, path: str) -> str:
        return self.base_url + path

    def open_gate(self, name: str) -> None:
        self.gates.setdefault(name, threading.Event()).set()


@pytest.fixture(scope="session")
def _server_process() -> Iterator[_Server]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.stop = threading.Event()
    server.received = []
    server.gates = {}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.stop.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def server(_server_process: _Server) -> LoopbackServer:
    _server_process.received.clear()
    host, port = _server_process.server_address[:2]
    return LoopbackServer(f"http://{host}:{port}", _server_process.received, _server_process.gates)


@pytest.fixture
def refused_url() -> str:
    """A loopback URL where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/x"


@dataclass
class Exchange:
    status: int
    headers: dict[str, str]
    body: bytes
    chunks: list[bytes]


class Driver:
    """Runs one transport (blocking or async) behind the same async test code."""

    def __init__(self, name: str, transports: Transports, is_async: bool) -> None:
        self.name = name
        self.transports = transports
        self.is_async = is_async

    async def fetch(self, request: HttpRequest, *, stream: bool = False) -> Exchange:
        """Send, then read the body whole (or chunk by chunk when ``stream``), always closing."""
        if self.is_async:
            response = await self.transports.async_().send(request, stream=stream)
            try:
                if stream:
                    chunks = [chunk async for chunk in response.aiter_bytes()]
                    body = b"".join(chunks)
                else:
                    body = await response.read()
                    chunks = [body]
            finally:
                response.close()
        else:
            sync_response = self.transports.sync().send(request, stream=stream)
            try:
                if stream:
                    chunks = list(sync_response.iter_bytes())
                    body = b"".join(chunks)
                else:
                    body = sync_response.read()
                    chunks = [body]
            finally:
                sync_response.close()
            response = sync_response  # type: ignore[assignment]
        return Exchange(response.status, dict(response.headers), body, chunks)

    async def drain(self, request: HttpRequest, into: list[bytes]) -> None:
        """Stream the body into ``into`` (which keeps what arrived if the stream then fails)."""
        async for chunk in self.open_stream(request):
            into.append(chunk)

    async def open_stream(self, request: HttpRequest) -> AsyncIterator[bytes]:
        """Yield chunks as they arrive (to observe a stream that fails midway)."""
        if self.is_async:
            response = await self.transports.async_().send(request, stream=True)
            try:
                async for chunk in response.aiter_bytes():
                    yield chunk
            finally:
                response.close()
        else:
            sync_response = self.transports.sync().send(request, stream=True)
            try:
                for chunk in sync_response.iter_bytes():
                    yield chunk
            finally:
                sync_response.close()


DRIVERS = ["urllib3", "aiohttp", "urllib3-pool", "aiohttp-session", "httpx", "httpx-async", "httpx2", "httpx2-async"]


@pytest.fixture(params=DRIVERS)
async def driver(request: pytest.FixtureRequest) -> AsyncIterator[Driver]:
    """Every transport: the two defaults, the same libraries with user-made clients, and httpx/httpx2."""
    name: str = request.param
    cleanup: list[Any] = []
    if name in ("urllib3", "aiohttp"):
        transports = Transports()
    elif name == "urllib3-pool":
        import urllib3

        transports = Transports(http_client=urllib3.PoolManager())
    elif name == "aiohttp-session":
        import aiohttp

        session = aiohttp.ClientSession()
        cleanup.append(session.close)
        transports = Transports(http_client=session)
    else:
        library = pytest.importorskip(name.removesuffix("-async"))
        if name.endswith("-async"):
            client = library.AsyncClient()
            cleanup.append(client.aclose)
        else:
            client = library.Client()
            cleanup.append(client.close)
        transports = Transports(http_client=client)
    is_async = name in ("aiohttp", "aiohttp-session") or name.endswith("-async")
    yield Driver(name, transports, is_async)
    await transports.aclose()
    for close in cleanup:
        result = close()
        if result is not None:
            await result

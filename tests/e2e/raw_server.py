"""A loopback server that answers every request with the same hand-written bytes, paced as the test
says: for faults the emulator does not model (a body dripped byte by byte, an error frame followed by
silence, a body cut after its head). Handlers wait on the server's stop event, so closing never hangs."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

Handler = Callable[[socket.socket, threading.Event], None]


@dataclass
class RawServer:
    url: str
    stop: threading.Event
    requests: list[bytes] = field(default_factory=list)


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


@contextmanager
def raw_server(handler: Handler) -> Iterator[RawServer]:
    """Serve ``handler(connection, stop)`` for each request on a fresh loopback port (``/v1`` base URL)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    stop = threading.Event()
    server = RawServer(f"http://127.0.0.1:{listener.getsockname()[1]}/v1", stop)
    connections: list[socket.socket] = []

    def serve(conn: socket.socket) -> None:
        with conn:
            try:
                request = _read_request(conn)
                if request:
                    server.requests.append(request)
                    handler(conn, stop)
            except OSError:
                pass

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            connections.append(conn)
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        stop.set()
        with suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() (closing alone does not, on Linux)
        listener.close()
        for conn in connections:
            with suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        thread.join(5)


def sse(value: object) -> bytes:
    """One SSE ``data:`` frame of a JSON value."""
    return b"data: " + json.dumps(value).encode() + b"\n\n"


def delta_frame(content: str | None = None, finish_reason: str | None = None) -> bytes:
    """A chat completion chunk in DeepInfra's shape (usage on the finishing chunk)."""
    delta = {"role": "assistant", "content": content} if content is not None else {}
    value: dict[str, object] = {
        "id": "c",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }
    if finish_reason is not None:
        value["usage"] = {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
    return sse(value)


def chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


SSE_HEAD = b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"

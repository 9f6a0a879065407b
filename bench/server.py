"""A fast loopback server answering in DeepInfra's exact shapes, for the benchmarks.

It runs in its own process (so its CPU never counts against the client being measured), speaks
HTTP/1.1 with keep-alive on a raw asyncio protocol, and answers from pre-rendered bytes:

- ``POST .../chat/completions``: the recorded non-streaming shape, or with ``"stream": true`` a
  200-chunk SSE stream in DeepInfra's framing (``", "`` separators, usage on the finish chunk);
- ``POST .../embeddings``: one 768-float vector per input value.

Run directly to serve on a port: ``python bench/server.py 8765``; the benchmarks call :func:`spawn`.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

STREAM_CHUNKS = 200
EMBEDDING_SIZE = 768

CHAT_BODY = json.dumps(
    {
        "id": "chatcmpl-75fc502802c94cafa05db0f7ee12f5f6",
        "object": "chat.completion",
        "created": 1732684495,
        "model": "meta-llama/Meta-Llama-3.1-70B-Instruct",
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": "Coca Cola is a carbonated soft drink manufactured by The Coca-Cola Company.",
                    "name": None,
                    "tool_calls": None,
                },
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 48, "total_tokens": 248, "completion_tokens": 200, "estimated_cost": 9.68e-05},
    },
    separators=(",", ":"),
).encode()


def _stream_body() -> bytes:
    head = {"id": "chatcmpl-RXE8YP4fhWBTFLGpZWdMCq34", "object": "chat.completion.chunk", "created": 1732684855}
    model = "meta-llama/Meta-Llama-3.1-70B-Instruct"
    frames = []
    for i in range(STREAM_CHUNKS):
        delta = {"role": "assistant", "content": "" if i == 0 else f"tok{i} ", "tool_calls": None}
        chunk = {
            **head,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": None}],
            "usage": None,
        }
        frames.append(b"data: " + json.dumps(chunk).encode() + b"\n\n")
    usage: dict[str, float] = {"prompt_tokens": 48, "total_tokens": 48 + STREAM_CHUNKS}
    usage |= {"completion_tokens": STREAM_CHUNKS, "estimated_cost": 9.24e-05}
    final = {**head, "model": model, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "usage": usage}
    frames.append(b"data: " + json.dumps(final).encode() + b"\n\n")
    frames.append(b"data: [DONE]\n\n")
    # Chunked transfer encoding, one HTTP chunk per SSE frame, as a streaming server sends them.
    return b"".join(b"%x\r\n%s\r\n" % (len(f), f) for f in frames) + b"0\r\n\r\n"


STREAM_BODY = _stream_body()
VECTOR = [round(0.001 * (i % 97) - 0.05, 6) for i in range(EMBEDDING_SIZE)]


def _embedding_body(count: int) -> bytes:
    data = [{"index": i, "object": "embedding", "embedding": VECTOR} for i in range(count)]
    usage = {"prompt_tokens": 3 * count, "total_tokens": 3 * count}
    body = {"object": "list", "model": "BAAI/bge-base-en-v1.5", "usage": usage, "data": data}
    return json.dumps(body, separators=(",", ":")).encode()


def _response(body: bytes, content_type: bytes = b"application/json") -> bytes:
    return b"HTTP/1.1 200 OK\r\ncontent-type: " + content_type + b"\r\ncontent-length: %d\r\n\r\n" % len(body) + body


CHAT_RESPONSE = _response(CHAT_BODY)
STREAM_RESPONSE = (
    b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n" + STREAM_BODY
)
NOT_FOUND = b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n"


class _Protocol(asyncio.Protocol):
    def __init__(self) -> None:
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end].decode("latin-1")
            length = 0
            for line in head.split("\r\n")[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if len(self.buffer) < end + 4 + length:
                return
            body = self.buffer[end + 4 : end + 4 + length]
            self.buffer = self.buffer[end + 4 + length :]
            path = head.split(" ", 2)[1]
            assert self.transport is not None
            self.transport.write(self._answer(path, body))

    @staticmethod
    def _answer(path: str, body: bytes) -> bytes:
        if path.endswith("/chat/completions"):
            streaming = b'"stream":true' in body or b'"stream": true' in body
            return STREAM_RESPONSE if streaming else CHAT_RESPONSE
        if path.endswith("/embeddings"):
            count = json.loads(body).get("input")
            return _response(_embedding_body(len(count) if isinstance(count, list) else 1))
        return NOT_FOUND


async def serve(port: int) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(_Protocol, "127.0.0.1", port, backlog=1024)
    print(f"ready {server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


def spawn() -> tuple[subprocess.Popen[str], int]:
    """Start this server in a new process on a free port; return the process and the port."""
    proc = subprocess.Popen([sys.executable, __file__, "0"], stdout=subprocess.PIPE, text=True, bufsize=1)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("ready"):
        proc.kill()
        raise SystemExit(f"bench server did not start: {line!r}")
    return proc, int(line.split()[1])


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1]) if len(sys.argv) > 1 else 0))

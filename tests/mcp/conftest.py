"""Fixtures for the MCP tests: the test server over stdio (a child process) and over streamable HTTP
(uvicorn on a loopback port chosen by the OS, in a thread), and the ``mode`` fixture."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from ai_sdk.mcp import HTTPMCPTransport, StdioMCPTransport

SERVER_SCRIPT = Path(__file__).with_name("mcp_server.py")


@pytest.fixture
def stdio_transport() -> StdioMCPTransport:
    return StdioMCPTransport(command=sys.executable, args=[str(SERVER_SCRIPT)])


@pytest.fixture(scope="module")
def http_url() -> Iterator[str]:
    """The test server's streamable HTTP endpoint, for the whole module (an app serves once)."""
    from .mcp_server import server

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(server.streamable_http_app(), log_level="warning", lifespan="on")
    http_server = uvicorn.Server(config)
    thread = threading.Thread(target=http_server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not http_server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the MCP test server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        http_server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture
def http_transport(http_url: str) -> HTTPMCPTransport:
    return HTTPMCPTransport(url=http_url, headers={"x-test": "yes"})

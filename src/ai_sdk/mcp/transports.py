"""Where an MCP server is: a command to start (stdio) or a URL (streamable HTTP). Configuration only;
:mod:`.client` opens the connection with the official ``mcp`` package."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

from ..spec.errors import InvalidArgumentError

__all__ = ["HTTPMCPTransport", "MCPTransport", "StdioMCPTransport", "open_transport"]


@dataclass(frozen=True, slots=True)
class StdioMCPTransport:
    """Start ``command`` with ``args`` as a child process and speak MCP over its stdin/stdout.

    ``env`` adds variables to a minimal safe environment (``PATH``, ``HOME``, ...; not your whole
    environment, so secrets are not passed on by accident); ``cwd`` is its working directory. The
    process ends when the client closes.
    """

    command: str
    args: Sequence[str] = ()
    env: Mapping[str, str] | None = field(default=None, repr=False)
    cwd: str | Path | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.command, str) or not self.command:
            raise InvalidArgumentError(
                "command must be the executable that starts the server, e.g. 'npx' or sys.executable",
                argument="command",
                value=self.command,
            )
        if isinstance(self.args, str):
            raise InvalidArgumentError(
                "args must be a list of strings, e.g. ['-m', 'my_server'], not one string",
                argument="args",
                value=self.args,
            )


@dataclass(frozen=True, slots=True)
class HTTPMCPTransport:
    """Speak MCP's streamable HTTP transport with the server at ``url`` (e.g.
    ``http://localhost:8000/mcp``). ``headers`` go with every request (an ``Authorization`` header,
    say); they are left out of the ``repr``."""

    url: str
    headers: Mapping[str, str] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.url, str) or not self.url.startswith(("http://", "https://")):
            raise InvalidArgumentError(
                "url must be the server's http(s) MCP endpoint, e.g. 'http://localhost:8000/mcp'",
                argument="url",
                value=self.url,
            )


MCPTransport: TypeAlias = StdioMCPTransport | HTTPMCPTransport
"""The transports :func:`~ai_sdk.mcp.create_mcp_client` accepts."""


@asynccontextmanager
async def open_transport(
    transport: MCPTransport, on_http_error: Callable[[int], None] | None = None
) -> AsyncIterator[tuple[Any, Any]]:
    """The ``mcp`` package's read and write streams for ``transport``, closed on exit.
    ``on_http_error`` hears the status of each HTTP error answer (the ``mcp`` package's own errors
    leave it out, so a 401 would read as "Server returned an error response")."""
    if isinstance(transport, StdioMCPTransport):
        from mcp.client.stdio import StdioServerParameters, stdio_client

        parameters = StdioServerParameters(
            command=transport.command,
            args=list(transport.args),
            env=dict(transport.env) if transport.env is not None else None,
            cwd=transport.cwd,
        )
        async with stdio_client(parameters) as (read, write):
            yield read, write
        return
    import httpx2
    from mcp.client.streamable_http import streamable_http_client

    # The mcp package's own defaults: 30 s to connect and write, 300 s to read (a server may hold a
    # response stream open while a tool runs).
    timeout = httpx2.Timeout(30.0, read=300.0)

    async def heard(response: Any) -> None:
        if response.status_code >= 400 and on_http_error is not None:
            on_http_error(response.status_code)

    hooks = {"response": [heard]}
    async with (
        httpx2.AsyncClient(headers=dict(transport.headers or {}), timeout=timeout, event_hooks=hooks) as http_client,
        streamable_http_client(transport.url, http_client=http_client) as (read, write),
    ):
        yield read, write

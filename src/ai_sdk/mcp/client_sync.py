"""The blocking MCP client, for ``ai_sdk.sync``.

The ``mcp`` package is async only, so this client runs an :class:`~ai_sdk.mcp.MCPClient` on an event
loop in a private daemon thread and waits for its answers; the tools it returns have plain
functions, which the blocking tool loop runs. The thread starts in ``connect`` and ends in ``close``.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from ..core.tool import Tool, tool
from ..spec.errors import MCPClientError
from .client import MCPClient
from .tools import model_tool_names
from .transports import MCPTransport

if TYPE_CHECKING:
    from types import TracebackType

__all__ = ["SyncMCPClient", "create_mcp_client_sync"]

T = TypeVar("T")


class SyncMCPClient:
    """A blocking connection to one MCP server (see :func:`create_mcp_client_sync`); ``with`` closes it."""

    def __init__(self, transport: MCPTransport, *, connect_timeout: float = 30.0, timeout: float | None = None) -> None:
        self._client = MCPClient(transport, connect_timeout=connect_timeout, timeout=timeout)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        return "Sync" + repr(self._client)

    @property
    def transport(self) -> MCPTransport:
        """Where the server is."""
        return self._client.transport

    def _run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        loop = self._loop
        if loop is None:
            coroutine.close()
            raise MCPClientError(f"the MCP client for {self._client.transport!r} is not connected or already closed")
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result()

    def connect(self) -> SyncMCPClient:
        """Start or reach the server (see :meth:`MCPClient.connect`)."""
        if self._loop is not None:
            raise MCPClientError("this MCP client is already connected; make a new one")
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="ai_sdk-mcp-client", daemon=True)
        thread.start()
        self._loop, self._thread = loop, thread
        try:
            self._run(self._client.connect())
        except BaseException:
            self.close()
            raise
        return self

    def call_tool(self, name: str, arguments: dict[str, Any] | None = None) -> Any:
        """Call the server's tool ``name`` (see :meth:`MCPClient.call_tool`)."""
        return self._run(self._client.call_tool(name, arguments))

    def tools(self) -> dict[str, Tool[Any, Any]]:
        """The server's tools as ai_sdk tools with plain ``execute`` functions, for the blocking API."""
        specs = self._run(self._client.list_tool_specs())
        names = model_tool_names([spec.name for spec in specs])
        return {name: self._tool(spec, name) for spec, name in zip(specs, names, strict=True)}

    def _tool(self, spec: Any, name: str) -> Tool[Any, Any]:
        server_name: str = spec.name

        def execute(arguments: Any) -> Any:
            return self.call_tool(server_name, arguments)

        return tool(
            description=spec.description or spec.title,
            input_schema=dict(spec.input_schema),
            execute=execute,
            name=name,
        )

    def close(self) -> None:
        """End the session and the client's thread. Idempotent."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(self._client.close(), loop).result()
        finally:
            self._loop = self._thread = None
            loop.call_soon_threadsafe(loop.stop)
            thread.join()
            loop.close()

    def __enter__(self) -> SyncMCPClient:
        if self._loop is None:
            self.connect()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def create_mcp_client_sync(
    transport: MCPTransport, *, connect_timeout: float = 30.0, timeout: float | None = None
) -> SyncMCPClient:
    """A connected :class:`SyncMCPClient` (the blocking twin of :func:`~ai_sdk.mcp.create_mcp_client`;
    ``from ai_sdk.sync import create_mcp_client``). Close it with ``client.close()`` or ``with``."""
    return SyncMCPClient(transport, connect_timeout=connect_timeout, timeout=timeout).connect()

"""MCP (Model Context Protocol) tools for ai_sdk, on the official ``mcp`` package
(``pip install 'ai-sdk[mcp]'``).

``client = await create_mcp_client(StdioMCPTransport(command=..., args=[...]))`` (or
``HTTPMCPTransport(url=...)`` for streamable HTTP) connects; ``await client.tools()`` gives the
server's tools as ai_sdk tools for ``generate_text(tools=...)``; ``await client.close()`` ends it.
The blocking twin is ``ai_sdk.sync.create_mcp_client``. See docs/mcp.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_dir, lazy_getattr

if TYPE_CHECKING:
    from .client import MCPClient, create_mcp_client
    from .client_sync import SyncMCPClient, create_mcp_client_sync
    from .transports import HTTPMCPTransport, MCPTransport, StdioMCPTransport

_EXPORTS = {
    "MCPClient": ".client",
    "create_mcp_client": ".client",
    "SyncMCPClient": ".client_sync",
    "create_mcp_client_sync": ".client_sync",
    "HTTPMCPTransport": ".transports",
    "MCPTransport": ".transports",
    "StdioMCPTransport": ".transports",
}

__getattr__ = lazy_getattr(__name__, _EXPORTS)

__all__ = [
    "HTTPMCPTransport",
    "MCPClient",
    "MCPTransport",
    "StdioMCPTransport",
    "SyncMCPClient",
    "create_mcp_client",
    "create_mcp_client_sync",
]
__dir__ = lazy_dir(globals(), __all__)

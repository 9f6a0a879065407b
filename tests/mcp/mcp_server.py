"""The MCP server the MCP tests talk to, written with the ``mcp`` package's server API.

``python mcp_server.py`` serves it over stdio; the tests serve :data:`server` over streamable HTTP
(see conftest.py).
"""

from __future__ import annotations

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

server = MCPServer("ai-sdk-test-server")


@server.tool(structured_output=False)
def weather(city: str) -> str:
    """Current weather for a city."""
    return f"Sunny, 21 C in {city}"


@server.tool(structured_output=True)
def add(a: int, b: int) -> dict[str, int]:
    """Add two integers."""
    return {"sum": a + b}


@server.tool(name="db.lookup", description="Look a key up in the database.", structured_output=False)
def lookup(key: str) -> str:
    return f"{key}=42"


@server.tool(structured_output=False)
def explode(reason: str) -> str:
    """A tool that always fails (an anticipated failure: the model reads the message)."""
    raise ToolError(f"boom: {reason}")


@server.tool(structured_output=False)
def crash() -> str:
    """Ends the server process without answering (a server that dies mid-call)."""
    import os

    os._exit(3)


if __name__ == "__main__":
    server.run("stdio")

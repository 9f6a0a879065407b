"""The MCP client against a real MCP server (tests/mcp/mcp_server.py, written with the mcp package's
server API), over stdio and over streamable HTTP, in both APIs: listing tools, calling them in a
tool loop against the DeepInfra emulator, tool errors, and closing."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk import create_mcp_client, generate_text, step_count_is, stream_text
from ai_sdk import sync as blocking
from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.errors import InvalidArgumentError, MCPClientError, MCPToolError
from ai_sdk.mcp import HTTPMCPTransport, MCPClient, MCPTransport, StdioMCPTransport, SyncMCPClient
from ai_sdk.mcp.tools import model_tool_names
from ai_sdk.testing import DeepInfraEmulator

TRANSPORTS = ["stdio_transport", "http_transport"]


async def connect(mode: str, transport: MCPTransport) -> Any:
    if mode == "sync":
        return blocking.create_mcp_client(transport)
    return await create_mcp_client(transport)


async def tools_of(mode: str, client: Any) -> Any:
    return client.tools() if mode == "sync" else await client.tools()


async def close(mode: str, client: Any) -> None:
    if mode == "sync":
        client.close()
    else:
        await client.close()


@pytest.mark.parametrize("transport_name", TRANSPORTS)
async def test_tools_are_listed_and_called(mode: str, transport_name: str, request: pytest.FixtureRequest) -> None:
    """Listing gives model-safe names, descriptions and input schemas; calls return the text, the
    structured content, or raise MCPToolError with the server's message."""
    client = await connect(mode, request.getfixturevalue(transport_name))
    try:
        tools = await tools_of(mode, client)
        assert sorted(tools) == ["add", "crash", "db_lookup", "explode", "weather"]
        assert tools["weather"].description == "Current weather for a city."
        assert tools["weather"].input_schema["properties"]["city"]["type"] == "string"
        assert tools["weather"].input_schema["required"] == ["city"]
        assert tools["db_lookup"].name == "db_lookup"
        assert tools["db_lookup"].description == "Look a key up in the database."
        assert tools["add"].is_async is (mode == "async")

        async def call(name: str, arguments: dict[str, Any]) -> Any:
            if mode == "sync":
                return client.call_tool(name, arguments)
            return await client.call_tool(name, arguments)

        assert await call("weather", {"city": "Paris"}) == "Sunny, 21 C in Paris"
        assert await call("add", {"a": 2, "b": 3}) == {"sum": 5}
        assert await call("db.lookup", {"key": "k"}) == "k=42"
        with pytest.raises(MCPToolError, match=r"MCP tool 'explode' failed: .*boom: why") as caught:
            await call("explode", {"reason": "why"})
        assert caught.value.tool_name == "explode"
    finally:
        await close(mode, client)


@pytest.mark.parametrize("transport_name", TRANSPORTS)
async def test_a_tool_loop_against_the_emulator(mode: str, transport_name: str, request: pytest.FixtureRequest) -> None:
    """The emulator calls the tool named in the prompt with schema-valid arguments ("example city"),
    then reports the tool's result; errors reach the model as tool errors, not as a crash."""
    client = await connect(mode, request.getfixturevalue(transport_name))
    try:
        tools = await tools_of(mode, client)
        with DeepInfraEmulator() as emu:
            model = create_deepinfra(base_url=emu.base_url, api_key="k")("meta-llama/Llama-3.3-70B-Instruct")
            settings: dict[str, Any] = {"model": model, "tools": tools, "stop_when": step_count_is(3)}
            if mode == "sync":
                result = blocking.generate_text(prompt="Use weather for Paris.", **settings)
                failed = blocking.generate_text(prompt="Please explode.", **settings)
                streamed_text = blocking.stream_text(prompt="Use db.lookup: db_lookup", **settings).text
            else:
                result = await generate_text(prompt="Use weather for Paris.", **settings)
                failed = await generate_text(prompt="Please explode.", **settings)
                streamed_text = await stream_text(prompt="Use db.lookup: db_lookup", **settings).text
        first = result.steps[0]
        assert [(call.tool_name, call.input) for call in first.tool_calls] == [("weather", {"city": "example city"})]
        assert [outcome.output for outcome in first.tool_results] == ["Sunny, 21 C in example city"]
        assert "Sunny, 21 C in example city" in result.text
        errors = failed.steps[0].tool_errors
        assert len(errors) == 1
        assert "boom: example reason" in str(errors[0].error)
        assert "example key=42" in streamed_text
    finally:
        await close(mode, client)


async def test_closing_ends_the_stdio_server_and_later_calls_fail(stdio_transport: StdioMCPTransport) -> None:
    async with await create_mcp_client(stdio_transport) as client:
        assert "connected" in repr(client)
        weather = (await client.tools())["weather"]
    assert "closed" in repr(client)
    with pytest.raises(MCPClientError, match="is closed"):
        await client.call_tool("weather", {"city": "Paris"})
    with pytest.raises(MCPClientError, match="is closed"):
        await weather.run(weather.validate_input({"city": "Paris"}), None)  # type: ignore[arg-type]
    await client.close()  # idempotent


async def test_a_server_that_dies_mid_call_is_a_clear_error_and_closing_still_works(
    mode: str, stdio_transport: StdioMCPTransport
) -> None:
    client = await connect(mode, stdio_transport)
    try:

        async def call(name: str) -> Any:
            if mode == "sync":
                return client.call_tool(name, {})
            return await client.call_tool(name, {})

        with pytest.raises(MCPClientError, match="calling the MCP tool 'crash' failed"):
            await call("crash")
        with pytest.raises(MCPClientError):
            await call("weather")
    finally:
        await close(mode, client)


def test_the_blocking_client_closes_its_thread(http_transport: HTTPMCPTransport) -> None:
    import threading

    def client_threads() -> int:
        return sum(thread.name == "ai_sdk-mcp-client" for thread in threading.enumerate())

    before = client_threads()
    with SyncMCPClient(http_transport) as client:
        assert client_threads() == before + 1
        assert client.call_tool("weather", {"city": "Oslo"}) == "Sunny, 21 C in Oslo"
    assert client_threads() == before
    with pytest.raises(MCPClientError, match="not connected or already closed"):
        client.call_tool("weather", {"city": "Oslo"})
    client.close()


async def test_a_server_that_cannot_start_is_a_clear_error(mode: str) -> None:
    missing = StdioMCPTransport(command="/nonexistent/mcp-server")
    with pytest.raises(
        MCPClientError, match="could not connect to the MCP server started with '/nonexistent/mcp-server'"
    ):
        await connect(mode, missing)


async def test_a_process_that_is_no_mcp_server_is_a_clear_error(mode: str) -> None:
    import sys

    silent = StdioMCPTransport(command=sys.executable, args=["-c", "pass"])
    with pytest.raises(MCPClientError, match="could not connect"):
        await connect(mode, silent)


async def test_an_unreachable_http_server_is_a_clear_error(mode: str) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    transport = HTTPMCPTransport(url=f"http://127.0.0.1:{port}/mcp", headers={"authorization": "Bearer secret"})
    with pytest.raises(MCPClientError, match=f"could not connect to the MCP server at http://127.0.0.1:{port}/mcp"):
        await connect(mode, transport)
    assert "secret" not in repr(transport)


def test_bad_transports_say_what_to_pass() -> None:
    with pytest.raises(InvalidArgumentError, match="command must be the executable"):
        StdioMCPTransport(command="")
    with pytest.raises(InvalidArgumentError, match="args must be a list of strings"):
        StdioMCPTransport(command="npx", args="-y server")
    with pytest.raises(InvalidArgumentError, match="url must be the server's http"):
        HTTPMCPTransport(url="localhost:8000/mcp")
    with pytest.raises(MCPClientError, match="transport must be a StdioMCPTransport or an HTTPMCPTransport"):
        MCPClient("npx server")  # type: ignore[arg-type]
    stdio = StdioMCPTransport(command="npx")
    with pytest.raises(InvalidArgumentError, match=r"timeout must be a finite number of seconds > 0.*got '5'"):
        MCPClient(stdio, timeout="5")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="connect_timeout must be a finite number of seconds > 0"):
        SyncMCPClient(stdio, connect_timeout=0)


async def test_connect_twice_is_refused(http_transport: HTTPMCPTransport) -> None:
    client = await create_mcp_client(http_transport)
    try:
        with pytest.raises(MCPClientError, match="already connected"):
            await client.connect()
    finally:
        await client.close()


CLASHING_SERVER = """
from mcp.server.mcpserver import MCPServer

server = MCPServer("clashing-names")
for name in ("search.web", "search_web", "search web"):
    server.add_tool(lambda name=name: name, name=name, description=f"The tool {name!r}.", structured_output=False)
server.run("stdio")
"""


async def test_server_tools_whose_model_names_clash_are_all_kept(mode: str) -> None:
    import sys

    client = await connect(mode, StdioMCPTransport(command=sys.executable, args=["-c", CLASHING_SERVER]))
    try:
        tools = await tools_of(mode, client)
        assert {name: tool.description for name, tool in tools.items()} == {
            "search_web_2": "The tool 'search.web'.",
            "search_web": "The tool 'search_web'.",
            "search_web_3": "The tool 'search web'.",
        }
        for name, tool in tools.items():
            assert tool.name == name
            result = tool.run(tool.validate_input({}), None)  # type: ignore[arg-type]
            assert (await result if mode == "async" else result) == tool.description.split("'")[1]
    finally:
        await close(mode, client)


def test_model_tool_names_keep_safe_names_and_cut_long_ones() -> None:
    long = "x" * 70
    assert model_tool_names(["a.b", "a_b", long, "x" * 64, "ok"]) == ["a_b_2", "a_b", "x" * 62 + "_2", "x" * 64, "ok"]


async def test_without_the_mcp_package_connecting_says_what_to_install(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mcp package is an extra: without it, connecting waited forever (the import failed in the
    client's task before the connection's outcome was set) instead of raising."""
    import asyncio
    import sys

    for name in [name for name in sys.modules if name == "mcp" or name.startswith("mcp.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "mcp", None)
    transport = StdioMCPTransport(command=sys.executable, args=["-c", "pass"])
    async with asyncio.timeout(30):  # a guard for the hang, not a measurement
        with pytest.raises(MCPClientError, match=r"pip install 'ai-sdk\[mcp\]'"):
            await connect(mode, transport)


async def test_an_http_server_that_refuses_the_token_says_its_status(mode: str) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Refusing(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(401)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"error": "invalid token"}')

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Refusing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/mcp"
        transport = HTTPMCPTransport(url=url, headers={"authorization": "Bearer expired"})
        with pytest.raises(
            MCPClientError, match=r"could not connect .*: the server answered HTTP 401 \(check the headers="
        ):
            await connect(mode, transport)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

"""The async MCP client: connects over stdio or streamable HTTP with the official ``mcp`` package,
lists the server's tools as ai_sdk tools, and closes cleanly.

The ``mcp`` session lives in task groups that must be entered and left by one task, so the client
runs it in a task of its own, started by :meth:`MCPClient.connect` and ended by
:meth:`MCPClient.close`; calls from any task of the same event loop go through it.
"""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING, Any

from ..core.tool import Tool, tool
from ..spec.deadline import is_seconds
from ..spec.errors import InvalidArgumentError, MCPClientError
from .tools import model_tool_names, tool_output
from .transports import HTTPMCPTransport, MCPTransport, StdioMCPTransport, open_transport

if TYPE_CHECKING:
    from types import TracebackType

    from mcp import ClientSession

__all__ = ["MCPClient", "create_mcp_client"]


def _root_cause(error: BaseException) -> BaseException:
    """The first real error inside (possibly nested) exception groups of the mcp package's tasks."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    return error


def _seconds(name: str, value: object) -> float | None:
    """A limit in seconds (``None``: none), checked when the client is made rather than failing
    inside the ``mcp`` package at the first call."""
    if value is None:
        return None
    if not is_seconds(value):
        raise InvalidArgumentError(
            f"{name} must be a finite number of seconds > 0 such as 30.0, or None for no limit; got {value!r}",
            argument=name,
            value=value,
        )
    return float(value)


def _describe(transport: MCPTransport) -> str:
    if isinstance(transport, StdioMCPTransport):
        return f"the MCP server started with {transport.command!r}"
    return f"the MCP server at {transport.url}"


class MCPClient:
    """A connection to one MCP server (see :func:`create_mcp_client`). ``async with`` closes it."""

    def __init__(self, transport: MCPTransport, *, connect_timeout: float = 30.0, timeout: float | None = None) -> None:
        if not isinstance(transport, StdioMCPTransport | HTTPMCPTransport):
            raise MCPClientError(
                f"transport must be a StdioMCPTransport or an HTTPMCPTransport, got {type(transport).__name__}"
            )
        self._transport = transport
        self._connect_timeout = _seconds("connect_timeout", connect_timeout)
        self._timeout = _seconds("timeout", timeout)
        self._session: ClientSession | None = None
        self._task: asyncio.Task[None] | None = None
        self._closing: asyncio.Event | None = None
        self._closed = False
        self._lost: BaseException | None = None
        self._http_status: int | None = None

    def __repr__(self) -> str:
        state = "closed" if self._closed else "connected" if self._session is not None else "not connected"
        return f"MCPClient({self._transport!r}, {state})"

    @property
    def transport(self) -> MCPTransport:
        """Where the server is."""
        return self._transport

    async def connect(self) -> MCPClient:
        """Start or reach the server and run MCP's initialisation; raises
        :class:`~ai_sdk.errors.MCPClientError` when that fails (within ``connect_timeout`` seconds)."""
        if self._task is not None or self._closed:
            raise MCPClientError("this MCP client is already connected (or closed); make a new one")
        ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._closing = asyncio.Event()
        self._task = asyncio.create_task(self._serve(ready), name=f"ai_sdk MCP client: {_describe(self._transport)}")
        try:
            await ready
        except BaseException:
            await self.close()
            raise
        return self

    async def _serve(self, ready: asyncio.Future[None]) -> None:
        try:
            from mcp import ClientSession
        except ImportError as error:  # an error here must reach connect(), which awaits ready
            ready.set_exception(
                MCPClientError("MCP clients need the mcp package: pip install 'ai-sdk[mcp]'", cause=error)
            )
            return

        assert self._closing is not None
        try:
            async with AsyncExitStack() as stack:
                read, write = await stack.enter_async_context(open_transport(self._transport, self._heard_status))
                session = await stack.enter_async_context(ClientSession(read, write))
                async with asyncio.timeout(self._connect_timeout):
                    await session.initialize()
                self._session = session
                ready.set_result(None)
                await self._closing.wait()
        except Exception as error:
            cause = _root_cause(error)
            if not ready.done():
                failure = MCPClientError(
                    f"could not connect to {_describe(self._transport)}: {self._status_said()}{cause!r}", cause=cause
                )
                ready.set_exception(failure)
            else:
                self._lost = cause
        finally:
            self._session = None
            if not ready.done():
                ready.set_exception(MCPClientError(f"the connection to {_describe(self._transport)} was cancelled"))

    def _heard_status(self, status: int) -> None:
        self._http_status = status

    def _status_said(self) -> str:
        """The HTTP status of the error answer a failed connection got, if any (a tool call's is not
        told: calls run concurrently, so a status could not be matched to its call)."""
        status = self._http_status
        if status is None:
            return ""
        hint = " (check the headers=, e.g. the authorization token)" if status in (401, 403) else ""
        return f"the server answered HTTP {status}{hint}; "

    def _live_session(self) -> ClientSession:
        if self._session is None:
            if self._closed:
                state = "closed"
            elif self._task is not None:
                state = f"disconnected: the connection was lost ({self._lost!r}); make a new client"
            else:
                state = "not connected (await client.connect())"
            raise MCPClientError(f"the MCP client for {_describe(self._transport)} is {state}")
        return self._session

    async def list_tool_specs(self) -> list[Any]:
        """The server's tool descriptions as the ``mcp`` package returns them (all pages)."""
        from mcp.types import PaginatedRequestParams

        session = self._live_session()
        specs: list[Any] = []
        cursor: str | None = None
        while True:
            params = PaginatedRequestParams(cursor=cursor) if cursor is not None else None
            try:
                page = await session.list_tools(params=params)
            except Exception as error:
                raise MCPClientError(f"listing the tools of {_describe(self._transport)} failed: {error}") from error
            specs.extend(page.tools)
            cursor = page.next_cursor
            if cursor is None:
                return specs

    async def call_tool(self, name: str, arguments: dict[str, Any] | None = None) -> Any:
        """Call the server's tool ``name``; returns what :func:`~ai_sdk.mcp.tools.tool_output` makes
        of the result (an error result raises :class:`~ai_sdk.errors.MCPToolError`)."""
        session = self._live_session()
        try:
            result = await session.call_tool(name, arguments, read_timeout_seconds=self._timeout)
        except Exception as error:
            raise MCPClientError(f"calling the MCP tool {name!r} failed: {_root_cause(error)}") from error
        return tool_output(name, result)

    async def tools(self) -> dict[str, Tool[Any, Any]]:
        """The server's tools as ai_sdk tools, by name, ready for ``tools=`` of ``generate_text`` /
        ``stream_text`` (async API). Each tool's ``execute`` calls the server."""
        specs = await self.list_tool_specs()
        names = model_tool_names([spec.name for spec in specs])
        return {name: self._tool(spec, name) for spec, name in zip(specs, names, strict=True)}

    def _tool(self, spec: Any, name: str) -> Tool[Any, Any]:
        server_name: str = spec.name

        async def execute(arguments: Any) -> Any:
            return await self.call_tool(server_name, arguments)

        return tool(
            description=spec.description or spec.title,
            input_schema=dict(spec.input_schema),
            execute=execute,
            name=name,
        )

    async def close(self) -> None:
        """End the session (the stdio server process exits, an HTTP session is terminated).
        Idempotent."""
        self._closed = True
        task, self._task = self._task, None
        if task is None:
            return
        if self._closing is not None:
            self._closing.set()
        await task

    async def __aenter__(self) -> MCPClient:
        if self._task is None:
            await self.connect()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.close()


async def create_mcp_client(
    transport: MCPTransport, *, connect_timeout: float = 30.0, timeout: float | None = None
) -> MCPClient:
    """A connected :class:`MCPClient` for ``transport`` (a :class:`~ai_sdk.mcp.StdioMCPTransport` or
    :class:`~ai_sdk.mcp.HTTPMCPTransport`). ``timeout`` bounds each tool call in seconds (``None``:
    as long as the tool takes). Close it with ``await client.close()`` or ``async with``."""
    return await MCPClient(transport, connect_timeout=connect_timeout, timeout=timeout).connect()

"""Which transports a provider uses: the ones the user injected, or lazily created defaults.

Providers are created at import time (``ai_sdk.deepinfra.deepinfra``), so nothing here imports an
HTTP library up front: the default urllib3 (blocking) and aiohttp (async) transports are built on
first use, and a user's ``http_client`` is recognised by the module and name of its class. When the
user configured only one side, asking for the other raises instead of silently falling back to a
default that would bypass their proxies, certificates or mocks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..spec.deadline import DEFAULT_CONNECT_TIMEOUT
from ..spec.errors import InvalidArgumentError
from .transport import AsyncTransport, SyncTransport

if TYPE_CHECKING:
    from .aiohttp_transport import AiohttpTransport
    from .limiter import ConcurrencyLimit
    from .urllib3_transport import Urllib3Transport

__all__ = ["DEFAULT_TIMEOUT", "Transports"]

DEFAULT_TIMEOUT = 600.0
"""Seconds allowed for each read when a request has neither a deadline nor a timeout (long generations
stream nothing for a while, yet a dead connection must not hang a call forever). Connecting gets
:data:`~ai_sdk.spec.deadline.DEFAULT_CONNECT_TIMEOUT`."""

_CLIENT_KINDS = {
    ("httpx", "Client"): "httpx-sync",
    ("httpx", "AsyncClient"): "httpx-async",
    ("httpx2", "Client"): "httpx-sync",
    ("httpx2", "AsyncClient"): "httpx-async",
    ("aiohttp", "ClientSession"): "aiohttp",
    ("urllib3", "PoolManager"): "urllib3",
}


def _client_kind(client: object) -> tuple[str, str] | None:
    """``(kind, library)`` of a supported HTTP client (subclasses included), without importing anything."""
    for cls in type(client).__mro__:
        library = cls.__module__.partition(".")[0]
        kind = _CLIENT_KINDS.get((library, cls.__name__))
        if kind is not None:
            return kind, library
    return None


class Transports:
    """The blocking and async transports of one provider.

    ``transport`` / ``async_transport`` are used as given (any object with the protocol's ``send``,
    e.g. :class:`ai_sdk.testing.MockTransport` for both). ``http_client`` is an ``httpx.Client`` or
    ``urllib3.PoolManager`` (blocking), or an ``httpx.AsyncClient`` or ``aiohttp.ClientSession``
    (async); the ``httpx2`` classes work too. Clients passed in stay the user's to close. With
    ``limit``, every request through either side holds one of its slots until its response is closed.
    """

    __slots__ = ("_async", "_configured", "_limit", "_owned_async", "_owned_sync", "_sync")

    def __init__(
        self,
        *,
        transport: SyncTransport | None = None,
        async_transport: AsyncTransport | None = None,
        http_client: object | None = None,
        limit: ConcurrencyLimit | None = None,
    ) -> None:
        for name, value in (("transport", transport), ("async_transport", async_transport)):
            if value is None:
                continue
            if _client_kind(value) is not None:
                raise InvalidArgumentError(
                    f"{type(value).__name__} is an HTTP client, not a transport: pass it as http_client=",
                    argument=name,
                )
            if not callable(getattr(value, "send", None)):
                raise InvalidArgumentError(
                    f"a transport needs a send(request, *, stream=False) method; {type(value).__name__} has none",
                    argument=name,
                )
        sync: SyncTransport | None = transport
        async_: AsyncTransport | None = async_transport
        if http_client is not None:
            found = _client_kind(http_client)
            if found is None:
                raise InvalidArgumentError(
                    f"unsupported HTTP client {type(http_client).__module__}.{type(http_client).__name__}; pass an "
                    "httpx.Client, httpx.AsyncClient, aiohttp.ClientSession or urllib3.PoolManager, or implement "
                    "the transport protocol and pass transport= / async_transport=",
                    argument="http_client",
                )
            kind, library = found
            if kind in ("httpx-sync", "urllib3"):
                if sync is not None:
                    raise InvalidArgumentError(
                        "both transport= and a blocking http_client were given; pass only one", argument="http_client"
                    )
                sync = _sync_adapter(kind, library, http_client)
            else:
                if async_ is not None:
                    raise InvalidArgumentError(
                        "both async_transport= and an async http_client were given; pass only one",
                        argument="http_client",
                    )
                async_ = _async_adapter(kind, library, http_client)
        self._limit = limit
        self._sync = self._limited_sync(sync) if sync is not None else None
        self._async = self._limited_async(async_) if async_ is not None else None
        self._configured = sync is not None or async_ is not None
        self._owned_sync: Urllib3Transport | None = None
        self._owned_async: AiohttpTransport | None = None

    def sync(self) -> SyncTransport:
        """The blocking transport (the default urllib3 one is created on first call)."""
        transport = self._sync
        if transport is None:
            if self._configured:
                raise InvalidArgumentError(
                    "only an async HTTP transport or client was configured, and the blocking API needs a "
                    "blocking one: also pass transport= or a blocking http_client (httpx.Client, "
                    "urllib3.PoolManager), or call the async API",
                    argument="transport",
                )
            from .urllib3_transport import Urllib3Transport

            self._owned_sync = Urllib3Transport(
                default_timeout=DEFAULT_TIMEOUT, connect_timeout=DEFAULT_CONNECT_TIMEOUT
            )
            transport = self._sync = self._limited_sync(self._owned_sync)
        return transport

    def async_(self) -> AsyncTransport:
        """The async transport (the default aiohttp one is created on first call; its sessions are
        created per event loop on first request)."""
        transport = self._async
        if transport is None:
            if self._configured:
                raise InvalidArgumentError(
                    "only a blocking HTTP transport or client was configured, and the async API needs an "
                    "async one: also pass async_transport= (a MockTransport serves both) or an async "
                    "http_client (httpx.AsyncClient, aiohttp.ClientSession), or call the blocking API",
                    argument="async_transport",
                )
            from .aiohttp_transport import AiohttpTransport

            self._owned_async = AiohttpTransport(
                default_timeout=DEFAULT_TIMEOUT, connect_timeout=DEFAULT_CONNECT_TIMEOUT
            )
            transport = self._async = self._limited_async(self._owned_async)
        return transport

    def _limited_sync(self, transport: SyncTransport) -> SyncTransport:
        if self._limit is None:
            return transport
        from .limiter import LimitedSyncTransport

        return LimitedSyncTransport(transport, self._limit)

    def _limited_async(self, transport: AsyncTransport) -> AsyncTransport:
        if self._limit is None:
            return transport
        from .limiter import LimitedAsyncTransport

        return LimitedAsyncTransport(transport, self._limit)

    def close(self) -> None:
        """Close the connections of the default blocking transport, and start closing the default async
        transport's sessions (on their own loops); injected transports and clients are left alone."""
        if self._owned_sync is not None:
            self._owned_sync.close()
        if self._owned_async is not None:
            self._owned_async.close_soon()

    async def aclose(self) -> None:
        """Close the default async transport's session for the running loop, and the blocking pool."""
        if self._owned_async is not None:
            await self._owned_async.aclose()
        self.close()

    def __repr__(self) -> str:
        def name(transport: object) -> str:
            return type(transport).__name__ if transport is not None else "default"

        return f"Transports(sync={name(self._sync)}, async={name(self._async)})"


def _sync_adapter(kind: str, library: str, client: object) -> SyncTransport:
    if kind == "urllib3":
        from .urllib3_transport import Urllib3Transport

        return Urllib3Transport(client)  # type: ignore[arg-type]
    from .httpx_transport import HttpxTransport

    return HttpxTransport(client, library)


def _async_adapter(kind: str, library: str, client: object) -> AsyncTransport:
    if kind == "aiohttp":
        from .aiohttp_transport import AiohttpTransport

        return AiohttpTransport(client)  # type: ignore[arg-type]
    from .httpx_transport import AsyncHttpxTransport

    return AsyncHttpxTransport(client, library)

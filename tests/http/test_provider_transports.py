"""Transports: lazy defaults, recognising user clients by duck typing, refusing half configurations."""

from __future__ import annotations

import subprocess
import sys

import aiohttp
import httpx
import pytest
import urllib3

from ai_sdk.http.aiohttp_transport import AiohttpTransport
from ai_sdk.http.httpx_transport import AsyncHttpxTransport, HttpxTransport
from ai_sdk.http.provider_transports import Transports
from ai_sdk.http.urllib3_transport import Urllib3Transport
from ai_sdk.spec.errors import InvalidArgumentError
from ai_sdk.testing.mock_transport import MockResponse, MockTransport

from .conftest import LoopbackServer


def test_creating_transports_imports_no_http_library() -> None:
    code = (
        "import sys; from ai_sdk.http.provider_transports import Transports; t = Transports(); "
        "print(sorted(m for m in ('urllib3', 'aiohttp', 'httpx', 'httpx2', 'asyncio') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout

    assert out.strip() == "[]"


def test_defaults_are_created_once_on_first_use() -> None:
    transports = Transports()

    sync = transports.sync()
    async_ = transports.async_()

    assert isinstance(sync, Urllib3Transport)
    assert isinstance(async_, AiohttpTransport)
    assert transports.sync() is sync
    assert transports.async_() is async_


def test_one_mock_serves_both_sides() -> None:
    mock = MockTransport(MockResponse())
    transports = Transports(transport=mock, async_transport=mock)

    assert transports.sync() is mock
    assert transports.async_() is mock


@pytest.mark.parametrize("library", ["httpx", "httpx2"])
def test_httpx_clients_are_recognised(library: str) -> None:
    module = pytest.importorskip(library)
    with module.Client() as client:
        assert isinstance(Transports(http_client=client).sync(), HttpxTransport)


@pytest.mark.parametrize("library", ["httpx", "httpx2"])
async def test_async_httpx_clients_are_recognised(library: str) -> None:
    module = pytest.importorskip(library)
    async with module.AsyncClient() as client:
        assert isinstance(Transports(http_client=client).async_(), AsyncHttpxTransport)


def test_subclasses_of_supported_clients_are_recognised() -> None:
    class MyClient(httpx.Client):
        pass

    class MyPool(urllib3.PoolManager):
        pass

    with MyClient() as client:
        assert isinstance(Transports(http_client=client).sync(), HttpxTransport)
    assert isinstance(Transports(http_client=MyPool()).sync(), Urllib3Transport)
    assert isinstance(Transports(http_client=urllib3.ProxyManager("http://proxy.invalid:1")).sync(), Urllib3Transport)


async def test_aiohttp_session_is_recognised() -> None:
    async with aiohttp.ClientSession() as session:
        assert isinstance(Transports(http_client=session).async_(), AiohttpTransport)


def test_only_async_client_given_refuses_sync() -> None:
    client = httpx.AsyncClient()
    transports = Transports(http_client=client)

    with pytest.raises(InvalidArgumentError, match=r"blocking API needs a blocking one.*transport="):
        transports.sync()


def test_only_sync_transport_given_refuses_async() -> None:
    transports = Transports(transport=MockTransport(MockResponse()))

    with pytest.raises(InvalidArgumentError, match=r"async API needs an async one.*async_transport="):
        transports.async_()


def test_sync_client_plus_async_transport_is_fine() -> None:
    mock = MockTransport(MockResponse())
    with httpx.Client() as client:
        transports = Transports(http_client=client, async_transport=mock)

        assert isinstance(transports.sync(), HttpxTransport)
        assert transports.async_() is mock


def test_conflicting_configuration_is_refused() -> None:
    mock = MockTransport(MockResponse())
    with httpx.Client() as client, pytest.raises(InvalidArgumentError, match="pass only one"):
        Transports(transport=mock, http_client=client)


def test_client_given_as_transport_is_redirected_to_http_client() -> None:
    with httpx.Client() as client, pytest.raises(InvalidArgumentError, match="pass it as http_client="):
        Transports(transport=client)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [object(), "https://proxy", 3])
def test_unsupported_objects_are_refused(value: object) -> None:
    with pytest.raises(InvalidArgumentError, match="unsupported HTTP client"):
        Transports(http_client=value)
    with pytest.raises(InvalidArgumentError, match="needs a send"):
        Transports(transport=value)  # type: ignore[arg-type]


def test_repr_shows_kinds_only() -> None:
    assert repr(Transports()) == "Transports(sync=default, async=default)"
    mock = MockTransport(MockResponse())
    assert repr(Transports(transport=mock)) == "Transports(sync=MockTransport, async=default)"


def test_close_drops_pooled_connections_and_the_pool_stays_usable(server: LoopbackServer) -> None:
    from ai_sdk.http.json_api import get_json_sync

    transports = Transports()
    get_json_sync(transports.sync(), server.url("/echo"), headers={}, timeout=5.0)
    transports.close()
    get_json_sync(transports.sync(), server.url("/echo"), headers={}, timeout=5.0)

    assert len({request["client_port"] for request in server.received}) == 2

"""One HTTP request of a model call as data, so each call is written once and sent by two thin drivers.

A model (or a companion API such as DeepInfra's Batch API) builds an :class:`Exchange` with pure code:
which pair of twin send functions to use (a :class:`Route`), the URL, their keyword arguments, and how
the answer becomes the call's result. :meth:`Exchange.send_sync` and :meth:`Exchange.send_async` are
then the only difference between the blocking and the async form of the call: they pick the transport,
send, and hand the answer to ``finish``. Building the exchange checks every input, so a bad one raises
before a transport is even asked for. An error ``finish`` raises about the answer (which it may quote) is
cleaned of the request's credentials, as the HTTP layer cleans errors built from a response.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..http.binary_api import (
    get_bytes_async,
    get_bytes_sync,
    post_json_for_bytes_async,
    post_json_for_bytes_sync,
    post_multipart_for_bytes_async,
    post_multipart_for_bytes_sync,
)
from ..http.json_api import (
    get_json_async,
    get_json_sync,
    post_json_async,
    post_json_sync,
    post_multipart_async,
    post_multipart_sync,
    post_stream_async,
    post_stream_sync,
)
from ..http.provider_transports import Transports
from ..http.redact import redact_error, secrets_of
from ..spec.errors import AISDKError

__all__ = [
    "GET_BYTES",
    "GET_JSON",
    "POST_JSON",
    "POST_JSON_FOR_BYTES",
    "POST_MULTIPART",
    "POST_MULTIPART_FOR_BYTES",
    "POST_STREAM",
    "Exchange",
    "Route",
]

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Route:
    """A blocking send function and its async twin, which take the same arguments."""

    sync: Callable[..., Any]
    async_: Callable[..., Awaitable[Any]]


POST_JSON = Route(post_json_sync, post_json_async)
POST_MULTIPART = Route(post_multipart_sync, post_multipart_async)
POST_STREAM = Route(post_stream_sync, post_stream_async)
"""The answer is the open response: ``finish`` wraps it in the model's stream."""
POST_JSON_FOR_BYTES = Route(post_json_for_bytes_sync, post_json_for_bytes_async)
POST_MULTIPART_FOR_BYTES = Route(post_multipart_for_bytes_sync, post_multipart_for_bytes_async)
GET_JSON = Route(get_json_sync, get_json_async)
GET_BYTES = Route(get_bytes_sync, get_bytes_async)


@dataclass(frozen=True, slots=True)
class Exchange(Generic[R]):
    """A request ready to send (``route``'s functions called with the transport, ``url`` and
    ``arguments``) and ``finish``, which turns the answer into the call's result."""

    route: Route
    url: str
    arguments: dict[str, Any]
    finish: Callable[[Any], R]

    def send_sync(self, transports: Transports) -> R:
        """Send over the blocking transport and finish."""
        return self._finish(self.route.sync(transports.sync(), self.url, **self.arguments))

    async def send_async(self, transports: Transports) -> R:
        """Send over the async transport and finish."""
        return self._finish(await self.route.async_(transports.async_(), self.url, **self.arguments))

    def _finish(self, answer: Any) -> R:
        try:
            return self.finish(answer)
        except AISDKError as error:
            # a 2xx answer that is not what was asked for is quoted in the error; a server that echoes
            # the request (a base URL pointed at an echo service) would put the API key there
            redact_error(error, secrets_of(self.arguments.get("headers") or {}))
            raise

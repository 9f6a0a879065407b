"""Calls whose 2xx answer is not JSON: audio bytes (text-to-speech), plain text (subtitles), files.

Same requests, status checks and errors as :mod:`.json_api` (a non-2xx answer still raises an
:class:`~ai_sdk.spec.APICallError` carrying the provider's JSON error message); only the successful
body is handed back as bytes instead of being parsed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..spec.deadline import Deadline
from .json_api import (
    MultipartField,
    _exchange_async,
    _exchange_sync,
    _json_request,
    _multipart_request,
    _multipart_summary,
    _stream_error,
)
from .transport import AsyncTransport, HttpRequest, SyncTransport

__all__ = [
    "BytesResponse",
    "get_bytes_async",
    "get_bytes_sync",
    "post_json_for_bytes_async",
    "post_json_for_bytes_sync",
    "post_multipart_for_bytes_async",
    "post_multipart_for_bytes_sync",
]


@dataclass(frozen=True, slots=True)
class BytesResponse:
    """A 2xx answer's raw body; ``headers`` have lower-case keys (``content-type`` says what it is)."""

    data: bytes
    headers: Mapping[str, str]
    status: int


def _checked(
    request: HttpRequest, request_body: Any, status: int, headers: Mapping[str, str], raw: bytes
) -> BytesResponse:
    if not 200 <= status < 300:
        raise _stream_error(request, request_body, status, headers, raw)
    return BytesResponse(raw, headers, status)


def _send_sync(transport: SyncTransport, request: HttpRequest, summary: Any) -> BytesResponse:
    status, headers, raw = _exchange_sync(transport, request, False)
    return _checked(request, summary, status, headers, raw)


async def _send_async(transport: AsyncTransport, request: HttpRequest, summary: Any) -> BytesResponse:
    status, headers, raw = await _exchange_async(transport, request, False)
    return _checked(request, summary, status, headers, raw)


def post_json_for_bytes_sync(
    transport: SyncTransport,
    url: str,
    *,
    headers: Mapping[str, str],
    body: Any,
    timeout: float | None = None,
    deadline: Deadline | None = None,
) -> BytesResponse:
    """POST ``body`` as JSON and return the raw answer; a non-2xx answer raises APICallError."""
    return _send_sync(transport, _json_request("POST", url, headers, body, timeout, deadline), body)


async def post_json_for_bytes_async(
    transport: AsyncTransport,
    url: str,
    *,
    headers: Mapping[str, str],
    body: Any,
    timeout: float | None = None,
    deadline: Deadline | None = None,
) -> BytesResponse:
    """Async twin of :func:`post_json_for_bytes_sync`."""
    return await _send_async(transport, _json_request("POST", url, headers, body, timeout, deadline), body)


def post_multipart_for_bytes_sync(
    transport: SyncTransport,
    url: str,
    *,
    headers: Mapping[str, str],
    fields: Sequence[MultipartField],
    timeout: float | None = None,
    deadline: Deadline | None = None,
) -> BytesResponse:
    """POST ``fields`` as ``multipart/form-data`` and return the raw answer."""
    return _send_sync(
        transport, _multipart_request(url, headers, fields, timeout, deadline), _multipart_summary(fields)
    )


async def post_multipart_for_bytes_async(
    transport: AsyncTransport,
    url: str,
    *,
    headers: Mapping[str, str],
    fields: Sequence[MultipartField],
    timeout: float | None = None,
    deadline: Deadline | None = None,
) -> BytesResponse:
    """Async twin of :func:`post_multipart_for_bytes_sync`."""
    return await _send_async(
        transport, _multipart_request(url, headers, fields, timeout, deadline), _multipart_summary(fields)
    )


def get_bytes_sync(transport: SyncTransport, url: str, *, headers: Mapping[str, str]) -> BytesResponse:
    """GET ``url`` and return the raw answer (a file's content); a non-2xx answer raises APICallError."""
    return _send_sync(transport, HttpRequest("GET", url, dict(headers), None, None), None)


async def get_bytes_async(transport: AsyncTransport, url: str, *, headers: Mapping[str, str]) -> BytesResponse:
    """Async twin of :func:`get_bytes_sync`."""
    return await _send_async(transport, HttpRequest("GET", url, dict(headers), None, None), None)

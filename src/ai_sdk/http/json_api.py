"""JSON (and multipart) calls over a transport: serialise, send, check the status, parse once.

The blocking and async functions are twins around the same pure helpers, so both paths raise the
same errors with the same messages. Callers pass headers already lower-cased (see
:mod:`ai_sdk.http.headers`); nothing here normalises them again.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..spec import _json
from ..spec._slot_init import slot_init
from ..spec.errors import APICallError, InvalidArgumentError, JSONParseError
from .errors import api_call_error
from .transport import AsyncResponse, AsyncTransport, HttpRequest, SyncResponse, SyncTransport

__all__ = [
    "JSONResponse",
    "MultipartField",
    "get_json_async",
    "get_json_sync",
    "post_json_async",
    "post_json_sync",
    "post_multipart_async",
    "post_multipart_sync",
    "post_stream_async",
    "post_stream_sync",
]


@slot_init
@dataclass(frozen=True, slots=True)
class JSONResponse:
    """A parsed 2xx answer; ``headers`` (lower-case keys) feed response metadata and rate limits."""

    value: Any
    headers: Mapping[str, str]
    status: int


@dataclass(frozen=True, slots=True)
class MultipartField:
    """One ``multipart/form-data`` field; give ``filename`` for a file upload (image edits, audio)."""

    name: str
    value: str | bytes
    filename: str | None = None
    content_type: str | None = None

    def __repr__(self) -> str:
        shown = repr(self.value) if isinstance(self.value, str) else f"<{len(self.value)} bytes>"
        return f"MultipartField({self.name!r}, {shown}, filename={self.filename!r})"


def _json_request(method: str, url: str, headers: Mapping[str, str], body: Any, timeout: float | None) -> HttpRequest:
    try:
        data = _json.dumps(body)
    except (TypeError, ValueError) as exc:
        raise InvalidArgumentError(
            f"the request body cannot be serialised as JSON ({exc}); pass only JSON values "
            "(dict, list, str, int, float, bool, None) in settings and provider options",
            argument="body",
        ) from None
    return HttpRequest(method, url, {"content-type": "application/json", **headers}, data, timeout)


def _multipart_request(
    url: str, headers: Mapping[str, str], fields: Sequence[MultipartField], timeout: float | None
) -> HttpRequest:
    boundary = "ai-sdk-" + os.urandom(12).hex()
    parts: list[bytes] = []
    for field in fields:
        if not isinstance(field, MultipartField) or not isinstance(field.value, str | bytes):
            raise InvalidArgumentError(
                "multipart fields must be MultipartField objects with a str or bytes value", argument="fields"
            )
        disposition = f'form-data; name="{_quote(field.name)}"'
        if field.filename is not None:
            disposition += f'; filename="{_quote(field.filename)}"'
        head = f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
        content_type = field.content_type
        if content_type is None and field.filename is not None:
            content_type = "application/octet-stream"
        if content_type is not None:
            head += f"Content-Type: {content_type}\r\n"
        parts.append(head.encode() + b"\r\n")
        parts.append(field.value.encode() if isinstance(field.value, str) else field.value)
        parts.append(b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    all_headers = {**headers, "content-type": f"multipart/form-data; boundary={boundary}"}
    return HttpRequest("POST", url, all_headers, b"".join(parts), timeout)


def _quote(text: str) -> str:
    """Escape a name or filename for a quoted Content-Disposition parameter (as browsers do)."""
    return text.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def _multipart_summary(fields: Sequence[MultipartField]) -> list[tuple[str, str]]:
    """What an error keeps of a multipart request: the fields, with file contents reduced to sizes."""
    return [(f.name, f.value if isinstance(f.value, str) else f"<{len(f.value)} bytes>") for f in fields]


def _parse(url: str, request_body: Any, status: int, headers: Mapping[str, str], raw: bytes) -> JSONResponse:
    if not 200 <= status < 300:
        raise api_call_error(url=url, request_body=request_body, status=status, headers=headers, body=raw)
    try:
        value = _json.loads(raw)
    except _json.JSONDecodeError as exc:
        text = raw.decode("utf-8", "replace")
        cause = JSONParseError(text, cause=exc)
        what = "an empty body" if not text.strip() else "a body that is not JSON"
        raise APICallError(
            f"Invalid JSON response: HTTP {status} with {what}",
            url=url,
            request_body=request_body,
            status_code=status,
            response_headers=headers,
            response_body=text,
            is_retryable=False,
            cause=cause,
        ) from cause
    return JSONResponse(value, headers, status)


def _read_sync(response: SyncResponse) -> bytes:
    try:
        return response.read()
    finally:
        response.close()


async def _read_async(response: AsyncResponse) -> bytes:
    try:
        return await response.read()
    finally:
        response.close()


def post_json_sync(
    transport: SyncTransport, url: str, *, headers: Mapping[str, str], body: Any, timeout: float | None = None
) -> JSONResponse:
    """POST ``body`` as JSON and return the parsed answer; a non-2xx answer raises APICallError."""
    response = transport.send(_json_request("POST", url, headers, body, timeout))
    raw = _read_sync(response)
    return _parse(url, body, response.status, response.headers, raw)


async def post_json_async(
    transport: AsyncTransport, url: str, *, headers: Mapping[str, str], body: Any, timeout: float | None = None
) -> JSONResponse:
    """Async twin of :func:`post_json_sync`."""
    response = await transport.send(_json_request("POST", url, headers, body, timeout))
    raw = await _read_async(response)
    return _parse(url, body, response.status, response.headers, raw)


def post_stream_sync(
    transport: SyncTransport, url: str, *, headers: Mapping[str, str], body: Any, timeout: float | None = None
) -> SyncResponse:
    """POST ``body`` as JSON and return the open 2xx response for the caller to iterate and close;
    a non-2xx answer is read, closed and raised as APICallError."""
    response = transport.send(_json_request("POST", url, headers, body, timeout), stream=True)
    status = response.status
    if not 200 <= status < 300:
        raw = _read_sync(response)
        raise api_call_error(url=url, request_body=body, status=status, headers=response.headers, body=raw)
    return response


async def post_stream_async(
    transport: AsyncTransport, url: str, *, headers: Mapping[str, str], body: Any, timeout: float | None = None
) -> AsyncResponse:
    """Async twin of :func:`post_stream_sync`."""
    response = await transport.send(_json_request("POST", url, headers, body, timeout), stream=True)
    status = response.status
    if not 200 <= status < 300:
        raw = await _read_async(response)
        raise api_call_error(url=url, request_body=body, status=status, headers=response.headers, body=raw)
    return response


def post_multipart_sync(
    transport: SyncTransport,
    url: str,
    *,
    headers: Mapping[str, str],
    fields: Sequence[MultipartField],
    timeout: float | None = None,
) -> JSONResponse:
    """POST ``fields`` as ``multipart/form-data`` and parse the JSON answer."""
    response = transport.send(_multipart_request(url, headers, fields, timeout))
    raw = _read_sync(response)
    return _parse(url, _multipart_summary(fields), response.status, response.headers, raw)


async def post_multipart_async(
    transport: AsyncTransport,
    url: str,
    *,
    headers: Mapping[str, str],
    fields: Sequence[MultipartField],
    timeout: float | None = None,
) -> JSONResponse:
    """Async twin of :func:`post_multipart_sync`."""
    response = await transport.send(_multipart_request(url, headers, fields, timeout))
    raw = await _read_async(response)
    return _parse(url, _multipart_summary(fields), response.status, response.headers, raw)


def get_json_sync(
    transport: SyncTransport, url: str, *, headers: Mapping[str, str], timeout: float | None = None
) -> JSONResponse:
    """GET ``url`` and parse the JSON answer."""
    response = transport.send(HttpRequest("GET", url, dict(headers), None, timeout))
    raw = _read_sync(response)
    return _parse(url, None, response.status, response.headers, raw)


async def get_json_async(
    transport: AsyncTransport, url: str, *, headers: Mapping[str, str], timeout: float | None = None
) -> JSONResponse:
    """Async twin of :func:`get_json_sync`."""
    response = await transport.send(HttpRequest("GET", url, dict(headers), None, timeout))
    raw = await _read_async(response)
    return _parse(url, None, response.status, response.headers, raw)

"""JSON (and multipart) calls over a transport: serialise, send, check the status, parse once.

The blocking and async functions are twins around the same pure helpers, so both paths raise the
same errors with the same messages. Callers pass headers already lower-cased (see
:mod:`ai_sdk.http.headers`); nothing here normalises them again.

Errors built from a response have the request's credentials redacted (:mod:`.redact`). A POST whose
2xx answer broke off in the body is not retryable unless the caller says so (``retry_broken_bodies``):
the server may already have done, and billed, the work. Each exchange is logged at DEBUG on the
``ai_sdk.http`` logger (method, URL, status, seconds; never headers or bodies).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..spec import _json
from ..spec._logging import get_logger
from ..spec.deadline import Deadline
from ..spec.errors import APICallError, InvalidArgumentError, JSONParseError
from .errors import api_call_error
from .redact import redact_error, secrets_of
from .transport import AsyncResponse, AsyncTransport, HttpRequest, SyncResponse, SyncTransport

_log = get_logger("http")

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


def _json_request(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: Any,
    timeout: float | None,
    deadline: Deadline | None = None,
) -> HttpRequest:
    try:
        data = _json.dumps(body)
    except (TypeError, ValueError) as exc:
        raise InvalidArgumentError(
            f"the request body cannot be serialised as JSON ({exc}); pass only JSON values "
            "(dict, list, str, int, float, bool, None) in settings and provider options",
            argument="body",
        ) from None
    return HttpRequest(method, url, {"content-type": "application/json", **headers}, data, timeout, deadline)


def _multipart_request(
    url: str,
    headers: Mapping[str, str],
    fields: Sequence[MultipartField],
    timeout: float | None,
    deadline: Deadline | None = None,
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
    return HttpRequest("POST", url, all_headers, b"".join(parts), timeout, deadline)


def _quote(text: str) -> str:
    """Escape a name or filename for a quoted Content-Disposition parameter (as browsers do)."""
    return text.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def _multipart_summary(fields: Sequence[MultipartField]) -> list[tuple[str, str]]:
    """What an error keeps of a multipart request: the fields, with file contents reduced to sizes."""
    return [(f.name, f.value if isinstance(f.value, str) else f"<{len(f.value)} bytes>") for f in fields]


def _parse(
    request: HttpRequest, request_body: Any, status: int, headers: Mapping[str, str], raw: bytes
) -> JSONResponse:
    url = request.url
    if not 200 <= status < 300:
        error = api_call_error(url=url, request_body=request_body, status=status, headers=headers, body=raw)
        raise redact_error(error, secrets_of(request.headers))
    try:
        value = _json.loads(raw)
    except _json.JSONDecodeError as exc:
        text = raw.decode("utf-8", "replace")
        cause = JSONParseError(text, cause=exc)
        error = APICallError(
            f"Invalid JSON response: HTTP {status} with {_what_is_wrong(raw, text)}",
            url=url,
            request_body=request_body,
            status_code=status,
            response_headers=headers,
            response_body=text,
            is_retryable=False,
            cause=cause,
        )
        raise redact_error(error, secrets_of(request.headers)) from cause
    return JSONResponse(value, headers, status)


def _what_is_wrong(raw: bytes, text: str) -> str:
    if not text.strip():
        return "an empty body"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"a body that is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
    return "a body that is not JSON"


def _broken_body(request: HttpRequest, status: int, error: APICallError, retry_broken_bodies: bool) -> None:
    """A POST's 2xx answer broke off in the body: the generation may have run (and been billed), so it
    is not retried unless the caller opted in."""
    if retry_broken_bodies or not error.is_retryable or request.method != "POST" or not 200 <= status < 300:
        return
    error.is_retryable = False
    error.message += (
        " (not retried: the server answered 2xx, so it may have done and billed the work; pass "
        "retry_broken_bodies=True to the provider to retry such calls)"
    )
    error.args = (error.message,)


def _log_exchange(request: HttpRequest, status: int | str, started: float) -> None:
    _log.debug("%s %s -> %s in %.3f s", request.method, request.url, status, time.monotonic() - started)


def _exchange_sync(
    transport: SyncTransport, request: HttpRequest, retry_broken_bodies: bool
) -> tuple[int, Mapping[str, str], bytes]:
    """Send ``request`` and read the whole answer: ``(status, headers, body)``."""
    started = time.monotonic()
    response = transport.send(request)
    status = response.status
    try:
        raw = response.read()
    except APICallError as error:
        _broken_body(request, status, error, retry_broken_bodies)
        raise
    finally:
        response.close()
    if _log.isEnabledFor(logging.DEBUG):
        _log_exchange(request, status, started)
    return status, response.headers, raw


async def _exchange_async(
    transport: AsyncTransport, request: HttpRequest, retry_broken_bodies: bool
) -> tuple[int, Mapping[str, str], bytes]:
    """Async twin of :func:`_exchange_sync`."""
    started = time.monotonic()
    response = await transport.send(request)
    status = response.status
    try:
        raw = await response.read()
    except APICallError as error:
        _broken_body(request, status, error, retry_broken_bodies)
        raise
    finally:
        response.close()
    if _log.isEnabledFor(logging.DEBUG):
        _log_exchange(request, status, started)
    return status, response.headers, raw


def _stream_error(request: HttpRequest, body: Any, status: int, headers: Mapping[str, str], raw: bytes) -> APICallError:
    error = api_call_error(url=request.url, request_body=body, status=status, headers=headers, body=raw)
    return redact_error(error, secrets_of(request.headers))


def post_json_sync(
    transport: SyncTransport,
    url: str,
    *,
    headers: Mapping[str, str],
    body: Any,
    timeout: float | None = None,
    deadline: Deadline | None = None,
    retry_broken_bodies: bool = False,
) -> JSONResponse:
    """POST ``body`` as JSON and return the parsed answer; a non-2xx answer raises APICallError."""
    request = _json_request("POST", url, headers, body, timeout, deadline)
    status, response_headers, raw = _exchange_sync(transport, request, retry_broken_bodies)
    return _parse(request, body, status, response_headers, raw)


async def post_json_async(
    transport: AsyncTransport,
    url: str,
    *,
    headers: Mapping[str, str],
    body: Any,
    timeout: float | None = None,
    deadline: Deadline | None = None,
    retry_broken_bodies: bool = False,
) -> JSONResponse:
    """Async twin of :func:`post_json_sync`."""
    request = _json_request("POST", url, headers, body, timeout, deadline)
    status, response_headers, raw = await _exchange_async(transport, request, retry_broken_bodies)
    return _parse(request, body, status, response_headers, raw)


def post_stream_sync(
    transport: SyncTransport,
    url: str,
    *,
    headers: Mapping[str, str],
    body: Any,
    timeout: float | None = None,
    deadline: Deadline | None = None,
) -> SyncResponse:
    """POST ``body`` as JSON and return the open 2xx response for the caller to iterate and close;
    a non-2xx answer is read, closed and raised as APICallError."""
    request = _json_request("POST", url, headers, body, timeout, deadline)
    started = time.monotonic()
    response = transport.send(request, stream=True)
    status = response.status
    if _log.isEnabledFor(logging.DEBUG):
        _log_exchange(request, f"{status} (stream head)", started)
    if not 200 <= status < 300:
        try:
            raw = response.read()
        finally:
            response.close()
        raise _stream_error(request, body, status, response.headers, raw)
    return response


async def post_stream_async(
    transport: AsyncTransport,
    url: str,
    *,
    headers: Mapping[str, str],
    body: Any,
    timeout: float | None = None,
    deadline: Deadline | None = None,
) -> AsyncResponse:
    """Async twin of :func:`post_stream_sync`."""
    request = _json_request("POST", url, headers, body, timeout, deadline)
    started = time.monotonic()
    response = await transport.send(request, stream=True)
    status = response.status
    if _log.isEnabledFor(logging.DEBUG):
        _log_exchange(request, f"{status} (stream head)", started)
    if not 200 <= status < 300:
        try:
            raw = await response.read()
        finally:
            response.close()
        raise _stream_error(request, body, status, response.headers, raw)
    return response


def post_multipart_sync(
    transport: SyncTransport,
    url: str,
    *,
    headers: Mapping[str, str],
    fields: Sequence[MultipartField],
    timeout: float | None = None,
    deadline: Deadline | None = None,
    retry_broken_bodies: bool = False,
) -> JSONResponse:
    """POST ``fields`` as ``multipart/form-data`` and parse the JSON answer."""
    request = _multipart_request(url, headers, fields, timeout, deadline)
    status, response_headers, raw = _exchange_sync(transport, request, retry_broken_bodies)
    return _parse(request, _multipart_summary(fields), status, response_headers, raw)


async def post_multipart_async(
    transport: AsyncTransport,
    url: str,
    *,
    headers: Mapping[str, str],
    fields: Sequence[MultipartField],
    timeout: float | None = None,
    deadline: Deadline | None = None,
    retry_broken_bodies: bool = False,
) -> JSONResponse:
    """Async twin of :func:`post_multipart_sync`."""
    request = _multipart_request(url, headers, fields, timeout, deadline)
    status, response_headers, raw = await _exchange_async(transport, request, retry_broken_bodies)
    return _parse(request, _multipart_summary(fields), status, response_headers, raw)


def get_json_sync(
    transport: SyncTransport,
    url: str,
    *,
    headers: Mapping[str, str],
    timeout: float | None = None,
    deadline: Deadline | None = None,
) -> JSONResponse:
    """GET ``url`` and parse the JSON answer."""
    request = HttpRequest("GET", url, dict(headers), None, timeout, deadline)
    status, response_headers, raw = _exchange_sync(transport, request, True)
    return _parse(request, None, status, response_headers, raw)


async def get_json_async(
    transport: AsyncTransport,
    url: str,
    *,
    headers: Mapping[str, str],
    timeout: float | None = None,
    deadline: Deadline | None = None,
) -> JSONResponse:
    """Async twin of :func:`get_json_sync`."""
    request = HttpRequest("GET", url, dict(headers), None, timeout, deadline)
    status, response_headers, raw = await _exchange_async(transport, request, True)
    return _parse(request, None, status, response_headers, raw)

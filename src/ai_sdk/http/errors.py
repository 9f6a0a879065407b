"""Turning failed HTTP exchanges into :class:`APICallError`s a user can act on.

DeepInfra answers errors in several shapes depending on the route (OpenAI-compatible, FastAPI
validation, native inference, in-stream errors); :func:`extract_error_message` knows them all, so the
message says what the server said instead of "HTTP 422". Transports build their network errors here
too, so every message has the same form and none can carry request headers: the third-party
exception is described in our own words and never chained.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ..spec import _json
from ..spec.deadline import Deadline
from ..spec.errors import AISDKError, APICallError

__all__ = [
    "BROKEN_BODY",
    "api_call_error",
    "closed_client_error",
    "connection_broke",
    "decode_error",
    "malformed_request_error",
    "extract_error_message",
    "invalid_request_error",
    "network_error",
    "os_reason",
    "timed_out",
    "timeout_error",
]

_MAX_TEXT_IN_MESSAGE = 300


def extract_error_message(value: Any) -> str | None:
    """The human-readable message inside a parsed error body, or ``None`` when there is none.

    Knows ``{"error": {"message"}}``, ``{"error": "..."}``, ``{"detail": [{"loc", "msg", "type"}]}``,
    ``{"detail": {"error"}}``, ``{"detail": "..."}``, ``{"error_type", "error_message"}`` (whose
    message may itself be JSON text in one of these shapes) and a top-level ``{"message"}``.
    """
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        return _validation_message(value)
    if not isinstance(value, dict):
        return None
    if "error" in value:
        error = value["error"]
        if isinstance(error, dict):
            message = error.get("message")
            if isinstance(message, str) and message.strip():
                return message.strip()
        found = extract_error_message(error)
        if found is not None:
            return found
    error_message = value.get("error_message")
    if isinstance(error_message, str) and error_message.strip():
        message = _nested_message(error_message.strip())
        error_type = value.get("error_type")
        return f"{error_type}: {message}" if isinstance(error_type, str) and error_type else message
    if "detail" in value:
        found = extract_error_message(value["detail"])
        if found is not None:
            return found
    message = value.get("message")
    if isinstance(message, str) and message.strip():
        return message.strip()
    return None


def _validation_message(items: list[Any]) -> str | None:
    """FastAPI's 422 list: ``loc.path: msg`` for each entry, joined."""
    messages: list[str] = []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("msg"), str):
            loc = item.get("loc")
            if isinstance(loc, list) and loc:
                messages.append(f"{'.'.join(str(part) for part in loc)}: {item['msg']}")
            else:
                messages.append(item["msg"])
        elif isinstance(item, str):
            messages.append(item)
        else:
            found = extract_error_message(item)
            if found is not None:
                messages.append(found)
    return "; ".join(messages) or None


def _nested_message(text: str) -> str:
    """DeepInfra's in-stream ``error_message`` is sometimes JSON text; read through it when it is."""
    if text[0] in "[{":
        try:
            parsed = _json.loads(text)
        except _json.JSONDecodeError:
            return text
        found = extract_error_message(parsed)
        if found is not None:
            return found
    return text


def _status_line(status: int) -> str:
    from http import HTTPStatus

    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        return f"HTTP {status}"
    return f"HTTP {status} {phrase}"


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_TEXT_IN_MESSAGE else text[:_MAX_TEXT_IN_MESSAGE] + "..."


def api_call_error(
    *, url: str, request_body: Any, status: int, headers: Mapping[str, str], body: bytes
) -> APICallError:
    """The error for a non-2xx answer: the server's own message when the body has one, else the
    status line (plus the start of a non-JSON body, such as a proxy's HTML page). The raw body text
    and the parsed JSON (``data``) are kept on the error; ``is_retryable`` follows the status."""
    text = body.decode("utf-8", "replace")
    data: Any = None
    message: str | None = None
    if text.strip():
        try:
            data = _json.loads(body)
        except _json.JSONDecodeError:
            message = f"{_status_line(status)}: {_shorten(text)}"
        else:
            message = extract_error_message(data)
    if message is None:
        message = _status_line(status)
        location = headers.get("location")
        if 300 <= status < 400 and location:
            message += f" (redirected to {location}; point the base URL at the final address)"
    return APICallError(
        message,
        url=url,
        request_body=request_body,
        status_code=status,
        response_headers=headers,
        response_body=text,
        data=data,
    )


def timeout_error(url: str, timeout: float | None, *, status: int | None = None) -> APICallError:
    """A connect or read that waited longer than the request's timeout (retryable); ``timeout`` is
    ``None`` when it came from a user's client whose configuration we do not read, ``status`` is set
    when the response head had arrived."""
    after = f" after {timeout:g} s" if timeout is not None else ""
    return APICallError(f"Request to {url} timed out{after}", url=url, status_code=status, is_retryable=True)


def timed_out(
    url: str,
    deadline: Deadline | None,
    *,
    status: int | None,
    connect: float | None = None,
    read: float | None = None,
    connecting: bool = False,
) -> AISDKError:
    """The error for a timeout a transport saw: :class:`DeadlineExceededError` when the call's deadline
    has passed (not retried), else the retryable connect or read timeout, naming the limit that fired."""
    left = deadline.remaining() if deadline is not None else None
    # A timer set to the deadline may fire a hair before it by another clock's reckoning.
    if deadline is not None and left is not None and left < _CLOCK_SLACK:
        if connecting:
            during = "connecting"
        elif status is None:
            during = "waiting for the response"
        else:
            during = "reading the response body"
        return deadline.error(during)
    if connecting:
        within = f" within {connect:g} s" if connect is not None else ""
        return network_error(url, f"could not connect{within} (connect timeout)", status=status)
    return timeout_error(url, read, status=status)


_CLOCK_SLACK = 0.01


def decode_error(url: str, status: int | None) -> APICallError:
    """A body that arrived but cannot be decompressed (corrupt gzip or deflate data): the same request
    would get the same bytes, so it is not retried."""
    return APICallError(
        f"Request to {url} failed: the response body could not be decompressed (corrupt "
        "content-encoding data from the server or a proxy)",
        url=url,
        status_code=status,
        is_retryable=False,
    )


def network_error(url: str, what: str, *, status: int | None = None) -> APICallError:
    """A failure below HTTP (refused, reset, a body cut short): retryable, with ``status_code`` of
    the answer when its head had already arrived. ``what`` is our own description of the failure."""
    return APICallError(f"Request to {url} failed: {what}", url=url, status_code=status, is_retryable=True)


def invalid_request_error(url: str, what: str) -> APICallError:
    """A request the HTTP client refused to send (malformed URL, a header value with a line break):
    retrying cannot help. ``what`` must not quote header values, which may hold the API key."""
    return APICallError(f"Request to {url} could not be sent: {what}", url=url, is_retryable=False)


def closed_client_error(url: str) -> APICallError:
    """A request through a user's HTTP client that was closed (whose library says so with a bare
    ``RuntimeError``): not retryable, and the message says what to do."""
    return invalid_request_error(
        url,
        "the http_client given to the provider is closed (a client passed in stays yours to close: keep it "
        "open while the provider is used)",
    )


def malformed_request_error(url: str) -> APICallError:
    """The HTTP client refused the URL or a header value (what a ``ValueError`` / ``TypeError`` from it
    means), without quoting either."""
    return invalid_request_error(
        url, "the URL or a header is malformed (control characters, line breaks or non-Latin-1 text)"
    )


BROKEN_BODY = "the connection broke before the whole response body arrived"


def connection_broke(url: str, exc: BaseException, status: int | None) -> APICallError:
    """The connection failed mid-exchange: before a response arrived (``status`` ``None``, naming the OS
    reason), or within its body."""
    if status is None:
        return network_error(url, f"the connection broke before a response arrived ({os_reason(exc)})")
    return network_error(url, BROKEN_BODY, status=status)


def os_reason(exc: BaseException) -> str:
    """The innermost OS-level reason of a (wrapped) socket error, e.g. ``Connection refused``, else
    the name of the outermost exception: HTTP clients' own messages can quote the request."""
    seen: BaseException | None = exc
    chain: list[BaseException] = []
    while seen is not None and seen not in chain:
        chain.append(seen)
        if isinstance(seen, OSError):
            if seen.errno:
                return os.strerror(seen.errno)
            if seen.strerror:
                return seen.strerror
        nested = [arg for arg in seen.args if isinstance(arg, BaseException)]
        seen = seen.__cause__ or seen.__context__ or (nested[0] if nested else None)
    return type(exc).__name__

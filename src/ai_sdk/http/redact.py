"""Keeping credentials out of what a response brings back.

A misconfigured proxy or server may echo the request's ``Authorization`` header in an error body; the
error built from that body would then show the API key in its message, ``response_body``, ``data`` or
``response_headers``, and from there in logs. Every error built from a response passes through
:func:`redact_error` with the secrets of the request that caused it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..spec.errors import APICallError

__all__ = ["REDACTED", "redact", "redact_error", "redact_value", "secrets_of"]

REDACTED = "[REDACTED]"
_SECRET_HEADERS = ("authorization", "proxy-authorization", "x-api-key", "api-key")
_MIN_SECRET = 8
"""Shorter values are not searched for: replacing every "abc" in a body would garble it, and keys are long."""


def secrets_of(headers: Mapping[str, str]) -> tuple[str, ...]:
    """The credentials among request ``headers`` (lower-case keys): whole values and, for a scheme
    such as ``Bearer <token>``, the token alone, longest first."""
    found: set[str] = set()
    for name in _SECRET_HEADERS:
        value = headers.get(name)
        if not value:
            continue
        for candidate in (value.strip(), value.strip().rpartition(" ")[2]):
            if len(candidate) >= _MIN_SECRET:
                found.add(candidate)
    return tuple(sorted(found, key=len, reverse=True))


def redact(text: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


def redact_value(value: Any, secrets: tuple[str, ...]) -> Any:
    """A parsed JSON value with every secret replaced, in strings and keys at any depth."""
    if isinstance(value, str):
        return redact(value, secrets)
    if isinstance(value, dict):
        return {redact_value(key, secrets): redact_value(item, secrets) for key, item in value.items()}
    if isinstance(value, list):
        return [redact_value(item, secrets) for item in value]
    return value


def redact_error(error: APICallError, secrets: tuple[str, ...]) -> APICallError:
    """Remove ``secrets`` from everything ``error`` got from the response (in place; returns it)."""
    if not secrets:
        return error
    message = redact(error.message, secrets)
    if message != error.message:
        error.message = message
        error.args = (message, *error.args[1:])
    if error.response_body is not None:
        error.response_body = redact(error.response_body, secrets)
    if error.data is not None:
        error.data = redact_value(error.data, secrets)
    if error.response_headers is not None:
        error.response_headers = {key: redact(value, secrets) for key, value in error.response_headers.items()}
    return error

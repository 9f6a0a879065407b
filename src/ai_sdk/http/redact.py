"""Keeping credentials out of what a response brings back.

A misconfigured proxy or server may echo the request's ``Authorization`` header in an error body; the
error built from that body would then show the API key in its message, ``response_body``, ``data`` or
``response_headers``, and from there in logs. Every error built from a response passes through
:func:`redact_error` with the secrets of the request that caused it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

__all__ = ["REDACTED", "redact", "redact_error", "redact_value", "secrets_of"]

REDACTED = "[REDACTED]"
E = TypeVar("E", bound=BaseException)

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
    """A parsed JSON value (or raw bytes) with every secret replaced, in strings and keys at any depth."""
    if isinstance(value, str):
        return redact(value, secrets)
    if isinstance(value, dict):
        return {redact_value(key, secrets): redact_value(item, secrets) for key, item in value.items()}
    if isinstance(value, list):
        return [redact_value(item, secrets) for item in value]
    if isinstance(value, bytes):  # an undecoded answer kept on an error
        for secret in secrets:
            value = value.replace(secret.encode(), REDACTED.encode())
    return value


def redact_error(error: E, secrets: tuple[str, ...]) -> E:
    """Remove ``secrets`` from ``error`` and the errors it was raised from (in place; returns it): every
    string argument, and every instance attribute that holds text or parsed JSON (the message, the
    ``response_body``, ``data`` and ``response_headers`` of an :class:`APICallError`, the ``text`` of a
    :class:`~ai_sdk.errors.JSONParseError`, the ``doc`` of a ``json.JSONDecodeError``)."""
    if not secrets:
        return error
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and not any(current is done for done in seen):
        seen.append(current)
        current.args = tuple(
            redact_value(arg, secrets) if isinstance(arg, str | bytes) else arg for arg in current.args
        )
        for name, value in list(vars(current).items()):
            if isinstance(value, str | dict | list | bytes):
                setattr(current, name, redact_value(value, secrets))
        current = current.__cause__ or current.__context__
    return error

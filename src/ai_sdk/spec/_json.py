"""The JSON codec every layer uses: orjson (several times faster than the standard library on the
payloads we parse per stream chunk), with a standard-library fallback for values orjson refuses
(integers beyond 64 bits, non-string dict keys)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import orjson

__all__ = ["JSONDecodeError", "dumps", "dumps_str", "loads", "to_json_value"]

JSONDecodeError = orjson.JSONDecodeError
"""Raised by :func:`loads`; a subclass of :class:`json.JSONDecodeError` and of ``ValueError``."""


loads: Callable[[bytes | bytearray | memoryview | str], Any] = orjson.loads
"""Parse JSON text or UTF-8 bytes (orjson's own function: no wrapper call per stream chunk)."""


def dumps(value: Any) -> bytes:
    """Serialise to compact UTF-8 JSON bytes (an HTTP body)."""
    try:
        return orjson.dumps(value)
    except TypeError:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def dumps_str(value: Any) -> str:
    """Serialise to a compact JSON string (tool arguments, tool results)."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _is_plain_json(value: Any) -> bool:
    """Whether ``value`` is JSON data already (raises RecursionError for a self-referencing value)."""
    if value is None or isinstance(value, str | bool | int | float):
        return True
    if isinstance(value, list):
        return all(_is_plain_json(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _is_plain_json(item) for key, item in value.items())
    return False


def to_json_value(value: Any) -> Any:
    """``value`` as plain JSON data. Plain data is returned as is; anything else (pydantic models,
    dataclasses, tuples, datetimes, enums, ...) goes through pydantic's encoder, falling back to
    ``str`` for objects it does not know."""
    if _is_plain_json(value):
        return value
    from pydantic_core import to_jsonable_python

    return to_jsonable_python(value, fallback=str)

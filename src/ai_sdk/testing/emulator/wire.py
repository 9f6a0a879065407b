"""What a route handler returns, before any I/O: a JSON answer, an SSE stream of frames, or a dropped
connection. Keeping answers as plain values lets the route logic stay pure and testable; the server
only writes them.

Also the wire details DeepInfra has: compact JSON bodies, Python-style ``", "`` separators inside SSE
frames, and its error shapes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, TypeAlias

from ...spec import _json

__all__ = [
    "DONE_FRAME",
    "Answer",
    "DisconnectAnswer",
    "JSONAnswer",
    "StreamAnswer",
    "json_answer",
    "make_id",
    "native_error_body",
    "openai_error_body",
    "sse_frame",
    "status_message",
    "validation_answer",
]


@dataclass(frozen=True, slots=True)
class JSONAnswer:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass(frozen=True, slots=True)
class StreamAnswer:
    """An SSE body: each frame is written as one HTTP chunk."""

    frames: Sequence[bytes]
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    chunk_delay: float = 0.0
    drop_after: int | None = None
    """Cut the connection after this many frames, leaving the chunked body unterminated."""


@dataclass(frozen=True, slots=True)
class DisconnectAnswer:
    delay: float = 0.0


Answer: TypeAlias = JSONAnswer | StreamAnswer | DisconnectAnswer

DONE_FRAME = b"data: [DONE]\n\n"


def sse_frame(value: Any) -> bytes:
    """One ``data:`` frame in DeepInfra's style: Python's default ``json.dumps`` (``", "`` and ``": "``)."""
    return b"data: " + json.dumps(value).encode() + b"\n\n"


def json_answer(value: Any, *, status: int = 200, headers: Mapping[str, str] | None = None) -> JSONAnswer:
    return JSONAnswer(status, _json.dumps(value), {"content-type": "application/json", **(headers or {})})


def make_id(prefix: str, seed: str, size: int = 32) -> str:
    """A stable id: the same request in the same position always gets the same id."""
    return prefix + hashlib.blake2b(seed.encode(), digest_size=size // 2).hexdigest()


def status_message(status: int) -> str:
    if status == 429:
        return "Model busy, retry later"
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"Error {status}"


def openai_error_body(message: str, *, code: Any = None) -> dict[str, Any]:
    """The error object of DeepInfra's OpenAI-compatible routes."""
    return {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": code}}


def native_error_body(message: str) -> dict[str, Any]:
    """The error object of DeepInfra's native ``/inference`` route."""
    return {"detail": {"error": message}}


def validation_answer(detail: list[dict[str, Any]]) -> JSONAnswer:
    """FastAPI's 422 answer, as DeepInfra sends for a body that breaks its schema."""
    return json_answer({"detail": detail}, status=422)

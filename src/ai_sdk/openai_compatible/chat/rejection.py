"""Plain words for a model that refuses a feature of the request.

DeepInfra answers a model that cannot do structured output or tool calling with HTTP 405 (sometimes
400 or 422), a message such as "json_object response format is not supported for model X", and at
times no body at all. The bare "HTTP 405 Method Not Allowed" of an empty answer tells a user nothing,
so when the request asked for a response format or tools and the model refused, the error says which
feature the model rejected and what to use instead.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

from ...spec import APICallError

__all__ = ["explain_rejection", "rejections_explained"]

_REFUSAL_STATUSES = frozenset({400, 405, 422})


def explain_rejection(error: APICallError, body: Any) -> APICallError | None:
    """A clearer error for ``error`` when the model refused the request's response format or tools;
    ``None`` when the error is of another kind (it is then raised unchanged)."""
    if error.status_code not in _REFUSAL_STATUSES or not isinstance(body, dict):
        return None
    model = body.get("model", "this model")
    message = error.message
    lowered = message.lower()
    response_format = body.get("response_format")
    if isinstance(response_format, dict) and (
        "response format" in lowered or "response_format" in lowered or error.status_code == 405
    ):
        kind = response_format.get("type", "json")
        hint = (
            f"Model {model} rejected response_format {kind!r} (HTTP {error.status_code}: {message}). "
            "Ask for JSON without a schema (Output.json(), or generate_object(output='no-schema')), "
            "or have the model call a tool whose input schema is your object; see docs/structured-output.md."
        )
    elif body.get("tools") and ("tool" in lowered or error.status_code == 405):
        hint = (
            f"Model {model} rejected tool calling (HTTP {error.status_code}: {message}). "
            "Choose a model that supports tools (DeepInfra tags them 'tools' in GET /openai/models)."
        )
    else:
        return None
    return APICallError(
        hint,
        url=error.url,
        request_body=error.request_body,
        status_code=error.status_code,
        response_headers=error.response_headers,
        response_body=error.response_body,
        is_retryable=error.is_retryable,
        data=error.data,
        cause=error,
    )


class rejections_explained:  # lower-case: used like the function it was (``with rejections_explained(body):``)
    """Re-raise an :class:`APICallError` from the block with :func:`explain_rejection`'s clearer
    message when it applies (the original stays the ``__cause__``). A plain ``with`` serves the
    blocking and the async drivers alike. A class rather than ``@contextmanager``: it wraps every
    chat call, and a generator-based manager costs a few microseconds more per call."""

    __slots__ = ("_body",)

    def __init__(self, body: Any) -> None:
        self._body = body

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if isinstance(error, APICallError):
            explained = explain_rejection(error, self._body)
            if explained is not None:
                raise explained from error

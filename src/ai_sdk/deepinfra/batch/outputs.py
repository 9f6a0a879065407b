"""The batch's output and error files, line by line: each line answers one ``custom_id`` with the
HTTP status and body real time would have answered, or with an error of the batch itself (a row
left undone when the batch expired or was cancelled). Order is not guaranteed, so rows are matched
by id."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...http.errors import extract_error_message
from ...spec import APICallError, InvalidResponseDataError
from ...spec._json import JSONDecodeError, dumps_str, loads

__all__ = ["BatchRowOutput", "parse_batch_output"]


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchRowOutput:
    """One answered line: ``body`` is the response body when ``error`` is ``None``; otherwise ``error``
    says why the row has no result (``status_code`` is ``None`` for errors of the batch, such as
    ``batch_expired``, whose code is in ``error.data["code"]``)."""

    custom_id: str
    status_code: int | None
    body: Any = None
    error: APICallError | None = None
    request_id: str | None = None


def _row(value: Mapping[str, Any], url: str) -> BatchRowOutput:
    custom_id = value.get("custom_id")
    if not isinstance(custom_id, str):
        raise InvalidResponseDataError(f"a batch output line has no custom_id: {dumps_str(value)[:300]}", data=value)
    response = value.get("response")
    problem = value.get("error")
    if isinstance(response, Mapping):
        status = response.get("status_code")
        status = status if type(status) is int else None
        body = response.get("body")
        request_id = response.get("request_id") if isinstance(response.get("request_id"), str) else None
        if status is not None and 200 <= status < 300:
            return BatchRowOutput(custom_id=custom_id, status_code=status, body=body, request_id=request_id)
        message = extract_error_message(body) or f"HTTP {status}"
        error = APICallError(
            f"row {custom_id!r}: {message}",
            url=url,
            status_code=status,
            response_body=dumps_str(body) if body is not None else None,
            data=body,
        )
        return BatchRowOutput(custom_id=custom_id, status_code=status, body=body, error=error, request_id=request_id)
    if isinstance(problem, Mapping):
        code, reason = problem.get("code"), problem.get("message")
        what = f"{code if isinstance(code, str) else 'error'}: {reason if isinstance(reason, str) else 'not run'}"
        # Rows the batch never ran (expired, cancelled) may be submitted again: retryable.
        error = APICallError(f"row {custom_id!r}: {what}", url=url, data=dict(problem), is_retryable=True)
        return BatchRowOutput(custom_id=custom_id, status_code=None, error=error)
    raise InvalidResponseDataError(
        f"a batch output line has neither a response nor an error: {dumps_str(value)[:300]}", data=value
    )


def parse_batch_output(data: bytes, *, url: str) -> dict[str, BatchRowOutput]:
    """The rows of an output or error file by ``custom_id``; ``url`` (the endpoint's real-time URL) goes
    on each row's error. Raises :class:`InvalidResponseDataError` for a line that is not a result."""
    rows: dict[str, BatchRowOutput] = {}
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            value = loads(raw)
        except JSONDecodeError as error:
            raise InvalidResponseDataError(f"line {number} of a batch output file is not JSON: {error}") from None
        if not isinstance(value, Mapping):
            raise InvalidResponseDataError(f"line {number} of a batch output file is not an object", data=value)
        row = _row(value, url)
        rows[row.custom_id] = row
    return rows

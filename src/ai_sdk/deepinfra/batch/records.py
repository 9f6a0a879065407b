"""The Batch API's objects as typed, frozen records: a file, a batch with its counts, usage and
validation errors. Parsing is partial on purpose (the fields we use are checked, the rest kept in
``raw``), so a field DeepInfra adds later breaks nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, TypeAlias, get_args

from ...spec import InvalidResponseDataError
from ...spec._json import dumps_str

__all__ = [
    "TERMINAL_STATUSES",
    "Batch",
    "BatchEndpoint",
    "BatchFile",
    "BatchLineError",
    "BatchRequestCounts",
    "BatchStatus",
    "BatchUsage",
    "parse_batch",
    "parse_batch_file",
]

BatchStatus: TypeAlias = Literal[
    "validating", "failed", "in_progress", "finalizing", "completed", "expired", "cancelling", "cancelled"
]
"""Where a batch is: ``validating`` -> ``in_progress`` -> ``finalizing`` -> ``completed``, or one of the
other terminal states ``failed`` (validation), ``expired`` (the 24 h window ran out) and ``cancelled``."""

BatchEndpoint: TypeAlias = Literal["/v1/chat/completions", "/v1/completions", "/v1/embeddings"]
"""The routes DeepInfra runs batches against: one per batch, named on every line of its input file."""

TERMINAL_STATUSES: frozenset[str] = frozenset({"completed", "failed", "expired", "cancelled"})
_STATUSES = frozenset(get_args(BatchStatus))


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchFile:
    """An uploaded (``purpose="batch"``) or generated (``"batch_output"``) file."""

    id: str
    bytes: int
    filename: str
    purpose: str
    created_at: datetime | None = None
    expires_at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchRequestCounts:
    """How many of the batch's requests exist, succeeded and failed so far."""

    total: int = 0
    completed: int = 0
    failed: int = 0

    @property
    def done(self) -> int:
        """Requests answered either way."""
        return self.completed + self.failed


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchUsage:
    """Tokens over the whole batch (the per-row usage, with cost, is on each row's result)."""

    input_tokens: int = 0
    output_tokens: int = 0
    total_tokens: int = 0
    cached_input_tokens: int = 0
    reasoning_tokens: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchLineError:
    """Why validation rejected (a line of) the input file: ``line`` is 1-based, ``None`` or 0 for the
    file as a whole."""

    code: str
    message: str
    line: int | None = None
    param: str | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.message} ({self.code})"


@dataclass(frozen=True, slots=True, kw_only=True)
class Batch:
    """A batch as DeepInfra last reported it."""

    id: str
    status: BatchStatus
    endpoint: str
    input_file_id: str
    output_file_id: str | None = None
    error_file_id: str | None = None
    model: str | None = None
    created_at: datetime | None = None
    expires_at: datetime | None = None
    request_counts: BatchRequestCounts = field(default_factory=BatchRequestCounts)
    usage: BatchUsage | None = None
    errors: tuple[BatchLineError, ...] = ()
    metadata: Mapping[str, Any] | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)
    """The whole Batch object as received."""

    @property
    def is_terminal(self) -> bool:
        """True once the batch will not change any more (completed, failed, expired or cancelled)."""
        return self.status in TERMINAL_STATUSES


def _time(value: Any) -> datetime | None:
    return datetime.fromtimestamp(value, UTC) if type(value) is int or type(value) is float else None


def _int(value: Any) -> int:
    return value if type(value) is int else 0


def _object(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidResponseDataError(f"expected a {what} object, got {dumps_str(value)[:300]}", data=value)
    return value


def _str(value: Mapping[str, Any], key: str, what: str) -> str:
    found = value.get(key)
    if not isinstance(found, str):
        raise InvalidResponseDataError(f"the {what} object has no {key!r} string: {dumps_str(value)[:300]}", data=value)
    return found


def _optional_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def parse_batch_file(value: Any) -> BatchFile:
    """A FileObject; raises :class:`InvalidResponseDataError` without an ``id``."""
    value = _object(value, "file")
    return BatchFile(
        id=_str(value, "id", "file"),
        bytes=_int(value.get("bytes")),
        filename=str(value.get("filename") or ""),
        purpose=str(value.get("purpose") or ""),
        created_at=_time(value.get("created_at")),
        expires_at=_time(value.get("expires_at")),
    )


def _usage(value: Any) -> BatchUsage | None:
    if not isinstance(value, Mapping):
        return None
    input_details = value.get("input_tokens_details")
    output_details = value.get("output_tokens_details")
    return BatchUsage(
        input_tokens=_int(value.get("input_tokens")),
        output_tokens=_int(value.get("output_tokens")),
        total_tokens=_int(value.get("total_tokens")),
        cached_input_tokens=_int(input_details.get("cached_tokens")) if isinstance(input_details, Mapping) else 0,
        reasoning_tokens=_int(output_details.get("reasoning_tokens")) if isinstance(output_details, Mapping) else 0,
    )


def _errors(value: Any) -> tuple[BatchLineError, ...]:
    items = value.get("data") if isinstance(value, Mapping) else None
    if not isinstance(items, list):
        return ()
    return tuple(
        BatchLineError(
            code=str(item.get("code") or "error"),
            message=str(item.get("message") or "unknown error"),
            line=item.get("line") if type(item.get("line")) is int else None,
            param=_optional_str(item.get("param")),
        )
        for item in items
        if isinstance(item, Mapping)
    )


def parse_batch(value: Any) -> Batch:
    """A Batch object; raises :class:`InvalidResponseDataError` without an ``id`` or a known ``status``."""
    value = _object(value, "batch")
    status = value.get("status")
    if status not in _STATUSES:
        raise InvalidResponseDataError(f"the batch has an unknown status {status!r}", data=value)
    counts = value.get("request_counts")
    counts = counts if isinstance(counts, Mapping) else {}
    metadata = value.get("metadata")
    return Batch(
        id=_str(value, "id", "batch"),
        status=status,
        endpoint=str(value.get("endpoint") or ""),
        input_file_id=str(value.get("input_file_id") or ""),
        output_file_id=_optional_str(value.get("output_file_id")),
        error_file_id=_optional_str(value.get("error_file_id")),
        model=_optional_str(value.get("model")),
        created_at=_time(value.get("created_at")),
        expires_at=_time(value.get("expires_at")),
        request_counts=BatchRequestCounts(
            total=_int(counts.get("total")), completed=_int(counts.get("completed")), failed=_int(counts.get("failed"))
        ),
        usage=_usage(value.get("usage")),
        errors=_errors(value.get("errors")),
        metadata=metadata if isinstance(metadata, Mapping) else None,
        raw=value,
    )

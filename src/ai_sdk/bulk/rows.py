"""The rows of a bulk job and their results: one shape for every way of running the job.

A :class:`Row` is one unit of work with a stable ``id`` (a prompt, a message list, or a value to
embed, plus optional per-row settings). A :class:`RowResult` is what became of it: the text, object or
embedding, the finish reason, usage and cost, or a :class:`RowError` as data. The real-time runner and
the Batch API both produce :class:`RowResult`, so a job can switch between them with one argument, and
both write the same JSONL lines (:meth:`RowResult.to_json` / :meth:`RowResult.from_json`), which is
what checkpoints, resume and the ``ai-sdk batch`` command read and write.

JSONL input lines look like ``{"id": "a1", "prompt": "..."}``, ``{"id": "a1", "messages": [...]}`` or
``{"id": "a1", "value": "..."}`` (embeddings), with optional per-row settings beside them
(``{"id": "a1", "prompt": "...", "temperature": 0.2, "max_output_tokens": 100}``). An unknown key is an
error that names the closest known one, never a silently dropped setting.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

from ..spec import _json
from ..spec.errors import AISDKError, APICallError, InvalidRowError, RetryError
from ..spec.shared import InputTokenDetails, OutputTokenDetails, Usage

__all__ = [
    "ROW_SETTINGS",
    "Row",
    "RowError",
    "RowId",
    "RowInput",
    "RowResult",
    "failed_result",
    "usage_from_json",
    "usage_to_json",
]

RowId: TypeAlias = str | int
"""A row's id as the input gave it (a string or an integer); echoed unchanged in its result."""

ROW_SETTINGS: tuple[str, ...] = (
    "max_output_tokens",
    "temperature",
    "top_p",
    "top_k",
    "presence_penalty",
    "frequency_penalty",
    "stop_sequences",
    "seed",
    "timeout",
    "headers",
    "provider_options",
)
"""Call settings a row may carry for itself; they override the job's settings for that row."""

_CONTENT_KEYS = ("prompt", "messages", "system", "value")
_KNOWN_KEYS = ("id", *_CONTENT_KEYS, *ROW_SETTINGS)


def _is_id(value: object) -> bool:
    return isinstance(value, str | int) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    """One unit of bulk work.

    ``id`` must be unique within the job and stable across runs: resuming matches finished rows by it.
    Give ``prompt`` (a string) or ``messages`` (a list of messages as for ``generate_text``), optionally
    with ``system``; for embedding jobs give ``value``. ``settings`` are per-row call settings (any of
    :data:`ROW_SETTINGS`) that override the job's own.
    """

    id: RowId
    prompt: str | None = None
    messages: Sequence[Any] | None = None
    system: str | None = None
    value: str | None = None
    settings: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not _is_id(self.id):
            raise InvalidRowError(f"a row id must be a string or an int, got {self.id!r}", row_id=None)
        if self.prompt is not None and self.messages is not None:
            raise InvalidRowError("give either 'prompt' or 'messages', not both", row_id=self.id)
        if self.prompt is not None and not isinstance(self.prompt, str):
            raise InvalidRowError(
                f"'prompt' must be a string (use 'messages' for a message list), got {type(self.prompt).__name__}",
                row_id=self.id,
            )
        messages = self.messages
        if messages is not None and (isinstance(messages, str | bytes) or not isinstance(messages, Sequence)):
            raise InvalidRowError("'messages' must be a list of messages", row_id=self.id)
        if self.system is not None and not isinstance(self.system, str):
            raise InvalidRowError("'system' must be a string", row_id=self.id)
        if self.value is not None and not isinstance(self.value, str):
            raise InvalidRowError("'value' (the text to embed) must be a string", row_id=self.id)
        unknown = [key for key in self.settings if key not in ROW_SETTINGS]
        if unknown:
            raise InvalidRowError(_unknown_key_message(unknown[0], ROW_SETTINGS), row_id=self.id)

    @classmethod
    def from_json(cls, data: object, *, line: int | None = None) -> Row:
        """A row from one decoded JSONL line (a JSON object); ``line`` (1-based) goes into errors.

        Per-row settings sit beside ``id`` and the content keys. Raises
        :class:`~ai_sdk.errors.InvalidRowError` naming the line, the id and what to fix.
        """
        if not isinstance(data, Mapping):
            raise InvalidRowError(
                f'each line must be a JSON object such as {{"id": "1", "prompt": "..."}}, got {type(data).__name__}',
                row_id=None,
                line=line,
            )
        row_id = data.get("id")
        if not _is_id(row_id):
            shown = "no 'id'" if row_id is None else f"id {row_id!r}"
            raise InvalidRowError(
                f"each row needs an 'id' (a string or an int) that is unique and stable across runs; got {shown}",
                row_id=None,
                line=line,
            )
        assert isinstance(row_id, str | int)
        unknown = [key for key in data if key not in _KNOWN_KEYS]
        if unknown:
            raise InvalidRowError(_unknown_key_message(unknown[0], _KNOWN_KEYS), row_id=row_id, line=line)
        settings = {key: data[key] for key in ROW_SETTINGS if key in data}
        try:
            return cls(
                id=row_id,
                prompt=data.get("prompt"),
                messages=data.get("messages"),
                system=data.get("system"),
                value=data.get("value"),
                settings=settings,
            )
        except InvalidRowError as error:
            raise InvalidRowError(error.reason, row_id=row_id, line=line) from None

    @classmethod
    def of(cls, item: RowInput, index: int, *, field: Literal["prompt", "value"] = "prompt") -> Row:
        """Coerce one input item: a :class:`Row` as is, a mapping as a JSONL line, a string as the
        ``field`` (the prompt, or for embedding jobs the value) of a row whose id is its 0-based
        position ``index``."""
        if isinstance(item, Row):
            return item
        if isinstance(item, str):
            return cls(id=index, value=item) if field == "value" else cls(id=index, prompt=item)
        if isinstance(item, Mapping):
            return cls.from_json(item)
        raise InvalidRowError(
            f"a row must be a Row, a mapping such as {{'id': 'a1', 'prompt': '...'}} or a string, "
            f"got {type(item).__name__}",
            row_id=None,
        )

    def to_json(self) -> dict[str, Any]:
        """The JSONL line of this row (the inverse of :meth:`from_json`)."""
        line: dict[str, Any] = {"id": self.id}
        for key in _CONTENT_KEYS:
            value = getattr(self, key)
            if value is not None:
                line[key] = list(value) if key == "messages" else value
        line.update(self.settings)
        return line


RowInput: TypeAlias = Row | Mapping[str, Any] | str
"""What a bulk job accepts per row: a :class:`Row`, a JSONL-shaped mapping, or a plain string (its
id is then its position in the input, which is only stable if the input order is)."""


def _unknown_key_message(key: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown key {key!r}{hint} (known keys: {', '.join(known)})"


@dataclass(frozen=True, slots=True, kw_only=True)
class RowError:
    """Why a row failed, as data: the error's class name, its message, the HTTP status when there was
    one, and whether trying again later might succeed (``retryable``: rate limits, server errors and
    network errors). Never holds request headers, so no API key can reach it."""

    type: str
    message: str
    status_code: int | None = None
    retryable: bool = False

    @classmethod
    def from_exception(cls, error: BaseException) -> RowError:
        """Describe ``error``; for a :class:`~ai_sdk.errors.RetryError` the last attempt's error
        decides the status and whether a later run may succeed."""
        last = error.last_error if isinstance(error, RetryError) and error.last_error is not None else error
        status = last.status_code if isinstance(last, APICallError) else None
        retryable = bool(last.is_retryable) if isinstance(last, APICallError) else False
        message = error.message if isinstance(error, AISDKError) else (str(error) or type(error).__name__)
        return cls(type=type(error).__name__, message=message, status_code=status, retryable=retryable)

    def to_json(self) -> dict[str, Any]:
        """``{"type", "message", "status_code", "retryable"}``."""
        return {
            "type": self.type,
            "message": self.message,
            "status_code": self.status_code,
            "retryable": self.retryable,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RowError:
        """The inverse of :meth:`to_json`."""
        return cls(
            type=str(data.get("type") or "Error"),
            message=str(data.get("message") or ""),
            status_code=data.get("status_code"),
            retryable=bool(data.get("retryable", False)),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class RowResult:
    """What became of one :class:`Row`.

    Exactly one of ``text`` (text jobs), ``object`` (structured output: the validated object) and
    ``embedding`` is set on success; ``error`` is set instead when the row failed (after its retries).
    ``usage`` sums every model call the row made (``cost``: USD, DeepInfra's ``estimated_cost``);
    ``attempts`` counts the requests sent for it (retries included); ``warnings`` are settings the
    model could not honour. ``mode`` says how it ran: ``"realtime"`` or ``"batch-api"``.
    """

    id: RowId
    text: str | None = None
    object: Any = None
    embedding: list[float] | None = None
    finish_reason: str | None = None
    usage: Usage | None = None
    error: RowError | None = None
    attempts: int = 1
    warnings: tuple[str, ...] = ()
    mode: Literal["realtime", "batch-api"] = "realtime"

    @property
    def ok(self) -> bool:
        """``True`` when the row succeeded."""
        return self.error is None

    @property
    def cost(self) -> float | None:
        """The row's price in USD when the provider reported one."""
        return self.usage.cost if self.usage is not None else None

    def to_json(self) -> dict[str, Any]:
        """The row's JSONL output line: ``id``, then ``text`` / ``object`` / ``embedding`` (whichever
        the job produces), ``finish_reason``, ``usage``, ``cost``, ``error``, ``attempts``, ``mode``
        (plus ``warnings`` when there are any)."""
        line: dict[str, Any] = {"id": self.id}
        if self.embedding is not None:
            line["embedding"] = self.embedding
        elif self.object is not None:
            line["object"] = _plain(self.object)
        elif self.text is not None or self.error is None:
            line["text"] = self.text
        line["finish_reason"] = self.finish_reason
        line["usage"] = usage_to_json(self.usage)
        line["cost"] = self.cost
        line["error"] = self.error.to_json() if self.error is not None else None
        line["attempts"] = self.attempts
        line["mode"] = self.mode
        if self.warnings:
            line["warnings"] = list(self.warnings)
        return line

    def to_jsonl(self) -> bytes:
        """:meth:`to_json` as one UTF-8 JSON line ending in ``\\n``."""
        return _json.dumps(self.to_json()) + b"\n"

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RowResult:
        """The inverse of :meth:`to_json` (``object`` comes back as plain JSON, not a model instance)."""
        row_id = data.get("id")
        if not _is_id(row_id):
            raise InvalidRowError(f"a result line needs an 'id', got {row_id!r}", row_id=None)
        assert isinstance(row_id, str | int)
        error = data.get("error")
        mode = data.get("mode", "realtime")
        return cls(
            id=row_id,
            text=data.get("text"),
            object=data.get("object"),
            embedding=data.get("embedding"),
            finish_reason=data.get("finish_reason"),
            usage=usage_from_json(data.get("usage"), cost=data.get("cost")),
            error=RowError.from_json(error) if isinstance(error, Mapping) else None,
            attempts=int(data.get("attempts", 1)),
            warnings=tuple(data.get("warnings") or ()),
            mode="batch-api" if mode == "batch-api" else "realtime",
        )


def failed_result(
    row_id: RowId, error: BaseException, *, attempts: int, mode: Literal["realtime", "batch-api"] = "realtime"
) -> RowResult:
    """The final result of a row that failed with ``error``. An answer that came back but was unusable
    (text that is not the requested JSON) was still billed: its usage and finish reason stay on the
    result."""
    usage = getattr(error, "usage", None)
    finish_reason = getattr(error, "finish_reason", None)
    return RowResult(
        id=row_id,
        error=RowError.from_exception(error),
        attempts=attempts,
        usage=usage if isinstance(usage, Usage) else None,
        finish_reason=finish_reason if isinstance(finish_reason, str) else None,
        mode=mode,
    )


def _plain(value: Any) -> Any:
    """A structured output as plain JSON: pydantic models are dumped in JSON mode."""
    dump = getattr(value, "model_dump", None)
    return dump(mode="json") if callable(dump) else value


def usage_to_json(usage: Usage | None) -> dict[str, Any] | None:
    """Usage as ``{"input_tokens", "output_tokens", "total_tokens"}`` plus ``cache_read_tokens`` and
    ``reasoning_tokens`` when known (the cost is its own key on result lines)."""
    if usage is None:
        return None
    line: dict[str, Any] = {
        "input_tokens": usage.input_tokens,
        "output_tokens": usage.output_tokens,
        "total_tokens": usage.total_tokens,
    }
    if usage.input_token_details.cache_read is not None:
        line["cache_read_tokens"] = usage.input_token_details.cache_read
    if usage.output_token_details.reasoning is not None:
        line["reasoning_tokens"] = usage.output_token_details.reasoning
    return line


def usage_from_json(data: object, *, cost: object = None) -> Usage | None:
    """The inverse of :func:`usage_to_json`, with the line's ``cost``."""
    if not isinstance(data, Mapping):
        return None if cost is None else Usage(cost=float(cost))  # type: ignore[arg-type]
    return Usage(
        input_tokens=data.get("input_tokens"),
        output_tokens=data.get("output_tokens"),
        total_tokens=data.get("total_tokens"),
        input_token_details=InputTokenDetails(cache_read=data.get("cache_read_tokens")),
        output_token_details=OutputTokenDetails(reasoning=data.get("reasoning_tokens")),
        cost=float(cost) if isinstance(cost, int | float) else None,
    )

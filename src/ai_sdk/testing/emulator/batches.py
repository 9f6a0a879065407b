"""DeepInfra's OpenAI-compatible Files and Batch API (``/openai/files``, ``/openai/batches``), emulated.

A batch moves through ``validating`` -> ``in_progress`` -> ``completed`` on a clock the test controls
(:class:`BatchTiming`, seconds rather than DeepInfra's hours), so a whole flow runs in well under a
second. Its state is worked out whenever it is read, from the time since creation: there is no worker
thread to stop. Each line is answered by the same code as the real-time routes (chat, completions,
embeddings), after validating its body against the route's OpenAPI schema, and with the cost 20% below
the real-time price, as DeepInfra bills batches.

What a test can make happen (``emu.batches``): ``fail_next()`` (the next batch fails validation),
``expire_next()`` (the next batch runs out of its window half-way: finished rows in the output file,
the rest as ``batch_expired`` errors), ``fail_rows(*custom_ids, status=500)`` (those rows get an error
answer, in the error file), and ``timing`` (how long each state lasts). An input file that breaks the
rules DeepInfra states (one model, one endpoint, unique ``custom_id``, ``method`` POST) fails the batch
with one error per offending line, as the real validation does.

Routes: ``POST /files`` (multipart ``purpose=batch``, ``file``), ``GET /files``, ``GET /files/{id}``,
``GET /files/{id}/content``, ``POST /batches`` (validated against ``OpenAIBatchesIn``), ``GET
/batches``, ``GET /batches/{id}``, ``POST /batches/{id}/cancel``; each also without the ``/openai``
prefix, as DeepInfra serves them.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ...spec import _json
from .chat import chat_answer
from .completions import completion_answer
from .embeddings import embeddings_answer
from .multipart import FormPart
from .wire import Answer, JSONAnswer, json_answer, make_id, openai_error_body, status_message, validation_answer

__all__ = ["BATCH_PRICE_FACTOR", "BatchControls", "BatchTiming"]

BATCH_PRICE_FACTOR = 0.8
"""Batch rows cost 20% less than the same request in real time."""

_ENDPOINTS: dict[str, tuple[str, str]] = {
    # endpoint -> (the route's OpenAPI schema, the kind of answer)
    "/v1/chat/completions": ("OpenAIChatCompletionsIn", "chat"),
    "/v1/completions": ("OpenAICompletionsIn", "completions"),
    "/v1/embeddings": ("OpenAIEmbeddingsIn", "embeddings"),
}
_MAX_FILE_BYTES = 200 * 1024 * 1024
_MAX_METADATA_PAIRS = 16
_TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})

BatchState = Literal[
    "validating", "failed", "in_progress", "finalizing", "completed", "expired", "cancelling", "cancelled"
]


@dataclass(slots=True)
class BatchTiming:
    """Seconds each state lasts in the emulator (DeepInfra's real batches take minutes to hours).

    ``in_progress`` is spread evenly over the rows, so ``request_counts.completed`` climbs while a
    client polls; ``cancelling`` is the time between a cancel request and ``cancelled``.
    """

    validating: float = 0.05
    in_progress: float = 0.2
    cancelling: float = 0.05


@dataclass(slots=True)
class _File:
    id: str
    filename: str
    purpose: str
    data: bytes
    created_at: int

    def record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "file",
            "bytes": len(self.data),
            "created_at": self.created_at,
            "expires_at": self.created_at + 30 * 86400,
            "filename": self.filename,
            "purpose": self.purpose,
        }


@dataclass(slots=True)
class _Row:
    line: int
    custom_id: str
    body: Any


@dataclass(slots=True)
class _Batch:
    id: str
    endpoint: str
    input_file_id: str
    metadata: Mapping[str, Any] | None
    created_at: int
    started: float
    timing: BatchTiming
    rows: list[_Row]
    model: str | None
    errors: list[dict[str, Any]]
    """Validation errors: a non-empty list fails the batch when validation ends."""
    fault: Literal["expire"] | None = None
    failing_rows: dict[str, tuple[int, str | None]] = field(default_factory=dict)
    cancel_requested: float | None = None
    final: dict[str, Any] | None = None
    """The terminal record, once reached (files written, counts fixed)."""


class BatchControls:
    """The emulator's Files and Batch API state and the knobs tests turn (``emu.batches``)."""

    def __init__(self, *, validate: bool = True, clock: Callable[[], float] = time.monotonic) -> None:
        self.timing = BatchTiming()
        """How long each state lasts for batches created from now on."""
        self.validate = validate
        """Check create bodies and each row's body against DeepInfra's OpenAPI schemas."""
        self._clock = clock
        self._lock = threading.Lock()
        self._files: dict[str, _File] = {}
        self._batches: dict[str, _Batch] = {}
        self._fail_next: list[str] = []
        self._expire_next = 0
        self._failing_rows: dict[str, tuple[int, str | None]] = {}
        self._counter = 0

    # ------------------------------------------------------------------------------ test controls

    def fail_next(self, message: str = "The batch failed validation", *, times: int = 1) -> None:
        """The next ``times`` batches fail at the end of validation with ``message``."""
        with self._lock:
            self._fail_next.extend([message] * times)

    def expire_next(self, *, times: int = 1) -> None:
        """The next ``times`` batches expire half-way: the first half of their rows are answered, the rest
        come back as ``batch_expired`` errors."""
        with self._lock:
            self._expire_next += times

    def fail_rows(self, *custom_ids: str, status: int = 500, message: str | None = None) -> None:
        """Rows with these ``custom_id`` s (in any batch created from now on) get an error answer with
        ``status``, written to the batch's error file."""
        with self._lock:
            for custom_id in custom_ids:
                self._failing_rows[custom_id] = (status, message)

    def file_content(self, file_id: str) -> bytes:
        """The bytes of a stored file (an uploaded input, or an output/error file the emulator wrote)."""
        with self._lock:
            return self._files[file_id].data

    @property
    def batch_ids(self) -> list[str]:
        """Every batch created so far, oldest first."""
        with self._lock:
            return list(self._batches)

    def clear(self) -> None:
        """Forget every file, batch and pending fault."""
        with self._lock:
            self._files.clear()
            self._batches.clear()
            self._fail_next.clear()
            self._expire_next = 0
            self._failing_rows.clear()

    # ------------------------------------------------------------------------------------ routes

    def answer(self, method: str, path: str, body: Any, query: Mapping[str, str]) -> Answer:
        """The answer to a files or batches request (``path`` relative to ``/v1``, ``/openai`` removed)."""
        parts = [part for part in path.split("/") if part]
        with self._lock:
            if parts[0] == "files":
                return self._files_answer(method, parts[1:], body)
            return self._batches_answer(method, parts[1:], body, query)

    def _files_answer(self, method: str, rest: Sequence[str], body: Any) -> Answer:
        if not rest:
            if method == "POST":
                return self._upload(body)
            if method == "GET":
                return json_answer({"object": "list", "data": [f.record() for f in self._files.values()]})
            return _method_not_allowed()
        stored = self._files.get(rest[0])
        if stored is None:
            return _not_found(f"No such file: {rest[0]}")
        if len(rest) == 1 and method == "GET":
            return json_answer(stored.record())
        if len(rest) == 2 and rest[1] == "content" and method == "GET":
            return JSONAnswer(200, stored.data, {"content-type": "application/octet-stream"})
        return _not_found(f"No route {'/'.join(rest)}")

    def _upload(self, body: Any) -> Answer:
        parts = body if isinstance(body, list) else []
        purpose = next((p for p in parts if isinstance(p, FormPart) and p.name == "purpose"), None)
        upload = next((p for p in parts if isinstance(p, FormPart) and p.name == "file"), None)
        problems = [
            {"loc": ["body", name], "msg": "Field required", "type": "missing"}
            for name, part in (("purpose", purpose), ("file", upload))
            if part is None
        ]
        if problems:
            return validation_answer(problems)
        assert purpose is not None
        assert upload is not None
        if purpose.text != "batch":
            return json_answer(openai_error_body(f"purpose must be 'batch', got {purpose.text!r}"), status=400)
        if len(upload.data) > _MAX_FILE_BYTES:
            return json_answer(openai_error_body("files are limited to 200 MB"), status=400)
        stored = self._store(upload.filename or "upload.jsonl", "batch", upload.data)
        return json_answer(stored.record())

    def _store(self, filename: str, purpose: str, data: bytes) -> _File:
        self._counter += 1
        stored = _File(make_id("file-", f"{self._counter}:{filename}", 24), filename, purpose, data, int(time.time()))
        self._files[stored.id] = stored
        return stored

    def _batches_answer(self, method: str, rest: Sequence[str], body: Any, query: Mapping[str, str]) -> Answer:
        if not rest:
            if method == "POST":
                return self._create(body)
            if method == "GET":
                records = [self._record(batch) for batch in self._batches.values()]
                return json_answer({"object": "list", "data": records, "has_more": False})
            return _method_not_allowed()
        batch = self._batches.get(rest[0])
        if batch is None:
            return _not_found(f"No such batch: {rest[0]}")
        if len(rest) == 1 and method == "GET":
            return json_answer(self._record(batch))
        if len(rest) == 2 and rest[1] == "cancel" and method == "POST":
            record = self._record(batch)
            if record["status"] in _TERMINAL:
                message = f"Cannot cancel a batch with status {record['status']!r}"
                return json_answer(openai_error_body(message), status=409)
            if batch.cancel_requested is None:
                batch.cancel_requested = self._clock()
            return json_answer(self._record(batch))
        return _not_found(f"No route batches/{'/'.join(rest)}")

    def _create(self, body: Any) -> Answer:
        problems = _create_problems(body, validate=self.validate)
        if problems:
            return validation_answer(problems)
        stored = self._files.get(body["input_file_id"])
        if stored is None:
            return _not_found(f"No such file: {body['input_file_id']}")
        rows, errors, model = _read_input(stored.data, body["endpoint"])
        if self._fail_next:
            errors = [*errors, {"code": "failed", "message": self._fail_next.pop(0), "line": None, "param": None}]
        fault: Literal["expire"] | None = None
        if self._expire_next:
            self._expire_next -= 1
            fault = "expire"
        self._counter += 1
        batch = _Batch(
            id=make_id("batch_", f"{self._counter}:{stored.id}", 24),
            endpoint=body["endpoint"],
            input_file_id=stored.id,
            metadata=body.get("metadata"),
            created_at=int(time.time()),
            started=self._clock(),
            timing=BatchTiming(self.timing.validating, self.timing.in_progress, self.timing.cancelling),
            rows=rows,
            model=model,
            errors=errors,
            fault=fault,
            failing_rows=dict(self._failing_rows),
        )
        self._batches[batch.id] = batch
        return json_answer(self._record(batch))

    # ------------------------------------------------------------------------------- lifecycle

    def _record(self, batch: _Batch) -> dict[str, Any]:
        """The Batch object as of now; reaching a terminal state writes the output and error files."""
        if batch.final is not None:
            return batch.final
        now = self._clock()
        timing = batch.timing
        validated = batch.started + timing.validating
        finished = validated + timing.in_progress
        record = self._base_record(batch)
        stamp = int(time.time())
        if batch.cancel_requested is not None:
            if now < batch.cancel_requested + timing.cancelling:
                done = self._rows_done(batch, batch.cancel_requested)
                record.update(status="cancelling", cancelling_at=stamp, request_counts=self._counts(batch, done))
                return record
            done = self._rows_done(batch, batch.cancel_requested)
            return self._finish(batch, record, "cancelled", done, "batch_cancelled")
        if now < validated:
            record.update(status="validating")
            return record
        if batch.errors:
            record.update(status="failed", failed_at=stamp, errors={"object": "list", "data": batch.errors})
            batch.final = record
            return record
        record["in_progress_at"] = int(batch.created_at + timing.validating)
        if now < finished:
            record.update(status="in_progress", request_counts=self._counts(batch, self._rows_done(batch, now)))
            return record
        if batch.fault == "expire":
            return self._finish(batch, record, "expired", len(batch.rows) // 2, "batch_expired")
        return self._finish(batch, record, "completed", len(batch.rows), None)

    def _rows_done(self, batch: _Batch, now: float) -> int:
        timing = batch.timing
        elapsed = now - batch.started - timing.validating
        if elapsed <= 0:
            return 0
        if timing.in_progress <= 0:
            return len(batch.rows)
        return min(len(batch.rows), math.floor(len(batch.rows) * elapsed / timing.in_progress))

    def _counts(self, batch: _Batch, done: int) -> dict[str, int]:
        failed = sum(1 for row in batch.rows[:done] if row.custom_id in batch.failing_rows)
        return {"total": len(batch.rows), "completed": done - failed, "failed": failed}

    def _base_record(self, batch: _Batch) -> dict[str, Any]:
        return {
            "id": batch.id,
            "object": "batch",
            "endpoint": batch.endpoint,
            "errors": None,
            "input_file_id": batch.input_file_id,
            "completion_window": "24h",
            "status": "validating",
            "output_file_id": None,
            "error_file_id": None,
            "created_at": batch.created_at,
            "in_progress_at": None,
            "expires_at": batch.created_at + 86400,
            "finalizing_at": None,
            "completed_at": None,
            "failed_at": None,
            "expired_at": None,
            "cancelling_at": None,
            "cancelled_at": None,
            "request_counts": {"total": len(batch.rows), "completed": 0, "failed": 0},
            "metadata": batch.metadata,
            "model": batch.model,
            "usage": None,
        }

    def _finish(
        self, batch: _Batch, record: dict[str, Any], status: BatchState, done: int, leftover_code: str | None
    ) -> dict[str, Any]:
        """Answer the first ``done`` rows, mark the rest with ``leftover_code``, write the files."""
        outputs: list[bytes] = []
        failures: list[bytes] = []
        usage = {"input_tokens": 0, "output_tokens": 0, "total_tokens": 0}
        completed = failed = 0
        for row in batch.rows[:done]:
            line, ok, used = _answer_row(batch, row, validate=self.validate)
            (outputs if ok else failures).append(line)
            completed += ok
            failed += not ok
            usage["input_tokens"] += used.get("prompt_tokens", 0)
            usage["output_tokens"] += used.get("completion_tokens", 0)
        for row in batch.rows[done:]:
            failures.append(_leftover_line(batch, row, leftover_code or "batch_cancelled"))
            failed += 1
        usage["total_tokens"] = usage["input_tokens"] + usage["output_tokens"]
        stamp = int(time.time())
        record.update(
            status=status,
            finalizing_at=stamp,
            request_counts={"total": len(batch.rows), "completed": completed, "failed": failed},
            usage={
                "input_tokens": usage["input_tokens"],
                "input_tokens_details": {"cached_tokens": 0},
                "output_tokens": usage["output_tokens"],
                "output_tokens_details": {"reasoning_tokens": 0},
                "total_tokens": usage["total_tokens"],
            },
        )
        record[f"{status}_at"] = stamp
        if outputs:
            record["output_file_id"] = self._store(f"{batch.id}_output.jsonl", "batch_output", b"".join(outputs)).id
        if failures:
            record["error_file_id"] = self._store(f"{batch.id}_error.jsonl", "batch_output", b"".join(failures)).id
        batch.final = record
        return record


# ------------------------------------------------------------------------------------ pure helpers


def _create_problems(body: Any, *, validate: bool) -> list[dict[str, Any]]:
    from ..openapi import schema_errors

    if not validate:
        required = ("input_file_id", "endpoint")
        if isinstance(body, Mapping) and all(isinstance(body.get(key), str) for key in required):
            return []
        return [_problem("input_file_id", "input_file_id and endpoint are required strings")]
    problems = schema_errors("OpenAIBatchesIn", body)
    if isinstance(body, Mapping) and body.get("endpoint") == "/v1/embeddings":
        # The OpenAPI snapshot's enum predates embeddings batches; DeepInfra's batch docs list
        # /v1/embeddings as a supported endpoint.
        problems = [p for p in problems if p["loc"] != ["body", "endpoint"]]
    if problems or not isinstance(body, Mapping):
        return problems
    if body["endpoint"] not in _ENDPOINTS:
        problems.append(_problem("endpoint", f"must be one of {sorted(_ENDPOINTS)}"))
    metadata = body.get("metadata")
    if isinstance(metadata, Mapping):
        if len(metadata) > _MAX_METADATA_PAIRS:
            problems.append(_problem("metadata", "at most 16 key-value pairs"))
        elif not all(isinstance(k, str) and len(k) <= 64 for k in metadata):
            problems.append(_problem("metadata", "keys must be strings of at most 64 characters"))
        elif not all(isinstance(v, str) and len(v) <= 512 for v in metadata.values()):
            problems.append(_problem("metadata", "values must be strings of at most 512 characters"))
    return problems


def _problem(name: str, message: str) -> dict[str, Any]:
    return {"loc": ["body", name], "msg": message, "type": "value_error"}


def _read_input(data: bytes, endpoint: str) -> tuple[list[_Row], list[dict[str, Any]], str | None]:
    """The rows of an input file and the validation errors DeepInfra would report, one per bad line."""
    rows: list[_Row] = []
    errors: list[dict[str, Any]] = []
    seen: set[str] = set()
    models: set[str] = set()

    def error(line: int, code: str, message: str, param: str | None = None) -> None:
        errors.append({"code": code, "message": message, "line": line, "param": param})

    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            value = _json.loads(raw)
        except _json.JSONDecodeError:
            error(number, "invalid_json_line", "This line is not parseable as valid JSON.")
            continue
        if not isinstance(value, dict):
            error(number, "invalid_request", "Each line must be a JSON object.")
            continue
        custom_id = value.get("custom_id")
        if not isinstance(custom_id, str) or not custom_id:
            error(number, "missing_required_parameter", "custom_id must be a non-empty string.", "custom_id")
            continue
        if custom_id in seen:
            error(number, "duplicate_custom_id", f"The custom_id {custom_id!r} appears more than once.", "custom_id")
            continue
        seen.add(custom_id)
        if value.get("method") != "POST":
            error(number, "invalid_method", "method must be POST.", "method")
        if value.get("url") != endpoint:
            error(number, "mismatched_endpoint", f"url must equal the batch endpoint {endpoint}.", "url")
        body = value.get("body")
        if not isinstance(body, dict):
            error(number, "invalid_request", "body must be a JSON object.", "body")
            continue
        if body.get("stream"):
            error(number, "invalid_request", "streaming is not supported in batches.", "body.stream")
        if isinstance(body.get("model"), str):
            models.add(body["model"])
        rows.append(_Row(number, custom_id, body))
    if len(models) > 1:
        error(0, "mismatched_model", f"All requests must use the same model, found {sorted(models)}.", "body.model")
    if not rows and not errors:
        error(0, "empty_file", "The input file has no requests.")
    return rows, errors, next(iter(models), None)


def _row_id(batch: _Batch, row: _Row) -> str:
    return make_id("batch_req_", f"{batch.id}:{row.custom_id}", 24)


def _answer_row(batch: _Batch, row: _Row, *, validate: bool) -> tuple[bytes, bool, Mapping[str, Any]]:
    """``(output or error line, whether it succeeded, its usage)`` for one row."""
    request_id = hashlib.blake2b(f"{batch.id}:{row.line}".encode(), digest_size=12).hexdigest()
    status, body = _row_response(batch, row, validate=validate)
    line = {
        "id": _row_id(batch, row),
        "custom_id": row.custom_id,
        "response": {"status_code": status, "request_id": request_id, "body": body},
        "error": None,
    }
    usage = body.get("usage") if status == 200 and isinstance(body, Mapping) else None
    return _json.dumps(line) + b"\n", status == 200, usage if isinstance(usage, Mapping) else {}


def _row_response(batch: _Batch, row: _Row, *, validate: bool) -> tuple[int, Any]:
    from ..openapi import schema_errors

    failing = batch.failing_rows.get(row.custom_id)
    if failing is not None:
        status, message = failing
        return status, openai_error_body(message or status_message(status))
    schema, kind = _ENDPOINTS[batch.endpoint]
    problems = schema_errors(schema, row.body) if validate else []
    if problems:
        return 422, {"detail": problems}
    seed = f"{batch.id}:{row.custom_id}"
    answer: Answer
    if kind == "chat":
        answer = chat_answer(row.body, None, seed=seed, created=batch.created_at, chunk_delay=0.0)
    elif kind == "completions":
        answer = completion_answer(row.body, None, seed=seed, created=batch.created_at, chunk_delay=0.0)
    else:
        answer = embeddings_answer(row.body)
    assert isinstance(answer, JSONAnswer)
    body = _json.loads(answer.body)
    usage = body.get("usage")
    if isinstance(usage, dict) and isinstance(usage.get("estimated_cost"), int | float):
        usage["estimated_cost"] = round(usage["estimated_cost"] * BATCH_PRICE_FACTOR, 12)
    return answer.status, body


def _leftover_line(batch: _Batch, row: _Row, code: str) -> bytes:
    messages = {
        "batch_expired": "This request could not be executed before the completion window expired.",
        "batch_cancelled": "This request was not executed because the batch was cancelled.",
    }
    line = {
        "id": _row_id(batch, row),
        "custom_id": row.custom_id,
        "response": None,
        "error": {"code": code, "message": messages[code]},
    }
    return _json.dumps(line) + b"\n"


def _not_found(message: str) -> JSONAnswer:
    return json_answer(openai_error_body(message), status=404)


def _method_not_allowed() -> JSONAnswer:
    return json_answer({"detail": "Method Not Allowed"}, status=405)

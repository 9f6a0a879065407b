"""``ai-sdk batch INPUT.jsonl -o OUTPUT.jsonl --model M``: a bulk job from a JSONL file.

Input lines are rows (``{"id": ..., "prompt": ...}``, ``{"id": ..., "messages": [...]}`` or, with
``--embed``, ``{"id": ..., "value": ...}``, plus per-row settings); output lines are results (id, text /
object / embedding, finish reason, usage, cost, error). The output file is the job's checkpoint:
``--resume`` continues a job that was interrupted, without sending a finished row again. Progress goes
to stderr (a tqdm bar on a terminal when tqdm is installed, else a status line every few seconds),
then one line of totals with the cost.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..spec import _json
from ..spec.errors import APICallError, InvalidArgumentError, InvalidRowError
from .context import Context

__all__ = ["batch", "read_rows", "schema_of"]

STATUS_INTERVAL = 5.0
"""Seconds between status lines (without tqdm, or when stderr is not a terminal)."""
DEFAULT_CONCURRENCY = 200
"""DeepInfra's default cap per model: the concurrency where the account's own cannot be read."""


def read_rows(path: str, context: Context) -> Iterator[Any]:
    """The rows of a JSONL file (``-``: standard input), read lazily, blank lines skipped."""
    from ..bulk.rows import Row

    # utf-8-sig: a byte order mark (Windows tools write one) is not part of the first row.
    source = context.stdin if path == "-" else open(path, encoding="utf-8-sig")  # noqa: SIM115 (closed below)
    try:
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            try:
                data = _json.loads(line)
            except _json.JSONDecodeError as error:
                raise InvalidRowError(f"not JSON ({error})", row_id=None, line=number) from None
            yield Row.from_json(data, line=number)
    finally:
        if source is not context.stdin:
            source.close()


def schema_of(value: str) -> Any:
    """``--schema``: inline JSON (``{...}``) or the path of a JSON Schema file."""
    text = value if value.lstrip().startswith("{") else _read(value)
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidArgumentError(f"not a JSON Schema ({error})", argument="--schema", value=value) from None
    if not isinstance(schema, dict):
        raise InvalidArgumentError("a JSON Schema must be a JSON object", argument="--schema", value=value)
    return schema


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise InvalidArgumentError(f"cannot read it ({error.strerror})", argument="--schema", value=path) from None


class _StatusLines:
    """A status line on stderr every few seconds: the progress display without tqdm."""

    def __init__(self, context: Context) -> None:
        self._context = context
        self._last = time.monotonic()

    def __call__(self, totals: Any) -> None:
        now = time.monotonic()
        if now - self._last >= STATUS_INTERVAL:
            self._last = now
            self._context.note(f"... {totals}")


def _has_tqdm() -> bool:
    import importlib.util

    return importlib.util.find_spec("tqdm") is not None


def batch(context: Context) -> int:
    """Run the job; 0 when every row succeeded, 1 when some failed or the budget stopped it."""
    from ..sync import bulk_embed, bulk_generate_object, bulk_generate_text

    args = context.args
    if not args.model:
        raise InvalidArgumentError(
            "name the model for the job, e.g. --model meta-llama/Llama-3.3-70B-Instruct", argument="--model"
        )
    if args.embed and args.schema:
        raise InvalidArgumentError("--schema is for text jobs; an --embed job has no schema", argument="--schema")
    if args.output == "-":
        raise InvalidArgumentError(
            "OUTPUT is the job's checkpoint file (results are appended as rows finish, and --resume reads it "
            "again), so it cannot be standard output: name a file, then read it (e.g. with cat)",
            argument="--output",
            value="-",
        )
    if not args.resume and Path(args.output).exists():
        raise InvalidArgumentError(
            f"{args.output} exists: pass --resume to continue that job, or choose another output file",
            argument="--output",
        )
    if args.input != "-":
        open(args.input, "rb").close()  # an unreadable input fails now, before OUTPUT is created
    # A bar only on a terminal: in a log file (CI, nohup) its redraws would pile up; status lines instead.
    bar = not args.quiet and context.stderr.isatty() and _has_tqdm()
    options: dict[str, Any] = {
        "rows": read_rows(args.input, context),
        "concurrency": _concurrency(context),
        "max_retries": args.max_retries,
        "budget": args.budget,
        "checkpoint": args.output,
        "resume": args.resume,
        # A Batch API job shows status lines where tqdm is missing (a real-time job's bar needs it).
        "progress": bar or (args.mode == "batch-api" and not args.quiet),
        "on_progress": None if bar or args.quiet else _StatusLines(context),
        "mode": args.mode,
        "poll_interval": args.poll_interval,
    }
    if args.embed:
        job: Any = bulk_embed(model=context.provider.embedding_model(args.model), **options)
    elif args.schema:
        job = bulk_generate_object(model=context.provider(args.model), schema=schema_of(args.schema), **options)
    else:
        job = bulk_generate_text(model=context.provider(args.model), **options)
    with _sigterm_stops():
        for _ in job:
            pass  # every result is already in the output file
    totals = job.totals
    context.note(f"{totals}; output: {args.output}")
    if totals.stopped == "budget":
        context.note(f"stopped at the budget of ${args.budget}: rerun with --resume and a larger --budget to go on")
        return 1
    return 1 if totals.rows_failed else 0


@contextlib.contextmanager
def _sigterm_stops() -> Iterator[None]:
    """SIGTERM (kill, timeout, a container stopping) stops the job as Ctrl-C does: the rows in flight
    end and are written to OUTPUT, instead of the process dying with answers it paid for."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():  # only the main thread handles signals
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _concurrency(context: Context) -> int:
    """``--concurrency``, else the account's cap per model (``GET /v1/me/rate_limit``) for a real-time job;
    DeepInfra's default for a Batch API job (nothing is in flight) and where the route is not served."""
    args = context.args
    if args.concurrency is not None:
        return int(args.concurrency)
    if args.mode != "realtime":
        return DEFAULT_CONCURRENCY
    try:
        return int(context.provider.rate_limit_sync().concurrent_requests)
    except APICallError as error:
        if error.status_code != 404:  # a refused key fails here as the job would, with the same error
            raise
        return DEFAULT_CONCURRENCY

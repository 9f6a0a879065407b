"""The bulk runner: ``bulk_generate_text``, ``bulk_generate_object`` and ``bulk_embed``, async and blocking.

Both drivers are thin loops over one :class:`~.scheduler.BulkScheduler`: the async driver starts a
task per attempt on the running event loop; the blocking driver hands attempts to a thread pool that
calls the blocking API (no event loop anywhere). Each loop reads input rows while the scheduler has
room, starts the attempts it releases, waits for one to end (or for a retry to fall due), reports it,
appends final results to the checkpoint, and hands results to the caller.

Leaving the loop early (``break``, an exception, cancelling the task) stops the job: the async driver
cancels the attempts in flight; the blocking one waits for its running calls to end. Every result
finished before that (the blocking driver's waited-for calls included) is in the checkpoint, so the job
can be resumed without paying for a row twice.
"""

from __future__ import annotations

import collections
import contextlib
import os
import time
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Unpack

from ..spec.errors import BatchFailedError, InvalidArgumentError
from .checkpoint import Checkpoint, ResumeState, rewrite_lines, sync_directory
from .progress import ProgressCallback, ProgressReporter
from .rows import Row, RowInput, RowResult
from .scheduler import BulkScheduler, BulkTotals
from .settings import (
    EMBED_SETTINGS,
    OBJECT_SETTINGS,
    TEXT_SETTINGS,
    BulkEmbedSettings,
    BulkMode,
    BulkObjectSettings,
    BulkTextSettings,
    split_settings,
)
from .stand_in import dry_run, dry_run_sync
from .work import EmbedWork, ObjectWork, TextWork, Work

if TYPE_CHECKING:
    import asyncio
    from concurrent.futures import Future

    from .batch_api import BatchApiOptions

__all__ = [
    "BulkMode",
    "BulkRun",
    "SyncBulkRun",
    "bulk_embed",
    "bulk_embed_sync",
    "bulk_generate_object",
    "bulk_generate_object_sync",
    "bulk_generate_text",
    "bulk_generate_text_sync",
]

monotonic: Callable[[], float] = time.monotonic
"""The drivers' clock (tests may replace it)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class _Job:
    """Everything a run needs, checked when the job is created (before any row is read)."""

    work: Work
    rows: Iterable[RowInput] | AsyncIterable[RowInput]
    concurrency: int = 200
    max_retries: int = 2
    ordered: bool = False
    budget: float | None = None
    checkpoint: str | os.PathLike[str] | None = None
    resume: bool = False
    on_progress: ProgressCallback | None = None
    progress: bool = False
    mode: BulkMode = "realtime"
    poll_interval: float = 10.0
    rows_per_request: int | None = None

    def scheduler(self, state: ResumeState) -> BulkScheduler:
        work = self.work
        return BulkScheduler(
            concurrency=self.concurrency,
            max_retries=self.max_retries,
            ordered=self.ordered,
            budget=self.budget,
            finished_ids=state.finished_ids,
            resumed=state.totals,
            job_settings=set(work.settings),
            now=monotonic(),
            pack_size=work.pack_size(self.rows_per_request),
            packs_with=work.packs_with if isinstance(work, EmbedWork) else None,
        )

    def open_checkpoint(self) -> tuple[Checkpoint | None, ResumeState]:
        if self.checkpoint is None:
            if self.resume:
                raise InvalidArgumentError(
                    "resume=True needs checkpoint= (the file of the job to resume)", argument="resume", value=True
                )
            return None, ResumeState()
        opened = Checkpoint.open(self.checkpoint, resume=self.resume, kind=self.work.kind)
        return opened, opened.state

    def reporter(self, *, bar: bool = True) -> ProgressReporter:
        total = len(self.rows) if isinstance(self.rows, collections.abc.Sized) else None
        return ProgressReporter(self.on_progress, bar=bar and self.progress, total=total, description=self.work.kind)

    def row(self, item: RowInput, index: int) -> Row:
        return Row.of(item, index, field="value" if self.work.kind == "embedding" else "prompt")


def _job(work: Work, rows: Any, options: dict[str, Any], *, blocking: bool) -> _Job:
    """The job of a bulk function's ``work``, ``rows`` and job ``options``, each checked now."""
    job = _Job(work=work, rows=rows, **options)
    mode, budget, poll_interval = job.mode, job.budget, job.poll_interval
    if mode not in ("realtime", "batch-api"):
        raise InvalidArgumentError(f"must be 'realtime' or 'batch-api', got {mode!r}", argument="mode", value=mode)
    if mode == "batch-api" and budget is not None:
        raise InvalidArgumentError(
            "a budget cannot stop a Batch API job (the whole batch is priced once submitted): leave budget=None, "
            "or use mode='realtime'",
            argument="budget",
            value=budget,
        )
    size = job.rows_per_request
    if size is not None and (isinstance(size, bool) or not isinstance(size, int) or size < 1):
        raise InvalidArgumentError(
            f"must be None (as many as the model allows) or an int >= 1 such as 100, got {size!r}",
            argument="rows_per_request",
            value=size,
        )
    if isinstance(poll_interval, bool) or not isinstance(poll_interval, int | float) or not poll_interval > 0:
        raise InvalidArgumentError(
            f"must be a number of seconds > 0 such as 10.0, got {poll_interval!r}",
            argument="poll_interval",
            value=poll_interval,
        )
    if hasattr(rows, "columns") and hasattr(rows, "to_dict"):  # a DataFrame iterates over its column names
        raise InvalidArgumentError(
            "a DataFrame iterates over its column names, not its rows: pass df.to_dict('records')",
            argument="rows",
            value=type(rows).__name__,
        )
    if isinstance(rows, str | bytes | Mapping) or not (
        isinstance(rows, Iterable) or (not blocking and isinstance(rows, AsyncIterable))
    ):
        accepted = "an iterable" if blocking else "an iterable or async iterable"
        raise InvalidArgumentError(
            f"must be {accepted} of rows (Row objects, mappings such as {{'id': 'a1', 'prompt': '...'}}, or strings)",
            argument="rows",
            value=type(rows).__name__,
        )
    job = replace(
        job,
        ordered=bool(job.ordered),
        resume=bool(job.resume),
        progress=bool(job.progress),
        poll_interval=float(poll_interval),
    )
    job.scheduler(ResumeState())  # checks concurrency, max_retries and budget now, at the call site
    ProgressReporter(job.on_progress, bar=False, total=None, description="")
    return job


_READ_ROW: Any = object()
"""What :meth:`_Session.next` answers when the scheduler wants the next input row."""


class _Session:
    """One run of a job, the part its drivers share: the checkpoint, the progress reporter and (in
    real time) the scheduler; what to start next, what to do with an attempt that ended, which results
    may be handed out (those whose checkpoint lines are synced), and closing."""

    __slots__ = ("checkpoint", "held", "reporter", "scheduler", "state")

    def __init__(self, job: _Job, *, realtime: bool) -> None:
        self.checkpoint, self.state = job.open_checkpoint()
        self.reporter = job.reporter(bar=realtime)
        self.scheduler = job.scheduler(self.state)  # a Batch API job's counts from when its results come in
        self.held: list[RowResult] = []  # ready for the caller once the checkpoint is synced

    def next(self, now: float) -> Any:
        """The next attempt to start, :data:`_READ_ROW` when the scheduler wants a row, or ``None``."""
        attempt = self.scheduler.next_attempt(now)
        if attempt is not None:
            return attempt
        return _READ_ROW if self.scheduler.wants_row() else None

    def add(self, row: Row | None) -> None:
        """The row read for :data:`_READ_ROW` (``None``: the input has ended)."""
        if row is None:
            self.scheduler.input_finished()
        else:
            self.scheduler.add_row(row)

    def finish(self, attempt: Any, task: Any) -> None:
        """Account for an ended attempt (``task``: its task or future), holding the results it makes
        ready until :meth:`release`."""
        finished = self.scheduler.finish(attempt, _outcome(task), monotonic())
        if finished.final is not None:
            self._write(finished.final)
            for result in finished.others:
                self._write(result)
        self.held.extend(finished.ready)

    def keep(self, stopped: Mapping[Any, Any]) -> None:
        """After the loop stopped early, checkpoint the attempts (``stopped``: task or future ->
        attempt) that succeeded all the same: those that ended before the loop looked, and, blocking,
        those the stop waited for. Their answers were paid for; a resume must not send them again."""
        for task, attempt in stopped.items():
            if not task.cancelled() and task.exception() is None:
                self.finish(attempt, task)

    def wakeup(self, now: float) -> float | None:
        """How long the driver may wait for an attempt to end: until a retry or a due sync."""
        timeout = self.scheduler.next_wakeup(now)
        if not self.held or self.checkpoint is None:
            return timeout
        due = self.checkpoint.sync_due()
        return due if timeout is None or (due is not None and due < timeout) else timeout

    def sync_due(self) -> bool:
        """Whether results are held for a sync that is due now (the async driver runs it on a thread,
        so that the event loop goes on serving the requests in flight meanwhile)."""
        return bool(self.held) and self.checkpoint is not None and self.checkpoint.sync_due() == 0

    def sync(self) -> None:
        """Make every checkpoint line written so far durable."""
        if self.checkpoint is not None:
            self.checkpoint.sync()

    def release(self, *, last: bool = False) -> list[RowResult]:
        """The held results, once their lines are on disk: after a sync when one is due (or ``last``,
        when the job has ended); none while the sync may wait."""
        if not self.held:
            return []
        if self.checkpoint is not None:
            due = self.checkpoint.sync_due()
            if due and not last:
                return []
            self.sync()
        held, self.held = self.held, []
        return held

    def drain(self) -> list[RowResult]:
        """Every result still held, once every row has ended."""
        self.held.extend(self.scheduler.drain_ordered())
        if self.reporter.active:
            self.reporter.update(self.scheduler.totals(monotonic()))
        return self.release(last=True)

    def record(self, results: list[RowResult]) -> list[RowResult]:
        """Checkpoint and count the results a Batch API job produced at once, to hand out."""
        now = monotonic()
        started = now - self.scheduler.totals(now).elapsed  # the job's start: the wait for the batch counts
        self.scheduler = BulkScheduler(resumed=self.state.totals, now=started)
        for result in results:
            self.scheduler.record(result)
            self._write(result)
        self.held = results
        return self.release(last=True)

    def _write(self, result: RowResult) -> None:
        if self.checkpoint is not None:
            self.checkpoint.write(result)
        if self.reporter.active:
            self.reporter.update(self.scheduler.totals(monotonic()))

    def submitted(self) -> _SubmittedBatches:
        return _SubmittedBatches(self.checkpoint)

    def close(self) -> None:
        if self.checkpoint is not None:
            self.checkpoint.close()
        self.reporter.close()


class _RunBase:
    __slots__ = ("_job", "_session", "_started", "_totals")

    def __init__(self, job: _Job) -> None:
        self._job = job
        self._started = False
        self._session: _Session | None = None
        self._totals = BulkTotals(concurrency=job.concurrency)

    @property
    def totals(self) -> BulkTotals:
        """The running totals (final once the iteration has ended)."""
        if self._session is not None:
            return self._session.scheduler.totals(monotonic())
        return self._totals

    def _open(self, *, realtime: bool = True) -> _Session:
        self._session = _Session(self._job, realtime=realtime)
        return self._session

    def _end(self) -> None:
        if self._session is not None:
            self._totals = self._session.scheduler.totals(monotonic())
            self._session = None

    def _start(self) -> None:
        if self._started:
            raise InvalidArgumentError(
                "a bulk run can be iterated only once; call the bulk function again (with resume=True and the "
                "same checkpoint to continue it)",
                argument="run",
            )
        self._started = True

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._job.work.kind}, {self._totals})"


class BulkRun(_RunBase):
    """A bulk job, started by iterating it: ``async for result in run`` yields one
    :class:`~.rows.RowResult` per row (as rows complete, or in input order with ``ordered=True``);
    ``await run.collect()`` gathers them. ``run.totals`` has the running totals. Rows taken from a
    resumed checkpoint are not yielded again (they are in the checkpoint file)."""

    __slots__ = ()

    def __aiter__(self) -> AsyncIterator[RowResult]:
        self._start()
        return self._drive_batch_api() if self._job.mode == "batch-api" else self._drive()

    async def collect(self) -> list[RowResult]:
        """Run the job to the end and return every result."""
        return [result async for result in self]

    async def _drive(self) -> AsyncIterator[RowResult]:
        import asyncio

        job = self._job
        await dry_run(job.work)
        session = self._open()
        scheduler = session.scheduler
        rows = _async_rows(job)
        packed = job.work if isinstance(job.work, EmbedWork) else None
        tasks: dict[asyncio.Future[Any], Any] = {}
        ended: collections.deque[asyncio.Future[Any]] = collections.deque()
        wake = asyncio.Event()

        def on_done(task: asyncio.Future[Any]) -> None:
            ended.append(task)
            wake.set()

        try:
            while True:
                now = monotonic()
                while (action := session.next(now)) is not None:  # start what may, reading rows while there is room
                    if action is _READ_ROW:
                        session.add(await anext(rows, None))
                        continue
                    if action.pack is None:
                        started: asyncio.Future[Any] = asyncio.ensure_future(job.work.run(action.row))
                    else:
                        assert packed is not None  # only embedding jobs pack rows
                        started = asyncio.ensure_future(packed.run_pack([member.row for member in action.pack]))
                    tasks[started] = action
                    started.add_done_callback(on_done)
                if scheduler.done:
                    break
                if not ended:
                    wake.clear()
                    timeout = session.wakeup(now)
                    if timeout is None:
                        await wake.wait()
                    elif timeout > 0:
                        with contextlib.suppress(TimeoutError):
                            await asyncio.wait_for(wake.wait(), timeout)
                while ended:
                    done = ended.popleft()
                    session.finish(tasks.pop(done), done)
                if session.sync_due():
                    await asyncio.to_thread(session.sync)
                for result in session.release():
                    yield result
            for result in session.drain():
                yield result
        finally:
            try:
                for pending in tasks:
                    pending.cancel()
                if tasks:
                    await asyncio.gather(*tasks, return_exceptions=True)
                session.keep(tasks)
            finally:
                self._end()
                session.close()

    async def _drive_batch_api(self) -> AsyncIterator[RowResult]:
        from .batch_api import run_batch_api

        job = self._job
        await dry_run(job.work)
        session = self._open(realtime=False)
        submitted = session.submitted()
        try:
            rows = _batch_rows([row async for row in _async_rows(job)], session.state)
            with submitted.forgetting_failed():
                done = await run_batch_api(job.work, rows, **submitted.options(job))
            for result in session.record(done):
                yield result
            submitted.done()
        finally:
            self._end()
            session.close()


class SyncBulkRun(_RunBase):
    """The blocking twin of :class:`BulkRun`: ``for result in run`` (attempts run on a thread pool of
    ``concurrency`` threads calling the blocking API); ``run.collect()`` gathers the results."""

    __slots__ = ()

    def __iter__(self) -> Iterator[RowResult]:
        self._start()
        return self._drive_batch_api() if self._job.mode == "batch-api" else self._drive()

    def collect(self) -> list[RowResult]:
        """Run the job to the end and return every result."""
        return list(self)

    def _drive(self) -> Iterator[RowResult]:
        import queue
        from concurrent.futures import ThreadPoolExecutor

        job = self._job
        dry_run_sync(job.work)
        session = self._open()
        scheduler = session.scheduler
        rows = (job.row(item, index) for index, item in enumerate(job.rows))  # type: ignore[arg-type]
        packed = job.work if isinstance(job.work, EmbedWork) else None
        futures: dict[Future[Any], Any] = {}
        ended: queue.SimpleQueue[Future[Any]] = queue.SimpleQueue()
        pool = ThreadPoolExecutor(max_workers=job.concurrency, thread_name_prefix="ai-sdk-bulk")
        try:
            while True:
                now = monotonic()
                while (action := session.next(now)) is not None:  # start what may, reading rows while there is room
                    if action is _READ_ROW:
                        session.add(next(rows, None))
                        continue
                    if action.pack is None:
                        future: Future[Any] = pool.submit(job.work.run_sync, action.row)
                    else:
                        assert packed is not None  # only embedding jobs pack rows
                        future = pool.submit(packed.run_pack_sync, [member.row for member in action.pack])
                    futures[future] = action
                    future.add_done_callback(ended.put)
                if scheduler.done:
                    break
                batch: list[Future[Any]] = []
                timeout = session.wakeup(now)
                with contextlib.suppress(queue.Empty):
                    batch.append(ended.get(timeout=timeout) if timeout != 0 else ended.get_nowait())
                with contextlib.suppress(queue.Empty):
                    while True:
                        batch.append(ended.get_nowait())
                for future in batch:
                    session.finish(futures.pop(future), future)
                yield from session.release()
            yield from session.drain()
        finally:
            try:
                for future in futures:
                    future.cancel()
                pool.shutdown(wait=True, cancel_futures=True)
                session.keep(futures)
            finally:
                self._end()
                session.close()

    def _drive_batch_api(self) -> Iterator[RowResult]:
        from .batch_api import run_batch_api_sync

        job = self._job
        dry_run_sync(job.work)
        session = self._open(realtime=False)
        submitted = session.submitted()
        try:
            rows = _batch_rows([job.row(item, index) for index, item in enumerate(job.rows)], session.state)  # type: ignore[arg-type]
            with submitted.forgetting_failed():
                done = run_batch_api_sync(job.work, rows, **submitted.options(job))
            yield from session.record(done)
            submitted.done()
        finally:
            self._end()
            session.close()


def _batch_rows(rows: list[Row], state: ResumeState) -> list[Row]:
    """The rows a Batch API job sends: each id once, none the checkpoint has finished."""
    scheduler = BulkScheduler(finished_ids=state.finished_ids)
    for row in rows:
        scheduler.add_row(row)  # refuses duplicate ids
    return [row for row in rows if row.id not in state.finished_ids]


class _SubmittedBatches:
    """The ids of the batches a job submitted, kept beside its checkpoint (``<checkpoint>.batches``)
    until their results are written: resuming after a crash collects those batches' results instead
    of submitting (and paying for) the rows again."""

    def __init__(self, checkpoint: Checkpoint | None) -> None:
        self._path = None if checkpoint is None else checkpoint.path.with_name(checkpoint.path.name + ".batches")

    def options(self, job: _Job) -> BatchApiOptions:
        """The options of the job's Batch API run: its polling and progress, these batches."""
        return {
            "poll_interval": job.poll_interval,
            "progress": job.progress,
            "on_submitted": self.add,
            "batch_ids": self.resumed(),
        }

    def resumed(self) -> list[str] | None:
        if self._path is None or not self._path.exists():
            return None
        return [line for line in self._path.read_text(encoding="utf-8").splitlines() if line] or None

    def add(self, batch: Any) -> None:
        if self._path is not None:
            created = not self._path.exists()
            with open(self._path, "a", encoding="utf-8") as file:
                file.write(f"{batch.id}\n")
                file.flush()
                os.fsync(file.fileno())  # a batch is paid for: its id must survive a power cut too
            if created:
                sync_directory(self._path)

    @contextlib.contextmanager
    def forgetting_failed(self) -> Iterator[None]:
        """Forget a batch that fails validation: nothing in it ran or was paid for, so a resume
        submits its rows again instead of collecting the same failure again and again."""
        try:
            yield
        except BatchFailedError as error:
            kept = [batch_id for batch_id in self.resumed() or () if batch_id != error.batch_id]
            if kept:
                assert self._path is not None  # only a checkpointed job keeps batch ids
                rewrite_lines(self._path, [batch_id.encode() for batch_id in kept])
            else:
                self.done()
            raise

    def done(self) -> None:
        if self._path is not None:
            self._path.unlink(missing_ok=True)


def _outcome(task: Any) -> RowResult | list[RowResult] | BaseException:
    """A finished task's or future's result (a packed request's: one per row), or the exception it
    raised (``BaseException`` s other than ``Exception``, cancellation included, propagate)."""
    error = task.exception()
    if error is None:
        result: RowResult | list[RowResult] = task.result()
        return result
    if not isinstance(error, Exception):
        raise error
    return error


async def _async_rows(job: _Job) -> AsyncIterator[Row]:
    source = job.rows
    if isinstance(source, AsyncIterable):
        index = 0
        async for item in source:
            yield job.row(item, index)
            index += 1
    else:
        for index, item in enumerate(source):
            yield job.row(item, index)


# ------------------------------------------------------------------------------------------ public API

_RUN_DOC = """

    ``rows``: an iterable (or, async, an async iterable) of :class:`~ai_sdk.bulk.Row`, JSONL-shaped
    mappings (``{"id": "a1", "prompt": "...", "temperature": 0.2}``) or strings (their position is their
    id); read lazily, so it may be a generator over millions of rows. Ids must be unique and stable.

    ``concurrency`` (200, DeepInfra's default per-model cap; an account with another cap passes
    ``deepinfra.rate_limit()``'s ``concurrent_requests``, as ``ai-sdk batch`` does by itself): the
    most requests in flight; the runner lowers it on 429 / "model busy" answers and climbs back.
    ``max_retries`` (2): retries per row, with the library's rules (408/409/429/5xx/network errors;
    ``retry-after`` honoured). ``ordered``: yield results in input order instead of as they complete.
    ``budget``: USD; the first row goes alone (to learn the price), then no row starts once the cost
    (including a resumed checkpoint's) would reach it, and ``run.totals.stopped`` says ``"budget"``; a
    row that succeeds without a cost stops the job with an error (the budget cannot be kept).
    ``checkpoint``: a JSONL file each finished row is appended to at once; with ``resume=True`` the
    rows it already holds are not run again (failed ones are). ``on_progress``: called with
    :class:`~ai_sdk.bulk.BulkTotals` after every row; ``progress=True`` shows a tqdm bar (the
    ``progress`` extra). ``mode="batch-api"`` sends the same rows through DeepInfra's Batch API instead
    (20% cheaper, answered within 24 hours; polled every ``poll_interval`` seconds; ``concurrency`` and
    ``budget`` do not apply): the same results, with ``mode="batch-api"`` on each. Other keyword arguments
    are the job's call settings; a row's own settings override them. A misspelt one raises
    :class:`~ai_sdk.errors.UnknownArgumentError` (naming the closest) at once; one the call would reject
    raises before the first row is sent (a dry run of the call that stops short of the request).
"""


def bulk_generate_text(
    *, model: Any, rows: Iterable[RowInput] | AsyncIterable[RowInput], **settings: Unpack[BulkTextSettings]
) -> BulkRun:
    """Run ``generate_text`` over many rows; iterate the returned :class:`BulkRun` for the results.

    ``settings``: the job's options (below) and ``generate_text``'s keyword arguments (``system``,
    ``temperature``, ``tools``, ...)."""
    options, call_settings = split_settings(settings, TEXT_SETTINGS, "bulk_generate_text")
    return BulkRun(_job(TextWork(model=model, settings=call_settings), rows, options, blocking=False))


def bulk_generate_text_sync(
    *, model: Any, rows: Iterable[RowInput], **settings: Unpack[BulkTextSettings]
) -> SyncBulkRun:
    """The blocking twin of :func:`bulk_generate_text` (``from ai_sdk.sync import bulk_generate_text``)."""
    options, call_settings = split_settings(settings, TEXT_SETTINGS, "bulk_generate_text")
    return SyncBulkRun(_job(TextWork(model=model, settings=call_settings), rows, options, blocking=True))


def bulk_generate_object(
    *,
    model: Any,
    rows: Iterable[RowInput] | AsyncIterable[RowInput],
    schema: Any = None,
    **settings: Unpack[BulkObjectSettings],
) -> BulkRun:
    """Run ``generate_object`` over many rows: each result's ``object`` is validated against ``schema``.

    ``settings``: the job's options (below) and ``generate_object``'s keyword arguments (``output``,
    ``schema_name``, ``system``, ...)."""
    options, call_settings = split_settings(settings, OBJECT_SETTINGS, "bulk_generate_object")
    work = ObjectWork(model=model, schema=schema, settings=call_settings)
    return BulkRun(_job(work, rows, options, blocking=False))


def bulk_generate_object_sync(
    *, model: Any, rows: Iterable[RowInput], schema: Any = None, **settings: Unpack[BulkObjectSettings]
) -> SyncBulkRun:
    """The blocking twin of :func:`bulk_generate_object` (``from ai_sdk.sync import bulk_generate_object``)."""
    options, call_settings = split_settings(settings, OBJECT_SETTINGS, "bulk_generate_object")
    work = ObjectWork(model=model, schema=schema, settings=call_settings)
    return SyncBulkRun(_job(work, rows, options, blocking=True))


def bulk_embed(
    *, model: Any, rows: Iterable[RowInput] | AsyncIterable[RowInput], **settings: Unpack[BulkEmbedSettings]
) -> BulkRun:
    """Embed each row's ``value`` (plain strings are values); each result has its ``embedding``.

    Consecutive rows go in one request of up to the model's ``max_embeddings_per_call`` values
    (``rows_per_request``: fewer); a request's usage is split evenly over its rows, and a request that
    fails for good gives each of its rows the error. ``settings``: the job's options (below),
    ``rows_per_request`` and ``embed``'s keyword arguments (``headers``, ``timeout``,
    ``provider_options``, ``telemetry``)."""
    options, call_settings = split_settings(settings, EMBED_SETTINGS, "bulk_embed")
    return BulkRun(_job(EmbedWork(model=model, settings=call_settings), rows, options, blocking=False))


def bulk_embed_sync(*, model: Any, rows: Iterable[RowInput], **settings: Unpack[BulkEmbedSettings]) -> SyncBulkRun:
    """The blocking twin of :func:`bulk_embed` (``from ai_sdk.sync import bulk_embed``)."""
    options, call_settings = split_settings(settings, EMBED_SETTINGS, "bulk_embed")
    return SyncBulkRun(_job(EmbedWork(model=model, settings=call_settings), rows, options, blocking=True))


for _function in (bulk_generate_text, bulk_generate_object, bulk_embed):
    _function.__doc__ = (_function.__doc__ or "") + _RUN_DOC

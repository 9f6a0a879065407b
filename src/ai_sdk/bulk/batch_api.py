"""The bulk runner's ``mode="batch-api"``: the same rows and the same work as a real-time job, sent
through DeepInfra's Batch API (20% cheaper, answered within 24 hours), with the same
:class:`~.rows.RowResult` per row (``mode="batch-api"``).

For the runner (one call per job; rows in, results out in input order):

    results = await run_batch_api(work, rows, poll_interval=10.0, progress=True)
    results = run_batch_api_sync(work, rows, ...)

``work`` is the job's per-row work (a text, object or embedding work object with ``model``, ``run``
and ``run_sync``; the model a DeepInfra chat or embedding model).

How the results come to equal real time's: every row's work first runs against a *recording* model,
which stops the core at the moment it would send the request and keeps the call's options; the real
model's own request builder turns those into the line's body. When the batch is done, every row's work
runs again against a *replaying* model that answers with the row's output, parsed by the real model's
own response parser. So prompts, settings, ``response_format``, text, objects (validated against the
schema), embeddings, warnings, usage and cost all come out of the code real time uses. A row has one
model call: a tool loop that needs a second step fails that row (use real time for agents).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from ..spec import CallWarning, EmbedOptions, InvalidArgumentError, InvalidResponseDataError
from .rows import Row, RowResult, failed_result
from .stand_in import Recorded, StandIn, StandInWork, with_model

if TYPE_CHECKING:
    from ..deepinfra.batch import (
        Batch,
        BatchEndpoint,
        BatchProgress,
        BatchRequest,
        BatchRowOutput,
        DeepInfraBatchClient,
    )

__all__ = ["BatchApiOptions", "BatchWork", "run_batch_api", "run_batch_api_sync"]

BatchWork = StandInWork
"""What :func:`run_batch_api` needs of the job's work: its ``model``, ``kind``, ``settings``, ``run``
and ``run_sync`` (the runner's text, object and embedding work objects)."""


class BatchApiOptions(TypedDict, total=False):
    """The options of :func:`run_batch_api` and :func:`run_batch_api_sync`, declared once.

    ``poll_interval`` (10.0): the most seconds between polls; ``timeout`` (``None``): seconds over all
    the job's batches; ``progress`` (``False``): a tqdm bar per batch, or status lines without tqdm;
    ``on_progress``: gets each :class:`~ai_sdk.deepinfra.batch.Batch` as polled; ``on_submitted``: gets
    each batch once created; ``batch_ids``: the batches a crashed run submitted, to collect instead of
    submitting again; ``metadata``: the batches' metadata; ``max_file_bytes`` (200 MB, DeepInfra's
    most): the largest input file.
    """

    poll_interval: float
    timeout: float | None
    progress: bool
    on_progress: BatchProgress | None
    on_submitted: Callable[[Batch], None] | None
    batch_ids: Sequence[str] | None
    metadata: Mapping[str, str] | None
    max_file_bytes: int


@dataclass(slots=True)
class _Plan:
    """The job as a batch: one request per row that could be built, one result per row that could not."""

    client: DeepInfraBatchClient
    rows: list[Row]
    requests: dict[int, BatchRequest]
    failed: dict[int, RowResult]
    unsent: dict[int, str]
    """Warnings for settings a batch line cannot carry, by row."""


_NO_HEADERS = str(
    CallWarning("unsupported", feature="headers", details="a Batch API line is a body alone: the headers were not sent")
)


def _failed(row: Row, error: BaseException, *, attempts: int) -> RowResult:
    return failed_result(row.id, error, attempts=attempts, mode="batch-api")


def _plan(work: StandInWork, rows: Iterable[Row]) -> _Plan:
    from ..deepinfra.batch import DeepInfraBatchClient

    model = work.model
    client = DeepInfraBatchClient.for_model(model)
    build = getattr(model, "build_request", None)
    if build is None or model.provider == "deepinfra.completion":
        raise InvalidArgumentError(
            "mode='batch-api' needs a DeepInfra chat or embedding model, e.g. deepinfra('meta-llama/...')",
            argument="model",
            value=model,
        )
    recorder = with_model(work, StandIn(model))
    plan = _Plan(client, list(rows), {}, {}, {})
    for index, row in enumerate(plan.rows):
        try:
            plan.requests[index] = _request(recorder, model, row)
        except Exception as error:  # the row itself is invalid: it fails as data, unsent
            plan.failed[index] = _failed(row, error, attempts=0)
        if {**work.settings, **row.settings}.get("headers"):
            plan.unsent[index] = _NO_HEADERS
    return plan


def _request(recorder: StandInWork, model: Any, row: Row) -> BatchRequest:
    """The batch line of ``row``: its work's call, recorded where the core would send it."""
    from ..deepinfra.batch import chat_batch_request, embedding_batch_request

    try:
        recorder.run_sync(row)
    except Recorded as recorded:
        options = recorded.options
        if isinstance(options, EmbedOptions):
            return embedding_batch_request(model, str(row.id), options)
        return chat_batch_request(model, str(row.id), options)
    raise InvalidArgumentError(f"the work for row {row.id!r} made no model call: nothing to send", argument="rows")


def _replayer(work: StandInWork, plan: _Plan, request: BatchRequest, output: BatchRowOutput | None) -> StandInWork:
    model = work.model

    def answer() -> Any:
        if output is None:
            raise InvalidResponseDataError(f"the batch's result files have no line for row {request.custom_id!r}")
        if output.error is not None:
            raise output.error
        if request.chat is not None:
            url = plan.client.endpoint_url(request.endpoint)
            return model.parse_response(output.body, url=url, request=request.chat)
        return model.parse_response(output.body, request=request.body)

    return with_model(work, StandIn(model, answer))


def _progress(progress: bool, on_progress: BatchProgress | None) -> BatchProgress | None:
    """``on_progress``, plus (with ``progress=True``) a tqdm bar per batch, or status lines on stderr
    when tqdm is not installed."""
    if not progress:
        return on_progress
    from ..deepinfra.batch import batch_progress_bar, print_batch_progress

    try:
        display = batch_progress_bar()
    except InvalidArgumentError:  # no tqdm: lines still show the progress
        display = print_batch_progress()
    if on_progress is None:
        return display
    listener = on_progress

    def both(batch: Batch) -> None:
        display(batch)
        listener(batch)

    return both


def _deadline(timeout: float | None) -> Callable[[], float | None]:
    """The seconds left of ``timeout`` (over all of a job's batches), each time it is asked."""
    if timeout is None:
        return lambda: None
    end = time.monotonic() + timeout
    return lambda: max(end - time.monotonic(), 0.001)


def _files(plan: _Plan, max_file_bytes: int) -> tuple[BatchEndpoint, list[bytes]]:
    from ..deepinfra.batch import encode_batch_files

    return encode_batch_files(plan.requests.values(), max_bytes=max_file_bytes)


def _batched(result: RowResult, unsent: str | None) -> RowResult:
    """A replayed row's result as the Batch API produced it: one request, ``mode="batch-api"``, with
    the warning for a setting its line could not carry."""
    warnings = result.warnings if unsent is None else (*result.warnings, unsent)
    return replace(result, mode="batch-api", attempts=1, warnings=warnings)


@dataclass(frozen=True, slots=True)
class _Call:
    """A step of :func:`_flow`: call the batch client's method ``name`` (``name_sync`` when blocking)."""

    client: DeepInfraBatchClient
    name: str
    args: tuple[Any, ...]
    kwargs: Mapping[str, Any]

    async def run(self) -> Any:
        return await getattr(self.client, self.name)(*self.args, **self.kwargs)

    def run_sync(self) -> Any:
        return getattr(self.client, f"{self.name}_sync")(*self.args, **self.kwargs)


@dataclass(frozen=True, slots=True)
class _Replay:
    """A step of :func:`_flow`: run ``work`` (which replays the batch's answer) for ``row``; the
    answer is its result or the exception it raised."""

    work: StandInWork
    row: Row

    async def run(self) -> RowResult | Exception:
        try:
            return await self.work.run(self.row)
        except Exception as error:
            return error

    def run_sync(self) -> RowResult | Exception:
        try:
            return self.work.run_sync(self.row)
        except Exception as error:
            return error


def _flow(
    work: StandInWork,
    rows: Iterable[Row],
    *,
    poll_interval: float = 10.0,
    timeout: float | None = None,
    progress: bool = False,
    on_progress: BatchProgress | None = None,
    on_submitted: Callable[[Batch], None] | None = None,
    batch_ids: Sequence[str] | None = None,
    metadata: Mapping[str, str] | None = None,
    max_file_bytes: int = 200 * 1024 * 1024,
) -> Generator[_Call | _Replay, Any, list[RowResult]]:
    """The whole job as steps for a blocking or an async driver (:class:`_Steps`): plan, submit (unless
    resuming ``batch_ids``), wait for each batch, then replay every row's answer through its work."""
    plan = _plan(work, rows)
    if not plan.requests:
        return [plan.failed[index] for index in range(len(plan.rows))]
    client = plan.client
    if batch_ids is None:
        endpoint, files = _files(plan, max_file_bytes)
        batch_ids = []
        for data in files:
            uploaded = yield _Call(client, "upload_file", (data,), {})
            batch = yield _Call(client, "create_batch", (uploaded.id,), {"endpoint": endpoint, "metadata": metadata})
            if on_submitted is not None:
                on_submitted(batch)
            batch_ids.append(batch.id)
    left = _deadline(timeout)
    outputs: dict[str, BatchRowOutput] = {}
    for batch_id in batch_ids:
        waiting = {"poll_interval": poll_interval, "timeout": left(), "on_progress": _progress(progress, on_progress)}
        done = yield _Call(client, "wait_for_batch", (batch_id,), waiting)
        outputs.update((yield _Call(client, "results", (done,), {})))
    results: list[RowResult] = []
    for index, row in enumerate(plan.rows):
        request = plan.requests.get(index)
        if request is None:
            results.append(plan.failed[index])
            continue
        answer = yield _Replay(_replayer(work, plan, request, outputs.get(request.custom_id)), row)
        if isinstance(answer, RowResult):
            results.append(_batched(answer, plan.unsent.get(index)))
        else:
            results.append(_failed(row, answer, attempts=1))
    return results


class _Steps:
    """Iterates a :func:`_flow`'s steps, sending each step's answer (given to :meth:`answer`) back in;
    ``results`` holds what the flow returned once the iteration has ended."""

    __slots__ = ("_answer", "_flow", "results")

    def __init__(self, flow: Generator[_Call | _Replay, Any, list[RowResult]]) -> None:
        self._flow = flow
        self._answer: Any = None
        self.results: list[RowResult] = []

    def __iter__(self) -> _Steps:
        return self

    def __next__(self) -> _Call | _Replay:
        try:
            return self._flow.send(self._answer)
        except StopIteration as stop:
            self.results = stop.value
            raise

    def answer(self, value: Any) -> None:
        self._answer = value


async def run_batch_api(work: StandInWork, rows: Iterable[Row], **options: Unpack[BatchApiOptions]) -> list[RowResult]:
    """Run ``work`` over ``rows`` through DeepInfra's Batch API; one :class:`RowResult` per row, in input
    order.

    The rows go in as few batches as fit DeepInfra's 200 MB per file (``max_file_bytes`` makes them
    smaller). Polls at most every ``poll_interval`` seconds (``progress=True`` draws a tqdm bar per
    batch, or prints status lines without tqdm; ``on_progress`` gets each
    :class:`~ai_sdk.deepinfra.batch.Batch`). ``on_submitted`` gets each batch
    once created: keep the ids, and after a crash pass them back as ``batch_ids`` (with the same rows)
    to collect the results without submitting again. Failed rows, and rows an expired batch never ran,
    are results with ``error`` set (retryable for the latter). Raises
    :class:`~ai_sdk.errors.BatchFailedError` when a batch fails validation and
    :class:`~ai_sdk.errors.BatchTimeoutError` after ``timeout`` seconds (over all batches).
    """
    steps = _Steps(_flow(work, rows, **options))
    for step in steps:
        steps.answer(await step.run())
    return steps.results


def run_batch_api_sync(work: StandInWork, rows: Iterable[Row], **options: Unpack[BatchApiOptions]) -> list[RowResult]:
    """Blocking twin of :func:`run_batch_api`."""
    steps = _Steps(_flow(work, rows, **options))
    for step in steps:
        steps.answer(step.run_sync())
    return steps.results

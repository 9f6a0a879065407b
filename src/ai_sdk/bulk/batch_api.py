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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, Protocol

from ..spec import (
    CallOptions,
    EmbedOptions,
    EmbedResult,
    GenerateResult,
    InvalidArgumentError,
    InvalidResponseDataError,
    UnsupportedFunctionalityError,
)
from .rows import Row, RowError, RowResult

if TYPE_CHECKING:
    from ..deepinfra.batch import (
        Batch,
        BatchEndpoint,
        BatchProgress,
        BatchRequest,
        BatchRowOutput,
        DeepInfraBatchClient,
    )

__all__ = ["BatchWork", "run_batch_api", "run_batch_api_sync"]


class BatchWork(Protocol):
    """What :func:`run_batch_api` needs of the job's work (the runner's text, object and embedding
    work objects are frozen dataclasses with these members)."""

    @property
    def model(self) -> Any: ...

    async def run(self, row: Row) -> RowResult: ...

    def run_sync(self, row: Row) -> RowResult: ...


class _Recorded(BaseException):
    """Raised by the recording model where the core would send a request; carries the call's options.
    A BaseException so that no ``except Exception`` on the way turns it into a row error."""

    def __init__(self, options: CallOptions | EmbedOptions) -> None:
        super().__init__()
        self.options = options


_ONE_CALL = "the Batch API runs one model call per row; this row needed another (a tool loop): use mode='realtime'"


class _StandIn:
    """A model that looks like the real one to the core (same provider, id and limits) but never
    talks to the network: it records the call (``answer is None``) or replays the batch's answer."""

    __slots__ = ("_answer", "_calls", "_model")

    def __init__(self, model: Any, answer: Callable[[], Any] | None = None) -> None:
        self._model = model
        self._answer = answer
        self._calls = 0

    @property
    def specification_version(self) -> Literal["v3"]:
        return "v3"

    @property
    def provider(self) -> str:
        return str(self._model.provider)

    @property
    def model_id(self) -> str:
        return str(self._model.model_id)

    @property
    def max_embeddings_per_call(self) -> int | None:
        return 1  # one value per row: one line per row

    @property
    def supports_parallel_calls(self) -> bool:
        return False

    def _call(self, options: CallOptions | EmbedOptions) -> Any:
        if self._answer is None:
            raise _Recorded(options)
        self._calls += 1
        if self._calls > 1:
            raise UnsupportedFunctionalityError("tool loops in the Batch API", _ONE_CALL)
        return self._answer()

    def do_generate_sync(self, options: CallOptions) -> GenerateResult:
        return self._call(options)  # type: ignore[no-any-return]

    async def do_generate(self, options: CallOptions) -> GenerateResult:
        return self._call(options)  # type: ignore[no-any-return]

    def do_embed_sync(self, options: EmbedOptions) -> EmbedResult:
        return self._call(options)  # type: ignore[no-any-return]

    async def do_embed(self, options: EmbedOptions) -> EmbedResult:
        return self._call(options)  # type: ignore[no-any-return]

    def do_stream_sync(self, options: CallOptions) -> Any:
        raise UnsupportedFunctionalityError("streaming", "the Batch API does not stream")

    async def do_stream(self, options: CallOptions) -> Any:
        raise UnsupportedFunctionalityError("streaming", "the Batch API does not stream")


@dataclass(slots=True)
class _Plan:
    """The job as a batch: one request per row that could be built, one result per row that could not."""

    client: DeepInfraBatchClient
    rows: list[Row]
    requests: dict[int, BatchRequest]
    failed: dict[int, RowResult]


def _with_model(work: BatchWork, model: Any) -> BatchWork:
    return replace(work, model=model)  # type: ignore[type-var]


def _failed(row: Row, error: BaseException, *, attempts: int) -> RowResult:
    return RowResult(id=row.id, error=RowError.from_exception(error), attempts=attempts, mode="batch-api")


def _plan(work: BatchWork, rows: Iterable[Row]) -> _Plan:
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
    recorder = _with_model(work, _StandIn(model))
    plan = _Plan(client, list(rows), {}, {})
    for index, row in enumerate(plan.rows):
        try:
            plan.requests[index] = _request(recorder, model, row)
        except Exception as error:  # the row itself is invalid: it fails as data, unsent
            plan.failed[index] = _failed(row, error, attempts=0)
    return plan


def _request(recorder: BatchWork, model: Any, row: Row) -> BatchRequest:
    """The batch line of ``row``: its work's call, recorded where the core would send it."""
    from ..deepinfra.batch import chat_batch_request, embedding_batch_request

    try:
        recorder.run_sync(row)
    except _Recorded as recorded:
        options = recorded.options
        if isinstance(options, EmbedOptions):
            return embedding_batch_request(model, str(row.id), options)
        return chat_batch_request(model, str(row.id), options)
    raise InvalidArgumentError(f"the work for row {row.id!r} made no model call: nothing to send", argument="rows")


def _replayer(work: BatchWork, plan: _Plan, request: BatchRequest, output: BatchRowOutput | None) -> BatchWork:
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

    return _with_model(work, _StandIn(model, answer))


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


def _batched(result: RowResult) -> RowResult:
    """A replayed row's result as the Batch API produced it: one request, ``mode="batch-api"``."""
    return replace(result, mode="batch-api", attempts=1)


async def run_batch_api(
    work: BatchWork,
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
) -> list[RowResult]:
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
    plan = _plan(work, rows)
    if not plan.requests:
        return [plan.failed[index] for index in range(len(plan.rows))]
    client = plan.client
    if batch_ids is None:
        endpoint, files = _files(plan, max_file_bytes)
        batch_ids = []
        for data in files:
            uploaded = await client.upload_file(data)
            batch = await client.create_batch(uploaded.id, endpoint=endpoint, metadata=metadata)
            if on_submitted is not None:
                on_submitted(batch)
            batch_ids.append(batch.id)
    left = _deadline(timeout)
    outputs: dict[str, BatchRowOutput] = {}
    for batch_id in batch_ids:
        done = await client.wait_for_batch(
            batch_id, poll_interval=poll_interval, timeout=left(), on_progress=_progress(progress, on_progress)
        )
        outputs.update(await client.results(done))
    results: list[RowResult] = []
    for index, row in enumerate(plan.rows):
        request = plan.requests.get(index)
        if request is None:
            results.append(plan.failed[index])
            continue
        try:
            result = await _replayer(work, plan, request, outputs.get(request.custom_id)).run(row)
        except Exception as error:
            result = _failed(row, error, attempts=1)
        results.append(_batched(result))
    return results


def run_batch_api_sync(
    work: BatchWork,
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
) -> list[RowResult]:
    """Blocking twin of :func:`run_batch_api`."""
    plan = _plan(work, rows)
    if not plan.requests:
        return [plan.failed[index] for index in range(len(plan.rows))]
    client = plan.client
    if batch_ids is None:
        endpoint, files = _files(plan, max_file_bytes)
        batch_ids = []
        for data in files:
            uploaded = client.upload_file_sync(data)
            batch = client.create_batch_sync(uploaded.id, endpoint=endpoint, metadata=metadata)
            if on_submitted is not None:
                on_submitted(batch)
            batch_ids.append(batch.id)
    left = _deadline(timeout)
    outputs: dict[str, BatchRowOutput] = {}
    for batch_id in batch_ids:
        done = client.wait_for_batch_sync(
            batch_id, poll_interval=poll_interval, timeout=left(), on_progress=_progress(progress, on_progress)
        )
        outputs.update(client.results_sync(done))
    results: list[RowResult] = []
    for index, row in enumerate(plan.rows):
        request = plan.requests.get(index)
        if request is None:
            results.append(plan.failed[index])
            continue
        try:
            result = _replayer(work, plan, request, outputs.get(request.custom_id)).run_sync(row)
        except Exception as error:
            result = _failed(row, error, attempts=1)
        results.append(_batched(result))
    return results

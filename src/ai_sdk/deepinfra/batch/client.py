"""DeepInfra's Files and Batch API (``{base}/openai/files``, ``{base}/openai/batches``): upload an input
file, create a batch, poll it, cancel it, download and parse its output and error files.

Every call has an async form and a blocking ``*_sync`` twin over the same pure helpers (request
building, response parsing, the polling schedule in :class:`_Poll`); the blocking side never starts an
event loop. Get a client from the provider: ``deepinfra.batch_client()``.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any, TypeVar

from ...http.binary_api import BytesResponse
from ...http.json_api import JSONResponse, MultipartField
from ...openai_compatible.config import ModelConfig
from ...openai_compatible.exchange import GET_BYTES, GET_JSON, POST_JSON, POST_MULTIPART, Exchange, Route
from ...openai_compatible.model_base import ConfiguredModel
from ...spec import APICallError, BatchFailedError, BatchTimeoutError, InvalidArgumentError
from .outputs import BatchRowOutput, parse_batch_output
from .progress import BatchProgress
from .records import Batch, BatchEndpoint, BatchFile, parse_batch, parse_batch_file
from .requests import BatchRequest, encode_batch_file

__all__ = ["DeepInfraBatchClient"]

R = TypeVar("R")

_MAX_METADATA_PAIRS = 16
_ENDPOINT_PATHS = {"/v1/chat/completions": "/chat/completions", "/v1/completions": "/completions"}
_BATCH_MODEL_KINDS = frozenset({"deepinfra.chat", "deepinfra.completion", "deepinfra.embedding"})
_FIRST_POLL_DELAY = 0.5
"""Seconds before the second poll; the waits double from there up to ``poll_interval``."""
_MAX_POLL_ERRORS = 5
"""Consecutive retryable errors while polling before giving up (the batch itself is unaffected)."""


def _metadata(metadata: Mapping[str, str] | None) -> dict[str, str] | None:
    if metadata is None:
        return None
    if len(metadata) > _MAX_METADATA_PAIRS:
        raise InvalidArgumentError("batch metadata holds at most 16 key-value pairs", argument="metadata")
    for key, value in metadata.items():
        if not isinstance(key, str) or not isinstance(value, str) or len(key) > 64 or len(value) > 512:
            raise InvalidArgumentError(
                "batch metadata keys must be strings of at most 64 characters and values strings of at most 512",
                argument="metadata",
                value=key,
            )
    return dict(metadata)


def _create_body(
    input_file_id: str, endpoint: BatchEndpoint, metadata: Mapping[str, str] | None, output_expires_after: int | None
) -> dict[str, Any]:
    if endpoint not in ("/v1/chat/completions", "/v1/completions", "/v1/embeddings"):
        raise InvalidArgumentError(
            "endpoint must be '/v1/chat/completions', '/v1/completions' or '/v1/embeddings'",
            argument="endpoint",
            value=endpoint,
        )
    # metadata is required by the create schema (null allowed), so it is always sent.
    body: dict[str, Any] = {
        "input_file_id": input_file_id,
        "endpoint": endpoint,
        "completion_window": "24h",
        "metadata": _metadata(metadata),
    }
    if output_expires_after is not None:
        if type(output_expires_after) is not int or not 3600 <= output_expires_after <= 2_592_000:
            raise InvalidArgumentError(
                "output_expires_after is in seconds, from 3600 (1 hour) to 2592000 (30 days)",
                argument="output_expires_after",
                value=output_expires_after,
            )
        body["output_expires_after"] = {"anchor": "created_at", "seconds": output_expires_after}
    return body


def _check_id(value: object, what: str) -> str:
    if not isinstance(value, str) or not value or "/" in value:
        raise InvalidArgumentError(f"{what} must be an id such as the API returned", argument=what, value=value)
    return value


class _Poll:
    """The polling schedule, without I/O: how long to sleep after each answer, when to stop.

    The first wait is short (a small batch is done in seconds) and each next one twice as long, up to
    ``interval``: a batch that takes hours is polled every ``interval`` seconds, one that takes seconds
    is not kept waiting for a whole ``interval``."""

    __slots__ = ("_batch", "_deadline", "_errors", "_interval", "_next", "_on_progress", "_status", "batch_id")

    def __init__(
        self, batch_id: str, interval: float, timeout: float | None, on_progress: BatchProgress | None
    ) -> None:
        if not interval > 0:
            raise InvalidArgumentError("poll_interval must be a positive number of seconds", argument="poll_interval")
        self.batch_id = batch_id
        self._interval = interval
        self._next = min(interval, _FIRST_POLL_DELAY)
        self._deadline = None if timeout is None else time.monotonic() + timeout
        self._on_progress = on_progress
        self._errors = 0
        self._status = "unknown"  # the last status seen, for the timeout's message
        self._batch: Batch | None = None

    def next(self, outcome: Batch | APICallError) -> float | None:
        """The seconds to wait before the next poll, or ``None`` when the batch is final (see
        :meth:`result`). A failed poll's error is re-raised when it is not retryable or keeps recurring;
        :class:`BatchTimeoutError` is raised once the deadline has passed."""
        if isinstance(outcome, APICallError):
            self._errors += 1
            if not outcome.is_retryable or self._errors >= _MAX_POLL_ERRORS:
                raise outcome
            return self._delay(self._status)
        self._errors = 0
        self._status = outcome.status
        self._batch = outcome
        if self._on_progress is not None:
            self._on_progress(outcome)
        if outcome.is_terminal:
            return None
        return self._delay(outcome.status)

    def result(self) -> Batch:
        """The final batch; raises :class:`BatchFailedError` when it failed validation."""
        batch = self._batch
        assert batch is not None, "result() before the batch was final"
        if batch.status == "failed":
            shown = "; ".join(str(error) for error in batch.errors[:5]) or "no reason given"
            more = f" (and {len(batch.errors) - 5} more)" if len(batch.errors) > 5 else ""
            raise BatchFailedError(
                f"batch {batch.id} failed validation, nothing ran: {shown}{more}",
                batch_id=batch.id,
                errors=batch.errors,
            )
        return batch

    def _delay(self, status: str) -> float:
        delay, self._next = self._next, min(self._next * 2, self._interval)
        if self._deadline is None:
            return delay
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise BatchTimeoutError(
                f"batch {self.batch_id} is still {status} after the timeout; wait again later or cancel it",
                batch_id=self.batch_id,
                status=status,
            )
        return min(delay, left)


class DeepInfraBatchClient:
    """The Files and Batch API of one provider (its base URL, key, headers and HTTP transports).

    The steps one by one: :meth:`upload_file`, :meth:`create_batch`, :meth:`retrieve_batch` /
    :meth:`wait_for_batch`, :meth:`cancel_batch`, :meth:`file_content`; or :meth:`submit` (encode,
    upload, create) and :meth:`results` (download and parse both result files). Each has a ``*_sync``
    blocking twin.
    """

    __slots__ = ("_config",)

    def __init__(self, config: ModelConfig) -> None:
        self._config = config

    @classmethod
    def for_model(cls, model: object) -> DeepInfraBatchClient:
        """The Batch API of the provider that made ``model`` (a DeepInfra chat, completion or embedding
        model): same key, headers and HTTP clients."""
        if not isinstance(model, ConfiguredModel) or model.provider not in _BATCH_MODEL_KINDS:
            raise InvalidArgumentError(
                "the Batch API needs a DeepInfra model such as deepinfra('meta-llama/Meta-Llama-3.1-8B-Instruct') "
                f"or deepinfra.embedding_model('BAAI/bge-m3'), got {model!r}",
                argument="model",
            )
        return cls(replace(model.config, provider="deepinfra.batch"))

    def __repr__(self) -> str:
        return f"DeepInfraBatchClient(base_url={self._config.base_url!r})"

    def endpoint_url(self, endpoint: str) -> str:
        """The real-time URL of a batch endpoint (what row errors name)."""
        return self._config.url(_ENDPOINT_PATHS.get(endpoint, endpoint.removeprefix("/v1")))

    def _upload(self, data: bytes, filename: str) -> Exchange[BatchFile]:
        if not isinstance(data, bytes) or not data:
            raise InvalidArgumentError("the batch input file must be non-empty JSONL bytes", argument="data")
        fields = [
            MultipartField("purpose", "batch"),
            MultipartField("file", data, filename=filename, content_type="application/jsonl"),
        ]
        return self._exchange(POST_MULTIPART, "/files", _parse(parse_batch_file), fields=fields)

    def _create(
        self,
        input_file_id: str,
        endpoint: BatchEndpoint,
        metadata: Mapping[str, str] | None,
        output_expires_after: int | None,
    ) -> Exchange[Batch]:
        body = _create_body(_check_id(input_file_id, "input_file_id"), endpoint, metadata, output_expires_after)
        return self._exchange(POST_JSON, "/batches", _parse(parse_batch), body=body)

    def _retrieve(self, batch_id: str) -> Exchange[Batch]:
        return self._exchange(GET_JSON, f"/batches/{_check_id(batch_id, 'batch_id')}", _parse(parse_batch))

    def _cancel(self, batch_id: str) -> Exchange[Batch]:
        return self._exchange(
            POST_JSON, f"/batches/{_check_id(batch_id, 'batch_id')}/cancel", _parse(parse_batch), body={}
        )

    def _content(self, file_id: str) -> Exchange[bytes]:
        return self._exchange(GET_BYTES, f"/files/{_check_id(file_id, 'file_id')}/content", _data)

    def _exchange(self, route: Route, path: str, finish: Callable[[Any], R], **payload: Any) -> Exchange[R]:
        return Exchange(route, self._config.url(path), {"headers": self._config.headers(), **payload}, finish)

    # ----------------------------------------------------------------------------------------- async

    async def upload_file(self, data: bytes, *, filename: str = "batch.jsonl") -> BatchFile:
        """Upload a JSONL input file (``purpose="batch"``, at most 200 MB)."""
        return await self._upload(data, filename).send_async(self._config.transports)

    async def create_batch(
        self,
        input_file_id: str,
        *,
        endpoint: BatchEndpoint,
        metadata: Mapping[str, str] | None = None,
        output_expires_after: int | None = None,
    ) -> Batch:
        """Start a batch over an uploaded file; it runs as soon as it is created (window: 24 h).
        ``output_expires_after``: seconds the result files are kept (3600 to 2592000)."""
        exchange = self._create(input_file_id, endpoint, metadata, output_expires_after)
        return await exchange.send_async(self._config.transports)

    async def retrieve_batch(self, batch_id: str) -> Batch:
        """The batch as it is now."""
        return await self._retrieve(batch_id).send_async(self._config.transports)

    async def cancel_batch(self, batch_id: str) -> Batch:
        """Ask DeepInfra to stop the batch (``cancelling``, then ``cancelled`` with the rows done so far
        in the output file)."""
        return await self._cancel(batch_id).send_async(self._config.transports)

    async def file_content(self, file_id: str) -> bytes:
        """The bytes of a file (an output or error file is JSONL)."""
        return await self._content(file_id).send_async(self._config.transports)

    async def wait_for_batch(
        self,
        batch_id: str,
        *,
        poll_interval: float = 10.0,
        timeout: float | None = None,
        on_progress: BatchProgress | None = None,
    ) -> Batch:
        """Poll until the batch is completed, expired or cancelled, and return it: again after 0.5 s,
        then twice as long each time, at most every ``poll_interval`` seconds. Raises
        :class:`BatchFailedError` when it failed validation, and :class:`BatchTimeoutError` after
        ``timeout`` seconds (the batch keeps running). Retryable errors of a poll are retried at the next
        poll."""
        import asyncio

        poll = _Poll(_check_id(batch_id, "batch_id"), poll_interval, timeout, on_progress)
        while (delay := poll.next(await _outcome(self.retrieve_batch(batch_id)))) is not None:
            await asyncio.sleep(delay)
        return poll.result()

    async def submit(
        self,
        requests: Iterable[BatchRequest],
        *,
        metadata: Mapping[str, str] | None = None,
        output_expires_after: int | None = None,
    ) -> Batch:
        """Encode ``requests`` as an input file, upload it and create the batch."""
        endpoint, data = encode_batch_file(requests)
        uploaded = await self.upload_file(data)
        return await self.create_batch(
            uploaded.id, endpoint=endpoint, metadata=metadata, output_expires_after=output_expires_after
        )

    async def results(self, batch: Batch) -> dict[str, BatchRowOutput]:
        """Every answered row of a finished batch by ``custom_id``: its output file and its error file
        (failed rows, and rows an expired or cancelled batch never ran)."""
        rows: dict[str, BatchRowOutput] = {}
        for file_id in (batch.output_file_id, batch.error_file_id):
            if file_id is not None:
                rows.update(parse_batch_output(await self.file_content(file_id), url=self.endpoint_url(batch.endpoint)))
        return rows

    # -------------------------------------------------------------------------------------- blocking

    def upload_file_sync(self, data: bytes, *, filename: str = "batch.jsonl") -> BatchFile:
        """Blocking twin of :meth:`upload_file`."""
        return self._upload(data, filename).send_sync(self._config.transports)

    def create_batch_sync(
        self,
        input_file_id: str,
        *,
        endpoint: BatchEndpoint,
        metadata: Mapping[str, str] | None = None,
        output_expires_after: int | None = None,
    ) -> Batch:
        """Blocking twin of :meth:`create_batch`."""
        return self._create(input_file_id, endpoint, metadata, output_expires_after).send_sync(self._config.transports)

    def retrieve_batch_sync(self, batch_id: str) -> Batch:
        """Blocking twin of :meth:`retrieve_batch`."""
        return self._retrieve(batch_id).send_sync(self._config.transports)

    def cancel_batch_sync(self, batch_id: str) -> Batch:
        """Blocking twin of :meth:`cancel_batch`."""
        return self._cancel(batch_id).send_sync(self._config.transports)

    def file_content_sync(self, file_id: str) -> bytes:
        """Blocking twin of :meth:`file_content`."""
        return self._content(file_id).send_sync(self._config.transports)

    def wait_for_batch_sync(
        self,
        batch_id: str,
        *,
        poll_interval: float = 10.0,
        timeout: float | None = None,
        on_progress: BatchProgress | None = None,
    ) -> Batch:
        """Blocking twin of :meth:`wait_for_batch`."""
        poll = _Poll(_check_id(batch_id, "batch_id"), poll_interval, timeout, on_progress)
        while (delay := poll.next(_outcome_sync(self.retrieve_batch_sync, batch_id))) is not None:
            time.sleep(delay)
        return poll.result()

    def submit_sync(
        self,
        requests: Iterable[BatchRequest],
        *,
        metadata: Mapping[str, str] | None = None,
        output_expires_after: int | None = None,
    ) -> Batch:
        """Blocking twin of :meth:`submit`."""
        endpoint, data = encode_batch_file(requests)
        uploaded = self.upload_file_sync(data)
        return self.create_batch_sync(
            uploaded.id, endpoint=endpoint, metadata=metadata, output_expires_after=output_expires_after
        )

    def results_sync(self, batch: Batch) -> dict[str, BatchRowOutput]:
        """Blocking twin of :meth:`results`."""
        rows: dict[str, BatchRowOutput] = {}
        for file_id in (batch.output_file_id, batch.error_file_id):
            if file_id is not None:
                rows.update(parse_batch_output(self.file_content_sync(file_id), url=self.endpoint_url(batch.endpoint)))
        return rows


def _parse(parse: Callable[[Any], R]) -> Callable[[JSONResponse], R]:
    return lambda response: parse(response.value)


def _data(response: BytesResponse) -> bytes:
    return response.data


async def _outcome(retrieve: Awaitable[Batch]) -> Batch | APICallError:
    """A poll's answer, or its error as a value for :meth:`_Poll.next` to judge."""
    try:
        return await retrieve
    except APICallError as error:
        return error


def _outcome_sync(retrieve: Callable[[str], Batch], batch_id: str) -> Batch | APICallError:
    """Blocking twin of :func:`_outcome`."""
    try:
        return retrieve(batch_id)
    except APICallError as error:
        return error

"""Batch input lines built by the models' own request builders, so a batched request has exactly the
body the same call would send in real time, and the JSONL file DeepInfra expects
(``{custom_id, method, url, body}`` per line, one model and one endpoint per file, at most 200 MB)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...spec import CallOptions, CallWarning, EmbedOptions, InvalidArgumentError
from ...spec._json import dumps
from .records import BatchEndpoint

if TYPE_CHECKING:
    from ...openai_compatible.chat.request import ChatRequest
    from ...openai_compatible.chat_model import OpenAICompatibleChatModel
    from ...openai_compatible.embedding_model import OpenAICompatibleEmbeddingModel

__all__ = ["MAX_FILE_BYTES", "BatchRequest", "chat_batch_request", "embedding_batch_request", "encode_batch_file"]

MAX_FILE_BYTES = 200 * 1024 * 1024
"""DeepInfra's limit on one input file."""


@dataclass(frozen=True, slots=True)
class BatchRequest:
    """One line of a batch: ``custom_id`` matches the answer to it; ``body`` is what real time would
    send; ``warnings`` are the settings the model left out (they belong on the row's result)."""

    custom_id: str
    endpoint: BatchEndpoint
    body: Mapping[str, Any]
    warnings: tuple[CallWarning, ...] = ()
    chat: ChatRequest | None = None
    """The chat model's request (for parsing the answer the way real time does); ``None`` for embeddings."""


def _custom_id(custom_id: object) -> str:
    if not isinstance(custom_id, str) or not custom_id:
        raise InvalidArgumentError(
            "a batch row's id must be a non-empty string (it becomes the line's custom_id)",
            argument="custom_id",
            value=custom_id,
        )
    return custom_id


def chat_batch_request(model: OpenAICompatibleChatModel, custom_id: str, options: CallOptions) -> BatchRequest:
    """The line for one chat call with ``options`` (the same body ``model.do_generate`` would post)."""
    request = model.build_request(options, stream=False)
    return BatchRequest(_custom_id(custom_id), "/v1/chat/completions", request.body, tuple(request.warnings), request)


def embedding_batch_request(
    model: OpenAICompatibleEmbeddingModel, custom_id: str, options: EmbedOptions
) -> BatchRequest:
    """The line for one embeddings call (up to the model's values per call, 2,048 on DeepInfra)."""
    limit = model.max_embeddings_per_call
    if limit is not None and len(options.values) > limit:
        raise InvalidArgumentError(
            f"a batch line embeds at most {limit} values; split row {custom_id!r} ({len(options.values)} values)",
            argument="values",
        )
    return BatchRequest(_custom_id(custom_id), "/v1/embeddings", model.build_request(options))


def encode_batch_file(requests: Iterable[BatchRequest]) -> tuple[BatchEndpoint, bytes]:
    """The endpoint and the JSONL input file for ``requests``; raises :class:`InvalidArgumentError`
    (saying which row and what to change) for what DeepInfra's validation would reject: no rows, a
    repeated ``custom_id``, two endpoints or two models in one file, a file over 200 MB."""
    lines: list[bytes] = []
    seen: set[str] = set()
    endpoint: BatchEndpoint | None = None
    model: object = None
    size = 0
    for request in requests:
        if request.custom_id in seen:
            raise InvalidArgumentError(
                f"the row id {request.custom_id!r} appears twice; every row of a batch needs its own id",
                argument="custom_id",
                value=request.custom_id,
            )
        seen.add(request.custom_id)
        if endpoint is None:
            endpoint, model = request.endpoint, request.body.get("model")
        elif request.endpoint != endpoint:
            raise InvalidArgumentError(
                f"one batch runs against one endpoint: row {request.custom_id!r} needs {request.endpoint}, "
                f"the rows before it {endpoint}; submit them as separate batches",
                argument="requests",
            )
        elif request.body.get("model") != model:
            raise InvalidArgumentError(
                f"one batch uses one model: row {request.custom_id!r} asks for {request.body.get('model')!r}, "
                f"the rows before it for {model!r}; submit one batch per model",
                argument="requests",
            )
        line = dumps({"custom_id": request.custom_id, "method": "POST", "url": request.endpoint, "body": request.body})
        size += len(line) + 1
        if size > MAX_FILE_BYTES:
            raise InvalidArgumentError(
                f"the batch file would exceed DeepInfra's 200 MB limit at row {request.custom_id!r}; "
                "split the rows into several batches",
                argument="requests",
            )
        lines.append(line)
    if endpoint is None:
        raise InvalidArgumentError("a batch needs at least one row", argument="requests")
    lines.append(b"")
    return endpoint, b"\n".join(lines)

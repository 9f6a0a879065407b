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

__all__ = [
    "MAX_FILE_BYTES",
    "BatchRequest",
    "chat_batch_request",
    "embedding_batch_request",
    "encode_batch_file",
    "encode_batch_files",
]

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


def encode_batch_files(
    requests: Iterable[BatchRequest], *, max_bytes: int = MAX_FILE_BYTES
) -> tuple[BatchEndpoint, list[bytes]]:
    """The endpoint and the JSONL input files for ``requests``, each at most ``max_bytes`` (DeepInfra
    takes 200 MB per file): one batch per file. Raises :class:`InvalidArgumentError` (saying which row
    and what to change) for what DeepInfra's validation would reject: no rows, a repeated
    ``custom_id``, two endpoints or two models, a single line over ``max_bytes``."""
    if type(max_bytes) is not int or not 0 < max_bytes <= MAX_FILE_BYTES:
        raise InvalidArgumentError(
            f"max_bytes must be a positive number of bytes up to {MAX_FILE_BYTES} (200 MB)",
            argument="max_bytes",
            value=max_bytes,
        )
    files: list[bytes] = []
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
        if len(line) + 1 > max_bytes:
            raise InvalidArgumentError(
                f"row {request.custom_id!r} alone is {len(line) + 1} bytes, over the {max_bytes}-byte file limit",
                argument="requests",
            )
        if size + len(line) + 1 > max_bytes:
            files.append(b"\n".join([*lines, b""]))
            lines, size = [], 0
        lines.append(line)
        size += len(line) + 1
    if endpoint is None:
        raise InvalidArgumentError("a batch needs at least one row", argument="requests")
    files.append(b"\n".join([*lines, b""]))
    return endpoint, files


def encode_batch_file(requests: Iterable[BatchRequest]) -> tuple[BatchEndpoint, bytes]:
    """The endpoint and the one JSONL input file for ``requests``: as :func:`encode_batch_files`, and
    raises :class:`InvalidArgumentError` when they do not fit in one 200 MB file."""
    endpoint, files = encode_batch_files(requests)
    if len(files) > 1:
        raise InvalidArgumentError(
            "the rows do not fit in one 200 MB batch file; use encode_batch_files and submit one batch per file "
            "(run_batch_api does this for you)",
            argument="requests",
        )
    return endpoint, files[0]

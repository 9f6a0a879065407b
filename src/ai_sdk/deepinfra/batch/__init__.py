"""DeepInfra's Batch API: the same requests as real time, 20% cheaper, answered within 24 hours.

``deepinfra.batch_client()`` gives a :class:`DeepInfraBatchClient` (upload, create, poll, cancel,
download); :func:`chat_batch_request` / :func:`embedding_batch_request` build input lines with the
models' own request builders, and each row's answer parses back with the model's own response parser
(``model.parse_response``), so usage and cost come out as in real time. For whole jobs with the
core's typed results (text, validated objects, embeddings) per row, see :mod:`ai_sdk.bulk` (``mode="batch-api"``).
"""

from __future__ import annotations

from .client import DeepInfraBatchClient
from .outputs import BatchRowOutput, parse_batch_output
from .progress import BatchProgress, batch_progress_bar, print_batch_progress
from .records import (
    TERMINAL_STATUSES,
    Batch,
    BatchEndpoint,
    BatchFile,
    BatchLineError,
    BatchRequestCounts,
    BatchStatus,
    BatchUsage,
    parse_batch,
    parse_batch_file,
)
from .requests import (
    MAX_FILE_BYTES,
    BatchRequest,
    chat_batch_request,
    embedding_batch_request,
    encode_batch_file,
    encode_batch_files,
)

__all__ = [
    "MAX_FILE_BYTES",
    "TERMINAL_STATUSES",
    "Batch",
    "BatchEndpoint",
    "BatchFile",
    "BatchLineError",
    "BatchProgress",
    "BatchRequest",
    "BatchRequestCounts",
    "BatchRowOutput",
    "BatchStatus",
    "BatchUsage",
    "DeepInfraBatchClient",
    "batch_progress_bar",
    "chat_batch_request",
    "embedding_batch_request",
    "encode_batch_file",
    "encode_batch_files",
    "parse_batch",
    "parse_batch_file",
    "parse_batch_output",
    "print_batch_progress",
]

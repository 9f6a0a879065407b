"""Bulk work: run generate_text, generate_object or embedding work over many rows, each with a stable
id, and get one :class:`RowResult` per row (errors included, as data).

``bulk_generate_text`` / ``bulk_generate_object`` / ``bulk_embed`` run a job concurrently under an
adaptive concurrency limit, with per-row retries, running totals, an optional cost budget, a JSONL
checkpoint to resume from, and progress callbacks or a bar; the blocking twins are in
:mod:`ai_sdk.sync`. The row and result types are shared with DeepInfra's Batch API. Names load on
first use (``import ai_sdk.bulk`` stays cheap).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_dir, lazy_getattr

if TYPE_CHECKING:
    from .adaptive import AdaptiveLimit
    from .rows import ROW_SETTINGS, Row, RowError, RowId, RowInput, RowResult
    from .runner import (
        BulkMode,
        BulkRun,
        SyncBulkRun,
        bulk_embed,
        bulk_generate_object,
        bulk_generate_text,
    )
    from .scheduler import BulkTotals

_EXPORTS = {
    **{name: ".rows" for name in ("ROW_SETTINGS", "Row", "RowError", "RowId", "RowInput", "RowResult")},
    **{
        name: ".runner"
        for name in ("BulkMode", "BulkRun", "SyncBulkRun", "bulk_embed", "bulk_generate_object", "bulk_generate_text")
    },
    "BulkTotals": ".scheduler",
    "AdaptiveLimit": ".adaptive",
}

__getattr__ = lazy_getattr(__name__, _EXPORTS)

__all__ = [
    "ROW_SETTINGS",
    "AdaptiveLimit",
    "BulkMode",
    "BulkRun",
    "BulkTotals",
    "Row",
    "RowError",
    "RowId",
    "RowInput",
    "RowResult",
    "SyncBulkRun",
    "bulk_embed",
    "bulk_generate_object",
    "bulk_generate_text",
]
__dir__ = lazy_dir(globals(), __all__)

"""Bulk work: run generate_text, generate_object or embedding work over many rows, each with a stable
id, and get one :class:`RowResult` per row (errors included, as data).

The row and result types live in :mod:`.rows`; they are shared by the real-time runner and by
DeepInfra's Batch API, so one job can run either way. Names load on first use (``import ai_sdk.bulk``
stays cheap).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_getattr

if TYPE_CHECKING:
    from .rows import ROW_SETTINGS, Row, RowError, RowId, RowInput, RowResult

_EXPORTS = {name: ".rows" for name in ("ROW_SETTINGS", "Row", "RowError", "RowId", "RowInput", "RowResult")}

__getattr__ = lazy_getattr(__name__, _EXPORTS)

__all__ = ["ROW_SETTINGS", "Row", "RowError", "RowId", "RowInput", "RowResult"]

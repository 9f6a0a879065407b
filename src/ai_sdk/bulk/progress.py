"""Progress of a bulk job: the caller's callback, and a tqdm bar when asked for (the ``progress`` extra).

tqdm is imported only when a bar is requested, so the runner has no dependency beyond the library's.
The bar shows rows finished (of the total when the input has a length), the failures, the adaptive
concurrency and the cost so far.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..spec.errors import InvalidArgumentError
from .scheduler import BulkTotals

__all__ = ["ProgressCallback", "ProgressReporter"]

ProgressCallback = Callable[[BulkTotals], object]
"""Called with the running totals after every finished row (and once at the end)."""


class ProgressReporter:
    """Fans the totals out to the callback and to the bar."""

    def __init__(self, callback: ProgressCallback | None, *, bar: bool, total: int | None, description: str) -> None:
        if callback is not None and not callable(callback):
            raise InvalidArgumentError(
                "must be a function taking the running totals", argument="on_progress", value=callback
            )
        self._callback = callback
        self._bar: Any = None
        self._shown = 0
        if bar:
            try:
                from tqdm import tqdm
            except ImportError:
                raise InvalidArgumentError(
                    "a progress bar needs tqdm: pip install 'ai-sdk[progress]' (or pass on_progress= a callback)",
                    argument="progress",
                    value=bar,
                ) from None
            self._bar = tqdm(total=total, desc=description, unit="row", dynamic_ncols=True)

    @property
    def active(self) -> bool:
        """Whether anyone listens (so totals are only built when needed)."""
        return self._callback is not None or self._bar is not None

    def update(self, totals: BulkTotals) -> None:
        """Report the totals after a finished row."""
        if self._bar is not None:
            finished = totals.rows_finished + totals.rows_resumed
            self._bar.update(finished - self._shown)
            self._shown = finished
            self._bar.set_postfix(
                failed=totals.rows_failed, concurrency=totals.concurrency, cost=f"${totals.cost:.4f}", refresh=False
            )
        if self._callback is not None:
            self._callback(totals)

    def close(self) -> None:
        """Close the bar (leaving its last state on the terminal)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

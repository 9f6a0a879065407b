"""Showing a batch's progress while waiting for it: a callback for ``wait_for_batch(on_progress=...)``
that prints one line per change, or draws a tqdm bar per batch (the ``progress`` extra)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import IO, Any

from ...spec import InvalidArgumentError
from .records import Batch

__all__ = ["BatchProgress", "batch_progress_bar", "print_batch_progress"]

BatchProgress = Callable[[Batch], None]
"""Called with the batch after every poll (for a progress display or a log line)."""


def print_batch_progress(stream: IO[str] | None = None) -> BatchProgress:
    """A :data:`BatchProgress` that writes one status line per change (to stderr by default), e.g.
    ``batch_abc in_progress: 1200/5000 done, 3 failed``."""
    last: list[str] = []

    def show(batch: Batch) -> None:
        counts = batch.request_counts
        line = f"{batch.id} {batch.status}: {counts.done}/{counts.total} done, {counts.failed} failed"
        if not last or last[0] != line:
            last[:] = [line]
            print(line, file=stream or sys.stderr, flush=True)

    return show


def batch_progress_bar(stream: IO[str] | None = None) -> BatchProgress:
    """A :data:`BatchProgress` that draws a tqdm bar per batch (rows done of the total, failures, the
    status), closed when the batch ends. Needs tqdm: ``pip install 'ai-sdk[progress]'``."""
    try:
        from tqdm import tqdm
    except ImportError:
        raise InvalidArgumentError(
            "a progress bar needs tqdm: pip install 'ai-sdk[progress]' (or use print_batch_progress())",
            argument="progress",
        ) from None
    bars: dict[str, Any] = {}

    def show(batch: Batch) -> None:
        counts = batch.request_counts
        bar = bars.get(batch.id)
        if bar is None:
            bar = bars[batch.id] = tqdm(desc=batch.id, unit="row", file=stream, dynamic_ncols=True)
        if counts.total and bar.total != counts.total:
            bar.total = counts.total
        bar.update(counts.done - bar.n)
        bar.set_postfix(status=batch.status, failed=counts.failed, refresh=False)
        if batch.is_terminal:
            bar.close()
            del bars[batch.id]
        else:
            bar.refresh()

    return show

"""DeepInfra's per-model concurrency cap, as the emulator models it: a request that arrives while ``cap``
requests for the same model are in flight is refused (the server answers 429 "Model busy, retry later")
instead of waiting. In-flight counts and their peaks are kept so benchmarks and tests can check what a
client's own limiter did.

Handler threads share one instance, so every access holds one lock.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["ModelSlots"]


class ModelSlots:
    """Per-model in-flight counters with an optional cap (``None``: no cap)."""

    def __init__(self, cap: int | None = None) -> None:
        self.cap = cap
        self._lock = threading.Lock()
        self._in_flight: Counter[str] = Counter()
        self._peak: Counter[str] = Counter()
        self._peak_total = 0
        self._throttled = 0

    @contextmanager
    def hold(self, model: str) -> Iterator[bool]:
        """Take a slot for ``model`` for the duration of the block; yields ``False`` (and takes nothing)
        when the model is at its cap."""
        with self._lock:
            if self.cap is not None and self._in_flight[model] >= self.cap:
                self._throttled += 1
                admitted = False
            else:
                self._in_flight[model] += 1
                self._peak[model] = max(self._peak[model], self._in_flight[model])
                self._peak_total = max(self._peak_total, self._in_flight.total())
                admitted = True
        try:
            yield admitted
        finally:
            if admitted:
                with self._lock:
                    self._in_flight[model] -= 1

    def in_flight(self, model: str | None = None) -> int:
        """Requests being answered now: for ``model``, or for every model."""
        with self._lock:
            return self._in_flight.total() if model is None else self._in_flight[model]

    def peak(self, model: str | None = None) -> int:
        """The most requests ever in flight at once: for ``model``, or across every model."""
        with self._lock:
            return self._peak_total if model is None else self._peak[model]

    @property
    def throttled(self) -> int:
        """How many requests the cap refused."""
        with self._lock:
            return self._throttled

    def reset(self) -> None:
        """Forget peaks and the refusal count (requests in flight stay counted)."""
        with self._lock:
            self._peak = Counter({model: count for model, count in self._in_flight.items() if count})
            self._peak_total = self._in_flight.total()
            self._throttled = 0

"""The bulk runner's brain: which row goes out next, what a failure means, when the job is over.

Pure and synchronous, with the clock passed in: the async driver (tasks) and the blocking driver
(a thread pool) feed it the same events, so both behave identically and the tests drive it with a
fake clock. The drivers only do I/O: read input rows, start attempts, wait, write the checkpoint.

Rules:

- At most :attr:`AdaptiveLimit.limit` attempts in flight; a 429 cuts the limit and re-queues the row
  after a short jittered pause (the cut, not the pause, is what slows the job), or after the server's
  ``retry-after``.
- Other retryable errors (408, 409, 5xx, network) are retried as the library retries them: 2 s,
  then 4 s, ..., or the server's ``retry-after``. Every retry counts against ``max_retries``.
- A non-retryable error, or running out of retries, ends the row with a :class:`~.rows.RowError`.
- An :class:`~ai_sdk.errors.InvalidArgumentError` about one of the job's own settings (or its model),
  a missing API key and a refused one (401) end the job: every row would fail the same way.
- With a ``budget``, the first row goes alone (its price sets the estimate), and no row starts once
  the cost so far plus the expected cost (the average so far) of the rows in flight and of one more
  row would exceed it; rows in flight finish, rows waiting for a retry are left for a later run. A row
  that succeeds without a cost ends the job with an error: the budget cannot be kept.
- Results come out as they complete, or with ``ordered`` in input order (rows taken from a checkpoint
  are skipped over); the input is read no further ahead than ``10 x concurrency`` requests' rows.
- With a ``pack_size`` above 1 (embedding jobs), one request carries up to ``pack_size`` consecutive
  queued rows that ``packs_with`` the first (the same settings): a fresh request waits until it is
  full or the input can give no more rows (a row that packs with none goes alone, as a plain
  attempt). The request takes one slot, is retried as a whole and, if it fails for good, every row
  in it gets the error. With a budget, a request carries no more rows than the budget leaves room
  for.
"""

from __future__ import annotations

import heapq
import random
from collections import deque
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import Literal

from ..core.retry import MAX_RETRY_AFTER, next_delay, retry_after, validate_max_retries
from ..spec.errors import APICallError, InvalidArgumentError, InvalidRowError, LoadAPIKeyError
from .adaptive import AdaptiveLimit
from .rows import Row, RowId, RowResult, failed_result

__all__ = ["Attempt", "BulkScheduler", "BulkTotals", "Finished"]

OVERLOAD_DELAY = 0.25
"""Seconds before re-sending a row refused with a 429 (doubling per attempt, jittered 0.5x-1.5x)."""
READ_AHEAD = 10
"""In ordered mode, how many times ``concurrency`` rows may wait for an earlier one to finish."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BulkTotals:
    """Running totals of a bulk job, passed to progress callbacks and kept on the run.

    ``rows_done`` / ``rows_failed`` count rows finished by this run; ``rows_resumed`` those found
    finished in the checkpoint and not run again. ``requests`` counts attempts sent, ``rate_limited``
    the 429 answers among them, ``retries`` the attempts that were re-sends. ``cost`` (USD) and the
    token counts include the checkpoint's rows, so a ``budget`` covers the whole job across resumes.
    ``concurrency`` is the adaptive limit now; ``stopped`` is ``"budget"`` when the budget ended the run.
    """

    rows_done: int = 0
    rows_failed: int = 0
    rows_resumed: int = 0
    requests: int = 0
    rate_limited: int = 0
    retries: int = 0
    in_flight: int = 0
    concurrency: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost: float = 0.0
    elapsed: float = 0.0
    stopped: Literal["budget"] | None = None

    @property
    def rows_finished(self) -> int:
        """Rows this run finished, successfully or not."""
        return self.rows_done + self.rows_failed

    def __str__(self) -> str:
        line = (
            f"{self.rows_done} done, {self.rows_failed} failed"
            + (f", {self.rows_resumed} resumed" if self.rows_resumed else "")
            + f"; {self.input_tokens + self.output_tokens} tokens; ${self.cost:.6f}"
            + f"; {self.requests} requests ({self.rate_limited} rate-limited) in {self.elapsed:.1f} s"
        )
        return line + ("; stopped at the budget" if self.stopped else "")


@dataclass(slots=True)
class Attempt:
    """One request for one row, or with ``pack`` for several rows sent together (one attempt each,
    the first being ``row`` and ``index``): ``number`` counts from 1; ``ticket`` is the limiter's."""

    row: Row
    index: int
    number: int
    ticket: int = -1
    pack: tuple[Attempt, ...] | None = None


@dataclass(frozen=True, slots=True)
class Finished:
    """What an attempt's end produced: the row's final result (to checkpoint now) when it has one
    (for a packed request, the first row's, with the other rows' in ``others``), and the results now
    ready to hand out (in input order when ordered)."""

    final: RowResult | None
    ready: list[RowResult]
    others: tuple[RowResult, ...] = ()


class BulkScheduler:
    """The state of one bulk job; see the module docstring for the rules.

    Drivers loop: add rows while :meth:`wants_row`, start every attempt :meth:`next_attempt` gives,
    wait for one to end (at most :meth:`next_wakeup` seconds), report it with :meth:`finish`, until
    :attr:`done`.
    """

    def __init__(
        self,
        *,
        concurrency: int = 200,
        max_retries: int = 2,
        ordered: bool = False,
        budget: float | None = None,
        finished_ids: Collection[RowId] = (),
        resumed: BulkTotals | None = None,
        job_settings: Collection[str] = (),
        now: float = 0.0,
        rng: random.Random | None = None,
        pack_size: int = 1,
        packs_with: Callable[[Row, Row], bool] | None = None,
    ) -> None:
        self.limit = AdaptiveLimit(concurrency)
        self.max_retries = validate_max_retries(max_retries)
        if budget is not None and (isinstance(budget, bool) or not isinstance(budget, int | float) or budget <= 0):
            raise InvalidArgumentError(f"must be a number of USD > 0, got {budget!r}", argument="budget", value=budget)
        self.budget = budget
        self.ordered = ordered
        self.pack_size = pack_size
        self._packs_with = packs_with
        self._job_settings = frozenset(job_settings) | {"model", "schema"}
        self._rng = rng or random.Random()
        self._finished_ids = set(finished_ids)
        self._seen: set[RowId] = set()
        self._ready: deque[Attempt] = deque()
        self._waiting: list[tuple[float, int, Attempt]] = []  # (due, index, attempt): a heap of retries
        self._in_flight = 0
        self._in_flight_rows = 0
        self._next_index = 0
        self._input_done = False
        self._stopped: Literal["budget"] | None = None
        self._pending: dict[int, RowResult | None] = {}  # ordered mode: index -> result (None: skipped)
        self._next_out = 0
        self._start = now
        self._now = now
        base = resumed or BulkTotals()
        self._counts = {
            "rows_done": 0,
            "rows_failed": 0,
            "rows_resumed": base.rows_resumed,
            "requests": 0,
            "rate_limited": 0,
            "retries": 0,
            "input_tokens": base.input_tokens,
            "output_tokens": base.output_tokens,
        }
        self._cost = base.cost
        self._run_cost = 0.0
        self._priced_rows = 0
        self._unpriced = False  # a row succeeded without a cost while a budget is set

    # ------------------------------------------------------------------------------------------ input

    def wants_row(self) -> bool:
        """Whether the driver should read another input row now (there is room to start one, or to
        fill the next packed request)."""
        if self._stopped or len(self._ready) >= self.pack_size or not self._more_input():
            return False
        return self._in_flight < self.limit.limit

    def _more_input(self) -> bool:
        """Whether the input may still give rows now (in ordered mode, not while too many results wait
        for an earlier row)."""
        if self._input_done:
            return False
        return not self.ordered or len(self._pending) < READ_AHEAD * self.limit.maximum * self.pack_size

    def add_row(self, row: Row) -> None:
        """Queue the next input row (skipped when the checkpoint has it finished). Raises
        :class:`~ai_sdk.errors.InvalidRowError` for an id seen before in this job."""
        index = self._next_index
        self._next_index += 1
        if row.id in self._seen:
            raise InvalidRowError(
                "this id was already used by an earlier row; ids must be unique so that results and resume can "
                "tell rows apart",
                row_id=row.id,
            )
        self._seen.add(row.id)
        if row.id in self._finished_ids:
            if self.ordered:
                self._pending[index] = None
            return
        self._ready.append(Attempt(row, index, 1))

    def input_finished(self) -> None:
        """The input has no more rows."""
        self._input_done = True

    # --------------------------------------------------------------------------------------- dispatch

    def next_attempt(self, now: float) -> Attempt | None:
        """The next attempt to start now, or ``None`` (no room, or nothing due)."""
        self._now = now
        if self._stopped or self._in_flight >= self.limit.limit:
            return None
        if not (self._waiting or self._ready):
            return None
        if self.budget is not None and self._budget_holds_back():  # may one more row start?
            return None
        if self._waiting and self._waiting[0][0] <= now:
            attempt = heapq.heappop(self._waiting)[2]
        elif not self._ready:
            return None
        elif self.pack_size == 1:
            attempt = self._ready.popleft()
        else:
            packed = self._next_pack()
            if packed is None:
                return None
            attempt = packed
        attempt.ticket = self.limit.started()
        self._in_flight += 1
        self._in_flight_rows += 1 if attempt.pack is None else len(attempt.pack)
        self._counts["requests"] += 1
        if attempt.number > 1:
            self._counts["retries"] += 1
        return attempt

    def _next_pack(self) -> Attempt | None:
        """A fresh packed request of the queued rows, or ``None`` while it should wait (for more rows to
        fill it, or, with a budget and no row finished yet, for the first request's price)."""
        ready = self._ready
        room = min(self.pack_size, len(ready))
        if self.budget is not None:
            per_row = self._run_cost / self._priced_rows if self._priced_rows else 0.0
            if per_row > 0:
                room = min(room, max(1, int((self.budget - self._cost) / per_row) - self._in_flight_rows))
        first = ready[0].row
        count = 1
        while count < room and self._packs_with is not None and self._packs_with(first, ready[count].row):
            count += 1
        if count == len(ready) < self.pack_size and self._more_input():
            return None
        if count == 1:
            return ready.popleft()  # a row alone goes as one: ``embed``, and its own errors
        pack = tuple(ready.popleft() for _ in range(count))
        return Attempt(first, pack[0].index, 1, pack=pack)

    def next_wakeup(self, now: float) -> float | None:
        """Seconds until a waiting retry is due (0 when one is due now), or ``None`` when none waits or
        none could start anyway (every slot is taken: the next finished attempt is the next event)."""
        if self._stopped or not self._waiting or self._in_flight >= self.limit.limit:
            return None
        return max(0.0, self._waiting[0][0] - now)

    @property
    def done(self) -> bool:
        """Nothing left: the input is read (or the budget stopped the job) and nothing is in flight,
        queued or waiting."""
        if self._in_flight:
            return False
        if self._stopped:
            return True
        return self._input_done and not self._ready and not self._waiting

    @property
    def in_flight(self) -> int:
        """Attempts started and not yet finished."""
        return self._in_flight

    # ------------------------------------------------------------------------------------- completion

    def finish(self, attempt: Attempt, outcome: RowResult | list[RowResult] | BaseException, now: float) -> Finished:
        """Report the end of ``attempt``: its result (a packed request's: one per row, in its order),
        or the exception it raised.

        Raises the exception itself when it dooms the whole job (a bad job setting)."""
        self._now = now
        self._in_flight -= 1
        pack = attempt.pack
        self._in_flight_rows -= 1 if pack is None else len(pack)
        if isinstance(outcome, RowResult):
            self.limit.succeeded(attempt.ticket)
            # RowResult's attempts default to 1: skip the copy in the common case (replace() costs ~12 us).
            result = outcome if attempt.number == 1 else replace(outcome, attempts=attempt.number)
            return self._final(attempt, result)
        if isinstance(outcome, list):
            self.limit.succeeded(attempt.ticket)
            if attempt.number > 1:
                outcome = [replace(result, attempts=attempt.number) for result in outcome]
            return self._final_pack(pack or (attempt,), outcome)
        error = outcome
        if isinstance(error, InvalidArgumentError) and error.argument in self._job_settings - set(attempt.row.settings):
            raise error
        if isinstance(error, LoadAPIKeyError) or (isinstance(error, APICallError) and error.status_code == 401):
            raise error  # no key, or a refused one: every row would fail the same way
        if isinstance(error, APICallError) and error.status_code == 429:
            self._counts["rate_limited"] += 1
            self.limit.overloaded(attempt.ticket)
        delay = self._retry_delay(error, attempt.number)
        if delay is None:
            if pack is not None:
                failed = [failed_result(member.row.id, error, attempts=attempt.number) for member in pack]
                return self._final_pack(pack, failed)
            return self._final(attempt, failed_result(attempt.row.id, error, attempts=attempt.number))
        retry = Attempt(attempt.row, attempt.index, attempt.number + 1, pack=pack)
        heapq.heappush(self._waiting, (now + delay, attempt.index, retry))
        return Finished(None, [])

    def _retry_delay(self, error: BaseException, number: int) -> float | None:
        """Seconds before the next attempt, or ``None`` when the row has failed for good."""
        if not isinstance(error, APICallError) or not error.is_retryable or number > self.max_retries:
            return None
        if error.status_code == 429:
            suggested = retry_after(error.response_headers)
            if suggested is not None and 0.0 <= suggested <= MAX_RETRY_AFTER:
                return suggested
            return float(OVERLOAD_DELAY * 2 ** (number - 1) * (0.5 + self._rng.random()))
        return next_delay(error, number)

    def record(self, result: RowResult) -> None:
        """Count a final result produced elsewhere (by the Batch API) in the totals."""
        self._counts["requests"] += result.attempts
        self._count(result)

    def _final(self, attempt: Attempt, result: RowResult) -> Finished:
        self._count(result)
        self._over_budget()
        if not self.ordered:
            return Finished(result, [result])
        self._pending[attempt.index] = result
        ready: list[RowResult] = []
        while self._next_out in self._pending:
            released = self._pending.pop(self._next_out)
            self._next_out += 1
            if released is not None:
                ready.append(released)
        return Finished(result, ready)

    def _final_pack(self, pack: tuple[Attempt, ...], results: list[RowResult]) -> Finished:
        """The rows of a packed request all ended, with ``results`` (one per row, in the pack's order)."""
        ready: list[RowResult] = []
        for member, result in zip(pack, results, strict=True):
            ready.extend(self._final(member, result).ready)
        return Finished(results[0], ready, tuple(results[1:]))

    def _count(self, result: RowResult) -> None:
        counts = self._counts
        usage = result.usage
        if result.error is None:
            counts["rows_done"] += 1
            if self.budget is not None and (usage is None or usage.cost is None):
                self._unpriced = True
        else:
            counts["rows_failed"] += 1
        if usage is not None:
            counts["input_tokens"] += usage.input_tokens or 0
            counts["output_tokens"] += usage.output_tokens or 0
            if usage.cost is not None:
                self._cost += usage.cost
                self._run_cost += usage.cost
                self._priced_rows += 1

    def _budget_holds_back(self) -> bool:
        """Whether the budget lets no row start now: until the first row has ended, it goes alone (its
        price sets the estimate; rows started blind could spend many times the budget), then see
        :meth:`_over_budget`. Raises once a row came back without a price: the budget cannot be kept."""
        if self._unpriced:
            raise InvalidArgumentError(
                "the model reported no cost for a row, so the job cannot keep to a budget (DeepInfra's "
                "embeddings API reports none): leave budget=None and bound the job by its rows",
                argument="budget",
                value=self.budget,
            )
        if self._in_flight and not (self._counts["rows_done"] or self._counts["rows_failed"]):
            return True
        return self._over_budget()

    def _over_budget(self) -> bool:
        """Whether the budget stops the job (deciding that now if it has not yet)."""
        if self._stopped:
            return True
        if self.budget is None:
            return False
        per_row = self._run_cost / self._priced_rows if self._priced_rows else 0.0
        # Stop when one more row, at the average price so far, would not fit beside those in flight.
        if self._cost >= self.budget or self._cost + (self._in_flight_rows + 1) * per_row > self.budget:
            self._stopped = "budget"
            self._ready.clear()
            self._waiting.clear()
            return True
        return False

    def drain_ordered(self) -> list[RowResult]:
        """After the job ends early (budget), the finished results still held back waiting for rows
        that will not run in this job, in input order."""
        held = [self._pending[index] for index in sorted(self._pending)]
        self._pending.clear()
        return [result for result in held if result is not None]

    # ----------------------------------------------------------------------------------------- totals

    def totals(self, now: float | None = None) -> BulkTotals:
        """A snapshot of the running totals."""
        return BulkTotals(
            **self._counts,
            in_flight=self._in_flight,
            concurrency=self.limit.limit,
            cost=self._cost,
            elapsed=(self._now if now is None else now) - self._start,
            stopped=self._stopped,
        )

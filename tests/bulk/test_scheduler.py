"""The bulk scheduler, driven by hand with a fake clock: admission under the adaptive limit, retries by the
library's rules, 429 episodes, the budget, ordering, resume skipping, and a simulated capped server."""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ai_sdk.bulk import Row, RowResult
from ai_sdk.bulk.scheduler import OVERLOAD_DELAY, Attempt, BulkScheduler, Finished
from ai_sdk.errors import APICallError, InvalidArgumentError, InvalidRowError
from ai_sdk.spec.shared import Usage


def busy(headers: dict[str, str] | None = None) -> APICallError:
    return APICallError(
        "Model busy, retry later", url="u", status_code=429, is_retryable=True, response_headers=headers
    )


def server_error() -> APICallError:
    return APICallError("Internal Server Error", url="u", status_code=503, is_retryable=True)


def ok(attempt: Attempt, cost: float | None = None) -> RowResult:
    return RowResult(id=attempt.row.id, text="fine", usage=Usage(input_tokens=2, output_tokens=3, cost=cost))


def fill(scheduler: BulkScheduler, rows: Iterable[Row], now: float = 0.0) -> list[Attempt]:
    """What a driver does: start what may start, reading rows while there is room."""
    started = []
    source = iter(rows)
    while True:
        attempt = scheduler.next_attempt(now)
        if attempt is not None:
            started.append(attempt)
        elif scheduler.wants_row():
            row = next(source, None)
            if row is None:
                scheduler.input_finished()
            else:
                scheduler.add_row(row)
        else:
            return started


def rows(count: int) -> list[Row]:
    return [Row(id=f"r{index}", prompt=f"p{index}") for index in range(count)]


def test_starts_up_to_the_limit_and_reads_no_further() -> None:
    scheduler = BulkScheduler(concurrency=3)
    source = rows(10)
    started = fill(scheduler, source)
    assert [attempt.row.id for attempt in started] == ["r0", "r1", "r2"]
    assert scheduler.in_flight == 3
    assert not scheduler.wants_row()
    finished = scheduler.finish(started[0], ok(started[0]), 1.0)
    assert finished.final == finished.ready[0]
    assert finished.final is not None
    assert finished.final.attempts == 1
    assert scheduler.wants_row()


def test_a_burst_of_429s_cuts_the_limit_once_and_requeues_every_row() -> None:
    scheduler = BulkScheduler(concurrency=10, rng=random.Random(1))
    started = fill(scheduler, rows(10))
    for attempt in started:
        assert scheduler.finish(attempt, busy(), 0.0) == Finished(None, [])
    totals = scheduler.totals(0.0)
    assert (totals.rate_limited, totals.concurrency, scheduler.limit.cuts) == (10, 5, 1)  # halved at most
    wakeup = scheduler.next_wakeup(0.0)
    assert wakeup is not None
    assert 0.5 * OVERLOAD_DELAY <= wakeup <= 1.5 * OVERLOAD_DELAY
    assert scheduler.next_attempt(0.0) is None  # nothing is due yet
    retried = fill(scheduler, [], now=1.0)
    assert len(retried) == 5  # the cut limit
    assert {attempt.number for attempt in retried} == {2}
    assert scheduler.totals(1.0).retries == 5


def test_retry_after_is_honoured_for_429s() -> None:
    scheduler = BulkScheduler(concurrency=1)
    [attempt] = fill(scheduler, rows(1))
    scheduler.finish(attempt, busy({"retry-after-ms": "1500"}), 10.0)
    assert scheduler.next_wakeup(10.0) == pytest.approx(1.5)


def test_server_errors_retry_with_the_library_backoff_then_fail_as_data() -> None:
    scheduler = BulkScheduler(concurrency=1, max_retries=2)
    [attempt] = fill(scheduler, rows(1))
    now = 0.0
    delays = []
    for _ in range(2):
        assert scheduler.finish(attempt, server_error(), now).final is None
        delay = scheduler.next_wakeup(now)
        assert delay is not None
        delays.append(delay)
        now += delay
        attempt = scheduler.next_attempt(now)  # type: ignore[assignment]
        assert attempt is not None
    assert delays == [2.0, 4.0]
    finished = scheduler.finish(attempt, server_error(), now)
    assert finished.final is not None
    assert finished.final.error is not None
    assert (finished.final.attempts, finished.final.error.status_code, finished.final.error.retryable) == (3, 503, True)
    assert scheduler.limit.cuts == 0  # a server error is not an overload
    scheduler.input_finished()
    assert scheduler.done


def test_a_non_retryable_error_ends_the_row_at_once() -> None:
    scheduler = BulkScheduler(concurrency=1)
    [attempt] = fill(scheduler, rows(1))
    bad = APICallError("Bad request", url="u", status_code=400, is_retryable=False)
    finished = scheduler.finish(attempt, bad, 0.0)
    assert finished.final is not None
    assert finished.final.error is not None
    assert (finished.final.error.type, finished.final.error.message, finished.final.attempts) == (
        "APICallError",
        "Bad request",
        1,
    )
    assert scheduler.totals().rows_failed == 1


def test_a_bad_job_setting_ends_the_job_but_a_bad_row_setting_only_the_row() -> None:
    scheduler = BulkScheduler(concurrency=2, job_settings={"temperature"})
    job_row, own_row = Row(id="a", prompt="x"), Row(id="b", prompt="x", settings={"temperature": "hot"})
    first, second = fill(scheduler, [job_row, own_row])
    error = InvalidArgumentError("must be a finite number", argument="temperature", value="hot")
    finished = scheduler.finish(second, error, 0.0)
    assert finished.final is not None
    assert finished.final.error is not None
    assert finished.final.error.type == "InvalidArgumentError"
    with pytest.raises(InvalidArgumentError):
        scheduler.finish(first, error, 0.0)


def test_duplicate_ids_are_refused() -> None:
    scheduler = BulkScheduler(concurrency=5)
    scheduler.add_row(Row(id="x", prompt="a"))
    with pytest.raises(InvalidRowError, match="already used"):
        scheduler.add_row(Row(id="x", prompt="b"))


def test_the_budget_stops_new_rows_counting_those_in_flight() -> None:
    scheduler = BulkScheduler(concurrency=2, budget=0.45)
    source = iter(rows(10))
    started = fill(scheduler, source)
    assert len(started) == 1  # the first row goes alone: its price sets the estimate
    while started:
        attempt = started.pop(0)
        scheduler.finish(attempt, ok(attempt, cost=0.1), 0.0)
        started += fill(scheduler, source)
    totals = scheduler.totals()
    # After 3 rows at $0.10 with one in flight, one more would make $0.50 > $0.45: no row starts.
    assert totals.stopped == "budget"
    assert totals.rows_done == 4
    assert totals.cost == pytest.approx(0.4)
    assert scheduler.done


def test_budget_and_totals_include_a_resumed_checkpoint() -> None:
    from ai_sdk.bulk import BulkTotals

    resumed = BulkTotals(rows_resumed=3, input_tokens=6, output_tokens=9, cost=0.3)
    scheduler = BulkScheduler(concurrency=1, budget=0.35, finished_ids={"r0", "r1", "r2"}, resumed=resumed)
    [attempt] = fill(scheduler, rows(6))
    assert attempt.row.id == "r3"  # the finished rows are skipped
    scheduler.finish(attempt, ok(attempt, cost=0.1), 0.0)
    totals = scheduler.totals()
    assert (totals.rows_resumed, totals.rows_done, totals.input_tokens, totals.stopped) == (3, 1, 8, "budget")
    assert totals.cost == pytest.approx(0.4)


@pytest.mark.parametrize("budget", [0, -1.0, "5", True])
def test_a_budget_must_be_positive_usd(budget: object) -> None:
    with pytest.raises(InvalidArgumentError, match="USD"):
        BulkScheduler(budget=budget)  # type: ignore[arg-type]


@given(st.permutations(list(range(8))), st.sets(st.integers(0, 7), max_size=4))
def test_ordered_results_come_out_in_input_order(order: list[int], resumed: set[int]) -> None:
    scheduler = BulkScheduler(concurrency=8, ordered=True, finished_ids={f"r{index}" for index in resumed})
    started = {attempt.index: attempt for attempt in fill(scheduler, rows(8))}
    out = []
    for index in order:
        if index in started:
            out += [result.id for result in scheduler.finish(started[index], ok(started[index]), 0.0).ready]
    assert out == [f"r{index}" for index in range(8) if index not in resumed]
    scheduler.input_finished()
    assert scheduler.done


def test_ordered_mode_reads_ahead_a_bounded_number_of_rows() -> None:
    scheduler = BulkScheduler(concurrency=2, ordered=True)
    source = rows(100)
    _first, second = fill(scheduler, source)
    position = 2
    # The first row never finishes; the others do: reading stops at 10 x concurrency held results.
    attempt = second
    while True:
        scheduler.finish(attempt, ok(attempt), 0.0)
        started = fill(scheduler, source[position : position + 1])
        if not started:
            break
        position += 1
        attempt = started[0]
    assert scheduler.in_flight == 1
    assert position == 21


def simulate(rows_count: int, concurrency: int, cap: int, latency: float = 1.0) -> tuple[float, int, int]:
    """A server that refuses above ``cap`` in flight, on a fake clock: (wall time, requests, 429s)."""
    scheduler = BulkScheduler(concurrency=concurrency, max_retries=50, rng=random.Random(7))
    source = iter(rows(rows_count))
    now, serving, events = 0.0, 0, []  # events: (time, sequence, attempt, outcome)
    sequence = 0
    while not scheduler.done:
        while True:
            attempt = scheduler.next_attempt(now)
            if attempt is not None:
                if serving < cap:
                    serving += 1
                    heapq.heappush(events, (now + latency, sequence, attempt, "ok"))
                else:
                    heapq.heappush(events, (now + 0.001, sequence, attempt, "busy"))
                sequence += 1
            elif scheduler.wants_row():
                row = next(source, None)
                if row is None:
                    scheduler.input_finished()
                else:
                    scheduler.add_row(row)
            else:
                break
        if scheduler.done:
            break
        wakeup = scheduler.next_wakeup(now)
        if events and (wakeup is None or events[0][0] <= now + wakeup):
            now, _, attempt, outcome = heapq.heappop(events)
            if outcome == "ok":
                serving -= 1
                scheduler.finish(attempt, ok(attempt), now)
            else:
                scheduler.finish(attempt, busy(), now)
        else:
            assert wakeup is not None
            now += wakeup
    totals = scheduler.totals(now)
    assert totals.rows_done == rows_count
    return now, totals.requests, totals.rate_limited


def test_at_the_cap_nothing_is_refused_and_the_wall_time_is_ideal() -> None:
    wall, requests, refused = simulate(2000, concurrency=50, cap=50)
    assert (requests, refused) == (2000, 0)
    assert wall == pytest.approx(2000 / 50)


def test_above_the_cap_the_limit_settles_near_it_without_a_429_storm() -> None:
    wall, requests, refused = simulate(5000, concurrency=200, cap=50)
    assert refused / requests < 0.05
    assert wall <= 1.15 * 5000 / 50

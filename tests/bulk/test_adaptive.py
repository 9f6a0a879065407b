"""The adaptive limit: one cut per overload episode, additive climb back, always within its bounds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ai_sdk.bulk import AdaptiveLimit
from ai_sdk.errors import InvalidArgumentError


def test_one_429_cuts_ten_percent_and_each_further_one_of_the_episode_one_request() -> None:
    limit = AdaptiveLimit(200)
    tickets = [limit.started() for _ in range(200)]
    assert limit.limit == 200
    assert limit.overloaded(tickets[0]) is True
    assert limit.limit == 180
    # Answers to requests in flight at the cut belong to the same episode: one request less each.
    assert not any(limit.overloaded(ticket) for ticket in tickets[1:31])
    assert (limit.limit, limit.cuts) == (150, 1)
    # A request sent after the cut that is refused again starts a new episode.
    assert limit.overloaded(limit.started()) is True
    assert (limit.limit, limit.cuts) == (135, 2)


def test_a_storm_of_429s_halves_the_limit_per_episode_instead_of_collapsing_it() -> None:
    limit = AdaptiveLimit(200)
    tickets = [limit.started() for _ in range(200)]
    for ticket in tickets:
        limit.overloaded(ticket)
    assert (limit.limit, limit.cuts) == (100, 1)


def test_climbs_back_one_request_per_window_of_successes() -> None:
    limit = AdaptiveLimit(100)
    limit.overloaded(limit.started())
    assert limit.limit == 90
    for _ in range(92):  # one window is about 90 successes
        limit.succeeded(limit.started())
    assert limit.limit == 91
    for _ in range(10_000):
        limit.succeeded(limit.started())
    assert limit.limit == 100


@pytest.mark.parametrize(
    ("arguments", "argument"),
    [({"maximum": 0}, "concurrency"), ({"maximum": True}, "concurrency"), ({"maximum": 5, "minimum": 6}, "minimum")],
)
def test_bad_bounds_are_rejected(arguments: dict[str, int], argument: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        AdaptiveLimit(**arguments)
    assert caught.value.argument == argument


@given(st.integers(1, 500), st.lists(st.sampled_from(["start", "ok", "busy"]), max_size=300))
def test_the_limit_stays_within_its_bounds(maximum: int, events: list[str]) -> None:
    limit = AdaptiveLimit(maximum)
    open_tickets: list[int] = []
    for event in events:
        if event == "start" or not open_tickets:
            open_tickets.append(limit.started())
        elif event == "ok":
            limit.succeeded(open_tickets.pop(0))
        else:
            limit.overloaded(open_tickets.pop(0))
        assert 1 <= limit.limit <= maximum

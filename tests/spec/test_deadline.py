"""Timeout and Deadline: what a user may pass, and how a deadline narrows the waits of every layer."""

from __future__ import annotations

import math
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ai_sdk import Timeout
from ai_sdk.errors import DeadlineExceededError, InvalidArgumentError
from ai_sdk.spec.deadline import Deadline, as_timeout


def test_defaults_are_a_generous_total_and_a_short_connect() -> None:
    assert Timeout() == Timeout(total=600.0, step=None, chunk=None, connect=5.0)
    assert as_timeout(None) == Timeout()
    assert as_timeout(30) == Timeout(total=30.0)


@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers()))
def test_every_number_is_accepted_or_refused_with_a_typed_error(value: float) -> None:
    if math.isfinite(value) and value > 0:
        assert as_timeout(value).total == float(value)
    else:
        with pytest.raises(InvalidArgumentError, match="finite number of seconds > 0"):
            as_timeout(value)


@pytest.mark.parametrize("bad", ["30", True, [30], {"total": 30}])
def test_other_values_are_refused(bad: object) -> None:
    with pytest.raises(InvalidArgumentError, match="Timeout"):
        as_timeout(bad)


@pytest.mark.parametrize("field", ["total", "step", "chunk", "connect"])
def test_each_limit_is_checked(field: str) -> None:
    with pytest.raises(InvalidArgumentError, match=f"timeout\\.{field}"):
        Timeout(**{field: float("inf")})  # type: ignore[arg-type]
    assert getattr(Timeout(**{field: None}), field) is None  # type: ignore[arg-type]


def test_waits_are_cut_to_the_time_left() -> None:
    deadline = Deadline.start(Timeout(total=0.5, chunk=10, connect=10))
    read, connect = deadline.read_timeout(), deadline.connect_timeout()
    assert read is not None
    assert connect is not None
    assert 0 < read <= 0.5
    assert 0 < connect <= 0.5
    unbounded = Deadline.start(Timeout(total=None, chunk=None))
    assert unbounded.read_timeout() is None
    assert unbounded.remaining() is None
    assert not unbounded.expired()


def test_a_passed_deadline_raises_and_never_waits_zero() -> None:
    deadline = Deadline.start(0.01)
    time.sleep(0.02)
    assert deadline.expired()
    assert deadline.read_timeout() == pytest.approx(0.001)  # a socket timeout of 0 would mean "do not block"
    with pytest.raises(DeadlineExceededError, match=r"total timeout of 0\.01 s passed while reading") as caught:
        deadline.check("reading")
    assert (caught.value.limit, caught.value.seconds, caught.value.during) == ("total", 0.01, "reading")


def test_a_step_is_narrower_than_the_total_but_never_wider() -> None:
    deadline = Deadline.start(Timeout(total=100, step=1))
    step = deadline.for_step()
    assert step.limit == "step"
    remaining = step.remaining()
    assert remaining is not None
    assert remaining <= 1
    tight = Deadline.start(Timeout(total=0.5, step=10))
    assert tight.for_step() is tight  # the total ends first
    assert Deadline.start(30).for_step().limit == "total"


def test_next_wait_is_the_read_timeout_after_the_check() -> None:
    deadline = Deadline.start(Timeout(total=0.5, chunk=10))
    wait = deadline.next_wait("reading")
    assert wait is not None
    assert 0 < wait <= 0.5
    chunked = Deadline.start(Timeout(total=100, chunk=2))
    assert chunked.next_wait("reading") == 2
    assert Deadline.start(Timeout(total=None, chunk=3)).next_wait("reading") == 3
    assert Deadline.start(Timeout(total=None)).next_wait("reading") is None

    passed = Deadline.start(0.01)
    time.sleep(0.02)
    with pytest.raises(DeadlineExceededError, match="passed while reading the body") as caught:
        passed.next_wait("reading the body")
    assert caught.value.during == "reading the body"


def test_a_started_deadline_carries_the_settings() -> None:
    before = time.monotonic()
    deadline = Deadline.start(Timeout(total=30, step=5, chunk=2, connect=1))
    assert deadline.ends_at is not None
    assert before + 30 <= deadline.ends_at <= time.monotonic() + 30
    assert (deadline.limit, deadline.seconds, deadline.step, deadline.chunk, deadline.connect) == ("total", 30, 5, 2, 1)
    step = deadline.for_step()
    assert (step.limit, step.seconds, step.step, step.chunk, step.connect) == ("step", 5, None, 2, 1)
    built = Deadline(ends_at=None, chunk=4)
    assert (built.ends_at, built.limit, built.seconds, built.chunk, built.connect) == (None, "total", None, 4, 5.0)
    assert Deadline.start().seconds == 600.0

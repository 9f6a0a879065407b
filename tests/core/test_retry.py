"""Retry policy and drivers, with a fake clock (nothing really sleeps)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from email.utils import formatdate
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ai_sdk.core import retry as retry_module
from ai_sdk.core.retry import next_delay, retry_after, retry_async, retry_sync, validate_max_retries
from ai_sdk.errors import APICallError, InvalidArgumentError, RetryError


def api_error(status: int | None, headers: dict[str, str] | None = None, message: str | None = None) -> APICallError:
    return APICallError(
        message or f"status {status}", url="https://api.example/v1/chat", status_code=status, response_headers=headers
    )


class FakeClock:
    """Records every requested sleep instead of sleeping."""

    def __init__(self) -> None:
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    clock = FakeClock()
    monkeypatch.setattr(retry_module, "sleep", clock.sleep)
    monkeypatch.setattr(retry_module, "async_sleep", clock.async_sleep)
    return clock


class Script:
    """A call that fails or succeeds as scripted, counting attempts."""

    def __init__(self, *outcomes: Any) -> None:
        self.outcomes = list(outcomes)
        self.calls = 0

    def __call__(self) -> Any:
        self.calls += 1
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


Runner = Callable[..., Awaitable[Any]]


@pytest.fixture(params=["sync", "async"])
def run_with_retry(request: pytest.FixtureRequest, fake_clock: FakeClock) -> Runner:
    """The same scripted call through the blocking or the async driver."""

    async def run(fn: Callable[[], Any], *, max_retries: int = 2) -> Any:
        if request.param == "sync":
            return retry_sync(fn, max_retries=max_retries)

        async def call() -> Any:
            return fn()

        return await retry_async(call, max_retries=max_retries)

    return run


async def test_429_then_success_waits_two_seconds(run_with_retry: Runner, fake_clock: FakeClock) -> None:
    script = Script(api_error(429), "ok")
    assert await run_with_retry(script) == "ok"
    assert script.calls == 2
    assert fake_clock.sleeps == [2.0]


async def test_success_on_first_attempt_never_sleeps(run_with_retry: Runner, fake_clock: FakeClock) -> None:
    assert await run_with_retry(Script("ok")) == "ok"
    assert fake_clock.sleeps == []


async def test_backoff_doubles_and_budget_exhaustion_keeps_every_error(
    run_with_retry: Runner, fake_clock: FakeClock
) -> None:
    errors = [api_error(500), api_error(503), api_error(429, message="Model busy, retry later")]
    script = Script(*errors)
    with pytest.raises(RetryError) as caught:
        await run_with_retry(script)
    assert caught.value.reason == "max_retries_exceeded"
    assert caught.value.errors == errors
    assert caught.value.last_error is errors[-1]
    assert caught.value.__cause__ is errors[-1]
    assert caught.value.message == "Failed after 3 attempts. Last error: Model busy, retry later"
    assert script.calls == 3
    assert fake_clock.sleeps == [2.0, 4.0]


async def test_larger_budget_keeps_doubling(run_with_retry: Runner, fake_clock: FakeClock) -> None:
    script = Script(*(api_error(502) for _ in range(4)), "ok")
    assert await run_with_retry(script, max_retries=4) == "ok"
    assert fake_clock.sleeps == [2.0, 4.0, 8.0, 16.0]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after": "3"}, 3.0),
        ({"Retry-After": "7"}, 7.0),
        ({"Retry-After-Ms": "250", "Retry-After": "9"}, 0.25),
        ({"retry-after": "0"}, 0.0),
        ({"retry-after": "60"}, 60.0),
    ],
)
async def test_retry_after_headers_are_honoured(
    run_with_retry: Runner, fake_clock: FakeClock, headers: dict[str, str], expected: float
) -> None:
    assert await run_with_retry(Script(api_error(429, headers), "ok")) == "ok"
    assert fake_clock.sleeps == [expected]


@pytest.mark.parametrize(
    "headers",
    [{"retry-after": "61"}, {"retry-after-ms": "-5"}, {"retry-after": "soon"}, {"retry-after-ms": "120000"}, {}],
)
async def test_unusable_retry_after_falls_back_to_backoff(
    run_with_retry: Runner, fake_clock: FakeClock, headers: dict[str, str]
) -> None:
    assert await run_with_retry(Script(api_error(503, headers), "ok")) == "ok"
    assert fake_clock.sleeps == [2.0]


def test_retry_after_http_date() -> None:
    import time

    delay = retry_after({"retry-after": formatdate(time.time() + 10, usegmt=True)})
    assert delay is not None
    assert 8.5 <= delay <= 10.5
    past = retry_after({"retry-after": formatdate(time.time() - 100, usegmt=True)})
    assert past is not None
    assert past < 0
    assert next_delay(api_error(429, {"retry-after": formatdate(time.time() - 100, usegmt=True)}), 1) == 2.0


async def test_non_retryable_first_error_is_raised_unchanged(run_with_retry: Runner, fake_clock: FakeClock) -> None:
    error = api_error(400)
    script = Script(error, "never")
    with pytest.raises(APICallError) as caught:
        await run_with_retry(script)
    assert caught.value is error
    assert script.calls == 1
    assert fake_clock.sleeps == []


async def test_other_exceptions_are_not_retried(run_with_retry: Runner, fake_clock: FakeClock) -> None:
    error = ValueError("bug in the caller")
    with pytest.raises(ValueError, match="bug in the caller") as caught:
        await run_with_retry(Script(error, "never"))
    assert caught.value is error
    assert fake_clock.sleeps == []


async def test_non_retryable_after_a_retry_is_wrapped(run_with_retry: Runner, fake_clock: FakeClock) -> None:
    first, second = api_error(429), api_error(401, message="Not authenticated")
    with pytest.raises(RetryError) as caught:
        await run_with_retry(Script(first, second, "never"))
    assert caught.value.reason == "error_not_retryable"
    assert caught.value.errors == [first, second]
    assert "Failed after 2 attempts" in caught.value.message
    assert "Not authenticated" in caught.value.message
    assert fake_clock.sleeps == [2.0]


async def test_network_errors_are_retried(run_with_retry: Runner, fake_clock: FakeClock) -> None:
    assert await run_with_retry(Script(api_error(None), "ok")) == "ok"
    assert fake_clock.sleeps == [2.0]


async def test_max_retries_zero_raises_the_original_error(run_with_retry: Runner, fake_clock: FakeClock) -> None:
    error = api_error(429)
    with pytest.raises(APICallError) as caught:
        await run_with_retry(Script(error, "never"), max_retries=0)
    assert caught.value is error
    assert fake_clock.sleeps == []


@pytest.mark.parametrize("bad", [-1, 1.5, True, "2", None])
async def test_invalid_max_retries_is_rejected_before_calling(run_with_retry: Runner, bad: Any) -> None:
    script = Script("never")
    with pytest.raises(InvalidArgumentError, match="max_retries"):
        await run_with_retry(script, max_retries=bad)
    assert script.calls == 0


def test_validate_max_retries_accepts_non_negative_ints() -> None:
    assert validate_max_retries(0) == 0
    assert validate_max_retries(5) == 5


def test_keyboard_interrupt_is_never_caught(fake_clock: FakeClock) -> None:
    script = Script(KeyboardInterrupt(), "never")
    with pytest.raises(KeyboardInterrupt):
        retry_sync(script, max_retries=2)
    assert script.calls == 1
    assert fake_clock.sleeps == []


async def test_cancelled_error_from_the_call_is_not_retried(fake_clock: FakeClock) -> None:
    calls = 0

    async def call() -> str:
        nonlocal calls
        calls += 1
        raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        await retry_async(call, max_retries=2)
    assert calls == 1
    assert fake_clock.sleeps == []


async def test_task_cancelled_during_the_call_stops(fake_clock: FakeClock) -> None:
    started = asyncio.Event()
    calls = 0

    async def call() -> str:
        nonlocal calls
        calls += 1
        started.set()
        await asyncio.Event().wait()
        return "never"

    task = asyncio.create_task(retry_async(call, max_retries=2))
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert calls == 1
    assert fake_clock.sleeps == []


async def test_task_cancelled_during_the_backoff_sleep_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    sleeping = asyncio.Event()
    requested: list[float] = []

    async def endless_sleep(seconds: float) -> None:
        requested.append(seconds)
        sleeping.set()
        await asyncio.Event().wait()

    monkeypatch.setattr(retry_module, "async_sleep", endless_sleep)
    calls = 0

    async def call() -> str:
        nonlocal calls
        calls += 1
        raise api_error(429)

    task = asyncio.create_task(retry_async(call, max_retries=2))
    await sleeping.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert calls == 1
    assert requested == [2.0]


def test_default_sleeps_are_the_real_ones() -> None:
    import time

    assert retry_module.sleep is time.sleep
    assert asyncio.iscoroutinefunction(retry_module.async_sleep)


@given(attempt=st.integers(min_value=1, max_value=20), seconds=st.floats(min_value=0, max_value=60))
def test_policy_uses_retry_after_within_range(attempt: int, seconds: float) -> None:
    assert next_delay(api_error(429, {"retry-after": repr(seconds)}), attempt) == seconds


@given(
    attempt=st.integers(min_value=1, max_value=20),
    seconds=st.one_of(st.floats(max_value=-0.001), st.floats(min_value=60.001, max_value=1e9)),
)
def test_policy_ignores_retry_after_out_of_range(attempt: int, seconds: float) -> None:
    assert next_delay(api_error(429, {"retry-after": repr(seconds)}), attempt) == 2.0 * 2 ** (attempt - 1)

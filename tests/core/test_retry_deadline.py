"""The retry loop and the call's deadline: no wait that would outlast it, deadlines never retried, and
each retry logged with its attempt, status and delay."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from ai_sdk.core import retry
from ai_sdk.errors import APICallError, DeadlineExceededError
from ai_sdk.spec.deadline import Deadline


@pytest.fixture(autouse=True)
def sleeps(instant_retries: list[float]) -> list[float]:
    """The delays the retries asked for; nothing sleeps (the package's ``instant_retries`` fixture)."""
    return instant_retries


def _failing(errors: list[Any]) -> tuple[Callable[[], Any], Callable[[], Awaitable[Any]], list[int]]:
    calls: list[int] = []

    def fail() -> Any:
        calls.append(1)
        error = errors[min(len(calls), len(errors)) - 1]
        if isinstance(error, Exception):
            raise error
        return error

    async def fail_async() -> Any:
        return fail()

    return fail, fail_async, calls


async def _run(mode: str, errors: list[Any], **kwargs: Any) -> tuple[Any, list[int]]:
    fail, fail_async, calls = _failing(errors)
    if mode == "sync":
        return retry.retry_sync(fail, **kwargs), calls
    return await retry.retry_async(fail_async, **kwargs), calls


def _busy(after: str = "3") -> APICallError:
    return APICallError("Model busy", url="u", status_code=429, response_headers={"retry-after": after})


async def test_a_retry_that_cannot_start_before_the_deadline_is_not_waited_for(mode: str, sleeps: list[float]) -> None:
    with pytest.raises(DeadlineExceededError, match="waiting 3 s to retry after: Model busy") as caught:
        await _run(mode, [_busy()], max_retries=2, deadline=Deadline.start(1))
    assert sleeps == []
    assert isinstance(caught.value.__cause__, APICallError)


async def test_retries_that_fit_go_ahead(mode: str, sleeps: list[float]) -> None:
    result, calls = await _run(mode, [_busy("0.5"), _busy("0.5"), "done"], max_retries=2, deadline=Deadline.start(30))
    assert result == "done"
    assert len(calls) == 3
    assert sleeps == [0.5, 0.5]


async def test_a_deadline_error_is_never_retried(mode: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="ai_sdk")
    error = DeadlineExceededError(limit="total", seconds=1, during="reading the response body")
    with pytest.raises(DeadlineExceededError):
        await _run(mode, [error], max_retries=2)
    assert [(record.name, record.levelno) for record in caplog.records] == [("ai_sdk.retry", logging.WARNING)]


async def test_each_retry_is_logged(mode: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="ai_sdk")
    await _run(mode, [_busy("1"), "done"], max_retries=2)
    (record,) = caplog.records
    assert record.levelno == logging.INFO
    assert record.getMessage() == "Retrying in 1 s (attempt 1 of 3 failed with HTTP 429): Model busy"
    assert (record.attempt, record.status, record.delay) == (1, 429, 1.0)  # type: ignore[attr-defined]

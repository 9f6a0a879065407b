"""Retrying model calls: exponential backoff that honours the server's ``retry-after`` headers.

The policy (which errors retry, how long to wait, when to give up) is pure code shared by the
blocking and the async driver; only the sleeping differs. Both drivers sleep through the module-level
:func:`sleep` / :func:`async_sleep`, so tests patch those instead of waiting.

Only an :class:`~ai_sdk.errors.APICallError` with ``is_retryable`` is retried. Cancellation
(``asyncio.CancelledError``) and ``KeyboardInterrupt`` are ``BaseException``\\ s: never caught, never
retried. With a :class:`~ai_sdk.spec.Deadline`, a retry that could not start before it passes is not
waited for: the call fails at once with :class:`~ai_sdk.errors.DeadlineExceededError`.

Each retry is logged at INFO on the ``ai_sdk.retry`` logger (attempt, status, delay, the error's message;
the same numbers in the record's ``extra`` fields), giving up and deadline hits at WARNING.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

from ..spec._logging import get_logger
from ..spec.deadline import Deadline
from ..spec.errors import APICallError, DeadlineExceededError, InvalidArgumentError, RetryError

__all__ = [
    "BACKOFF_FACTOR",
    "INITIAL_DELAY",
    "MAX_RETRY_AFTER",
    "async_sleep",
    "next_delay",
    "retry_after",
    "retry_async",
    "retry_sync",
    "sleep",
    "validate_max_retries",
]

T = TypeVar("T")

INITIAL_DELAY = 2.0
"""Seconds before the first retry."""
BACKOFF_FACTOR = 2.0
"""Each further retry waits this many times longer."""
MAX_RETRY_AFTER = 60.0
"""A server-suggested delay longer than this (seconds) is ignored in favour of the backoff."""

_log = get_logger("retry")

sleep: Callable[[float], None] = time.sleep
"""The blocking driver's sleep; tests replace it with a fake clock."""


async def async_sleep(seconds: float) -> None:
    """The async driver's sleep; tests replace it with a fake clock. asyncio is imported lazily so
    ``import ai_sdk`` stays cheap for blocking-only programs."""
    import asyncio

    await asyncio.sleep(seconds)


def validate_max_retries(max_retries: object) -> int:
    """Reject anything but a non-negative ``int`` (``True`` included), so a typo fails loudly instead
    of silently disabling or multiplying retries."""
    if isinstance(max_retries, bool) or not isinstance(max_retries, int):
        raise InvalidArgumentError(
            f"max_retries must be an int >= 0, got {max_retries!r}", argument="max_retries", value=max_retries
        )
    if max_retries < 0:
        raise InvalidArgumentError(
            f"max_retries must be >= 0, got {max_retries}", argument="max_retries", value=max_retries
        )
    return max_retries


def retry_after(headers: Mapping[str, str] | None) -> float | None:
    """The server's suggested delay in seconds from ``retry-after-ms`` or ``retry-after`` (seconds or
    an HTTP date), or ``None`` when absent or unreadable. Header names match case-insensitively."""
    if not headers:
        return None
    lowered = {key.lower(): value for key, value in headers.items()}
    milliseconds = lowered.get("retry-after-ms")
    if milliseconds is not None:
        try:
            return float(milliseconds) / 1000.0
        except ValueError:
            pass
    value = lowered.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    from datetime import UTC
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp() - time.time()


def next_delay(error: BaseException, attempt: int) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1-based): the server's suggestion
    when it lies within 0..60 s, else 2 s doubling per attempt."""
    backoff = INITIAL_DELAY * BACKOFF_FACTOR ** (attempt - 1)
    if isinstance(error, APICallError):
        suggested = retry_after(error.response_headers)
        if suggested is not None and 0.0 <= suggested <= MAX_RETRY_AFTER:
            return suggested
    return backoff


def _message(error: BaseException) -> str:
    return getattr(error, "message", None) or str(error) or type(error).__name__


def _status(error: BaseException) -> int | None:
    return error.status_code if isinstance(error, APICallError) else None


def _after_failure(
    errors: list[BaseException], error: Exception, max_retries: int, deadline: Deadline | None
) -> float | None:
    """Record a failed attempt; return the delay before the next one, or ``None`` when ``error`` must
    surface unchanged (the driver re-raises it). Raises the error that ends the retries, from ``error``."""
    if isinstance(error, DeadlineExceededError):
        _log.warning("%s", error.message, extra={"attempt": len(errors) + 1, "limit": error.limit})
        return None
    if max_retries == 0:
        return None
    errors.append(error)
    attempts = len(errors)
    if attempts > max_retries:
        _log.warning(
            "Giving up after %d attempts: %s",
            attempts,
            _message(error),
            extra={"attempt": attempts, "status": _status(error)},
        )
        raise RetryError(
            f"Failed after {attempts} attempts. Last error: {_message(error)}",
            reason="max_retries_exceeded",
            errors=errors,
        ) from error
    if isinstance(error, APICallError) and error.is_retryable:
        delay = next_delay(error, attempts)
        remaining = deadline.remaining() if deadline is not None else None
        if deadline is not None and remaining is not None and remaining <= delay:
            exceeded = deadline.error(f"waiting {delay:g} s to retry after: {_message(error)}")
            _log.warning("%s", exceeded.message, extra={"attempt": attempts, "limit": exceeded.limit})
            raise exceeded from error
        _log.info(
            "Retrying in %.3g s (attempt %d of %d failed%s): %s",
            delay,
            attempts,
            max_retries + 1,
            f" with HTTP {error.status_code}" if error.status_code is not None else "",
            _message(error),
            extra={"attempt": attempts, "status": error.status_code, "delay": delay},
        )
        return delay
    if attempts == 1:
        return None
    raise RetryError(
        f"Failed after {attempts} attempts with non-retryable error: {_message(error)}",
        reason="error_not_retryable",
        errors=errors,
    ) from error


def retry_sync(fn: Callable[[], T], *, max_retries: int, deadline: Deadline | None = None) -> T:
    """Call ``fn`` until it succeeds, retrying retryable API errors up to ``max_retries`` times.

    Raises the first error unchanged when it is not retryable (or ``max_retries`` is 0), else a
    :class:`~ai_sdk.errors.RetryError` holding every attempt's error; a
    :class:`~ai_sdk.errors.DeadlineExceededError` when ``deadline`` passes first.
    """
    validate_max_retries(max_retries)
    errors: list[BaseException] = []
    while True:
        try:
            return fn()
        except Exception as error:
            delay = _after_failure(errors, error, max_retries, deadline)
            if delay is None:
                raise
        sleep(delay)


async def retry_async(fn: Callable[[], Awaitable[T]], *, max_retries: int, deadline: Deadline | None = None) -> T:
    """The async twin of :func:`retry_sync`: same policy, sleeping with :func:`async_sleep`."""
    validate_max_retries(max_retries)
    errors: list[BaseException] = []
    while True:
        try:
            return await fn()
        except Exception as error:
            delay = _after_failure(errors, error, max_retries, deadline)
            if delay is None:
                raise
        await async_sleep(delay)

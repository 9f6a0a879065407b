"""Retries without waiting, for tests: ``with instant_retries(): ...`` (or the pytest fixture of the same name).

ai_sdk retries failed calls after 2 s, then 4 s (or what ``retry-after`` says). A test that scripts a 429
or a 503 should see the retry without waiting for it: inside ``instant_retries()`` the retry policy is
unchanged (the same attempts, the same errors, the same ``RetryError``) but its sleeps return at once. The
delays asked for are recorded, so a test can check them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ..core import retry

__all__ = ["instant_retries"]


@contextmanager
def instant_retries() -> Iterator[list[float]]:
    """Make the retry sleeps of blocking and async calls return at once, for the ``with`` block.

    Yields the list of delays (seconds) the retries asked for, in order. Not thread-safe against other
    code patching the same sleeps; meant for tests.
    """
    delays: list[float] = []
    saved_sleep, saved_async_sleep = retry.sleep, retry.async_sleep

    def sleep(seconds: float) -> None:
        delays.append(seconds)

    async def async_sleep(seconds: float) -> None:
        delays.append(seconds)

    retry.sleep, retry.async_sleep = sleep, async_sleep
    try:
        yield delays
    finally:
        retry.sleep, retry.async_sleep = saved_sleep, saved_async_sleep

"""Running the model calls of one multi-call request concurrently, all or nothing.

``embed_many`` and ``generate_image`` split a request into several model calls; the async API runs
them at once. When one fails the others are useless, so they are cancelled, and awaited so that a
second failure is never left unretrieved.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

__all__ = ["run_concurrently"]

T = TypeVar("T")
R = TypeVar("R")


async def run_concurrently(items: Sequence[T], run: Callable[[T], Awaitable[R]], limit: int | None = None) -> list[R]:
    """``run`` every item, at most ``limit`` at once (``None``: no bound); the results in item order.
    On the first failure (or cancellation) cancel the rest, wait for them, and raise it."""
    import asyncio

    semaphore = asyncio.Semaphore(limit) if limit is not None and limit < len(items) else None

    async def guarded(item: T) -> R:
        if semaphore is None:
            return await run(item)
        async with semaphore:
            return await run(item)

    tasks = [asyncio.ensure_future(guarded(item)) for item in items]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise

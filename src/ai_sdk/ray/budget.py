"""One concurrency budget shared by every Ray actor of a job: a named, detached Ray actor that hands out
request slots, so N actors together never have more requests in flight than DeepInfra allows per model
per account (200 by default), however many actors Ray Data starts.

A slot is taken before each request and given back when its answer (or error) is in. Waiters are served
first come, first served. The actor is async: its methods run one at a time on its event loop, so its
counters need no lock.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

from ..spec import InvalidArgumentError

__all__ = ["DEFAULT_BUDGET_NAME", "ConcurrencyBudget", "budget_actor"]

DEFAULT_BUDGET_NAME = "ai_sdk.concurrency"
"""The budget the UDFs share unless told otherwise: give each job that needs its own cap its own name."""
_NAMESPACE = "ai_sdk"
_MAX_WAITERS = 100_000
"""Concurrent calls the budget actor accepts (waiting acquires count): far above any cap."""


class _Budget:
    """The actor's class (created through :func:`budget_actor`)."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._in_use = 0
        self._peak = 0
        self._granted = 0
        self._waiters: deque[asyncio.Future[None]] = deque()

    async def acquire(self) -> None:
        if self._in_use < self._limit and not self._waiters:
            self._take()
            return
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        await waiter  # release() hands its slot over, already counted

    async def release(self) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():  # a cancelled acquire gave up its place
                self._granted += 1
                waiter.set_result(None)
                return
        self._in_use -= 1

    def _take(self) -> None:
        self._in_use += 1
        self._granted += 1
        self._peak = max(self._peak, self._in_use)

    async def stats(self) -> dict[str, int]:
        return {"limit": self._limit, "in_use": self._in_use, "peak": self._peak, "granted": self._granted}


def budget_actor(name: str, limit: int) -> Any:
    """The budget actor called ``name``, created with ``limit`` slots if it does not exist yet. Raises
    :class:`~ai_sdk.errors.InvalidArgumentError` when it exists with another limit (two jobs would
    otherwise silently share a budget they disagree on)."""
    import ray

    if type(limit) is not int or limit < 1:
        raise InvalidArgumentError(
            "max_concurrency must be a positive integer", argument="max_concurrency", value=limit
        )
    actor: Any = (
        ray.remote(_Budget)
        .options(
            name=name,
            namespace=_NAMESPACE,
            lifetime="detached",
            get_if_exists=True,
            max_concurrency=_MAX_WAITERS,
            num_cpus=0,
        )
        .remote(limit)
    )
    stats: dict[str, int] = ray.get(actor.stats.remote())
    existing = stats["limit"]
    if existing != limit:
        raise InvalidArgumentError(
            f"the concurrency budget {name!r} already exists with a limit of {existing}, not {limit}; use another "
            "budget name for this job, or ConcurrencyBudget(name).close() the old one first",
            argument="max_concurrency",
            value=limit,
        )
    return actor


class ConcurrencyBudget:
    """A handle on a shared budget, for the driver: its numbers while a job runs, and :meth:`close`.

    ``ConcurrencyBudget("ai_sdk.concurrency", 200)`` creates it (or finds it with the same limit); the
    UDFs of :mod:`ai_sdk.ray` find it by name. It lives until :meth:`close` or the end of the Ray cluster.
    """

    __slots__ = ("_actor", "name")

    def __init__(self, name: str = DEFAULT_BUDGET_NAME, limit: int = 200) -> None:
        self.name = name
        self._actor = budget_actor(name, limit)

    def stats(self) -> dict[str, int]:
        """``{"limit", "in_use", "peak", "granted"}``: the cap, slots held now, the most ever held at once,
        and slots handed out in total."""
        import ray

        stats: dict[str, int] = ray.get(self._actor.stats.remote())
        return stats

    def close(self) -> None:
        """Remove the budget actor (a later job may create it again with another limit)."""
        import ray

        ray.kill(self._actor)

    def __repr__(self) -> str:
        return f"ConcurrencyBudget({self.name!r})"

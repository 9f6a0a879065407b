"""An adaptive concurrency limit (AIMD): run near the server's cap without a storm of 429s.

DeepInfra caps concurrent requests per model per account (200 by default) and answers above the cap,
or when the model is busy, with ``429``. A fixed bound set at the cap wastes nothing while the server
keeps up, but cannot react when it does not. So the limit starts at the job's maximum, is cut by a
factor on an overload answer (multiplicative decrease) and climbs back by one request per window of
successes (additive increase), as TCP does with its congestion window.

An overload episode starts with the first 429 to a request sent after the last cut: it cuts the limit
by ``decrease`` (10%). Each further 429 of the same episode (to a request that was already in flight at
the cut) takes one more request off, because the server refused that one too, but one episode never
more than halves the limit. So a single 429 costs 10%, a client configured at 4x the server's cap finds
it within a few episodes, and a storm of 200 simultaneous 429s halves the limit instead of collapsing
it. Pure bookkeeping, no clock and no I/O: both drivers and the tests use it the same way.
"""

from __future__ import annotations

from ..spec.errors import InvalidArgumentError

__all__ = ["AdaptiveLimit"]


class AdaptiveLimit:
    """The number of requests a bulk job may have in flight, adapted to overload answers.

    ``maximum`` is the ceiling (the job's ``concurrency``), ``minimum`` the floor, ``decrease`` the
    factor applied on an overload. Call :meth:`started` when a request goes out (it returns a ticket),
    then :meth:`succeeded` or :meth:`overloaded` with that ticket; other failures leave the limit alone.
    """

    __slots__ = ("_cut_at", "_episode_floor", "_limit", "_tickets", "cuts", "decrease", "maximum", "minimum")

    def __init__(self, maximum: int, *, minimum: int = 1, decrease: float = 0.9) -> None:
        if isinstance(maximum, bool) or not isinstance(maximum, int) or maximum < 1:
            raise InvalidArgumentError(
                f"must be an int >= 1 such as 200, got {maximum!r}", argument="concurrency", value=maximum
            )
        if not 1 <= minimum <= maximum:
            raise InvalidArgumentError(f"must be between 1 and {maximum}", argument="minimum", value=minimum)
        if not 0 < decrease < 1:
            raise InvalidArgumentError("must be a factor between 0 and 1", argument="decrease", value=decrease)
        self.maximum = maximum
        self.minimum = minimum
        self.decrease = decrease
        self.cuts = 0
        """How many times an overload cut the limit."""
        self._limit = float(maximum)
        self._tickets = 0
        self._cut_at = 0
        self._episode_floor = float(minimum)

    @property
    def limit(self) -> int:
        """Requests allowed in flight now."""
        return max(self.minimum, int(self._limit))

    def started(self) -> int:
        """A request goes out: its ticket, for :meth:`succeeded` / :meth:`overloaded`."""
        ticket = self._tickets
        self._tickets += 1
        return ticket

    def succeeded(self, ticket: int) -> None:
        """An answer came back: climb by one request per window of ``limit`` successes."""
        if self._limit < self.maximum:
            self._limit = min(float(self.maximum), self._limit + 1.0 / self._limit)

    def overloaded(self, ticket: int) -> bool:
        """The server said 429 / model busy. Returns whether this started a new episode (a cut by
        ``decrease``); otherwise the limit loses one request, down to half its value before the episode."""
        if ticket < self._cut_at:
            self._limit = max(self._episode_floor, self._limit - 1.0)
            return False
        self._episode_floor = max(float(self.minimum), self._limit * 0.5)
        self._limit = max(float(self.minimum), self._limit * self.decrease)
        self._cut_at = self._tickets
        self.cuts += 1
        return True

    def __repr__(self) -> str:
        return f"AdaptiveLimit(limit={self.limit}, maximum={self.maximum}, cuts={self.cuts})"

"""Timeouts that hold: what a user asks for (:class:`Timeout`) and what every layer checks while a call
runs (:class:`Deadline`).

A per-read timeout alone is not a deadline: a server that sends one byte every 100 ms keeps a read
timeout of 1 s from ever firing. So a call carries absolute end times (``time.monotonic()``) for its
total and its step, and each layer asks the deadline how long it may still wait: the transport before
connecting and before every read, the retry loop before every sleep, the tool runner around a tool. When
an end time passes, the layer that notices raises :class:`~ai_sdk.errors.DeadlineExceededError`.

This module is pure (no I/O, no threads) and sits in the spec so that the core and the HTTP layer share it
without depending on each other.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Literal, TypeGuard

from .errors import DeadlineExceededError, InvalidArgumentError

__all__ = ["DEFAULT_CONNECT_TIMEOUT", "DEFAULT_TOTAL_TIMEOUT", "Deadline", "Timeout", "as_timeout"]

DEFAULT_TOTAL_TIMEOUT = 600.0
"""Seconds a whole call may take when the caller sets no timeout: generous (a long reasoning answer
takes minutes), but finite, so nothing waits forever on a server that never finishes."""
DEFAULT_CONNECT_TIMEOUT = 5.0
"""Seconds to open a connection (as the openai SDK): a dropped connection attempt is retried quickly
instead of stalling the call for minutes."""

Limit = Literal["total", "step"]


def is_seconds(value: object) -> TypeGuard[int | float]:
    """Whether ``value`` is a finite number of seconds > 0 (a bool is not a number here)."""
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value) and value > 0


def check_seconds(name: str, value: object) -> float | None:
    """``value`` as a float: ``None`` (no limit) or a finite number of seconds > 0; anything else is an
    :class:`~ai_sdk.errors.InvalidArgumentError` for the argument ``name``."""
    if value is None:
        return None
    if not is_seconds(value):
        raise InvalidArgumentError(
            f"must be a finite number of seconds > 0 such as 30.0, or None for no limit; got {value!r}",
            argument=name,
            value=value,
        )
    return float(value)


@dataclass(frozen=True, slots=True)
class Timeout:
    """How long a call may take, in seconds (``None``: no limit of that kind).

    ``total``: the whole call, from the start to the last byte, retries, their sleeps and every tool step
    included (default 600 s). ``step``: each model call of the call (one step of a tool loop, one image or
    embedding request), its retries included. ``chunk``: the longest wait for any read: the response head,
    or the next piece of a body or stream. ``connect``: opening one connection (default 5 s).

    ``timeout=30`` is ``Timeout(total=30)``: the other limits keep their defaults.
    """

    total: float | None = DEFAULT_TOTAL_TIMEOUT
    step: float | None = None
    chunk: float | None = None
    connect: float | None = DEFAULT_CONNECT_TIMEOUT

    def __post_init__(self) -> None:
        for name in ("total", "step", "chunk", "connect"):
            object.__setattr__(self, name, check_seconds(f"timeout.{name}", getattr(self, name)))


_DEFAULT = Timeout()


def as_timeout(value: object) -> Timeout:
    """``None`` (the defaults), a number of seconds (the total) or a :class:`Timeout`, checked."""
    if value is None:
        return _DEFAULT
    if isinstance(value, Timeout):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidArgumentError(
            f"must be seconds for the whole call (such as 30.0) or a Timeout(total=, step=, chunk=, connect=); "
            f"got {value!r}",
            argument="timeout",
            value=value,
        )
    total = check_seconds("timeout", value)
    return Timeout(total=total)


class Deadline:
    """The running form of a :class:`Timeout`: absolute end times plus the per-read and connect limits.

    Immutable: :meth:`for_step` returns a narrower deadline for one step. ``ends_at`` is a
    ``time.monotonic()`` value or ``None``; ``limit`` and ``seconds`` say which setting set it, for the
    error message.
    """

    __slots__ = ("chunk", "connect", "ends_at", "limit", "seconds", "step")

    def __init__(
        self,
        *,
        ends_at: float | None,
        limit: Limit = "total",
        seconds: float | None = None,
        step: float | None = None,
        chunk: float | None = None,
        connect: float | None = DEFAULT_CONNECT_TIMEOUT,
    ) -> None:
        self._fill(ends_at, limit, seconds, step, chunk, connect)

    def _fill(
        self,
        ends_at: float | None,
        limit: Limit,
        seconds: float | None,
        step: float | None,
        chunk: float | None,
        connect: float | None,
    ) -> Deadline:
        # Positional, and reached without the class call: every model call starts a deadline, and
        # building one through keyword arguments costs about a microsecond more.
        self.ends_at = ends_at
        self.limit: Limit = limit
        self.seconds = seconds
        self.step = step
        self.chunk = chunk
        self.connect = connect
        return self

    @classmethod
    def start(cls, timeout: object = None) -> Deadline:
        """A deadline starting now, from anything :func:`as_timeout` accepts."""
        settings = _DEFAULT if timeout is None else as_timeout(timeout)
        total = settings.total
        ends_at = None if total is None else time.monotonic() + total
        return object.__new__(cls)._fill(ends_at, "total", total, settings.step, settings.chunk, settings.connect)

    def for_step(self) -> Deadline:
        """The deadline of one step starting now: the ``step`` limit, within the total."""
        if self.step is None:
            return self
        step_end = time.monotonic() + self.step
        if self.ends_at is not None and self.ends_at <= step_end:
            return self
        return object.__new__(Deadline)._fill(step_end, "step", self.step, None, self.chunk, self.connect)

    def remaining(self) -> float | None:
        """Seconds left (0 when passed), or ``None`` without an end time."""
        if self.ends_at is None:
            return None
        return max(0.0, self.ends_at - time.monotonic())

    def expired(self) -> bool:
        return self.ends_at is not None and time.monotonic() >= self.ends_at

    def read_timeout(self) -> float | None:
        """How long the next read may wait: the chunk limit, cut to the time left."""
        return _least(self.chunk, self.remaining())

    def connect_timeout(self) -> float | None:
        """How long opening a connection may take: the connect limit, cut to the time left."""
        return _least(self.connect, self.remaining())

    def error(self, during: str) -> DeadlineExceededError:
        """The error for this deadline having passed ``during`` something (``"reading the response"``)."""
        return DeadlineExceededError(limit=self.limit, seconds=self.seconds, during=during)

    def check(self, during: str) -> None:
        """Raise :meth:`error` when the deadline has passed."""
        if self.ends_at is not None and time.monotonic() >= self.ends_at:
            raise self.error(during)

    def next_wait(self, during: str) -> float | None:
        """:meth:`check`, then :meth:`read_timeout`, with one look at the clock: what a transport asks
        before every read."""
        ends_at = self.ends_at
        if ends_at is None:
            return self.chunk
        left = ends_at - time.monotonic()
        if left <= 0.0:
            raise self.error(during)
        return _least(self.chunk, left)

    def __repr__(self) -> str:
        left = self.remaining()
        shown = "no end" if left is None else f"{left:.3f} s left of {self.limit}"
        return f"Deadline({shown}, chunk={self.chunk}, connect={self.connect})"


_MIN_WAIT = 0.001
"""A socket timeout of 0 would mean "do not block": callers check :meth:`Deadline.check` first, and a wait
is never shorter than this."""


def _least(first: float | None, second: float | None) -> float | None:
    if first is None:
        return second if second is None else max(second, _MIN_WAIT)
    if second is None:
        return first
    return max(min(first, second), _MIN_WAIT)

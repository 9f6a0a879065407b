"""Bounding a tool's run by its ``timeout=``: a tool that hangs becomes a tool error the model sees,
instead of holding the whole call.

An async tool is cancelled when its time is up. A plain function cannot be interrupted from outside:
in the blocking API it runs in a daemon worker thread that is left to finish on its own (its result is
dropped), and in the async API the worker thread of ``asyncio.to_thread`` is left the same way. The
docs (docs/timeouts.md) say so; give such tools their own timeouts (an HTTP client's, say) too.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from ..spec._logging import get_logger
from ..spec.deadline import check_seconds

__all__ = ["await_within", "call_within", "check_tool_timeout", "tool_timed_out"]

T = TypeVar("T")

_log = get_logger("tools")


def check_tool_timeout(value: object) -> float | None:
    """``None`` (no limit) or a finite number of seconds > 0."""
    return check_seconds("timeout", value)


def tool_timed_out(tool_name: str, seconds: float, *, left_running: bool) -> TimeoutError:
    """The cause of the tool error a timed-out tool becomes (logged at WARNING)."""
    fate = "it is left to finish in a background thread" if left_running else "it was cancelled"
    message = f"tool {tool_name!r} did not finish within its timeout of {seconds:g} s ({fate})"
    _log.warning("%s", message, extra={"tool_name": tool_name, "timeout": seconds})
    return TimeoutError(message)


def call_within(fn: Callable[[], T], seconds: float, tool_name: str) -> T:
    """``fn()`` run in a daemon worker thread, waited for at most ``seconds``."""
    outcome: list[Any] = []
    done = threading.Event()

    def target() -> None:
        try:
            outcome.append((True, fn()))
        except BaseException as error:
            outcome.append((False, error))
        finally:
            done.set()

    # The caller's context variables (request ids, tracing), as without a timeout and in asyncio.to_thread.
    context = contextvars.copy_context()
    threading.Thread(target=context.run, args=(target,), name=f"ai_sdk tool {tool_name}", daemon=True).start()
    if not done.wait(seconds):
        raise tool_timed_out(tool_name, seconds, left_running=True)
    succeeded, value = outcome[0]
    if not succeeded:
        raise value
    result: T = value
    return result


async def await_within(awaitable: Awaitable[T], seconds: float, tool_name: str, *, left_running: bool = False) -> T:
    """``await awaitable`` for at most ``seconds`` (cancelling it then); ``left_running`` says the work
    goes on elsewhere (a worker thread) for the message."""
    import asyncio

    limit = asyncio.timeout(seconds)
    try:
        async with limit:
            return await awaitable
    except TimeoutError:
        if limit.expired():
            raise tool_timed_out(tool_name, seconds, left_running=left_running) from None
        raise  # the tool's own TimeoutError

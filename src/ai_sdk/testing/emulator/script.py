"""Per-route queues of scripted replies, and the small handles tests use to fill them
(``emu.chat.reply_text("Hi")``, ``emu.embeddings.reply_error(503, times=3)``).

Queues are shared with the server's handler threads, so every access holds one lock.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Unpack, get_args

from ...spec.errors import InvalidArgumentError
from .replies import Disconnect, ErrorReply, RawReply, Reply, ReplyOptions, Response, Route, ToolCallReply

__all__ = ["ChatScript", "RouteScript", "Scripts", "TextScript"]

ROUTES: tuple[Route, ...] = get_args(Route)
_TEXT_ROUTES = ("chat", "completions")


class Scripts:
    """The queues of every route."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: dict[Route, deque[Response]] = {route: deque() for route in ROUTES}

    def queue(self, route: Route, responses: Iterable[Response], *, times: int = 1) -> None:
        if route not in self._queues:
            raise InvalidArgumentError(f"unknown route; use one of {', '.join(ROUTES)}", argument="route", value=route)
        if times < 1:
            raise InvalidArgumentError("must be at least 1", argument="times", value=times)
        checked = list(responses)
        for response in checked:
            if not isinstance(response, (Reply, ErrorReply, RawReply, Disconnect)):
                raise InvalidArgumentError(
                    "expected a Reply, ErrorReply, RawReply or Disconnect", argument="responses", value=response
                )
            if isinstance(response, Reply) and route not in _TEXT_ROUTES:
                raise InvalidArgumentError(
                    f"a Reply only fits the chat and completions routes, not {route!r}; "
                    "use RawReply for an exact answer",
                    argument="responses",
                    value=response,
                )
            if isinstance(response, Reply) and route == "completions" and response.tool_calls:
                raise InvalidArgumentError("completions cannot return tool calls", argument="responses", value=response)
        with self._lock:
            for _ in range(times):
                self._queues[route].extend(checked)

    def pop(self, route: Route) -> Response | None:
        """The next scripted reply of ``route``, or ``None`` for the default behaviour."""
        with self._lock:
            queue = self._queues[route]
            return queue.popleft() if queue else None

    def pending(self, route: Route) -> int:
        with self._lock:
            return len(self._queues[route])

    def clear(self, route: Route | None = None) -> None:
        with self._lock:
            for name, queue in self._queues.items():
                if route is None or name == route:
                    queue.clear()


class RouteScript:
    """Scripting for one route: errors, exact answers and dropped connections."""

    def __init__(self, scripts: Scripts, route: Route) -> None:
        self._scripts = scripts
        self.route: Route = route

    def queue(self, *responses: Response, times: int = 1) -> None:
        """Queue ``responses`` (in order, the whole sequence ``times`` times) for the next requests."""
        self._scripts.queue(self.route, responses, times=times)

    def reply_error(
        self,
        status: int,
        message: str | None = None,
        *,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        retry_after: float | None = None,
        delay: float = 0.0,
        times: int = 1,
    ) -> None:
        """Answer with HTTP ``status`` and DeepInfra's error body for the route (or ``body``).
        ``retry_after`` (seconds) adds a ``retry-after`` header."""
        all_headers = dict(headers or {})
        if retry_after is not None:
            all_headers["retry-after"] = f"{retry_after:g}"
        self.queue(ErrorReply(status, message, body, all_headers, delay), times=times)

    def reply_raw(
        self,
        body: bytes | Any,
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        content_type: str = "application/json",
        delay: float = 0.0,
        times: int = 1,
    ) -> None:
        """Answer with exactly ``body`` (bytes, or a JSON value)."""
        self.queue(RawReply(body, status, headers, content_type, delay), times=times)

    def disconnect(self, *, delay: float = 0.0, times: int = 1) -> None:
        """Close the connection without answering."""
        self.queue(Disconnect(delay), times=times)

    @property
    def pending(self) -> int:
        """How many scripted replies are still queued."""
        return self._scripts.pending(self.route)

    def clear(self) -> None:
        self._scripts.clear(self.route)


class TextScript(RouteScript):
    """Scripting for the completions route (and the base of the chat route's)."""

    def reply_text(self, text: str, *, times: int = 1, **options: Unpack[ReplyOptions]) -> None:
        """Answer with ``text`` (streamed in word-sized deltas when the request streams)."""
        self.queue(Reply(text=text, **options), times=times)

    def reply_default(self, *, times: int = 1, **options: Unpack[ReplyOptions]) -> None:
        """Answer with the default content, but with ``options`` (delays, stream faults, usage...)."""
        self.queue(Reply(**options), times=times)


class ChatScript(TextScript):
    """Scripting for the chat route: adds tool calls."""

    def reply_tool_calls(
        self,
        calls: Sequence[ToolCallReply | Mapping[str, Any]],
        *,
        text: str | None = None,
        times: int = 1,
        **options: Unpack[ReplyOptions],
    ) -> None:
        """Answer with tool calls, each a :class:`ToolCallReply` or a mapping with ``name``, ``arguments``
        (a JSON value, or a string sent verbatim) and optionally ``id``; finish reason ``tool_calls``."""
        built: list[ToolCallReply] = []
        for call in calls:
            if isinstance(call, ToolCallReply):
                built.append(call)
            elif isinstance(call, Mapping) and isinstance(call.get("name"), str):
                built.append(ToolCallReply(call["name"], call.get("arguments", {}), call.get("id")))
            else:
                raise InvalidArgumentError(
                    "each call needs a 'name' (and optional 'arguments' and 'id')", argument="calls", value=call
                )
        if not built:
            raise InvalidArgumentError("give at least one tool call", argument="calls", value=calls)
        self.queue(Reply(text=text, tool_calls=tuple(built), **options), times=times)

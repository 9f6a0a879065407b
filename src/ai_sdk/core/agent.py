"""``ToolLoopAgent``: a model, its instructions and tools, and a loop policy, configured once and run
per call with a prompt or messages.

An agent is a thin layer over ``generate_text`` / ``stream_text``: its settings are the same
:class:`~ai_sdk.core.call_arguments.TextCallSettings` (checked when the agent is made, so a typo fails
at construction), ``instructions`` is the system prompt, and the loop runs up to 20 steps by default
(``stop_when=step_count_is(20)``). Each call may override any setting, and ``prepare_call`` (sync, or
async in the async agent) may rewrite the settings of a call from its ``options=`` value: a per-user
model, a tenant's tools, a prompt built from a request.

:class:`ToolLoopAgent` is the async agent (``from ai_sdk import ToolLoopAgent``); its blocking twin
:class:`SyncToolLoopAgent` is ``from ai_sdk.sync import ToolLoopAgent``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any, Generic, Unpack

from ..spec.errors import CallbackError, InvalidArgumentError
from .call_arguments import TEXT_ARGUMENTS, TextCallSettings
from .call_settings import check_arguments
from .callbacks import is_async_callable
from .generate_text import GenerateTextResult, generate_text, generate_text_sync
from .stop_condition import step_count_is
from .stream_text import StreamTextResult, SyncStreamTextResult, stream_text, stream_text_sync
from .types import OutputSpecification, OutputT

__all__ = ["AgentCallSettings", "SyncToolLoopAgent", "ToolLoopAgent"]

_PER_CALL = frozenset({"prompt", "messages"})
_AGENT_SETTINGS = TEXT_ARGUMENTS - _PER_CALL - {"system"}


class AgentCallSettings(TextCallSettings, total=False):
    """What one agent call (``generate`` / ``stream``) takes: ``prompt`` (a string or messages) or
    ``messages``, ``options`` (handed to ``prepare_call`` in the call's settings), and any of the agent's
    settings to override for this call (``system`` replaces the instructions)."""

    options: Any


class _Agent(Generic[OutputT]):
    """What both agents share: the checked settings and how a call's settings are put together."""

    def __init__(
        self,
        *,
        model: Any,
        instructions: str | None = None,
        output: OutputSpecification[OutputT, Any] | None = None,
        prepare_call: Callable[[dict[str, Any]], Any] | None = None,
        id: str | None = None,
        **settings: Unpack[TextCallSettings],
    ) -> None:
        check_arguments(settings.keys(), _AGENT_SETTINGS, type(self).__name__)
        if instructions is not None and not isinstance(instructions, str):
            raise InvalidArgumentError(
                f"must be a string (the system prompt), got {type(instructions).__name__}",
                argument="instructions",
                value=instructions,
            )
        if prepare_call is not None and not callable(prepare_call):
            raise InvalidArgumentError("must be a function (settings) -> settings", argument="prepare_call")
        self.id = id
        self.model = model
        self.instructions = instructions
        self.output = output
        self.prepare_call = prepare_call
        self.settings: dict[str, Any] = {"stop_when": step_count_is(20), **settings}
        """The agent's settings (``stop_when`` defaults to ``step_count_is(20)``)."""

    @property
    def tools(self) -> Any:
        """The agent's tools (``None`` when it has none)."""
        return self.settings.get("tools")

    def _call_settings(self, given: Mapping[str, Any], function: str) -> dict[str, Any]:
        overrides = dict(given)
        prompt, messages = overrides.pop("prompt", None), overrides.pop("messages", None)
        options = overrides.pop("options", None)
        check_arguments(overrides.keys(), _AGENT_SETTINGS | {"system"}, function)
        if (prompt is None) == (messages is None):
            raise InvalidArgumentError(
                "pass either prompt= (a string or messages) or messages= to the agent call, not both or neither",
                argument="prompt",
            )
        call = {
            "model": self.model,
            "system": self.instructions,
            "output": self.output,
            **self.settings,
            **overrides,
            "options": options,
        }
        call["prompt" if prompt is not None else "messages"] = prompt if prompt is not None else messages
        return call

    @staticmethod
    def _merged(call: dict[str, Any], changes: object) -> dict[str, Any]:
        if changes is None:
            return call
        if not isinstance(changes, Mapping):
            raise CallbackError(
                callback="prepare_call",
                cause=TypeError(f"prepare_call must return a dict of settings or None, got {type(changes).__name__}"),
            )
        return {**call, **changes}

    @staticmethod
    def _arguments(call: dict[str, Any]) -> dict[str, Any]:
        call = dict(call)
        call.pop("options", None)
        return call

    def __repr__(self) -> str:
        tools = self.tools
        names = list(tools) if isinstance(tools, Mapping) else [getattr(t, "name", "?") for t in tools or ()]
        return f"{type(self).__name__}(id={self.id!r}, model={self.model!r}, tools={names!r})"


class ToolLoopAgent(_Agent[OutputT]):
    """An agent (async API): ``model``, ``instructions`` (the system prompt), ``tools``, ``stop_when``
    (default ``step_count_is(20)``), ``output``, ``prepare_step``, callbacks and every other setting of
    ``generate_text``, given once; ``prepare_call(settings) -> settings`` (may be async) adjusts each
    call from its ``options=``.

    ``await agent.generate(prompt=...)`` gives a :class:`~ai_sdk.core.generate_text.GenerateTextResult`;
    ``agent.stream(prompt=...)`` a :class:`~ai_sdk.core.stream_text.StreamTextResult` (``prepare_call``
    must then be a plain function, since ``stream`` returns at once). Both take ``prompt`` or
    ``messages`` and any setting to override for that call.
    """

    async def generate(self, **given: Unpack[AgentCallSettings]) -> GenerateTextResult[OutputT]:
        """Run the agent to the end of its loop."""
        call = self._call_settings(given, "ToolLoopAgent.generate")
        if self.prepare_call is not None:
            try:
                changes = self.prepare_call(call)
                if inspect.isawaitable(changes):
                    changes = await changes
            except Exception as error:
                raise CallbackError(callback="prepare_call", cause=error) from error
            call = self._merged(call, changes)
        return await generate_text(**self._arguments(call))

    def stream(self, **given: Unpack[AgentCallSettings]) -> StreamTextResult[OutputT, Any]:
        """Stream the agent's loop (returns at once, like ``stream_text``)."""
        call = self._call_settings(given, "ToolLoopAgent.stream")
        if self.prepare_call is not None:
            if is_async_callable(self.prepare_call):
                raise InvalidArgumentError(
                    "stream() returns at once, so it cannot await an async prepare_call; make it a plain function "
                    "or use generate()",
                    argument="prepare_call",
                )
            call = self._merged(call, _call_plain(self.prepare_call, call))
        return stream_text(**self._arguments(call))


class SyncToolLoopAgent(_Agent[OutputT]):
    """The blocking twin of :class:`ToolLoopAgent` (``from ai_sdk.sync import ToolLoopAgent``): same
    settings; ``generate`` returns the result, ``stream`` a blocking stream result."""

    def generate(self, **given: Unpack[AgentCallSettings]) -> GenerateTextResult[OutputT]:
        """Run the agent to the end of its loop."""
        call = self._prepared(given, "ToolLoopAgent.generate")
        return generate_text_sync(**self._arguments(call))

    def stream(self, **given: Unpack[AgentCallSettings]) -> SyncStreamTextResult[OutputT, Any]:
        """Stream the agent's loop (iterate with ``for``)."""
        call = self._prepared(given, "ToolLoopAgent.stream")
        return stream_text_sync(**self._arguments(call))

    def _prepared(self, given: Mapping[str, Any], function: str) -> dict[str, Any]:
        call = self._call_settings(given, function)
        if self.prepare_call is None:
            return call
        if is_async_callable(self.prepare_call):
            raise InvalidArgumentError(
                "the blocking agent cannot await an async prepare_call; make it a plain function, or use the async "
                "agent (from ai_sdk import ToolLoopAgent)",
                argument="prepare_call",
            )
        return self._merged(call, _call_plain(self.prepare_call, call))


def _call_plain(prepare_call: Callable[[dict[str, Any]], Any], call: dict[str, Any]) -> Any:
    try:
        changes = prepare_call(call)  # a fresh dict per call: changes made in place count, as in generate()
    except Exception as error:
        raise CallbackError(callback="prepare_call", cause=error) from error
    if inspect.isawaitable(changes):
        if inspect.iscoroutine(changes):
            changes.close()
        raise CallbackError(callback="prepare_call", cause=TypeError("prepare_call returned an awaitable"))
    return changes

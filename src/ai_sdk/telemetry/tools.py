"""Per-tool spans: the tools of a traced generation are copies whose ``run`` opens an
``execute_tool {name}`` span (a child of the call's span) around the user's ``execute``, current
while it runs so spans the tool makes nest under it. Generator tools keep it open until they finish."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Iterator
from typing import Any

from opentelemetry.trace import SpanKind

from ..core.tool import Tool, ToolCallOptions
from ..spec._json import dumps_str, to_json_value
from .attributes import AttributeValue
from .recorder import Operation, Recorder

__all__ = ["traced_tool"]


def _result_text(value: Any) -> str:
    try:
        return dumps_str(to_json_value(value))
    except Exception:
        return repr(value)


class _TracedTool(Tool[Any, Any]):
    """A copy of a tool whose executions are traced (everything else is the original's)."""

    _inner: Tool[Any, Any]
    _recorder: Recorder
    _tool_name: str

    def run(self, value: Any, options: ToolCallOptions) -> Any:
        attributes: dict[str, AttributeValue] = {
            "gen_ai.operation.name": "execute_tool",
            "gen_ai.tool.name": self._tool_name,
            "gen_ai.tool.call.id": options.tool_call_id,
            "gen_ai.tool.type": "function",
        }
        if self._inner.description:
            attributes["gen_ai.tool.description"] = self._inner.description
        recorder = self._recorder
        if recorder.record_inputs:
            attributes["gen_ai.tool.call.arguments"] = _result_text(value)
        with recorder.start(f"execute_tool {self._tool_name}", SpanKind.INTERNAL, attributes, None) as operation:
            output = self._inner.run(value, options)
        if inspect.iscoroutine(output):
            return _awaited(operation, output)
        if inspect.isgenerator(output):
            return _drained(operation, output)
        if inspect.isasyncgen(output):
            return _adrained(operation, output)
        _succeed(operation, output)
        return output


def _succeed(operation: Operation, output: Any) -> None:
    if operation.recorder.record_outputs:
        operation.set({"gen_ai.tool.call.result": _result_text(output)})
    operation.succeed()


async def _awaited(operation: Operation, pending: Any) -> Any:
    with operation:
        output = await pending
    _succeed(operation, output)
    return output


def _drained(operation: Operation, generator: Iterator[Any]) -> Iterator[Any]:
    last: Any = None
    with operation:
        for last in generator:
            yield last
    _succeed(operation, last)


async def _adrained(operation: Operation, generator: AsyncIterator[Any]) -> AsyncIterator[Any]:
    last: Any = None
    with operation:
        async for last in generator:
            yield last
    _succeed(operation, last)


def traced_tool(name: str, original: Tool[Any, Any], recorder: Recorder) -> Tool[Any, Any]:
    """A copy of ``original`` (same schema, validation and ``execute``) whose runs are traced."""
    traced = _TracedTool.__new__(_TracedTool)
    traced.__dict__.update(original.__dict__)
    traced._inner = original
    traced._recorder = recorder
    traced._tool_name = name
    return traced

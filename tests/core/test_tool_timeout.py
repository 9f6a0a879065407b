"""core/tool_timeout: a tool run within its ``timeout=`` runs as it would without one, apart from the limit."""

from __future__ import annotations

import contextvars

import pytest

from ai_sdk.core.generate_text import generate_text, generate_text_sync
from ai_sdk.core.stop_condition import step_count_is
from ai_sdk.core.tool import tool
from ai_sdk.testing import MockLanguageModel

from .generation_helpers import text_result, tool_calls_result

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="unset")


@pytest.mark.parametrize("timeout", [None, 5.0], ids=["no timeout", "timeout"])
async def test_a_plain_function_tool_sees_the_callers_context_variables(mode: str, timeout: float | None) -> None:
    """Request ids, tracing contexts and the like live in context variables: the worker thread that runs a
    tool with a timeout must see the caller's, as the tool would without one."""

    @tool(timeout=timeout)
    def whoami(caller: str) -> str:
        """Say which request this is.

        Args:
            caller: Who asks.
        """
        return request_id.get()

    model = MockLanguageModel(do_generate=[tool_calls_result(("1", "whoami", '{"caller": "a"}')), text_result("ok")])
    token = request_id.set("req-42")
    try:
        kwargs = {"model": model, "prompt": "Go", "tools": [whoami], "stop_when": step_count_is(2)}
        result = generate_text_sync(**kwargs) if mode == "sync" else await generate_text(**kwargs)
    finally:
        request_id.reset(token)
    assert [part.output for step in result.steps for part in step.tool_results] == ["req-42"]

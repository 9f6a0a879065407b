"""The agent layer's approval parts reach the UI message stream: a tool-approval-request chunk with the
approval id, and a tool-output-denied chunk when the next call carries the denial."""

from __future__ import annotations

from typing import Any

from ai_sdk import ToolApprovalResponsePart, ToolMessage, step_count_is, tool
from ai_sdk.sync import stream_text
from ai_sdk.testing import mock_model, reply, tool_call
from ai_sdk.ui.stream_parts import UIMessageChunker


@tool(needs_approval=True)
def restart(service: str) -> str:
    """Restart a service."""
    return f"{service} restarted"


def chunk_types(parts: list[Any]) -> list[str]:
    chunker = UIMessageChunker()
    return [chunk.type for part in parts for chunk in chunker.feed(part)]


def test_approval_request_and_denial_become_ui_chunks() -> None:
    model = mock_model(reply(tool_calls=[tool_call("restart", {"service": "db"}, tool_call_id="c1")]), "Ok.")
    first = stream_text(model=model, prompt="Restart db", tools=[restart], stop_when=step_count_is(3))
    parts = list(first.full_stream)
    assert "tool-approval-request" in chunk_types(parts)
    [request] = first.steps[-1].tool_approval_requests
    history = [
        {"role": "user", "content": "Restart db"},
        *first.response.messages,
        ToolMessage([ToolApprovalResponsePart(request.approval_id, False)]),
    ]
    second = stream_text(model=model, messages=history, tools=[restart], stop_when=step_count_is(3))
    assert "tool-output-denied" in chunk_types(list(second.full_stream))

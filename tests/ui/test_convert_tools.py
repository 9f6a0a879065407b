"""``convert_to_model_messages(tools=...)``: a tool's ``to_model_output`` decides what the model reads of
its past results too, so the next request of a chat shows the model what the first one did (as the
reference's ``convertToModelMessages(messages, { tools })``)."""

from __future__ import annotations

from typing import Any

from ai_sdk import ToolResultOutput, step_count_is, tool
from ai_sdk.core.stream_text import stream_text, stream_text_sync
from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator import Reply, ToolCallReply
from ai_sdk.ui import UIMessageStreamFinish, convert_to_model_messages

from .helpers import collect


@tool(to_model_output=lambda output: {"type": "text", "value": f"{output['rows']} rows"})
def count_rows(table: str) -> dict[str, object]:
    """Count a table's rows.

    Args:
        table: The table.
    """
    return {"table": table, "rows": 42, "sample": ["a long list the model need not read"]}


@tool(to_model_output=lambda output: ToolResultOutput("json", {"ok": output}))
def ping() -> bool:
    """Ping."""
    return True


USER = {"id": "u1", "role": "user", "parts": [{"type": "text", "text": "How many rows?"}]}


def tool_messages(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [message for message in body["messages"] if message["role"] == "tool"]


async def test_the_model_reads_past_tool_results_as_to_model_output_made_them(mode: str) -> None:
    finished: list[UIMessageStreamFinish] = []
    with DeepInfraEmulator() as emu:
        provider = create_deepinfra(base_url=emu.base_url, api_key="ui-test-key")
        run = stream_text_sync if mode == "sync" else stream_text
        emu.chat.queue(Reply(tool_calls=[ToolCallReply("count_rows", {"table": "users"}, id="call_1")]))
        emu.chat.queue(Reply(text="42 rows."))
        first = run(
            model=provider("meta-llama/Llama-3.3-70B-Instruct"),
            messages=convert_to_model_messages([USER]),
            tools=[count_rows],
            stop_when=step_count_is(2),
        )
        await collect(first.to_ui_message_stream(original_messages=[USER], on_finish=finished.append))
        seen_then = tool_messages(emu.requests[-1].body)

        emu.chat.queue(Reply(text="Still 42."))
        again = {"id": "u2", "role": "user", "parts": [{"type": "text", "text": "And now?"}]}
        history: list[Any] = [*finished[0].messages, again]
        second = run(
            model=provider("meta-llama/Llama-3.3-70B-Instruct"),
            messages=convert_to_model_messages(history, tools={"count_rows": count_rows}),
            tools=[count_rows],
        )
        await collect(second.to_ui_message_stream())
        seen_now = tool_messages(emu.requests[-1].body)
    assert seen_then == [{"role": "tool", "tool_call_id": "call_1", "content": "42 rows"}]
    assert seen_now == seen_then


def test_to_model_output_may_return_a_tool_result_output_and_other_tools_are_left_as_they_are() -> None:
    assistant = {
        "id": "a1",
        "role": "assistant",
        "parts": [
            {"type": "tool-ping", "toolCallId": "c1", "state": "output-available", "input": {}, "output": True},
            {"type": "tool-other", "toolCallId": "c2", "state": "output-available", "input": {}, "output": "hi"},
            {"type": "tool-ping", "toolCallId": "c3", "state": "output-error", "input": {}, "errorText": "down"},
        ],
    }
    (_, results) = convert_to_model_messages([USER, assistant], tools=[ping])[1:]
    assert [part.output for part in results.content] == [  # type: ignore[union-attr]
        ToolResultOutput("json", {"ok": True}),
        ToolResultOutput("text", "hi"),
        ToolResultOutput("error-text", "down"),
    ]

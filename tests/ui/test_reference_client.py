"""The reference's own client reads what we send and sends what we read: Node runs the npm ``ai`` package
(AI SDK 6, pinned in tests/ui/js/package.json) over our SSE (``readUIMessageStream``, as
``DefaultChatTransport`` parses it) and holds whole conversations with the example backend
(``AbstractChat`` + ``DefaultChatTransport``, the machinery under ``useChat``), including a tool approval
answered with ``addToolApprovalResponse`` and sent back by ``sendAutomaticallyWhen``; the bodies it POSTs
go through ``validate_ui_messages`` and ``convert_to_model_messages``."""

from __future__ import annotations

import json
import subprocess
from typing import Any

from ai_sdk import (
    AssistantMessage,
    ReasoningPart,
    TextPart,
    ToolApprovalRequestPart,
    ToolApprovalResponsePart,
    ToolCallPart,
    ToolMessage,
    ToolResultPart,
    UserMessage,
)
from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.spec import ToolResultOutput
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.ui import UIMessageStreamFinish, convert_to_model_messages, validate_ui_messages

from .helpers import REASONING_MODEL, collect, script_conversation, start
from .servers import JS_TESTS, load_example, node_modules, serve


def run_node(script: str, *args: str, stdin: bytes = b"") -> Any:
    node_modules(JS_TESTS)
    done = subprocess.run(
        ["node", str(JS_TESTS / script), *args], input=stdin, capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


async def test_read_ui_message_stream_rebuilds_the_message_we_persist(mode: str) -> None:
    finished: list[UIMessageStreamFinish] = []
    with DeepInfraEmulator() as emu:
        script_conversation(emu)
        body = start(mode, emu).to_ui_message_stream_body(on_finish=finished.append)
        sse = b"".join(await collect(body))
    seen = run_node("read_stream.mjs", stdin=sse)
    (event,) = finished
    assert seen["final"] == event.response_message.to_dict()
    assert seen["errors"] == ["An error occurred."]
    parts = seen["final"]["parts"]
    assert [part["type"] for part in parts] == [
        "step-start",
        "reasoning",
        "tool-weather",
        "tool-stock_price",
        "step-start",
        "text",
    ]
    assert parts[2]["output"] == {"city": "Paris", "temperature_c": 21}
    assert parts[3]["state"] == "output-error"
    assert parts[5]["text"] == "Paris is"
    assert seen["states"] > 20


def test_every_chunk_kind_passes_the_reference_schema() -> None:
    """Chunks our stream_text results never send today (sources, files, data, approvals, metadata) are
    still accepted by the reference's client schema and applied as it applies them."""
    from ai_sdk.ui import (
        DataChunk,
        FileChunk,
        FinishChunk,
        MessageMetadataChunk,
        SourceDocumentChunk,
        SourceUrlChunk,
        StartChunk,
        StartStepChunk,
        ToolApprovalRequestChunk,
        ToolInputAvailableChunk,
        ToolInputErrorChunk,
        ToolOutputDeniedChunk,
        UIMessageState,
        encode_sse_frame,
    )

    chunks = [
        StartChunk(message_id="m1", message_metadata={"model": "r1"}),
        StartStepChunk(),
        SourceUrlChunk(source_id="s1", url="https://example.com", title="Example"),
        SourceDocumentChunk(source_id="s2", media_type="application/pdf", title="Doc", filename="d.pdf"),
        FileChunk(url="data:text/plain;base64,aGk=", media_type="text/plain"),
        DataChunk("weather", {"city": "Paris"}, id="w1"),
        DataChunk("weather", {"city": "Paris", "t": 21}, id="w1"),
        DataChunk("toast", "hi", transient=True),
        ToolInputAvailableChunk(tool_call_id="c1", tool_name="delete_file", input={"path": "/tmp/x"}),
        ToolApprovalRequestChunk(approval_id="ap1", tool_call_id="c1"),
        ToolInputAvailableChunk(tool_call_id="c2", tool_name="delete_file", input={"path": "/etc"}),
        ToolApprovalRequestChunk(approval_id="ap2", tool_call_id="c2"),
        ToolOutputDeniedChunk(tool_call_id="c2"),
        ToolInputErrorChunk(tool_call_id="c3", tool_name="weather", input="{bad", error_text="Invalid input"),
        MessageMetadataChunk(message_metadata={"tokens": 3}),
        FinishChunk(finish_reason="stop"),
    ]
    sse = b"".join(encode_sse_frame(chunk) for chunk in chunks) + b"data: [DONE]\n\n"
    seen = run_node("read_stream.mjs", stdin=sse)
    state = UIMessageState()
    for chunk in chunks:
        state.feed(chunk)
    assert seen["errors"] == []
    assert seen["final"] == state.message
    assert [part.get("state") for part in seen["final"]["parts"] if part["type"] == "tool-delete_file"] == [
        "approval-requested",
        "output-denied",
    ]
    validate_ui_messages([seen["final"]])


def test_the_reference_chat_client_converses_with_the_example_backend() -> None:
    example = load_example()
    with DeepInfraEmulator() as emu:
        provider = create_deepinfra(base_url=emu.base_url, api_key="ui-test-key")
        app = example.create_app(provider(REASONING_MODEL))
        with serve(app) as url:
            texts = ["What is the weather in Paris?", "Thanks! And the weather tomorrow?"]
            seen = run_node("chat_client.mjs", f"{url}/api/chat", json.dumps(texts))
        requests = [request.body for request in emu.requests]
    assert seen["errors"] == []
    assert seen["statuses"] == ["ready", "ready"]
    messages = seen["messages"]
    assert [message["role"] for message in messages] == ["user", "assistant", "user", "assistant"]
    first = messages[1]["parts"]
    kinds = ["step-start", "reasoning", "tool-weather", "step-start", "reasoning", "text"]
    assert [part["type"] for part in first] == kinds
    assert first[2]["state"] == "output-available"
    assert first[2]["output"] == {"city": first[2]["input"]["city"], "temperature_c": 21, "conditions": "sunny"}
    assert first[5]["text"].startswith("Here is what I found: weather returned")
    # the backend persisted exactly what the client holds (ids included: persistence mode)
    assert app.state.chats["chat-1"] == messages
    # the second POST carried the client's first answer back; the backend converted it for the model
    assert len(requests) == 4
    history = requests[2]["messages"]
    assert [message["role"] for message in history] == ["system", "user", "assistant", "tool", "assistant", "user"]
    assert history[3]["tool_call_id"] == first[2]["toolCallId"]


def test_what_the_client_posts_converts_to_model_messages() -> None:
    """The messages the reference client holds after a turn are what useChat POSTs next."""
    example = load_example()
    with DeepInfraEmulator() as emu:
        provider = create_deepinfra(base_url=emu.base_url, api_key="ui-test-key")
        with serve(example.create_app(provider(REASONING_MODEL))) as url:
            seen = run_node("chat_client.mjs", f"{url}/api/chat", json.dumps(["Weather in Paris?"]))
    user, assistant = validate_ui_messages(seen["messages"])
    tool = assistant.parts[2]
    reasoning = [part.text for part in assistant.parts if part.type == "reasoning"]
    (text,) = [part.text for part in assistant.parts if part.type == "text"]
    assert convert_to_model_messages([user, assistant]) == [
        UserMessage([TextPart("Weather in Paris?")]),
        AssistantMessage([ReasoningPart(reasoning[0]), ToolCallPart(tool.tool_call_id, "weather", tool.input)]),
        ToolMessage([ToolResultPart(tool.tool_call_id, "weather", ToolResultOutput("json", tool.output))]),
        AssistantMessage([ReasoningPart(reasoning[1]), TextPart(text)]),
    ]


def approval_round_trip(answer: dict[str, Any]) -> tuple[dict[str, Any], Any, list[Any]]:
    """The reference client asks the example backend to reserve a table and answers the approval request
    with ``answer`` (``addToolApprovalResponse``); the automatic request carries it back."""
    example = load_example()
    with DeepInfraEmulator() as emu:
        provider = create_deepinfra(base_url=emu.base_url, api_key="ui-test-key")
        app = example.create_app(provider(REASONING_MODEL))
        with serve(app) as url:
            texts = ["Please reserve a table for us."]
            seen = run_node("chat_client.mjs", f"{url}/api/chat", json.dumps(texts), json.dumps([answer]))
        requests = [request.body for request in emu.requests]
    assert seen["errors"] == []
    assert seen["statuses"] == ["ready", "ready"]
    return seen, app, requests


def _approval_turn_checks(seen: dict[str, Any], app: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    user, assistant = seen["messages"]
    assert (user["role"], assistant["role"]) == ("user", "assistant")
    kinds = ["step-start", "reasoning", "tool-reserve", "step-start", "reasoning", "text"]
    assert [part["type"] for part in assistant["parts"]] == kinds
    # two POSTs: the question, then (sent by sendAutomaticallyWhen) the answered approval
    first_post, second_post = seen["bodies"]
    assert first_post["trigger"] == second_post["trigger"] == "submit-message"
    assert second_post["messageId"] == assistant["id"]
    assert app.state.chats["chat-1"] == seen["messages"]
    return assistant, second_post


def test_the_reference_chat_client_approves_a_tool_call() -> None:
    seen, app, requests = approval_round_trip({"approved": True})
    assistant, second_post = _approval_turn_checks(seen, app)
    call = assistant["parts"][2]
    assert call["state"] == "output-available"
    assert call["output"] == {**call["input"], "confirmed": True}
    assert call["approval"]["approved"] is True
    assert assistant["parts"][5]["text"].startswith("Here is what I found: reserve returned")
    # what the client POSTed converts to the reference's shape, and the backend carried on from it
    posted = second_post["messages"][1]["parts"][2]
    assert posted["state"] == "approval-responded"
    approval_id = posted["approval"]["id"]
    converted = convert_to_model_messages(validate_ui_messages(second_post["messages"]))
    assert converted[1:] == [
        AssistantMessage(
            [
                ReasoningPart(assistant["parts"][1]["text"]),
                ToolCallPart(call["toolCallId"], "reserve", call["input"]),
                ToolApprovalRequestPart(approval_id, call["toolCallId"]),
            ]
        ),
        ToolMessage([ToolApprovalResponsePart(approval_id, True)]),
    ]
    assert len(requests) == 2  # the approved call ran on the backend, not as another model step
    assert [message["role"] for message in requests[1]["messages"]] == ["system", "user", "assistant", "tool"]


def test_the_reference_chat_client_denies_a_tool_call() -> None:
    seen, app, requests = approval_round_trip({"approved": False, "reason": "Not tonight."})
    assistant, second_post = _approval_turn_checks(seen, app)
    call = assistant["parts"][2]
    assert call["state"] == "output-denied"
    assert call["approval"] == {"id": call["approval"]["id"], "approved": False, "reason": "Not tonight."}
    assert "output" not in call
    converted = convert_to_model_messages(validate_ui_messages(second_post["messages"]))
    assert converted[-1] == ToolMessage([ToolApprovalResponsePart(call["approval"]["id"], False, "Not tonight.")])
    # the model read the denial as the call's result
    assert "Not tonight." in requests[1]["messages"][-1]["content"]
    # the conversation the client holds now converts with the denial as the call's result
    history = convert_to_model_messages(validate_ui_messages(seen["messages"]))
    assert history[2] == ToolMessage(
        [
            ToolApprovalResponsePart(call["approval"]["id"], False, "Not tonight."),
            ToolResultPart(call["toolCallId"], "reserve", ToolResultOutput("error-text", "Not tonight.")),
        ]
    )

"""The part-to-chunk mapping for parts today's scripted conversations do not produce (approval requests,
denied calls, sources, raw chunks, preliminary results), and option checking."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import pytest

from ai_sdk.core.types import ToolCall, ToolResult
from ai_sdk.errors import UnknownArgumentError
from ai_sdk.spec import RawChunk
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.ui import UIMessageChunker

from .helpers import start


@dataclass(frozen=True)
class ApprovalRequest:
    approval_id: str
    tool_call: ToolCall
    type: ClassVar[str] = "tool-approval-request"


@dataclass(frozen=True)
class Denied:
    tool_call_id: str
    type: ClassVar[str] = "tool-output-denied"


@dataclass(frozen=True)
class Source:
    source_type: str
    id: str
    url: str = ""
    title: str = ""
    media_type: str = ""
    filename: str | None = None
    provider_metadata: dict[str, Any] | None = field(default=None)
    type: ClassVar[str] = "source"


def wire(parts: list[Any], **options: Any) -> list[dict[str, Any]]:
    chunker = UIMessageChunker(**options)
    return [chunk.to_dict() for part in parts for chunk in chunker.feed(part)]


def test_approval_parts_have_their_chunks() -> None:
    call = ToolCall("call_1", "delete_file", {"path": "/tmp/x"})
    assert wire([ApprovalRequest("ap_1", call), Denied("call_1")]) == [
        {"type": "tool-approval-request", "approvalId": "ap_1", "toolCallId": "call_1"},
        {"type": "tool-output-denied", "toolCallId": "call_1"},
    ]


def test_sources_only_when_asked() -> None:
    parts = [
        Source("url", "s1", url="https://example.com", title="Example"),
        Source("document", "s2", title="Report", media_type="application/pdf", filename="r.pdf"),
    ]
    assert wire(parts) == []
    assert wire(parts, send_sources=True) == [
        {"type": "source-url", "sourceId": "s1", "url": "https://example.com", "title": "Example"},
        {"type": "source-document", "sourceId": "s2", "mediaType": "application/pdf", "title": "Report"}
        | {"filename": "r.pdf"},
    ]


def test_raw_chunks_stay_out_and_preliminary_results_are_marked() -> None:
    parts = [
        RawChunk({"id": "x"}),
        ToolResult("c", "search", {}, {"hits": 1}, preliminary=True),
        ToolResult("c", "search", {}, {"hits": 2}),
    ]
    assert wire(parts) == [
        {"type": "tool-output-available", "toolCallId": "c", "output": {"hits": 1}, "preliminary": True},
        {"type": "tool-output-available", "toolCallId": "c", "output": {"hits": 2}},
    ]


def test_invalid_tool_calls_become_input_errors_with_on_errors_text() -> None:
    call = ToolCall("c", "weather", "{bad", invalid=True, error=ValueError("not JSON"))
    assert wire([call], on_error=lambda error: f"bad input: {error}") == [
        {"type": "tool-input-error", "toolCallId": "c", "toolName": "weather", "input": "{bad"}
        | {"errorText": "bad input: not JSON"}
    ]


@pytest.mark.parametrize(
    ("option", "hint"),
    [
        ("sendReasoning", "did you mean send_reasoning?"),
        ("send_reasonings", "did you mean send_reasoning?"),
        ("on_step_finish", "did you mean on_finish?"),
        ("colour", "it takes generate_message_id"),
    ],
)
def test_a_misspelt_option_is_an_error_not_ignored(mode: str, option: str, hint: str) -> None:
    with DeepInfraEmulator() as emu:
        result = start(mode, emu, tools=None)
        with pytest.raises(UnknownArgumentError, match=hint):
            result.to_ui_message_stream(**{option: False})
        with pytest.raises(TypeError, match=option):
            result.to_ui_message_stream_response(**{option: False})
    assert emu.requests == []


@dataclass(frozen=True)
class Failure:
    error: Exception
    type: ClassVar[str] = "error"


def test_the_stream_options_reach_the_chunker_whose_defaults_apply_when_left_out() -> None:
    from ai_sdk.ui.result_stream import ui_message_stream_from_parts_sync

    def chunks(parts: list[Any], **options: Any) -> list[dict[str, Any]]:
        return [chunk.to_dict() for chunk in ui_message_stream_from_parts_sync(parts, **options)]

    source, failure = Source("url", "s1", url="https://example.com"), Failure(RuntimeError("secret detail"))
    assert chunks([source, failure]) == [{"type": "error", "errorText": "An error occurred."}]
    assert chunks([source, failure], send_sources=True, on_error=str) == [
        {"type": "source-url", "sourceId": "s1", "url": "https://example.com", "title": ""},
        {"type": "error", "errorText": "secret detail"},
    ]

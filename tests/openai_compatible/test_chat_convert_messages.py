"""Every message and part kind in the chat wire format, and a clear error for what cannot be sent.

Schema note: every kind validates against DeepInfra's ``OpenAIChatCompletionsIn`` except PDF file
parts (``{"type": "file"}``), which DeepInfra's user-message schema does not list."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest

from ai_sdk.openai_compatible.chat.convert_messages import convert_to_chat_messages
from ai_sdk.spec import (
    AssistantMessage,
    FilePart,
    ImagePart,
    InvalidPromptError,
    Message,
    ReasoningPart,
    SystemMessage,
    TextPart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
    UnsupportedFunctionalityError,
    UserMessage,
)
from ai_sdk.testing.openapi import schema_errors

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16
GIF = b"GIF89a" + b"\x00" * 16
WEBP = b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 8
UNKNOWN = b"\x00unknown"


def convert(*messages: Message) -> list[dict[str, Any]]:
    return convert_to_chat_messages(messages, provider_options_key="deepinfra")


def assert_valid(messages: list[dict[str, Any]]) -> None:
    assert schema_errors("OpenAIChatCompletionsIn", {"model": "m", "messages": messages}) == []


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_system_and_single_text_user_message_are_strings() -> None:
    messages = convert(SystemMessage("Be brief."), UserMessage([TextPart("Hi")]), UserMessage("plain"))
    assert messages == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Hi"},
        {"role": "user", "content": "plain"},
    ]
    assert_valid(messages)


@pytest.mark.parametrize(
    ("part", "url"),
    [
        (FilePart(PNG, "image/png"), f"data:image/png;base64,{b64(PNG)}"),
        (FilePart(b64(JPEG), "image/jpeg"), f"data:image/jpeg;base64,{b64(JPEG)}"),
        (FilePart(PNG, "image/*"), f"data:image/png;base64,{b64(PNG)}"),
        (FilePart(b64(GIF), "image/*"), f"data:image/gif;base64,{b64(GIF)}"),
        (FilePart(WEBP, "image/*"), f"data:image/webp;base64,{b64(WEBP)}"),
        (FilePart("https://example.test/cat.png", "image/png"), "https://example.test/cat.png"),
        (FilePart("https://example.test/cat", "image/*"), "https://example.test/cat"),
    ],
)
def test_images(part: FilePart, url: str) -> None:
    messages = convert(UserMessage([TextPart("What is this?"), part]))
    assert messages == [
        {
            "role": "user",
            "content": [{"type": "text", "text": "What is this?"}, {"type": "image_url", "image_url": {"url": url}}],
        }
    ]
    assert_valid(messages)


def test_pdf_becomes_a_file_part_which_deepinfra_schema_does_not_list() -> None:
    messages = convert(
        UserMessage([FilePart(b"%PDF-1.4", "application/pdf"), FilePart(b"%PDF", "application/pdf", filename="a.pdf")])
    )
    assert messages[0]["content"] == [
        {
            "type": "file",
            "file": {"filename": "part-0.pdf", "file_data": f"data:application/pdf;base64,{b64(b'%PDF-1.4')}"},
        },
        {"type": "file", "file": {"filename": "a.pdf", "file_data": f"data:application/pdf;base64,{b64(b'%PDF')}"}},
    ]
    assert schema_errors("OpenAIChatCompletionsIn", {"model": "m", "messages": messages}) != []


@pytest.mark.parametrize(
    ("media_type", "wire_format"),
    [("audio/wav", "wav"), ("audio/x-wav", "wav"), ("audio/mpeg", "mp3"), ("audio/mp3", "mp3")],
)
def test_audio(media_type: str, wire_format: str) -> None:
    messages = convert(UserMessage([FilePart(b"RIFF....WAVE", media_type)]))
    assert messages[0]["content"] == [
        {"type": "input_audio", "input_audio": {"data": b64(b"RIFF....WAVE"), "format": wire_format}}
    ]
    assert_valid(messages)


def test_text_files_become_text() -> None:
    messages = convert(UserMessage([FilePart("héllo".encode(), "text/plain"), FilePart(b64(b"a,b"), "text/csv")]))
    assert messages[0]["content"] == [{"type": "text", "text": "héllo"}, {"type": "text", "text": "a,b"}]
    assert_valid(messages)


@pytest.mark.parametrize(
    ("part", "named"),
    [
        (FilePart(b"PK\x03\x04", "application/zip"), "application/zip"),
        (FilePart(b"OggS", "audio/ogg"), "audio/ogg"),
        (FilePart("https://example.test/a.pdf", "application/pdf"), "application/pdf"),
        (FilePart("https://example.test/a.wav", "audio/wav"), "audio/wav"),
    ],
)
def test_what_cannot_be_sent_is_an_error_naming_the_media_type(part: FilePart, named: str) -> None:
    with pytest.raises(UnsupportedFunctionalityError, match=named):
        convert(UserMessage([TextPart("x"), part]))


def test_uncanonical_parts_are_prompt_errors() -> None:
    with pytest.raises(InvalidPromptError, match="core functions"):
        convert(UserMessage([ImagePart(PNG)]))  # type: ignore[list-item]
    with pytest.raises(InvalidPromptError, match="path"):
        convert(UserMessage([FilePart(Path("cat.png"), "image/png")]))
    with pytest.raises(InvalidPromptError, match="UTF-8"):
        convert(UserMessage([FilePart(b"\xff\xfe", "text/plain")]))
    with pytest.raises(InvalidPromptError, match="unexpected message"):
        convert("hello")  # type: ignore[arg-type]


def test_assistant_text_reasoning_and_tool_calls() -> None:
    messages = convert(
        AssistantMessage(
            [
                ReasoningPart("Think "),
                ReasoningPart("twice."),
                TextPart("Let me "),
                TextPart("check."),
                ToolCallPart("call_1", "get_weather", {"city": "Paris"}),
            ]
        ),
        AssistantMessage([ToolCallPart("call_2", "get_time", {})]),
        AssistantMessage("plain"),
        AssistantMessage([]),
    )
    assert messages == [
        {
            "role": "assistant",
            "content": "Let me check.",
            "reasoning_content": "Think twice.",
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
                }
            ],
        },
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [{"id": "call_2", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}],
        },
        {"role": "assistant", "content": "plain"},
        {"role": "assistant", "content": ""},
    ]
    assert_valid(messages)


def test_assistant_file_parts_are_unsupported() -> None:
    with pytest.raises(UnsupportedFunctionalityError, match="file"):
        convert(AssistantMessage([FilePart(PNG, "image/png")]))


def test_one_tool_message_per_result_with_serialised_outputs() -> None:
    messages = convert(
        ToolMessage(
            [
                ToolResultPart("c1", "get_weather", ToolResultOutput("json", {"temp": 21})),
                ToolResultPart("c2", "get_time", ToolResultOutput("text", "12:00")),
                ToolResultPart("c3", "broken", ToolResultOutput("error-text", "boom")),
                ToolResultPart("c4", "broken", ToolResultOutput("error-json", {"error": "boom"})),
                ToolResultPart("c5", "get_text", ToolResultOutput("json", "a string")),
            ]
        )
    )
    assert messages == [
        {"role": "tool", "tool_call_id": "c1", "content": '{"temp":21}'},
        {"role": "tool", "tool_call_id": "c2", "content": "12:00"},
        {"role": "tool", "tool_call_id": "c3", "content": "boom"},
        {"role": "tool", "tool_call_id": "c4", "content": '{"error":"boom"}'},
        {"role": "tool", "tool_call_id": "c5", "content": '"a string"'},
    ]
    assert_valid(messages)


def test_provider_options_of_messages_and_parts_are_merged() -> None:
    cache = {"deepinfra": {"cache_control": {"type": "ephemeral"}}}
    messages = convert(
        SystemMessage("s", provider_options=cache),
        UserMessage([TextPart("only", provider_options=cache)]),
        UserMessage([TextPart("a", provider_options=cache), TextPart("b")], provider_options={"other": {"x": 1}}),
    )
    assert messages == [
        {"role": "system", "content": "s", "cache_control": {"type": "ephemeral"}},
        {"role": "user", "content": "only", "cache_control": {"type": "ephemeral"}},
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "a", "cache_control": {"type": "ephemeral"}},
                {"type": "text", "text": "b"},
            ],
        },
    ]


@pytest.mark.parametrize("data", [UNKNOWN, b64(UNKNOWN), b"%PDF-1.7 not an image"])
def test_bytes_that_are_not_an_image_are_refused_before_sending(data: bytes | str) -> None:
    with pytest.raises(InvalidPromptError, match="not a PNG, JPEG, GIF or WebP image"):
        convert(UserMessage([TextPart("What is this?"), FilePart(data, "image/*")]))

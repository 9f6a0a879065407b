"""standardize_prompt / to_message: every accepted input shape, the canonical output, and the errors."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ai_sdk.core.prompt import standardize_prompt, to_message
from ai_sdk.errors import InvalidPromptError
from ai_sdk.spec import (
    AssistantMessage,
    FilePart,
    ImagePart,
    ReasoningPart,
    SystemMessage,
    TextPart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
    UserMessage,
)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 16
PNG_B64 = base64.b64encode(PNG).decode()
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"


def user_parts(message: Any) -> list[Any]:
    assert isinstance(message, UserMessage)
    return list(message.content)


# ------------------------------------------------------------------------------------ prompt / system


def test_string_prompt_is_one_user_message_with_a_text_part() -> None:
    assert standardize_prompt(prompt="Hello") == [UserMessage([TextPart("Hello")])]


def test_system_comes_first() -> None:
    result = standardize_prompt(prompt="Hi", system="Be brief.")
    assert result == [SystemMessage("Be brief."), UserMessage([TextPart("Hi")])]


def test_system_with_messages() -> None:
    result = standardize_prompt(system="S", messages=[{"role": "user", "content": "Q"}])
    assert result == [SystemMessage("S"), UserMessage([TextPart("Q")])]


def test_prompt_may_be_a_list_of_messages() -> None:
    result = standardize_prompt(prompt=[{"role": "user", "content": "Q"}, AssistantMessage("A")])
    assert result == [UserMessage([TextPart("Q")]), AssistantMessage([TextPart("A")])]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"prompt": "a", "messages": [{"role": "user", "content": "b"}]}, "either prompt= or messages=, not both"),
        ({}, "pass prompt="),
        ({"system": "only a system prompt"}, "pass prompt="),
        ({"messages": []}, r"messages: the message list is empty"),
        ({"prompt": []}, r"prompt: the message list is empty"),
        ({"prompt": "x", "system": 3}, "system must be a string, got int"),
        ({"messages": "hello"}, "messages: expected a list of messages, got str"),
        ({"messages": 42}, "messages: expected a list of messages, got int"),
        ({"messages": {"role": "user", "content": "x"}}, "got a single message: wrap it in a list"),
        ({"messages": UserMessage("x")}, "got a single message: wrap it in a list"),
    ],
)
def test_prompt_argument_errors(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidPromptError, match=match) as caught:
        standardize_prompt(**kwargs)
    assert caught.value.message.startswith("Invalid prompt: ")


def test_messages_may_be_any_iterable() -> None:
    result = standardize_prompt(messages=(m for m in [{"role": "user", "content": "x"}]))  # type: ignore[arg-type]
    assert result == [UserMessage([TextPart("x")])]


def test_error_carries_the_prompt() -> None:
    messages = [{"role": "wizard", "content": "x"}]
    with pytest.raises(InvalidPromptError) as caught:
        standardize_prompt(messages=messages)
    assert caught.value.prompt is messages


# ------------------------------------------------------------------------------------------ messages


def test_canonical_spec_messages_pass_through_untouched() -> None:
    messages = [
        SystemMessage("s"),
        UserMessage([TextPart("q"), FilePart(PNG, "image/png")]),
        AssistantMessage([ReasoningPart("r"), TextPart("a"), ToolCallPart("c1", "t", {"x": 1})]),
        ToolMessage([ToolResultPart("c1", "t", ToolResultOutput("json", {"ok": True}))]),
    ]
    result = standardize_prompt(messages=messages)
    assert all(new is old for new, old in zip(result, messages, strict=True))


def test_dict_messages_in_model_message_shape() -> None:
    result = standardize_prompt(
        messages=[
            {"role": "system", "content": "s"},
            {"role": "user", "content": [{"type": "text", "text": "q", "providerOptions": {"x": {"y": 1}}}]},
            {
                "role": "assistant",
                "content": [
                    {"type": "reasoning", "text": "thinking"},
                    {"type": "text", "text": "calling"},
                    {"type": "tool-call", "toolCallId": "c1", "toolName": "weather", "input": {"city": "Paris"}},
                ],
            },
            {
                "role": "tool",
                "content": [
                    {
                        "type": "tool-result",
                        "toolCallId": "c1",
                        "toolName": "weather",
                        "output": {"type": "json", "value": {"t": 20}},
                    }
                ],
            },
        ]
    )
    assert result == [
        SystemMessage("s"),
        UserMessage([TextPart("q", {"x": {"y": 1}})]),
        AssistantMessage(
            [ReasoningPart("thinking"), TextPart("calling"), ToolCallPart("c1", "weather", {"city": "Paris"})]
        ),
        ToolMessage([ToolResultPart("c1", "weather", ToolResultOutput("json", {"t": 20}))]),
    ]


def test_snake_case_keys_and_legacy_args_and_result() -> None:
    result = standardize_prompt(
        messages=[
            {
                "role": "assistant",
                "content": [{"type": "tool-call", "tool_call_id": "c", "tool_name": "t", "args": {"a": 1}}],
                "provider_options": {"p": {"k": "v"}},
            },
            {"role": "tool", "content": [{"type": "tool-result", "tool_call_id": "c", "tool_name": "t", "result": 5}]},
        ]
    )
    assert result == [
        AssistantMessage([ToolCallPart("c", "t", {"a": 1})], {"p": {"k": "v"}}),
        ToolMessage([ToolResultPart("c", "t", ToolResultOutput("json", 5))]),
    ]


def test_tool_call_without_input_means_no_arguments() -> None:
    message = to_message({"role": "assistant", "content": [{"type": "tool-call", "toolCallId": "c", "toolName": "t"}]})
    assert message == AssistantMessage([ToolCallPart("c", "t", {})])


@pytest.mark.parametrize("kind", ["text", "json", "error-text", "error-json"])
def test_every_tool_output_type(kind: str) -> None:
    value: Any = "v" if "text" in kind else {"v": 1}
    message = to_message(
        {
            "role": "tool",
            "content": [
                {"type": "tool-result", "toolCallId": "c", "toolName": "t", "output": {"type": kind, "value": value}}
            ],
        }
    )
    assert message == ToolMessage([ToolResultPart("c", "t", ToolResultOutput(kind, value))])  # type: ignore[arg-type]


def test_string_contents_become_text_parts() -> None:
    assert to_message(UserMessage("u")) == UserMessage([TextPart("u")])
    assert to_message(AssistantMessage("a")) == AssistantMessage([TextPart("a")])
    assert to_message({"role": "assistant", "content": "a"}) == AssistantMessage([TextPart("a")])


def test_bare_strings_in_a_part_list_are_text() -> None:
    assert to_message({"role": "user", "content": ["a", {"type": "text", "text": "b"}]}) == UserMessage(
        [TextPart("a"), TextPart("b")]
    )


def test_dict_parts_inside_dataclass_messages() -> None:
    message = to_message(UserMessage([{"type": "image", "image": PNG}]))  # type: ignore[list-item]
    assert message == UserMessage([FilePart(PNG, "image/png")])


def test_provider_options_survive() -> None:
    message = to_message(UserMessage("x", provider_options={"deepinfra": {"a": 1}}))
    assert message.provider_options == {"deepinfra": {"a": 1}}


@pytest.mark.parametrize(
    ("message", "match"),
    [
        ({"role": "developer", "content": "x"}, "message: unknown role 'developer'; valid roles: 'system', 'user'"),
        ({"content": "x"}, "message: a message needs a 'role' field; valid roles"),
        ({"role": "user"}, "message: a message needs a 'content' field"),
        ({"role": "system", "content": ["x"]}, r"message.content: a system message's content must be a string"),
        (SystemMessage(3), r"message.content: a system message's content must be a string, got int"),  # type: ignore[arg-type]
        ({"role": "user", "content": 5}, r"message.content: a user message's content must be a string or a list"),
        ({"role": "tool", "content": "x"}, r"message.content: a tool message's content must be a list of tool-result"),
        ("hello", "message: expected a message"),
        (
            {"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]},
            r"message.content\[0\]: unknown part type 'image_url' in a user message; "
            "valid types: 'text', 'image', 'file'",
        ),
        (
            {"role": "assistant", "content": [{"type": "image", "image": "x"}]},
            r"message.content\[0\]: unknown part type 'image' in an assistant message; "
            "valid types: 'text', 'reasoning'",
        ),
        (
            AssistantMessage([ImagePart(PNG)]),  # type: ignore[list-item]
            r"message.content\[0\]: image parts belong in user messages",
        ),
        ({"role": "user", "content": [{"type": "text"}]}, r"content\[0\]: a text part needs a string 'text' field"),
        ({"role": "user", "content": [TextPart(3)]}, r"content\[0\]: a text part's text must be a string"),  # type: ignore[arg-type]
        ({"role": "user", "content": [3]}, r"content\[0\]: expected a part"),
        (
            {"role": "assistant", "content": [{"type": "tool-call", "toolName": "t"}]},
            r"content\[0\]: a tool-call part needs a non-empty string 'toolCallId' field",
        ),
        (
            {"role": "assistant", "content": [{"type": "reasoning"}]},
            r"content\[0\]: a reasoning part needs a string 'text' field",
        ),
        (
            {"role": "tool", "content": [{"type": "tool-result", "toolCallId": "c", "toolName": "t"}]},
            r"content\[0\]: a tool-result part needs an 'output' field",
        ),
        (
            {"role": "tool", "content": [{"type": "text", "text": "x"}]},
            r"content\[0\]: unknown part type 'text' in a tool message; valid types: 'tool-result'",
        ),
        ({"role": "tool", "content": [TextPart("x")]}, r"content\[0\]: a tool message holds tool-result parts"),
        (
            {
                "role": "tool",
                "content": [
                    {
                        "type": "tool-result",
                        "toolCallId": "c",
                        "toolName": "t",
                        "output": {"type": "media", "value": []},
                    }
                ],
            },
            r"content\[0\].output: unknown tool output type 'media'; valid types: 'text', 'json'",
        ),
        (
            {
                "role": "tool",
                "content": [
                    {"type": "tool-result", "toolCallId": "c", "toolName": "t", "output": {"type": "text", "value": 1}}
                ],
            },
            r"content\[0\].output: a 'text' tool output needs a string 'value'",
        ),
        (
            {"role": "tool", "content": [{"type": "tool-result", "toolCallId": "c", "toolName": "t", "output": "x"}]},
            r"content\[0\].output: a tool result's 'output' must be a dict",
        ),
        (
            {"role": "user", "content": "x", "providerOptions": "bad"},
            "message: 'providerOptions' must be a dict",
        ),
    ],
)
def test_message_errors_say_what_and_where(message: Any, match: str) -> None:
    with pytest.raises(InvalidPromptError, match=match):
        to_message(message)


def test_error_paths_use_the_users_index_not_the_output_index() -> None:
    with pytest.raises(InvalidPromptError, match=r"messages\[2\].content\[1\]: an image part needs an 'image' field"):
        standardize_prompt(
            system="s",
            messages=[
                {"role": "user", "content": "a"},
                {"role": "assistant", "content": "b"},
                {"role": "user", "content": [{"type": "text", "text": "c"}, {"type": "image"}]},
            ],
        )


def test_prompt_list_errors_name_prompt() -> None:
    with pytest.raises(InvalidPromptError, match=r"prompt\[0\]: unknown role"):
        standardize_prompt(prompt=[{"role": "bot", "content": "x"}])


# ------------------------------------------------------------------------------------- images / files


@pytest.mark.parametrize(
    ("image", "media_type", "expected"),
    [
        (PNG, None, FilePart(PNG, "image/png")),
        (bytearray(PNG), None, FilePart(PNG, "image/png")),
        (PNG, "image/webp", FilePart(PNG, "image/webp")),
        (PNG_B64, None, FilePart(PNG_B64, "image/png")),
        (f"data:image/png;base64,{PNG_B64}", None, FilePart(PNG_B64, "image/png")),
        (f"data:image/jpeg;base64,{PNG_B64}", "image/gif", FilePart(PNG_B64, "image/gif")),
        (f"data:;base64,{PNG_B64}", None, FilePart(PNG_B64, "image/png")),
        ("https://example.com/cat.png", None, FilePart("https://example.com/cat.png", "image/*")),
        ("http://example.com/cat", "image/jpeg", FilePart("http://example.com/cat", "image/jpeg")),
        ("Https://example.com/AAAA", None, FilePart("Https://example.com/AAAA", "image/*")),
        (b"not an image", None, FilePart(b"not an image", "image/*")),
        (PNG, "image/*", FilePart(PNG, "image/png")),
    ],
)
def test_image_parts_become_file_parts(image: Any, media_type: str | None, expected: FilePart) -> None:
    for part in (ImagePart(image, media_type), {"type": "image", "image": image, "mediaType": media_type}):
        assert user_parts(to_message({"role": "user", "content": [part]})) == [expected]


def test_percent_encoded_data_url_becomes_bytes() -> None:
    message = to_message({"role": "user", "content": [{"type": "file", "data": "data:text/plain,hello%20world"}]})
    assert user_parts(message) == [FilePart(b"hello world", "text/plain")]


def test_image_from_path_is_read(tmp_path: Path) -> None:
    path = tmp_path / "cat.bin"
    path.write_bytes(PNG)
    assert user_parts(to_message(UserMessage([ImagePart(path)]))) == [FilePart(PNG, "image/png", "cat.bin")]


def test_file_from_path_detects_or_guesses_the_media_type(tmp_path: Path) -> None:
    pdf = tmp_path / "report"
    pdf.write_bytes(PDF)
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"plain notes")
    message = to_message(UserMessage([FilePart(pdf, ""), {"type": "file", "data": notes}]))  # type: ignore[list-item]
    assert user_parts(message) == [
        FilePart(PDF, "application/pdf", "report"),
        FilePart(b"plain notes", "text/plain", "notes.txt"),
    ]


def test_missing_path_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.png"
    with pytest.raises(InvalidPromptError, match=r"messages\[0\].content\[0\]: cannot read file '.*nope.png'"):
        standardize_prompt(messages=[UserMessage([ImagePart(missing)])])


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        ({"type": "file", "data": PDF}, FilePart(PDF, "application/pdf")),
        (
            {"type": "file", "data": PDF, "media_type": "application/pdf", "filename": "a.pdf"},
            FilePart(PDF, "application/pdf", "a.pdf"),
        ),
        (
            {"type": "file", "data": b"RIFF\x00\x00\x00\x00WAVEfmt "},
            FilePart(b"RIFF\x00\x00\x00\x00WAVEfmt ", "audio/wav"),
        ),
        ({"type": "file", "data": b"ID3\x04\x00"}, FilePart(b"ID3\x04\x00", "audio/mpeg")),
        ({"type": "file", "data": b"x", "mediaType": "text/csv"}, FilePart(b"x", "text/csv")),
        (
            {"type": "file", "data": "https://x.org/doc.pdf?sig=1"},
            FilePart("https://x.org/doc.pdf?sig=1", "application/pdf"),
        ),
        ({"type": "file", "data": b"x", "filename": "data.json"}, FilePart(b"x", "application/json", "data.json")),
    ],
)
def test_file_parts(part: dict[str, Any], expected: FilePart) -> None:
    assert user_parts(to_message({"role": "user", "content": [part]})) == [expected]


def test_assistant_file_parts_are_resolved() -> None:
    message = to_message({"role": "assistant", "content": [{"type": "file", "data": PDF}]})
    assert message == AssistantMessage([FilePart(PDF, "application/pdf")])


@pytest.mark.parametrize(
    ("part", "match"),
    [
        ({"type": "image"}, "an image part needs an 'image' field"),
        (
            {"type": "image", "image": 12},
            "'image' must be bytes, base64 str, data: or http(s) URL, or pathlib.Path; got int",
        ),
        (
            {"type": "image", "image": "cat.png"},
            "neither base64 nor a data: or http(s) URL; to send a local file pass pathlib.Path",
        ),
        ({"type": "image", "image": "C:\\images\\cat.png"}, "unsupported URL scheme 'c'"),
        ({"type": "image", "image": "ftp://host/cat.png"}, "unsupported URL scheme 'ftp'"),
        ({"type": "image", "image": ""}, "'image' is an empty string"),
        ({"type": "image", "image": "data:image/png;base64"}, "malformed data: URL"),
        ({"type": "image", "image": PNG, "mediaType": 3}, "'mediaType' must be a string"),
        ({"type": "file", "data": b"plain"}, "a file part needs a 'mediaType'"),
        ({"type": "file", "data": "https://x.org/download"}, "a file part needs a 'mediaType'"),
        ({"type": "file"}, "a file part needs a 'data' field"),
        ({"type": "file", "data": PDF, "filename": 3}, "'filename' must be a string"),
    ],
)
def test_image_and_file_errors(part: dict[str, Any], match: str) -> None:
    with pytest.raises(
        InvalidPromptError, match=r"messages\[0\].content\[0\]: .*" + match.replace("(", r"\(").replace(")", r"\)")
    ):
        standardize_prompt(messages=[{"role": "user", "content": [part]}])


def test_canonical_file_part_is_kept_as_is() -> None:
    part = FilePart(PNG_B64, "image/png", "x.png")
    message = UserMessage([part])
    assert to_message(message) is message


@given(text=st.text())
def test_any_string_prompt_round_trips(text: str) -> None:
    assert standardize_prompt(prompt=text) == [UserMessage([TextPart(text)])]


@given(data=st.binary(min_size=1, max_size=64))
def test_any_bytes_image_gets_a_media_type(data: bytes) -> None:
    [part] = user_parts(to_message({"role": "user", "content": [{"type": "image", "image": data}]}))
    assert isinstance(part, FilePart)
    assert part.data == data
    assert part.media_type.startswith("image/")
    encoded = base64.b64encode(data).decode()
    [from_base64] = user_parts(to_message({"role": "user", "content": [{"type": "image", "image": encoded}]}))
    assert from_base64.media_type == part.media_type


# ---------------------------------------------------------------------------------- fast-path equivalence


@pytest.mark.parametrize(
    ("message", "match"),
    [
        (ToolMessage([TextPart("x")]), "a tool message holds tool-result parts"),  # type: ignore[list-item]
        (UserMessage([ToolResultPart("c", "t", ToolResultOutput("json", 1))]), "expected a part"),  # type: ignore[list-item]
        (UserMessage([ToolCallPart("c", "t", {})]), "expected a part"),  # type: ignore[list-item]
        (
            AssistantMessage([ToolResultPart("c", "t", ToolResultOutput("text", 1))]),
            "a 'text' tool output needs a string 'value'",
        ),
        (ToolMessage([ToolResultPart("c", "t", ToolResultOutput("bogus", 1))]), "unknown tool output type"),  # type: ignore[arg-type]
    ],
)
def test_spec_messages_with_misplaced_parts_are_rejected(message: Any, match: str) -> None:
    with pytest.raises(InvalidPromptError, match=match):
        standardize_prompt(messages=[message])


_parts_strategy = st.sampled_from(
    [
        TextPart("t"),
        TextPart(5),  # type: ignore[arg-type]
        ReasoningPart("r"),
        ToolCallPart("c", "t", {"a": 1}),
        ToolResultPart("c", "t", ToolResultOutput("json", {"a": 1})),
        ToolResultPart("c", "t", ToolResultOutput("error-text", "e")),
        ToolResultPart("c", "t", ToolResultOutput("text", 3)),
        FilePart(PNG, "image/png"),
        ImagePart(PNG),
        "plain",
    ]
)


@given(
    kind=st.sampled_from([UserMessage, AssistantMessage, ToolMessage]),
    parts=st.lists(_parts_strategy, max_size=4),
    as_tuple=st.booleans(),
)
def test_fast_path_agrees_with_the_full_checks(kind: Any, parts: list[Any], as_tuple: bool) -> None:
    from ai_sdk.core import prompt as prompt_module

    message = kind(tuple(parts) if as_tuple else parts)
    try:
        full = prompt_module._message(message, "m")
    except prompt_module._BadPrompt:
        full = None
    if prompt_module._is_canonical(message):
        assert full is message
    try:
        [standardized] = standardize_prompt(messages=[message])
    except InvalidPromptError:
        assert full is None
    else:
        assert standardized == full


@pytest.mark.parametrize(
    ("message", "match"),
    [
        (
            {"role": ["user"], "content": "hi"},
            r"messages\[0\]: unknown role \['user'\]; valid roles: 'system', 'user', ",
        ),
        (
            {"role": "user", "content": [{"type": ["text"], "text": "hi"}]},
            r"content\[0\]: unknown part type \['text'\] in a user message; valid types: 'text', 'image', ",
        ),
        (
            {"role": "assistant", "content": [{"type": {}, "text": "hi"}]},
            r"unknown part type \{\} in an assistant message; valid types: 'text', 'reasoning', 'tool-call', ",
        ),
        (
            {"role": "tool", "content": [{"type": "text", "text": "hi"}]},
            r"unknown part type 'text' in a tool message; valid types: 'tool-result', 'tool-approval-response'",
        ),
        ({"role": "tool", "content": "hi"}, r"a tool message's content must be a list of tool-result parts, got str"),
    ],
)
def test_roles_and_part_types_that_are_not_names_are_prompt_errors(message: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidPromptError, match=match):
        standardize_prompt(messages=[message])

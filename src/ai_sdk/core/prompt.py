"""Turning what users pass as ``prompt=`` / ``system=`` / ``messages=`` into the canonical prompt.

Users write messages as the spec dataclasses or as plain dicts in the AI SDK ``ModelMessage`` shape
(camelCase or snake_case keys), with images and files as bytes, base64, ``data:`` URLs, ``http(s)``
URLs or ``pathlib.Path``\\ s. Providers should not each re-implement that leniency, so this module
resolves it once: every content becomes a list of parts, images become :class:`FilePart`\\ s with a
media type, ``data:`` URLs are split, paths are read. Every mistake raises
:class:`~ai_sdk.errors.InvalidPromptError` naming where it is (``messages[2].content[1]: ...``).

This runs on every call, so already-canonical messages are passed through without copying.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, NoReturn, TypeAlias, TypeVar

from ..spec.errors import InvalidPromptError
from ..spec.language_model import (
    AssistantMessage,
    FilePart,
    ImagePart,
    Message,
    ReasoningPart,
    SystemMessage,
    TextPart,
    ToolApprovalRequestPart,
    ToolApprovalResponsePart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
    UserMessage,
)
from .media_type import detect_media_type
from .message_dicts import EXPECTED_SHAPE, from_openai_shape

__all__ = ["standardize_prompt", "to_message"]

_OUTPUT_TYPES = ("text", "json", "error-text", "error-json", "content", "execution-denied")
_OUTPUT_NAMES = "'text', 'json', 'error-text', 'error-json', 'content', 'execution-denied'"
_DATA_FORMS = "bytes, base64 str, data: or http(s) URL, or pathlib.Path"
_BASE64_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \t\r\n"


class _BadPrompt(Exception):
    """Raised inside this module; turned into InvalidPromptError (with the whole prompt) at the edge."""


def _fail(where: str, message: str) -> NoReturn:
    raise _BadPrompt(f"{where}: {message}")


def _type_name(value: object) -> str:
    return type(value).__name__


def standardize_prompt(
    *,
    prompt: str | Sequence[Message | Mapping[str, Any]] | None = None,
    system: str | None = None,
    messages: Sequence[Message | Mapping[str, Any]] | None = None,
) -> list[Message]:
    """The canonical message list for one call: ``system`` first (when given), then ``prompt`` (a
    string is one user message) or ``messages``. Exactly one of ``prompt`` and ``messages`` is
    required, so a forgotten argument fails here rather than as an empty request."""
    if prompt is not None and messages is not None:
        raise InvalidPromptError("pass either prompt= or messages=, not both", prompt=prompt)
    if prompt is None and messages is None:
        raise InvalidPromptError(
            "pass prompt= (a string or a list of messages) or messages= (a list of messages)", prompt=None
        )
    result: list[Message] = []
    if system is not None:
        if not isinstance(system, str):
            raise InvalidPromptError(f"system must be a string, got {_type_name(system)}", prompt=system)
        result.append(SystemMessage(system))
    if isinstance(prompt, str):
        result.append(UserMessage([TextPart(prompt)]))
        return result
    label, items = ("prompt", prompt) if prompt is not None else ("messages", messages)
    try:
        result.extend(_messages(items, label))
    except _BadPrompt as error:
        raise InvalidPromptError(str(error), prompt=items) from None
    return result


def to_message(value: Message | Mapping[str, Any]) -> Message:
    """One message (a spec dataclass or a ``ModelMessage``-shaped dict) in canonical form."""
    try:
        return _message(value, "message")
    except _BadPrompt as error:
        raise InvalidPromptError(str(error), prompt=value) from None


def _messages(items: object, label: str) -> list[Message]:
    if isinstance(items, Mapping | SystemMessage | UserMessage | AssistantMessage | ToolMessage):
        _fail(label, "expected a list of messages, got a single message: wrap it in a list")
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        _fail(label, f"expected a list of messages, got {_type_name(items)}")
    items, problem = from_openai_shape(list(items))
    if problem is not None:
        _fail(label, problem)
    converted = [
        item if _is_canonical(item) else _message(item, f"{label}[{index}]") for index, item in enumerate(items)
    ]
    if not converted:
        _fail(label, "the message list is empty; pass at least one message")
    return converted


# ------------------------------------------------------------------------------------------- messages


def _output_ok(output: object) -> bool:
    if type(output) is not ToolResultOutput or output.type not in _OUTPUT_TYPES:
        return False
    return output.type in ("json", "error-json") or type(output.value) is str


def _is_canonical(value: object) -> bool:
    """The common case, checked without building error paths: a spec message already in canonical
    form (exact types only, so anything unusual takes the full path, which accepts the same inputs)."""
    cls = type(value)
    if cls is SystemMessage:
        return type(value.content) is str  # type: ignore[attr-defined]
    if cls is not UserMessage and cls is not AssistantMessage and cls is not ToolMessage:
        return False
    content = value.content  # type: ignore[attr-defined]
    if type(content) is not list and type(content) is not tuple:
        return False
    for part in content:
        kind = type(part)
        if kind is ToolResultPart:
            if cls is UserMessage or not _output_ok(part.output):
                return False
        elif cls is ToolMessage:
            return False
        elif kind is TextPart:
            if type(part.text) is not str:
                return False
        elif cls is UserMessage or (kind is not ToolCallPart and kind is not ReasoningPart):
            return False
    return True


def _message(value: object, where: str) -> Message:
    if isinstance(value, Mapping):  # first: a dict is the common case here, and failing the checks below costs
        return _message_from_dict(value, where)
    if isinstance(value, SystemMessage | UserMessage | AssistantMessage | ToolMessage):
        cls, convert = _BY_ROLE[value.role]
        content = convert(value.content, where)
        return value if content is value.content else cls(content, value.provider_options)
    _fail(
        where,
        "expected a message (SystemMessage, UserMessage, AssistantMessage, ToolMessage, or a dict with "
        f"'role' and 'content'), got {_type_name(value)}",
    )


def _message_from_dict(value: Mapping[str, Any], where: str) -> Message:
    role = value.get("role")
    if "tool_calls" in value or "tool_call_id" in value:  # OpenAI's shape, outside a message list
        _fail(where, f"OpenAI-shaped tool messages are read in a list of messages; write {EXPECTED_SHAPE}")
    if "content" not in value:
        _fail(where, f"a message needs a 'content' field (role {role!r})")
    content = value["content"]
    options = _provider_options(value, where)
    entry = _BY_ROLE.get(role) if isinstance(role, str) else None
    if entry is None:
        if role is None:
            _fail(where, f"a message needs a 'role' field; valid roles: {_ROLES}")
        _fail(where, f"unknown role {role!r}; valid roles: {_ROLES}")
    cls, convert = entry
    return cls(convert(content, where), options)  # type: ignore[no-any-return]


def _part_list(content: object, where: str, role: str) -> Sequence[object]:
    if isinstance(content, str | bytes) or not isinstance(content, Sequence):
        expected = "a list of tool-result parts" if role == "tool" else "a string or a list of parts"
        _fail(f"{where}.content", f"a {role} message's content must be {expected}, got {_type_name(content)}")
    return content


_PartT = TypeVar("_PartT")
_TextT = TypeVar("_TextT", TextPart, ReasoningPart)
_Reader: TypeAlias = Callable[[Mapping[str, Any], str], _PartT]


def _system_content(content: object, where: str) -> str:
    if not isinstance(content, str):
        _fail(f"{where}.content", f"a system message's content must be a string, got {_type_name(content)}")
    return content


@dataclass(frozen=True, slots=True)
class _Parts:
    """What one role's messages hold: the part classes in the order they are checked, each with the
    check that returns the canonical part; the dict forms by ``type`` with their readers (in the order
    error messages name them); what an error says a part may be."""

    role: str
    a_role: str
    classes: tuple[tuple[Any, Callable[[Any, str], Any]], ...]
    dicts: Mapping[str, _Reader[Any]]
    expected: str


def _canonical_content(parts: _Parts, content: object, where: str) -> Sequence[Any]:
    """A string as one text part (but in a tool message); a list of parts each made canonical, or the
    list itself (same object) when every part already was."""
    if isinstance(content, str) and parts.role != "tool":
        return [TextPart(content)]
    items = _part_list(content, where, parts.role)
    converted = [_part(parts, item, f"{where}.content[{index}]") for index, item in enumerate(items)]
    if all(new is old for new, old in zip(converted, items, strict=True)):
        return content  # type: ignore[return-value]
    return converted


def _part(parts: _Parts, part: object, where: str) -> Any:
    """One part in canonical form. The dict form is tried first: it is the common case here (a
    canonical message skips conversion), and a dict failing the class checks first would pay for each."""
    if isinstance(part, Mapping):
        kind = part.get("type")
        read = parts.dicts.get(kind) if isinstance(kind, str) else None
        if read is None:
            valid = ", ".join(repr(name) for name in parts.dicts)
            _fail(where, f"unknown part type {kind!r} in {parts.a_role} message; valid types: {valid}")
        return read(part, where)
    for cls, check in parts.classes:
        if isinstance(part, cls):
            return check(part, where)
    _fail(where, f"{parts.expected}, got {_type_name(part)}")


# ---------------------------------------------------------------------------------------------- parts


def _as_is(part: _PartT, where: str) -> _PartT:
    return part


def _text_of_str(part: str, where: str) -> TextPart:
    return TextPart(part)


def _image_part(part: ImagePart, where: str) -> FilePart:
    return _image(part.image, part.media_type, part.provider_options, where)


def _image_in_assistant(part: ImagePart, where: str) -> NoReturn:
    _fail(where, "image parts belong in user messages; use a file part in an assistant message")


def _get(mapping: Mapping[str, Any], snake: str, camel: str) -> Any:
    value = mapping.get(snake)
    return mapping.get(camel) if value is None else value


def _provider_options(mapping: Mapping[str, Any], where: str) -> Any:
    options = _get(mapping, "provider_options", "providerOptions")
    if options is not None and not isinstance(options, Mapping):
        _fail(where, f"'providerOptions' must be a dict of provider name -> options, got {_type_name(options)}")
    return options


def _checked_text(part: TextPart, where: str) -> TextPart:
    if not isinstance(part.text, str):
        _fail(where, f"a text part's text must be a string, got {_type_name(part.text)}")
    return part


def _text_from_dict(cls: type[_TextT], part: Mapping[str, Any], where: str) -> _TextT:
    """A text or reasoning (``cls``) part given as a dict."""
    text = part.get("text")
    if not isinstance(text, str):
        _fail(where, f"a {cls.type} part needs a string 'text' field, got {_type_name(text)}")
    return cls(text, _provider_options(part, where))


def _required_str(part: Mapping[str, Any], snake: str, camel: str, kind: str, where: str) -> str:
    value = _get(part, snake, camel)
    if not isinstance(value, str) or not value:
        _fail(where, f"a {kind} part needs a non-empty string '{camel}' field, got {value!r}")
    return value


def _tool_call_from_dict(part: Mapping[str, Any], where: str) -> ToolCallPart:
    call_id = _required_str(part, "tool_call_id", "toolCallId", "tool-call", where)
    name = _required_str(part, "tool_name", "toolName", "tool-call", where)
    arguments = part["input"] if "input" in part else part.get("args", {})
    return ToolCallPart(call_id, name, arguments, _provider_options(part, where))


def _output(value: object, where: str) -> ToolResultOutput:
    kind: object
    if isinstance(value, ToolResultOutput):
        kind, content = value.type, value.value
    elif isinstance(value, Mapping):
        kind = value.get("type")
        content = value.get("reason") if kind == "execution-denied" else value.get("value")
    else:
        _fail(
            where,
            "a tool result's 'output' must be a dict {'type': 'text'|'json'|'error-text'|'error-json', 'value': ...}, "
            f"got {_type_name(value)}",
        )
    if kind not in _OUTPUT_TYPES:
        _fail(where, f"unknown tool output type {kind!r}; valid types: {_OUTPUT_NAMES}")
    if kind in ("text", "error-text") and not isinstance(content, str):
        _fail(where, f"a {kind!r} tool output needs a string 'value', got {_type_name(content)}")
    if kind == "execution-denied" and content is not None and not isinstance(content, str):
        _fail(where, f"an 'execution-denied' tool output's 'reason' must be a string, got {_type_name(content)}")
    if kind == "content":
        _check_content_items(content, where)
    if isinstance(value, ToolResultOutput):
        return value
    return ToolResultOutput(kind, content)


def _check_content_items(content: object, where: str) -> None:
    """A ``content`` output is a list of text and media items, as the reference's ``content`` outputs."""
    if not isinstance(content, list):
        _fail(where, f"a 'content' tool output needs a list 'value' of text/media items, got {_type_name(content)}")
    for index, item in enumerate(content):
        kind = item.get("type") if isinstance(item, Mapping) else None
        if kind == "text" and isinstance(item.get("text"), str):
            continue
        if kind in ("media", "image-data", "file-data") and isinstance(item.get("data"), str):
            continue
        _fail(
            f"{where}.value[{index}]",
            "a 'content' item is {'type': 'text', 'text': str} or {'type': 'media', 'data': base64 str, "
            f"'mediaType': str}}, got {item!r}",
        )


def _checked_approval_request(part: ToolApprovalRequestPart, where: str) -> ToolApprovalRequestPart:
    if not isinstance(part.approval_id, str) or not isinstance(part.tool_call_id, str):
        _fail(where, "a tool-approval-request part needs string approval_id and tool_call_id")
    return part


def _approval_request_from_dict(part: Mapping[str, Any], where: str) -> ToolApprovalRequestPart:
    approval_id = _required_str(part, "approval_id", "approvalId", "tool-approval-request", where)
    call_id = _required_str(part, "tool_call_id", "toolCallId", "tool-approval-request", where)
    return ToolApprovalRequestPart(approval_id, call_id)


def _checked_approval_response(part: ToolApprovalResponsePart, where: str) -> ToolApprovalResponsePart:
    if not isinstance(part.approval_id, str) or not isinstance(part.approved, bool):
        _fail(where, "a tool-approval-response part needs a string approval_id and a bool approved")
    if part.reason is not None and not isinstance(part.reason, str):
        _fail(where, f"a tool-approval-response's reason must be a string, got {_type_name(part.reason)}")
    return part


def _approval_response_from_dict(part: Mapping[str, Any], where: str) -> ToolApprovalResponsePart:
    approval_id = _required_str(part, "approval_id", "approvalId", "tool-approval-response", where)
    approved = part.get("approved")
    if not isinstance(approved, bool):
        _fail(where, f"a tool-approval-response part needs a bool 'approved' field, got {approved!r}")
    reason = part.get("reason")
    if reason is not None and not isinstance(reason, str):
        _fail(where, f"a tool-approval-response's 'reason' must be a string, got {_type_name(reason)}")
    return ToolApprovalResponsePart(approval_id, approved, reason)


def _checked_tool_result(part: ToolResultPart, where: str) -> ToolResultPart:
    output = _output(part.output, f"{where}.output")
    if output is part.output:
        return part
    return ToolResultPart(part.tool_call_id, part.tool_name, output, part.provider_options)


def _tool_result_from_dict(part: Mapping[str, Any], where: str) -> ToolResultPart:
    call_id = _required_str(part, "tool_call_id", "toolCallId", "tool-result", where)
    name = _required_str(part, "tool_name", "toolName", "tool-result", where)
    if "output" in part:
        output = _output(part["output"], f"{where}.output")
    elif "result" in part:
        output = ToolResultOutput("json", part["result"])
    else:
        _fail(where, "a tool-result part needs an 'output' field ({'type': 'text'|'json'|..., 'value': ...})")
    return ToolResultPart(call_id, name, output, _provider_options(part, where))


# ---------------------------------------------------------------------------------------- images/files


def _split_data_url(url: str, where: str) -> tuple[bytes | str, str | None]:
    comma = url.find(",")
    if comma < 0:
        _fail(where, "malformed data: URL (no ',' before the data); expected data:<media type>;base64,<data>")
    header = url[5:comma].split(";")
    media_type = header[0].strip().lower() or None
    payload = url[comma + 1 :]
    if any(param.strip().lower() == "base64" for param in header[1:]):
        return payload, media_type
    from urllib.parse import unquote_to_bytes

    return unquote_to_bytes(payload), media_type


def _resolve(data: object, where: str, field: str) -> tuple[bytes | str, str | None, str | None]:
    """Canonical data, the media type the data itself declares (a ``data:`` URL) and a file name (a path)."""
    if isinstance(data, str):
        if data.startswith("data:"):
            payload, media_type = _split_data_url(data, where)
            return payload, media_type, None
        colon = data.find(":", 0, 40)
        if colon > 0:
            scheme = data[:colon].lower()
            if scheme in ("http", "https"):
                return data, None, None
            _fail(
                where,
                f"unsupported URL scheme {scheme!r} in '{field}'; pass {_DATA_FORMS} "
                "(pathlib.Path to read a local file)",
            )
        if not data:
            _fail(where, f"'{field}' is an empty string")
        if data[:256].strip(_BASE64_CHARS):
            _fail(
                where,
                f"'{field}' is a string but neither base64 nor a data: or http(s) URL; "
                "to send a local file pass pathlib.Path(...)",
            )
        return data, None, None
    if isinstance(data, bytes):
        return data, None, None
    if isinstance(data, bytearray | memoryview):
        return bytes(data), None, None
    if isinstance(data, os.PathLike):
        path = Path(data)
        try:
            return path.read_bytes(), None, path.name
        except OSError as error:
            _fail(where, f"cannot read file '{path}': {error.strerror or error}")
    _fail(where, f"'{field}' must be {_DATA_FORMS}; got {_type_name(data)}")


def _is_url(data: bytes | str) -> bool:
    return isinstance(data, str) and data[:6].lower().startswith(("http:", "https:"))


def _guess_from_name(name: str | None) -> str | None:
    if not name:
        return None
    import mimetypes

    return mimetypes.guess_type(name, strict=False)[0]


def _media_type(explicit: object, declared: str | None, data: bytes | str, kind: str, where: str) -> str | None:
    if explicit is not None and not isinstance(explicit, str):
        _fail(where, f"'mediaType' must be a string such as 'image/png', got {_type_name(explicit)}")
    media_type = explicit or declared
    if (media_type is None or media_type.endswith("/*")) and not _is_url(data):
        detected = detect_media_type(data, kind="image" if kind == "image" else "file")
        if detected is not None and (media_type is None or detected.startswith(media_type[:-1])):
            return detected
    return media_type


def _image(image: object, media_type: object, options: Any, where: str) -> FilePart:
    data, declared, filename = _resolve(image, where, "image")
    resolved = _media_type(media_type, declared, data, "image", where)
    return FilePart(data, resolved or "image/*", filename, options)


def _file(
    raw: object, media_type: object, filename: object, options: Any, where: str, original: FilePart | None = None
) -> FilePart:
    if filename is not None and not isinstance(filename, str):
        _fail(where, f"'filename' must be a string, got {_type_name(filename)}")
    data, declared, path_name = _resolve(raw, where, "data")
    resolved = _media_type(media_type, declared, data, "file", where)
    name = filename or path_name
    if resolved is None:
        resolved = _guess_from_name(name)
    if resolved is None and isinstance(data, str) and _is_url(data):
        resolved = _guess_from_name(data.split("?", 1)[0])
    if resolved is None:
        _fail(
            where,
            "a file part needs a 'mediaType' (e.g. 'application/pdf', 'audio/wav'); "
            "it could not be detected from the data",
        )
    if original is not None and data is original.data and resolved == original.media_type and name == original.filename:
        return original
    return FilePart(data, resolved, name, options)


def _image_from_dict(part: Mapping[str, Any], where: str) -> FilePart:
    if part.get("image") is None:
        _fail(where, f"an image part needs an 'image' field ({_DATA_FORMS})")
    return _image(part["image"], _get(part, "media_type", "mediaType"), _provider_options(part, where), where)


def _checked_file(part: FilePart, where: str) -> FilePart:
    return _file(part.data, part.media_type or None, part.filename, part.provider_options, where, part)


def _file_from_dict(part: Mapping[str, Any], where: str) -> FilePart:
    if part.get("data") is None:
        _fail(where, f"a file part needs a 'data' field ({_DATA_FORMS})")
    return _file(
        part["data"], _get(part, "media_type", "mediaType"), part.get("filename"), _provider_options(part, where), where
    )


# ------------------------------------------------------------------------------------- what reads what

_TEXT = partial(_text_from_dict, TextPart)
_USER = _Parts(
    "user",
    "a user",
    ((TextPart, _checked_text), (FilePart, _checked_file), (ImagePart, _image_part), (str, _text_of_str)),
    {"text": _TEXT, "image": _image_from_dict, "file": _file_from_dict},
    "expected a part (TextPart, ImagePart, FilePart or a dict with 'type')",
)
_ASSISTANT = _Parts(
    "assistant",
    "an assistant",
    (
        (TextPart, _checked_text),
        (ToolCallPart | ReasoningPart, _as_is),
        (ToolApprovalRequestPart, _checked_approval_request),
        (ToolResultPart, _checked_tool_result),
        (FilePart, _checked_file),
        (ImagePart, _image_in_assistant),
        (str, _text_of_str),
    ),
    {
        "text": _TEXT,
        "reasoning": partial(_text_from_dict, ReasoningPart),
        "tool-call": _tool_call_from_dict,
        "tool-result": _tool_result_from_dict,
        "tool-approval-request": _approval_request_from_dict,
        "file": _file_from_dict,
    },
    "expected a part (TextPart, ReasoningPart, ToolCallPart, ToolResultPart, FilePart or a dict with 'type')",
)
_TOOL = _Parts(
    "tool",
    "a tool",
    ((ToolResultPart, _checked_tool_result), (ToolApprovalResponsePart, _checked_approval_response)),
    {"tool-result": _tool_result_from_dict, "tool-approval-response": _approval_response_from_dict},
    "a tool message holds tool-result parts (or tool-approval-response parts)",
)

_BY_ROLE: dict[str, tuple[type[Any], Callable[[object, str], Any]]] = {
    "system": (SystemMessage, _system_content),
    "user": (UserMessage, partial(_canonical_content, _USER)),
    "assistant": (AssistantMessage, partial(_canonical_content, _ASSISTANT)),
    "tool": (ToolMessage, partial(_canonical_content, _TOOL)),
}
"""Each role's message class and the conversion of its content: the one place a role is read, from a
spec message and from a dict alike."""
_ROLES = ", ".join(repr(role) for role in _BY_ROLE)

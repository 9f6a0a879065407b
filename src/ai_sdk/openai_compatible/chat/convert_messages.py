"""The canonical prompt as OpenAI chat ``messages``.

What the wire cannot carry (a file type the API does not take, a PDF or audio by URL) raises
:class:`UnsupportedFunctionalityError` naming the part, instead of being dropped: a prompt that silently
lost an attachment would produce a confidently wrong answer.

``provider_options[<key>]`` (and the reference's ``openaiCompatible`` entry) on a message or part is
merged into its wire object, the way to send provider extras such as ``cache_control``. A tool call's
``thought_signature`` (Gemini's, reported in the tool call's provider metadata and carried back by the
core) goes where Gemini's OpenAI-compatible API expects it: ``extra_content.google.thought_signature``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ...spec import (
    AssistantMessage,
    FilePart,
    InvalidPromptError,
    Message,
    ProviderOptions,
    ReasoningPart,
    SystemMessage,
    TextPart,
    ToolApprovalRequestPart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
    UnsupportedFunctionalityError,
    UserMessage,
)
from ...spec._json import dumps_str
from .provider_options import part_provider_options

__all__ = ["convert_to_chat_messages"]

_AUDIO_FORMATS = {
    "audio/wav": "wav",
    "audio/wave": "wav",
    "audio/x-wav": "wav",
    "audio/vnd.wave": "wav",
    "audio/mp3": "mp3",
    "audio/mpeg": "mp3",
}

_IMAGE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def convert_to_chat_messages(
    prompt: Sequence[Message], *, provider_options_key: str, supports_pdf: bool = True
) -> list[dict[str, Any]]:
    """Convert every message; the result is ready to be the request's ``messages``. With
    ``supports_pdf=False`` (an API whose schema has no ``file`` content part, such as DeepInfra's) a PDF
    part raises :class:`UnsupportedFunctionalityError` instead of being sent to a certain 422."""
    messages: list[dict[str, Any]] = []
    for message in prompt:
        if isinstance(message, SystemMessage):
            wire: dict[str, Any] = {"role": "system", "content": message.content}
        elif isinstance(message, UserMessage):
            wire = _user_message(message, provider_options_key, supports_pdf)
        elif isinstance(message, AssistantMessage):
            wire = _assistant_message(message, provider_options_key)
        elif isinstance(message, ToolMessage):
            for result in message.content:
                if not isinstance(result, ToolResultPart):
                    continue  # an approval response: the core answers it, the model never reads it
                tool_message = {
                    "role": "tool",
                    "tool_call_id": result.tool_call_id,
                    "content": _tool_output(result.output),
                }
                _merge(tool_message, result.provider_options, provider_options_key)
                messages.append(_merge(tool_message, message.provider_options, provider_options_key))
            continue
        else:
            raise InvalidPromptError(
                f"unexpected message {message!r}; use SystemMessage, UserMessage, AssistantMessage or ToolMessage",
                prompt=prompt,
            )
        messages.append(_merge(wire, message.provider_options, provider_options_key))
    return messages


def _merge(wire: dict[str, Any], options: ProviderOptions | None, key: str) -> dict[str, Any]:
    if options is not None:
        extra = part_provider_options(options, key)
        if extra:
            wire.update(extra)
    return wire


def _user_message(message: UserMessage, key: str, supports_pdf: bool) -> dict[str, Any]:
    content = message.content
    if isinstance(content, str):
        return {"role": "user", "content": content}
    if len(content) == 1 and isinstance(content[0], TextPart):
        return _merge({"role": "user", "content": content[0].text}, content[0].provider_options, key)
    parts: list[dict[str, Any]] = []
    for index, part in enumerate(content):
        if isinstance(part, TextPart):
            wire: dict[str, Any] = {"type": "text", "text": part.text}
        elif isinstance(part, FilePart):
            wire = _file_part(part, index, supports_pdf)
        else:
            raise InvalidPromptError(
                f"user content part {part!r} was not canonicalised; pass the prompt through the core functions "
                "(generate_text, stream_text), which turn images into FileParts",
            )
        parts.append(_merge(wire, part.provider_options, key))
    return {"role": "user", "content": parts}


def _file_part(part: FilePart, index: int, supports_pdf: bool) -> dict[str, Any]:
    media_type = part.media_type
    data = part.data
    if isinstance(data, Path):
        raise InvalidPromptError(
            f"file part data is the path {str(data)!r}; pass bytes, base64 or a URL, or use the core functions, "
            "which read paths"
        )
    if media_type.startswith("image/"):
        if isinstance(data, str) and data.startswith(("http://", "https://", "data:")):
            url = data
        else:
            if media_type == "image/*":
                sniffed = _sniff_image_type(data)
                if sniffed is None:
                    raise InvalidPromptError(
                        f"content part {index} is labelled as an image, but its bytes are not a PNG, JPEG, GIF or "
                        "WebP image; pass the image file's bytes (or an http(s) URL), or give the media_type of "
                        "what it is"
                    )
                media_type = sniffed
            url = f"data:{media_type};base64,{_base64(data)}"
        return {"type": "image_url", "image_url": {"url": url}}
    if isinstance(data, str) and data.startswith(("http://", "https://")):
        raise UnsupportedFunctionalityError(
            f"file URLs for {media_type}",
            f"Files of type {media_type} cannot be sent by URL; pass their bytes instead (only images accept URLs).",
        )
    if media_type == "application/pdf":
        if not supports_pdf:
            raise UnsupportedFunctionalityError(
                "PDF file parts",
                f"User content part {index} is a PDF, but this API's chat messages take only text, images and "
                "audio (its schema has no 'file' part, so the request would be refused). Extract the PDF's text "
                "and send it as a TextPart (or a text/plain FilePart), or send its pages as images.",
            )
        return {
            "type": "file",
            "file": {
                "filename": part.filename or f"part-{index}.pdf",
                "file_data": f"data:application/pdf;base64,{_base64(data)}",
            },
        }
    audio_format = _AUDIO_FORMATS.get(media_type)
    if audio_format is not None:
        return {"type": "input_audio", "input_audio": {"data": _base64(data), "format": audio_format}}
    if media_type.startswith("text/"):
        return {"type": "text", "text": _text(data, media_type)}
    raise UnsupportedFunctionalityError(
        f"file parts of type {media_type}",
        f"File parts of media type {media_type} are not supported; send images, application/pdf, "
        "audio/wav, audio/mpeg (mp3) or text/* files.",
    )


def _base64(data: bytes | str) -> str:
    if isinstance(data, bytes):
        return base64.b64encode(data).decode("ascii")
    if data.startswith("data:"):
        return data.partition(",")[2]
    return data


def _sniff_image_type(data: bytes | str) -> str | None:
    head = data[:12] if isinstance(data, bytes) else _decode_base64(data[:16])
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        return "image/webp"
    for signature, media_type in _IMAGE_SIGNATURES:
        if head.startswith(signature):
            return media_type
    return None


def _decode_base64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=False)
    except (binascii.Error, ValueError):
        return b""


def _text(data: bytes | str, media_type: str) -> str:
    raw = data if isinstance(data, bytes) else _decode_base64(_base64(data))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidPromptError(f"a {media_type} file part is not valid UTF-8 text", cause=error) from error


def _assistant_message(message: AssistantMessage, key: str) -> dict[str, Any]:
    content = message.content
    if isinstance(content, str):
        return {"role": "assistant", "content": content}
    texts: list[str] = []
    reasoning: list[str] = []
    tool_calls: list[dict[str, Any]] = []
    for part in content:
        if isinstance(part, TextPart):
            texts.append(part.text)
        elif isinstance(part, ReasoningPart):
            reasoning.append(part.text)
        elif isinstance(part, ToolCallPart):
            call = {
                "id": part.tool_call_id,
                "type": "function",
                "function": {"name": part.tool_name, "arguments": dumps_str(part.input)},
            }
            tool_calls.append(_with_thought_signature(_merge(call, part.provider_options, key)))
        elif isinstance(part, ToolApprovalRequestPart):
            continue  # the core's bookkeeping of an approval; the model never reads it
        else:
            raise UnsupportedFunctionalityError(
                f"assistant {part.type} parts",
                f"Assistant messages can hold text, reasoning and tool calls, not {part.type} parts.",
            )
    wire: dict[str, Any] = {"role": "assistant", "content": "".join(texts) if texts or not tool_calls else None}
    if reasoning:
        wire["reasoning_content"] = "".join(reasoning)
    if tool_calls:
        wire["tool_calls"] = tool_calls
    return wire


def _tool_output(output: ToolResultOutput) -> str:
    """A tool message's content is a string: text as is, anything else as JSON (``content`` outputs
    too, as the reference sends them), a denied execution as its reason."""
    if output.type in ("text", "error-text") and isinstance(output.value, str):
        return output.value
    if output.type == "execution-denied":
        return output.value if isinstance(output.value, str) and output.value else "Tool call execution denied."
    return dumps_str(output.value)


def _with_thought_signature(call: dict[str, Any]) -> dict[str, Any]:
    """Move a ``thought_signature`` (or the reference's ``thoughtSignature``) merged in from provider
    options to ``extra_content.google``, where Gemini looks for it."""
    signature = call.pop("thought_signature", None)
    camel = call.pop("thoughtSignature", None)
    signature = signature if signature is not None else camel
    if isinstance(signature, str):
        extra = call.setdefault("extra_content", {})
        extra.setdefault("google", {})["thought_signature"] = signature
    return call

"""Reading the audio a user passes to :func:`~ai_sdk.transcribe` into bytes and a media type.

Accepted: raw bytes (``bytes``, ``bytearray``, ``memoryview``), base64 text or a base64 ``data:`` URL,
a path (``str`` paths are not accepted, since a short base64 string could look like one: use
``pathlib.Path``) and an open binary file. The media type is detected from the bytes, else taken
from the file name's extension, else ``application/octet-stream``.
"""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path
from typing import IO, TypeAlias

from ..spec import InvalidArgumentError
from .base64_input import decode_base64
from .media_type import detect_media_type

__all__ = ["AudioInput", "read_audio"]

AudioInput: TypeAlias = bytes | bytearray | memoryview | str | os.PathLike[str] | IO[bytes]
"""Audio as bytes, base64 text (or a ``data:audio/...;base64,`` URL), a ``pathlib.Path`` or an open
binary file."""

_FALLBACK = "application/octet-stream"


def read_audio(audio: object, *, argument: str = "audio") -> tuple[bytes, str]:
    """The audio's bytes and media type; raises :class:`InvalidArgumentError` saying what to pass."""
    name: str | None = None
    declared: str | None = None
    if isinstance(audio, bytes | bytearray | memoryview):
        data = bytes(audio)
    elif isinstance(audio, os.PathLike):
        name = os.fspath(audio)
        try:
            data = Path(audio).read_bytes()
        except OSError as error:
            raise InvalidArgumentError(f"cannot read audio file {name!r}: {error}", argument=argument) from error
    elif isinstance(audio, str):
        data, declared = _decode_text(audio, argument)
    elif callable(read := getattr(audio, "read", None)):
        content = read()
        if not isinstance(content, bytes):
            raise InvalidArgumentError(
                "the audio file must be opened in binary mode (open(path, 'rb'))", argument=argument
            )
        data = content
        file_name = getattr(audio, "name", None)
        name = file_name if isinstance(file_name, str) else None
    else:
        raise InvalidArgumentError(
            "expected audio as bytes, base64 text, a data URL, a pathlib.Path or a binary file",
            argument=argument,
            value=type(audio).__name__,
        )
    if not data:
        raise InvalidArgumentError("the audio is empty", argument=argument)
    media_type = declared or detect_media_type(data, kind="file")
    if media_type is None and name is not None:
        media_type = mimetypes.guess_type(name)[0]
    return data, media_type or _FALLBACK


def _decode_text(text: str, argument: str) -> tuple[bytes, str | None]:
    if text.startswith(("http://", "https://")):
        raise InvalidArgumentError(
            "audio URLs are not downloaded for you: fetch the file and pass its bytes (or a pathlib.Path)",
            argument=argument,
        )
    return decode_base64(
        text,
        argument,
        example="data:audio/wav;base64,...",
        hint="a str audio must be base64 or a base64 data URL; pass a pathlib.Path to read a file",
    )

"""Decoding the base64 text and base64 ``data:`` URLs that users pass for images and audio.

Both :func:`~ai_sdk.generate_image` (input images) and :func:`~ai_sdk.transcribe` (audio) take a file as
a ``str``; this is the one reader of such text, so both accept and refuse the same forms.
"""

from __future__ import annotations

import binascii

from ..spec import InvalidArgumentError

__all__ = ["decode_base64"]
_URL_SAFE = str.maketrans("-_", "+/")


def decode_base64(text: str, argument: str, *, example: str, hint: str) -> tuple[bytes, str | None]:
    """The bytes of base64 ``text`` or of a base64 ``data:`` URL, and the media type the URL declares
    (``None`` for plain base64 or a URL that declares none). Line breaks (``base64.encodebytes``, a file's
    last newline) and the URL-safe alphabet are read as the reference's ``atob`` reads them. A data URL
    that is not base64 is refused naming ``example`` (``'data:image/png;base64,...'``), other text with ``hint``."""
    declared = None
    if text.startswith("data:"):
        header, comma, text = text.partition(",")
        if not comma or not header.endswith(";base64"):
            raise InvalidArgumentError(f"expected a base64 data URL such as {example!r}", argument=argument)
        declared = header[len("data:") : -len(";base64")] or None
    try:
        return binascii.a2b_base64("".join(text.split()).translate(_URL_SAFE), strict_mode=True), declared
    except (binascii.Error, ValueError) as error:
        raise InvalidArgumentError(hint, argument=argument) from error

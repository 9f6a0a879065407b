"""Media-type detection from a file's leading bytes (its "magic number").

Users often pass image bytes or base64 without saying what they are; providers need a concrete IANA
type (``image/png``, not ``image/*``) to build a ``data:`` URL or pick an audio format. Only the first
few bytes are looked at; for base64 input only a short prefix is decoded, never the whole payload.
"""

from __future__ import annotations

import binascii
from typing import Literal

__all__ = ["detect_media_type"]

_PREFIX_BYTES = 36
"""Enough bytes for every signature below (ISO base media ``ftyp`` brands end at byte 12)."""

_IMAGE_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"\x00\x00\x01\x00", "image/x-icon"),
)

_FILE_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"ID3", "audio/mpeg"),
    (b"OggS", "audio/ogg"),
    (b"fLaC", "audio/flac"),
    (b"\x1aE\xdf\xa3", "video/webm"),
)

_IMAGE_BRANDS = {b"avif": "image/avif", b"avis": "image/avif", b"heic": "image/heic", b"heix": "image/heic"}
_FILE_BRANDS = {b"M4A ": "audio/mp4", b"M4B ": "audio/mp4", b"qt  ": "video/quicktime"}


def _head(data: bytes | str) -> bytes:
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data[:_PREFIX_BYTES])
    # 48 base64 characters decode to 36 bytes; whitespace is dropped first so wrapped base64 works.
    text = "".join(data[:96].split())[:48]
    text = text[: len(text) - len(text) % 4]
    try:
        return binascii.a2b_base64(text.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError):
        return b""


def _riff_or_ftyp(head: bytes, kind: Literal["image", "file"]) -> str | None:
    if head[:4] == b"RIFF" and len(head) >= 12:
        form = head[8:12]
        if form == b"WEBP":
            return "image/webp"
        if kind == "file" and form == b"WAVE":
            return "audio/wav"
        return None
    if head[4:8] == b"ftyp" and len(head) >= 12:
        brand = head[8:12]
        found = _IMAGE_BRANDS.get(brand)
        if found is None and kind == "file":
            found = _FILE_BRANDS.get(brand, "video/mp4")
        return found
    return None


def _mp3_frame(head: bytes) -> bool:
    # MPEG audio frame sync: 11 set bits, then a version other than "reserved" and layer III.
    return len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and (head[1] >> 1) & 0x3 == 0x1


def detect_media_type(data: bytes | str, *, kind: Literal["image", "file"] = "image") -> str | None:
    """The media type of ``data`` (bytes, or a base64 ``str``) from its signature, or ``None``.

    ``kind="image"`` only recognises image formats (so a PDF sent as an image is not mistaken for
    one); ``kind="file"`` also recognises PDF and audio (wav, mp3, ogg, flac) and video containers.
    """
    head = _head(data)
    for prefix, media_type in _IMAGE_PREFIXES:
        if head.startswith(prefix):
            return media_type
    if head[:2] == b"BM" and head[6:10] == b"\x00\x00\x00\x00":  # reserved header fields are zero
        return "image/bmp"
    found = _riff_or_ftyp(head, kind)
    if found is not None or kind == "image":
        return found
    for prefix, media_type in _FILE_PREFIXES:
        if head.startswith(prefix):
            return media_type
    if _mp3_frame(head):
        return "audio/mpeg"
    return None

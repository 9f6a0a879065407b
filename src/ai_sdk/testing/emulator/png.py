"""A tiny PNG encoder and header reader, so emulated images are real files any decoder opens.

The picture is a horizontal gradient between two colours derived from a seed: every row is the same,
so building it is one ``bytes`` multiplication and zlib compresses a 1024x1024 image in milliseconds.
"""

from __future__ import annotations

import hashlib
import struct
import zlib

__all__ = ["encode_png", "png_size"]

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def encode_png(width: int, height: int, *, seed: str = "") -> bytes:
    """An 8-bit RGB PNG of ``width`` x ``height`` pixels whose colours depend on ``seed``."""
    if width < 1 or height < 1:
        raise ValueError(f"image size must be positive, got {width}x{height}")
    digest = hashlib.blake2b(seed.encode(), digest_size=6).digest()
    start, end = digest[:3], digest[3:]
    row = bytearray(1 + 3 * width)  # filter byte 0 (none), then RGB pixels
    span = max(width - 1, 1)
    for x in range(width):
        for channel in range(3):
            row[1 + 3 * x + channel] = (start[channel] * (span - x) + end[channel] * x) // span
    pixels = bytes(row) * height
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return _SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(pixels, 6)) + _chunk(b"IEND", b"")


def png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, or ``None`` when ``data`` is not one."""
    if len(data) < 24 or not data.startswith(_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)

"""Media-type sniffing from bytes and from base64 prefixes."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ai_sdk.core.media_type import detect_media_type

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
GIF = b"GIF89a\x01\x00\x01\x00"
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 "
BMP = b"BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00"
TIFF = b"II*\x00\x08\x00\x00\x00"
AVIF = b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00"
PDF = b"%PDF-1.7\n%\xe2\xe3"
WAV = b"RIFF\x24\x08\x00\x00WAVEfmt "
MP3_ID3 = b"ID3\x04\x00\x00\x00\x00\x00\x00"
MP3_FRAME = b"\xff\xfb\x90\x64\x00\x00"
OGG = b"OggS\x00\x02\x00\x00"
FLAC = b"fLaC\x00\x00\x00\x22"
MP4 = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00"

IMAGES = [
    (PNG, "image/png"),
    (JPEG, "image/jpeg"),
    (GIF, "image/gif"),
    (b"GIF87a\x01\x00", "image/gif"),
    (WEBP, "image/webp"),
    (BMP, "image/bmp"),
    (TIFF, "image/tiff"),
    (AVIF, "image/avif"),
]
FILES_ONLY = [
    (PDF, "application/pdf"),
    (WAV, "audio/wav"),
    (MP3_ID3, "audio/mpeg"),
    (MP3_FRAME, "audio/mpeg"),
    (OGG, "audio/ogg"),
    (FLAC, "audio/flac"),
    (MP4, "video/mp4"),
]


@pytest.mark.parametrize(("data", "expected"), IMAGES)
@pytest.mark.parametrize("kind", ["image", "file"])
def test_images_are_detected_from_bytes_and_base64(data: bytes, expected: str, kind: str) -> None:
    assert detect_media_type(data, kind=kind) == expected  # type: ignore[arg-type]
    assert detect_media_type(base64.b64encode(data).decode(), kind=kind) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("data", "expected"), FILES_ONLY)
def test_documents_and_audio_are_detected_as_files_only(data: bytes, expected: str) -> None:
    assert detect_media_type(data, kind="file") == expected
    assert detect_media_type(base64.b64encode(data).decode(), kind="file") == expected
    assert detect_media_type(data, kind="image") is None
    assert detect_media_type(data) is None


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"hello world, plain text",
        b"\xff\xf1\x50\x80",  # AAC in ADTS framing: frame sync but layer bits 00, not mp3
        b"BMW is a car maker",  # "BM" without the zeroed reserved header fields
        b"RIFF\x00\x00\x00\x00AVI LIST",
        b"\x89PN",
    ],
)
def test_unknown_or_truncated_data_is_none(data: bytes) -> None:
    assert detect_media_type(data, kind="file") is None


def test_base64_only_the_prefix_is_decoded() -> None:
    # The tail is not valid base64 at all: only the first characters may be looked at.
    encoded = base64.b64encode(PNG + b"\x00" * 60).decode() + "!!!not base64!!!" * 1000
    assert detect_media_type(encoded) == "image/png"


def test_wrapped_base64_with_newlines() -> None:
    encoded = base64.encodebytes(PDF + b"x" * 100).decode()
    assert "\n" in encoded[:90]
    assert detect_media_type(encoded, kind="file") == "application/pdf"


@pytest.mark.parametrize("text", ["", "a", "ab=", "\u00e9\u00e9\u00e9\u00e9", "????????"])
def test_odd_base64_strings_do_not_raise(text: str) -> None:
    assert detect_media_type(text, kind="file") is None


def test_bytearray_and_memoryview_are_accepted() -> None:
    assert detect_media_type(bytearray(PNG)) == "image/png"  # type: ignore[arg-type]
    assert detect_media_type(memoryview(JPEG)) == "image/jpeg"  # type: ignore[arg-type]


@given(prefix=st.sampled_from(IMAGES + FILES_ONLY), tail=st.binary(max_size=64))
def test_bytes_and_base64_agree_whatever_follows_the_signature(prefix: tuple[bytes, str], tail: bytes) -> None:
    data, expected = prefix
    assert detect_media_type(data + tail, kind="file") == expected
    assert detect_media_type(base64.b64encode(data + tail).decode(), kind="file") == expected


@given(data=st.binary(max_size=64))
def test_any_bytes_give_a_consistent_answer(data: bytes) -> None:
    as_file = detect_media_type(data, kind="file")
    as_image = detect_media_type(data, kind="image")
    assert as_image is None or as_image == as_file
    assert detect_media_type(base64.b64encode(data).decode(), kind="file") == as_file

"""The SSE decoder: the WHATWG framing rules, and chunk-boundary independence (property tests)."""

from __future__ import annotations

import itertools
import re

from hypothesis import example, given
from hypothesis import strategies as st

from ai_sdk.http.sse import SSEDecoder


def decode(*chunks: bytes) -> list[str]:
    decoder = SSEDecoder()
    payloads = [payload for chunk in chunks for payload in decoder.feed(chunk)]
    return payloads + decoder.finish()


def test_deepinfra_frames() -> None:
    body = b'data: {"a": 1}\n\ndata: {"b": 2}\n\ndata: [DONE]\n\n'

    assert decode(body) == ['{"a": 1}', '{"b": 2}', "[DONE]"]


def test_events_are_returned_as_soon_as_their_blank_line_arrives() -> None:
    decoder = SSEDecoder()

    assert decoder.feed(b"data: one\n") == []
    assert decoder.feed(b"\ndata: tw") == ["one"]
    assert decoder.feed(b"o\n\n") == ["two"]
    assert decoder.finish() == []


def test_all_three_line_endings() -> None:
    assert decode(b"data: a\r\n\r\ndata: b\r\rdata: c\n\n") == ["a", "b", "c"]


def test_crlf_split_between_chunks_is_one_line_break() -> None:
    assert decode(b"data: a\r", b"\n", b"\r", b"\ndata: b\r", b"\r\n") == ["a", "b"]


def test_only_one_leading_space_is_removed() -> None:
    assert decode(b"data:x\n\ndata:  y\n\n") == ["x", " y"]


def test_multiple_data_lines_join_with_newline() -> None:
    assert decode(b"data: first\ndata:\ndata: third\n\n") == ["first\n\nthird"]


def test_comments_and_other_fields_are_ignored() -> None:
    body = b": keep-alive\nevent: message\nid: 7\nretry: 100\ndata: x\nunknown\ndatax: no\n\n"

    assert decode(body) == ["x"]


def test_events_without_data_are_not_dispatched() -> None:
    assert decode(b": ping\n\nevent: x\n\n\n\ndata: y\n\n") == ["y"]


def test_field_without_colon_is_an_empty_value() -> None:
    assert decode(b"data\n\n") == [""]


def test_byte_order_mark_at_start_is_ignored_even_when_split() -> None:
    assert decode(b"\xef\xbb", b"\xbfdata: a\n\n") == ["a"]
    assert decode(b"\xef\xbb\xbfdata: \xef\xbb\xbfb\n\n") == ["\ufeffb"]


def test_final_event_without_blank_line_is_delivered_by_finish() -> None:
    decoder = SSEDecoder()

    assert decoder.feed(b"data: a\n\ndata: b") == ["a"]
    assert decoder.finish() == ["b"]


def test_finish_resets_for_reuse() -> None:
    decoder = SSEDecoder()
    decoder.feed(b"data: partial")
    decoder.finish()

    assert decoder.feed(b"data: next\n\n") == ["next"]


def test_multibyte_utf8_split_across_chunks() -> None:
    text = "data: héllo ✓ 😀\n\n".encode()

    assert decode(*(text[i : i + 1] for i in range(len(text)))) == ["héllo ✓ 😀"]


def test_invalid_utf8_is_replaced_not_raised() -> None:
    assert decode(b"data: \xff\n\n") == ["\ufffd"]


def test_empty_chunks_are_harmless() -> None:
    assert decode(b"", b"data: a\r", b"", b"\n\n", b"") == ["a"]


def _reference(stream: bytes) -> list[str]:
    """A direct, slow transcription of the WHATWG algorithm (plus delivery of a final event)."""
    if stream.startswith(b"\xef\xbb\xbf"):
        stream = stream[3:]
    lines = re.split(rb"\r\n|\r|\n", stream)
    payloads: list[str] = []
    data: list[bytes] | None = None
    for line in [*lines, b""]:
        if line == b"":
            if data is not None:
                payloads.append(b"\n".join(data).decode("utf-8", "replace"))
            data = None
            continue
        name, colon, value = line.partition(b":")
        if colon and value.startswith(b" "):
            value = value[1:]
        if name == b"data":
            data = [*(data or []), value]
    return payloads


_TOKENS = st.sampled_from(
    [b"data:", b"data: ", b"data", b"event: e", b": c", b"id: 1", b"x", b"{}", b" ", b":",
     b"\n", b"\r", b"\r\n", b"\n\n", b"\xef\xbb\xbf", "é😀".encode(), b"\xff", b"[DONE]"]
)  # fmt: skip


@st.composite
def _stream_and_splits(draw: st.DrawFn) -> tuple[bytes, list[bytes]]:
    stream = b"".join(draw(st.lists(_TOKENS, max_size=40)))
    cuts = sorted(draw(st.lists(st.integers(0, len(stream)), max_size=12)))
    bounds = [0, *cuts, len(stream)]
    return stream, [stream[a:b] for a, b in itertools.pairwise(bounds)]


@given(_stream_and_splits())
@example((b"data: a\r\n\r\n", [b"data: a\r", b"\n\r", b"\n"]))
@example(("data: ✓\n\n".encode(), [b"data: \xe2", b"\x9c\x93\n\n"]))
def test_any_split_gives_the_same_payloads_as_the_whole(case: tuple[bytes, list[bytes]]) -> None:
    stream, chunks = case

    assert decode(*chunks) == decode(stream) == _reference(stream)

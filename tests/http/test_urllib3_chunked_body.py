"""The urllib3 transport's own de-chunking of streamed bodies, checked against urllib3's
``read_chunked`` on the same bytes (property tests over framing, truncation and how the bytes arrive),
plus the cases where it must step aside (content-encoded bodies)."""

from __future__ import annotations

import gzip
import http.client
import io
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from urllib3 import HTTPHeaderDict
from urllib3.response import HTTPResponse

from ai_sdk.http.urllib3_transport import Urllib3Response, _plain
from ai_sdk.spec import APICallError

URL = "http://example.test/v1/openai/chat/completions"


class _Segments(io.RawIOBase):
    """A connection that delivers the response in the given pieces (one per socket read)."""

    def __init__(self, data: bytes, sizes: Sequence[int]) -> None:
        self._data = data
        self._pos = 0
        self._sizes = list(sizes)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        size = self._sizes.pop(0) if self._sizes else len(self._data)
        piece = self._data[self._pos : self._pos + min(size, len(buffer))]
        buffer[: len(piece)] = piece
        self._pos += len(piece)
        return len(piece)


class _Reader(io.BufferedReader):
    def flush(self) -> None:
        # http.client's response flushes its file when it is finalised, even once the file is closed
        # (Python 3.13 then reports the ValueError as unraisable); a real socket file tolerates that.
        if not self.closed:
            super().flush()


class _Socket:
    def __init__(self, data: bytes, sizes: Sequence[int]) -> None:
        self._reader = _Reader(_Segments(data, sizes))

    def makefile(self, mode: str) -> io.BufferedReader:
        return self._reader


def _response(wire: bytes, sizes: Sequence[int] = ()) -> HTTPResponse:
    """A urllib3 response over ``wire`` (head and body), built as urllib3's connection builds one."""
    raw = http.client.HTTPResponse(_Socket(wire, sizes), method="POST")  # type: ignore[arg-type]
    raw.begin()
    return HTTPResponse(
        body=raw,
        headers=HTTPHeaderDict(raw.msg.items()),
        status=raw.status,
        preload_content=False,
        decode_content=True,
        original_response=raw,
    )


def _ours(wire: bytes, sizes: Sequence[int] = ()) -> tuple[list[bytes], bool]:
    """The pieces our transport yields, and whether the body was complete (else it raised the
    retryable "connection broke" error, as for any body cut short)."""
    pieces: list[bytes] = []
    failure: APICallError | None = None
    try:
        for piece in Urllib3Response(_response(wire, sizes), URL, None).iter_bytes():
            pieces.append(piece)
    except APICallError as error:
        failure = error
    if failure is not None:
        assert failure.message.endswith("the connection broke before the whole response body arrived")
        assert (failure.status_code, failure.is_retryable) == (200, True)
    return pieces, failure is None


def _urllib3(wire: bytes) -> tuple[bytes, bool]:
    pieces: list[bytes] = []
    try:
        for piece in _response(wire).read_chunked(65536):
            pieces.append(piece)
    except Exception:  # any failure counts: the transport maps them all to one error
        return b"".join(pieces), False
    return b"".join(pieces), True


HEAD = b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"


@st.composite
def chunked_bodies(draw: st.DrawFn) -> tuple[bytes, bytes]:
    """(wire body, the data it carries): chunk sizes in either case, extensions, bare-LF size lines,
    data containing line breaks, trailers."""
    chunks = draw(st.lists(st.binary(min_size=1, max_size=300) | st.just(b"data: x\r\n\r\n"), max_size=8))
    wire = []
    for chunk in chunks:
        size = f"{len(chunk):x}"
        size = size.upper() if draw(st.booleans()) else size
        extension = b";name=value" if draw(st.integers(0, 5)) == 0 else b""
        newline = b"\n" if draw(st.integers(0, 5)) == 0 else b"\r\n"
        wire.append(size.encode() + extension + newline + chunk + b"\r\n")
    trailers = draw(st.lists(st.sampled_from([b"x-trailer: 1\r\n", b"x-other: two\r\n"]), max_size=2))
    wire.append(b"0\r\n" + b"".join(trailers) + b"\r\n")
    return b"".join(wire), b"".join(chunks)


@settings(max_examples=300, deadline=None)
@given(chunked_bodies(), st.lists(st.integers(1, 64), max_size=40))
def test_complete_bodies_decode_to_the_data_however_the_bytes_arrive(
    body: tuple[bytes, bytes], sizes: list[int]
) -> None:
    wire, data = body
    pieces, complete = _ours(HEAD + wire, [len(HEAD), *sizes])

    assert complete
    assert b"".join(pieces) == data
    assert all(pieces)
    assert _urllib3(HEAD + wire) == (data, True)


@settings(max_examples=300, deadline=None)
@given(chunked_bodies(), st.data())
def test_cut_bodies_fail_exactly_when_urllib3_fails(body: tuple[bytes, bytes], draw: st.DataObject) -> None:
    wire, data = body
    cut = draw.draw(st.integers(0, len(wire)))
    sizes = draw.draw(st.lists(st.integers(1, 64), max_size=20))
    pieces, complete = _ours(HEAD + wire[:cut], [len(HEAD), *sizes])
    reference, reference_complete = _urllib3(HEAD + wire[:cut])

    assert complete == reference_complete
    assert data.startswith(b"".join(pieces))
    if complete:
        assert b"".join(pieces) == reference == data


def test_every_cut_of_one_body_fails_exactly_when_urllib3_fails() -> None:
    wire = b"5;x=y\r\nhello\r\n6\nworld!\r\n0\r\nx-trailer: 1\r\n\r\n"
    outcomes = []
    for cut in range(len(wire) + 1):
        pieces, complete = _ours(HEAD + wire[:cut])
        assert complete == _urllib3(HEAD + wire[:cut])[1], cut
        assert b"helloworld!".startswith(b"".join(pieces))
        outcomes.append(complete)
    # complete once the last chunk's size line is in, even unterminated (urllib3 reads "0" as the end)
    assert outcomes.index(True) == wire.index(b"0\r\n") + 1
    assert all(outcomes[outcomes.index(True) :])


@pytest.mark.parametrize(
    "body",
    [b"zz\r\nabc\r\n0\r\n\r\n", b"-3\r\nabc\r\n0\r\n\r\n", b"3\r\nabc\r\n" + b"7" * 70000],
    ids=["not-hex", "negative", "endless-size-line"],
)
def test_malformed_framing_is_a_broken_body(body: bytes) -> None:
    assert _ours(HEAD + body)[1] is False
    assert _urllib3(HEAD + body)[1] is False


def test_a_large_chunk_is_handed_over_as_it_arrives() -> None:
    data = bytes(range(256)) * 1000
    wire = HEAD + b"%x\r\n" % len(data) + data + b"\r\n0\r\n\r\n"

    pieces, complete = _ours(wire, [len(HEAD)] + [4096] * 100)

    assert complete
    assert b"".join(pieces) == data
    assert len(pieces) > 1


def test_reading_to_the_end_closes_the_http_client_response() -> None:
    response = _response(HEAD + b"3\r\nabc\r\n0\r\n\r\n")
    raw = response._original_response
    assert raw is not None

    assert list(Urllib3Response(response, URL, None).iter_bytes()) == [b"abc"]
    assert raw.isclosed()


def test_content_encoded_bodies_are_left_to_urllib3_and_decoded() -> None:
    text = b'data: {"a": 1}\n\ndata: [DONE]\n\n'
    body = gzip.compress(text)
    head = HEAD.replace(b"transfer-encoding", b"content-encoding: gzip\r\ntransfer-encoding")
    wire = head + b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"
    response = _response(wire)

    assert _plain(response) is None
    assert b"".join(Urllib3Response(response, URL, None).iter_bytes()) == text

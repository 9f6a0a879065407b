"""Reliability through the public API, one test (sync and async where both exist) for each way a call
used to go wrong: deadlines that a dripping server cannot stretch, errors that end a stream at once,
streams that never pin a socket, compressed and corrupt bodies, typed errors, redacted keys, no paying
twice for a broken answer, logging, and bounded concurrency."""

from __future__ import annotations

import asyncio
import gc
import logging
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from ai_sdk import ConcurrencyLimit, Timeout, generate_image, generate_text, stream_object, stream_text, tool
from ai_sdk.deepinfra import DeepInfraProvider, create_deepinfra
from ai_sdk.errors import APICallError, DeadlineExceededError, InvalidArgumentError, RetryError
from ai_sdk.sync import generate_image as generate_image_sync
from ai_sdk.sync import generate_text as generate_text_sync
from ai_sdk.sync import stream_object as stream_object_sync
from ai_sdk.sync import stream_text as stream_text_sync
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator import ErrorReply, RawReply

from .conftest import CHAT_MODEL, KEY
from .raw_server import SSE_HEAD, RawServer, chunk, delta_frame, raw_server, sse

SECRET = "sk-reliability-0123456789abcdef"
IMAGE_MODEL = "black-forest-labs/FLUX-1-schnell"
WORDS = " ".join(f"w{index}" for index in range(60))


async def _generate(mode: str, **kwargs: Any) -> Any:
    if mode == "sync":
        return generate_text_sync(**kwargs)
    return await generate_text(**kwargs)


async def _stream_text_value(mode: str, **kwargs: Any) -> str:
    """``result.text`` of a stream (the property in the blocking API, awaited in the async one)."""
    if mode == "sync":
        return stream_text_sync(**kwargs).text
    text: str = await stream_text(**kwargs).text
    return text


def _json_head(length: int) -> bytes:
    return b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n" % length


CHAT_JSON = (
    b'{"id": "c1", "object": "chat.completion", "created": 1, "model": "m", "choices": [{"index": 0, '
    b'"message": {"role": "assistant", "content": "late"}, "finish_reason": "stop"}], '
    b'"usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}'
)


def _drip_json(conn: socket.socket, stop: threading.Event) -> None:
    """A valid answer, one byte every 50 ms after 60 spaces (about 13 s in all)."""
    body = b" " * 60 + CHAT_JSON
    conn.sendall(_json_head(len(body)))
    for byte in body:
        if stop.wait(0.05):
            return
        conn.sendall(bytes([byte]))


@pytest.fixture
def drip() -> Iterator[RawServer]:
    with raw_server(_drip_json) as server:
        yield server


# ------------------------------------------------------------------------------------------- deadlines


async def test_timeout_is_a_deadline_a_dripping_json_body_cannot_stretch(mode: str, drip: RawServer) -> None:
    provider = create_deepinfra(base_url=drip.url, api_key=KEY)
    started = time.monotonic()
    with pytest.raises(DeadlineExceededError) as caught:
        await _generate(mode, model=provider(CHAT_MODEL), prompt="Hi", timeout=1)
    assert time.monotonic() - started < 3
    assert caught.value.limit == "total"
    assert "total timeout of 1 s passed" in caught.value.message
    assert len(drip.requests) == 1  # a deadline is never retried


async def test_timeout_is_a_deadline_for_a_stream_too(
    mode: str, emu: DeepInfraEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    """Sixty words 100 ms apart: every read is quick, yet the stream ends at the 1 s deadline (logged)."""
    emu.chat.reply_text(WORDS, chunk_delay=0.1)
    provider = create_deepinfra(base_url=emu.base_url, api_key=KEY)
    started = time.monotonic()
    with pytest.raises(DeadlineExceededError):
        await _stream_text_value(mode, model=provider(CHAT_MODEL), prompt="Hi", timeout=1)
    assert time.monotonic() - started < 3
    hits = [
        record for record in caplog.records if record.levelno == logging.WARNING and record.name.startswith("ai_sdk")
    ]
    assert any("total timeout of 1 s passed" in record.getMessage() for record in hits)


async def test_a_step_limit_bounds_each_model_call(mode: str, drip: RawServer) -> None:
    provider = create_deepinfra(base_url=drip.url, api_key=KEY)
    with pytest.raises(DeadlineExceededError) as caught:
        await _generate(mode, model=provider(CHAT_MODEL), prompt="Hi", timeout=Timeout(total=30, step=0.5))
    assert caught.value.limit == "step"


async def test_the_total_spans_retries(mode: str, emu: DeepInfraEmulator, sleeps: list[float]) -> None:
    """A 503 asks for a 2 s backoff, but only 1 s is left: the call fails at once, naming why."""
    emu.chat.reply_error(503, times=3)
    provider = create_deepinfra(base_url=emu.base_url, api_key=KEY)
    with pytest.raises(DeadlineExceededError, match="waiting 2 s to retry") as caught:
        await _generate(mode, model=provider(CHAT_MODEL), prompt="Hi", timeout=1)
    assert isinstance(caught.value.__cause__, APICallError)
    assert sleeps == []
    assert len(emu.requests) == 1


def test_a_dropped_connection_attempt_gives_up_after_the_default_connect_timeout() -> None:
    """No timeout set: the connection attempt gets no answer (a full listen queue drops it), and the
    call fails after the default 5 s connect limit instead of the old 600 s."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    fillers = [socket.socket() for _ in range(4)]
    for filler in fillers:
        filler.setblocking(False)
        filler.connect_ex(listener.getsockname())
    try:
        provider = create_deepinfra(base_url=f"http://127.0.0.1:{listener.getsockname()[1]}/v1", api_key=KEY)
        started = time.monotonic()
        with pytest.raises(APICallError, match="could not connect within 5 s"):
            generate_text_sync(model=provider(CHAT_MODEL), prompt="Hi", max_retries=0)
        assert 4.5 < time.monotonic() - started < 8
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


async def test_a_tool_that_hangs_becomes_a_tool_error(mode: str, emu: DeepInfraEmulator) -> None:
    release = threading.Event()

    @tool(timeout=0.3)
    def slow_lookup(city: str) -> str:
        """Look a city up.

        Args:
            city: The city.
        """
        release.wait(5)
        return "never seen"

    @tool(timeout=0.3)
    async def slow_async_lookup(city: str) -> str:
        """Look a city up, asynchronously.

        Args:
            city: The city.
        """
        await asyncio.sleep(5)
        return "never seen"

    chosen = slow_lookup if mode == "sync" else slow_async_lookup
    emu.chat.reply_tool_calls([{"name": chosen.name, "arguments": {"city": "Paris"}}])
    emu.chat.reply_text("The lookup timed out.")
    provider = create_deepinfra(base_url=emu.base_url, api_key=KEY)
    from ai_sdk import step_count_is

    started = time.monotonic()
    try:
        result = await _generate(
            mode, model=provider(CHAT_MODEL), prompt="Paris?", tools=[chosen], stop_when=step_count_is(2)
        )
    finally:
        release.set()
    assert time.monotonic() - started < 3
    errors = [part for step in result.steps for part in step.content if getattr(part, "type", "") == "tool-error"]
    assert len(errors) == 1
    assert "did not finish within its timeout of 0.3 s" in str(errors[0].error)
    assert result.text == "The lookup timed out."


def test_bad_timeouts_are_typed_errors() -> None:
    provider = create_deepinfra(base_url="http://127.0.0.1:9/v1", api_key=KEY)
    for bad in (float("inf"), float("nan"), 0, -1, "10", True):
        with pytest.raises(InvalidArgumentError, match="timeout"):
            generate_text_sync(model=provider(CHAT_MODEL), prompt="Hi", timeout=bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match=r"timeout\.chunk"):
        Timeout(chunk=float("inf"))
    with pytest.raises(InvalidArgumentError, match="timeout"):
        tool(lambda city: city, timeout=float("inf"))


# ------------------------------------------------------------------------------ errors end the stream


def _error_then_silence(conn: socket.socket, stop: threading.Event) -> None:
    delta = delta_frame('{"a')
    error = sse({"error": {"message": "Internal error during generation", "code": 500}})
    conn.sendall(SSE_HEAD + chunk(delta) + chunk(error))
    stop.wait(20)  # then nothing: the connection stays open


@pytest.fixture
def silent_after_error() -> Iterator[RawServer]:
    with raw_server(_error_then_silence) as server:
        yield server


class Pair(BaseModel):
    a: int


async def test_a_known_error_ends_the_stream_at_once_for_every_reader(mode: str, silent_after_error: RawServer) -> None:
    provider = create_deepinfra(base_url=silent_after_error.url, api_key=KEY)
    model = provider(CHAT_MODEL)
    started = time.monotonic()
    with pytest.raises(APICallError, match="Internal error during generation"):
        await _stream_text_value(mode, model=model, prompt="Hi", max_retries=0)
    if mode == "sync":
        result = stream_text_sync(model=model, prompt="Hi", max_retries=0)
        with pytest.raises(APICallError):
            result.consume()
        with pytest.raises(APICallError):
            _ = stream_object_sync(model=model, schema=Pair, prompt="Hi", max_retries=0).object
    else:
        result_async = stream_text(model=model, prompt="Hi", max_retries=0)
        with pytest.raises(APICallError):
            await result_async.consume()
        with pytest.raises(APICallError):
            await stream_object(model=model, schema=Pair, prompt="Hi", max_retries=0).object
    assert time.monotonic() - started < 3  # the server stays silent for 20 s after its error frame


async def test_kept_errors_of_malformed_streams_pin_no_socket(mode: str, emu: DeepInfraEmulator) -> None:
    """Twenty streams fail on a malformed frame and their errors are kept: their connections go back to
    the pool (or are closed), so the client ends with one or two connections, not twenty."""
    provider = create_deepinfra(base_url=emu.base_url, api_key=KEY)
    errors: list[BaseException] = []
    for _ in range(20):
        emu.chat.reply_text("one two three", malformed_at=1)
        try:
            await _stream_text_value(mode, model=provider(CHAT_MODEL), prompt="Hi", max_retries=0)
        except Exception as error:
            errors.append(error)
    assert len(errors) == 20
    assert emu.open_connections <= 2
    await provider.aclose()
    provider.close()


# ------------------------------------------------------------------------------------ content encoding


def _gzip_stream(conn: socket.socket, stop: threading.Event) -> None:
    frames = [delta_frame("Hello"), delta_frame(finish_reason="stop"), b"data: [DONE]\n\n"]
    import zlib

    compressor = zlib.compressobj(wbits=31)
    head = SSE_HEAD.replace(b"transfer-encoding", b"content-encoding: gzip\r\ntransfer-encoding")
    conn.sendall(head)
    for frame in frames:
        conn.sendall(chunk(compressor.compress(frame) + compressor.flush(zlib.Z_SYNC_FLUSH)))
    conn.sendall(chunk(compressor.flush()) + b"0\r\n\r\n")


async def test_a_gzip_encoded_stream_is_read_by_both_apis(mode: str) -> None:
    with raw_server(_gzip_stream) as server:
        provider = create_deepinfra(base_url=server.url, api_key=KEY, headers={"accept-encoding": "gzip"})
        assert await _stream_text_value(mode, model=provider(CHAT_MODEL), prompt="Hi") == "Hello"


async def test_a_corrupt_gzip_body_is_a_clear_error_not_retried(mode: str, emu: DeepInfraEmulator) -> None:
    emu.chat.queue(RawReply(b"\x1f\x8b\x08\x00 this is no deflate stream", headers={"content-encoding": "gzip"}))
    provider = create_deepinfra(base_url=emu.base_url, api_key=KEY)
    with pytest.raises(APICallError, match="could not be decompressed") as caught:
        await _generate(mode, model=provider(CHAT_MODEL), prompt="Hi")
    assert caught.value.is_retryable is False
    assert len(emu.requests) == 1


async def test_json_that_is_not_utf8_is_named_as_such(mode: str, emu: DeepInfraEmulator) -> None:
    emu.chat.queue(RawReply(b'{"id": "caf\xe9"}'))
    provider = create_deepinfra(base_url=emu.base_url, api_key=KEY)
    with pytest.raises(APICallError, match="not valid UTF-8"):
        await _generate(mode, model=provider(CHAT_MODEL), prompt="Hi")


# --------------------------------------------------------------------------------------- typed errors


def test_provider_headers_are_checked_when_given() -> None:
    with pytest.raises(InvalidArgumentError, match="headers"):
        create_deepinfra(headers="x")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="headers"):
        create_deepinfra(headers={"x-count": 3})  # type: ignore[dict-item]


async def test_a_created_time_out_of_range_is_no_crash(mode: str, emu: DeepInfraEmulator) -> None:
    body = CHAT_JSON.replace(b'"created": 1', b'"created": 1e20')
    emu.chat.queue(RawReply(body))
    provider = create_deepinfra(base_url=emu.base_url, api_key=KEY)
    result = await _generate(mode, model=provider(CHAT_MODEL), prompt="Hi")
    assert result.text == "late"
    assert result.response.timestamp is None or result.response.timestamp.year < 10000


async def _edit_image(mode: str, **kwargs: Any) -> Any:
    if mode == "sync":
        return generate_image_sync(**kwargs)
    return await generate_image(**kwargs)


async def test_bytes_that_are_not_an_image_are_refused_before_sending(mode: str, emu: DeepInfraEmulator) -> None:
    provider = create_deepinfra(base_url=emu.base_url, api_key=KEY)
    image_model = provider.image(IMAGE_MODEL)
    with pytest.raises(InvalidArgumentError, match="not an image"):
        await _edit_image(mode, model=image_model, prompt="edit", images=[b"plain text, not a picture"])
    from ai_sdk.errors import InvalidPromptError
    from ai_sdk.spec import FilePart, TextPart, UserMessage

    message = UserMessage([TextPart("What is it?"), FilePart(b"plain text, not a picture", "image/*")])
    with pytest.raises(InvalidPromptError, match="not a PNG, JPEG, GIF or WebP"):
        await _generate(mode, model=provider(CHAT_MODEL), messages=[message])
    assert emu.requests == []


# ----------------------------------------------------------------------------------------- redaction


async def test_an_echoed_key_is_redacted_from_errors(mode: str, emu: DeepInfraEmulator) -> None:
    emu.chat.queue(
        ErrorReply(
            401,
            message=f"Invalid header: Authorization: Bearer {SECRET}",
            headers={"x-echo": f"Bearer {SECRET}"},
        )
    )
    provider = create_deepinfra(base_url=emu.base_url, api_key=SECRET)
    with pytest.raises(APICallError) as caught:
        await _generate(mode, model=provider(CHAT_MODEL), prompt="Hi")
    error = caught.value
    shown = [
        str(error),
        repr(error),
        error.message,
        error.response_body,
        repr(error.data),
        repr(error.response_headers),
    ]
    assert all(SECRET not in text for text in shown)
    assert "[REDACTED]" in error.message


async def test_an_echoed_key_in_a_stream_error_is_redacted(mode: str, emu: DeepInfraEmulator) -> None:
    emu.chat.reply_text("one two", error_frame_at=1, error_frame={"error": {"message": f"bad key {SECRET}"}})
    provider = create_deepinfra(base_url=emu.base_url, api_key=SECRET)
    with pytest.raises(APICallError) as caught:
        await _stream_text_value(mode, model=provider(CHAT_MODEL), prompt="Hi", max_retries=0)
    assert SECRET not in str(caught.value)
    assert SECRET not in str(caught.value.response_body)


# ----------------------------------------------------------------------------- not paying twice


def _broken_body(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(_json_head(len(CHAT_JSON)) + CHAT_JSON[:20])


async def test_a_2xx_answer_that_breaks_off_is_not_retried_unless_asked(mode: str) -> None:
    with raw_server(_broken_body) as server:
        provider = create_deepinfra(base_url=server.url, api_key=KEY)
        with pytest.raises(APICallError, match="not retried: the server answered 2xx") as caught:
            await _generate(mode, model=provider(CHAT_MODEL), prompt="Hi")
        assert caught.value.is_retryable is False
        assert len(server.requests) == 1
        eager = create_deepinfra(base_url=server.url, api_key=KEY, retry_broken_bodies=True)
        with pytest.raises(RetryError):
            await _generate(mode, model=eager(CHAT_MODEL), prompt="Hi", max_retries=1)
        assert len(server.requests) == 3


# -------------------------------------------------------------------------------------------- logging


async def test_retries_tool_errors_and_deadline_hits_are_logged(
    mode: str, emu: DeepInfraEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="ai_sdk")
    emu.chat.reply_error(429, retry_after=1)
    provider = create_deepinfra(base_url=emu.base_url, api_key=SECRET)
    await _generate(mode, model=provider(CHAT_MODEL), prompt="Hi")
    retries = [record for record in caplog.records if record.name == "ai_sdk.retry"]
    assert len(retries) == 1
    assert retries[0].levelno == logging.INFO
    assert (retries[0].attempt, retries[0].status, retries[0].delay) == (1, 429, 1.0)  # type: ignore[attr-defined]
    summaries = [record.getMessage() for record in caplog.records if record.name == "ai_sdk.http"]
    assert any(message.startswith("POST ") and "-> 429 in" in message for message in summaries)
    assert any("-> 200 in" in message for message in summaries)
    assert all(SECRET not in record.getMessage() for record in caplog.records)

    caplog.clear()
    emu.chat.reply_error(503)
    with pytest.raises(DeadlineExceededError):
        await _generate(mode, model=provider(CHAT_MODEL), prompt="Hi", timeout=0.5)
    assert [record.levelno for record in caplog.records if record.name == "ai_sdk.retry"] == [logging.WARNING]


# ---------------------------------------------------------------------------- lifecycle and bounds


def test_a_provider_closes_with_its_block(emu: DeepInfraEmulator) -> None:
    with create_deepinfra(base_url=emu.base_url, api_key=KEY) as provider:
        assert generate_text_sync(model=provider(CHAT_MODEL), prompt="Hi").text
        assert emu.open_connections == 1
    deadline = time.monotonic() + 3
    while emu.open_connections and time.monotonic() < deadline:
        time.sleep(0.01)
    assert emu.open_connections == 0


async def test_an_async_provider_closes_and_a_dropped_one_reports_nothing(emu: DeepInfraEmulator) -> None:
    loop = asyncio.get_running_loop()
    reported: list[dict[str, Any]] = []
    loop.set_exception_handler(lambda _loop, context: reported.append(context))
    unraisable: list[Any] = []
    import sys

    previous_hook = sys.unraisablehook
    sys.unraisablehook = unraisable.append
    try:
        async with create_deepinfra(base_url=emu.base_url, api_key=KEY) as provider:
            assert (await generate_text(model=provider(CHAT_MODEL), prompt="Hi")).text
        dropped = create_deepinfra(base_url=emu.base_url, api_key=KEY)
        assert (await generate_text(model=dropped(CHAT_MODEL), prompt="Hi")).text
        del dropped
        gc.collect()
        for _ in range(20):
            await asyncio.sleep(0.01)
        gc.collect()
    finally:
        sys.unraisablehook = previous_hook
        loop.set_exception_handler(None)
    assert reported == []
    assert unraisable == []
    deadline = time.monotonic() + 3
    while emu.open_connections and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    assert emu.open_connections == 0


async def test_generate_image_bounds_its_parallel_calls(emu: DeepInfraEmulator) -> None:
    emu.latency = 0.05
    provider = create_deepinfra(base_url=emu.base_url, api_key=KEY)
    result = await generate_image(model=provider.image(IMAGE_MODEL), prompt="a cat", n=40, size="256x256")
    assert len(result.images) == 40
    assert emu.peak_in_flight() <= 8
    emu.reset()
    result = await generate_image(
        model=provider.image(IMAGE_MODEL), prompt="a cat", n=12, size="256x256", max_parallel_calls=3
    )
    assert len(result.images) == 12
    assert emu.peak_in_flight() <= 3
    await provider.aclose()


def _provider_with_limit(emu: DeepInfraEmulator, limit: int | ConcurrencyLimit) -> DeepInfraProvider:
    return create_deepinfra(base_url=emu.base_url, api_key=KEY, max_concurrent_requests=limit)


async def test_a_provider_limit_bounds_every_call_async_and_blocking(emu: DeepInfraEmulator) -> None:
    emu.latency = 0.05
    shared = ConcurrencyLimit(4)
    provider = _provider_with_limit(emu, shared)
    other = _provider_with_limit(emu, shared)  # a second provider sharing the same bound
    model = provider(CHAT_MODEL)

    def blocking_calls() -> None:
        for _ in range(3):
            generate_text_sync(model=other(CHAT_MODEL), prompt="Hi")

    threads = [threading.Thread(target=blocking_calls) for _ in range(4)]
    for thread in threads:
        thread.start()
    results = await asyncio.gather(*(generate_text(model=model, prompt=f"Hi {i}") for i in range(16)))
    for thread in threads:
        await asyncio.to_thread(thread.join, 10)
    assert len(results) == 16
    assert emu.peak_in_flight() <= 4
    assert len(emu.requests) == 28
    assert (shared.in_flight, shared.waiting) == (0, 0)
    await provider.aclose()
    other.close()


async def test_waiting_for_a_slot_counts_against_the_deadline(emu: DeepInfraEmulator) -> None:
    emu.latency = 2
    provider = _provider_with_limit(emu, 1)
    first = asyncio.ensure_future(generate_text(model=provider(CHAT_MODEL), prompt="Hi"))
    await asyncio.sleep(0.2)
    with pytest.raises(DeadlineExceededError, match="waiting for a free request slot"):
        await generate_text(model=provider(CHAT_MODEL), prompt="Hi", timeout=0.3)
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    emu.latency = 0
    assert (await generate_text(model=provider(CHAT_MODEL), prompt="Hi", timeout=5)).text  # the slot came back
    await provider.aclose()

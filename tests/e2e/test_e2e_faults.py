"""Faults end to end, over loopback: rate limits and server errors with retries (sleeps faked), network
errors, a stream cut in the middle, a malformed frame, an error frame, a stalled stream, and a stream
the caller abandons. Every test is bounded in time (see conftest), so a hang fails instead of stalling."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from ai_sdk import ErrorPart, generate_text, stream_text
from ai_sdk.deepinfra import DeepInfraProvider
from ai_sdk.errors import AISDKError, APICallError, DeadlineExceededError, RetryError
from ai_sdk.sync import generate_text as generate_text_sync
from ai_sdk.sync import stream_text as stream_text_sync
from ai_sdk.testing import DeepInfraEmulator

from .conftest import CHAT_MODEL


def _wait_until_closed(emu: DeepInfraEmulator, timeout: float = 3.0) -> None:
    """Wait for the emulator to see every client connection closed."""
    deadline = time.monotonic() + timeout
    while emu.open_connections and time.monotonic() < deadline:
        time.sleep(0.01)
    assert emu.open_connections == 0


async def _wait_until_closed_async(emu: DeepInfraEmulator, timeout: float = 3.0) -> None:
    """The same without blocking the event loop, which has to run for the client to close its socket."""
    deadline = time.monotonic() + timeout
    while emu.open_connections and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    assert emu.open_connections == 0


# --------------------------------------------------------------------------------------------- retries


def test_429_with_retry_after_then_success_sync(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, sleeps: list[float]
) -> None:
    emu.chat.reply_error(429, retry_after=3)
    result = generate_text_sync(model=provider(CHAT_MODEL), prompt="Hi")
    assert result.text.startswith('You said: "Hi".')
    assert sleeps == [3.0]
    assert len(emu.requests) == 2


async def test_429_without_retry_after_backs_off_async(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, sleeps: list[float]
) -> None:
    emu.chat.reply_error(429, times=2)
    result = await generate_text(model=provider(CHAT_MODEL), prompt="Hi")
    assert result.finish_reason == "stop"
    assert sleeps == [2.0, 4.0]
    assert len(emu.requests) == 3


async def test_429_retry_after_then_success_stream_async(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, sleeps: list[float]
) -> None:
    emu.chat.reply_error(429, retry_after=1.5)
    result = stream_text(model=provider(CHAT_MODEL), prompt="Hi")
    assert (await result.text).startswith('You said: "Hi".')
    assert sleeps == [1.5]


def _check_exhausted(error: RetryError, emu: DeepInfraEmulator, sleeps: list[float]) -> None:
    assert error.reason == "max_retries_exceeded"
    assert len(error.errors) == 3
    assert all(isinstance(e, APICallError) and e.status_code == 503 for e in error.errors)
    assert "Service Unavailable" in error.message
    assert sleeps == [2.0, 4.0]
    assert len(emu.requests) == 3


def test_503_exhausts_retries_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider, sleeps: list[float]) -> None:
    emu.chat.reply_error(503, times=3)
    with pytest.raises(RetryError) as caught:
        generate_text_sync(model=provider(CHAT_MODEL), prompt="Hi", max_retries=2)
    _check_exhausted(caught.value, emu, sleeps)


async def test_503_exhausts_retries_async(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, sleeps: list[float]
) -> None:
    emu.chat.reply_error(503, times=3)
    with pytest.raises(RetryError) as caught:
        await generate_text(model=provider(CHAT_MODEL), prompt="Hi", max_retries=2)
    _check_exhausted(caught.value, emu, sleeps)


def test_503_exhausts_retries_stream_sync(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, sleeps: list[float]
) -> None:
    emu.chat.reply_error(503, times=3)
    result = stream_text_sync(model=provider(CHAT_MODEL), prompt="Hi", max_retries=2)
    errors = [part.error for part in result.full_stream if isinstance(part, ErrorPart)]
    assert len(errors) == 1
    assert isinstance(errors[0], RetryError)
    _check_exhausted(errors[0], emu, sleeps)


def test_non_retryable_error_is_raised_at_once(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, sleeps: list[float]
) -> None:
    emu.chat.reply_error(400, "Context window exceeded")
    with pytest.raises(APICallError, match="Context window exceeded") as caught:
        generate_text_sync(model=provider(CHAT_MODEL), prompt="Hi")
    assert caught.value.status_code == 400
    assert sleeps == []


def test_dropped_connection_is_retried_sync(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, sleeps: list[float]
) -> None:
    emu.chat.disconnect()
    result = generate_text_sync(model=provider(CHAT_MODEL), prompt="Hi")
    assert result.finish_reason == "stop"
    assert sleeps == [2.0]


async def test_dropped_connection_is_retried_async(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, sleeps: list[float]
) -> None:
    emu.chat.disconnect()
    result = await generate_text(model=provider(CHAT_MODEL), prompt="Hi")
    assert result.finish_reason == "stop"
    assert sleeps == [2.0]


# ------------------------------------------------------------------------------------- stream faults


def _check_cut(emu: DeepInfraEmulator, parts: list[Any]) -> None:
    errors = [part.error for part in parts if isinstance(part, ErrorPart)]
    assert len(errors) == 1
    assert isinstance(errors[0], APICallError)
    assert errors[0].is_retryable
    assert "".join(getattr(part, "delta", "") for part in parts if part.type == "text-delta") == "one two"
    assert len(emu.requests) == 1  # a started stream is never retried
    _wait_until_closed(emu)


def test_stream_cut_mid_way_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.chat.reply_text("one two three four", drop_after=3)
    result = stream_text_sync(model=provider(CHAT_MODEL), prompt="Hi")
    _check_cut(emu, list(result.full_stream))
    with pytest.raises(APICallError):
        _ = result.text


async def test_stream_cut_mid_way_async(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.chat.reply_text("one two three four", drop_after=3)
    result = stream_text(model=provider(CHAT_MODEL), prompt="Hi")
    _check_cut(emu, [part async for part in result.full_stream])
    with pytest.raises(APICallError):
        await result.text


def test_stream_cut_raises_from_text_stream_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.chat.reply_text("one two three four", drop_after=3)
    stream = stream_text_sync(model=provider(CHAT_MODEL), prompt="Hi").text_stream
    assert [next(stream), next(stream)] == ["one", " two"]
    with pytest.raises(APICallError):
        next(stream)


def _check_error_part(parts: list[Any], message: str) -> None:
    errors = [part.error for part in parts if isinstance(part, ErrorPart)]
    assert errors
    assert all(isinstance(error, AISDKError) for error in errors)
    assert message in str(errors[0])
    finish_steps = [part for part in parts if part.type == "finish-step"]
    assert finish_steps[-1].finish_reason == "error"


def test_malformed_frame_gives_an_error_part_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.chat.reply_text("one two", malformed_at=2)
    parts = list(stream_text_sync(model=provider(CHAT_MODEL), prompt="Hi").full_stream)
    _check_error_part(parts, "JSON")


async def test_malformed_frame_gives_an_error_part_async(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.chat.reply_text("one two", malformed_at=2)
    parts = [part async for part in stream_text(model=provider(CHAT_MODEL), prompt="Hi").full_stream]
    _check_error_part(parts, "JSON")


def test_error_frame_gives_an_error_part_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.chat.reply_text("one two three", error_frame_at=2)
    parts = list(stream_text_sync(model=provider(CHAT_MODEL), prompt="Hi").full_stream)
    _check_error_part(parts, "Internal error during generation")


async def test_error_frame_gives_an_error_part_async(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.chat.reply_text("one two three", error_frame_at=2)
    parts = [part async for part in stream_text(model=provider(CHAT_MODEL), prompt="Hi").full_stream]
    _check_error_part(parts, "Internal error during generation")


def test_stalled_stream_times_out_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.chat.reply_text("one two three", chunk_delay=30)
    started = time.monotonic()
    parts = list(stream_text_sync(model=provider(CHAT_MODEL), prompt="Hi", timeout=0.3, max_retries=0).full_stream)
    assert time.monotonic() - started < 3
    errors = [part.error for part in parts if isinstance(part, ErrorPart)]
    assert len(errors) == 1
    assert isinstance(errors[0], DeadlineExceededError)  # timeout= is the call's total


async def test_stalled_stream_times_out_async(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.chat.reply_text("one two three", chunk_delay=30)
    started = time.monotonic()
    result = stream_text(model=provider(CHAT_MODEL), prompt="Hi", timeout=0.3, max_retries=0)
    parts = [part async for part in result.full_stream]
    assert time.monotonic() - started < 3
    assert [type(part.error) for part in parts if isinstance(part, ErrorPart)] == [DeadlineExceededError]


def test_abandoned_stream_releases_the_connection_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.chat.reply_text("one two three four five six", chunk_delay=0.05)
    result = stream_text_sync(model=provider(CHAT_MODEL), prompt="Hi")
    stream = result.text_stream
    assert next(stream) == "one"
    result.close()
    _wait_until_closed(emu)


async def test_abandoned_stream_releases_the_connection_async(
    emu: DeepInfraEmulator, provider: DeepInfraProvider
) -> None:
    emu.chat.reply_text("one two three four five six", chunk_delay=0.05)
    async with stream_text(model=provider(CHAT_MODEL), prompt="Hi") as result:
        async for delta in result.text_stream:
            assert delta == "one"
            break
    await _wait_until_closed_async(emu)

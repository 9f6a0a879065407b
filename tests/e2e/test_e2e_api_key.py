"""The API key never shows: not in any error a call raises (its message, ``repr``, ``args``, attributes,
and the errors it was raised from, walked to the end of the ``__cause__`` / ``__context__`` chain), not
in any log record of the ``ai_sdk`` loggers, not in the ``repr`` of a provider or model. Every error
path a server can lead a call into is tried, with a server that echoes the key back wherever it can (a
misconfigured proxy, or a base URL pointed at an echo service)."""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import ai_sdk
import ai_sdk.sync
from ai_sdk import Timeout, generate_text, stream_text
from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.errors import AISDKError, LoadAPIKeyError
from ai_sdk.sync import generate_text as generate_text_sync
from ai_sdk.sync import stream_text as stream_text_sync

from .conftest import CHAT_MODEL
from .raw_server import SSE_HEAD, chunk, raw_server, sse

SECRET = "sk-never-shown-0123456789abcdef"
ECHO = f"Authorization: Bearer {SECRET}"


def _answer(status: str, content_type: str, body: bytes, *extra: bytes) -> bytes:
    head = b"HTTP/1.1 %s\r\ncontent-type: %s\r\ncontent-length: %d\r\n" % (
        status.encode(),
        content_type.encode(),
        len(body),
    )
    return head + b"".join(extra) + b"connection: close\r\n\r\n" + body


def _replying(data: bytes) -> Callable[[socket.socket, threading.Event], None]:
    def handler(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(data)

    return handler


def _hang_up(conn: socket.socket, stop: threading.Event) -> None:
    conn.close()


def _stall(conn: socket.socket, stop: threading.Event) -> None:
    stop.wait(5)


SERVERS: dict[str, Callable[[socket.socket, threading.Event], None]] = {
    "401 echoing the key in its body and a header": _replying(
        _answer(
            "401 Unauthorized",
            "application/json",
            json.dumps({"error": {"message": f"invalid key: {ECHO}"}}).encode(),
            f"x-echo: {ECHO}\r\n".encode(),
        )
    ),
    "502 HTML page echoing the key (retried)": _replying(
        _answer("502 Bad Gateway", "text/html", f"<html><pre>{ECHO}</pre></html>".encode())
    ),
    "2xx that is not JSON, echoing the key": _replying(
        _answer("200 OK", "application/json", f'{{"echo": "{ECHO}", '.encode())
    ),
    "2xx JSON that is no chat answer, echoing the key": _replying(
        _answer("200 OK", "application/json", json.dumps({"echo": ECHO}).encode())
    ),
    "SSE error frame echoing the key": _replying(
        SSE_HEAD + chunk(sse({"error": {"message": f"rejected: {ECHO}"}})) + b"0\r\n\r\n"
    ),
    "SSE frame that is not JSON, echoing the key": _replying(
        SSE_HEAD + chunk(f'data: {{"echo": "{ECHO}"\n\n'.encode()) + b"0\r\n\r\n"
    ),
    "connection closed before answering (retried)": _hang_up,
    "no answer before the deadline": _stall,
}


def _texts(value: Any, seen: set[int]) -> Iterator[str]:
    """Every text reachable from an error: its str and repr, its args and attributes (at any depth), and
    the same for the errors it was raised from."""
    if id(value) in seen or value is None or isinstance(value, bool | int | float):
        return
    seen.add(id(value))
    if isinstance(value, str):
        yield value
        return
    if isinstance(value, bytes):
        yield value.decode("latin-1")
        return
    yield repr(value)
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key, seen)
            yield from _texts(item, seen)
        return
    if isinstance(value, list | tuple | set):
        for item in value:
            yield from _texts(item, seen)
        return
    if isinstance(value, BaseException):
        yield str(value)
        yield from _texts(value.args, seen)
        yield from _texts(value.__cause__, seen)
        yield from _texts(value.__context__, seen)
    for item in getattr(value, "__dict__", {}).values():
        if not callable(item) or isinstance(item, BaseException):
            yield from _texts(item, seen)


@pytest.fixture
def records() -> Iterator[list[logging.LogRecord]]:
    """Every record of the ``ai_sdk`` loggers, DEBUG included."""
    captured: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            captured.append(record)

    logger = logging.getLogger("ai_sdk")
    handler, level = Keep(logging.DEBUG), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield captured
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


async def _call(mode: str, stream: bool, **kwargs: Any) -> None:
    if mode == "sync":
        if stream:
            stream_text_sync(**kwargs).consume()
        else:
            generate_text_sync(**kwargs)
    elif stream:
        await stream_text(**kwargs).consume()
    else:
        await generate_text(**kwargs)


@pytest.mark.parametrize("stream", [False, True], ids=["generate", "stream"])
@pytest.mark.parametrize("server_kind", list(SERVERS))
async def test_no_error_log_or_repr_shows_the_key(
    mode: str, stream: bool, server_kind: str, records: list[logging.LogRecord]
) -> None:
    with raw_server(SERVERS[server_kind]) as server:
        provider = create_deepinfra(base_url=server.url, api_key=SECRET)
        model = provider(CHAT_MODEL)
        timeout = Timeout(total=0.3) if server_kind == "no answer before the deadline" else None
        with pytest.raises(AISDKError) as caught:
            await _call(mode, stream, model=model, prompt="Hi", max_retries=1, timeout=timeout)
        await provider.aclose()
    leaks = [text for text in _texts(caught.value, set()) if SECRET in text]
    assert leaks == []
    logged = [f"{record.getMessage()} {record.__dict__!r}" for record in records]
    assert logged, "the call logged nothing at DEBUG"
    assert [text for text in logged if SECRET in text] == []
    assert SECRET not in repr(provider) + repr(model)


WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(28)

OTHER_CALLS: dict[str, tuple[str, Callable[[Any], dict[str, Any]]]] = {
    "completion": ("generate_text", lambda p: {"model": p.completion_model(CHAT_MODEL), "prompt": "Hi"}),
    "embedding": ("embed", lambda p: {"model": p.embedding_model("BAAI/bge-base-en-v1.5"), "value": "Hi"}),
    "image": ("generate_image", lambda p: {"model": p.image_model("black-forest-labs/FLUX-1-schnell"), "prompt": "Hi"}),
    "rerank": (
        "rerank",
        lambda p: {"model": p.reranking_model("Qwen/Qwen3-Reranker-0.6B"), "query": "q", "documents": ["a"]},
    ),
    "transcription": (
        "transcribe",
        lambda p: {"model": p.transcription_model("openai/whisper-large-v3"), "audio": WAV},
    ),
    "speech": ("generate_speech", lambda p: {"model": p.speech_model("hexgrad/Kokoro-82M"), "text": "Hi"}),
}


async def _call_function(mode: str, name: str, **arguments: Any) -> None:
    if mode == "sync":
        getattr(ai_sdk.sync, name)(**arguments)
    else:
        await getattr(ai_sdk, name)(**arguments)


@pytest.mark.parametrize("kind", list(OTHER_CALLS))
async def test_an_echoed_key_in_a_2xx_answer_of_any_model_kind_is_not_shown(mode: str, kind: str) -> None:
    """Each model kind's parser quotes a 2xx answer it cannot read; the key an echo server puts there is
    removed from the error it raises."""
    answer = _answer("200 OK", "application/json", json.dumps({"echo": ECHO, "data": ECHO}).encode())
    name, arguments = OTHER_CALLS[kind]
    with raw_server(_replying(answer)) as server:
        provider = create_deepinfra(base_url=server.url, api_key=SECRET)
        with pytest.raises(AISDKError) as caught:
            await _call_function(mode, name, **arguments(provider), max_retries=0)
        await provider.aclose()
    assert [text for text in _texts(caught.value, set()) if SECRET in text] == []


def test_a_damaged_key_is_refused_without_being_shown() -> None:
    provider = create_deepinfra(base_url="http://127.0.0.1:9/v1", api_key=f"{SECRET}\nX-Injected: 1")
    with pytest.raises(LoadAPIKeyError) as caught:
        generate_text_sync(model=provider(CHAT_MODEL), prompt="Hi")
    assert [text for text in _texts(caught.value, set()) if SECRET in text] == []

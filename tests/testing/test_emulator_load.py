"""The emulator under load: hundreds of clients connecting at once, DeepInfra's per-model concurrency cap
(429 above N in flight) and a per-request latency, through the API and the command line."""

from __future__ import annotations

import contextlib
import http.client
import os
import selectors
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from ai_sdk.errors import InvalidArgumentError
from ai_sdk.testing import DeepInfraEmulator

from .emulator_http import CHAT, MODEL, Answer, chat, request

OTHER_MODEL = "Qwen/Qwen2.5-72B-Instruct"
BUSY = {"error": {"message": "Model busy, retry later", "type": "invalid_request_error", "param": None, "code": None}}


def _wait_for(condition: Any, what: str) -> None:
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.005)


def test_a_burst_of_connections_is_accepted_at_once() -> None:
    """200 clients connecting in the same instant all complete the TCP handshake well before the 1 s SYN
    retransmit: the listen backlog holds them (the standard library's backlog of 5 dropped ~190)."""
    with DeepInfraEmulator(validate=False) as emu:
        sockets = [socket.socket() for _ in range(200)]
        selector = selectors.DefaultSelector()
        try:
            for sock in sockets:
                sock.setblocking(False)
                sock.connect_ex(("127.0.0.1", emu.port))
                selector.register(sock, selectors.EVENT_WRITE)
            pending = set(sockets)
            deadline = time.monotonic() + 0.9
            while pending and time.monotonic() < deadline:
                for key, _ in selector.select(timeout=0.05):
                    pending.discard(key.fileobj)  # type: ignore[arg-type]
                    selector.unregister(key.fileobj)
            assert not pending, f"{len(pending)} of 200 connections were not accepted"
            assert all(sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0 for sock in sockets)
        finally:
            selector.close()
            for sock in sockets:
                sock.close()


def test_two_hundred_concurrent_clients_all_get_answers() -> None:
    with DeepInfraEmulator(validate=False) as emu, ThreadPoolExecutor(200) as pool:
        answers = list(pool.map(lambda index: chat(emu, f"client {index}"), range(200)))
    assert [answer.status for answer in answers] == [200] * 200
    assert len({answer.json()["choices"][0]["message"]["content"] for answer in answers}) == 200


def _hold(emu: DeepInfraEmulator, model: str, count: int) -> list[threading.Thread]:
    """Start ``count`` requests for ``model`` in threads and wait until the emulator has them in flight."""
    before = emu.in_flight(model)
    threads = [threading.Thread(target=_swallow, args=(emu, model), daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    _wait_for(lambda: emu.in_flight(model) == before + count, f"{count} requests in flight")
    return threads


def _swallow(emu: DeepInfraEmulator, model: str) -> None:
    with contextlib.suppress(OSError, http.client.HTTPException):  # cut by stop() at the end of the test
        request(emu, CHAT, {"model": model, "messages": [{"role": "user", "content": "hold"}]})


def test_max_concurrency_refuses_requests_above_the_cap_per_model() -> None:
    emu = DeepInfraEmulator(max_concurrency=2, latency=30).start()
    try:
        threads = _hold(emu, MODEL, 2)
        refused = chat(emu, "one too many")
        assert refused.status == 429
        assert refused.json() == BUSY
        assert emu.throttled == 1
        assert emu.in_flight(MODEL) == 2  # the refused request held no slot
        # The cap is per model: another model still has room.
        threads += _hold(emu, OTHER_MODEL, 2)
        assert emu.in_flight() == 4
        assert emu.peak_in_flight(MODEL) == 2
        assert emu.peak_in_flight() == 4
        # The native inference route answers in its own error shape.
        emu.max_concurrency = 1
        image_model = "black-forest-labs/FLUX-1-schnell"
        threads += _hold(emu, image_model, 1)
        busy = request(emu, "/v1/inference/" + image_model, {"prompt": "a cat"})
        assert (busy.status, busy.json()) == (429, {"detail": {"error": "Model busy, retry later"}})
        assert emu.throttled == 2
    finally:
        emu.stop()
    for thread in threads:
        thread.join(10)
    _wait_for(lambda: emu.in_flight() == 0, "stop() to release every slot")


def test_without_a_cap_nothing_is_refused_and_peaks_are_counted() -> None:
    with DeepInfraEmulator(latency=30) as emu:
        threads = _hold(emu, MODEL, 5)
        emu.latency = 0
        assert chat(emu).status == 200
        assert emu.peak_in_flight(MODEL) == 6
        assert emu.throttled == 0
        _wait_for(lambda: emu.in_flight() == 5, "the answered request to leave")  # it writes, then lets go
        emu.reset()
        assert emu.peak_in_flight() == 5  # those still in flight after the reset
    for thread in threads:
        thread.join(10)


def test_latency_delays_every_answer_while_holding_the_slot() -> None:
    with DeepInfraEmulator(latency=0.3) as emu:
        started = time.monotonic()
        threads = _hold(emu, MODEL, 1)
        for thread in threads:
            thread.join(10)
        assert time.monotonic() - started >= 0.3
        assert emu.peak_in_flight(MODEL) == 1
        _wait_for(lambda: emu.in_flight() == 0, "the slot to be released")
        emu.latency = 0
        assert chat(emu).status == 200


def test_latency_applies_to_scripted_errors_and_streams() -> None:
    with DeepInfraEmulator(latency=0.2) as emu:
        emu.chat.reply_error(503)
        started = time.monotonic()
        assert chat(emu).status == 503
        assert chat(emu, stream=True).chunks()[-1]["choices"][0]["finish_reason"] == "stop"
        assert time.monotonic() - started >= 0.4


@pytest.mark.parametrize(
    ("options", "argument"),
    [
        ({"max_concurrency": 0}, "max_concurrency"),
        ({"max_concurrency": 2.5}, "max_concurrency"),
        ({"max_concurrency": True}, "max_concurrency"),
        ({"latency": -1}, "latency"),
        ({"latency": float("inf")}, "latency"),
        ({"latency": float("nan")}, "latency"),
        ({"latency": "1"}, "latency"),
        ({"rate_limit": 0}, "rate_limit"),
        ({"rate_limit": "200"}, "rate_limit"),
        ({"tpm_rate_limit": None}, "tpm_rate_limit"),
        ({"tpm_rate_limit": 1.5}, "tpm_rate_limit"),
    ],
)
def test_load_options_are_checked(options: dict[str, Any], argument: str) -> None:
    with pytest.raises(InvalidArgumentError, match=argument):
        DeepInfraEmulator(**options)
    emu = DeepInfraEmulator()
    with pytest.raises(InvalidArgumentError, match=argument):
        setattr(emu, argument, options[argument])


@contextlib.contextmanager
def _emulator_process(*arguments: str) -> Iterator[DeepInfraEmulator]:
    """``python -m ai_sdk.testing.emulator`` with ``arguments`` on a free port; yields an emulator object
    that is not started, only its address, for the helpers."""
    process = subprocess.Popen(
        [sys.executable, "-m", "ai_sdk.testing.emulator", "--port", "0", "--quiet", *arguments],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        yield DeepInfraEmulator(port=int(process.stdout.readline().rsplit(":", 1)[1].split("/")[0]))
    finally:
        process.kill()
        process.wait()


def test_command_line_caps_concurrency_and_adds_latency() -> None:
    with _emulator_process("--max-concurrency", "1", "--latency", "3") as emu:

        def call(_: int) -> Answer:
            return chat(emu)

        with ThreadPoolExecutor(2) as pool:
            statuses = sorted(answer.status for answer in pool.map(call, range(2)))
        assert statuses == [200, 429]


def test_command_line_sets_the_reported_rate_limit() -> None:
    with _emulator_process("--rate-limit", "7", "--tpm-rate-limit", "5000") as emu:
        answer = request(emu, "/v1/me/rate_limit", method="GET")
        assert answer.json() == {"rate_limit": 7, "tpm_rate_limit": 5000}

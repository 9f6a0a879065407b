"""Shared fixtures of the end-to-end suites: the public API against the DeepInfra emulator over real
loopback HTTP. Retry sleeps are faked (recorded, never slept) and every test is bounded in time, so a
hang fails fast with a traceback instead of stalling the run."""

from __future__ import annotations

import faulthandler
import signal
import sys
from collections.abc import Iterator
from types import FrameType

import pytest

from ai_sdk.deepinfra import DeepInfraProvider, create_deepinfra
from ai_sdk.testing import DeepInfraEmulator

TEST_TIMEOUT = 30.0
"""Seconds any end-to-end test may take: a hang detector, generous because a loaded CI machine can stretch a
full gc.collect() or a subprocess start to several seconds; the tests themselves take well under one."""

KEY = "e2e-test-key"
CHAT_MODEL = "meta-llama/Meta-Llama-3.1-70B-Instruct"


class E2ETimeoutError(Exception):
    """An end-to-end test ran past TEST_TIMEOUT (something hangs)."""


@pytest.fixture(autouse=True)
def _bounded() -> Iterator[None]:
    """Fail a test that runs past TEST_TIMEOUT: SIGALRM interrupts the blocking read in the main thread
    (sync API and event loop alike); faulthandler dumps every thread and exits if even that is stuck."""
    if sys.platform == "win32":
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise E2ETimeoutError(f"end-to-end test took longer than {TEST_TIMEOUT} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, TEST_TIMEOUT)
    faulthandler.dump_traceback_later(TEST_TIMEOUT * 2, exit=True)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        faulthandler.cancel_dump_traceback_later()


@pytest.fixture(autouse=True)
def sleeps(instant_retries: list[float]) -> list[float]:
    """The delays the retry loop asked for, in order; nothing really sleeps (the package's ``instant_retries``)."""
    return instant_retries


@pytest.fixture
def emu(deepinfra_emulator: DeepInfraEmulator) -> DeepInfraEmulator:
    """The plugin's emulator (shorter name)."""
    return deepinfra_emulator


@pytest.fixture
def provider(emu: DeepInfraEmulator) -> DeepInfraProvider:
    """A DeepInfra provider pointed at the emulator, with the default HTTP transports."""
    return create_deepinfra(base_url=emu.base_url, api_key=KEY)

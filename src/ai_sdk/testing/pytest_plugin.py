"""The pytest plugin installed with ai_sdk (entry point ``pytest11``): a ready ``deepinfra_emulator`` fixture,
and ``instant_retries`` (retry sleeps return at once; the fixture's value lists the delays asked for).

Any project that installs ai_sdk gets the fixture without configuration::

    def test_reply(deepinfra_emulator):
        deepinfra_emulator.chat.reply_text("Hi!")
        provider = create_deepinfra(base_url=deepinfra_emulator.base_url, api_key="test")
        ...

The emulator is imported only when a test asks for the fixture, so loading the plugin costs nothing
for test runs that never use it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .emulator import DeepInfraEmulator

__all__ = ["deepinfra_emulator", "instant_retries"]


@pytest.fixture
def deepinfra_emulator() -> Iterator[DeepInfraEmulator]:
    """A running :class:`~ai_sdk.testing.DeepInfraEmulator` on an ephemeral loopback port, fresh for each
    test (empty scripts, no recorded requests) and stopped afterwards. Any non-empty API key is accepted."""
    from .emulator import DeepInfraEmulator

    with DeepInfraEmulator() as emulator:
        yield emulator


@pytest.fixture
def instant_retries() -> Iterator[list[float]]:
    """Retry sleeps return at once for this test (see :func:`ai_sdk.testing.instant_retries`); the value is the
    list of delays (seconds) the retries asked for."""
    from .retries import instant_retries as switch

    with switch() as delays:
        yield delays

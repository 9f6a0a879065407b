"""The pytest plugin installed with ai_sdk (entry point ``pytest11``): a ready ``deepinfra_emulator`` fixture.

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

__all__ = ["deepinfra_emulator"]


@pytest.fixture
def deepinfra_emulator() -> Iterator[DeepInfraEmulator]:
    """A running :class:`~ai_sdk.testing.DeepInfraEmulator` on an ephemeral loopback port, fresh for each
    test (empty scripts, no recorded requests) and stopped afterwards. Any non-empty API key is accepted."""
    from .emulator import DeepInfraEmulator

    with DeepInfraEmulator() as emulator:
        yield emulator

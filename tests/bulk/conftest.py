"""Fixtures the bulk tests share: an emulator whose batches finish in tens of milliseconds (for the Batch
API mode) and a provider pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ai_sdk.deepinfra import DeepInfraProvider, create_deepinfra
from ai_sdk.testing import DeepInfraEmulator


@pytest.fixture
def emu() -> Iterator[DeepInfraEmulator]:
    with DeepInfraEmulator() as emulator:
        emulator.batches.timing.validating = 0.01
        emulator.batches.timing.in_progress = 0.03
        yield emulator


@pytest.fixture
def provider(emu: DeepInfraEmulator) -> DeepInfraProvider:
    return create_deepinfra(base_url=emu.base_url, api_key="bulk-key")

"""Fixtures the bulk tests share: the API under test, and an emulator whose batches finish in tens of
milliseconds (for the Batch API mode) with a provider pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ai_sdk.deepinfra import DeepInfraProvider, create_deepinfra
from ai_sdk.testing import DeepInfraEmulator


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    """``"sync"`` (the blocking twins) or ``"async"``: each test runs through both APIs."""
    return str(request.param)


@pytest.fixture
def emu() -> Iterator[DeepInfraEmulator]:
    with DeepInfraEmulator() as emulator:
        emulator.batches.timing.validating = 0.01
        emulator.batches.timing.in_progress = 0.03
        yield emulator


@pytest.fixture
def provider(emu: DeepInfraEmulator) -> DeepInfraProvider:
    return create_deepinfra(base_url=emu.base_url, api_key="bulk-key")

"""The ``mode`` fixture: registry tests run a model they found through the blocking and the async API."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)

"""Suite-wide fixtures. Nothing here touches the network beyond loopback."""

from __future__ import annotations

import pytest
from hypothesis import settings

# Property tests check behaviour, not speed: on a loaded 2-core CI machine a single example can take longer
# than Hypothesis's default 200 ms deadline, which would fail a correct test. Speed lives in bench/.
settings.register_profile("ai_sdk", deadline=None)
settings.load_profile("ai_sdk")


@pytest.fixture(autouse=True)
def _no_deepinfra_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see a real key from the developer's environment."""
    monkeypatch.delenv("DEEPINFRA_API_KEY", raising=False)


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    """``"sync"`` (the blocking twins) or ``"async"``: a test that takes it runs through both APIs."""
    return str(request.param)

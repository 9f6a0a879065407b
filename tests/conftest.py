"""Suite-wide fixtures. Nothing here touches the network beyond loopback."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_deepinfra_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see a real key from the developer's environment."""
    monkeypatch.delenv("DEEPINFRA_API_KEY", raising=False)

"""DeepInfra's result metadata: the request's estimated cost, also in ``provider_metadata`` so that
code reading provider metadata generically (logging, billing) finds it without knowing ``Usage.cost``.
Also the key DeepInfra's entries go under, in ``provider_options`` and ``provider_metadata`` alike."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..spec import ProviderMetadata
from .usage import estimated_cost

__all__ = ["PROVIDER_OPTIONS_KEY", "extract_deepinfra_metadata"]

PROVIDER_OPTIONS_KEY = "deepinfra"
"""DeepInfra's key in ``provider_options`` (what its models read) and ``provider_metadata``."""


def extract_deepinfra_metadata(body: Mapping[str, Any]) -> ProviderMetadata | None:
    """``{"deepinfra": {"estimated_cost": ...}}`` from a response body or a stream's usage chunk."""
    usage = body.get("usage")
    cost = estimated_cost(usage) if type(usage) is dict or isinstance(usage, Mapping) else None
    if cost is None:
        return None
    return {PROVIDER_OPTIONS_KEY: {"estimated_cost": cost}}

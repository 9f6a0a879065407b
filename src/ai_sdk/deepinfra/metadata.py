"""DeepInfra's result metadata: the request's estimated cost, also in ``provider_metadata`` so that
code reading provider metadata generically (logging, billing) finds it without knowing ``Usage.cost``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..spec import ProviderMetadata
from .usage import estimated_cost

__all__ = ["extract_deepinfra_metadata"]


def extract_deepinfra_metadata(body: Mapping[str, Any]) -> ProviderMetadata | None:
    """``{"deepinfra": {"estimated_cost": ...}}`` from a response body or a stream's usage chunk."""
    usage = body.get("usage")
    cost = estimated_cost(usage) if type(usage) is dict or isinstance(usage, Mapping) else None
    if cost is None:
        return None
    return {"deepinfra": {"estimated_cost": cost}}

"""Merging the provider metadata of several model calls into the one a multi-call result reports.

``embed_many`` and ``generate_image`` may split one request into several model calls; their result
still has one ``provider_metadata``. Per provider, numbers are added (a per-call ``cost`` becomes the
total), lists are concatenated (per-item entries line up with the items), and any other value is the
last call's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..spec.shared import ProviderMetadata

__all__ = ["merge_provider_metadata"]


def merge_provider_metadata(target: ProviderMetadata, source: Mapping[str, Mapping[str, Any]]) -> None:
    """Merge one call's ``source`` metadata into ``target`` in place (call order matters: last wins)."""
    for provider, values in source.items():
        merged = target.setdefault(provider, {})
        for key, value in values.items():
            previous = merged.get(key)
            if (isinstance(previous, list) and isinstance(value, list)) or (_is_number(previous) and _is_number(value)):
                merged[key] = previous + value
            else:
                merged[key] = list(value) if isinstance(value, list) else value


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)

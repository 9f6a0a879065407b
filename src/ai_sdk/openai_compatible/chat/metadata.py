"""The hook through which a provider adds its own result data (``provider_metadata``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeAlias

from ...spec import ProviderMetadata

__all__ = ["MetadataExtractor"]

MetadataExtractor: TypeAlias = Callable[[Mapping[str, Any]], ProviderMetadata | None]
"""Called with the response body of a generate call, and for a stream with the last chunk that carried
a ``usage`` object (DeepInfra's finish chunk, or an OpenAI-style usage chunk); both have the same
top-level shape, so one function serves both. Returns ``None`` when there is nothing to add."""

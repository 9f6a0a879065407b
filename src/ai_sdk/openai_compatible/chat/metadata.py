"""The hooks through which a provider adds its own result data (``provider_metadata``) and checks a
request body against what it knows about the model before it is sent."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeAlias

from ...spec import CallWarning, ProviderMetadata

__all__ = ["MetadataExtractor", "RequestCheck"]

MetadataExtractor: TypeAlias = Callable[[Mapping[str, Any]], ProviderMetadata | None]
"""Called with the response body of a generate call, and for a stream with the last chunk that carried
a ``usage`` object (DeepInfra's finish chunk, or an OpenAI-style usage chunk); both have the same
top-level shape, so one function serves both. Returns ``None`` when there is nothing to add."""

RequestCheck: TypeAlias = Callable[[str, dict[str, Any]], list[CallWarning]]
"""Called with the model id and the finished request body before it is sent. It may remove settings
the model is known not to support (returning a warning for each), or raise
:class:`~ai_sdk.spec.UnsupportedFunctionalityError` when the request cannot work at all."""

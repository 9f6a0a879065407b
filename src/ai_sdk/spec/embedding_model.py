"""The embedding-model contract between the core and providers.

Embeddings travel as plain ``list[float]``: no per-vector wrapper objects, so large batches stay cheap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .deadline import Deadline
from .language_model import ResponseInfo
from .model_identity import ModelIdentity
from .shared import CallWarning, ProviderMetadata, ProviderOptions

__all__ = ["EmbedOptions", "EmbedResult", "EmbeddingModel", "EmbeddingUsage"]


@dataclass(frozen=True, slots=True)
class EmbedOptions:
    """What :meth:`EmbeddingModel.do_embed` receives: the texts of one call and its call settings."""

    values: Sequence[str]
    headers: Mapping[str, str | None] | None = None
    provider_options: ProviderOptions | None = None
    timeout: float | None = None
    deadline: Deadline | None = None
    """As :attr:`CallOptions.deadline`."""


@dataclass(frozen=True, slots=True)
class EmbeddingUsage:
    """The tokens one embedding call used (``None`` when the provider does not say)."""

    tokens: int | None = None


@dataclass(frozen=True, slots=True)
class EmbedResult:
    """What :meth:`EmbeddingModel.do_embed` returns: one embedding per value, in order, with usage and
    warnings."""

    embeddings: list[list[float]]
    usage: EmbeddingUsage | None = None
    warnings: Sequence[CallWarning] = ()
    response: ResponseInfo = field(default_factory=ResponseInfo)
    provider_metadata: ProviderMetadata | None = None


@runtime_checkable
class EmbeddingModel(ModelIdentity, Protocol):
    """A text-embedding model. ``max_embeddings_per_call`` of ``None`` means no limit."""

    @property
    def max_embeddings_per_call(self) -> int | None: ...
    @property
    def supports_parallel_calls(self) -> bool: ...

    async def do_embed(self, options: EmbedOptions) -> EmbedResult: ...
    def do_embed_sync(self, options: EmbedOptions) -> EmbedResult: ...

"""The reranking-model contract between the core and providers.

A reranker scores documents against a query; the model returns one :class:`RankedIndex` per document
it ranked, best first, and the core puts the documents back next to their scores. Documents reach the
model either all as text or all as JSON objects (``documents_type``), as the reference specifies, so a
provider can choose how to send objects (DeepInfra takes text: it gets their JSON).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from .deadline import Deadline
from .language_model import ResponseInfo
from .model_identity import ModelIdentity
from .shared import CallWarning, ProviderMetadata, ProviderOptions, Usage

__all__ = ["RankedIndex", "RerankOptions", "RerankingModel", "RerankingResult"]


@dataclass(frozen=True, slots=True)
class RerankOptions:
    """One rerank call: ``documents`` are all ``str`` (``documents_type="text"``) or all JSON objects
    (``"object"``); ``top_n`` (when set) asks for only the best ``top_n`` of them."""

    query: str
    documents: Sequence[str] | Sequence[Mapping[str, Any]]
    documents_type: Literal["text", "object"] = "text"
    top_n: int | None = None
    headers: Mapping[str, str | None] | None = None
    provider_options: ProviderOptions | None = None
    timeout: float | None = None
    deadline: Deadline | None = None
    """As :attr:`CallOptions.deadline`."""


@dataclass(frozen=True, slots=True)
class RankedIndex:
    """A document's position in the call's ``documents`` and its relevance score (higher is better)."""

    index: int
    relevance_score: float


@dataclass(frozen=True, slots=True)
class RerankingResult:
    """What one rerank call returned: the ranking sorted by descending score, usage (tokens, cost)."""

    ranking: list[RankedIndex]
    usage: Usage = field(default_factory=Usage)
    warnings: Sequence[CallWarning] = ()
    response: ResponseInfo = field(default_factory=ResponseInfo)
    provider_metadata: ProviderMetadata | None = None


@runtime_checkable
class RerankingModel(ModelIdentity, Protocol):
    """A reranking model (cross-encoder or LLM reranker)."""

    async def do_rerank(self, options: RerankOptions) -> RerankingResult: ...
    def do_rerank_sync(self, options: RerankOptions) -> RerankingResult: ...

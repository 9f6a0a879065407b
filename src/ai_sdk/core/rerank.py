"""rerank: order documents by their relevance to a query with a reranking model.

The model scores the documents; the result puts each score next to its document and original index,
best first. Documents are all strings or all JSON objects (dicts), and come back as the same objects
(``result.reranked_documents[0] is documents[i]``). No documents means no call: an empty result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar, Unpack

from ..spec import (
    CallWarning,
    InvalidArgumentError,
    InvalidResponseDataError,
    ProviderMetadata,
    RerankingModel,
    RerankingResult,
    RerankOptions,
    ResponseInfo,
    Usage,
)
from .model_call import ModelCall, ModelCallSettings, OneCallFunction, setting_names

__all__ = ["RankedDocument", "RerankResult", "RerankSettings", "rerank", "rerank_sync"]

D = TypeVar("D", str, Mapping[str, Any])


@dataclass(frozen=True, slots=True)
class RankedDocument(Generic[D]):
    """One ranked document: its index in the ``documents`` passed in, its score (higher is more
    relevant; the scale is the model's) and the document itself."""

    original_index: int
    score: float
    document: D


@dataclass(frozen=True, slots=True)
class RerankResult(Generic[D]):
    """The ranking, best first (at most ``top_n`` entries when it was given), and what the call cost.

    ``usage.input_tokens`` and ``usage.cost`` (USD) are the provider's numbers, when it reports them.
    """

    original_documents: list[D]
    ranking: list[RankedDocument[D]]
    usage: Usage = field(default_factory=Usage)
    warnings: list[CallWarning] = field(default_factory=list)
    response: ResponseInfo = field(default_factory=ResponseInfo, repr=False)
    provider_metadata: ProviderMetadata | None = None

    @property
    def reranked_documents(self) -> list[D]:
        """The documents in ranking order."""
        return [entry.document for entry in self.ranking]


class RerankSettings(ModelCallSettings, total=False):
    """The settings of :func:`rerank` (and its blocking twin), declared once: ``top_n`` (keep only the
    best ``top_n``; ``None``, the default: all), ``max_retries`` (default 2), ``headers``,
    ``provider_options``, ``timeout`` (seconds, or a :class:`~ai_sdk.Timeout`) and ``telemetry``."""

    top_n: int | None


_RERANK = OneCallFunction(
    "rerank",
    RerankingModel,
    "expected a reranking model, e.g. deepinfra.reranking_model('Qwen/Qwen3-Reranker-0.6B')",
    setting_names(RerankSettings),
)


async def rerank(
    *, model: RerankingModel, query: str, documents: Sequence[D], **settings: Unpack[RerankSettings]
) -> RerankResult[D]:
    """Rank ``documents`` (strings, or JSON-object dicts) by relevance to ``query``; with ``top_n``
    keep only the best ``top_n``. Retryable failures are retried ``max_retries`` times."""
    call, options = _start(model, query, documents, settings)
    if options is None:
        return RerankResult(original_documents=[], ranking=[])
    return _result(list(documents), options.top_n, await call.run(call.model.do_rerank, options))


def rerank_sync(
    *, model: RerankingModel, query: str, documents: Sequence[D], **settings: Unpack[RerankSettings]
) -> RerankResult[D]:
    """The blocking twin of :func:`rerank`."""
    call, options = _start(model, query, documents, settings)
    if options is None:
        return RerankResult(original_documents=[], ranking=[])
    return _result(list(documents), options.top_n, call.run_sync(call.model.do_rerank_sync, options))


# ------------------------------------------------------------------------------------------ pure parts


def _start(
    model: RerankingModel, query: object, documents: object, settings: RerankSettings
) -> tuple[ModelCall[RerankingModel], RerankOptions | None]:
    """Check the arguments and build the model call's options (``None`` when there is nothing to rank)."""
    call = _RERANK.start(model, settings)
    if not isinstance(query, str) or not query.strip():
        raise InvalidArgumentError("pass a non-empty query string", argument="query", value=query)
    if isinstance(documents, str | bytes) or not isinstance(documents, Sequence):
        raise InvalidArgumentError(
            "expected a list of documents (strings, or dicts that are JSON objects)",
            argument="documents",
            value=type(documents).__name__,
        )
    kind: Literal["text", "object"] = "text"
    if documents:
        if all(isinstance(document, str) for document in documents):
            kind = "text"
        elif all(isinstance(document, Mapping) for document in documents):
            kind = "object"
        else:
            raise InvalidArgumentError(
                "documents must be all strings or all dicts (JSON objects), not a mix or other types",
                argument="documents",
            )
    top_n = settings.get("top_n")
    if top_n is not None and (isinstance(top_n, bool) or not isinstance(top_n, int) or top_n < 1):
        raise InvalidArgumentError("expected an integer >= 1, or None for all documents", argument="top_n", value=top_n)
    if not documents:
        return call, None
    return call, RerankOptions(
        query=query,
        documents=list(documents),
        documents_type=kind,
        top_n=top_n,
        headers=call.headers,
        provider_options=call.provider_options,
        timeout=call.timeout,
    )


def _result(documents: list[D], top_n: int | None, result: RerankingResult) -> RerankResult[D]:
    """Pair the model's ranking with the documents, best first, cut to ``top_n``."""
    ranking = sorted(result.ranking, key=lambda entry: -entry.relevance_score)
    if top_n is not None:
        ranking = ranking[:top_n]
    ranked: list[RankedDocument[D]] = []
    for entry in ranking:
        if not 0 <= entry.index < len(documents):
            raise InvalidResponseDataError(
                f"the reranker ranked document {entry.index}, but only {len(documents)} were sent",
                data=result.response.body,
            )
        ranked.append(RankedDocument(entry.index, entry.relevance_score, documents[entry.index]))
    return RerankResult(
        original_documents=documents,
        ranking=ranked,
        usage=result.usage,
        warnings=list(result.warnings),
        response=result.response,
        provider_metadata=result.provider_metadata,
    )

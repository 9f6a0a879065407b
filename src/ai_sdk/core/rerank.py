"""rerank: order documents by their relevance to a query with a reranking model.

The model scores the documents; the result puts each score next to its document and original index,
best first. Documents are all strings or all JSON objects (dicts), and come back as the same objects
(``result.reranked_documents[0] is documents[i]``). No documents means no call: an empty result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from ..spec import (
    CallWarning,
    InvalidArgumentError,
    InvalidResponseDataError,
    ProviderMetadata,
    ProviderOptions,
    RerankingModel,
    RerankingResult,
    RerankOptions,
    ResponseInfo,
    Usage,
)
from .call_settings import validate_headers, validate_provider_options, validate_timeout
from .retry import retry_async, retry_sync, validate_max_retries

__all__ = ["RankedDocument", "RerankResult", "rerank", "rerank_sync"]

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


async def rerank(
    *,
    model: RerankingModel,
    query: str,
    documents: Sequence[D],
    top_n: int | None = None,
    max_retries: int = 2,
    headers: Mapping[str, str | None] | None = None,
    provider_options: ProviderOptions | None = None,
    timeout: float | None = None,
) -> RerankResult[D]:
    """Rank ``documents`` (strings, or JSON-object dicts) by relevance to ``query``; with ``top_n``
    keep only the best ``top_n``. Retryable failures are retried ``max_retries`` times."""
    options = _options(model, query, documents, top_n, max_retries, headers, provider_options, timeout)
    if options is None:
        return RerankResult(original_documents=[], ranking=[])
    result = await retry_async(lambda: model.do_rerank(options), max_retries=max_retries)
    return _result(list(documents), top_n, result)


def rerank_sync(
    *,
    model: RerankingModel,
    query: str,
    documents: Sequence[D],
    top_n: int | None = None,
    max_retries: int = 2,
    headers: Mapping[str, str | None] | None = None,
    provider_options: ProviderOptions | None = None,
    timeout: float | None = None,
) -> RerankResult[D]:
    """The blocking twin of :func:`rerank`."""
    options = _options(model, query, documents, top_n, max_retries, headers, provider_options, timeout)
    if options is None:
        return RerankResult(original_documents=[], ranking=[])
    result = retry_sync(lambda: model.do_rerank_sync(options), max_retries=max_retries)
    return _result(list(documents), top_n, result)


# ------------------------------------------------------------------------------------------ pure parts


def _options(
    model: object,
    query: object,
    documents: object,
    top_n: object,
    max_retries: int,
    headers: object,
    provider_options: object,
    timeout: object,
) -> RerankOptions | None:
    """Check the arguments and build the model call's options (``None`` when there is nothing to rank)."""
    if not isinstance(model, RerankingModel):
        raise InvalidArgumentError(
            "expected a reranking model, e.g. deepinfra.reranking_model('Qwen/Qwen3-Reranker-0.6B')",
            argument="model",
            value=model,
        )
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
    if top_n is not None and (isinstance(top_n, bool) or not isinstance(top_n, int) or top_n < 1):
        raise InvalidArgumentError("expected an integer >= 1, or None for all documents", argument="top_n", value=top_n)
    validate_max_retries(max_retries)
    checked_headers = validate_headers(headers)
    checked_options = validate_provider_options(provider_options)
    checked_timeout = validate_timeout(timeout)
    if not documents:
        return None
    return RerankOptions(
        query=query,
        documents=list(documents),
        documents_type=kind,
        top_n=top_n,
        headers=checked_headers,
        provider_options=checked_options,
        timeout=checked_timeout,
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

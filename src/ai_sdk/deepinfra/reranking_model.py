"""DeepInfra's rerankers on the native inference API (``POST {base}/inference/{model_id}``, or
``/inference/deploy/{id}`` for a ``deploy_id:{id}`` deployment).

The body depends on the model family, which this module hides: Qwen3 rerankers take parallel lists
``{"queries": [q, q, ...], "documents": [d1, d2, ...]}`` (the query repeated once per document), the
cross-encoders take ``{"query": q, "documents": [...]}``. Both answer ``{"scores": [...]}`` in document
order, plus ``input_tokens`` and ``inference_status.cost``. DeepInfra has no ``top_n``: every document
is scored and the ranking is cut here. JSON-object documents are sent as their compact JSON text.

Provider options (``provider_options={"deepinfra": {...}}``) are added to the body: ``instruction``
(Qwen3: the task description), ``service_tier``, ``webhook``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..http.json_api import JSONResponse
from ..openai_compatible.exchange import POST_JSON, Exchange
from ..openai_compatible.model_base import ConfiguredModel
from ..openai_compatible.request_fields import add_request_fields, misspelt_fields
from ..spec import (
    InvalidResponseDataError,
    RankedIndex,
    RerankingResult,
    RerankOptions,
    ResponseInfo,
    Usage,
)
from ..spec._json import dumps_str
from .inference_status import check_inference_status, inference_cost, inference_path, inference_tokens
from .metadata import PROVIDER_OPTIONS_KEY

__all__ = ["DeepInfraRerankingModel", "parse_rerank_response", "rerank_request_body"]

_RESERVED = ("query", "queries", "documents")
_KNOWN_FIELDS = frozenset({*_RESERVED, "instruction", "service_tier", "webhook"})


class DeepInfraRerankingModel(ConfiguredModel):
    """A DeepInfra reranker (``Qwen/Qwen3-Reranker-8B``, ``cross-encoder/ms-marco-MiniLM-L-12-v2``, ...).
    ``config.base_url`` is the API root (``https://api.deepinfra.com/v1``)."""

    __slots__ = ()

    async def do_rerank(self, options: RerankOptions) -> RerankingResult:
        return await self._exchange(options).send_async(self._config.transports)

    def do_rerank_sync(self, options: RerankOptions) -> RerankingResult:
        return self._exchange(options).send_sync(self._config.transports)

    def _exchange(self, options: RerankOptions) -> Exchange[RerankingResult]:
        body = rerank_request_body(self._model_id, options)
        url = self._config.url(inference_path(self._model_id))
        # A misspelt option ("instructions") is sent, and ignored by the server: say so on the result.
        typos = misspelt_fields(body, _KNOWN_FIELDS)

        def finish(response: JSONResponse) -> RerankingResult:
            check_inference_status(response.value, url=url, request_body=body, headers=response.headers)
            result = parse_rerank_response(
                response.value,
                count=len(options.documents),
                top_n=options.top_n,
                response=self._response_info(response.headers, response.value),
            )
            return replace(result, warnings=[*typos, *result.warnings]) if typos else result

        arguments = {"headers": self._headers(options.headers), "body": body, "deadline": self._deadline(options)}
        return Exchange(POST_JSON, url, arguments, finish)


def takes_query_per_document(model_id: str) -> bool:
    """Whether the model wants ``queries`` (one per document) rather than one ``query``: Qwen3 rerankers."""
    return "qwen3-reranker" in model_id.lower()


def rerank_request_body(model_id: str, options: RerankOptions) -> dict[str, Any]:
    """The inference body for ``model_id``'s family, then the provider options."""
    documents = [document if isinstance(document, str) else dumps_str(document) for document in options.documents]
    body: dict[str, Any]
    if takes_query_per_document(model_id):
        body = {"queries": [options.query] * len(documents), "documents": documents}
    else:
        body = {"query": options.query, "documents": documents}
    add_request_fields(
        body,
        options.provider_options,
        PROVIDER_OPTIONS_KEY,
        what="a dict of request fields, e.g. {'instruction': '...'}",
        reserved=_RESERVED,
        instead="pass query= and documents= to rerank()",
    )
    return body


def parse_rerank_response(
    value: Any, *, count: int, top_n: int | None = None, response: ResponseInfo | None = None
) -> RerankingResult:
    """The ranking (descending score, ties in document order, cut to ``top_n``), the input tokens and
    the cost; raises :class:`InvalidResponseDataError` unless there is one numeric score per document."""
    scores = value.get("scores") if isinstance(value, Mapping) else None
    if not isinstance(scores, list):
        raise InvalidResponseDataError("DeepInfra's rerank response has no 'scores' list", data=value)
    if len(scores) != count:
        raise InvalidResponseDataError(
            f"DeepInfra's rerank response has {len(scores)} scores for {count} documents", data=value
        )
    if not all(isinstance(score, int | float) and not isinstance(score, bool) for score in scores):
        raise InvalidResponseDataError("DeepInfra's rerank response has scores that are not numbers", data=value)
    order = sorted(range(count), key=lambda index: -scores[index])
    if top_n is not None:
        order = order[:top_n]
    tokens = inference_tokens(value)
    cost = inference_cost(value)
    metadata: dict[str, Any] = {}
    if cost is not None:
        metadata["cost"] = cost
    if isinstance(value, Mapping) and isinstance(value.get("request_id"), str):
        metadata["request_id"] = value["request_id"]
    return RerankingResult(
        ranking=[RankedIndex(index, float(scores[index])) for index in order],
        usage=Usage(input_tokens=tokens, total_tokens=tokens, cost=cost, raw=value.get("inference_status")),
        response=response or ResponseInfo(body=value),
        provider_metadata={PROVIDER_OPTIONS_KEY: metadata} if metadata else None,
    )

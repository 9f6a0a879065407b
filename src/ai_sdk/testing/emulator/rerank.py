"""Rerankers on native inference (``POST /v1/inference/{model}``), in DeepInfra's two body shapes:
Qwen3 rerankers take ``{"queries": [...], "documents": [...]}`` with one query per document, the
cross-encoders ``{"query": "...", "documents": [...]}``. Each shape is refused with a 422 on the other
family, as DeepInfra does, so a client that sends the wrong one fails here first.

Scores are in document order and deterministic: the share of the query's words a document contains,
plus a small per-document offset, so a document about the query outranks one that is not.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from .catalog import model_info
from .text import count_tokens
from .wire import Answer, json_answer, make_id, validation_answer

__all__ = ["is_rerank_request", "rerank_answer", "wants_query_list"]

_WORD = re.compile(r"\w+")


def wants_query_list(model: str) -> bool:
    """Whether ``model`` is a Qwen3 reranker (``queries``, one per document)."""
    return "qwen3-reranker" in model.lower()


def is_rerank_request(model: str, body: Any) -> bool:
    """A native inference request for a reranker: a listed reranker, or a body with ``documents``."""
    return model_info(model).kind == "reranker" or (isinstance(body, Mapping) and "documents" in body)


def _problem(field: str, message: str, kind: str = "value_error") -> dict[str, Any]:
    return {"loc": ["body", field], "msg": message, "type": kind}


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def score(query: str, document: str) -> float:
    """The emulator's relevance of ``document`` to ``query``, in (0, 1)."""
    query_words = set(_WORD.findall(query.lower()))
    shared = query_words & set(_WORD.findall(document.lower()))
    offset = hashlib.blake2b(f"{query}\0{document}".encode(), digest_size=2).digest()
    jitter = int.from_bytes(offset, "big") / 65536 / 20
    return round(0.01 + 0.9 * len(shared) / max(len(query_words), 1) + jitter, 6)


def rerank_answer(model: str, body: Any, *, seed: str) -> Answer:
    if not isinstance(body, Mapping):
        return validation_answer([_problem("__root__", "value is not a valid dict", "type_error.dict")])
    problems: list[dict[str, Any]] = []
    documents: list[str] = body["documents"] if _strings(body.get("documents")) else []
    if not _strings(body.get("documents")):
        problems.append(_problem("documents", "field required: a list of strings", "value_error.missing"))
    queries: list[str] = []
    if wants_query_list(model):
        if not _strings(body.get("queries")):
            problems.append(_problem("queries", "field required: a list of strings", "value_error.missing"))
        elif len(body["queries"]) != len(documents):
            problems.append(_problem("queries", "queries and documents must have the same length"))
        else:
            queries = body["queries"]
    elif not isinstance(body.get("query"), str):
        problems.append(_problem("query", "field required", "value_error.missing"))
    else:
        queries = [body["query"]] * len(documents)
    if problems:
        return validation_answer(problems)
    pairs = list(zip(queries, documents, strict=True))
    scores = [score(query, document) for query, document in pairs]
    tokens = sum(count_tokens(query) + count_tokens(document) for query, document in pairs)
    price = model_info(model, kind="reranker").input_price
    return json_answer(
        {
            "scores": scores,
            "input_tokens": tokens,
            "request_id": make_id("", seed, 32),
            "inference_status": {
                "status": "succeeded",
                "runtime_ms": 5 + len(documents),
                "cost": round(price * tokens / 1_000_000, 10),
                "tokens_input": tokens,
                "tokens_generated": 0,
            },
        }
    )

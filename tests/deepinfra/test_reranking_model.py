"""DeepInfraRerankingModel over a mock transport: the body each model family gets (checked against
DeepInfra's documented examples), how scores, tokens and cost are read, and the odd answers (no
documents, a failed inference status, a 422 detail list, too few scores). Blocking and async."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ai_sdk.deepinfra.reranking_model import DeepInfraRerankingModel, parse_rerank_response, rerank_request_body
from ai_sdk.errors import APICallError, InvalidArgumentError, InvalidResponseDataError
from ai_sdk.spec import RankedIndex, RerankingResult, RerankOptions
from ai_sdk.testing.mock_transport import MockResponse, MockTransport

from .audio_helpers import KEY, ROOT, config

QWEN = "Qwen/Qwen3-Reranker-8B"
CROSS = "cross-encoder/ms-marco-MiniLM-L-12-v2"
# The answer shape of https://deepinfra.com/Qwen/Qwen3-Reranker-8B/api.
ANSWER = {
    "scores": [0.12, 0.97, 0.5],
    "input_tokens": 42,
    "request_id": "RRGJ5ZLc0D",
    "inference_status": {"status": "succeeded", "runtime_ms": 31, "cost": 2.1e-06, "tokens_input": 42},
}


async def do_rerank(mode: str, model: DeepInfraRerankingModel, options: RerankOptions) -> RerankingResult:
    return model.do_rerank_sync(options) if mode == "sync" else await model.do_rerank(options)


def model_for(model_id: str, transport: MockTransport) -> DeepInfraRerankingModel:
    return DeepInfraRerankingModel(model_id, config(transport, base_url=ROOT, provider="deepinfra.reranking"))


def options(documents: list[Any], **kwargs: Any) -> RerankOptions:
    kind = "object" if documents and isinstance(documents[0], dict) else "text"
    return RerankOptions(query="What is the capital of France?", documents=documents, documents_type=kind, **kwargs)


async def test_qwen3_gets_the_query_once_per_document(mode: str) -> None:
    transport = MockTransport(MockResponse.json(ANSWER))
    result = await do_rerank(mode, model_for(QWEN, transport), options(["Berlin", "Paris", "Lyon"]))
    request = transport.last_request
    assert request.url == f"{ROOT}/inference/{QWEN}"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    # DeepInfra's documented example: {"queries": [q, q, ...], "documents": [...]} of equal length.
    assert transport.request_json() == {
        "queries": ["What is the capital of France?"] * 3,
        "documents": ["Berlin", "Paris", "Lyon"],
    }
    assert result.ranking == [RankedIndex(1, 0.97), RankedIndex(2, 0.5), RankedIndex(0, 0.12)]
    assert result.usage.input_tokens == 42
    assert result.usage.cost == pytest.approx(2.1e-06)
    assert result.provider_metadata == {"deepinfra": {"cost": 2.1e-06, "request_id": "RRGJ5ZLc0D"}}
    assert result.response.body == ANSWER
    assert transport.unclosed == 0


async def test_cross_encoder_gets_one_query(mode: str) -> None:
    transport = MockTransport(MockResponse.json(ANSWER))
    await do_rerank(mode, model_for(CROSS, transport), options(["Berlin", "Paris", "Lyon"]))
    assert transport.request_json() == {
        "query": "What is the capital of France?",
        "documents": ["Berlin", "Paris", "Lyon"],
    }


def test_object_documents_are_sent_as_json_text_and_provider_options_join_the_body() -> None:
    body = rerank_request_body(
        QWEN,
        options(
            [{"title": "Paris", "pop": 2}, {"title": "Lyon"}],
            provider_options={"deepinfra": {"instruction": "Rank cities.", "service_tier": "priority", "x": None}},
        ),
    )
    assert body == {
        "queries": ["What is the capital of France?"] * 2,
        "documents": ['{"title":"Paris","pop":2}', '{"title":"Lyon"}'],
        "instruction": "Rank cities.",
        "service_tier": "priority",
    }


@pytest.mark.parametrize("key", ["query", "queries", "documents"])
def test_provider_options_cannot_replace_the_query_or_documents(key: str) -> None:
    with pytest.raises(InvalidArgumentError, match="pass query= and documents="):
        rerank_request_body(CROSS, options(["a"], provider_options={"deepinfra": {key: ["x"]}}))


def test_provider_options_must_be_a_dict() -> None:
    with pytest.raises(InvalidArgumentError, match="must be a dict"):
        rerank_request_body(CROSS, options(["a"], provider_options={"deepinfra": "fast"}))  # type: ignore[dict-item]


async def test_top_n_cuts_the_ranking(mode: str) -> None:
    transport = MockTransport(MockResponse.json(ANSWER))
    result = await do_rerank(mode, model_for(CROSS, transport), options(["a", "b", "c"], top_n=1))
    assert result.ranking == [RankedIndex(1, 0.97)]
    assert "top_n" not in transport.request_json()  # DeepInfra has no top_n: every document is scored


def test_no_documents_parse_to_an_empty_ranking() -> None:
    result = parse_rerank_response({"scores": [], "input_tokens": 0}, count=0)
    assert result.ranking == []
    assert result.usage.input_tokens == 0
    assert result.usage.cost is None
    assert result.provider_metadata is None


async def test_a_failed_inference_status_is_an_error(mode: str) -> None:
    failed = {"scores": [], "inference_status": {"status": "failed", "runtime_ms": 0, "cost": 0.0}, "error": "OOM"}
    transport = MockTransport(MockResponse.json(failed))
    with pytest.raises(APICallError, match=r"inference failed \(OOM\)") as caught:
        await do_rerank(mode, model_for(QWEN, transport), options(["a"]))
    assert caught.value.status_code == 200
    assert caught.value.is_retryable


async def test_a_422_detail_list_names_the_field(mode: str) -> None:
    detail = {"detail": [{"loc": ["body", "queries"], "msg": "field required", "type": "value_error.missing"}]}
    transport = MockTransport(MockResponse.json(detail, status=422))
    with pytest.raises(APICallError, match=r"body\.queries: field required") as caught:
        await do_rerank(mode, model_for(QWEN, transport), options(["a"]))
    assert caught.value.status_code == 422
    assert not caught.value.is_retryable
    assert KEY not in repr(caught.value)
    assert KEY not in str(caught.value.request_body)


@pytest.mark.parametrize(
    ("answer", "match"),
    [
        ({"scores": [0.1]}, "1 scores for 2 documents"),
        ({"result": []}, "no 'scores' list"),
        ([0.1, 0.2], "no 'scores' list"),
        ({"scores": [0.1, "high"]}, "not numbers"),
        ({"scores": [0.1, True]}, "not numbers"),
    ],
)
def test_malformed_answers_are_invalid_response_data(answer: Any, match: str) -> None:
    with pytest.raises(InvalidResponseDataError, match=match):
        parse_rerank_response(answer, count=2)


@given(scores=st.lists(st.floats(min_value=-10, max_value=10, allow_nan=False), max_size=30), top_n=st.integers(1, 40))
def test_ranking_is_a_sorted_permutation_cut_to_top_n(scores: list[float], top_n: int) -> None:
    ranking = parse_rerank_response({"scores": scores}, count=len(scores), top_n=top_n).ranking
    assert len(ranking) == min(top_n, len(scores))
    assert len({entry.index for entry in ranking}) == len(ranking)
    assert [entry.relevance_score for entry in ranking] == sorted(scores, reverse=True)[:top_n]
    for entry in ranking:
        assert scores[entry.index] == entry.relevance_score
    # ties keep document order
    for first, second in itertools.pairwise(ranking):
        if first.relevance_score == second.relevance_score:
            assert first.index < second.index


@pytest.mark.parametrize(
    ("model_id", "path"),
    [
        (QWEN, f"/inference/{QWEN}"),
        ("deploy_id:d-42", "/inference/deploy/d-42"),
        ("me/my-lora", "/inference/me/my-lora"),
    ],
)
async def test_deployments_use_the_deploy_route(mode: str, model_id: str, path: str) -> None:
    transport = MockTransport(MockResponse.json({"scores": [0.5]}))
    await do_rerank(mode, model_for(model_id, transport), options(["a"]))
    assert transport.last_request.url == ROOT + path

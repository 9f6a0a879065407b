"""rerank / rerank_sync over a recording fake model: documents come back as the same objects next to
their scores, best first and cut to ``top_n``; arguments are checked before any call; no documents
means no call; retryable failures are retried."""

from __future__ import annotations

from typing import Any, Literal

import pytest

from ai_sdk import RankedDocument, RerankResult, rerank
from ai_sdk.core import retry
from ai_sdk.errors import APICallError, InvalidArgumentError, InvalidResponseDataError
from ai_sdk.spec import RankedIndex, RerankingResult, RerankOptions, ResponseInfo, Usage
from ai_sdk.sync import rerank as rerank_sync


class FakeReranker:
    """Scores each document by its length; fails first with the given errors."""

    specification_version: Literal["v3"] = "v3"
    provider = "fake.reranking"
    model_id = "fake-reranker"

    def __init__(self, *, failures: list[Exception] | None = None, ranking: list[RankedIndex] | None = None) -> None:
        self.calls: list[RerankOptions] = []
        self.failures = list(failures or [])
        self.ranking = ranking

    def _answer(self, options: RerankOptions) -> RerankingResult:
        self.calls.append(options)
        if self.failures:
            raise self.failures.pop(0)
        ranking = self.ranking or [
            RankedIndex(index, float(len(str(document)))) for index, document in enumerate(options.documents)
        ]
        return RerankingResult(
            ranking=ranking,
            usage=Usage(input_tokens=7, total_tokens=7, cost=0.5),
            response=ResponseInfo(model_id=self.model_id, body={"scores": []}),
            provider_metadata={"fake": {"cost": 0.5}},
        )

    async def do_rerank(self, options: RerankOptions) -> RerankingResult:
        return self._answer(options)

    def do_rerank_sync(self, options: RerankOptions) -> RerankingResult:
        return self._answer(options)


@pytest.fixture(autouse=True)
def _no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries happen at once (the backoff itself is tested in test_retry.py)."""

    async def no_async_sleep(seconds: float) -> None:
        return None

    monkeypatch.setattr(retry, "sleep", lambda seconds: None)
    monkeypatch.setattr(retry, "async_sleep", no_async_sleep)


async def run(mode: str, **kwargs: Any) -> RerankResult[Any]:
    if mode == "sync":
        return rerank_sync(**kwargs)
    return await rerank(**kwargs)


async def test_ranking_pairs_scores_with_the_original_documents(mode: str) -> None:
    model = FakeReranker()
    documents = ["a", "ccc", "bb"]
    result = await run(mode, model=model, query="q", documents=documents, top_n=2)
    assert result.ranking == [RankedDocument(1, 3.0, "ccc"), RankedDocument(2, 2.0, "bb")]
    assert result.reranked_documents == ["ccc", "bb"]
    assert result.original_documents == documents
    assert result.usage.cost == 0.5
    assert result.provider_metadata == {"fake": {"cost": 0.5}}
    [call] = model.calls
    assert (call.query, list(call.documents), call.documents_type, call.top_n) == ("q", documents, "text", 2)


async def test_object_documents_are_the_same_objects(mode: str) -> None:
    documents = [{"id": 1}, {"id": 2, "text": "longer"}]
    result = await run(mode, model=FakeReranker(), query="q", documents=documents)
    assert result.reranked_documents[0] is documents[1]
    assert result.ranking[1].document is documents[0]
    assert result.ranking[0].original_index == 1


async def test_an_unsorted_model_ranking_is_sorted_and_cut(mode: str) -> None:
    model = FakeReranker(ranking=[RankedIndex(0, 0.1), RankedIndex(2, 0.9), RankedIndex(1, 0.5)])
    result = await run(mode, model=model, query="q", documents=["x", "y", "z"], top_n=2)
    assert [entry.original_index for entry in result.ranking] == [2, 1]


async def test_a_ranking_of_unknown_documents_is_invalid_response_data(mode: str) -> None:
    model = FakeReranker(ranking=[RankedIndex(5, 1.0)])
    with pytest.raises(InvalidResponseDataError, match="ranked document 5, but only 2 were sent"):
        await run(mode, model=model, query="q", documents=["x", "y"])


async def test_no_documents_means_no_call(mode: str) -> None:
    model = FakeReranker()
    result = await run(mode, model=model, query="q", documents=[])
    assert (result.ranking, result.reranked_documents, model.calls) == ([], [], [])


async def test_retryable_failures_are_retried(mode: str) -> None:
    failure = APICallError("busy", url="u", status_code=429)
    model = FakeReranker(failures=[failure])
    result = await run(mode, model=model, query="q", documents=["x"], max_retries=1)
    assert len(model.calls) == 2
    assert result.reranked_documents == ["x"]


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"model": "Qwen/Qwen3-Reranker-8B"}, "model"),
        ({"query": ""}, "query"),
        ({"query": None}, "query"),
        ({"documents": "one document"}, "documents"),
        ({"documents": ["a", {"b": 1}]}, "documents"),
        ({"documents": [1, 2]}, "documents"),
        ({"top_n": 0}, "top_n"),
        ({"top_n": True}, "top_n"),
        ({"max_retries": -1}, "max_retries"),
        ({"headers": {"x": 1}}, "headers"),
        ({"timeout": -1}, "timeout"),
    ],
)
async def test_bad_arguments_fail_before_any_call(mode: str, kwargs: dict[str, Any], argument: str) -> None:
    model = FakeReranker()
    arguments: dict[str, Any] = {"model": model, "query": "q", "documents": ["a"], **kwargs}
    with pytest.raises(InvalidArgumentError) as caught:
        await run(mode, **arguments)
    assert caught.value.argument == argument
    assert model.calls == []

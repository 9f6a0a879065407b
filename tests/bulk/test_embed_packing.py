"""bulk_embed packs consecutive rows into one request of up to ``max_embeddings_per_call`` values (or
``rows_per_request``), through the async and the blocking API alike: request counts on the emulator,
order, resume, failed and retried packs, usage split over the rows, and the budget."""

from __future__ import annotations

import json
import random
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from ai_sdk.bulk import Row
from ai_sdk.bulk import scheduler as scheduler_module
from ai_sdk.bulk.scheduler import BulkScheduler
from ai_sdk.errors import APICallError, InvalidArgumentError
from ai_sdk.spec.embedding_model import EmbeddingUsage, EmbedResult
from ai_sdk.testing import MockEmbeddingModel
from tests.bulk.test_runner import run


@pytest.fixture(autouse=True)
def _short_retry_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries are re-sent after 10 ms instead of the library's seconds, so the tests stay quick."""
    monkeypatch.setattr(scheduler_module, "next_delay", lambda error, attempt: 0.01)


def vectors(options: Any) -> EmbedResult:
    """One vector per value (its length), 3 tokens per value, $0.001 per value."""
    return EmbedResult(
        embeddings=[[float(len(value))] for value in options.values],
        usage=EmbeddingUsage(3 * len(options.values)),
        provider_metadata={"deepinfra": {"estimated_cost": 0.001 * len(options.values)}},
    )


class Recording(MockEmbeddingModel):
    """A mock that records the values of every request (from any thread) and may answer late."""

    def __init__(self, answer: Any = vectors, *, latency: float = 0.0, **options: Any) -> None:
        self.sent: list[list[str]] = []
        self._lock = threading.Lock()

        def embed(options: Any) -> EmbedResult:
            with self._lock:
                self.sent.append(list(options.values))
            if latency:
                time.sleep(random.random() * latency)
            return answer(options) if callable(answer) else answer

        super().__init__(embed, **options)


def test_rows_go_in_requests_of_the_model_maximum_on_the_emulator(mode: str, deepinfra_emulator: Any) -> None:
    from ai_sdk.deepinfra import create_deepinfra
    from ai_sdk.testing.emulator.catalog import embedding_dimensions
    from ai_sdk.testing.emulator.embeddings import embed_text

    model_id = "BAAI/bge-base-en-v1.5"
    model = create_deepinfra(base_url=deepinfra_emulator.base_url, api_key="k").embedding_model(model_id)
    rows = [f"row number {index}" for index in range(1000)]
    results, totals = run(mode, "embed", model=model, rows=rows, rows_per_request=100, ordered=True, concurrency=4)
    sent = deepinfra_emulator.requests_to("embeddings")
    assert [len(request.body["input"]) for request in sent] == [100] * 10
    assert (totals.requests, totals.rows_done, totals.rows_failed) == (10, 1000, 0)
    assert [result.id for result in results] == list(range(1000))
    expected = embed_text(model_id, rows[567], embedding_dimensions(model_id))
    assert results[567].embedding == pytest.approx(expected, rel=1e-5, abs=1e-6)
    assert sum(result.usage.input_tokens or 0 for result in results if result.usage) == totals.input_tokens > 0


def test_the_model_maximum_and_rows_per_request_bound_a_request(mode: str) -> None:
    model = Recording(max_embeddings_per_call=7)
    _, totals = run(mode, "embed", model=model, rows=[f"v{index}" for index in range(20)])
    assert sorted(len(values) for values in model.sent) == [6, 7, 7]
    assert totals.requests == 3
    model = Recording(max_embeddings_per_call=7)
    run(mode, "embed", model=model, rows=[f"v{index}" for index in range(20)], rows_per_request=5)
    assert sorted(len(values) for values in model.sent) == [5, 5, 5, 5]
    assert sorted(value for values in model.sent for value in values) == sorted(f"v{index}" for index in range(20))


def test_usage_and_cost_are_split_over_the_rows(mode: str) -> None:
    def seven_tokens(options: Any) -> EmbedResult:
        count = len(options.values)
        return EmbedResult(
            embeddings=[[1.0]] * count,
            usage=EmbeddingUsage(7),
            provider_metadata={"deepinfra": {"estimated_cost": 0.003}},
        )

    results, totals = run(mode, "embed", model=Recording(seven_tokens), rows=["a", "b", "c"], ordered=True)
    assert [result.usage.input_tokens for result in results if result.usage] == [3, 2, 2]  # sums to the 7
    assert [result.cost for result in results] == pytest.approx([0.001] * 3)
    assert (totals.input_tokens, totals.cost) == (7, pytest.approx(0.003))


def test_order_holds_when_packs_end_out_of_order(mode: str) -> None:
    model = Recording(latency=0.02)
    rows = [{"id": f"r{index}", "value": f"value {index}"} for index in range(60)]
    results, totals = run(mode, "embed", model=model, rows=rows, rows_per_request=4, ordered=True, concurrency=5)
    assert [result.id for result in results] == [row["id"] for row in rows]
    assert [result.embedding for result in results] == [[float(len(row["value"]))] for row in rows]
    assert totals.requests == 15
    results, _ = run(mode, "embed", model=Recording(latency=0.02), rows=rows, rows_per_request=4, concurrency=5)
    assert sorted(result.id for result in results) == sorted(row["id"] for row in rows)


def test_rows_with_other_settings_or_no_value_go_in_their_own_request(mode: str) -> None:
    model = Recording()
    rows = [
        Row(id="a", value="a"),
        Row(id="b", value="b"),
        Row(id="c", value="c", settings={"headers": {"x-one": "1"}}),
        Row(id="d", value="d"),
        Row(id="e"),
        Row(id="f", value="f"),
    ]
    results, _ = run(mode, "embed", model=model, rows=rows, ordered=True)
    assert model.sent == [["a", "b"], ["c"], ["d"], ["f"]]
    assert [result.ok for result in results] == [True, True, True, True, False, True]
    assert results[4].error is not None
    assert (results[4].error.type, results[4].attempts) == ("InvalidRowError", 1)  # as when it ran alone


def test_a_failed_pack_fails_each_of_its_rows_and_a_retried_one_is_sent_whole(mode: str) -> None:
    def refuse_bad(options: Any) -> EmbedResult:
        if "bad" in options.values:
            raise APICallError("Bad input", url="u", status_code=400, is_retryable=False)
        return vectors(options)

    rows = ["a", "b", "bad", "c", "d", "e"]
    results, totals = run(mode, "embed", model=Recording(refuse_bad), rows=rows, rows_per_request=3, ordered=True)
    assert [result.ok for result in results] == [False, False, False, True, True, True]
    for failed in results[:3]:
        assert failed.error is not None
        assert (failed.error.type, failed.error.status_code, failed.error.message) == ("APICallError", 400, "Bad input")
    assert (totals.rows_done, totals.rows_failed, totals.requests) == (3, 3, 2)

    failures = iter([APICallError("Unavailable", url="u", status_code=503, is_retryable=True)])

    def once_unavailable(options: Any) -> EmbedResult:
        error = next(failures, None)
        if error is not None:
            raise error
        return vectors(options)

    model = Recording(once_unavailable)
    results, totals = run(mode, "embed", model=model, rows=rows[:2])
    assert model.sent == [["a", "b"], ["a", "b"]]
    assert [result.attempts for result in results] == [2, 2]
    assert (totals.requests, totals.retries, totals.rows_done) == (2, 1, 2)


def test_the_budget_counts_rows_and_the_first_pack_goes_alone(mode: str) -> None:
    model = Recording()
    rows = [f"v{index}" for index in range(100)]
    _, totals = run(mode, "embed", model=model, rows=rows, rows_per_request=5, concurrency=4, budget=0.0105)
    assert (totals.rows_done, totals.stopped) == (10, "budget")  # $0.001 a row: two packs of five
    assert totals.cost == pytest.approx(0.010)
    assert [len(values) for values in model.sent] == [5, 5]


def test_resume_sends_only_the_unfinished_rows(mode: str, tmp_path: Path) -> None:
    checkpoint = tmp_path / "vectors.jsonl"
    rows = [f"v{index}" for index in range(40)]

    def fail_late(options: Any) -> EmbedResult:
        if "v30" in options.values:
            raise APICallError("Unavailable", url="u", status_code=503, is_retryable=True)
        return vectors(options)

    _, first = run(
        mode, "embed", model=Recording(fail_late), rows=rows, rows_per_request=10, checkpoint=checkpoint, max_retries=0
    )
    assert (first.rows_done, first.rows_failed) == (30, 10)
    model = Recording()
    results, again = run(mode, "embed", model=model, rows=rows, rows_per_request=10, checkpoint=checkpoint, resume=True)
    assert model.sent == [[f"v{index}" for index in range(30, 40)]]  # the finished rows are not sent again
    assert sorted(result.id for result in results) == list(range(30, 40))
    assert (again.rows_resumed, again.rows_done, again.requests) == (30, 10, 1)
    ids = [json.loads(line)["id"] for line in checkpoint.read_text().splitlines() if line]
    assert sorted(ids) == list(range(40))  # each row once


def test_rows_per_request_is_checked_at_the_call() -> None:
    from ai_sdk.bulk.runner import bulk_embed

    for bad in (0, -1, 2.5, True, "10"):
        with pytest.raises(InvalidArgumentError, match="rows_per_request"):
            bulk_embed(model=MockEmbeddingModel(vectors), rows=["a"], rows_per_request=bad)


# --------------------------------------------------------------------------------------- scheduler


def started(scheduler: BulkScheduler) -> list[list[Any]]:
    packs = []
    while (attempt := scheduler.next_attempt(0.0)) is not None:
        packs.append([member.row.id for member in attempt.pack or (attempt,)])
    return packs


def test_a_pack_waits_to_fill_while_the_input_may_give_rows() -> None:
    scheduler = BulkScheduler(pack_size=3, packs_with=lambda first, row: True)
    for index in range(2):
        assert scheduler.wants_row()
        scheduler.add_row(Row(id=index, value="x"))
    assert started(scheduler) == []  # two rows of three: read another first
    scheduler.add_row(Row(id=2, value="x"))
    assert not scheduler.wants_row()
    scheduler.add_row(Row(id=3, value="x"))
    assert started(scheduler) == [[0, 1, 2]]
    scheduler.input_finished()
    assert started(scheduler) == [[3]]  # no more input: the last pack goes part full

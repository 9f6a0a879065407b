"""The runner's ``mode="batch-api"``: the same job as real time, changed by one argument, through
DeepInfra's Batch API on the emulator (async and blocking): results with ``mode="batch-api"``, a failed
row as data, the checkpoint, and a resume that collects a submitted batch instead of paying again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from ai_sdk.bulk import BulkTotals, RowResult
from ai_sdk.bulk.runner import (
    bulk_generate_text_sync,
)
from ai_sdk.deepinfra import DeepInfraProvider
from ai_sdk.errors import BatchFailedError, InvalidArgumentError
from ai_sdk.testing import DeepInfraEmulator
from tests.bulk.test_runner import run as run_job

CHAT_MODEL = "meta-llama/Meta-Llama-3.1-8B-Instruct"
ROWS = [{"id": "a", "prompt": "first"}, {"id": "b", "prompt": "second", "temperature": 0.2}, {"id": "c", "prompt": "x"}]


def run(api: str, kind: str = "text", **arguments: Any) -> tuple[list[RowResult], BulkTotals]:
    """:func:`tests.bulk.test_runner.run`, polling the emulator's batches every 10 ms."""
    arguments.setdefault("poll_interval", 0.01)
    return run_job(api, kind, **arguments)


def test_one_argument_moves_a_job_to_the_batch_api(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider
) -> None:
    model = provider(CHAT_MODEL)
    live, _ = run(mode, model=model, rows=ROWS, ordered=True, max_output_tokens=50)
    emu.batches.fail_rows("c", status=503, message="overloaded")
    batched, totals = run(mode, model=model, rows=ROWS, max_output_tokens=50, mode="batch-api")
    assert [result.id for result in batched] == ["a", "b", "c"]
    assert [result.text for result in batched[:2]] == [result.text for result in live[:2]]
    assert {result.mode for result in batched} == {"batch-api"}
    assert batched[2].error is not None
    assert batched[2].error.status_code == 503
    assert (totals.rows_done, totals.rows_failed) == (2, 1)
    assert totals.cost == pytest.approx(sum(result.cost or 0.0 for result in batched))
    assert len(emu.batches.batch_ids) == 1


def test_objects_through_the_batch_api(mode: str, provider: DeepInfraProvider) -> None:
    class City(BaseModel):
        name: str
        population: int

    results, _ = run(mode, "object", model=provider(CHAT_MODEL), rows=["Paris"], schema=City, mode="batch-api")
    assert isinstance(results[0].object, City)


def test_checkpoint_and_resume_collect_a_submitted_batch_without_resubmitting(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider, tmp_path: Path
) -> None:
    checkpoint = tmp_path / "out.jsonl"
    model = provider(CHAT_MODEL)
    # A job that crashed after submitting: its batch id is beside the checkpoint, its results are not in it.
    with pytest.raises(RuntimeError, match="crashed"):
        _run_with_timeout(mode, model=model, rows=ROWS, checkpoint=checkpoint, mode="batch-api")
    sidecar = tmp_path / "out.jsonl.batches"
    assert sidecar.read_text().split() == emu.batches.batch_ids
    emu.batches.timing.in_progress = 0.0
    results, totals = run(mode, model=model, rows=ROWS, checkpoint=checkpoint, resume=True, mode="batch-api")
    assert sorted(result.id for result in results) == ["a", "b", "c"]
    assert len(emu.batches.batch_ids) == 1  # collected, not submitted again
    assert not sidecar.exists()
    assert len(checkpoint.read_text().splitlines()) == 3
    results, totals = run(mode, model=model, rows=ROWS, checkpoint=checkpoint, resume=True, mode="batch-api")
    assert (results, totals.rows_resumed) == ([], 3)


def _run_with_timeout(api: str, **arguments: Any) -> None:
    """Run until the batch is submitted, then crash (while waiting for it)."""
    from ai_sdk.deepinfra.batch import client

    def crash(*_: Any, **__: Any) -> None:
        raise RuntimeError("crashed while the batch runs")

    with pytest.MonkeyPatch.context() as patch:
        for name in ("wait_for_batch", "wait_for_batch_sync"):
            patch.setattr(client.DeepInfraBatchClient, name, crash)
        run(api, **arguments)


def test_a_budget_does_not_apply_to_the_batch_api(provider: DeepInfraProvider) -> None:
    with pytest.raises(InvalidArgumentError, match="budget"):
        bulk_generate_text_sync(model=provider(CHAT_MODEL), rows=ROWS, mode="batch-api", budget=1.0)


def test_a_batch_that_failed_validation_is_submitted_again_on_resume(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider, tmp_path: Path
) -> None:
    """A batch that failed validation ran nothing (and costs nothing): its id is not kept beside the
    checkpoint, so a resume submits the rows again instead of collecting the same failure forever."""
    checkpoint = tmp_path / "out.jsonl"
    model = provider(CHAT_MODEL)
    emu.batches.fail_next("The input file is malformed")
    with pytest.raises(BatchFailedError, match="malformed"):
        run(mode, model=model, rows=ROWS, checkpoint=checkpoint, mode="batch-api")
    assert not (tmp_path / "out.jsonl.batches").exists()
    results, totals = run(mode, model=model, rows=ROWS, checkpoint=checkpoint, resume=True, mode="batch-api")
    assert (sorted(result.id for result in results), totals.rows_done) == (["a", "b", "c"], 3)
    assert len(emu.batches.batch_ids) == 2


def test_the_totals_count_the_time_spent_waiting_for_the_batch(
    mode: str, provider: DeepInfraProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Batch API job's ``elapsed`` is the whole job, the hours its batch ran included (it read
    0.0 s: the totals started counting when the results came in)."""
    from ai_sdk.bulk import runner
    from ai_sdk.deepinfra.batch import client

    clock = [1000.0]
    monkeypatch.setattr(runner, "monotonic", lambda: clock[0])
    for name in ("wait_for_batch", "wait_for_batch_sync"):
        waited = getattr(client.DeepInfraBatchClient, name)

        def an_hour_later(*arguments: Any, _waited: Any = waited, **options: Any) -> Any:
            clock[0] += 3600.0
            return _waited(*arguments, **options)

        monkeypatch.setattr(client.DeepInfraBatchClient, name, an_hour_later)
    _, totals = run(mode, model=provider(CHAT_MODEL), rows=ROWS, mode="batch-api")
    assert totals.elapsed == 3600.0


def test_a_billed_answer_that_fails_validation_keeps_its_usage(mode: str, provider: DeepInfraProvider) -> None:
    """The batch answered the row (and billed it) but the object fails the schema's own check: the
    row fails as in real time, with its usage, cost and finish reason kept."""
    from pydantic import field_validator

    class Strict(BaseModel):
        name: str

        @field_validator("name")
        @classmethod
        def never(cls, value: str) -> str:
            raise ValueError("no name is good enough")

    [result], totals = run(mode, "object", model=provider(CHAT_MODEL), rows=["Paris"], schema=Strict, mode="batch-api")
    assert result.error is not None
    assert result.error.type == "NoObjectGeneratedError"
    assert result.usage is not None
    assert (result.finish_reason, result.usage.output_tokens > 0) == ("stop", True)
    assert result.cost is not None
    assert totals.cost == result.cost > 0


def test_headers_the_batch_api_cannot_send_are_a_warning_on_the_row(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider
) -> None:
    """A batch line is a body, with no headers of its own: a job's or row's ``headers`` setting is left
    out, with a warning on the result, instead of being dropped silently."""
    rows = [{"id": "a", "prompt": "x", "headers": {"X-Row": "1"}}, {"id": "b", "prompt": "y"}]
    batched, _ = run(mode, model=provider(CHAT_MODEL), rows=rows, mode="batch-api", ordered=True)
    assert ["headers" in " ".join(result.warnings) for result in batched] == [True, False]
    batched, _ = run(mode, model=provider(CHAT_MODEL), rows=rows[1:], mode="batch-api", headers={"X-Job": "2"})
    assert "headers" in " ".join(batched[0].warnings)

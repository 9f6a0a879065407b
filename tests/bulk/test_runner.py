"""The bulk runner end to end over mock models, through the async and the blocking API alike (the
``mode`` fixture): results, ordering, errors as data, retries, the adaptive limit against a capped
model, budget, progress, checkpoint and resume."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from ai_sdk.bulk import BulkTotals, Row, RowResult
from ai_sdk.bulk import scheduler as scheduler_module
from ai_sdk.bulk.runner import (
    bulk_embed,
    bulk_embed_sync,
    bulk_generate_object,
    bulk_generate_object_sync,
    bulk_generate_text,
    bulk_generate_text_sync,
)
from ai_sdk.errors import APICallError, CheckpointError, InvalidArgumentError, InvalidRowError, LoadAPIKeyError
from ai_sdk.spec import CallOptions, GenerateResult
from ai_sdk.spec.embedding_model import EmbeddingUsage, EmbedResult
from ai_sdk.testing import MockEmbeddingModel, MockLanguageModel
from tests.core.generation_helpers import text_result, usage

BULK = {
    "text": (bulk_generate_text, bulk_generate_text_sync),
    "object": (bulk_generate_object, bulk_generate_object_sync),
    "embed": (bulk_embed, bulk_embed_sync),
}


@pytest.fixture(autouse=True)
def _short_overload_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    """429s are re-sent after 10 ms instead of 250 ms, so the tests stay quick."""
    monkeypatch.setattr(scheduler_module, "OVERLOAD_DELAY", 0.01)


def run(api: str, kind: str = "text", **arguments: Any) -> tuple[list[RowResult], BulkTotals]:
    """Run a bulk job through the async or the blocking ``api``; the results and the final totals."""
    asynchronous, blocking = BULK[kind]
    if api == "sync":
        job = blocking(**arguments)
        return job.collect(), job.totals

    async def main() -> tuple[list[RowResult], BulkTotals]:
        job = asynchronous(**arguments)
        return await job.collect(), job.totals

    return asyncio.run(main())


def prompt_of(options: CallOptions) -> str:
    part = options.prompt[-1].content[0]  # type: ignore[index]
    return str(part.text)


def echo(options: CallOptions) -> GenerateResult:
    return text_result(f"echo: {prompt_of(options)}", usage_=usage(2, 3, cost=0.001))


class CappedModel(MockLanguageModel):
    """A model behind a server that refuses (429) above ``cap`` requests in flight, and records the
    most it ever served at once (which must never exceed the cap)."""

    def __init__(self, cap: int, latency: float = 0.01) -> None:
        super().__init__(do_generate=echo)
        self.cap, self.latency = cap, latency
        self.serving = self.peak = self.refused = 0
        self._lock = threading.Lock()

    def _enter(self) -> None:
        with self._lock:
            if self.serving >= self.cap:
                self.refused += 1
                raise APICallError("Model busy, retry later", url="u", status_code=429, is_retryable=True)
            self.serving += 1
            self.peak = max(self.peak, self.serving)

    def _leave(self) -> None:
        with self._lock:
            self.serving -= 1

    async def do_generate(self, options: CallOptions) -> GenerateResult:
        self._enter()
        try:
            await asyncio.sleep(self.latency)
            return self._next_generate(options)
        finally:
            self._leave()

    def do_generate_sync(self, options: CallOptions) -> GenerateResult:
        self._enter()
        try:
            time.sleep(self.latency)
            return self._next_generate(options)
        finally:
            self._leave()


def test_every_row_gets_its_result_with_usage_and_totals(mode: str) -> None:
    model = MockLanguageModel(do_generate=echo)
    rows = [{"id": f"r{index}", "prompt": f"p{index}"} for index in range(30)]
    results, totals = run(mode, model=model, rows=rows, concurrency=4)
    assert sorted(result.id for result in results) == sorted(row["id"] for row in rows)
    by_id = {result.id: result for result in results}
    assert by_id["r7"].text == "echo: p7"
    assert by_id["r7"].finish_reason == "stop"
    assert by_id["r7"].cost == pytest.approx(0.001)
    assert (totals.rows_done, totals.rows_failed, totals.requests) == (30, 0, 30)
    assert (totals.input_tokens, totals.output_tokens) == (60, 90)
    assert totals.cost == pytest.approx(0.03)


def test_ordered_results_follow_the_input(mode: str) -> None:
    def slow_for_early_rows(options: CallOptions) -> GenerateResult:
        number = int(prompt_of(options))
        time.sleep(0.002 * (10 - number % 10))  # early rows finish last
        return text_result(str(number))

    model = MockLanguageModel(do_generate=slow_for_early_rows)
    results, _ = run(mode, model=model, rows=[str(number) for number in range(20)], concurrency=5, ordered=True)
    assert [result.id for result in results] == list(range(20))  # strings get their position as id


def test_row_settings_override_job_settings(mode: str) -> None:
    model = MockLanguageModel(do_generate=echo)
    rows = [Row(id="a", prompt="x"), Row(id="b", prompt="y", system="Be brief", settings={"temperature": 0.9})]
    run(mode, model=model, rows=rows, concurrency=1, temperature=0.1, max_output_tokens=7)
    temperatures = sorted(call.temperature for call in model.calls if call.temperature is not None)
    assert temperatures == [0.1, 0.9]
    assert {call.max_output_tokens for call in model.calls} == {7}
    assert any(message.role == "system" for call in model.calls for message in call.prompt)


def test_errors_are_data_and_retryable_ones_are_retried(mode: str) -> None:
    answers: dict[str, list[Any]] = {
        "flaky": [APICallError("Bad gateway", url="u", status_code=502, is_retryable=True)],
        "bad": [APICallError("Invalid model", url="u", status_code=400, is_retryable=False)],
    }

    def scripted(options: CallOptions) -> GenerateResult:
        queue = answers.get(prompt_of(options), [])
        if queue:
            raise queue.pop(0)
        return echo(options)

    delays: list[float] = []
    original = scheduler_module.next_delay

    def recorded(error: BaseException, attempt: int) -> float:
        delays.append(original(error, attempt))
        return 0.01

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scheduler_module, "next_delay", recorded)
        results, totals = run(mode, model=MockLanguageModel(do_generate=scripted), rows=["fine", "flaky", "bad"])
    by_id = {result.id: result for result in results}
    assert (by_id[1].text, by_id[1].attempts) == ("echo: flaky", 2)
    assert delays == [2.0]  # the library's first backoff
    assert by_id[2].error is not None
    assert (by_id[2].error.status_code, by_id[2].error.retryable, by_id[2].text) == (400, False, None)
    assert (totals.rows_done, totals.rows_failed, totals.retries) == (2, 1, 1)


def test_the_limit_adapts_to_a_capped_server(mode: str) -> None:
    model = CappedModel(cap=4)
    results, totals = run(mode, model=model, rows=[f"p{index}" for index in range(120)], concurrency=16, max_retries=6)
    assert all(result.ok for result in results)
    assert len(results) == 120
    assert model.peak <= 4
    assert totals.rate_limited == model.refused > 0
    assert totals.concurrency < 16  # it backed off
    assert totals.rate_limited < 0.4 * totals.requests  # no storm: most requests went through


def test_a_bad_job_setting_fails_the_job_a_bad_row_only_the_row(mode: str) -> None:
    model = MockLanguageModel(do_generate=echo)
    with pytest.raises(InvalidArgumentError, match="temperature"):
        run(mode, model=model, rows=["a", "b"], temperature="hot")
    rows = [Row(id="a", prompt="x"), Row(id="b", prompt="x", settings={"temperature": "hot"})]
    results, _ = run(mode, model=model, rows=rows)
    errors = {result.id: result.error.type if result.error else None for result in results}
    assert errors == {"a": None, "b": "InvalidArgumentError"}


@pytest.mark.parametrize(
    "error",
    [
        LoadAPIKeyError("DeepInfra API key is missing."),
        APICallError("Not authenticated", url="u", status_code=401, is_retryable=False),
    ],
)
def test_a_missing_or_refused_key_stops_the_job(mode: str, error: Exception, tmp_path: Path) -> None:
    """Every row would fail the same way: the job stops with the error, instead of writing a failed
    line for each of its (perhaps millions of) rows."""

    def refuse(options: CallOptions) -> GenerateResult:
        raise error

    model = MockLanguageModel(do_generate=refuse)
    rows = [f"p{index}" for index in range(100)]
    with pytest.raises(type(error), match=str(error.args[0])):
        run(mode, model=model, rows=rows, concurrency=4, checkpoint=tmp_path / "out.jsonl")
    assert len(model.calls) <= 4  # the rows already in flight at most
    assert lines(tmp_path / "out.jsonl") == []


def test_bad_input_is_refused_clearly(mode: str) -> None:
    model = MockLanguageModel(do_generate=echo)
    with pytest.raises(InvalidRowError, match="already used"):
        run(mode, model=model, rows=[{"id": 1, "prompt": "a"}, {"id": 1, "prompt": "b"}])
    with pytest.raises(InvalidArgumentError, match="iterable"):
        run(mode, model=model, rows=42)
    with pytest.raises(InvalidArgumentError, match="concurrency"):
        run(mode, model=model, rows=[], concurrency=0)
    with pytest.raises(InvalidArgumentError, match="realtime"):
        run(mode, model=model, rows=[], mode="fast")
    [result] = run(mode, model=model, rows=[{"id": "e", "value": "no prompt"}])[0]
    assert result.error is not None
    assert "needs 'prompt' or 'messages'" in result.error.message


def test_a_dataframe_is_refused_not_read_as_its_column_names(mode: str) -> None:
    """Iterating a pandas DataFrame gives its column names: two rows 'id' and 'prompt' were sent."""
    pandas = pytest.importorskip("pandas")
    model = MockLanguageModel(do_generate=echo)
    frame = pandas.DataFrame({"id": ["a", "b", "c"], "prompt": ["x", "y", "z"]})
    with pytest.raises(InvalidArgumentError, match=r"to_dict\('records'\)"):
        run(mode, model=model, rows=frame)
    assert model.calls == []
    results, _ = run(mode, model=model, rows=frame.to_dict("records"))
    assert sorted(result.id for result in results) == ["a", "b", "c"]


def test_the_budget_stops_the_run(mode: str) -> None:
    model = MockLanguageModel(do_generate=echo)  # $0.001 per row
    results, totals = run(mode, model=model, rows=[f"p{index}" for index in range(100)], concurrency=2, budget=0.0105)
    assert totals.stopped == "budget"
    assert totals.cost <= 0.0105
    assert 8 <= len(results) <= 10
    assert len(model.calls) == len(results)


def test_the_budget_holds_at_a_concurrency_above_what_it_pays_for(mode: str) -> None:
    """Before any row's price is known, the first row goes alone: fifty rows started at once would
    spend twenty times the budget before the first price came back."""
    model = MockLanguageModel(do_generate=echo)  # $0.001 per row
    results, totals = run(mode, model=model, rows=[f"p{index}" for index in range(100)], concurrency=50, budget=0.0025)
    assert (totals.stopped, len(results), len(model.calls)) == ("budget", 2, 2)
    assert totals.cost <= 0.0025


def test_a_budget_the_model_cannot_price_stops_the_job(mode: str, tmp_path: Path) -> None:
    """A model that reports no cost (DeepInfra's embeddings state none) cannot keep a budget: the job
    stops after its first row with an error that says so, instead of ignoring the budget."""
    checkpoint = tmp_path / "out.jsonl"
    model = MockLanguageModel(do_generate=text_result("unpriced", usage_=usage(2, 3)))
    with pytest.raises(InvalidArgumentError, match="no cost") as raised:
        run(mode, model=model, rows=[f"p{index}" for index in range(20)], budget=1.0, checkpoint=checkpoint)
    assert raised.value.argument == "budget"
    assert (ids_in(checkpoint), len(model.calls)) == ([0], 1)  # the row it paid for is kept


def test_progress_callback_and_bar(mode: str, capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[BulkTotals] = []
    model = MockLanguageModel(do_generate=echo)
    _, totals = run(mode, model=model, rows=["a", "b", "c"], on_progress=seen.append, progress=True)
    assert [snapshot.rows_finished for snapshot in seen] == [1, 2, 3, 3]
    assert seen[-1] == totals or seen[-1].rows_done == totals.rows_done
    assert "3/3" in capsys.readouterr().err


def test_objects_and_embeddings(mode: str) -> None:
    from pydantic import BaseModel

    class Label(BaseModel):
        label: str

    model = MockLanguageModel(do_generate=text_result('{"label": "spam"}'))
    [result], _ = run(mode, "object", model=model, rows=["Buy now"], schema=Label)
    assert result.object == Label(label="spam")
    assert result.to_json()["object"] == {"label": "spam"}
    cut = MockLanguageModel(do_generate=text_result('{"lab', usage_=usage(4, 2, cost=0.5), finish="length"))
    [failed], totals = run(mode, "object", model=cut, rows=["Buy now"], schema=Label)
    assert failed.error is not None
    assert failed.error.type == "NoObjectGeneratedError"
    assert (failed.cost, failed.finish_reason, totals.cost) == (0.5, "length", 0.5)  # billed all the same

    def embed(options: Any) -> EmbedResult:
        return EmbedResult(embeddings=[[float(len(value))] for value in options.values], usage=EmbeddingUsage(4))

    embedder = MockEmbeddingModel(embed)
    results, totals = run(mode, "embed", model=embedder, rows=["ab", {"id": "x", "value": "abcd"}])
    assert {result.id: result.embedding for result in results} == {0: [2.0], "x": [4.0]}
    assert (totals.requests, totals.input_tokens) == (1, 4)  # both rows in one request, its tokens split
    assert [result.usage.input_tokens for result in results if result.usage] == [2, 2]
    _, totals = run(mode, "embed", model=embedder, rows=["ab", "abcd"], rows_per_request=1)
    assert (totals.requests, totals.input_tokens) == (2, 8)


# -------------------------------------------------------------------------------------- checkpoints


def lines(path: Path) -> list[str]:
    return [line for line in path.read_text().splitlines() if line]


def ids_in(path: Path) -> list[Any]:
    return [RowResult.from_json(__import__("json").loads(line)).id for line in lines(path)]


def test_a_checkpoint_gets_every_final_result_and_resume_skips_them(mode: str, tmp_path: Path) -> None:
    checkpoint = tmp_path / "out.jsonl"
    fail_once = {"p3"}

    def scripted(options: CallOptions) -> GenerateResult:
        prompt = prompt_of(options)
        if prompt in fail_once:
            fail_once.discard(prompt)
            raise APICallError("Bad", url="u", status_code=400, is_retryable=False)
        return echo(options)

    model = MockLanguageModel(do_generate=scripted)
    rows = [{"id": f"r{index}", "prompt": f"p{index}"} for index in range(10)]
    results, _ = run(mode, model=model, rows=rows, checkpoint=checkpoint, concurrency=3)
    assert sorted(ids_in(checkpoint)) == sorted(row["id"] for row in rows)
    assert sum(1 for result in results if not result.ok) == 1
    with pytest.raises(CheckpointError, match="already exists"):
        run(mode, model=model, rows=rows, checkpoint=checkpoint)
    # Simulate a crash in the middle of writing a line: a cut-off last line.
    with checkpoint.open("ab") as file:
        file.write(b'{"id": "r9", "te')
    calls_before = len(model.calls)
    results, totals = run(mode, model=model, rows=rows, checkpoint=checkpoint, resume=True)
    assert [result.id for result in results] == ["r3"]  # only the failed row runs again
    assert len(model.calls) == calls_before + 1
    assert totals.rows_resumed == 9
    assert totals.cost == pytest.approx(0.01)
    assert sorted(ids_in(checkpoint)) == sorted(row["id"] for row in rows)  # each id exactly once


def test_breaking_out_keeps_what_finished(mode: str, tmp_path: Path) -> None:
    checkpoint = tmp_path / "out.jsonl"
    model = MockLanguageModel(do_generate=echo)
    rows = [f"p{index}" for index in range(50)]
    taken: list[RowResult] = []
    if mode == "sync":
        for result in bulk_generate_text_sync(model=model, rows=rows, checkpoint=checkpoint, concurrency=2):
            taken.append(result)
            if len(taken) == 5:
                break
    else:

        async def main() -> None:
            async for result in bulk_generate_text(model=model, rows=rows, checkpoint=checkpoint, concurrency=2):
                taken.append(result)
                if len(taken) == 5:
                    break

        asyncio.run(main())
    assert set(ids_in(checkpoint)) >= {result.id for result in taken}
    _results, totals = run(mode, model=model, rows=rows, checkpoint=checkpoint, resume=True)
    assert sorted(ids_in(checkpoint)) == list(range(50))
    assert totals.rows_resumed + totals.rows_done == 50


def test_a_checkpoint_of_another_kind_of_job_is_refused(mode: str, tmp_path: Path) -> None:
    checkpoint = tmp_path / "out.jsonl"
    checkpoint.write_text('{"id": 1, "embedding": [0.5], "error": null}\n')
    with pytest.raises(CheckpointError, match="another kind of job"):
        run(mode, model=MockLanguageModel(do_generate=echo), rows=["a"], checkpoint=checkpoint, resume=True)
    checkpoint.write_text("not json\n")
    with pytest.raises(CheckpointError, match="line 1"):
        run(mode, model=MockLanguageModel(do_generate=echo), rows=["a"], checkpoint=checkpoint, resume=True)


def test_async_iterables_are_read_lazily() -> None:
    read: list[int] = []

    async def source() -> Any:
        for index in range(6):
            read.append(index)
            yield f"p{index}"

    async def main() -> list[RowResult]:
        job = bulk_generate_text(model=MockLanguageModel(do_generate=echo), rows=source(), concurrency=2)
        return await job.collect()

    assert len(asyncio.run(main())) == 6
    assert read == list(range(6))


def test_a_run_iterates_once() -> None:
    job = bulk_generate_text_sync(model=MockLanguageModel(do_generate=echo), rows=["a"])
    job.collect()
    with pytest.raises(InvalidArgumentError, match="only once"):
        job.collect()
    assert "1 done" in repr(job)


def test_over_real_http_at_more_threads_than_the_pool_holds(mode: str, deepinfra_emulator: Any) -> None:
    """The runner against the emulator over loopback, with more requests in flight than the blocking
    transport's pool keeps (32): every row succeeds, with DeepInfra's cost on each."""
    from ai_sdk.deepinfra import create_deepinfra

    model = create_deepinfra(base_url=deepinfra_emulator.base_url, api_key="k")("meta-llama/Meta-Llama-3.1-8B-Instruct")
    results, totals = run(mode, model=model, rows=[f"row {index}" for index in range(120)], concurrency=60)
    assert [result.error for result in results if result.error] == []
    assert totals.rows_done == 120
    assert all(result.cost for result in results)


def test_rows_answered_when_the_input_fails_are_kept(mode: str, tmp_path: Path) -> None:
    """A bad input line stops the job, but the rows already sent were answered (and paid for): their
    results are in the checkpoint, so a resume after fixing the line does not send them again."""
    checkpoint = tmp_path / "out.jsonl"
    answered = threading.Semaphore(0)
    count: list[str] = []

    def answer(options: CallOptions) -> GenerateResult:
        count.append(prompt_of(options))
        answered.release()
        return echo(options)

    model = MockLanguageModel(do_generate=answer)

    def source() -> Any:
        yield from ("p0", "p1", "p2")
        for _ in range(3):
            answered.acquire()  # the three rows are answered before the bad line is read
        raise ValueError("line 4 is not JSON")

    async def async_source() -> Any:
        for row in ("p0", "p1", "p2"):
            yield row
        while len(count) < 3:  # the answers come on this event loop, each ending its task in the same step
            await asyncio.sleep(0)
        await asyncio.sleep(0)
        raise ValueError("line 4 is not JSON")

    with pytest.raises(ValueError, match="line 4"):
        run(mode, model=model, rows=source() if mode == "sync" else async_source(), checkpoint=checkpoint)
    assert sorted(ids_in(checkpoint)) == [0, 1, 2]
    results, totals = run(mode, model=model, rows=["p0", "p1", "p2"], checkpoint=checkpoint, resume=True)
    assert (results, totals.rows_resumed, len(model.calls)) == ([], 3, 3)

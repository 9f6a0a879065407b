"""The bulk runner's Batch API mode end to end against the emulator, blocking and async over the same
test bodies: the same rows and work as real time give the same kind of RowResult (text, objects
validated against the schema, embeddings, usage and cost), with a failed row, an expired batch, a
failed batch, invalid rows, and a run resumed from its batch id."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from pydantic import BaseModel

from ai_sdk.bulk.batch_api import run_batch_api, run_batch_api_sync
from ai_sdk.bulk.rows import Row, RowResult
from ai_sdk.bulk.work import EmbedWork, ObjectWork, TextWork
from ai_sdk.deepinfra import DeepInfraProvider
from ai_sdk.deepinfra.batch import Batch
from ai_sdk.errors import BatchFailedError, InvalidArgumentError
from ai_sdk.spec._json import loads
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.openapi import schema_errors

CHAT_MODEL = "meta-llama/Meta-Llama-3.1-8B-Instruct"
POLL = 0.01


class City(BaseModel):
    name: str
    population: int


async def run(mode: str, work: Any, rows: list[Row], **kwargs: Any) -> list[RowResult]:
    kwargs.setdefault("poll_interval", POLL)
    if mode == "sync":
        return run_batch_api_sync(work, rows, **kwargs)
    return await run_batch_api(work, rows, **kwargs)


def uploaded_lines(emu: DeepInfraEmulator) -> list[list[dict[str, Any]]]:
    """The input files uploaded so far, as decoded lines."""
    uploads = [r for r in emu.requests_to("files") if r.method == "POST"]
    return [[loads(line) for line in upload.form("file")[0].data.splitlines()] for upload in uploads]


def realtime(work: Any, rows: list[Row]) -> list[RowResult]:
    return [work.run_sync(row) for row in rows]


async def test_text_rows_match_real_time_with_a_failed_row(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider
) -> None:
    work = TextWork(model=provider(CHAT_MODEL), settings={"temperature": 0.3, "max_output_tokens": 200})
    rows = [
        Row(id="a", prompt="first"),
        Row(id=2, messages=[{"role": "user", "content": "second"}], system="be brief"),
        Row(id="c", prompt="third", settings={"seed": 4}),
    ]
    live = realtime(work, rows)
    real_time_bodies = [request.body for request in emu.requests_to("chat")]
    emu.batches.fail_rows("c", status=503, message="overloaded")
    submitted: list[Batch] = []
    results = await run(mode, work, rows, on_submitted=submitted.append, metadata={"job": "t"})
    assert [r.id for r in results] == ["a", 2, "c"]
    assert all(r.mode == "batch-api" for r in results)
    for batched, real in zip(results[:2], live[:2], strict=True):
        assert batched.ok
        assert batched.text == real.text
        assert batched.finish_reason == real.finish_reason
        assert batched.usage is not None
        assert real.usage is not None
        assert batched.usage.input_tokens == real.usage.input_tokens
        assert batched.cost == pytest.approx(real.usage.cost * 0.8)
    failed = results[2]
    assert not failed.ok
    assert failed.error is not None
    assert failed.error.status_code == 503
    assert failed.error.retryable
    assert "overloaded" in failed.error.message
    # The input file carried exactly the real-time bodies, valid for DeepInfra's schema.
    (lines,) = uploaded_lines(emu)
    assert [line["custom_id"] for line in lines] == ["a", "2", "c"]
    assert [line["body"] for line in lines] == real_time_bodies
    assert all(schema_errors("OpenAIChatCompletionsIn", line["body"]) == [] for line in lines)
    assert submitted[0].metadata == {"job": "t"}


async def test_objects_are_validated_against_the_schema(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider
) -> None:
    work = ObjectWork(model=provider(CHAT_MODEL), schema=City)
    rows = [Row(id=f"city-{i}", prompt=f"a city, number {i}") for i in range(3)]
    results = await run(mode, work, rows)
    assert all(r.ok and isinstance(r.object, City) for r in results), results
    assert all(r.cost is not None and r.cost > 0 for r in results)
    (lines,) = uploaded_lines(emu)
    body = lines[0]["body"]
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["schema"]["required"] == ["name", "population"]


async def test_embeddings(mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    work = EmbedWork(model=provider.embedding_model("BAAI/bge-base-en-v1.5"))
    rows = [Row(id=i, value=text) for i, text in enumerate(["sunny day", "rainy night"])]
    live = realtime(work, rows)
    results = await run(mode, work, rows)
    assert [r.embedding for r in results] == [r.embedding for r in live]
    assert all(r.usage is not None and r.usage.input_tokens for r in results)
    (lines,) = uploaded_lines(emu)
    for line in lines:
        assert line["url"] == "/v1/embeddings"
        assert schema_errors("OpenAIEmbeddingsIn", line["body"]) == []


async def test_an_expired_batch_keeps_what_finished(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider
) -> None:
    emu.batches.expire_next()
    work = TextWork(model=provider(CHAT_MODEL))
    rows = [Row(id=f"r{i}", prompt=f"p{i}") for i in range(4)]
    results = await run(mode, work, rows)
    assert [r.ok for r in results] == [True, True, False, False]
    for result in results[2:]:
        assert result.error is not None
        assert result.error.retryable
        assert "batch_expired" in result.error.message
        assert result.mode == "batch-api"


async def test_a_failed_batch_raises(mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.batches.fail_next("account suspended")
    with pytest.raises(BatchFailedError, match="account suspended"):
        await run(mode, TextWork(model=provider(CHAT_MODEL)), [Row(id=1, prompt="p")])


async def test_invalid_rows_fail_alone_and_unsent(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider
) -> None:
    work = TextWork(model=provider(CHAT_MODEL))
    rows = [
        Row(id="ok", prompt="fine"),
        Row(id="empty", value="no prompt"),
        Row(id="bad", prompt="x", settings={"temperature": "hot"}),
    ]
    results = await run(mode, work, rows)
    assert [r.ok for r in results] == [True, False, False]
    assert results[1].error is not None
    assert results[1].error.type == "InvalidRowError"
    assert results[1].attempts == 0
    (lines,) = uploaded_lines(emu)
    assert [line["custom_id"] for line in lines] == ["ok"]
    # Nothing left to send: no batch at all.
    only_bad = await run(mode, work, [Row(id="empty", value="v")])
    assert not only_bad[0].ok
    assert len(uploaded_lines(emu)) == 1


async def test_resume_collects_a_submitted_batch_without_resubmitting(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider
) -> None:
    work = TextWork(model=provider(CHAT_MODEL))
    rows = [Row(id=i, prompt=f"p{i}") for i in range(3)]
    submitted: list[Batch] = []
    first = await run(mode, work, rows, on_submitted=submitted.append)
    assert [batch.id for batch in submitted] == emu.batches.batch_ids
    again = await run(mode, work, rows, batch_ids=[batch.id for batch in submitted])
    assert [r.text for r in again] == [r.text for r in first]
    assert len(uploaded_lines(emu)) == 1
    assert emu.batches.batch_ids == [batch.id for batch in submitted]


async def test_rows_beyond_one_file_go_in_several_batches(
    mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider
) -> None:
    work = TextWork(model=provider(CHAT_MODEL))
    rows = [Row(id=i, prompt=f"prompt number {i}") for i in range(7)]
    submitted: list[Batch] = []
    results = await run(mode, work, rows, max_file_bytes=400, on_submitted=submitted.append)
    assert [r.id for r in results] == list(range(7))
    assert all(r.ok and f"prompt number {r.id}" in (r.text or "") for r in results)
    files = uploaded_lines(emu)
    assert len(files) == len(submitted) > 2
    assert [line["custom_id"] for lines in files for line in lines] == [str(i) for i in range(7)]
    assert all(len(emu.batches.file_content(batch.input_file_id)) <= 400 for batch in submitted)


async def test_one_model_call_per_row(mode: str, emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    from ai_sdk import step_count_is, tool

    @tool
    def weather(city: str) -> str:
        """The weather.

        Args:
            city: A city.
        """
        return "sunny"

    work = TextWork(model=provider(CHAT_MODEL), settings={"tools": [weather], "stop_when": step_count_is(3)})
    (result,) = await run(mode, work, [Row(id=1, prompt="weather in Paris?")])
    assert result.error is not None
    assert "one model call per row" in result.error.message


def test_needs_a_deepinfra_chat_or_embedding_model(provider: DeepInfraProvider) -> None:
    from ai_sdk.testing import MockLanguageModel

    with pytest.raises(InvalidArgumentError, match="needs a DeepInfra model"):
        run_batch_api_sync(TextWork(model=MockLanguageModel()), [Row(id=1, prompt="p")])
    with pytest.raises(InvalidArgumentError, match="chat or embedding model"):
        run_batch_api_sync(TextWork(model=provider.completion_model(CHAT_MODEL)), [Row(id=1, prompt="p")])


def test_progress_draws_a_bar_or_prints_lines_without_tqdm(
    emu: DeepInfraEmulator,
    provider: DeepInfraProvider,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[Batch] = []
    work = TextWork(model=provider(CHAT_MODEL))
    run_batch_api_sync(
        work, [Row(id=1, prompt="p"), Row(id=2, prompt="q")], poll_interval=POLL, progress=True, on_progress=seen.append
    )
    bar = capsys.readouterr().err
    assert seen[-1].status == "completed"
    assert seen[-1].id in bar
    assert "2/2" in bar
    assert "status=completed" in bar
    monkeypatch.setitem(sys.modules, "tqdm", None)  # as if the progress extra were not installed
    run_batch_api_sync(work, [Row(id=3, prompt="r")], poll_interval=POLL, progress=True)
    lines = capsys.readouterr().err.splitlines()
    assert lines[-1].endswith("completed: 1/1 done, 0 failed")


def test_a_row_missing_from_the_result_files_is_an_error_row(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ai_sdk.deepinfra.batch import DeepInfraBatchClient

    real = DeepInfraBatchClient.results_sync

    def without_row_1(self: DeepInfraBatchClient, batch: Batch) -> dict[str, Any]:
        return {cid: row for cid, row in real(self, batch).items() if cid != "1"}

    monkeypatch.setattr(DeepInfraBatchClient, "results_sync", without_row_1)
    rows = [Row(id=0, prompt="a"), Row(id=1, prompt="b")]
    results = run_batch_api_sync(TextWork(model=provider(CHAT_MODEL)), rows, poll_interval=POLL)
    assert results[0].ok
    assert results[1].error is not None
    assert results[1].error.type == "InvalidResponseDataError"
    assert "no line for row '1'" in results[1].error.message

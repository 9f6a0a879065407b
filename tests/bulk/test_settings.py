"""The bulk functions' settings, checked before any row is sent, by all six functions (the ``mode``
fixture runs each body through the async and the blocking API): a misspelt one raises at the call,
naming the closest; one the core would reject raises before the first request (a dry run that sends
nothing, writes no checkpoint and leaves no telemetry span)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from ai_sdk import tool
from ai_sdk.errors import InvalidArgumentError, UnknownArgumentError
from ai_sdk.spec.embedding_model import EmbeddingUsage, EmbedResult
from ai_sdk.testing import MockEmbeddingModel, MockLanguageModel
from tests.bulk.test_runner import BULK as KINDS
from tests.core.generation_helpers import text_result


class Label(BaseModel):
    label: str


def model_for(kind: str) -> Any:
    if kind == "embed":
        return MockEmbeddingModel(lambda options: EmbedResult(embeddings=[[1.0]], usage=EmbeddingUsage(1)))
    return MockLanguageModel(do_generate=text_result('{"label": "ham"}'))


def job(mode: str, kind: str, **arguments: Any) -> Any:
    """The bulk job of ``kind`` through the async or the blocking API (not started)."""
    if kind == "object":
        arguments.setdefault("schema", Label)
    return KINDS[kind][mode == "sync"](**arguments)


def collect(mode: str, run: Any) -> list[Any]:
    if mode == "sync":
        return list(run.collect())

    async def main() -> list[Any]:
        return list(await run.collect())

    return asyncio.run(main())


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_misspelt_setting_is_refused_at_the_call_naming_the_closest(mode: str, kind: str) -> None:
    model = model_for(kind)
    function = f"bulk_{'embed' if kind == 'embed' else 'generate_' + kind}"
    misspelt = {"embed": ("provider_option", "provider_options"), "text": ("max_token", "max_output_tokens")}
    wrong, right = misspelt.get(kind, misspelt["text"])
    with pytest.raises(UnknownArgumentError, match=f"{function}\\(\\).*'{wrong}'; did you mean {right}\\?"):
        job(mode, kind, model=model, rows=["a"], **{wrong: 5})
    with pytest.raises(UnknownArgumentError, match="did you mean concurrency"):
        job(mode, kind, model=model, rows=["a"], concurency=5)
    assert model.calls == []


@pytest.mark.parametrize("kind", list(KINDS))
def test_an_ill_typed_setting_fails_the_job_before_any_row_is_sent(mode: str, kind: str, tmp_path: Path) -> None:
    model = model_for(kind)
    checkpoint = tmp_path / "job.jsonl"
    bad = {"embed": {"headers": {"x-id": 5}}, "text": {"temperature": "hot"}}.get(kind, {"temperature": "hot"})
    run = job(mode, kind, model=model, rows=["a", "b"], checkpoint=checkpoint, **bad)
    with pytest.raises(InvalidArgumentError) as caught:
        collect(mode, run)
    assert caught.value.argument == next(iter(bad))
    assert model.calls == []
    assert not checkpoint.exists()


@pytest.mark.parametrize("kind", ["text", "object"])
def test_the_prompt_comes_from_the_rows_not_the_job(mode: str, kind: str) -> None:
    for name in ("prompt", "messages"):
        with pytest.raises(InvalidArgumentError, match=f"takes each row's {name} from rows="):
            job(mode, kind, model=model_for(kind), rows=["a"], **{name: "hi"})


def test_the_core_checks_of_each_kind_run_in_the_dry_run(mode: str, tmp_path: Path) -> None:
    """What only the core knows: the object kinds, the tools, the telemetry setting."""
    model = model_for("text")
    checkpoint = tmp_path / "job.jsonl"
    with pytest.raises(InvalidArgumentError, match="needs enum"):
        collect(mode, job(mode, "object", model=model, rows=["a"], schema=None, output="enum", checkpoint=checkpoint))
    with pytest.raises(InvalidArgumentError, match="tool_choice"):
        collect(mode, job(mode, "text", model=model, rows=["a"], tool_choice="sometimes", checkpoint=checkpoint))
    with pytest.raises(InvalidArgumentError, match="telemetry"):
        collect(mode, job(mode, "embed", model=model_for("embed"), rows=["a"], telemetry="on", checkpoint=checkpoint))
    assert model.calls == []
    assert not checkpoint.exists()


def test_a_wrong_model_fails_the_job_before_any_request(mode: str) -> None:
    model = model_for("text")
    with pytest.raises(InvalidArgumentError, match="deepinfra"):
        collect(mode, job(mode, "text", model="meta-llama/Meta-Llama-3.1-8B-Instruct", rows=["a"]))
    with pytest.raises(InvalidArgumentError, match="embedding model"):
        collect(mode, job(mode, "embed", model=model, rows=["a"]))
    assert model.calls == []


def test_async_tools_fail_a_blocking_job_only() -> None:
    @tool
    async def lookup(city: str) -> str:
        """Look a city up."""
        return city

    model = model_for("text")
    with pytest.raises(InvalidArgumentError, match="async execute function"):
        collect("sync", job("sync", "text", model=model, rows=["a"], tools=[lookup]))
    assert model.calls == []
    [result] = collect("async", job("async", "text", model=model, rows=["a"], tools=[lookup]))
    assert result.ok
    assert len(model.calls) == 1


class CountingTelemetry:
    """A telemetry setting that counts the generations it is asked to observe (and observes none)."""

    def __init__(self) -> None:
        self.generations = 0
        self.models = 0

    def start_generation(self, **_: Any) -> None:
        self.generations += 1

    def wrap_model(self, model: Any, *, function: str) -> Any:
        self.models += 1
        return model


def test_the_dry_run_leaves_no_telemetry_behind(mode: str) -> None:
    telemetry = CountingTelemetry()
    results = collect(mode, job(mode, "text", model=model_for("text"), rows=["a", "b"], telemetry=telemetry))
    assert [result.ok for result in results] == [True, True]
    assert telemetry.generations == 2  # one per row, none for the dry run
    collect(mode, job(mode, "embed", model=model_for("embed"), rows=["a", "b", "c"], telemetry=telemetry))
    assert telemetry.models == 1  # one request embeds the three rows; none for the dry run
    collect(
        mode,
        job(mode, "embed", model=model_for("embed"), rows=["a", "b", "c"], telemetry=telemetry, rows_per_request=1),
    )
    assert telemetry.models == 4  # then one per row

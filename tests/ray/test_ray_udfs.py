"""The Ray Data UDFs on a real local Ray cluster (2 CPUs, no dashboard; one session for the module)
against the emulator, which caps the model at CAP requests in flight (429 above it) and answers after
a delay, so concurrency piles up: several actors, each running a whole batch of rows at once, must
together never exceed the cap, measured at the emulator."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import ray.data
from pydantic import BaseModel

import ray
from ai_sdk.ray import ConcurrencyBudget, EmbedUDF, GenerateObjectUDF, GenerateTextUDF
from ai_sdk.testing import DeepInfraEmulator
from ray import cloudpickle

# Ray Data reads its own deprecated settings when it starts; nothing of ours.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context")

CHAT_MODEL = "meta-llama/Meta-Llama-3.1-8B-Instruct"
EMBEDDING_MODEL = "BAAI/bge-base-en-v1.5"
CAP = 4

# Classes defined here travel to Ray's workers by value (the workers cannot import this test module).
cloudpickle.register_pickle_by_value(sys.modules[__name__])


class Planet(BaseModel):
    name: str
    moons: int


class TextWithPid(GenerateTextUDF):
    """Also records which actor process answered each row."""

    async def __call__(self, batch: Any) -> Any:
        answer = await super().__call__(batch)
        answer["pid"] = [os.getpid()] * len(answer["text"])
        return answer


@pytest.fixture(scope="module")
def cluster() -> Iterator[None]:
    # address="local": always a cluster of our own, never one another process on the machine started.
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        yield
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def emu() -> Iterator[DeepInfraEmulator]:
    with DeepInfraEmulator(max_concurrency=CAP, latency=0.05) as emulator:
        yield emulator


@pytest.fixture
def fresh(emu: DeepInfraEmulator) -> DeepInfraEmulator:
    emu.reset()
    emu.latency = 0.05
    return emu


def provider(emu: DeepInfraEmulator) -> dict[str, str]:
    return {"base_url": emu.base_url, "api_key": "ray-test-key"}


def test_actors_share_one_budget_and_never_exceed_the_cap(cluster: None, fresh: DeepInfraEmulator) -> None:
    fresh.latency = 0.2  # long enough that the CAP requests of a round overlap at the server even under load
    rows = 48
    ds = ray.data.from_items([{"prompt": f"question {i}"} for i in range(rows)])
    out = ds.map_batches(
        TextWithPid,
        fn_constructor_kwargs={
            "model": CHAT_MODEL,
            "max_concurrency": CAP,
            "budget": "test-text",
            "provider": provider(fresh),
            "settings": {"temperature": 0.2},
        },
        concurrency=2,
        batch_size=12,
        num_cpus=0.25,
    ).take_all()
    assert len(out) == rows
    assert len({row["pid"] for row in out}) == 2, "both actors worked"
    assert all(row["error"] is None for row in out)
    assert sorted(row["prompt"] for row in out) == sorted(f"question {i}" for i in range(rows))
    for row in out:
        assert row["prompt"] in row["text"]
        assert row["finish_reason"] == "stop"
        assert row["input_tokens"] > 0
        assert row["output_tokens"] > 0
        assert row["cost"] > 0
    # Each actor had a whole batch (12 rows) in flight at once: only the shared budget held them to CAP.
    assert fresh.peak_in_flight(CHAT_MODEL) <= CAP
    assert fresh.throttled == 0
    assert fresh.peak_in_flight(CHAT_MODEL) == CAP, "the budget lets the job run at the cap"
    stats = ConcurrencyBudget("test-text", CAP).stats()
    assert stats == {"limit": CAP, "in_use": 0, "peak": CAP, "granted": rows}


def test_objects_with_a_failed_row_in_pandas_batches(cluster: None, fresh: DeepInfraEmulator) -> None:
    fresh.chat.reply_error(400, message="prompt rejected")
    ds = ray.data.from_items([{"prompt": f"planet {i}"} for i in range(6)])
    out = ds.map_batches(
        GenerateObjectUDF,
        fn_constructor_kwargs={
            "model": CHAT_MODEL,
            "schema": Planet,
            "max_concurrency": CAP,
            "budget": "test-object",
            "provider": provider(fresh),
            "max_retries": 0,
        },
        batch_format="pandas",
        concurrency=1,
        batch_size=6,
        num_cpus=0.25,
    ).take_all()
    failed = [row for row in out if row["error"] is not None]
    assert len(failed) == 1
    assert failed[0]["error"] == "APICallError: prompt rejected"
    assert failed[0]["object"] is None
    for row in out:
        if row["error"] is None:
            assert Planet.model_validate(row["object"]).moons >= 0
            assert row["cost"] > 0
    assert fresh.peak_in_flight(CHAT_MODEL) <= CAP
    assert fresh.throttled == 0


def test_embeddings_in_chunks(cluster: None, fresh: DeepInfraEmulator) -> None:
    from ai_sdk.deepinfra import create_deepinfra
    from ai_sdk.sync import embed_many

    texts = [f"document number {i}" for i in range(10)]
    ds = ray.data.from_items([{"text": text} for text in texts])
    out = ds.map_batches(
        EmbedUDF,
        fn_constructor_kwargs={
            "model": EMBEDDING_MODEL,
            "values_per_call": 4,
            "max_concurrency": CAP,
            "budget": "test-embed",
            "provider": provider(fresh),
        },
        concurrency=1,
        batch_size=10,
        num_cpus=0.25,
    ).take_all()
    expected = embed_many(model=create_deepinfra(**provider(fresh)).embedding_model(EMBEDDING_MODEL), values=texts)
    by_text = dict(zip(texts, expected.embeddings, strict=True))
    for row in out:
        assert row["error"] is None
        assert list(row["embedding"]) == pytest.approx(by_text[row["text"]])
        assert row["input_tokens"] > 0
    assert len(fresh.requests_to("embeddings")) == 3 + 1  # 3 chunks, then our own check


def test_a_budget_name_keeps_its_limit(cluster: None) -> None:
    from ai_sdk.errors import InvalidArgumentError

    budget = ConcurrencyBudget("test-limit", 3)
    with pytest.raises(InvalidArgumentError, match="already exists with a limit of 3"):
        ConcurrencyBudget("test-limit", 5)
    budget.close()
    assert ConcurrencyBudget("test-limit", 5).stats()["limit"] == 5


def test_a_misspelt_option_is_named_with_the_closest() -> None:
    """Checked before the actor touches Ray or the network."""
    from ai_sdk.errors import UnknownArgumentError

    with pytest.raises(UnknownArgumentError, match=r"GenerateTextUDF.*'max_concurrecy'; did you mean max_concurrency"):
        GenerateTextUDF(model=CHAT_MODEL, max_concurrecy=3)  # type: ignore[call-arg]
    with pytest.raises(UnknownArgumentError, match="'prompt_colum'; did you mean prompt_column"):
        GenerateObjectUDF(model=CHAT_MODEL, schema=Planet, prompt_colum="q")  # type: ignore[call-arg]
    with pytest.raises(UnknownArgumentError, match="'schema'"):
        GenerateTextUDF(model=CHAT_MODEL, schema=Planet)  # type: ignore[call-arg]
    with pytest.raises(UnknownArgumentError, match="'values_per_cal'; did you mean values_per_call"):
        EmbedUDF(model=EMBEDDING_MODEL, values_per_cal=4)  # type: ignore[call-arg]


class _EveryoneServed:
    """Stands in for the budget actor (``acquire.remote()`` / ``release.remote()`` awaitables that grant
    at once), for a UDF called directly, without a cluster."""

    class _Method:
        async def _granted(self) -> None:
            return None

        def remote(self) -> Any:
            return self._granted()

    acquire = release = _Method()


def test_an_answer_that_fails_the_schema_keeps_its_usage_and_cost(
    fresh: DeepInfraEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer came back and was billed, only it is not a Planet: the row's error says so, and its
    tokens, cost and finish reason are in their columns all the same."""
    import asyncio

    import numpy as np

    from ai_sdk.ray import udfs

    monkeypatch.setattr(udfs, "budget_actor", lambda name, limit: _EveryoneServed())
    fresh.chat.reply_text('{"name": "Mars"}')  # no moons
    udf = GenerateObjectUDF(model=CHAT_MODEL, schema=Planet, provider=provider(fresh), max_retries=0)
    out = asyncio.run(udf({"prompt": np.array(["the fourth planet"], dtype=object)}))
    assert str(out["error"][0]).startswith("NoObjectGeneratedError")
    assert out["object"][0] is None
    assert (out["finish_reason"][0], out["input_tokens"][0] > 0, out["output_tokens"][0] > 0) == ("stop", True, True)
    assert out["cost"][0] > 0

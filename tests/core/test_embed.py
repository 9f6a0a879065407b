"""embed / embed_many / cosine_similarity over a fake embedding model (the HTTP path is covered in
tests/openai_compatible/test_embedding_model.py). Sync and async run over the same cases."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ai_sdk.core.embed import (
    EmbedManyResult,
    EmbedResult,
    cosine_similarity,
    embed,
    embed_many,
    embed_many_sync,
    embed_sync,
)
from ai_sdk.spec import (
    APICallError,
    CallWarning,
    EmbeddingChunkError,
    EmbeddingModel,
    EmbeddingUsage,
    EmbedOptions,
    InvalidArgumentError,
    InvalidResponseDataError,
    ResponseInfo,
    RetryError,
)
from ai_sdk.spec import EmbedResult as ModelEmbedResult


def vector_of(value: str) -> list[float]:
    """``"v17"`` embeds as ``[17.0, 3.0]``: the input position, so order mistakes show."""
    return [float(value[1:]), float(len(value))]


class FakeEmbeddingModel:
    """Records each call's values; ``fail(values, attempt)`` may raise; ``gate`` runs inside async calls."""

    specification_version = "v3"
    provider = "fake.embedding"
    model_id = "fake-embedder"

    def __init__(
        self,
        *,
        max_embeddings_per_call: int | None = 2048,
        supports_parallel_calls: bool = True,
        fail: Callable[[list[str], int], None] | None = None,
        gate: Callable[[list[str]], Any] | None = None,
        count_offset: int = 0,
        metadata: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self.max_embeddings_per_call = max_embeddings_per_call
        self.supports_parallel_calls = supports_parallel_calls
        self.fail = fail
        self.gate = gate
        self.count_offset = count_offset
        self.metadata = metadata
        self.calls: list[list[str]] = []
        self.options: list[EmbedOptions] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.cancelled: list[int] = []

    def _result(self, options: EmbedOptions) -> ModelEmbedResult:
        values = list(options.values)
        self.options.append(options)
        self.calls.append(values)
        if self.fail is not None:
            self.fail(values, sum(1 for call in self.calls if call == values))
        embeddings = [vector_of(value) for value in values[: len(values) + self.count_offset]]
        return ModelEmbedResult(
            embeddings,
            EmbeddingUsage(len(values)),
            warnings=[CallWarning("other", message="fake warning")],
            response=ResponseInfo(headers={"x-first": values[0] if values else ""}),
            provider_metadata=self.metadata,
        )

    async def do_embed(self, options: EmbedOptions) -> ModelEmbedResult:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.gate is not None:
                await self.gate(list(options.values))
            else:
                await asyncio.sleep(0)
            return self._result(options)
        except asyncio.CancelledError:
            self.cancelled.append(len(self.calls))
            raise
        finally:
            self.in_flight -= 1

    def do_embed_sync(self, options: EmbedOptions) -> ModelEmbedResult:
        return self._result(options)


async def run_embed_many(mode: str, **kwargs: Any) -> EmbedManyResult:
    if mode == "sync":
        return embed_many_sync(**kwargs)
    return await embed_many(**kwargs)


async def run_embed(mode: str, **kwargs: Any) -> EmbedResult:
    if mode == "sync":
        return embed_sync(**kwargs)
    return await embed(**kwargs)


@pytest.fixture
def delays(instant_retries: list[float]) -> list[float]:
    """The delays the retries asked for; nothing sleeps (the package's ``instant_retries`` fixture)."""
    return instant_retries


VALUES = [f"v{i}" for i in range(5000)]


def test_fake_model_implements_the_protocol() -> None:
    assert isinstance(FakeEmbeddingModel(), EmbeddingModel)


async def test_5000_values_take_three_calls_in_input_order(mode: str) -> None:
    model = FakeEmbeddingModel()
    result = await run_embed_many(mode, model=model, values=VALUES)
    assert sorted(len(call) for call in model.calls) == [904, 2048, 2048]
    assert [call[0] for call in model.calls] == ["v0", "v2048", "v4096"]
    assert result.values == VALUES
    assert len(result.embeddings) == 5000
    assert all(result.embeddings[i][0] == float(i) for i in range(5000))
    assert result.usage == EmbeddingUsage(5000)
    assert [response.headers for response in result.responses] == [
        {"x-first": "v0"},
        {"x-first": "v2048"},
        {"x-first": "v4096"},
    ]
    assert result.warnings == [CallWarning("other", message="fake warning")]


async def test_chunks_run_concurrently_in_async() -> None:
    """All three calls must be in flight at once to pass the barrier; one at a time would deadlock."""
    barrier = asyncio.Barrier(3)

    async def rendezvous(values: list[str]) -> None:
        await barrier.wait()

    model = FakeEmbeddingModel(gate=rendezvous)
    async with asyncio.timeout(5):  # a fail-safe only: the barrier opens at once when the calls overlap
        result = await embed_many(model=model, values=VALUES)
    assert model.max_in_flight == 3
    assert all(result.embeddings[i][0] == float(i) for i in range(5000))
    assert result.usage.tokens == 5000


async def test_max_parallel_calls_bounds_concurrency() -> None:
    model = FakeEmbeddingModel(max_embeddings_per_call=10)
    result = await embed_many(model=model, values=VALUES[:100], max_parallel_calls=2)
    assert len(model.calls) == 10
    assert model.max_in_flight == 2
    assert [e[0] for e in result.embeddings] == [float(i) for i in range(100)]


async def test_unbounded_by_default() -> None:
    model = FakeEmbeddingModel(max_embeddings_per_call=10)
    await embed_many(model=model, values=VALUES[:100])
    assert model.max_in_flight == 10


async def test_models_without_parallel_calls_run_one_at_a_time() -> None:
    model = FakeEmbeddingModel(max_embeddings_per_call=10, supports_parallel_calls=False)
    result = await embed_many(model=model, values=VALUES[:100], max_parallel_calls=5)
    assert model.max_in_flight == 1
    assert [call[0] for call in model.calls] == [f"v{i}" for i in range(0, 100, 10)]
    assert [e[0] for e in result.embeddings] == [float(i) for i in range(100)]


def bad_request(values: list[str], attempt: int) -> None:
    if values[0] == "v2048":
        raise APICallError("Bad request: input too long", url="https://x/embeddings", status_code=400)


async def test_a_failing_chunk_says_which_values_failed(mode: str, delays: list[float]) -> None:
    model = FakeEmbeddingModel(fail=bad_request)
    with pytest.raises(EmbeddingChunkError) as caught:
        await run_embed_many(mode, model=model, values=VALUES)
    error = caught.value
    assert (error.start, error.end) == (2048, 4096)
    assert error.values == VALUES[2048:4096]
    assert isinstance(error.cause, APICallError)
    assert error.__cause__ is error.cause
    assert "values[2048:4096]" in str(error)
    assert "input too long" in str(error)
    assert delays == []  # a 400 is not retried


async def test_a_failing_chunk_cancels_the_others() -> None:
    never = asyncio.Event()

    async def hold_others(values: list[str]) -> None:
        if values[0] != "v2048":
            await never.wait()

    model = FakeEmbeddingModel(fail=bad_request, gate=hold_others)
    async with asyncio.timeout(5):
        with pytest.raises(EmbeddingChunkError) as caught:
            await embed_many(model=model, values=VALUES)
    assert caught.value.start == 2048
    assert len(model.cancelled) == 2
    assert model.in_flight == 0


async def test_each_chunk_is_retried_on_its_own(mode: str, delays: list[float]) -> None:
    def busy_once(values: list[str], attempt: int) -> None:
        if values[0] == "v4096" and attempt == 1:
            raise APICallError("Model busy, retry later", url="https://x/embeddings", status_code=429)

    model = FakeEmbeddingModel(fail=busy_once)
    result = await run_embed_many(mode, model=model, values=VALUES)
    assert sorted(call[0] for call in model.calls) == ["v0", "v2048", "v4096", "v4096"]
    assert delays == [2.0]
    assert all(result.embeddings[i][0] == float(i) for i in range(5000))
    assert result.usage.tokens == 5000
    assert len(result.responses) == 3


async def test_a_chunk_that_keeps_failing_carries_the_retry_error(mode: str, delays: list[float]) -> None:
    def always_busy(values: list[str], attempt: int) -> None:
        if values[0] == "v0":
            raise APICallError("Model busy, retry later", url="https://x/embeddings", status_code=429)

    model = FakeEmbeddingModel(fail=always_busy)
    with pytest.raises(EmbeddingChunkError) as caught:
        await run_embed_many(mode, model=model, values=VALUES, max_retries=1)
    assert (caught.value.start, caught.value.end) == (0, 2048)
    assert isinstance(caught.value.cause, RetryError)
    assert len(caught.value.cause.errors) == 2
    assert delays == [2.0]


async def test_a_model_returning_the_wrong_count_is_caught(mode: str) -> None:
    model = FakeEmbeddingModel(count_offset=-1)
    with pytest.raises(EmbeddingChunkError) as caught:
        await run_embed_many(mode, model=model, values=VALUES[:10])
    assert isinstance(caught.value.cause, InvalidResponseDataError)
    with pytest.raises(InvalidResponseDataError):
        await run_embed(mode, model=model, value="v1")


async def test_no_limit_means_one_call(mode: str) -> None:
    model = FakeEmbeddingModel(max_embeddings_per_call=None)
    result = await run_embed_many(mode, model=model, values=VALUES)
    assert [len(call) for call in model.calls] == [5000]
    assert result.embeddings[4999] == [4999.0, 5.0]


async def test_no_values_make_no_calls(mode: str) -> None:
    model = FakeEmbeddingModel()
    result = await run_embed_many(mode, model=model, values=[])
    assert model.calls == []
    assert result.embeddings == []
    assert result.usage == EmbeddingUsage(0)
    assert result.responses == []


async def test_settings_reach_every_call(mode: str) -> None:
    model = FakeEmbeddingModel(max_embeddings_per_call=3)
    await run_embed_many(
        mode,
        model=model,
        values=("v0", "v1", "v2", "v3"),
        headers={"x-trace": "1"},
        provider_options={"deepinfra": {"dimensions": 256}},
        timeout=12,
    )
    assert [list(o.values) for o in model.options] == [["v0", "v1", "v2"], ["v3"]]
    for options in model.options:
        assert options.headers == {"x-trace": "1"}
        assert options.provider_options == {"deepinfra": {"dimensions": 256}}
        assert options.timeout == 12.0


async def test_provider_metadata_is_merged_and_costs_summed(mode: str) -> None:
    model = FakeEmbeddingModel(max_embeddings_per_call=2, metadata={"fake": {"cost": 0.5, "region": "eu"}})
    result = await run_embed_many(mode, model=model, values=VALUES[:5])
    assert result.provider_metadata == {"fake": {"cost": 1.5, "region": "eu"}}


async def test_embed_one_value(mode: str) -> None:
    model = FakeEmbeddingModel()
    result = await run_embed(
        mode, model=model, value="v7", headers={"x-a": "b"}, provider_options={"fake": {"k": 1}}, timeout=3
    )
    assert result.value == "v7"
    assert result.embedding == [7.0, 2.0]
    assert result.usage == EmbeddingUsage(1)
    assert result.response.headers == {"x-first": "v7"}
    assert result.warnings == [CallWarning("other", message="fake warning")]
    options = model.options[0]
    assert options == EmbedOptions(["v7"], {"x-a": "b"}, {"fake": {"k": 1}}, 3.0, options.deadline)
    assert options.deadline is not None  # one deadline for the call
    assert options.deadline.seconds == 3.0


async def test_embed_retries(mode: str, delays: list[float]) -> None:
    def busy_twice(values: list[str], attempt: int) -> None:
        if attempt <= 2:
            raise APICallError("busy", url="https://x/embeddings", status_code=503)

    result = await run_embed(mode, model=FakeEmbeddingModel(fail=busy_twice), value="v3")
    assert result.embedding == [3.0, 2.0]
    assert delays == [2.0, 4.0]


@pytest.mark.parametrize(
    ("kwargs", "argument", "hint"),
    [
        ({"values": "v1"}, "values", "embed(value=...)"),
        ({"values": ["v1", 2]}, "values", "values[1] is int"),
        ({"values": None}, "values", "list of str"),
        ({"values": ["v1"], "max_parallel_calls": 0}, "max_parallel_calls", "int >= 1"),
        ({"values": ["v1"], "max_parallel_calls": True}, "max_parallel_calls", "int >= 1"),
        ({"values": ["v1"], "max_retries": -1}, "max_retries", ">= 0"),
        ({"values": ["v1"], "timeout": 0}, "timeout", "seconds"),
        ({"values": ["v1"], "provider_options": {"deepinfra": 3}}, "provider_options", "deepinfra"),
        ({"values": ["v1"], "model": "BAAI/bge-base-en-v1.5"}, "model", "embedding_model"),
    ],
)
async def test_embed_many_rejects_bad_arguments(mode: str, kwargs: dict[str, Any], argument: str, hint: str) -> None:
    model = FakeEmbeddingModel()
    with pytest.raises(InvalidArgumentError) as caught:
        await run_embed_many(mode, **{"model": model, **kwargs})
    assert caught.value.argument == argument
    assert hint in str(caught.value)
    assert model.calls == []


@pytest.mark.parametrize(
    ("value", "hint"),
    [(["v1"], "embed_many(values=[...])"), (3, "expected a str, got int"), (None, "NoneType")],
)
async def test_embed_rejects_non_strings(mode: str, value: object, hint: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        await run_embed(mode, model=FakeEmbeddingModel(), value=value)
    assert caught.value.argument == "value"
    assert hint in str(caught.value)


def test_results_do_not_print_vectors() -> None:
    model = FakeEmbeddingModel(max_embeddings_per_call=None)
    result = embed_many_sync(model=model, values=VALUES[:3])
    assert "4999" not in repr(result)
    assert "embeddings" not in repr(result)
    assert "EmbeddingUsage(tokens=3)" in repr(result)


@settings(max_examples=60, deadline=None)
@given(count=st.integers(0, 120), limit=st.one_of(st.none(), st.integers(1, 50)))
def test_chunking_covers_every_value_once_in_order(count: int, limit: int | None) -> None:
    model = FakeEmbeddingModel(max_embeddings_per_call=limit)
    values = VALUES[:count]
    result = embed_many_sync(model=model, values=values)
    assert [value for call in model.calls for value in call] == values
    assert all(0 < len(call) <= (limit or count) for call in model.calls)
    assert len(model.calls) == (math.ceil(count / limit) if limit else min(count, 1))
    assert [e[0] for e in result.embeddings] == [float(i) for i in range(count)]
    assert result.usage.tokens == count


# ------------------------------------------------------------------------------------ cosine_similarity


def reference_cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ([1.0, 0.0], [0.0, 1.0], 0.0),
        ([1.0, 2.0, 3.0], [2.0, 4.0, 6.0], 1.0),
        ([1.0, 2.0], [-1.0, -2.0], -1.0),
        ([3.0, 4.0], [4.0, 3.0], 24 / 25),
        ([0.0, 0.0], [1.0, 2.0], 0.0),
        ([1.0, 2.0], [0.0, 0.0], 0.0),
        ([], [], 0.0),
    ],
)
def test_cosine_similarity(a: list[float], b: list[float], expected: float) -> None:
    assert cosine_similarity(a, b) == pytest.approx(expected, abs=1e-12)


def test_cosine_similarity_needs_equal_lengths() -> None:
    with pytest.raises(InvalidArgumentError, match="same length, got 2 and 3"):
        cosine_similarity([1.0, 2.0], [1.0, 2.0, 3.0])


finite = st.one_of(st.just(0.0), st.floats(1e-3, 1e6), st.floats(-1e6, -1e-3))


@given(
    st.integers(1, 40).flatmap(
        lambda n: st.tuples(st.lists(finite, min_size=n, max_size=n), st.lists(finite, min_size=n, max_size=n))
    )
)
def test_cosine_similarity_matches_the_formula(vectors: tuple[list[float], list[float]]) -> None:
    a, b = vectors
    result = cosine_similarity(a, b)
    assert -1.0 - 1e-9 <= result <= 1.0 + 1e-9
    assert result == pytest.approx(cosine_similarity(b, a), abs=1e-12)
    if any(a) and any(b):
        assert result == pytest.approx(reference_cosine(a, b), abs=1e-6)
    else:
        assert result == 0.0

"""Embedding text: ``embed`` for one value, ``embed_many`` for any number, and ``cosine_similarity``.

``embed_many`` splits the values into chunks of the model's ``max_embeddings_per_call``, embeds the
chunks concurrently (async API; bounded by ``max_parallel_calls``, one at a time when the model does
not support parallel calls) or one after another (blocking API), retries each chunk on its own, and
returns the embeddings in input order with the usage summed. When a chunk still fails, the call raises
:class:`~ai_sdk.errors.EmbeddingChunkError` saying which values failed, and cancels the other chunks.

Vectors are the model's ``list[float]`` objects, never copied: 10,000 embeddings cost 10,000 lists.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from operator import mul
from typing import Unpack

from ..spec import (
    CallWarning,
    EmbeddingChunkError,
    EmbeddingModel,
    EmbeddingUsage,
    EmbedOptions,
    InvalidArgumentError,
    InvalidResponseDataError,
    ProviderMetadata,
    ResponseInfo,
)
from ..spec import EmbedResult as ModelEmbedResult
from .concurrent_calls import run_concurrently
from .model_call import ModelCall, ModelCallSettings, OneCallFunction, setting_names
from .provider_metadata import merge_provider_metadata

__all__ = [
    "EmbedManyResult",
    "EmbedManySettings",
    "EmbedResult",
    "cosine_similarity",
    "embed",
    "embed_many",
    "embed_many_sync",
    "embed_sync",
]


@dataclass(frozen=True, slots=True)
class EmbedResult:
    """The embedding of one value, with the call's usage, response metadata and warnings."""

    value: str
    embedding: list[float] = field(repr=False)
    usage: EmbeddingUsage
    response: ResponseInfo = field(repr=False)
    provider_metadata: ProviderMetadata | None = None
    warnings: list[CallWarning] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EmbedManyResult:
    """The embeddings of many values, in input order (``embeddings[i]`` embeds ``values[i]``).

    ``usage`` sums every call's tokens; ``responses`` has one entry per model call, in chunk order.
    ``provider_metadata`` merges the calls' metadata per provider: numbers are added (a per-call cost
    becomes the total), lists concatenated, other values are the last call's.
    """

    values: list[str] = field(repr=False)
    embeddings: list[list[float]] = field(repr=False)
    usage: EmbeddingUsage
    responses: list[ResponseInfo] = field(repr=False)
    provider_metadata: ProviderMetadata | None = None
    warnings: list[CallWarning] = field(default_factory=list)


class EmbedManySettings(ModelCallSettings, total=False):
    """The settings of :func:`embed_many` (and its blocking twin): those of every one-call function
    (:func:`embed` takes exactly those), and ``max_parallel_calls`` (how many calls run at once; ``None``,
    the default: no bound)."""

    max_parallel_calls: int | None


_EMBED = OneCallFunction(
    "embed",
    EmbeddingModel,
    "expected an embedding model, e.g. deepinfra.embedding_model('BAAI/bge-base-en-v1.5')"
    " (from ai_sdk.deepinfra import deepinfra); got {got}",
    setting_names(ModelCallSettings),
)
_EMBED_MANY = replace(_EMBED, name="embed_many", settings=setting_names(EmbedManySettings))


async def embed(*, model: EmbeddingModel, value: str, **settings: Unpack[ModelCallSettings]) -> EmbedResult:
    """Embed one text, retrying retryable failures ``max_retries`` times.

    ``provider_options`` reach the provider, e.g. ``{"deepinfra": {"dimensions": 256}}``.
    """
    call, options = _single_call(model, value, settings)
    return _single_result(value, await call.run(call.model.do_embed, options))


def embed_sync(*, model: EmbeddingModel, value: str, **settings: Unpack[ModelCallSettings]) -> EmbedResult:
    """The blocking twin of :func:`embed`."""
    call, options = _single_call(model, value, settings)
    return _single_result(value, call.run_sync(call.model.do_embed_sync, options))


async def embed_many(
    *, model: EmbeddingModel, values: Sequence[str], **settings: Unpack[EmbedManySettings]
) -> EmbedManyResult:
    """Embed many texts, as few calls as the model allows, concurrently.

    ``max_parallel_calls`` bounds how many calls run at once (``None``: no bound). Each call is retried
    on its own; a call that still fails raises :class:`~ai_sdk.errors.EmbeddingChunkError` naming its
    values (``error.start``, ``error.end``, ``error.values``; the cause is ``error.cause``).
    """
    plan = _plan(model, values, settings)
    call = plan.call
    limit = settings.get("max_parallel_calls") if call.model.supports_parallel_calls else 1

    async def run(chunk: _Chunk) -> ModelEmbedResult:
        try:
            result = await call.run(call.model.do_embed, plan.options(chunk))
        except Exception as error:
            raise chunk.error(plan.values, error) from error
        return chunk.check(plan.values, result)

    if limit == 1 or len(plan.chunks) <= 1:
        results = [await run(chunk) for chunk in plan.chunks]
    else:
        results = await run_concurrently(plan.chunks, run, limit)
    return plan.result(results)


def embed_many_sync(
    *, model: EmbeddingModel, values: Sequence[str], **settings: Unpack[EmbedManySettings]
) -> EmbedManyResult:
    """The blocking twin of :func:`embed_many`: the calls run one after another, so
    ``max_parallel_calls`` is only checked."""
    plan = _plan(model, values, settings)
    call = plan.call
    results: list[ModelEmbedResult] = []
    for chunk in plan.chunks:
        try:
            result = call.run_sync(call.model.do_embed_sync, plan.options(chunk))
        except Exception as error:
            raise chunk.error(plan.values, error) from error
        results.append(chunk.check(plan.values, result))
    return plan.result(results)


def cosine_similarity(a: Sequence[float], b: Sequence[float]) -> float:
    """The cosine of the angle between two vectors, in [-1, 1]; 0.0 when either is all zeros.

    Pure Python over C-level loops (``math.hypot``; ``math.sumprod`` on 3.12+), about 30 µs for two
    768-dimension vectors: fine for ranking thousands of documents without numpy.
    """
    if len(a) != len(b):
        raise InvalidArgumentError(
            f"the vectors must have the same length, got {len(a)} and {len(b)}", argument="b", value=len(b)
        )
    norm_a = math.hypot(*a)
    norm_b = math.hypot(*b)
    if norm_a == 0.0 or norm_b == 0.0:
        return 0.0
    return max(-1.0, min(1.0, _dot(a, b) / norm_a / norm_b))


if sys.version_info >= (3, 12):
    _dot = math.sumprod
else:

    def _dot(a: Sequence[float], b: Sequence[float]) -> float:
        total: float = sum(map(mul, a, b))
        return total


# ------------------------------------------------------------------------------------------ pure parts


@dataclass(frozen=True, slots=True)
class _Chunk:
    start: int
    end: int

    def error(self, values: list[str], cause: BaseException) -> EmbeddingChunkError:
        return EmbeddingChunkError(start=self.start, end=self.end, values=values[self.start : self.end], cause=cause)

    def check(self, values: list[str], result: ModelEmbedResult) -> ModelEmbedResult:
        """A model that returns the wrong number of vectors would shift every later embedding."""
        if len(result.embeddings) != self.end - self.start:
            error = InvalidResponseDataError(
                f"The model returned {len(result.embeddings)} embeddings for {self.end - self.start} values."
            )
            raise self.error(values, error) from error
        return result


@dataclass(frozen=True, slots=True)
class _Plan:
    values: list[str]
    chunks: list[_Chunk]
    call: ModelCall[EmbeddingModel]

    def options(self, chunk: _Chunk) -> EmbedOptions:
        """The options of ``chunk``'s call (its step deadline is set when the call starts)."""
        values = self.values
        chunk_values = values if chunk.start == 0 and chunk.end == len(values) else values[chunk.start : chunk.end]
        call = self.call
        return EmbedOptions(chunk_values, call.headers, call.provider_options, call.timeout)

    def result(self, results: Sequence[ModelEmbedResult]) -> EmbedManyResult:
        embeddings: list[list[float]] = []
        tokens: int | None = None
        metadata: ProviderMetadata | None = None
        warnings: list[CallWarning] = []
        for result in results:
            embeddings.extend(result.embeddings)
            if result.usage is not None and result.usage.tokens is not None:
                tokens = result.usage.tokens if tokens is None else tokens + result.usage.tokens
            if result.provider_metadata:
                metadata = metadata if metadata is not None else {}
                merge_provider_metadata(metadata, result.provider_metadata)
            warnings.extend(warning for warning in result.warnings if warning not in warnings)
        return EmbedManyResult(
            values=self.values,
            embeddings=embeddings,
            usage=EmbeddingUsage(tokens if tokens is not None else 0),
            responses=[result.response for result in results],
            provider_metadata=metadata,
            warnings=warnings,
        )


def _single_call(
    model: EmbeddingModel, value: object, settings: ModelCallSettings
) -> tuple[ModelCall[EmbeddingModel], EmbedOptions]:
    call = _EMBED.start(model, settings)
    if not isinstance(value, str):
        hint = "; to embed several values use embed_many(values=[...])" if isinstance(value, list | tuple) else ""
        raise InvalidArgumentError(f"expected a str, got {type(value).__name__}{hint}", argument="value", value=value)
    return call, EmbedOptions([value], call.headers, call.provider_options, call.timeout)


def _single_result(value: str, result: ModelEmbedResult) -> EmbedResult:
    if len(result.embeddings) != 1:
        raise InvalidResponseDataError(f"The model returned {len(result.embeddings)} embeddings for 1 value.")
    return EmbedResult(
        value=value,
        embedding=result.embeddings[0],
        usage=result.usage if result.usage is not None else EmbeddingUsage(0),
        response=result.response,
        provider_metadata=result.provider_metadata,
        warnings=list(result.warnings),
    )


def _plan(model: EmbeddingModel, values: Sequence[str], settings: EmbedManySettings) -> _Plan:
    """Check every argument and split the values into the chunks of one call each."""
    call = _EMBED_MANY.start(model, settings)
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise InvalidArgumentError(
            f"expected a list of str, got {type(values).__name__}"
            + ("; to embed one value use embed(value=...)" if isinstance(values, str) else ""),
            argument="values",
            value=type(values).__name__,
        )
    value_list = values if type(values) is list else list(values)
    for index, value in enumerate(value_list):
        if not isinstance(value, str):
            raise InvalidArgumentError(
                f"every value must be a str; values[{index}] is {type(value).__name__}",
                argument="values",
                value=value,
            )
    max_parallel_calls = settings.get("max_parallel_calls")
    if max_parallel_calls is not None and (
        isinstance(max_parallel_calls, bool) or not isinstance(max_parallel_calls, int) or max_parallel_calls < 1
    ):
        raise InvalidArgumentError(
            f"expected None (no limit) or an int >= 1, got {max_parallel_calls!r}",
            argument="max_parallel_calls",
            value=max_parallel_calls,
        )
    size = call.model.max_embeddings_per_call or len(value_list) or 1
    chunks = [_Chunk(start, min(start + size, len(value_list))) for start in range(0, len(value_list), size)]
    return _Plan(value_list, chunks, call)

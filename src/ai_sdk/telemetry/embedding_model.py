"""Embedding spans: an ``embeddings {model}`` span (CLIENT) around each ``do_embed`` call, with the
token usage and duration metrics."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from opentelemetry.trace import SpanKind

from ..middleware.embedding_model import EmbeddingModelMiddleware
from ..spec.embedding_model import EmbeddingModel, EmbedOptions, EmbedResult
from ..spec.shared import Usage
from .attributes import AttributeValue, provider_name, response_metadata_attributes
from .recorder import Operation, Recorder

__all__ = ["EmbeddingSpans"]


class EmbeddingSpans(EmbeddingModelMiddleware):
    """Middleware that traces every call of an embedding model."""

    def __init__(self, recorder: Recorder, function: str) -> None:
        self._recorder = recorder
        self._function = function

    def _start(self, model: EmbeddingModel, params: EmbedOptions) -> Operation:
        provider = provider_name(model.provider)
        attributes: dict[str, AttributeValue] = {
            "gen_ai.operation.name": "embeddings",
            "gen_ai.provider.name": provider,
            "gen_ai.request.model": model.model_id,
            "gen_ai.embeddings.input_count": len(params.values),
            "ai_sdk.function": self._function,
        }
        if self._recorder.record_inputs:
            attributes["gen_ai.embeddings.input"] = list(params.values)
        metric_attributes = {
            "gen_ai.operation.name": "embeddings",
            "gen_ai.provider.name": provider,
            "gen_ai.request.model": model.model_id,
        }
        return self._recorder.start(f"embeddings {model.model_id}", SpanKind.CLIENT, attributes, metric_attributes)

    def _done(self, operation: Operation, model: EmbeddingModel, result: EmbedResult) -> EmbedResult:
        attributes = response_metadata_attributes(provider_name(model.provider), result.provider_metadata)
        if result.embeddings:
            attributes["gen_ai.embeddings.dimension.count"] = len(result.embeddings[0])
        if result.response.model_id:
            attributes["gen_ai.response.model"] = result.response.model_id
        operation.set(attributes)
        tokens = result.usage.tokens if result.usage is not None else None
        operation.succeed(Usage(input_tokens=tokens), result.response.model_id)
        return result

    async def wrap_embed(
        self, *, do_embed: Callable[[], Awaitable[EmbedResult]], params: EmbedOptions, model: EmbeddingModel
    ) -> EmbedResult:
        operation = self._start(model, params)
        try:
            with operation.use():
                result = await do_embed()
        except BaseException as error:
            operation.fail(error)
            raise
        return self._done(operation, model, result)

    def wrap_embed_sync(
        self, *, do_embed: Callable[[], EmbedResult], params: EmbedOptions, model: EmbeddingModel
    ) -> EmbedResult:
        operation = self._start(model, params)
        try:
            with operation.use():
                result = do_embed()
        except BaseException as error:
            operation.fail(error)
            raise
        return self._done(operation, model, result)

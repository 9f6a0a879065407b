"""Embedding spans: an ``embeddings {model}`` span (CLIENT) around each ``do_embed`` call, with the
token usage and duration metrics."""

from __future__ import annotations

from typing import Any

from ..spec.embedding_model import EmbedOptions, EmbedResult
from ..spec.shared import Usage
from .attributes import AttributeValue
from .recorder import Operation
from .traced import ModelSpans, TracedModel, traced_calls

__all__ = ["EmbeddingSpans", "TracedEmbeddingModel"]


class TracedEmbeddingModel(TracedModel):
    """An embedding model whose calls are ``embeddings {model}`` spans."""

    __slots__ = ()

    do_embed, do_embed_sync = traced_calls()

    @property
    def max_embeddings_per_call(self) -> int | None:
        """The model's."""
        return self._model.max_embeddings_per_call  # type: ignore[no-any-return]

    @property
    def supports_parallel_calls(self) -> bool:
        """The model's."""
        return self._model.supports_parallel_calls  # type: ignore[no-any-return]


class EmbeddingSpans(ModelSpans):
    """The spans of an embedding model's calls."""

    __slots__ = ()

    operation_name = "embeddings"

    def start(self, options: EmbedOptions, stream: bool) -> Operation:
        """``gen_ai.embeddings.input_count`` (and the values, when inputs are recorded)."""
        attributes: dict[str, AttributeValue] = {"gen_ai.embeddings.input_count": len(options.values)}
        if self.recorder.record_inputs:
            attributes["gen_ai.embeddings.input"] = list(options.values)
        return self.begin(attributes)

    def done(self, operation: Operation, result: Any) -> Any:
        """The vectors' dimension, the response model, the tokens."""
        assert isinstance(result, EmbedResult)
        attributes = self.result_attributes(result.response, result.provider_metadata)
        if result.embeddings:
            attributes["gen_ai.embeddings.dimension.count"] = len(result.embeddings[0])
        operation.set(attributes)
        tokens = result.usage.tokens if result.usage is not None else None
        operation.succeed(Usage(input_tokens=tokens), result.response.model_id)
        return result

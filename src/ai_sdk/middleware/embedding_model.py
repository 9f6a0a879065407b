"""Embedding-model middleware: the embedding twin of :mod:`.language_model` (same rules: hooks pass
through unless overridden, ``transform_params`` defaults to its blocking form, a ``wrap_embed`` hook
defined for only one API makes the other raise instead of being skipped)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from ..spec.embedding_model import EmbeddingModel, EmbedOptions, EmbedResult
from .base import OneCallMiddlewareBase
from .wrapped import WrappedModel, wrap_model

__all__ = ["EmbeddingModelMiddleware", "WrappedEmbeddingModel", "wrap_embedding_model"]


class EmbeddingModelMiddleware(OneCallMiddlewareBase[EmbeddingModel, EmbedOptions]):
    """Base class of embedding-model middleware; every hook passes through unless overridden
    (``override_provider``, ``override_model_id`` and ``transform_params`` as in every kind)."""

    def override_max_embeddings_per_call(self, model: EmbeddingModel) -> int | None:
        """How many values one call may embed (``None``: no limit; default: the model's)."""
        return model.max_embeddings_per_call

    def override_supports_parallel_calls(self, model: EmbeddingModel) -> bool:
        """Whether ``embed_many`` may run chunks concurrently (default: the model's answer)."""
        return model.supports_parallel_calls

    async def wrap_embed(
        self, *, do_embed: Callable[[], Awaitable[EmbedResult]], params: EmbedOptions, model: EmbeddingModel
    ) -> EmbedResult:
        """Runs around ``model.do_embed`` (default: ``await do_embed()``)."""
        return await do_embed()

    def wrap_embed_sync(
        self, *, do_embed: Callable[[], EmbedResult], params: EmbedOptions, model: EmbeddingModel
    ) -> EmbedResult:
        """Runs around ``model.do_embed_sync`` (default: ``do_embed()``)."""
        return do_embed()


class WrappedEmbeddingModel(WrappedModel[EmbeddingModel, EmbeddingModelMiddleware]):
    """An embedding model seen through one middleware (see :func:`wrap_embedding_model`)."""

    __slots__ = ("_max", "_parallel")

    _middleware_base = EmbeddingModelMiddleware
    _hooks = ("transform_params", "wrap_embed")
    _model_kind = EmbeddingModel
    _model_kind_example = "an embedding model such as deepinfra.embedding_model('...')"
    _params_type = EmbedOptions
    _params_example = "dataclasses.replace(params, values=[...])"

    def __init__(
        self,
        model: EmbeddingModel,
        middleware: EmbeddingModelMiddleware,
        *,
        model_id: str | None = None,
        provider: str | None = None,
    ) -> None:
        super().__init__(model, middleware, model_id=model_id, provider=provider)
        self._max = middleware.override_max_embeddings_per_call(model)
        self._parallel = middleware.override_supports_parallel_calls(model)

    @property
    def max_embeddings_per_call(self) -> int | None:
        """How many values one call may embed, after the middleware's override."""
        return self._max

    @property
    def supports_parallel_calls(self) -> bool:
        """Whether chunks may run concurrently, after the middleware's override."""
        return self._parallel

    async def do_embed(self, options: EmbedOptions) -> EmbedResult:
        """The middleware's ``wrap_embed`` around the model's ``do_embed``."""
        self._require("transform_params", "wrap_embed")
        params, model = await self._transformed(options), self._model
        return await self._middleware.wrap_embed(do_embed=lambda: model.do_embed(params), params=params, model=model)

    def do_embed_sync(self, options: EmbedOptions) -> EmbedResult:
        """The middleware's ``wrap_embed_sync`` around the model's ``do_embed_sync``."""
        self._require("transform_params_sync", "wrap_embed_sync")
        params, model = self._transformed_sync(options), self._model
        return self._middleware.wrap_embed_sync(
            do_embed=lambda: model.do_embed_sync(params), params=params, model=model
        )


def wrap_embedding_model(
    *,
    model: EmbeddingModel,
    middleware: EmbeddingModelMiddleware | Sequence[EmbeddingModelMiddleware],
    model_id: str | None = None,
    provider_id: str | None = None,
) -> EmbeddingModel:
    """``model`` with ``middleware`` applied (one, or a list whose first item is the outermost);
    ``model_id`` / ``provider_id`` replace what the wrapped model reports."""
    return wrap_model(WrappedEmbeddingModel, model, middleware, model_id, provider_id)  # type: ignore[no-any-return]

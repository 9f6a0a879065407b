"""The hooks the middleware base classes of every model kind share, declared once: what the wrapped
model reports (``override_provider`` / ``override_model_id``) and, for the kinds whose
``transform_params`` takes only the options and the model (embedding, image), that hook in both APIs."""

from __future__ import annotations

from typing import Generic, TypeVar

from ..spec.model_identity import ModelIdentity

__all__ = ["MiddlewareBase", "OneCallMiddlewareBase"]

ModelT = TypeVar("ModelT", bound=ModelIdentity)
ParamsT = TypeVar("ParamsT")


class MiddlewareBase(Generic[ModelT]):
    """The identity hooks of every kind's middleware; they pass through unless overridden."""

    def override_provider(self, model: ModelT) -> str:
        """The provider name the wrapped model reports (default: ``model.provider``)."""
        return model.provider

    def override_model_id(self, model: ModelT) -> str:
        """The model id the wrapped model reports (default: ``model.model_id``)."""
        return model.model_id


class OneCallMiddlewareBase(MiddlewareBase[ModelT], Generic[ModelT, ParamsT]):
    """The parameter hook of a kind with one call (embedding, image) in both APIs."""

    def transform_params_sync(self, *, params: ParamsT, model: ModelT) -> ParamsT:
        """The options to use for this call (default: ``params`` unchanged)."""
        return params

    async def transform_params(self, *, params: ParamsT, model: ModelT) -> ParamsT:
        """Async form of :meth:`transform_params_sync`, which it calls unless overridden."""
        return self.transform_params_sync(params=params, model=model)

"""Image-model middleware: the image twin of :mod:`.language_model` (same rules: hooks pass through
unless overridden, ``transform_params`` defaults to its blocking form, a ``wrap_generate`` hook
defined for only one API makes the other raise instead of being skipped)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from ..spec.image_model import ImageCallOptions, ImageModel, ImageResult
from .base import OneCallMiddlewareBase
from .wrapped import WrappedModel, wrap_model

__all__ = ["ImageModelMiddleware", "WrappedImageModel", "wrap_image_model"]


class ImageModelMiddleware(OneCallMiddlewareBase[ImageModel, ImageCallOptions]):
    """Base class of image-model middleware; every hook passes through unless overridden
    (``override_provider``, ``override_model_id`` and ``transform_params`` as in every kind)."""

    def override_max_images_per_call(self, model: ImageModel) -> int | None:
        """How many images one call may return (``None``: let the core choose; default: the model's)."""
        return model.max_images_per_call

    async def wrap_generate(
        self, *, do_generate: Callable[[], Awaitable[ImageResult]], params: ImageCallOptions, model: ImageModel
    ) -> ImageResult:
        """Runs around ``model.do_generate`` (default: ``await do_generate()``)."""
        return await do_generate()

    def wrap_generate_sync(
        self, *, do_generate: Callable[[], ImageResult], params: ImageCallOptions, model: ImageModel
    ) -> ImageResult:
        """Runs around ``model.do_generate_sync`` (default: ``do_generate()``)."""
        return do_generate()


class WrappedImageModel(WrappedModel[ImageModel, ImageModelMiddleware]):
    """An image model seen through one middleware (see :func:`wrap_image_model`)."""

    __slots__ = ("_max",)

    _middleware_base = ImageModelMiddleware
    _hooks = ("transform_params", "wrap_generate")
    _model_kind = ImageModel
    _model_kind_example = "an image model such as deepinfra.image('...')"
    _params_type = ImageCallOptions
    _params_example = "dataclasses.replace(params, seed=42)"

    def __init__(
        self,
        model: ImageModel,
        middleware: ImageModelMiddleware,
        *,
        model_id: str | None = None,
        provider: str | None = None,
    ) -> None:
        super().__init__(model, middleware, model_id=model_id, provider=provider)
        self._max = middleware.override_max_images_per_call(model)

    @property
    def max_images_per_call(self) -> int | None:
        """How many images one call may return, after the middleware's override."""
        return self._max

    async def do_generate(self, options: ImageCallOptions) -> ImageResult:
        """The middleware's ``wrap_generate`` around the model's ``do_generate``."""
        self._require("transform_params", "wrap_generate")
        params, model = await self._transformed(options), self._model
        return await self._middleware.wrap_generate(
            do_generate=lambda: model.do_generate(params), params=params, model=model
        )

    def do_generate_sync(self, options: ImageCallOptions) -> ImageResult:
        """The middleware's ``wrap_generate_sync`` around the model's ``do_generate_sync``."""
        self._require("transform_params_sync", "wrap_generate_sync")
        params, model = self._transformed_sync(options), self._model
        return self._middleware.wrap_generate_sync(
            do_generate=lambda: model.do_generate_sync(params), params=params, model=model
        )


def wrap_image_model(
    *,
    model: ImageModel,
    middleware: ImageModelMiddleware | Sequence[ImageModelMiddleware],
    model_id: str | None = None,
    provider_id: str | None = None,
) -> ImageModel:
    """``model`` with ``middleware`` applied (one, or a list whose first item is the outermost);
    ``model_id`` / ``provider_id`` replace what the wrapped model reports."""
    return wrap_model(WrappedImageModel, model, middleware, model_id, provider_id)  # type: ignore[no-any-return]

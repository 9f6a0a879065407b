"""Image-model middleware: the image twin of :mod:`.language_model` (same rules: hooks pass through
unless overridden, ``transform_params`` defaults to its blocking form, a ``wrap_generate`` hook
defined for only one API makes the other raise instead of being skipped)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Literal

from ..spec.errors import InvalidArgumentError
from ..spec.image_model import ImageCallOptions, ImageModel, ImageResult
from ._overrides import missing_twins, raise_missing
from .language_model import middleware_list

__all__ = ["ImageModelMiddleware", "WrappedImageModel", "wrap_image_model"]


class ImageModelMiddleware:
    """Base class of image-model middleware; every hook passes through unless overridden."""

    def override_provider(self, model: ImageModel) -> str:
        """The provider name the wrapped model reports (default: ``model.provider``)."""
        return model.provider

    def override_model_id(self, model: ImageModel) -> str:
        """The model id the wrapped model reports (default: ``model.model_id``)."""
        return model.model_id

    def override_max_images_per_call(self, model: ImageModel) -> int | None:
        """How many images one call may return (``None``: let the core choose; default: the model's)."""
        return model.max_images_per_call

    def transform_params_sync(self, *, params: ImageCallOptions, model: ImageModel) -> ImageCallOptions:
        """The options to use for this call (default: ``params`` unchanged)."""
        return params

    async def transform_params(self, *, params: ImageCallOptions, model: ImageModel) -> ImageCallOptions:
        """Async form of :meth:`transform_params_sync`, which it calls unless overridden."""
        return self.transform_params_sync(params=params, model=model)

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


def _checked(middleware: ImageModelMiddleware, params: object) -> ImageCallOptions:
    if not isinstance(params, ImageCallOptions):
        raise InvalidArgumentError(
            f"{type(middleware).__name__}.transform_params returned {type(params).__name__}; "
            "return an ImageCallOptions, e.g. dataclasses.replace(params, seed=42)",
            argument="middleware",
            value=params,
        )
    return params


class WrappedImageModel:
    """An image model seen through one middleware (see :func:`wrap_image_model`)."""

    __slots__ = ("_max", "_middleware", "_missing", "_model", "_model_id", "_provider")

    def __init__(
        self,
        model: ImageModel,
        middleware: ImageModelMiddleware,
        *,
        model_id: str | None = None,
        provider: str | None = None,
    ) -> None:
        self._model = model
        self._middleware = middleware
        self._provider = provider if provider is not None else middleware.override_provider(model)
        self._model_id = model_id if model_id is not None else middleware.override_model_id(model)
        self._max = middleware.override_max_images_per_call(model)
        self._missing = missing_twins(
            middleware, ImageModelMiddleware, ("transform_params", "wrap_generate"), sync_defaults=("transform_params",)
        )

    def __repr__(self) -> str:
        return f"WrappedImageModel({self._model!r}, middleware={type(self._middleware).__name__})"

    @property
    def specification_version(self) -> Literal["v3"]:
        """The spec version the model implements."""
        return "v3"

    @property
    def provider(self) -> str:
        """The provider name, after the middleware's override."""
        return self._provider

    @property
    def model_id(self) -> str:
        """The model id, after the middleware's override."""
        return self._model_id

    @property
    def max_images_per_call(self) -> int | None:
        """How many images one call may return, after the middleware's override."""
        return self._max

    @property
    def model(self) -> ImageModel:
        """The wrapped model."""
        return self._model

    async def do_generate(self, options: ImageCallOptions) -> ImageResult:
        """The middleware's ``wrap_generate`` around the model's ``do_generate``."""
        middleware, model = self._middleware, self._model
        for hook in ("transform_params", "wrap_generate"):
            if hook in self._missing:
                raise_missing(middleware, hook)
        params = _checked(middleware, await middleware.transform_params(params=options, model=model))
        return await middleware.wrap_generate(do_generate=lambda: model.do_generate(params), params=params, model=model)

    def do_generate_sync(self, options: ImageCallOptions) -> ImageResult:
        """The middleware's ``wrap_generate_sync`` around the model's ``do_generate_sync``."""
        middleware, model = self._middleware, self._model
        for hook in ("transform_params_sync", "wrap_generate_sync"):
            if hook in self._missing:
                raise_missing(middleware, hook)
        params = _checked(middleware, middleware.transform_params_sync(params=options, model=model))
        return middleware.wrap_generate_sync(
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
    if not isinstance(model, ImageModel):
        raise InvalidArgumentError(
            f"expected an image model such as deepinfra.image('...'), got {type(model).__name__}",
            argument="model",
            value=model,
        )
    items = middleware_list(middleware, ImageModelMiddleware)
    if not items:
        items = [ImageModelMiddleware()] if model_id is not None or provider_id is not None else []
    wrapped: ImageModel = model
    for index, item in enumerate(reversed(items)):
        outermost = index == len(items) - 1
        assert isinstance(item, ImageModelMiddleware)
        wrapped = WrappedImageModel(
            wrapped, item, model_id=model_id if outermost else None, provider=provider_id if outermost else None
        )
    return wrapped

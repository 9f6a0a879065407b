"""Language-model middleware: change the parameters of every call, wrap the calls themselves, or
report another provider or model id, without touching the model or the core.

A middleware subclasses :class:`LanguageModelMiddleware` and overrides the hooks it needs; the
others pass through. Each hook has an async form (used by ``ai_sdk``) and a blocking form (used by
``ai_sdk.sync``). ``transform_params`` defaults to its blocking form, so pure parameter changes are
written once; a ``wrap_*`` hook defined for only one API makes the other API raise
:class:`~ai_sdk.errors.UnsupportedFunctionalityError` rather than silently skip it.

:func:`wrap_language_model` applies a list of middleware; the first one is the outermost: its
``transform_params`` sees the call first, and its ``wrap_generate`` wraps all the others.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from typing import Any, Literal, TypeAlias

from ..spec.language_model import (
    AsyncPartStream,
    CallOptions,
    GenerateResult,
    LanguageModel,
    PartStream,
    StreamResult,
)
from .base import MiddlewareBase
from .wrapped import WrappedModel, wrap_model

__all__ = [
    "CallType",
    "DoGenerate",
    "DoGenerateSync",
    "DoStream",
    "DoStreamSync",
    "LanguageModelMiddleware",
    "WrappedLanguageModel",
    "wrap_language_model",
]

CallType: TypeAlias = Literal["generate", "stream"]
"""Which model call a ``transform_params`` hook is preparing."""

DoGenerate: TypeAlias = Callable[[], Awaitable[GenerateResult]]
"""The ``do_generate`` a ``wrap_generate`` / ``wrap_stream`` hook gets: the wrapped model's call."""
DoStream: TypeAlias = Callable[[], Awaitable[StreamResult[AsyncPartStream]]]
"""The ``do_stream`` an async hook gets."""
DoGenerateSync: TypeAlias = Callable[[], GenerateResult]
"""The ``do_generate`` a ``wrap_generate_sync`` / ``wrap_stream_sync`` hook gets."""
DoStreamSync: TypeAlias = Callable[[], StreamResult[PartStream]]
"""The ``do_stream`` a blocking hook gets."""


class LanguageModelMiddleware(MiddlewareBase[LanguageModel]):
    """Base class of language-model middleware; every hook passes through unless overridden.

    - ``override_provider`` / ``override_model_id``: what the wrapped model reports.
    - ``transform_params_sync`` (and its async form ``transform_params``): return the
      :class:`~ai_sdk.spec.CallOptions` to use instead of ``params`` (``dataclasses.replace(params, ...)``).
    - ``wrap_generate`` / ``wrap_generate_sync``, ``wrap_stream`` / ``wrap_stream_sync``: run around
      the model call. ``do_generate()`` / ``do_stream()`` call the wrapped model with the transformed
      ``params``; a hook may skip them (a cache hit), call them more than once, or call the other kind.
    """

    def transform_params_sync(self, *, type: CallType, params: CallOptions, model: LanguageModel) -> CallOptions:
        """The call options to use for this call (default: ``params`` unchanged)."""
        return params

    async def transform_params(self, *, type: CallType, params: CallOptions, model: LanguageModel) -> CallOptions:
        """Async form of :meth:`transform_params_sync`, which it calls unless overridden."""
        return self.transform_params_sync(type=type, params=params, model=model)

    async def wrap_generate(
        self, *, do_generate: DoGenerate, do_stream: DoStream, params: CallOptions, model: LanguageModel
    ) -> GenerateResult:
        """Runs around ``model.do_generate`` (default: ``await do_generate()``)."""
        return await do_generate()

    def wrap_generate_sync(
        self, *, do_generate: DoGenerateSync, do_stream: DoStreamSync, params: CallOptions, model: LanguageModel
    ) -> GenerateResult:
        """Runs around ``model.do_generate_sync`` (default: ``do_generate()``)."""
        return do_generate()

    async def wrap_stream(
        self, *, do_generate: DoGenerate, do_stream: DoStream, params: CallOptions, model: LanguageModel
    ) -> StreamResult[AsyncPartStream]:
        """Runs around ``model.do_stream`` (default: ``await do_stream()``)."""
        return await do_stream()

    def wrap_stream_sync(
        self, *, do_generate: DoGenerateSync, do_stream: DoStreamSync, params: CallOptions, model: LanguageModel
    ) -> StreamResult[PartStream]:
        """Runs around ``model.do_stream_sync`` (default: ``do_stream()``)."""
        return do_stream()


class WrappedLanguageModel(WrappedModel[LanguageModel, LanguageModelMiddleware]):
    """A language model seen through one middleware (see :func:`wrap_language_model`)."""

    __slots__ = ()

    _middleware_base = LanguageModelMiddleware
    _hooks = ("transform_params", "wrap_generate", "wrap_stream")
    _model_kind = LanguageModel
    _model_kind_example = "a language model such as deepinfra('...')"
    _params_type = CallOptions
    _params_example = "dataclasses.replace(params, temperature=0)"

    def _calls(self, params: CallOptions, sync: bool) -> dict[str, Any]:
        """A hook's arguments: the model's calls (blocking or async) with ``params``, and ``params``."""
        model = self._model
        generate, stream = (
            (model.do_generate_sync, model.do_stream_sync) if sync else (model.do_generate, model.do_stream)
        )
        return {
            "do_generate": partial(generate, params),
            "do_stream": partial(stream, params),
            "params": params,
            "model": model,
        }

    async def do_generate(self, options: CallOptions) -> GenerateResult:
        """The middleware's ``wrap_generate`` around the model's ``do_generate``."""
        self._require("wrap_generate", "transform_params")
        params = await self._transformed(options, type="generate")
        return await self._middleware.wrap_generate(**self._calls(params, sync=False))

    async def do_stream(self, options: CallOptions) -> StreamResult[AsyncPartStream]:
        """The middleware's ``wrap_stream`` around the model's ``do_stream``."""
        self._require("wrap_stream", "transform_params")
        params = await self._transformed(options, type="stream")
        return await self._middleware.wrap_stream(**self._calls(params, sync=False))

    def do_generate_sync(self, options: CallOptions) -> GenerateResult:
        """The middleware's ``wrap_generate_sync`` around the model's ``do_generate_sync``."""
        self._require("wrap_generate_sync", "transform_params_sync")
        return self._middleware.wrap_generate_sync(
            **self._calls(self._transformed_sync(options, type="generate"), sync=True)
        )

    def do_stream_sync(self, options: CallOptions) -> StreamResult[PartStream]:
        """The middleware's ``wrap_stream_sync`` around the model's ``do_stream_sync``."""
        self._require("wrap_stream_sync", "transform_params_sync")
        return self._middleware.wrap_stream_sync(
            **self._calls(self._transformed_sync(options, type="stream"), sync=True)
        )


def wrap_language_model(
    *,
    model: LanguageModel,
    middleware: LanguageModelMiddleware | Sequence[LanguageModelMiddleware],
    model_id: str | None = None,
    provider_id: str | None = None,
) -> LanguageModel:
    """``model`` with ``middleware`` applied (one, or a list whose first item is the outermost).

    The result is a language model like any other: pass it to ``generate_text`` / ``stream_text`` in
    either API. ``model_id`` / ``provider_id`` replace what the wrapped model reports.
    """
    return wrap_model(WrappedLanguageModel, model, middleware, model_id, provider_id)  # type: ignore[no-any-return]

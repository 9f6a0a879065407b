"""What a model seen through one middleware shares, whatever its kind (language, embedding, image): the
identity it reports after the middleware's overrides, the wrapped model, the check that a hook needed by
the API being called is defined, the call of ``transform_params`` and the check on what it returned, and
the ``wrap_*_model`` function that applies a list of middleware."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, ClassVar, Generic, Literal, Protocol, TypeVar

from ..spec.errors import InvalidArgumentError
from ..spec.telemetry import model_base_url
from ._overrides import missing_twins, raise_missing

__all__ = ["WrappedModel", "checked_params", "middleware_list", "wrap_model"]

ParamsT = TypeVar("ParamsT")


class _Middleware(Protocol):
    def override_provider(self, model: Any) -> str: ...
    def override_model_id(self, model: Any) -> str: ...

    @property
    def transform_params(self) -> Callable[..., Awaitable[Any]]: ...
    @property
    def transform_params_sync(self) -> Callable[..., Any]: ...


ModelT = TypeVar("ModelT")
MiddlewareT = TypeVar("MiddlewareT", bound=_Middleware)


class WrappedModel(Generic[ModelT, MiddlewareT]):
    """The common part of the wrapped models; each kind names its middleware base class and hooks."""

    __slots__ = ("_middleware", "_missing", "_model", "_model_id", "_provider")

    _middleware_base: ClassVar[type]
    """The kind's middleware base class (whose pass-through hooks mean "not defined")."""
    _hooks: ClassVar[tuple[str, ...]]
    """The kind's hooks, by their async names."""
    _model_kind: ClassVar[type]
    """The kind's model protocol, and how to name it in an error: ``"a language model such as ..."``."""
    _model_kind_example: ClassVar[str]
    _params_type: ClassVar[type]
    """What ``transform_params`` must return, and an example of how to make one."""
    _params_example: ClassVar[str]

    def __init__(
        self, model: ModelT, middleware: MiddlewareT, *, model_id: str | None = None, provider: str | None = None
    ) -> None:
        self._model = model
        self._middleware = middleware
        self._provider = provider if provider is not None else middleware.override_provider(model)
        self._model_id = model_id if model_id is not None else middleware.override_model_id(model)
        self._missing = missing_twins(
            middleware, self._middleware_base, self._hooks, sync_defaults=("transform_params",)
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._model!r}, middleware={type(self._middleware).__name__})"

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
    def model(self) -> ModelT:
        """The wrapped model."""
        return self._model

    @property
    def base_url(self) -> str | None:
        """Where the wrapped model sends its requests, when it tells (``server.address`` on spans)."""
        return model_base_url(self._model)

    def _require(self, *hooks: str) -> None:
        for hook in hooks:
            if hook in self._missing:
                raise_missing(self._middleware, hook)

    async def _transformed(self, options: Any, **context: Any) -> Any:
        """The options after the middleware's ``transform_params`` (``context``: e.g. the call type)."""
        transformed = await self._middleware.transform_params(params=options, model=self._model, **context)
        return checked_params(self._middleware, transformed, self._params_type, self._params_example)

    def _transformed_sync(self, options: Any, **context: Any) -> Any:
        """The options after the middleware's ``transform_params_sync``."""
        transformed = self._middleware.transform_params_sync(params=options, model=self._model, **context)
        return checked_params(self._middleware, transformed, self._params_type, self._params_example)


def checked_params(middleware: object, params: object, expected: type[ParamsT], example: str) -> ParamsT:
    """``params`` if ``transform_params`` returned the options type it must, else an error that says so."""
    if not isinstance(params, expected):
        article = "an" if expected.__name__[0] in "AEIOU" else "a"
        raise InvalidArgumentError(
            f"{type(middleware).__name__}.transform_params returned {type(params).__name__}; "
            f"return {article} {expected.__name__}, e.g. {example}",
            argument="middleware",
            value=params,
        )
    return params


def middleware_list(middleware: object, base: type, argument: str = "middleware") -> list[object]:
    """``middleware`` as a list (one middleware or a sequence), each checked to be a ``base``."""
    items = list(middleware) if isinstance(middleware, Sequence) else [middleware]
    for item in items:
        if not isinstance(item, base):
            raise InvalidArgumentError(
                f"expected {base.__name__} instances (subclass it and override the hooks you need), "
                f"got {type(item).__name__}",
                argument=argument,
                value=item,
            )
    return items


def wrap_model(
    wrapper: type[WrappedModel[Any, Any]],
    model: object,
    middleware: object,
    model_id: str | None,
    provider_id: str | None,
) -> Any:
    """``model`` wrapped in ``wrapper`` once per middleware (the first one outermost); the outermost
    reports ``model_id`` / ``provider_id`` when given (a middleware that does nothing else is added
    for them when there is none)."""
    if not isinstance(model, wrapper._model_kind):
        raise InvalidArgumentError(
            f"expected {wrapper._model_kind_example}, got {type(model).__name__}", argument="model", value=model
        )
    base = wrapper._middleware_base
    items = middleware_list(middleware, base)
    if not items:
        items = [base()] if model_id is not None or provider_id is not None else []
    wrapped = model
    for index, item in enumerate(reversed(items)):
        outermost = index == len(items) - 1
        wrapped = wrapper(
            wrapped, item, model_id=model_id if outermost else None, provider=provider_id if outermost else None
        )
    return wrapped

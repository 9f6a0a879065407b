"""What a model seen through one middleware shares, whatever its kind (language, embedding, image): the
identity it reports after the middleware's overrides, the wrapped model, the check that a hook needed by
the API being called is defined, and the check on what ``transform_params`` returned."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, Literal, Protocol, TypeVar

from ..spec.errors import InvalidArgumentError
from ._overrides import missing_twins, raise_missing

__all__ = ["WrappedModel", "checked_params"]

ParamsT = TypeVar("ParamsT")


class _Middleware(Protocol):
    def override_provider(self, model: Any) -> str: ...
    def override_model_id(self, model: Any) -> str: ...


ModelT = TypeVar("ModelT")
MiddlewareT = TypeVar("MiddlewareT", bound=_Middleware)


class WrappedModel(Generic[ModelT, MiddlewareT]):
    """The common part of the wrapped models; each kind names its middleware base class and hooks."""

    __slots__ = ("_middleware", "_missing", "_model", "_model_id", "_provider")

    _middleware_base: ClassVar[type]
    """The kind's middleware base class (whose pass-through hooks mean "not defined")."""
    _hooks: ClassVar[tuple[str, ...]]
    """The kind's hooks, by their async names."""

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

    def _require(self, *hooks: str) -> None:
        for hook in hooks:
            if hook in self._missing:
                raise_missing(self._middleware, hook)


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

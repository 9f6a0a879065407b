"""What every model of the spec says about itself, declared once for the model kinds that extend it."""

from __future__ import annotations

from typing import Literal, Protocol

__all__ = ["ModelIdentity"]


class ModelIdentity(Protocol):
    """The specification version a model implements, its provider (``"deepinfra.embedding"``) and its id
    at that provider."""

    @property
    def specification_version(self) -> Literal["v3"]: ...
    @property
    def provider(self) -> str: ...
    @property
    def model_id(self) -> str: ...

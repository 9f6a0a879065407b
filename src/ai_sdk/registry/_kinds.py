"""The model kinds a provider may offer, and how to ask a provider for one."""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

from ..spec.errors import NoSuchModelError

__all__ = ["METHODS", "ModelKind", "model_of"]

ModelKind: TypeAlias = Literal[
    "language model", "embedding model", "image model", "reranking model", "transcription model", "speech model"
]

METHODS: dict[ModelKind, str] = {
    "language model": "language_model",
    "embedding model": "embedding_model",
    "image model": "image_model",
    "reranking model": "reranking_model",
    "transcription model": "transcription_model",
    "speech model": "speech_model",
}
"""The provider method that makes a model of each kind (``deepinfra.language_model(id)``, ...)."""


def model_of(provider: object, kind: ModelKind, model_id: str, *, provider_id: str) -> Any:
    """``provider``'s model of that kind and id, or :class:`NoSuchModelError` when it makes none."""
    method = getattr(provider, METHODS[kind], None)
    if method is None and kind == "embedding model":
        method = getattr(provider, "text_embedding_model", None)
    if not callable(method):
        raise NoSuchModelError(
            model_id=model_id,
            model_type=kind,
            message=f"Provider {provider_id!r} makes no {kind}s (it has no {METHODS[kind]}() method), "
            f"so it cannot give {model_id!r}",
        )
    return method(model_id)

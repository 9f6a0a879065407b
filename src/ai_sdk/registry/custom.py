"""A provider made of chosen models under your own names (``"fast"``, ``"smart"``), falling back to
another provider for the rest: aliases, pinned settings (with middleware), or a test double."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from ..spec.embedding_model import EmbeddingModel
from ..spec.errors import InvalidArgumentError, NoSuchModelError
from ..spec.image_model import ImageModel
from ..spec.language_model import LanguageModel
from ..spec.reranking_model import RerankingModel
from ..spec.speech_model import SpeechModel
from ..spec.transcription_model import TranscriptionModel
from ._kinds import ModelKind, model_of

__all__ = ["CustomProvider", "custom_provider"]


def _checked(models: Mapping[str, Any] | None, argument: str) -> dict[str, Any]:
    if models is None:
        return {}
    if not isinstance(models, Mapping) or not all(isinstance(name, str) for name in models):
        raise InvalidArgumentError(f"{argument} must be a dict of name to model", argument=argument, value=models)
    return dict(models)


class CustomProvider:
    """Models by name, then the fallback provider (see :func:`custom_provider`)."""

    __slots__ = ("_fallback", "_models")

    def __init__(
        self,
        *,
        language_models: Mapping[str, LanguageModel] | None = None,
        embedding_models: Mapping[str, EmbeddingModel] | None = None,
        image_models: Mapping[str, ImageModel] | None = None,
        reranking_models: Mapping[str, RerankingModel] | None = None,
        transcription_models: Mapping[str, TranscriptionModel] | None = None,
        speech_models: Mapping[str, SpeechModel] | None = None,
        fallback_provider: object | None = None,
    ) -> None:
        self._models: dict[ModelKind, dict[str, Any]] = {
            "language model": _checked(language_models, "language_models"),
            "embedding model": _checked(embedding_models, "embedding_models"),
            "image model": _checked(image_models, "image_models"),
            "reranking model": _checked(reranking_models, "reranking_models"),
            "transcription model": _checked(transcription_models, "transcription_models"),
            "speech model": _checked(speech_models, "speech_models"),
        }
        self._fallback = fallback_provider

    def __repr__(self) -> str:
        names = {kind: list(models) for kind, models in self._models.items() if models}
        return f"CustomProvider({names}, fallback_provider={self._fallback!r})"

    def _model(self, model_id: str, kind: ModelKind) -> Any:
        models = self._models[kind]
        model = models.get(model_id)
        if model is not None:
            return model
        if self._fallback is not None:
            return model_of(self._fallback, kind, model_id, provider_id="fallback_provider")
        raise NoSuchModelError(
            model_id=model_id,
            model_type=kind,
            available_models=list(models),
            message=f"No {kind} {model_id!r} in this custom provider. Available {kind}s: "
            f"{', '.join(models) or 'none'} (set fallback_provider= to pass other ids on)",
        )

    def language_model(self, model_id: str) -> LanguageModel:
        """The language model of that name, else the fallback provider's."""
        return cast(LanguageModel, self._model(model_id, "language model"))

    def embedding_model(self, model_id: str) -> EmbeddingModel:
        """The embedding model of that name, else the fallback provider's."""
        return cast(EmbeddingModel, self._model(model_id, "embedding model"))

    text_embedding_model = embedding_model

    def image_model(self, model_id: str) -> ImageModel:
        """The image model of that name, else the fallback provider's."""
        return cast(ImageModel, self._model(model_id, "image model"))

    def reranking_model(self, model_id: str) -> RerankingModel:
        """The reranking model of that name, else the fallback provider's."""
        return cast(RerankingModel, self._model(model_id, "reranking model"))

    def transcription_model(self, model_id: str) -> TranscriptionModel:
        """The transcription model of that name, else the fallback provider's."""
        return cast(TranscriptionModel, self._model(model_id, "transcription model"))

    def speech_model(self, model_id: str) -> SpeechModel:
        """The speech model of that name, else the fallback provider's."""
        return cast(SpeechModel, self._model(model_id, "speech model"))


def custom_provider(
    *,
    language_models: Mapping[str, LanguageModel] | None = None,
    embedding_models: Mapping[str, EmbeddingModel] | None = None,
    image_models: Mapping[str, ImageModel] | None = None,
    reranking_models: Mapping[str, RerankingModel] | None = None,
    transcription_models: Mapping[str, TranscriptionModel] | None = None,
    speech_models: Mapping[str, SpeechModel] | None = None,
    fallback_provider: object | None = None,
) -> CustomProvider:
    """A provider whose models are the ones you name, e.g. ``custom_provider(language_models={"fast":
    deepinfra("meta-llama/Llama-3.2-3B-Instruct")}, fallback_provider=deepinfra)``. Ids not named go to
    ``fallback_provider``; without one they raise :class:`~ai_sdk.errors.NoSuchModelError` listing the
    names."""
    return CustomProvider(
        language_models=language_models,
        embedding_models=embedding_models,
        image_models=image_models,
        reranking_models=reranking_models,
        transcription_models=transcription_models,
        speech_models=speech_models,
        fallback_provider=fallback_provider,
    )

"""A registry of providers, so models can be named in configuration: ``"deepinfra:meta-llama/..."``.

The id before the first ``separator`` picks the provider, the rest is the provider's model id (which
may itself contain the separator). Asking for an unknown provider raises
:class:`~ai_sdk.errors.NoSuchProviderError` listing the registered ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from ..middleware.language_model import LanguageModelMiddleware, wrap_language_model
from ..spec.embedding_model import EmbeddingModel
from ..spec.errors import InvalidArgumentError, NoSuchModelError, NoSuchProviderError
from ..spec.image_model import ImageModel
from ..spec.language_model import LanguageModel
from ..spec.reranking_model import RerankingModel
from ..spec.speech_model import SpeechModel
from ..spec.transcription_model import TranscriptionModel
from ._kinds import ModelKind, model_of

__all__ = ["ProviderRegistry", "create_provider_registry"]


class ProviderRegistry:
    """Providers by id; ``language_model("deepinfra:<model id>")`` and its siblings find models.

    A provider is any object with some of ``language_model(id)``, ``embedding_model(id)`` (or
    ``text_embedding_model(id)``), ``image_model(id)``, ``reranking_model(id)``, ``transcription_model(id)``
    and ``speech_model(id)``: a :class:`~ai_sdk.deepinfra.DeepInfraProvider`,
    a :func:`~ai_sdk.custom_provider`, another registry.
    """

    __slots__ = ("_middleware", "_providers", "_separator")

    def __init__(
        self,
        providers: Mapping[str, object],
        *,
        separator: str = ":",
        language_model_middleware: LanguageModelMiddleware | Sequence[LanguageModelMiddleware] | None = None,
    ) -> None:
        if not isinstance(separator, str) or not separator:
            raise InvalidArgumentError("separator must be a non-empty string, e.g. ':'", argument="separator")
        if not isinstance(providers, Mapping):
            raise InvalidArgumentError(
                "providers must be a dict of provider id to provider, e.g. {'deepinfra': deepinfra}",
                argument="providers",
                value=providers,
            )
        self._separator = separator
        self._middleware = language_model_middleware
        self._providers: dict[str, object] = {}
        for provider_id, provider in providers.items():
            self.register_provider(provider_id, provider)

    def __repr__(self) -> str:
        return f"ProviderRegistry(providers={list(self._providers)}, separator={self._separator!r})"

    @property
    def provider_ids(self) -> list[str]:
        """The registered provider ids, in registration order."""
        return list(self._providers)

    def register_provider(self, provider_id: str, provider: object) -> None:
        """Add (or replace) the provider under ``provider_id``, which must not contain the separator."""
        if not isinstance(provider_id, str) or not provider_id or self._separator in provider_id:
            raise InvalidArgumentError(
                f"provider ids must be non-empty strings without the separator {self._separator!r}",
                argument="providers",
                value=provider_id,
            )
        self._providers[provider_id] = provider

    def _model(self, full_id: str, kind: ModelKind) -> Any:
        if not isinstance(full_id, str):
            raise InvalidArgumentError(
                f"the {kind} id must be a string such as 'deepinfra{self._separator}<model id>'",
                argument="id",
                value=full_id,
            )
        provider_id, found, model_id = full_id.partition(self._separator)
        available = ", ".join(self._providers) or "none"
        if not found:
            raise NoSuchModelError(
                model_id=full_id,
                model_type=kind,
                message=f"Invalid {kind} id {full_id!r} for the registry: write it as "
                f"'<provider id>{self._separator}<model id>'. Registered providers: {available}",
            )
        provider = self._providers.get(provider_id)
        if provider is None:
            raise NoSuchProviderError(
                model_id=full_id,
                model_type=kind,
                provider_id=provider_id,
                available_providers=list(self._providers),
                message=f"No provider {provider_id!r} in the registry (asked for the {kind} {full_id!r}). "
                f"Registered providers: {available}",
            )
        return model_of(provider, kind, model_id, provider_id=provider_id)

    def language_model(self, id: str) -> LanguageModel:
        """The language model ``"<provider id><separator><model id>"``, with the registry's middleware."""
        model: LanguageModel = self._model(id, "language model")
        if self._middleware is not None:
            model = wrap_language_model(model=model, middleware=self._middleware)
        return model

    def embedding_model(self, id: str) -> EmbeddingModel:
        """The embedding model ``"<provider id><separator><model id>"``."""
        return cast(EmbeddingModel, self._model(id, "embedding model"))

    text_embedding_model = embedding_model

    def image_model(self, id: str) -> ImageModel:
        """The image model ``"<provider id><separator><model id>"``."""
        return cast(ImageModel, self._model(id, "image model"))

    def reranking_model(self, id: str) -> RerankingModel:
        """The reranking model ``"<provider id><separator><model id>"``."""
        return cast(RerankingModel, self._model(id, "reranking model"))

    def transcription_model(self, id: str) -> TranscriptionModel:
        """The transcription model ``"<provider id><separator><model id>"``."""
        return cast(TranscriptionModel, self._model(id, "transcription model"))

    def speech_model(self, id: str) -> SpeechModel:
        """The speech model ``"<provider id><separator><model id>"``."""
        return cast(SpeechModel, self._model(id, "speech model"))


def create_provider_registry(
    providers: Mapping[str, object],
    *,
    separator: str = ":",
    language_model_middleware: LanguageModelMiddleware | Sequence[LanguageModelMiddleware] | None = None,
) -> ProviderRegistry:
    """A :class:`ProviderRegistry` of ``providers`` (``{"deepinfra": deepinfra, ...}``): models are then
    named ``"deepinfra:<model id>"`` (``separator`` changes the ``:``). ``language_model_middleware``
    wraps every language model the registry gives out."""
    return ProviderRegistry(providers, separator=separator, language_model_middleware=language_model_middleware)

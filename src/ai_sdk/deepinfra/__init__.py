"""DeepInfra for ai_sdk: chat, completion, embedding, image, reranking, transcription and speech models.

``from ai_sdk.deepinfra import deepinfra`` gives the default provider (API key from
``DEEPINFRA_API_KEY``, read when a request is made); ``create_deepinfra(api_key=..., base_url=...,
headers=..., transport=..., http_client=...)`` makes one with your settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .chat_options import DeepInfraChatOptions, DeepInfraReasoning
from .model_ids import (
    DeepInfraChatModelId,
    DeepInfraCompletionModelId,
    DeepInfraEmbeddingModelId,
    DeepInfraImageModelId,
    DeepInfraRerankingModelId,
    DeepInfraSpeechModelId,
    DeepInfraTranscriptionModelId,
)
from .provider import DeepInfraProvider, create_deepinfra, deepinfra
from .usage import convert_deepinfra_usage

if TYPE_CHECKING:
    from .catalog import DeepInfraModelInfo, ModelCatalog
    from .rate_limit import RateLimit
else:

    def __getattr__(name: str) -> Any:
        # The catalog's and the rate limit's records load on first use, so ``import ai_sdk.deepinfra``
        # stays cheap.
        if name in ("DeepInfraModelInfo", "ModelCatalog"):
            from . import catalog

            return getattr(catalog, name)
        if name == "RateLimit":
            from .rate_limit import RateLimit

            return RateLimit
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__() -> list[str]:  # dir(), help() and tab completion list the lazy names too
        return sorted({*globals(), "DeepInfraModelInfo", "ModelCatalog", "RateLimit"})


__all__ = [
    "DeepInfraChatModelId",
    "DeepInfraChatOptions",
    "DeepInfraCompletionModelId",
    "DeepInfraEmbeddingModelId",
    "DeepInfraImageModelId",
    "DeepInfraModelInfo",
    "DeepInfraProvider",
    "DeepInfraReasoning",
    "DeepInfraRerankingModelId",
    "DeepInfraSpeechModelId",
    "DeepInfraTranscriptionModelId",
    "ModelCatalog",
    "RateLimit",
    "convert_deepinfra_usage",
    "create_deepinfra",
    "deepinfra",
]

"""DeepInfra for ai_sdk: chat, completion, embedding, image, reranking, transcription and speech models.

``from ai_sdk.deepinfra import deepinfra`` gives the default provider (API key from
``DEEPINFRA_API_KEY``, read when a request is made); ``create_deepinfra(api_key=..., base_url=...,
headers=..., transport=..., http_client=...)`` makes one with your settings.
"""

from __future__ import annotations

from .catalog import DeepInfraModelInfo, ModelCatalog
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
    "convert_deepinfra_usage",
    "create_deepinfra",
    "deepinfra",
]

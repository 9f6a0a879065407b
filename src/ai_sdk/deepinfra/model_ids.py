"""Model ids DeepInfra documents, as ``Literal`` aliases so editors complete them. Each alias also
takes any other ``str``: DeepInfra adds models every week and every id it serves works."""

from __future__ import annotations

from typing import Literal, TypeAlias

from .image_settings import DeepInfraImageModelId

__all__ = [
    "DeepInfraChatModelId",
    "DeepInfraCompletionModelId",
    "DeepInfraEmbeddingModelId",
    "DeepInfraImageModelId",
    "DeepInfraRerankingModelId",
    "DeepInfraSpeechModelId",
    "DeepInfraTranscriptionModelId",
]

DeepInfraChatModelId: TypeAlias = (
    Literal[
        "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8",
        "meta-llama/Llama-4-Scout-17B-16E-Instruct",
        "meta-llama/Llama-3.3-70B-Instruct-Turbo",
        "meta-llama/Llama-3.3-70B-Instruct",
        "meta-llama/Meta-Llama-3.1-405B-Instruct",
        "meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo",
        "meta-llama/Meta-Llama-3.1-70B-Instruct",
        "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo",
        "meta-llama/Meta-Llama-3.1-8B-Instruct",
        "meta-llama/Llama-3.2-11B-Vision-Instruct",
        "meta-llama/Llama-3.2-90B-Vision-Instruct",
        "mistralai/Mixtral-8x7B-Instruct-v0.1",
        "deepseek-ai/DeepSeek-V3",
        "deepseek-ai/DeepSeek-R1",
        "deepseek-ai/DeepSeek-R1-Distill-Llama-70B",
        "deepseek-ai/DeepSeek-R1-Turbo",
        "nvidia/Llama-3.1-Nemotron-70B-Instruct",
        "Qwen/Qwen2-7B-Instruct",
        "Qwen/Qwen2.5-72B-Instruct",
        "Qwen/Qwen2.5-Coder-32B-Instruct",
        "Qwen/QwQ-32B-Preview",
        "google/codegemma-7b-it",
        "google/gemma-2-9b-it",
        "microsoft/WizardLM-2-8x22B",
    ]
    | str
)
"""Chat models from DeepInfra's provider page (image input, object generation and tool use vary)."""

DeepInfraCompletionModelId: TypeAlias = DeepInfraChatModelId
"""The chat models also serve raw text completion (``/completions``)."""

DeepInfraEmbeddingModelId: TypeAlias = (
    Literal[
        "BAAI/bge-base-en-v1.5",
        "BAAI/bge-large-en-v1.5",
        "BAAI/bge-m3",
        "intfloat/e5-base-v2",
        "intfloat/e5-large-v2",
        "intfloat/multilingual-e5-large",
        "sentence-transformers/all-MiniLM-L12-v2",
        "sentence-transformers/all-MiniLM-L6-v2",
        "sentence-transformers/all-mpnet-base-v2",
        "thenlper/gte-base",
        "thenlper/gte-large",
    ]
    | str
)
"""Common embedding models."""

DeepInfraRerankingModelId: TypeAlias = (
    Literal[
        "Qwen/Qwen3-Reranker-0.6B",
        "Qwen/Qwen3-Reranker-4B",
        "Qwen/Qwen3-Reranker-8B",
        "cross-encoder/ms-marco-MiniLM-L-12-v2",
    ]
    | str
)
"""Rerankers on DeepInfra's native inference API (Qwen3 rerankers and cross-encoders)."""

DeepInfraTranscriptionModelId: TypeAlias = (
    Literal[
        "openai/whisper-large-v3-turbo",
        "openai/whisper-large-v3",
        "openai/whisper-medium",
        "openai/whisper-small",
        "openai/whisper-base",
        "mistralai/Voxtral-Mini-3B-2507",
        "mistralai/Voxtral-Small-24B-2507",
    ]
    | str
)
"""Speech-to-text models (Whisper and Voxtral)."""

DeepInfraSpeechModelId: TypeAlias = (
    Literal[
        "hexgrad/Kokoro-82M",
        "canopylabs/orpheus-3b-0.1-ft",
        "sesame/csm-1b",
        "ResembleAI/chatterbox",
    ]
    | str
)
"""Text-to-speech models."""

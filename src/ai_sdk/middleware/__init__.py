"""Middleware for language, embedding and image models: wrap a model to change its call parameters,
wrap its calls (caching, guardrails, logging) or post-process its output, in both APIs.

``wrap_language_model(model=..., middleware=[...])`` returns a model like any other. Ready-made:
:func:`extract_reasoning_middleware` (``<think>`` tags to reasoning), :func:`default_settings_middleware`
and :func:`simulate_streaming_middleware`. Write your own by subclassing
:class:`LanguageModelMiddleware` (see docs/middleware.md). Middleware works on the spec-level model
interface (``do_generate`` / ``do_stream``), so it knows nothing of the core or of providers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_dir, lazy_getattr

if TYPE_CHECKING:
    from .default_settings import DefaultSettings, default_settings_middleware
    from .embedding_model import EmbeddingModelMiddleware, WrappedEmbeddingModel, wrap_embedding_model
    from .extract_reasoning import ReasoningSplitter, ReasoningStreamTransformer, extract_reasoning_middleware
    from .image_model import ImageModelMiddleware, WrappedImageModel, wrap_image_model
    from .language_model import (
        CallType,
        DoGenerate,
        DoGenerateSync,
        DoStream,
        DoStreamSync,
        LanguageModelMiddleware,
        WrappedLanguageModel,
        wrap_language_model,
    )
    from .part_streams import AsyncTransformedPartStream, PartList, PartTransformer, TransformedPartStream
    from .simulate_streaming import generate_result_parts, simulate_streaming_middleware

_EXPORTS = {
    "DefaultSettings": ".default_settings",
    "default_settings_middleware": ".default_settings",
    "EmbeddingModelMiddleware": ".embedding_model",
    "WrappedEmbeddingModel": ".embedding_model",
    "wrap_embedding_model": ".embedding_model",
    "ReasoningSplitter": ".extract_reasoning",
    "ReasoningStreamTransformer": ".extract_reasoning",
    "extract_reasoning_middleware": ".extract_reasoning",
    "ImageModelMiddleware": ".image_model",
    "WrappedImageModel": ".image_model",
    "wrap_image_model": ".image_model",
    "CallType": ".language_model",
    "DoGenerate": ".language_model",
    "DoGenerateSync": ".language_model",
    "DoStream": ".language_model",
    "DoStreamSync": ".language_model",
    "LanguageModelMiddleware": ".language_model",
    "WrappedLanguageModel": ".language_model",
    "wrap_language_model": ".language_model",
    "AsyncTransformedPartStream": ".part_streams",
    "PartList": ".part_streams",
    "PartTransformer": ".part_streams",
    "TransformedPartStream": ".part_streams",
    "generate_result_parts": ".simulate_streaming",
    "simulate_streaming_middleware": ".simulate_streaming",
}

__getattr__ = lazy_getattr(__name__, _EXPORTS)

__all__ = [
    "AsyncTransformedPartStream",
    "CallType",
    "DefaultSettings",
    "DoGenerate",
    "DoGenerateSync",
    "DoStream",
    "DoStreamSync",
    "EmbeddingModelMiddleware",
    "ImageModelMiddleware",
    "LanguageModelMiddleware",
    "PartList",
    "PartTransformer",
    "ReasoningSplitter",
    "ReasoningStreamTransformer",
    "TransformedPartStream",
    "WrappedEmbeddingModel",
    "WrappedImageModel",
    "WrappedLanguageModel",
    "default_settings_middleware",
    "extract_reasoning_middleware",
    "generate_result_parts",
    "simulate_streaming_middleware",
    "wrap_embedding_model",
    "wrap_image_model",
    "wrap_language_model",
]
__dir__ = lazy_dir(globals(), __all__)

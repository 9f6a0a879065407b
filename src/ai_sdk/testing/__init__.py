"""Test utilities for code built on ai_sdk: mock models that record their calls (language, embedding,
image, reranking, transcription and speech models; and one-line ones: ``mock_model("Hello!")``), a
mock HTTP transport, retries without waiting (``instant_retries``), and
:class:`DeepInfraEmulator`, a loopback server that speaks DeepInfra's API.

The pytest plugin (installed with the package) provides a ready ``deepinfra_emulator`` fixture.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_dir, lazy_getattr

if TYPE_CHECKING:
    from .emulator import DeepInfraEmulator
    from .mock_media_models import MockRerankingModel, MockSpeechModel, MockTranscriptionModel
    from .mock_models import MockEmbeddingModel, MockImageModel, MockLanguageModel, simulate_stream
    from .mock_transport import MockTransport
    from .replies import MockReply, MockToolCall, mock_model, reply, tool_call
    from .retries import instant_retries

_EXPORTS = {
    "DeepInfraEmulator": ".emulator",
    "MockEmbeddingModel": ".mock_models",
    "MockImageModel": ".mock_models",
    "MockLanguageModel": ".mock_models",
    "simulate_stream": ".mock_models",
    "MockRerankingModel": ".mock_media_models",
    "MockSpeechModel": ".mock_media_models",
    "MockTranscriptionModel": ".mock_media_models",
    "MockTransport": ".mock_transport",
    "MockReply": ".replies",
    "MockToolCall": ".replies",
    "mock_model": ".replies",
    "reply": ".replies",
    "tool_call": ".replies",
    "instant_retries": ".retries",
}

__getattr__ = lazy_getattr(__name__, _EXPORTS)
__dir__ = lazy_dir(globals(), _EXPORTS)

__all__ = [
    "DeepInfraEmulator",
    "MockEmbeddingModel",
    "MockImageModel",
    "MockLanguageModel",
    "MockReply",
    "MockRerankingModel",
    "MockSpeechModel",
    "MockToolCall",
    "MockTranscriptionModel",
    "MockTransport",
    "instant_retries",
    "mock_model",
    "reply",
    "simulate_stream",
    "tool_call",
]

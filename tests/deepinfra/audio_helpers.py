"""Shared by the DeepInfra reranking, transcription and speech model tests: a model config over a mock
transport, the ``mode`` fixture (every test runs blocking and async), and a multipart reader."""

from __future__ import annotations

import io
import wave
from typing import Any

from ai_sdk.http.provider_transports import Transports
from ai_sdk.http.transport import HttpRequest
from ai_sdk.openai_compatible.config import ModelConfig
from ai_sdk.testing.emulator.multipart import FormPart, boundary_of, parse_multipart

ROOT = "https://api.deepinfra.com/v1"
OPENAI = ROOT + "/openai"
KEY = "test-secret-key"


def config(transport: Any, *, base_url: str, provider: str) -> ModelConfig:
    headers = {"authorization": f"Bearer {KEY}", "user-agent": "ai-sdk/deepinfra/test"}
    return ModelConfig(
        provider=provider,
        base_url=base_url,
        headers=lambda: dict(headers),
        transports=Transports(transport=transport, async_transport=transport),
    )


def form_parts(request: HttpRequest) -> list[FormPart]:
    boundary = boundary_of(request.headers["content-type"])
    assert boundary is not None
    assert request.body is not None
    return parse_multipart(request.body, boundary)


def wav(seconds: float, rate: int = 8000) -> bytes:
    """A silent mono 16-bit WAV of ``seconds``."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(b"\0\0" * round(seconds * rate))
    return buffer.getvalue()

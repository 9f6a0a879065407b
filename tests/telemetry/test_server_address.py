"""``server.address`` / ``server.port`` on model spans, from the base URL a model tells through the
spec-level hook :func:`ai_sdk.spec.telemetry.model_base_url`."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest

from ai_sdk import embed, generate_text
from ai_sdk import sync as blocking
from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.middleware import (
    EmbeddingModelMiddleware,
    default_settings_middleware,
    wrap_embedding_model,
    wrap_language_model,
)
from ai_sdk.spec import LanguageModel
from ai_sdk.spec.telemetry import model_base_url
from ai_sdk.telemetry.attributes import server_attributes
from ai_sdk.testing import DeepInfraEmulator

from .conftest import Otel


async def test_chat_and_embedding_spans_name_the_server(
    mode: str, otel: Otel, emu: DeepInfraEmulator, chat_model: LanguageModel
) -> None:
    emu.chat.reply_text("Hi.")
    embedder = create_deepinfra(base_url=emu.base_url, api_key="test-key").embedding_model("BAAI/bge-base-en-v1.5")
    if mode == "sync":
        blocking.generate_text(model=chat_model, prompt="Hi", telemetry=otel.settings())
        blocking.embed(model=embedder, value="hi", telemetry=otel.settings())
    else:
        await generate_text(model=chat_model, prompt="Hi", telemetry=otel.settings())
        await embed(model=embedder, value="hi", telemetry=otel.settings())
    url = urlsplit(emu.base_url)
    for name in ("chat meta-llama/Llama-3.3-70B-Instruct", "embeddings BAAI/bge-base-en-v1.5"):
        attributes = dict(otel.span(name).attributes or {})
        assert (attributes["server.address"], attributes["server.port"]) == (url.hostname, url.port)
    root = dict(otel.span("invoke_agent meta-llama/Llama-3.3-70B-Instruct").attributes or {})
    assert "server.address" not in root  # the call's span is not a client call
    # The metrics too: the conventions recommend server.address on them, with server.port when it is set.
    for metric in ("gen_ai.client.operation.duration", "gen_ai.client.token.usage"):
        points = otel.points(metric)
        assert {point.attributes["gen_ai.operation.name"] for point in points} == {"chat", "embeddings"}
        for point in points:
            assert (point.attributes["server.address"], point.attributes["server.port"]) == (url.hostname, url.port)


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        (
            SimpleNamespace(base_url="https://api.example.com/v1"),
            {"server.address": "api.example.com", "server.port": 443},
        ),
        (SimpleNamespace(base_url="http://localhost/v1"), {"server.address": "localhost", "server.port": 80}),
        (
            SimpleNamespace(config=SimpleNamespace(base_url="http://10.0.0.2:8080/v1/openai")),
            {"server.address": "10.0.0.2", "server.port": 8080},
        ),
        (SimpleNamespace(base_url="unix-socket"), {}),
        (SimpleNamespace(base_url="http://host:notaport/v1"), {}),
        (SimpleNamespace(base_url=42), {}),
        (SimpleNamespace(), {}),
    ],
)
def test_the_server_comes_from_the_models_base_url(model: Any, expected: dict[str, Any]) -> None:
    assert server_attributes(model) == expected


def test_the_hook_prefers_the_models_own_base_url() -> None:
    model = SimpleNamespace(base_url="https://a.example", config=SimpleNamespace(base_url="https://b.example"))
    assert model_base_url(model) == "https://a.example"
    assert model_base_url(SimpleNamespace(config=None)) is None


def test_a_model_seen_through_middleware_names_the_same_server(emu: DeepInfraEmulator) -> None:
    provider = create_deepinfra(base_url=emu.base_url, api_key="test-key")
    chat = wrap_language_model(
        model=provider("meta-llama/Llama-3.3-70B-Instruct"),
        middleware=default_settings_middleware(settings={"temperature": 0}),
    )
    embedder = wrap_embedding_model(
        model=provider.embedding_model("BAAI/bge-base-en-v1.5"), middleware=EmbeddingModelMiddleware()
    )
    url = urlsplit(emu.base_url)
    for model in (chat, embedder):
        assert model_base_url(model) == model_base_url(model.model)  # type: ignore[attr-defined]
        assert server_attributes(model) == {"server.address": url.hostname, "server.port": url.port}

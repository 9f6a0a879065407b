"""Embeddings and images end to end: embed / embed_many and generate_image (native inference and
multipart edits) through the DeepInfra provider against the emulator over loopback, blocking and async."""

from __future__ import annotations

import pytest

from ai_sdk import cosine_similarity, embed, embed_many, generate_image
from ai_sdk.deepinfra import DeepInfraProvider
from ai_sdk.sync import embed as embed_sync
from ai_sdk.sync import embed_many as embed_many_sync
from ai_sdk.sync import generate_image as generate_image_sync
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator.png import encode_png, png_size

EMBEDDING_MODEL = "BAAI/bge-base-en-v1.5"
IMAGE_MODEL = "black-forest-labs/FLUX-1-schnell"
TEXTS = ["sunny day at the beach", "a sunny beach day", "quarterly tax filing deadline"]


def test_embed_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = embed_sync(model=provider.embedding_model(EMBEDDING_MODEL), value=TEXTS[0])
    assert len(result.embedding) == 768
    assert result.usage.tokens == 5
    assert emu.last_request.body["input"] == [TEXTS[0]]


async def test_embed_async(provider: DeepInfraProvider) -> None:
    result = await embed(model=provider.embedding_model(EMBEDDING_MODEL), value=TEXTS[0])
    assert result.embedding == embed_sync(model=provider.embedding_model(EMBEDDING_MODEL), value=TEXTS[0]).embedding


def _check_many(embeddings: list[list[float]]) -> None:
    assert [len(vector) for vector in embeddings] == [768, 768, 768]
    assert cosine_similarity(embeddings[0], embeddings[0]) == pytest.approx(1.0)
    assert cosine_similarity(embeddings[0], embeddings[1]) > cosine_similarity(embeddings[0], embeddings[2]) + 0.3


def test_embed_many_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = embed_many_sync(model=provider.embedding_model(EMBEDDING_MODEL), values=TEXTS)
    _check_many(result.embeddings)
    assert result.usage.tokens == sum(len(text.split()) for text in TEXTS)
    assert len(emu.requests_to("embeddings")) == 1


async def test_embed_many_async_with_dimensions(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = await embed_many(
        model=provider.embedding_model(EMBEDDING_MODEL),
        values=TEXTS,
        provider_options={"deepinfra": {"dimensions": 32}},
    )
    assert [len(vector) for vector in result.embeddings] == [32, 32, 32]
    assert emu.last_request.body["dimensions"] == 32


def test_generate_image_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = generate_image_sync(model=provider.image(IMAGE_MODEL), prompt="a red fox", size="256x128", n=2, seed=7)
    assert len(result.images) == 2
    assert [png_size(image.data) for image in result.images] == [(256, 128), (256, 128)]
    assert all(image.media_type == "image/png" for image in result.images)
    assert result.images[0] == result.images[1]  # one call per image, each with seed 7: the same picture
    unseeded = generate_image_sync(model=provider.image(IMAGE_MODEL), prompt="a red fox", size="256x128", n=2)
    assert unseeded.images[0] != unseeded.images[1]
    requests = emu.requests_to("inference")[:2]
    assert all(r.path == f"/v1/inference/{IMAGE_MODEL}" for r in requests)
    assert {(r.body["width"], r.body["height"], r.body["prompt"]) for r in requests} == {(256, 128, "a red fox")}


async def test_generate_image_async(provider: DeepInfraProvider) -> None:
    result = await generate_image(model=provider.image(IMAGE_MODEL), prompt="a red fox", size="320x192")
    assert png_size(result.image.data) == (320, 192)


def test_edit_image_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    source = encode_png(96, 64, seed="source")
    result = generate_image_sync(model=provider.image(IMAGE_MODEL), prompt="add a hat", images=[source])
    assert png_size(result.image.data) == (96, 64)
    request = emu.last_request
    assert request.route == "image_edits"
    assert [part.data for part in request.form("image")] == [source]
    assert request.form("prompt")[0].text == "add a hat"
    assert request.model == IMAGE_MODEL


async def test_edit_image_async(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    source = encode_png(64, 64, seed="source")
    result = await generate_image(
        model=provider.image(IMAGE_MODEL), prompt="add a hat", images=[source], size="128x128"
    )
    assert png_size(result.image.data) == (128, 128)
    assert emu.last_request.form("size")[0].text == "128x128"

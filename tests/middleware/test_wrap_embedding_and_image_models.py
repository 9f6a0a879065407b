"""wrap_embedding_model and wrap_image_model: transforms, wrapping, overrides seen by the core (chunk
sizes, images per call), and errors for hooks defined for one API only."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from ai_sdk import (
    EmbeddingModelMiddleware,
    ImageModelMiddleware,
    embed,
    embed_many,
    generate_image,
    wrap_embedding_model,
    wrap_image_model,
)
from ai_sdk import sync as blocking
from ai_sdk.errors import InvalidArgumentError, UnsupportedFunctionalityError
from ai_sdk.spec import EmbeddingModel, EmbedOptions, ImageCallOptions, ImageModel
from ai_sdk.testing import MockEmbeddingModel, MockImageModel

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


class Prefix(EmbeddingModelMiddleware):
    """Adds the instruction prefix some embedding models want, and caps the chunk size."""

    def __init__(self) -> None:
        self.wrapped = 0

    def transform_params_sync(self, *, params: EmbedOptions, model: EmbeddingModel) -> EmbedOptions:
        return replace(params, values=[f"query: {value}" for value in params.values])

    def override_max_embeddings_per_call(self, model: EmbeddingModel) -> int | None:
        return 2

    def override_model_id(self, model: EmbeddingModel) -> str:
        return "prefixed-" + model.model_id

    async def wrap_embed(self, *, do_embed: Any, params: EmbedOptions, model: EmbeddingModel) -> Any:
        self.wrapped += 1
        return await do_embed()

    def wrap_embed_sync(self, *, do_embed: Any, params: EmbedOptions, model: EmbeddingModel) -> Any:
        self.wrapped += 1
        return do_embed()


async def test_embedding_middleware_transforms_wraps_and_overrides(mode: str) -> None:
    inner = MockEmbeddingModel(lambda options: [[float(len(v))] for v in options.values])
    middleware = Prefix()
    model = wrap_embedding_model(model=inner, middleware=middleware)
    assert (model.model_id, model.max_embeddings_per_call, model.supports_parallel_calls) == (
        "prefixed-mock-embedding-model",
        2,
        True,
    )
    values = ["a", "bb", "ccc"]
    if mode == "sync":
        many = blocking.embed_many(model=model, values=values)
        one = blocking.embed(model=model, value="dddd")
    else:
        many = await embed_many(model=model, values=values)
        one = await embed(model=model, value="dddd")
    assert many.embeddings == [[8.0], [9.0], [10.0]]
    assert one.embedding == [11.0]
    assert [list(call.values) for call in inner.calls] == [["query: a", "query: bb"], ["query: ccc"], ["query: dddd"]]
    assert middleware.wrapped == 3


class Seeded(ImageModelMiddleware):
    def transform_params_sync(self, *, params: ImageCallOptions, model: ImageModel) -> ImageCallOptions:
        return replace(params, seed=params.seed if params.seed is not None else 7)

    def override_max_images_per_call(self, model: ImageModel) -> int | None:
        return 1

    def override_provider(self, model: ImageModel) -> str:
        return "studio"

    async def wrap_generate(self, *, do_generate: Any, params: ImageCallOptions, model: ImageModel) -> Any:
        return await do_generate()

    def wrap_generate_sync(self, *, do_generate: Any, params: ImageCallOptions, model: ImageModel) -> Any:
        return do_generate()


async def test_image_middleware_transforms_wraps_and_overrides(mode: str) -> None:
    inner = MockImageModel([PNG, PNG])
    model = wrap_image_model(model=inner, middleware=Seeded(), model_id="painter")
    assert (model.provider, model.model_id, model.max_images_per_call) == ("studio", "painter", 1)
    if mode == "sync":
        result = blocking.generate_image(model=model, prompt="a cat", n=2)
    else:
        result = await generate_image(model=model, prompt="a cat", n=2)
    assert len(result.images) == 2
    assert [(call.n, call.seed) for call in inner.calls] == [(1, 7), (1, 7)]


async def test_one_sided_hooks_raise_in_the_other_api() -> None:
    class AsyncEmbed(EmbeddingModelMiddleware):
        async def wrap_embed(self, *, do_embed: Any, params: EmbedOptions, model: EmbeddingModel) -> Any:
            return await do_embed()

    class SyncImage(ImageModelMiddleware):
        def wrap_generate_sync(self, *, do_generate: Any, params: ImageCallOptions, model: ImageModel) -> Any:
            return do_generate()

    embedder = wrap_embedding_model(model=MockEmbeddingModel([[1.0], [2.0]]), middleware=AsyncEmbed())
    assert (await embedder.do_embed(EmbedOptions(values=["a"]))).embeddings == [[1.0]]
    with pytest.raises(UnsupportedFunctionalityError, match="AsyncEmbed defines wrap_embed but not wrap_embed_sync"):
        embedder.do_embed_sync(EmbedOptions(values=["a"]))
    painter = wrap_image_model(model=MockImageModel([PNG, PNG]), middleware=SyncImage())
    assert painter.do_generate_sync(ImageCallOptions(prompt="x")).images == [PNG]
    with pytest.raises(UnsupportedFunctionalityError, match="cannot run in the async API"):
        await painter.do_generate(ImageCallOptions(prompt="x"))


async def test_transforms_must_return_options(mode: str) -> None:
    class Broken(EmbeddingModelMiddleware):
        def transform_params_sync(self, *, params: EmbedOptions, model: EmbeddingModel) -> Any:
            return ["a"]

    class BrokenImage(ImageModelMiddleware):
        def transform_params_sync(self, *, params: ImageCallOptions, model: ImageModel) -> Any:
            return None

    embedder = wrap_embedding_model(model=MockEmbeddingModel([[1.0]]), middleware=[Broken()])
    painter = wrap_image_model(model=MockImageModel([PNG]), middleware=[BrokenImage()])

    async def embed_once() -> Any:
        if mode == "sync":
            return embedder.do_embed_sync(EmbedOptions(values=["a"]))
        return await embedder.do_embed(EmbedOptions(values=["a"]))

    async def paint_once() -> Any:
        if mode == "sync":
            return painter.do_generate_sync(ImageCallOptions(prompt="x"))
        return await painter.do_generate(ImageCallOptions(prompt="x"))

    with pytest.raises(InvalidArgumentError, match=r"Broken.transform_params returned list; return an EmbedOptions"):
        await embed_once()
    with pytest.raises(InvalidArgumentError, match="returned NoneType; return an ImageCallOptions"):
        await paint_once()


def test_bad_arguments_and_plain_passthrough() -> None:
    inner = MockEmbeddingModel([[1.0]])
    assert wrap_embedding_model(model=inner, middleware=[]) is inner
    renamed = wrap_embedding_model(model=inner, middleware=[], provider_id="p")
    assert (renamed.provider, renamed.model_id) == ("p", "mock-embedding-model")
    with pytest.raises(InvalidArgumentError, match="expected an embedding model"):
        wrap_embedding_model(model=object(), middleware=[])  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="expected EmbeddingModelMiddleware instances"):
        wrap_embedding_model(model=inner, middleware=[ImageModelMiddleware()])  # type: ignore[list-item]
    image = MockImageModel([PNG])
    assert wrap_image_model(model=image, middleware=[]) is image
    with pytest.raises(InvalidArgumentError, match="expected an image model"):
        wrap_image_model(model=inner, middleware=[])  # type: ignore[arg-type]
    assert "Prefix" in repr(wrap_embedding_model(model=inner, middleware=Prefix()))
    assert "Seeded" in repr(wrap_image_model(model=image, middleware=Seeded()))

"""The hooks every kind's middleware shares (``ai_sdk.middleware.base``): identity pass-through, and the
one-call kinds' ``transform_params`` whose async form runs the blocking one."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

import pytest

from ai_sdk.middleware import EmbeddingModelMiddleware, ImageModelMiddleware, LanguageModelMiddleware
from ai_sdk.middleware.base import MiddlewareBase, OneCallMiddlewareBase
from ai_sdk.spec import EmbedOptions
from ai_sdk.testing import MockEmbeddingModel, MockImageModel, MockLanguageModel


@pytest.mark.parametrize(
    ("middleware", "model"),
    [
        (LanguageModelMiddleware(), MockLanguageModel()),
        (EmbeddingModelMiddleware(), MockEmbeddingModel([[1.0]])),
        (ImageModelMiddleware(), MockImageModel([b"png"])),
    ],
)
def test_every_kind_reports_the_models_identity_by_default(middleware: MiddlewareBase[Any], model: Any) -> None:
    assert (middleware.override_provider(model), middleware.override_model_id(model)) == (
        model.provider,
        model.model_id,
    )


def test_the_async_parameter_hook_runs_the_blocking_one() -> None:
    class Prefix(EmbeddingModelMiddleware):
        def transform_params_sync(self, *, params: EmbedOptions, model: Any) -> EmbedOptions:
            return replace(params, values=[f"query: {value}" for value in params.values])

    assert isinstance(Prefix(), OneCallMiddlewareBase)
    model = MockEmbeddingModel([[1.0]])
    transformed = asyncio.run(Prefix().transform_params(params=EmbedOptions(values=["a"]), model=model))
    assert list(transformed.values) == ["query: a"]
    unchanged = EmbedOptions(values=["b"])
    assert asyncio.run(EmbeddingModelMiddleware().transform_params(params=unchanged, model=model)) is unchanged

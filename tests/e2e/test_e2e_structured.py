"""Structured output end to end: Output.object / Output.array / Output.choice with generate_text and
stream_text, and generate_object / stream_object, against the emulator over loopback, blocking and
async. The emulator answers json_schema requests with JSON valid against the sent schema."""

from __future__ import annotations

import itertools
import json
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel, Field

from ai_sdk import Output, generate_object, generate_text, stream_object, stream_text
from ai_sdk.deepinfra import DeepInfraProvider
from ai_sdk.errors import NoObjectGeneratedError
from ai_sdk.sync import generate_object as generate_object_sync
from ai_sdk.sync import generate_text as generate_text_sync
from ai_sdk.sync import stream_object as stream_object_sync
from ai_sdk.sync import stream_text as stream_text_sync
from ai_sdk.testing import DeepInfraEmulator

from .conftest import CHAT_MODEL


class Ingredient(BaseModel):
    name: str
    grams: int = Field(ge=1)


class Recipe(BaseModel):
    title: str = Field(min_length=3)
    servings: int = Field(ge=1, le=12)
    ingredients: list[Ingredient] = Field(min_length=2)
    vegetarian: bool


def _check_recipe(emu: DeepInfraEmulator, recipe: Recipe) -> None:
    assert isinstance(recipe, Recipe)
    assert len(recipe.ingredients) == 2
    response_format = emu.last_request.body["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["strict"] is True
    jsonschema.validate(recipe.model_dump(), response_format["json_schema"]["schema"])


def test_output_object_generate_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = generate_text_sync(model=provider(CHAT_MODEL), prompt="A lasagna", output=Output.object(Recipe))
    _check_recipe(emu, result.output)


async def test_output_object_generate_async(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = await generate_text(model=provider(CHAT_MODEL), prompt="A lasagna", output=Output.object(Recipe))
    _check_recipe(emu, result.output)


def _check_partials(partials: list[Any], final: Recipe) -> None:
    assert len(partials) > 3
    assert all(isinstance(partial, dict) for partial in partials)
    assert all(a != b for a, b in itertools.pairwise(partials))  # each differs from the last
    assert len(json.dumps(partials[0])) < len(json.dumps(partials[-1]))  # the value grew
    assert partials[-1] == final.model_dump()


def test_output_object_stream_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = stream_text_sync(model=provider(CHAT_MODEL), prompt="A lasagna", output=Output.object(Recipe))
    partials = list(result.partial_output_stream)
    _check_recipe(emu, result.output)
    _check_partials(partials, result.output)


async def test_output_object_stream_async(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = stream_text(model=provider(CHAT_MODEL), prompt="A lasagna", output=Output.object(Recipe))
    partials = [partial async for partial in result.partial_output_stream]
    recipe = await result.output
    _check_recipe(emu, recipe)
    _check_partials(partials, recipe)


def test_output_array_and_choice_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    items = generate_text_sync(model=provider(CHAT_MODEL), prompt="Two", output=Output.array(Ingredient)).output
    assert items
    assert all(isinstance(item, Ingredient) for item in items)
    choice = generate_text_sync(
        model=provider(CHAT_MODEL), prompt="Pick", output=Output.choice(["sunny", "rainy"])
    ).output
    assert choice == "sunny"
    assert emu.last_request.body["response_format"]["json_schema"]["schema"]["properties"]["result"]["enum"] == [
        "sunny",
        "rainy",
    ]


def test_generate_object_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = generate_object_sync(model=provider(CHAT_MODEL), schema=Recipe, prompt="A lasagna")
    _check_recipe(emu, result.object)
    assert result.usage.cost is not None


async def test_stream_object_async(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = stream_object(model=provider(CHAT_MODEL), schema=Recipe, prompt="A lasagna")
    partials = [partial async for partial in result.partial_object_stream]
    recipe = await result.object
    _check_recipe(emu, recipe)
    _check_partials(partials, recipe)


def test_stream_object_sync(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    result = stream_object_sync(model=provider(CHAT_MODEL), schema=Recipe, prompt="A lasagna")
    partials = list(result.partial_object_stream)
    _check_recipe(emu, result.object)
    _check_partials(partials, result.object)


async def test_generate_object_async_reports_invalid_json(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    emu.chat.reply_text('{"title": "x"')
    with pytest.raises(NoObjectGeneratedError) as caught:
        await generate_object(model=provider(CHAT_MODEL), schema=Recipe, prompt="A lasagna")
    assert caught.value.text == '{"title": "x"'

"""The text functions' keyword arguments: declared once, each checked, an unknown one rejected with the
closest valid name (both APIs, all four functions), before any request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ai_sdk import generate_object, generate_text, stream_object, stream_text
from ai_sdk import sync as blocking
from ai_sdk.core.call_arguments import OBJECT_ARGUMENTS, TEXT_ARGUMENTS, ObjectCallSettings, TextCallSettings
from ai_sdk.core.call_settings import CALL_SETTING_NAMES
from ai_sdk.core.callbacks import HOOK_SETTINGS
from ai_sdk.errors import InvalidArgumentError, UnknownArgumentError
from ai_sdk.spec import CallOptions
from ai_sdk.testing import MockLanguageModel

from .generation_helpers import text_result, text_stream_parts

FUNCTIONS: dict[str, Callable[..., Any]] = {
    "generate_text": generate_text,
    "stream_text": stream_text,
    "generate_object": generate_object,
    "stream_object": stream_object,
    "sync generate_text": blocking.generate_text,
    "sync stream_text": blocking.stream_text,
    "sync generate_object": blocking.generate_object,
    "sync stream_object": blocking.stream_object,
}


async def call(name: str, **kwargs: Any) -> Any:
    function = FUNCTIONS[name]
    extra = {"schema": {"type": "object"}} if "object" in name else {}
    outcome = function(**extra, **kwargs)
    if name.startswith("generate"):
        return await outcome
    return outcome


@pytest.mark.parametrize("name", list(FUNCTIONS))
@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("max_tokens", "max_output_tokens"),
        ("maxOutputTokens", "max_output_tokens"),
        ("temprature", "temperature"),
        ("stop", "stop_sequences"),
        ("providerOptions", "provider_options"),
    ],
)
async def test_an_unknown_argument_names_the_closest_valid_one(name: str, wrong: str, right: str) -> None:
    model = MockLanguageModel(do_generate=text_result("{}"), do_stream=text_stream_parts("{}"))
    with pytest.raises(UnknownArgumentError, match=f"unexpected keyword argument '{wrong}'; did you mean {right}\\?"):
        await call(name, model=model, prompt="Hi", **{wrong: 5})
    assert model.calls == []


@pytest.mark.parametrize("name", list(FUNCTIONS))
async def test_the_error_is_an_invalid_argument_and_a_type_error(name: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        await call(name, model=MockLanguageModel(), prompt="Hi", max_tokens=5)
    assert isinstance(caught.value, TypeError)
    assert caught.value.argument == "max_tokens"


@pytest.mark.parametrize("name", ["generate_object", "sync stream_object"])
async def test_object_functions_take_no_tools(name: str) -> None:
    with pytest.raises(UnknownArgumentError, match="'tools'"):
        await call(name, model=MockLanguageModel(), prompt="Hi", tools={})


async def test_a_name_nothing_resembles_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownArgumentError, match="it takes active_tools, context, frequency_penalty, headers"):
        await generate_text(model=MockLanguageModel(), prompt="Hi", zzz=1)  # type: ignore[call-arg]


def test_every_setting_is_declared_once_and_reaches_the_call_options() -> None:
    # each model-call setting of the TypedDict is checked and is a CallOptions field of the same name
    assert CALL_SETTING_NAMES <= OBJECT_ARGUMENTS <= TEXT_ARGUMENTS
    assert set(CallOptions.__dataclass_fields__) >= CALL_SETTING_NAMES
    assert {"prompt", "system", "messages", "max_retries", "telemetry"} == OBJECT_ARGUMENTS - CALL_SETTING_NAMES
    assert {"tools", "tool_choice", "stop_when"} | HOOK_SETTINGS == TEXT_ARGUMENTS - OBJECT_ARGUMENTS
    assert set(TextCallSettings.__annotations__) >= set(ObjectCallSettings.__annotations__)


def test_settings_are_forwarded_to_every_step() -> None:
    model = MockLanguageModel(do_generate=text_result("ok"))
    blocking.generate_text(
        model=model, prompt="Hi", temperature=0.5, top_k=3, stop_sequences=["x"], seed=7, timeout=2.5
    )
    options = model.calls[0]
    assert (options.temperature, options.top_k, options.stop_sequences, options.seed, options.timeout) == (
        0.5,
        3,
        ("x",),
        7,
        2.5,
    )
    assert options.max_output_tokens is None

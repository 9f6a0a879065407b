"""default_settings_middleware: defaults fill what a call leaves unset; the call's own settings win;
provider options and headers merge."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk import Timeout, default_settings_middleware, wrap_language_model
from ai_sdk.errors import InvalidArgumentError
from ai_sdk.spec import FinishReason, GenerateResult, Text
from ai_sdk.testing import MockLanguageModel

from .helpers import USAGE, do_stream, finish, text_and_reasoning


def mock() -> MockLanguageModel:
    return MockLanguageModel(
        do_generate=GenerateResult(content=[Text("ok")], finish_reason=FinishReason("stop", "stop"), usage=USAGE),
        do_stream=[finish()],
    )


DEFAULTS: Any = {
    "temperature": 0.2,
    "max_output_tokens": 100,
    "provider_options": {"deepinfra": {"min_p": 0.05, "repetition_penalty": 1.1}},
    "headers": {"x-team": "search", "x-env": "prod"},
}


async def test_unset_settings_take_the_defaults_and_set_ones_win(mode: str) -> None:
    inner = mock()
    model = wrap_language_model(model=inner, middleware=default_settings_middleware(settings=DEFAULTS))
    await text_and_reasoning(mode, False, model=model, prompt="Hi")
    await text_and_reasoning(
        mode,
        False,
        model=model,
        prompt="Hi",
        temperature=0.9,
        headers={"x-env": "dev"},
        provider_options={"deepinfra": {"min_p": 0.2}, "other": {"k": 1}},
    )
    first, second = inner.calls
    assert (first.temperature, first.max_output_tokens) == (0.2, 100)
    assert first.provider_options == {"deepinfra": {"min_p": 0.05, "repetition_penalty": 1.1}}
    assert first.headers is not None
    assert first.headers["x-team"] == "search"
    assert (second.temperature, second.max_output_tokens) == (0.9, 100)
    assert second.provider_options == {"deepinfra": {"min_p": 0.2, "repetition_penalty": 1.1}, "other": {"k": 1}}
    assert second.headers is not None
    assert (second.headers["x-team"], second.headers["x-env"]) == ("search", "dev")


async def test_streams_get_the_defaults_too(mode: str) -> None:
    inner = mock()
    model = wrap_language_model(model=inner, middleware=default_settings_middleware(settings={"seed": 42}))
    await do_stream(mode, model)
    assert inner.calls[0].seed == 42


def test_unknown_settings_are_rejected_with_the_valid_names() -> None:
    with pytest.raises(InvalidArgumentError, match=r"unknown settings \['temprature'\].*'temperature'"):
        default_settings_middleware(settings={"temprature": 0.1})  # type: ignore[typeddict-unknown-key]
    with pytest.raises(InvalidArgumentError, match="settings must be a dict"):
        default_settings_middleware(settings=[("temperature", 0.1)])  # type: ignore[arg-type]


async def test_a_default_timeout_bounds_each_model_call(mode: str) -> None:
    # The core hands every model call a running deadline (which the transport honours over
    # CallOptions.timeout), so a default timeout must narrow that deadline, never widen it.
    inner = mock()
    model = wrap_language_model(model=inner, middleware=default_settings_middleware(settings={"timeout": 5}))
    await text_and_reasoning(mode, False, model=model, prompt="Hi")
    await text_and_reasoning(mode, False, model=model, prompt="Hi", timeout=1)
    await text_and_reasoning(mode, True, model=model, prompt="Hi")
    defaulted, own, streamed = inner.calls
    for options, seconds in ((defaulted, 5.0), (own, 1.0), (streamed, 5.0)):
        assert options.timeout == seconds
        assert options.deadline is not None
        remaining = options.deadline.remaining()
        assert remaining is not None
        assert remaining <= seconds


@pytest.mark.parametrize("timeout", [0, -1, float("nan"), "30", Timeout(total=5)])
def test_a_default_timeout_must_be_seconds(timeout: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="timeout"):
        default_settings_middleware(settings={"timeout": timeout})

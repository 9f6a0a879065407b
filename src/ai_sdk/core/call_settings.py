"""Checking the settings users pass to the core functions, before any request is made.

A wrong type or range fails here, at the call site, with an :class:`~ai_sdk.errors.InvalidArgumentError`
naming the argument and what to pass, instead of a confusing HTTP 422 later. Valid settings become a
:class:`CallSettings` that stamps out the spec's :class:`~ai_sdk.spec.CallOptions` for each step.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..spec.errors import InvalidArgumentError
from ..spec.language_model import CallOptions, FunctionTool, LanguageModel, Message, ResponseFormat, ToolChoice
from ..spec.shared import ProviderOptions

__all__ = [
    "CallSettings",
    "prepare_call_settings",
    "validate_headers",
    "validate_language_model",
    "validate_provider_options",
    "validate_timeout",
]


@dataclass(slots=True)
class CallSettings:
    """Validated per-call settings shared by every step of a generation (an internal record built on
    every call: not frozen, because a frozen dataclass costs about four times as much to build)."""

    max_output_tokens: int | None = None
    temperature: float | None = None
    top_p: float | None = None
    top_k: int | None = None
    presence_penalty: float | None = None
    frequency_penalty: float | None = None
    stop_sequences: tuple[str, ...] | None = None
    seed: int | None = None
    headers: Mapping[str, str | None] | None = None
    timeout: float | None = None
    provider_options: ProviderOptions | None = None

    def call_options(
        self,
        prompt: Sequence[Message],
        *,
        tools: Sequence[FunctionTool] | None = None,
        tool_choice: ToolChoice | None = None,
        response_format: ResponseFormat | None = None,
    ) -> CallOptions:
        """The options of one model call with these settings."""
        return CallOptions(
            prompt=prompt,
            max_output_tokens=self.max_output_tokens,
            temperature=self.temperature,
            stop_sequences=self.stop_sequences,
            top_p=self.top_p,
            top_k=self.top_k,
            presence_penalty=self.presence_penalty,
            frequency_penalty=self.frequency_penalty,
            seed=self.seed,
            response_format=response_format,
            tools=tools,
            tool_choice=tool_choice,
            headers=self.headers,
            provider_options=self.provider_options,
            timeout=self.timeout,
        )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(name: str, value: object, *, example: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidArgumentError(
            f"must be a finite number such as {example}, got {value!r}", argument=name, value=value
        )
    return value


def _positive_int(name: str, value: object, *, example: str) -> int | None:
    if value is None:
        return None
    if not _is_int(value) or value < 1:  # type: ignore[operator]
        raise InvalidArgumentError(f"must be an int >= 1 such as {example}, got {value!r}", argument=name, value=value)
    return value  # type: ignore[return-value]


def _stop_sequences(value: object) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Sequence) or not all(isinstance(s, str) for s in value):
        raise InvalidArgumentError(
            f"must be a list of strings such as ['\\n\\n', 'END'], got {value!r}",
            argument="stop_sequences",
            value=value,
        )
    return tuple(value)


def validate_headers(value: object) -> Mapping[str, str | None] | None:
    """Headers must map names to string values (``None`` removes a header the provider would send)."""
    if value is None:
        return None
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in value.items()
    ):
        raise InvalidArgumentError(
            f"must map header names to string values, such as {{'x-request-id': 'abc'}}, got {value!r}",
            argument="headers",
            value=value,
        )
    return value


def validate_timeout(value: object) -> float | None:
    """A timeout is a number of seconds greater than zero."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise InvalidArgumentError(
            f"must be a number of seconds > 0 such as 30.0, got {value!r}", argument="timeout", value=value
        )
    return float(value)


def validate_provider_options(value: object) -> ProviderOptions | None:
    """Provider options are keyed by provider, e.g. ``{"deepinfra": {"top_k": 40}}``."""
    if value is None:
        return None
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, Mapping) for k, v in value.items()
    ):
        raise InvalidArgumentError(
            f"must map a provider name to its settings, such as {{'deepinfra': {{'top_k': 40}}}}, got {value!r}",
            argument="provider_options",
            value=value,
        )
    return value


_MODEL_TYPES: set[type] = set()
"""Classes already seen to implement LanguageModel (the runtime protocol check is slow)."""


def validate_language_model(model: object) -> LanguageModel:
    """Reject anything that is not a language model, pointing at how to make one."""
    if type(model) in _MODEL_TYPES:
        return model  # type: ignore[return-value]
    if isinstance(model, LanguageModel):
        _MODEL_TYPES.add(type(model))
        return model
    if isinstance(model, str):
        hint = f"pass a model object such as deepinfra({model!r}) (from ai_sdk.deepinfra import deepinfra)"
    else:
        hint = (
            "pass a model such as deepinfra('meta-llama/Meta-Llama-3.1-8B-Instruct') "
            f"(from ai_sdk.deepinfra import deepinfra); got {type(model).__name__}"
        )
    raise InvalidArgumentError(hint, argument="model", value=model)


def prepare_call_settings(
    *,
    max_output_tokens: Any = None,
    temperature: Any = None,
    top_p: Any = None,
    top_k: Any = None,
    presence_penalty: Any = None,
    frequency_penalty: Any = None,
    stop_sequences: Any = None,
    seed: Any = None,
    headers: Any = None,
    timeout: Any = None,
    provider_options: Any = None,
) -> CallSettings:
    """Check every setting and return them as :class:`CallSettings` (``None`` means "not sent")."""
    if (
        max_output_tokens is None
        and temperature is None
        and top_p is None
        and top_k is None
        and presence_penalty is None
        and frequency_penalty is None
        and stop_sequences is None
        and seed is None
        and headers is None
        and timeout is None
        and provider_options is None
    ):
        return CallSettings()  # the common call: nothing to check
    if seed is not None and not _is_int(seed):
        raise InvalidArgumentError(f"must be an int such as 42, got {seed!r}", argument="seed", value=seed)
    return CallSettings(
        max_output_tokens=_positive_int("max_output_tokens", max_output_tokens, example="1024"),
        temperature=_number("temperature", temperature, example="0.7"),
        top_p=_number("top_p", top_p, example="0.9"),
        top_k=_positive_int("top_k", top_k, example="40"),
        presence_penalty=_number("presence_penalty", presence_penalty, example="0.5"),
        frequency_penalty=_number("frequency_penalty", frequency_penalty, example="0.5"),
        stop_sequences=_stop_sequences(stop_sequences),
        seed=seed,
        headers=validate_headers(headers),
        timeout=validate_timeout(timeout),
        provider_options=validate_provider_options(provider_options),
    )

"""Checking the settings users pass to the core functions, before any request is made.

A wrong type or range fails here, at the call site, with an :class:`~ai_sdk.errors.InvalidArgumentError`
naming the argument and what to pass, instead of a confusing HTTP 422 later. Valid settings become
keyword arguments of :class:`~ai_sdk.spec.CallOptions`, shared by every step of a generation.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from ..spec.deadline import Deadline, as_timeout
from ..spec.errors import InvalidArgumentError, UnknownArgumentError
from ..spec.language_model import LanguageModel
from ..spec.shared import ProviderOptions

__all__ = [
    "check_arguments",
    "CALL_SETTING_NAMES",
    "prepare_call_settings",
    "validate_headers",
    "validate_language_model",
    "validate_provider_options",
    "validate_timeout",
]


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
    """A timeout is a finite number of seconds greater than zero (the call's total), or a
    :class:`~ai_sdk.Timeout`; the total in seconds, or ``None`` when the call sets none."""
    if value is None:
        return None
    return as_timeout(value).total


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


def _seed(value: object) -> int | None:
    if value is not None and not _is_int(value):
        raise InvalidArgumentError(f"must be an int such as 42, got {value!r}", argument="seed", value=value)
    return value  # type: ignore[return-value]


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "max_output_tokens": lambda value: _positive_int("max_output_tokens", value, example="1024"),
    "temperature": lambda value: _number("temperature", value, example="0.7"),
    "top_p": lambda value: _number("top_p", value, example="0.9"),
    "top_k": lambda value: _positive_int("top_k", value, example="40"),
    "presence_penalty": lambda value: _number("presence_penalty", value, example="0.5"),
    "frequency_penalty": lambda value: _number("frequency_penalty", value, example="0.5"),
    "stop_sequences": _stop_sequences,
    "seed": _seed,
    "headers": validate_headers,
    "timeout": validate_timeout,
    "provider_options": validate_provider_options,
}
"""How each model-call setting is checked; its key is the :class:`~ai_sdk.spec.CallOptions` field it sets."""

CALL_SETTING_NAMES: frozenset[str] = frozenset(_CHECKS)


def prepare_call_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The model-call settings among ``settings``, checked, as keyword arguments of
    :class:`~ai_sdk.spec.CallOptions` (a setting left out or ``None`` is not sent)."""
    checked: dict[str, Any] = {}
    for name in settings.keys() & CALL_SETTING_NAMES:
        value = _CHECKS[name](settings[name])
        if value is not None:
            checked[name] = value
    # The call's deadline starts now and spans every step, retry and tool; each model call gets it
    # narrowed to its step (Deadline.for_step), and the transport and the retry loop honour it.
    checked["deadline"] = Deadline.start(settings.get("timeout"))
    return checked


_ALIASES = {"stop": "stop_sequences", "response_format": "output", "max_steps": "stop_when"}
"""Names from other APIs whose closest spelling here is not the right argument."""


def check_arguments(given: Collection[str], valid: frozenset[str], function: str) -> None:
    """Reject a keyword argument ``function`` does not take, naming the closest valid one."""
    if valid.issuperset(given):
        return
    unknown = sorted(name for name in given if name not in valid)
    name = unknown[0]
    snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()
    match = _ALIASES.get(snake) or (snake if snake in valid else None)
    if match is None:
        close = difflib.get_close_matches(snake, sorted(valid), n=1, cutoff=0.6)
        match = close[0] if close else None
    hint = f"; did you mean {match}?" if match else f"; it takes {', '.join(sorted(valid))}"
    raise UnknownArgumentError(f"{function}() got an unexpected keyword argument {name!r}{hint}", argument=name)

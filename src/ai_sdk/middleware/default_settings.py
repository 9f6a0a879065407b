"""Default call settings for a model: values the call leaves unset are taken from the defaults.

Settings the call sets win. ``provider_options`` merge per provider (a call's ``{"deepinfra":
{"min_p": 0.1}}`` keeps a default ``repetition_penalty`` under the same provider) and ``headers``
merge by name. A default ``timeout`` bounds each model request (seconds, each retry afresh) of a call that
sets no ``timeout`` of its own.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, TypedDict

from ..spec.deadline import Deadline, is_seconds
from ..spec.errors import InvalidArgumentError
from ..spec.language_model import CallOptions, FunctionTool, LanguageModel, ResponseFormat, ToolChoice
from ..spec.shared import ProviderOptions
from .language_model import CallType, LanguageModelMiddleware

__all__ = ["DefaultSettings", "default_settings_middleware"]


class DefaultSettings(TypedDict, total=False):
    """The call settings :func:`default_settings_middleware` can default (all optional)."""

    max_output_tokens: int
    temperature: float
    stop_sequences: Sequence[str]
    top_p: float
    top_k: int
    presence_penalty: float
    frequency_penalty: float
    seed: int
    response_format: ResponseFormat
    tools: Sequence[FunctionTool]
    tool_choice: ToolChoice
    headers: Mapping[str, str | None]
    provider_options: ProviderOptions
    timeout: float


_NAMES = frozenset(DefaultSettings.__annotations__)


def _merge_provider_options(default: ProviderOptions, given: ProviderOptions | None) -> ProviderOptions:
    merged: dict[str, dict[str, Any]] = {name: dict(options) for name, options in default.items()}
    for name, options in (given or {}).items():
        merged.setdefault(name, {}).update(options)
    return merged


class _DefaultSettings(LanguageModelMiddleware):
    def __init__(self, settings: dict[str, Any]) -> None:
        self._settings = settings

    def __repr__(self) -> str:
        return f"default_settings_middleware(settings={sorted(self._settings)})"

    def transform_params_sync(self, *, type: CallType, params: CallOptions, model: LanguageModel) -> CallOptions:
        changes: dict[str, Any] = {}
        for name, value in self._settings.items():
            given = getattr(params, name)
            if name == "provider_options":
                changes[name] = _merge_provider_options(value, given)
            elif name == "headers":
                changes[name] = {**value, **(given or {})}
            elif given is None:
                changes[name] = value
        if "timeout" in changes and params.deadline is not None:
            # A call made through the core carries a running deadline, which the model honours
            # instead of ``timeout``: the default must narrow it to be kept at all.
            changes["deadline"] = _within(params.deadline, changes["timeout"])
        return replace(params, **changes) if changes else params


def _within(deadline: Deadline, seconds: float) -> Deadline:
    """``deadline``, or one ending ``seconds`` from now when that comes first (keeping its limits)."""
    ends_at = time.monotonic() + seconds
    if deadline.ends_at is not None and deadline.ends_at <= ends_at:
        return deadline
    return Deadline(ends_at=ends_at, limit="step", seconds=seconds, chunk=deadline.chunk, connect=deadline.connect)


def default_settings_middleware(*, settings: DefaultSettings) -> LanguageModelMiddleware:
    """Middleware giving every call these settings unless the call sets them itself, e.g.
    ``default_settings_middleware(settings={"temperature": 0.2, "provider_options": {"deepinfra":
    {"min_p": 0.05}}})``."""
    if not isinstance(settings, Mapping):
        raise InvalidArgumentError("settings must be a dict of call settings", argument="settings", value=settings)
    unknown = sorted(set(settings) - _NAMES)
    if unknown:
        raise InvalidArgumentError(
            f"unknown settings {unknown}; the settings that can be defaulted are {sorted(_NAMES)}",
            argument="settings",
            value=dict(settings),
        )
    timeout = settings.get("timeout")
    if timeout is not None and not is_seconds(timeout):
        raise InvalidArgumentError(
            f"a default timeout is the seconds each model request may take, a finite number > 0 such as 30.0 "
            f"(a Timeout(...) goes to the call's timeout=); got {timeout!r}",
            argument="timeout",
            value=timeout,
        )
    return _DefaultSettings({name: value for name, value in settings.items() if value is not None})

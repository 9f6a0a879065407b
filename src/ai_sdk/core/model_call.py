"""One call to a non-language model, the steps that the core's one-call functions share.

``embed``, ``embed_many``, ``generate_image``, ``rerank``, ``transcribe``, ``generate_speech`` and
``stream_speech`` (and their blocking twins) each check their own arguments and build their own options
and result. What they all do is written once here: the settings every one of them takes
(:class:`ModelCallSettings`) and their checks, unknown settings named with the closest, the model-kind
check, the call's deadline, observing the model for telemetry, and calling the model through the retry
loop so that one deadline bounds the call, every retry and every wait between retries.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Generic, TypedDict, TypeVar

from ..spec import (
    EmbedOptions,
    ImageCallOptions,
    InvalidArgumentError,
    ProviderOptions,
    RerankOptions,
    SpeechOptions,
    TranscriptionOptions,
)
from ..spec.deadline import Deadline, Timeout
from ..spec.telemetry import Telemetry, resolve_telemetry
from .call_settings import check_arguments, validate_headers, validate_provider_options
from .retry import retry_async, retry_sync, validate_max_retries

__all__ = ["ModelCall", "ModelCallSettings", "OneCallFunction"]

M = TypeVar("M")
R = TypeVar("R")
Opts = TypeVar("Opts", EmbedOptions, ImageCallOptions, RerankOptions, TranscriptionOptions, SpeechOptions)
"""The options of one model call: each has ``headers``, ``provider_options``, ``timeout`` and ``deadline``."""


class ModelCallSettings(TypedDict, total=False):
    """The settings every one-call function takes: ``max_retries`` (retries of a retryable failure,
    default 2), ``headers`` (extra HTTP headers; a ``None`` value removes one the provider would send),
    ``provider_options`` (keyed by provider, e.g. ``{"deepinfra": {...}}``), ``timeout`` (seconds for
    the whole call, retries included, or a :class:`~ai_sdk.Timeout` whose ``step`` bounds each model call)
    and ``telemetry`` (``ai_sdk.telemetry.TelemetrySettings(...)``; default: the process-wide one, if any)."""

    max_retries: int
    headers: Mapping[str, str | None] | None
    provider_options: ProviderOptions | None
    timeout: float | Timeout | None
    telemetry: Telemetry | None


@dataclass(frozen=True, slots=True)
class ModelCall(Generic[M]):
    """A call with its shared settings checked: the model to call (wrapped by telemetry when the call is
    observed), the retry count, the headers and provider options, the ``timeout`` the caller set (the
    total in seconds, ``None`` when not set, as :class:`~ai_sdk.spec.CallOptions` has it) and the
    deadline started with the call."""

    model: M
    max_retries: int
    headers: Mapping[str, str | None] | None
    provider_options: ProviderOptions | None
    timeout: float | None
    deadline: Deadline

    async def run(self, method: Callable[[Opts], Awaitable[R]], options: Opts) -> R:
        """``method(options)``, with the options given the deadline of one model call starting now (the
        ``step`` limit within the total), retried ``max_retries`` times within that deadline."""
        step = self.deadline.for_step()
        return await retry_async(
            partial(method, replace(options, deadline=step)), max_retries=self.max_retries, deadline=step
        )

    def run_sync(self, method: Callable[[Opts], R], options: Opts) -> R:
        """The blocking twin of :meth:`run`."""
        step = self.deadline.for_step()
        return retry_sync(partial(method, replace(options, deadline=step)), max_retries=self.max_retries, deadline=step)


@dataclass(frozen=True, slots=True)
class OneCallFunction:
    """What the shared steps know of one function: its ``name`` (in errors, and for telemetry), the
    ``model_kind`` it takes, the message for anything else (``{got}`` is replaced by the given object's
    type name) and the names of its settings."""

    name: str
    model_kind: type
    wrong_model: str
    settings: frozenset[str]

    def start(self, model: M, settings: Mapping[str, Any]) -> ModelCall[M]:
        """Check the settings every function shares (and reject unknown ones) and the model's kind, start
        the call's deadline, and observe the model when the call has telemetry."""
        check_arguments(settings, self.settings, self.name)
        if not isinstance(model, self.model_kind):
            raise InvalidArgumentError(self.wrong_model.format(got=type(model).__name__), argument="model", value=model)
        max_retries = settings.get("max_retries", 2)
        validate_max_retries(max_retries)
        headers = validate_headers(settings.get("headers"))
        provider_options = validate_provider_options(settings.get("provider_options"))
        timeout = settings.get("timeout")
        deadline = Deadline.start(timeout)
        total = None if timeout is None else deadline.seconds
        return ModelCall(self._observed(model, settings), max_retries, headers, provider_options, total, deadline)

    def _observed(self, model: M, settings: Mapping[str, Any]) -> M:
        """``model``, wrapped by the call's telemetry (or the process-wide default) when there is one.
        The one place a one-call function observes its model."""
        telemetry = resolve_telemetry(settings.get("telemetry"))
        if telemetry is None:
            return model
        return telemetry.wrap_model(model, function=self.name)  # type: ignore[arg-type,type-var]


def setting_names(settings: type) -> frozenset[str]:
    """The names of a settings ``TypedDict``'s keys, its bases' included."""
    return frozenset(settings.__required_keys__ | settings.__optional_keys__)  # type: ignore[attr-defined]

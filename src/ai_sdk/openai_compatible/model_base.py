"""What every model of a configured provider has in common: its id, the provider's config, the
properties the spec's model protocols read, and the request headers of a call."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

from ..http.headers import combine_headers
from ..spec.deadline import Deadline
from ..spec.language_model import ResponseInfo
from .config import ModelConfig

__all__ = ["ConfiguredModel"]


class _TimedOptions(Protocol):
    @property
    def timeout(self) -> float | None: ...
    @property
    def deadline(self) -> Deadline | None: ...


class ConfiguredModel:
    """Base of the OpenAI-compatible models (and of providers' own models built on a
    :class:`ModelConfig`), so the protocol properties and header merging are written once."""

    __slots__ = ("_config", "_model_id")

    def __init__(self, model_id: str, config: ModelConfig) -> None:
        self._model_id = model_id
        self._config = config

    @property
    def specification_version(self) -> Literal["v3"]:
        return "v3"

    @property
    def provider(self) -> str:
        return self._config.provider

    @property
    def model_id(self) -> str:
        return self._model_id

    @property
    def config(self) -> ModelConfig:
        """The provider's configuration (base URL, headers, transports), for the provider's companion
        APIs that serve the same model (DeepInfra's Batch API)."""
        return self._config

    @staticmethod
    def _deadline(options: _TimedOptions) -> Deadline:
        """The call's deadline, or one for this model call alone (``timeout`` seconds, else the default
        total) when the caller passed none: no request is ever unbounded."""
        deadline = options.deadline
        return deadline if deadline is not None else Deadline.start(options.timeout)

    def _bounded(self, options: _TimedOptions, headers: dict[str, str], **payload: Any) -> dict[str, Any]:
        """The send arguments of a call that keeps to its deadline and retries a 2xx answer that broke
        off in the body only when the provider allows it (``retry_broken_bodies``)."""
        return {
            "headers": headers,
            **payload,
            "deadline": self._deadline(options),
            "retry_broken_bodies": self._config.retry_broken_bodies,
        }

    def _response_info(self, headers: Mapping[str, str], body: Any = None) -> ResponseInfo:
        """What a model without a response id reports about an answer: its model id, now, the headers."""
        return ResponseInfo(model_id=self._model_id, timestamp=datetime.now(UTC), headers=headers, body=body)

    def _headers(self, call_headers: Mapping[str, str | None] | None) -> dict[str, str]:
        """The provider's headers (authorization included) overridden by the call's own."""
        return combine_headers(self._config.headers(), call_headers)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._model_id!r}, provider={self._config.provider!r})"

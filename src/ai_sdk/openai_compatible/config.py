"""What a provider hands each of its models: where to send requests, how to authenticate, and which
HTTP transports to use. Built once per provider; cheap to share between models."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..http.provider_transports import Transports

__all__ = ["ModelConfig"]


@dataclass(frozen=True, slots=True)
class ModelConfig:
    provider: str
    """Provider id of the model kind, e.g. ``"deepinfra.chat"``."""
    base_url: str
    """URL prefix without a trailing slash, e.g. ``"https://api.deepinfra.com/v1/openai"``."""
    headers: Callable[[], dict[str, str]]
    """Called at request time: authorization (the lazily loaded API key), provider headers and the
    user-agent, lower-cased. Raises :class:`ai_sdk.spec.LoadAPIKeyError` when no key can be found."""
    transports: Transports
    """The blocking and async transports (injected by the user, or the defaults, created lazily)."""
    retry_broken_bodies: bool = False
    """Whether a POST whose 2xx answer broke off in the body may be retried (the work may be billed twice)."""

    def url(self, path: str) -> str:
        """``base_url`` joined with ``path`` (which starts with ``/``)."""
        return self.base_url + path

    def __repr__(self) -> str:
        return f"ModelConfig(provider={self.provider!r}, base_url={self.base_url!r})"

"""The seam between the core and telemetry: what the core calls, never how spans are made.

The core imports only the spec, and OpenTelemetry is an optional extra, so the core knows telemetry
only through these protocols. A call's ``telemetry=`` setting (or, without one, the process-wide
default that :func:`set_default_telemetry` installs; ``ai_sdk.telemetry.enable_telemetry`` does so)
is a :class:`Telemetry`; the core asks it to observe a generation or to wrap the model of a one-call
function (embeddings, images, reranking, transcription, speech), and reports how the generation
ended. With neither a setting nor a default, the core does nothing more than one lookup per call.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Protocol, TypeAlias, TypeVar, runtime_checkable

from .embedding_model import EmbeddingModel
from .errors import InvalidArgumentError
from .image_model import ImageModel
from .language_model import LanguageModel, Message
from .reranking_model import RerankingModel
from .speech_model import SpeechModel
from .transcription_model import TranscriptionModel

__all__ = [
    "GenerationTelemetry",
    "ModelFunction",
    "Telemetry",
    "get_default_telemetry",
    "model_base_url",
    "resolve_telemetry",
    "set_default_telemetry",
]


ModelFunction: TypeAlias = Literal[
    "embed", "embed_many", "generate_image", "rerank", "transcribe", "generate_speech", "stream_speech"
]
"""The one-call functions whose model a :class:`Telemetry` wraps."""

M = TypeVar("M", EmbeddingModel, ImageModel, RerankingModel, TranscriptionModel, SpeechModel)


class GenerationTelemetry(Protocol):
    """Observes one generation: the core calls the model and tools it hands back, then reports the end."""

    @property
    def model(self) -> LanguageModel:
        """The model to call instead of the given one (it observes each step)."""
        ...

    @property
    def tools(self) -> Mapping[str, Any]:
        """The tools to run instead of the given ones (they observe each execution)."""
        ...

    def finished(self, steps: Sequence[Any]) -> None:
        """The generation ended normally with these steps."""
        ...

    def failed(self, error: BaseException) -> None:
        """The generation ended with ``error``."""
        ...

    def aborted(self) -> None:
        """The generation's stream was closed or cancelled before its end."""
        ...


@runtime_checkable
class Telemetry(Protocol):
    """A ``telemetry=`` setting: decides per call whether and how to observe it (``None``: not)."""

    def start_generation(
        self,
        *,
        function: str,
        model: LanguageModel,
        tools: Mapping[str, Any],
        prompt: Sequence[Message],
        settings: Mapping[str, Any],
    ) -> GenerationTelemetry | None:
        """Start observing a ``generate_text`` / ``stream_text`` / ... call (``function`` names it)."""
        ...

    def wrap_model(self, model: M, *, function: ModelFunction) -> M:
        """The model to call instead of ``model`` in a one-call function (``function`` names it): it
        observes each of its calls."""
        ...


def model_base_url(model: object) -> str | None:
    """The URL prefix ``model`` sends its requests to, when it tells (for ``server.address`` on spans).

    A model may say it with an optional ``base_url`` attribute (``str``); the OpenAI-compatible and
    DeepInfra models say it through their provider configuration, ``config.base_url``.
    """
    url = getattr(model, "base_url", None)
    if url is None:
        url = getattr(getattr(model, "config", None), "base_url", None)
    return url if isinstance(url, str) else None


_default: Telemetry | None = None


def set_default_telemetry(telemetry: Telemetry | None) -> None:
    """Observe every call without a ``telemetry=`` setting with ``telemetry`` (``None``: none)."""
    global _default
    if telemetry is not None and not isinstance(telemetry, Telemetry):
        raise InvalidArgumentError(
            "pass an ai_sdk.telemetry.TelemetrySettings(...) or None", argument="telemetry", value=telemetry
        )
    _default = telemetry


def get_default_telemetry() -> Telemetry | None:
    """The process-wide default set by :func:`set_default_telemetry`."""
    return _default


_checked_types: set[type] = set()
"""Types already seen to implement :class:`Telemetry` (a protocol ``isinstance`` check is slow)."""


def resolve_telemetry(setting: object) -> Telemetry | None:
    """The telemetry for a call: its ``telemetry=`` setting, else the process-wide default."""
    if setting is None:
        return _default
    if type(setting) in _checked_types:
        return setting  # type: ignore[return-value]
    if not isinstance(setting, Telemetry):
        raise InvalidArgumentError(
            "telemetry must be an ai_sdk.telemetry.TelemetrySettings(...) (pip install 'ai-sdk[otel]'), "
            f"got {type(setting).__name__}",
            argument="telemetry",
            value=setting,
        )
    _checked_types.add(type(setting))
    return setting

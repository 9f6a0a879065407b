"""A row's work run against a stand-in model: the core does everything it does for a real call (checks
every setting, builds the prompt, the tools and the options) and stops where it would send the request.

Two users: the Batch API records each row's call this way (its options become the batch line) and
replays the batch's answers through the same stand-in; and every job makes one such dry run of its
own settings before its first row (:func:`dry_run` / :func:`dry_run_sync`), so a setting the core
rejects fails the job at once instead of when the first row runs. A dry run is invisible: it sends
nothing and leaves no telemetry span (a ``prepare_step`` hook, called before each model call, is the
one piece of user code it reaches).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, Literal, Protocol

from ..spec import CallOptions, EmbedOptions, EmbedResult, GenerateResult, UnsupportedFunctionalityError
from ..spec.telemetry import M, ModelFunction, Telemetry, resolve_telemetry
from .rows import Row, RowResult

__all__ = ["Recorded", "StandIn", "StandInWork", "dry_run", "dry_run_sync", "with_model"]


class StandInWork(Protocol):
    """What a stand-in run needs of the job's work (the runner's text, object and embedding work
    objects are frozen dataclasses with these members)."""

    @property
    def model(self) -> Any: ...

    @property
    def kind(self) -> str: ...

    @property
    def settings(self) -> Mapping[str, Any]: ...

    async def run(self, row: Row) -> RowResult: ...

    def run_sync(self, row: Row) -> RowResult: ...


class Recorded(BaseException):
    """Raised by the recording model where the core would send a request; carries the call's options.
    A BaseException so that no ``except Exception`` on the way turns it into a row error."""

    def __init__(self, options: CallOptions | EmbedOptions) -> None:
        super().__init__()
        self.options = options


_ONE_CALL = "the Batch API runs one model call per row; this row needed another (a tool loop): use mode='realtime'"


class StandIn:
    """A model that looks like the real one to the core (same provider, id and limits) but never
    talks to the network: it records the call (``answer is None``) or replays the batch's answer."""

    __slots__ = ("_answer", "_calls", "_model")

    def __init__(self, model: Any, answer: Callable[[], Any] | None = None) -> None:
        self._model = model
        self._answer = answer
        self._calls = 0

    @property
    def specification_version(self) -> Literal["v3"]:
        return "v3"

    @property
    def provider(self) -> str:
        return str(getattr(self._model, "provider", ""))  # a dry run may hold anything: the core checks it later

    @property
    def model_id(self) -> str:
        return str(getattr(self._model, "model_id", ""))

    @property
    def max_embeddings_per_call(self) -> int | None:
        return 1  # one value per row: one line per row

    @property
    def supports_parallel_calls(self) -> bool:
        return False

    def _call(self, options: CallOptions | EmbedOptions) -> Any:
        if self._answer is None:
            raise Recorded(options)
        self._calls += 1
        if self._calls > 1:
            raise UnsupportedFunctionalityError("tool loops in the Batch API", _ONE_CALL)
        return self._answer()

    def do_generate_sync(self, options: CallOptions) -> GenerateResult:
        return self._call(options)  # type: ignore[no-any-return]

    async def do_generate(self, options: CallOptions) -> GenerateResult:
        return self._call(options)  # type: ignore[no-any-return]

    def do_embed_sync(self, options: EmbedOptions) -> EmbedResult:
        return self._call(options)  # type: ignore[no-any-return]

    async def do_embed(self, options: EmbedOptions) -> EmbedResult:
        return self._call(options)  # type: ignore[no-any-return]

    def do_stream_sync(self, options: CallOptions) -> Any:
        raise UnsupportedFunctionalityError("streaming", "the Batch API does not stream")

    async def do_stream(self, options: CallOptions) -> Any:
        raise UnsupportedFunctionalityError("streaming", "the Batch API does not stream")


def with_model(work: StandInWork, model: Any) -> StandInWork:
    """``work`` calling ``model`` instead of its own."""
    return replace(work, model=model)  # type: ignore[type-var]


class _Unobserved:
    """Telemetry that observes nothing: a dry run must leave no span behind."""

    def start_generation(self, **_: Any) -> None:
        return None

    def wrap_model(self, model: M, *, function: ModelFunction) -> M:
        return model


_UNOBSERVED: Telemetry = _Unobserved()
_PROBES = {"embedding": Row(id="dry-run", value="dry run"), "text": Row(id="dry-run", prompt="dry run")}


def _dry(work: StandInWork) -> tuple[StandInWork, Row]:
    """The job's work against a recording stand-in, unobserved, and a row it can run. (The stand-in
    passes the core's model check: the real model is checked when the first row runs, and a wrong one
    fails the job there, before any request.)"""
    settings = work.settings
    if settings.get("telemetry") is not None:
        resolve_telemetry(settings["telemetry"])  # checked here, since the dry run replaces it
    dry = replace(work, model=StandIn(work.model), settings={**settings, "telemetry": _UNOBSERVED})  # type: ignore[type-var]
    return dry, _PROBES.get(work.kind, _PROBES["text"])


async def dry_run(work: StandInWork) -> None:
    """Run ``work`` once, up to the request it would send, raising what the core raises for its
    settings (async: the async API's own checks, such as async tools being allowed)."""
    dry, row = _dry(work)
    with contextlib.suppress(Recorded):
        await dry.run(row)


def dry_run_sync(work: StandInWork) -> None:
    """The blocking twin of :func:`dry_run` (the blocking API's checks: no async tools or callbacks)."""
    dry, row = _dry(work)
    with contextlib.suppress(Recorded):
        dry.run_sync(row)

"""The keyword arguments of the bulk functions, declared once.

Each bulk function takes ``model`` and ``rows`` (and ``schema``) explicitly and everything else as
``**settings: Unpack[...]``: the job's options (:class:`BulkOptions`, the same for all six) plus the
call settings of the core function each row runs, typed by the core's own declarations
(:class:`~ai_sdk.core.call_arguments.TextCallSettings`, :class:`~ai_sdk.core.generate_object.ObjectSettings`).
So a type checker rejects a misspelt or ill-typed setting in user code, and :func:`split_settings`
rejects a misspelt one at run time, naming the closest, when the job is created.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal, TypedDict

from ..core.call_arguments import TextCallSettings
from ..core.call_settings import check_arguments
from ..core.generate_object import ObjectSettings, OutputKind
from ..spec.deadline import Timeout
from ..spec.errors import InvalidArgumentError
from ..spec.shared import ProviderOptions
from ..spec.telemetry import Telemetry
from .progress import ProgressCallback

__all__ = [
    "BulkEmbedSettings",
    "BulkMode",
    "BulkObjectSettings",
    "BulkOptions",
    "BulkTextSettings",
    "EmbedCallSettings",
    "split_settings",
]

BulkMode = Literal["realtime", "batch-api"]
"""How a bulk job runs: ``"realtime"`` (concurrent API calls, results within seconds) or
``"batch-api"`` (DeepInfra's Batch API: 20% cheaper, results within 24 hours)."""


class BulkOptions(TypedDict, total=False):
    """How a bulk job runs, the same for every bulk function: ``concurrency`` (200), ``max_retries``
    (2, per row), ``ordered`` (``False``), ``budget`` (USD), ``checkpoint`` (a JSONL file), ``resume``
    (``False``), ``on_progress``, ``progress`` (``False``), ``mode`` (``"realtime"``) and
    ``poll_interval`` (10.0 seconds, Batch API jobs); each is described on the bulk functions."""

    concurrency: int
    max_retries: int
    ordered: bool
    budget: float | None
    checkpoint: str | os.PathLike[str] | None
    resume: bool
    on_progress: ProgressCallback | None
    progress: bool
    mode: BulkMode
    poll_interval: float


class EmbedCallSettings(TypedDict, total=False):
    """The call settings of ``embed`` a bulk job passes on: ``headers``, ``timeout``,
    ``provider_options`` (e.g. ``{"deepinfra": {"dimensions": 256}}``) and ``telemetry``."""

    headers: Mapping[str, str | None] | None
    timeout: float | Timeout | None
    provider_options: ProviderOptions | None
    telemetry: Telemetry | None


class BulkTextSettings(BulkOptions, TextCallSettings, total=False):
    """``bulk_generate_text``'s settings: the job's options and ``generate_text``'s call settings
    (``system``, ``temperature``, ``tools``, ...; the prompt or messages come from each row)."""


class BulkObjectSettings(BulkOptions, ObjectSettings, total=False):
    """``bulk_generate_object``'s settings: the job's options and ``generate_object``'s (``output``,
    ``schema_name``, ``system``, ...; the prompt or messages come from each row)."""

    output: OutputKind


class BulkEmbedSettings(BulkOptions, EmbedCallSettings, total=False):
    """``bulk_embed``'s settings: the job's options, ``rows_per_request`` (the most rows one request
    embeds; default: the model's ``max_embeddings_per_call``) and ``embed``'s call settings."""

    rows_per_request: int | None


_ROW_CONTENT = frozenset({"prompt", "messages"})
"""What each text or object row brings itself: never a job's setting."""

JOB_OPTIONS: frozenset[str] = frozenset(BulkOptions.__optional_keys__) | {"rows_per_request"}
TEXT_SETTINGS: frozenset[str] = frozenset(BulkTextSettings.__optional_keys__) - _ROW_CONTENT
OBJECT_SETTINGS: frozenset[str] = frozenset(BulkObjectSettings.__optional_keys__) - _ROW_CONTENT
EMBED_SETTINGS: frozenset[str] = frozenset(BulkEmbedSettings.__optional_keys__)


def split_settings(
    arguments: Mapping[str, Any], valid: frozenset[str], function: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The job's options and its call settings among a bulk function's keyword ``arguments``; one
    that is not ``valid`` (one of the names above) raises :class:`~ai_sdk.errors.UnknownArgumentError`
    naming the closest."""
    for name in _ROW_CONTENT & arguments.keys():
        raise InvalidArgumentError(
            f"{function}() takes each row's {name} from rows=, e.g. rows=[{{'id': 'a1', {name!r}: ...}}]",
            argument=name,
        )
    check_arguments(arguments.keys(), valid, function)
    options = {name: value for name, value in arguments.items() if name in JOB_OPTIONS}
    settings = {name: value for name, value in arguments.items() if name not in JOB_OPTIONS}
    return options, settings

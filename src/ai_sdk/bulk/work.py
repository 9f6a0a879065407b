"""What a bulk job does with one row: a ``generate_text``, ``generate_object`` or ``embed`` call.

Each kind of work makes exactly one attempt per call (``max_retries=0``): the runner owns the retries,
because it must see every 429 to adapt its concurrency. A work object turns the call's result into a
:class:`~.rows.RowResult`; failures propagate as exceptions for the runner to classify.

The job's settings apply to every row; a row's own settings override them. A setting the core rejects
(``InvalidArgumentError``) fails the whole job when it is the job's setting (every row would fail the
same way) and only that row when the row brought it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..spec.errors import InvalidRowError
from .rows import Row, RowResult

__all__ = ["EmbedWork", "ObjectWork", "TextWork", "Work", "WorkKind"]

WorkKind = Literal["text", "object", "embedding"]


@dataclass(frozen=True, slots=True, kw_only=True)
class TextWork:
    """``generate_text`` per row (``settings``: any of its keyword arguments but the prompt)."""

    model: Any
    settings: Mapping[str, Any] = field(default_factory=dict)
    kind: WorkKind = "text"

    def arguments(self, row: Row) -> dict[str, Any]:
        """The keyword arguments of the call for ``row``."""
        return _prompt_arguments(self.model, self.settings, row)

    async def run(self, row: Row) -> RowResult:
        """One attempt, async."""
        from ..core.generate_text import generate_text

        return _text_result(row, await generate_text(**self.arguments(row)))

    def run_sync(self, row: Row) -> RowResult:
        """One attempt, blocking."""
        from ..core.generate_text import generate_text_sync

        return _text_result(row, generate_text_sync(**self.arguments(row)))


def _prompt_arguments(model: Any, settings: Mapping[str, Any], row: Row) -> dict[str, Any]:
    if row.prompt is None and row.messages is None:
        raise InvalidRowError("this job needs 'prompt' or 'messages' in every row", row_id=row.id)
    arguments = {**settings, **row.settings, "model": model, "max_retries": 0}
    if row.prompt is not None:
        arguments["prompt"] = row.prompt
    else:
        arguments["messages"] = row.messages
    if row.system is not None:
        arguments["system"] = row.system
    return arguments


def _text_result(row: Row, result: Any) -> RowResult:
    return RowResult(
        id=row.id,
        text=result.text,
        finish_reason=result.finish_reason,
        usage=result.total_usage,
        warnings=tuple(str(warning) for warning in result.warnings),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class ObjectWork:
    """``generate_object`` per row, validated against ``schema`` (``settings``: its other keyword
    arguments, such as ``output``, ``schema_name`` or call settings)."""

    model: Any
    schema: Any
    settings: Mapping[str, Any] = field(default_factory=dict)
    kind: WorkKind = "object"

    def arguments(self, row: Row) -> dict[str, Any]:
        """The keyword arguments of the call for ``row``."""
        arguments = _prompt_arguments(self.model, self.settings, row)
        if self.schema is not None:
            arguments["schema"] = self.schema
        return arguments

    async def run(self, row: Row) -> RowResult:
        """One attempt, async."""
        from ..core.generate_object import generate_object

        return _object_result(row, await generate_object(**self.arguments(row)))

    def run_sync(self, row: Row) -> RowResult:
        """One attempt, blocking."""
        from ..core.generate_object import generate_object_sync

        return _object_result(row, generate_object_sync(**self.arguments(row)))


def _object_result(row: Row, result: Any) -> RowResult:
    return RowResult(
        id=row.id,
        object=result.object,
        finish_reason=result.finish_reason,
        usage=result.usage,
        warnings=tuple(str(warning) for warning in result.warnings),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class EmbedWork:
    """``embed`` per row: the row's ``value`` (``settings``: ``headers``, ``timeout``,
    ``provider_options``)."""

    model: Any
    settings: Mapping[str, Any] = field(default_factory=dict)
    kind: WorkKind = "embedding"

    def arguments(self, row: Row) -> dict[str, Any]:
        """The keyword arguments of the call for ``row``."""
        if row.value is None:
            raise InvalidRowError("an embedding job needs 'value' (the text to embed) in every row", row_id=row.id)
        return {**self.settings, **row.settings, "model": self.model, "value": row.value, "max_retries": 0}

    async def run(self, row: Row) -> RowResult:
        """One attempt, async."""
        from ..core.embed import embed

        return _embed_result(row, await embed(**self.arguments(row)))

    def run_sync(self, row: Row) -> RowResult:
        """One attempt, blocking."""
        from ..core.embed import embed_sync

        return _embed_result(row, embed_sync(**self.arguments(row)))


def _embed_result(row: Row, result: Any) -> RowResult:
    from ..spec.shared import Usage

    tokens = result.usage.tokens if result.usage is not None else None
    return RowResult(
        id=row.id,
        embedding=result.embedding,
        usage=Usage(input_tokens=tokens, total_tokens=tokens, cost=_metadata_cost(result.provider_metadata)),
        warnings=tuple(str(warning) for warning in result.warnings),
    )


def _metadata_cost(metadata: Mapping[str, Mapping[str, Any]] | None) -> float | None:
    """A provider-reported price in the call's metadata (``estimated_cost`` or ``cost``, in USD)."""
    for values in (metadata or {}).values():
        for key in ("estimated_cost", "cost"):
            cost = values.get(key)
            if isinstance(cost, int | float) and not isinstance(cost, bool):
                return float(cost)
    return None


Work = TextWork | ObjectWork | EmbedWork
"""The kinds of per-row work a bulk job can do."""

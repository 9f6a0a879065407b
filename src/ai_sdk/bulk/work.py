"""What a bulk job does with one row: a ``generate_text``, ``generate_object`` or ``embed`` call.

Each kind of work makes exactly one attempt per call (``max_retries=0``): the runner owns the retries,
because it must see every 429 to adapt its concurrency. A work object turns the call's result into a
:class:`~.rows.RowResult`; failures propagate as exceptions for the runner to classify.

The job's settings apply to every row; a row's own settings override them. A setting the core rejects
(``InvalidArgumentError``) fails the whole job when it is the job's setting (every row would fail the
same way) and only that row when the row brought it.

Embedding work can also pack several rows into one ``embed_many`` request (up to the model's
``max_embeddings_per_call`` values): the request's usage is split evenly over its rows (token counts
as whole numbers, the first rows taking the remainder; the cost in equal shares), because the API
reports it only for the whole request.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..spec.errors import InvalidRowError
from .rows import Row, RowResult

__all__ = ["EmbedWork", "ObjectWork", "TextWork", "Work", "WorkKind"]

UNLIMITED_PACK = 2048
"""Rows per embedding request when the model states no ``max_embeddings_per_call``."""

WorkKind = Literal["text", "object", "embedding"]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Work(ABC):
    """What every kind of work shares: the model, the job's settings, and one attempt as a call of the
    kind's core function (imported when first run: ``import ai_sdk.bulk`` stays cheap)."""

    model: Any
    settings: Mapping[str, Any] = field(default_factory=dict)

    @abstractmethod
    def arguments(self, row: Row) -> dict[str, Any]:
        """The keyword arguments of the call for ``row``."""

    @abstractmethod
    def _functions(self) -> tuple[Callable[..., Awaitable[Any]], Callable[..., Any]]:
        """The core function of this kind of work and its blocking twin."""

    @abstractmethod
    def _result(self, row: Row, result: Any) -> RowResult:
        """The row's result from the call's."""

    async def run(self, row: Row) -> RowResult:
        """One attempt, async."""
        return self._result(row, await self._functions()[0](**self.arguments(row)))

    def run_sync(self, row: Row) -> RowResult:
        """One attempt, blocking."""
        return self._result(row, self._functions()[1](**self.arguments(row)))

    def pack_size(self, rows_per_request: int | None) -> int:
        """Rows per request: one (only embedding requests carry several)."""
        return 1


def _row_result(row: Row, result: Any, **values: Any) -> RowResult:
    return RowResult(id=row.id, warnings=tuple(str(warning) for warning in result.warnings), **values)


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


@dataclass(frozen=True, slots=True, kw_only=True)
class TextWork(_Work):
    """``generate_text`` per row (``settings``: any of its keyword arguments but the prompt)."""

    kind: WorkKind = "text"

    def arguments(self, row: Row) -> dict[str, Any]:
        """The keyword arguments of the call for ``row``."""
        return _prompt_arguments(self.model, self.settings, row)

    def _functions(self) -> tuple[Callable[..., Awaitable[Any]], Callable[..., Any]]:
        from ..core.generate_text import generate_text, generate_text_sync

        return generate_text, generate_text_sync

    def _result(self, row: Row, result: Any) -> RowResult:
        return _row_result(row, result, text=result.text, finish_reason=result.finish_reason, usage=result.total_usage)


@dataclass(frozen=True, slots=True, kw_only=True)
class ObjectWork(_Work):
    """``generate_object`` per row, validated against ``schema`` (``settings``: its other keyword
    arguments, such as ``output``, ``schema_name`` or call settings)."""

    schema: Any
    kind: WorkKind = "object"

    def arguments(self, row: Row) -> dict[str, Any]:
        """The keyword arguments of the call for ``row``."""
        arguments = _prompt_arguments(self.model, self.settings, row)
        if self.schema is not None:
            arguments["schema"] = self.schema
        return arguments

    def _functions(self) -> tuple[Callable[..., Awaitable[Any]], Callable[..., Any]]:
        from ..core.generate_object import generate_object, generate_object_sync

        return generate_object, generate_object_sync

    def _result(self, row: Row, result: Any) -> RowResult:
        return _row_result(row, result, object=result.object, finish_reason=result.finish_reason, usage=result.usage)


@dataclass(frozen=True, slots=True, kw_only=True)
class EmbedWork(_Work):
    """``embed`` per row: the row's ``value`` (``settings``: ``headers``, ``timeout``,
    ``provider_options``)."""

    kind: WorkKind = "embedding"

    def arguments(self, row: Row) -> dict[str, Any]:
        """The keyword arguments of the call for ``row``."""
        if row.value is None:
            raise InvalidRowError("an embedding job needs 'value' (the text to embed) in every row", row_id=row.id)
        return {**self.settings, **row.settings, "model": self.model, "value": row.value, "max_retries": 0}

    def _functions(self) -> tuple[Callable[..., Awaitable[Any]], Callable[..., Any]]:
        from ..core.embed import embed, embed_sync

        return embed, embed_sync

    def _result(self, row: Row, result: Any) -> RowResult:
        from ..spec.shared import Usage

        tokens = result.usage.tokens if result.usage is not None else None
        usage = Usage(input_tokens=tokens, total_tokens=tokens, cost=_metadata_cost(result.provider_metadata))
        return _row_result(row, result, embedding=result.embedding, usage=usage)

    def pack_size(self, rows_per_request: int | None) -> int:
        """Rows per request: the model's ``max_embeddings_per_call`` (:data:`UNLIMITED_PACK` when it
        states none), or ``rows_per_request`` when smaller."""
        limit = getattr(self.model, "max_embeddings_per_call", None)
        size = limit if isinstance(limit, int) and limit >= 1 else UNLIMITED_PACK
        return size if rows_per_request is None else min(size, rows_per_request)

    @staticmethod
    def packs_with(first: Row, row: Row) -> bool:
        """Whether ``row`` may share ``first``'s request: it has a value and the same settings (a row
        without a value goes alone, to fail alone)."""
        return row.value is not None and first.value is not None and row.settings == first.settings

    def pack_arguments(self, rows: Sequence[Row]) -> dict[str, Any]:
        """The keyword arguments of the ``embed_many`` call for ``rows`` (which pack together)."""
        values = [row.value for row in rows]
        return {**self.settings, **rows[0].settings, "model": self.model, "values": values, "max_retries": 0}

    async def run_pack(self, rows: Sequence[Row]) -> list[RowResult]:
        """One request for several rows, async: their results in their order."""
        from ..core.embed import embed_many
        from ..spec.errors import EmbeddingChunkError

        try:
            return self._pack_results(rows, await embed_many(**self.pack_arguments(rows)))
        except EmbeddingChunkError as error:  # the request's own error, as a one-row request raises it
            raise error.cause or error from None

    def run_pack_sync(self, rows: Sequence[Row]) -> list[RowResult]:
        """One request for several rows, blocking: their results in their order."""
        from ..core.embed import embed_many_sync
        from ..spec.errors import EmbeddingChunkError

        try:
            return self._pack_results(rows, embed_many_sync(**self.pack_arguments(rows)))
        except EmbeddingChunkError as error:
            raise error.cause or error from None

    def _pack_results(self, rows: Sequence[Row], result: Any) -> list[RowResult]:
        from ..spec.shared import Usage

        count = len(rows)
        tokens = result.usage.tokens if result.usage is not None else None
        cost = _metadata_cost(result.provider_metadata)
        share = None if cost is None else cost / count
        results = []
        for position, (row, embedding) in enumerate(zip(rows, result.embeddings, strict=True)):
            row_tokens = None if tokens is None else tokens // count + (position < tokens % count)
            usage = Usage(input_tokens=row_tokens, total_tokens=row_tokens, cost=share)
            results.append(_row_result(row, result, embedding=embedding, usage=usage))
        return results


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

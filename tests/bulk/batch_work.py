"""Stand-ins for the bulk runner's work objects (text, object, embedding), with the interface
:func:`ai_sdk.bulk.batch_api.run_batch_api` relies on: frozen dataclasses with a ``model``, ``run`` and
``run_sync`` that make one call through the public API and return a RowResult."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ai_sdk import embed, generate_object, generate_text
from ai_sdk.bulk.rows import Row, RowResult
from ai_sdk.errors import InvalidRowError
from ai_sdk.spec import Usage
from ai_sdk.sync import embed as embed_sync
from ai_sdk.sync import generate_object as generate_object_sync
from ai_sdk.sync import generate_text as generate_text_sync


def _prompt(model: Any, settings: Mapping[str, Any], row: Row) -> dict[str, Any]:
    if row.prompt is None and row.messages is None:
        raise InvalidRowError("this job needs 'prompt' or 'messages' in every row", row_id=row.id)
    arguments = {**settings, **row.settings, "model": model, "max_retries": 0}
    arguments["prompt" if row.prompt is not None else "messages"] = row.prompt or row.messages
    if row.system is not None:
        arguments["system"] = row.system
    return arguments


def _text(row: Row, result: Any) -> RowResult:
    warnings = tuple(str(w) for w in result.warnings)
    return RowResult(
        id=row.id, text=result.text, finish_reason=result.finish_reason, usage=result.total_usage, warnings=warnings
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class TextWork:
    model: Any
    settings: Mapping[str, Any] = field(default_factory=dict)

    async def run(self, row: Row) -> RowResult:
        return _text(row, await generate_text(**_prompt(self.model, self.settings, row)))

    def run_sync(self, row: Row) -> RowResult:
        return _text(row, generate_text_sync(**_prompt(self.model, self.settings, row)))


def _object(row: Row, result: Any) -> RowResult:
    return RowResult(id=row.id, object=result.object, finish_reason=result.finish_reason, usage=result.usage)


@dataclass(frozen=True, slots=True, kw_only=True)
class ObjectWork:
    model: Any
    schema: Any

    async def run(self, row: Row) -> RowResult:
        return _object(row, await generate_object(schema=self.schema, **_prompt(self.model, {}, row)))

    def run_sync(self, row: Row) -> RowResult:
        return _object(row, generate_object_sync(schema=self.schema, **_prompt(self.model, {}, row)))


def _embedding(row: Row, result: Any) -> RowResult:
    tokens = result.usage.tokens if result.usage is not None else None
    return RowResult(id=row.id, embedding=result.embedding, usage=Usage(input_tokens=tokens, total_tokens=tokens))


@dataclass(frozen=True, slots=True, kw_only=True)
class EmbedWork:
    model: Any

    def _value(self, row: Row) -> str:
        if row.value is None:
            raise InvalidRowError("an embedding job needs 'value' in every row", row_id=row.id)
        return row.value

    async def run(self, row: Row) -> RowResult:
        return _embedding(row, await embed(model=self.model, value=self._value(row), max_retries=0))

    def run_sync(self, row: Row) -> RowResult:
        return _embedding(row, embed_sync(model=self.model, value=self._value(row), max_retries=0))

"""Callable classes for Ray Data's ``Dataset.map_batches``: generate text, generate objects or embed
for every row of a dataset, adding columns for the outputs, usage, cost and error.

Each actor builds its DeepInfra provider once (one HTTP connection pool per actor) and runs the rows of
a batch concurrently, every request holding a slot of one :mod:`~.budget` shared by all actors, so the
job as a whole stays within DeepInfra's per-model concurrency cap. A row that fails gets its error in the
``error`` column (the call's own retries, with DeepInfra's ``retry-after``, come first); the job goes on.

    ds.map_batches(
        GenerateTextUDF,
        fn_constructor_kwargs={"model": "meta-llama/Meta-Llama-3.1-8B-Instruct", "max_concurrency": 200},
        concurrency=8, batch_size=64,
    )

Batches come as Ray Data's default ``dict`` of numpy arrays, or as pandas DataFrames
(``batch_format="pandas"``); the answer has the same form, the input columns plus the new ones.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypedDict, Unpack

from ..core.call_settings import check_arguments
from ..core.embed import embed_many
from ..core.generate_object import generate_object
from ..core.generate_text import generate_text
from ..deepinfra import create_deepinfra
from ..spec import AISDKError, InvalidArgumentError, Usage
from .budget import DEFAULT_BUDGET_NAME, budget_actor

__all__ = ["EmbedUDF", "GenerateObjectUDF", "GenerateTextUDF", "PromptUDFOptions", "UDFOptions"]

Columns = dict[str, list[Any]]


class UDFOptions(TypedDict, total=False):
    """The options every UDF takes besides ``model``, declared once: ``max_concurrency`` (200): requests
    in flight across ALL actors sharing ``budget`` (a name, default ``"ai_sdk.concurrency"``);
    ``provider``: keyword arguments of ``create_deepinfra`` (``base_url``, ``api_key``, ``headers``);
    ``max_retries`` (2): per request; ``settings``: other keyword arguments of the call."""

    max_concurrency: int
    budget: str
    provider: Mapping[str, Any] | None
    max_retries: int
    settings: Mapping[str, Any] | None


class PromptUDFOptions(UDFOptions, total=False):
    """:class:`UDFOptions` plus the text and object UDFs' own: ``prompt_column`` (``"prompt"``), the
    column of the prompts, and ``system``, the system prompt of every row."""

    prompt_column: str
    system: str | None


class _UDF:
    """What the three UDFs share: the provider, the budget, reading columns, running the rows' calls
    concurrently within the budget and writing their results (an error as a row's ``error``)."""

    _output_columns: tuple[str, ...] = ()
    _options: frozenset[str] = frozenset(UDFOptions.__optional_keys__)
    """The keyword arguments the UDF takes besides ``model`` (an unknown one is named with the closest)."""

    def __init__(self, *, model: str, **options: Unpack[UDFOptions]) -> None:
        check_arguments(options.keys(), self._options, type(self).__name__)
        if not isinstance(model, str) or not model:
            raise InvalidArgumentError("model must be a DeepInfra model id", argument="model", value=model)
        self._provider = create_deepinfra(**dict(options.get("provider") or {}))
        self._model_id = model
        self._budget = budget_actor(options.get("budget", DEFAULT_BUDGET_NAME), options.get("max_concurrency", 200))
        self._max_retries = options.get("max_retries", 2)
        self._settings = dict(options.get("settings") or {})

    async def _within_budget(self, call: Callable[[], Awaitable[Any]]) -> Any:
        await self._budget.acquire.remote()
        try:
            return await call()
        finally:
            await self._budget.release.remote()

    async def _columns(self, units: Sequence[list[Any]], one: Callable[[list[Any]], Awaitable[Columns]]) -> Columns:
        """``one(unit)`` for every unit of values (a request's worth: a row, or a chunk of rows),
        concurrently, each within the budget; the column lists in row order."""
        answers = await asyncio.gather(*(self._guarded(one, unit) for unit in units))
        columns: Columns = {name: [] for name in self._output_columns}
        for answer in answers:
            for name in self._output_columns:
                columns[name].extend(answer[name])
        return columns

    async def _guarded(self, one: Callable[[list[Any]], Awaitable[Columns]], unit: list[Any]) -> Columns:
        try:
            columns: Columns = await self._within_budget(lambda: one(unit))
        except AISDKError as error:
            columns = {name: [None] * len(unit) for name in self._output_columns}
            usage = getattr(error, "usage", None)
            if isinstance(usage, Usage) and "cost" in columns:  # an unusable answer was billed all the same
                columns.update(_usage_columns(usage), finish_reason=[getattr(error, "finish_reason", None)])
            columns["error"] = [f"{type(error).__name__}: {error.message}"] * len(unit)
        return columns

    def _column(self, batch: Any, name: str) -> list[Any]:
        try:
            values = batch[name]
        except KeyError:
            raise InvalidArgumentError(
                f"the batch has no column {name!r} (it has {sorted(batch.keys())}); name the right one with the "
                "UDF's column argument",
                argument="column",
                value=name,
            ) from None
        return [value.item() if hasattr(value, "item") else value for value in list(values)]

    @staticmethod
    def _answer(batch: Any, columns: Columns) -> Any:
        import numpy as np

        if hasattr(batch, "assign"):  # a pandas DataFrame
            return batch.assign(**columns)
        out = dict(batch)
        for name, values in columns.items():
            array = np.empty(len(values), dtype=object)
            array[:] = values
            out[name] = array
        return out


def _usage_columns(usage: Usage) -> Columns:
    return {
        "input_tokens": [usage.input_tokens],
        "output_tokens": [usage.output_tokens],
        "cost": [usage.cost],
        "error": [None],
    }


class _PromptUDF(_UDF, ABC):
    """What the text and object UDFs share: a chat model, one call per row of the prompt column."""

    _options = frozenset(PromptUDFOptions.__optional_keys__)

    def __init__(
        self, *, model: str, prompt_column: str = "prompt", system: str | None = None, **options: Unpack[UDFOptions]
    ) -> None:
        super().__init__(model=model, **options)
        self._chat = self._provider(model)
        self._prompt_column = prompt_column
        self._system = system

    @abstractmethod
    async def _one(self, prompts: list[Any]) -> Columns:
        """The columns of one row's call (``prompts`` holds its prompt)."""

    async def __call__(self, batch: Any) -> Any:
        """The batch with the new columns."""
        rows = [[prompt] for prompt in self._column(batch, self._prompt_column)]
        return self._answer(batch, await self._columns(rows, self._one))


class GenerateTextUDF(_PromptUDF):
    """``generate_text`` per row of ``prompt_column`` (default ``"prompt"``): adds ``text``,
    ``finish_reason``, ``input_tokens``, ``output_tokens``, ``cost`` (USD) and ``error``.

    ``model``: the DeepInfra model id; ``max_concurrency``: requests in flight across ALL actors sharing
    ``budget`` (a name); ``provider``: keyword arguments of ``create_deepinfra`` (``base_url``,
    ``api_key``, ``headers``); ``system``; ``settings``: other ``generate_text`` arguments
    (``temperature``, ``max_output_tokens``, ...); ``max_retries``: per request.
    """

    _output_columns = ("text", "finish_reason", "input_tokens", "output_tokens", "cost", "error")

    async def _one(self, prompts: list[Any]) -> Columns:
        result = await generate_text(
            model=self._chat, prompt=prompts[0], system=self._system, max_retries=self._max_retries, **self._settings
        )
        return {"text": [result.text], "finish_reason": [result.finish_reason], **_usage_columns(result.total_usage)}


class GenerateObjectUDF(_PromptUDF):
    """``generate_object`` per row, validated against ``schema`` (a pydantic model or a JSON schema):
    adds ``object`` (the object as plain JSON: a dict), ``finish_reason``, ``input_tokens``,
    ``output_tokens``, ``cost`` and ``error`` (a row whose answer does not fit the schema gets its
    validation error there). Other arguments as for :class:`GenerateTextUDF`."""

    _output_columns = ("object", "finish_reason", "input_tokens", "output_tokens", "cost", "error")
    _options = _PromptUDF._options | {"schema"}

    def __init__(self, *, model: str, schema: Any, **options: Unpack[PromptUDFOptions]) -> None:
        super().__init__(model=model, **options)
        self._schema = schema

    async def _one(self, prompts: list[Any]) -> Columns:
        result = await generate_object(
            model=self._chat,
            schema=self._schema,
            prompt=prompts[0],
            system=self._system,
            max_retries=self._max_retries,
            **self._settings,
        )
        value = result.object
        dump = getattr(value, "model_dump", None)
        plain = dump(mode="json") if callable(dump) else value
        return {"object": [plain], "finish_reason": [result.finish_reason], **_usage_columns(result.usage)}


class EmbedUDF(_UDF):
    """Embeddings of ``column`` (default ``"text"``): adds ``embedding`` (a list of floats),
    ``input_tokens`` and ``error``. ``values_per_call`` values go in one request (one budget slot); each
    row's ``input_tokens`` is its share of that request's tokens. ``settings`` may hold
    ``provider_options`` (e.g. ``{"deepinfra": {"dimensions": 256}}``), ``headers``, ``timeout``."""

    _output_columns = ("embedding", "input_tokens", "error")
    _options = frozenset(UDFOptions.__optional_keys__) | {"column", "values_per_call"}

    def __init__(
        self, *, model: str, column: str = "text", values_per_call: int = 32, **options: Unpack[UDFOptions]
    ) -> None:
        super().__init__(model=model, **options)
        if type(values_per_call) is not int or not 1 <= values_per_call <= 2048:
            raise InvalidArgumentError(
                "values_per_call must be an integer from 1 to 2048", argument="values_per_call", value=values_per_call
            )
        self._embedding = self._provider.embedding_model(model)
        self._text_column = column
        self._values_per_call = values_per_call

    async def _chunk(self, values: list[str]) -> Columns:
        result = await embed_many(model=self._embedding, values=values, max_retries=self._max_retries, **self._settings)
        tokens = result.usage.tokens
        share = None if tokens is None else tokens / len(values)
        return {"embedding": result.embeddings, "input_tokens": [share] * len(values), "error": [None] * len(values)}

    async def __call__(self, batch: Any) -> Any:
        """The batch with the new columns."""
        texts = self._column(batch, self._text_column)
        size = self._values_per_call
        chunks = [texts[start : start + size] for start in range(0, len(texts), size)]
        return self._answer(batch, await self._columns(chunks, self._chunk))

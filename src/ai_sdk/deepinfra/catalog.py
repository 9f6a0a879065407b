"""DeepInfra's model catalog: every model with its type, context length, output limit, prices, tags,
deprecation and replacement, as typed records.

Two public lists are merged: ``GET {base}/openai/models`` (per model: context length, max output
tokens, prices in USD per million tokens including cached input, tags such as ``vision``, ``tools``,
``json``, ``reasoning``) and ``GET {root}/models/list`` (per model: type, deprecation time, the model
that replaces it, the pricing of models not billed per token). A model found in only one list keeps
what that list says; when ``/models/list`` is not served (a proxy, an older emulator: HTTP 404) the
catalog has the first list alone.

Parsing is pure (:func:`parse_catalog`); :class:`~ai_sdk.deepinfra.DeepInfraProvider` fetches, caches
and consults it (see ``DeepInfraProvider.models``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, overload

from ..spec import CallWarning

__all__ = ["DeepInfraModelInfo", "ModelCatalog", "parse_catalog"]

_TOKEN_PRICING = ("tokens", "input_tokens")
_CAPABILITY_TAGS = {"tools": "tools", "response_format": "json", "images": "vision"}


@dataclass(frozen=True, slots=True, kw_only=True)
class DeepInfraModelInfo:
    """One model of DeepInfra's catalog. Prices are USD per million tokens (``None`` when the model is
    not billed per token: see ``pricing`` for its own unit, e.g. ``cents_per_sec`` of audio)."""

    id: str
    type: str | None = None
    """DeepInfra's task name: ``text-generation``, ``embeddings``, ``text-to-image``, ...; ``None`` when
    only the OpenAI-compatible list knows the model."""
    description: str = ""
    context_length: int | None = None
    max_output_tokens: int | None = None
    input_price: float | None = None
    output_price: float | None = None
    cached_input_price: float | None = None
    tags: tuple[str, ...] = ()
    deprecated_at: datetime | None = None
    """When DeepInfra deprecated the model (it may stop serving it); ``None`` when it is current."""
    replaced_by: str | None = None
    """The model DeepInfra suggests instead, for a deprecated one."""
    quantization: str | None = None
    pricing: Mapping[str, Any] = field(default_factory=dict, repr=False)
    """The pricing object of ``/models/list`` as sent (its ``type`` says the unit)."""

    @property
    def deprecated(self) -> bool:
        """Whether DeepInfra marks the model deprecated."""
        return self.deprecated_at is not None

    @property
    def supports_tools(self) -> bool:
        """Tagged ``tools``: the model takes ``tools=`` (function calling)."""
        return "tools" in self.tags

    @property
    def supports_json(self) -> bool:
        """Tagged ``json``: the model takes a JSON ``response_format`` (structured output)."""
        return "json" in self.tags

    @property
    def supports_vision(self) -> bool:
        """Tagged ``vision``: the model reads images."""
        return "vision" in self.tags

    @property
    def reasons(self) -> bool:
        """Tagged ``reasoning``: the model thinks before answering."""
        return "reasoning" in self.tags


class ModelCatalog(Sequence[DeepInfraModelInfo]):
    """The models, in DeepInfra's order; look one up with ``catalog.get(model_id)`` or
    ``model_id in catalog``. ``fetched_at`` is when the lists were read."""

    __slots__ = ("_by_id", "_models", "fetched_at")

    def __init__(self, models: Sequence[DeepInfraModelInfo], *, fetched_at: datetime | None = None) -> None:
        self._models = list(models)
        self._by_id = {model.id: model for model in self._models}
        self.fetched_at = fetched_at or datetime.now(UTC)

    @overload
    def __getitem__(self, index: int) -> DeepInfraModelInfo: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[DeepInfraModelInfo]: ...
    def __getitem__(self, index: int | slice) -> DeepInfraModelInfo | Sequence[DeepInfraModelInfo]:
        return self._models[index]

    def __len__(self) -> int:
        return len(self._models)

    def __iter__(self) -> Iterator[DeepInfraModelInfo]:
        return iter(self._models)

    def __contains__(self, model_id: object) -> bool:
        return model_id in self._by_id

    def __repr__(self) -> str:
        return f"ModelCatalog({len(self._models)} models, fetched_at={self.fetched_at.isoformat()})"

    def get(self, model_id: str) -> DeepInfraModelInfo | None:
        """The model's record, or ``None`` when the catalog does not list it (a deployment, a LoRA)."""
        return self._by_id.get(model_id)

    def estimate_cost(
        self, model_id: str, *, input_tokens: int, output_tokens: int = 0, cached_input_tokens: int = 0
    ) -> float | None:
        """The price in USD of a call with these token counts (``cached_input_tokens`` of the input
        read from the prompt cache), from the catalog's per-token prices; ``None`` when the model is
        unknown or not priced per token. An estimate: DeepInfra's ``estimated_cost`` on the answer
        (``result.usage.cost``) is what is billed."""
        model = self._by_id.get(model_id)
        if model is None or model.input_price is None:
            return None
        cached = min(cached_input_tokens, input_tokens)
        cached_price = model.cached_input_price if model.cached_input_price is not None else model.input_price
        total = (input_tokens - cached) * model.input_price + cached * cached_price
        total += output_tokens * (model.output_price or 0.0)
        return total / 1_000_000

    def unsupported(
        self, model_id: str, *, tools: bool = False, response_format: bool = False, images: bool = False
    ) -> list[str]:
        """Which of the asked-for features (``tools``, ``response_format``, ``images``) the catalog
        says ``model_id`` lacks: its tags have no ``tools``, ``json`` or ``vision``. Empty for models the
        catalog does not list, and for models without any tags (nothing is known about them)."""
        model = self._by_id.get(model_id)
        if model is None or not model.tags:
            return []
        asked = {"tools": tools, "response_format": response_format, "images": images}
        return [feature for feature, wanted in asked.items() if wanted and _CAPABILITY_TAGS[feature] not in model.tags]

    def warnings_for(self, model_id: str, features: Sequence[str]) -> list[CallWarning]:
        """One warning per feature in ``features`` (from :meth:`unsupported`), saying what the catalog
        knows about ``model_id``."""
        model = self._by_id.get(model_id)
        tags = ", ".join(model.tags) if model is not None else ""
        return [
            CallWarning(
                "unsupported",
                feature=feature,
                details=f"DeepInfra's catalog does not tag {model_id} with {_CAPABILITY_TAGS[feature]!r} "
                f"(its tags: {tags}), so it was not sent",
            )
            for feature in features
        ]


def _int(value: Any) -> int | None:
    return value if type(value) is int and value > 0 else None


def _float(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _openai_entry(item: Mapping[str, Any]) -> dict[str, Any]:
    metadata = item.get("metadata")
    if not isinstance(metadata, Mapping):
        return {}
    pricing = metadata.get("pricing")
    prices = pricing if isinstance(pricing, Mapping) else {}
    tags = metadata.get("tags")
    description = metadata.get("description")
    return {
        "description": description if isinstance(description, str) else "",
        "context_length": _int(metadata.get("context_length")),
        "max_output_tokens": _int(metadata.get("max_tokens")),
        "input_price": _float(prices.get("input_tokens")),
        "output_price": _float(prices.get("output_tokens")),
        "cached_input_price": _float(prices.get("cache_read_tokens")),
        "tags": tuple(tag for tag in tags if isinstance(tag, str)) if isinstance(tags, list) else (),
    }


def _list_entry(item: Mapping[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    kind = item.get("reported_type") or item.get("type")
    if isinstance(kind, str) and kind:
        entry["type"] = kind
    pricing = item.get("pricing")
    if isinstance(pricing, Mapping):
        entry["pricing"] = dict(pricing)
        if pricing.get("type") in _TOKEN_PRICING:
            # cents per token -> USD per million tokens
            for key, name in (("cents_per_input_token", "input_price"), ("cents_per_output_token", "output_price")):
                cents = _float(pricing.get(key))
                if cents is not None:
                    entry[name] = round(cents * 10_000, 10)
    deprecated = item.get("deprecated")
    if type(deprecated) is int and deprecated > 0:
        entry["deprecated_at"] = datetime.fromtimestamp(deprecated, UTC)
    for key in ("replaced_by", "quantization"):
        value = item.get(key)
        if isinstance(value, str) and value:
            entry[key] = value
    description = item.get("description")
    if isinstance(description, str) and description:
        entry["description"] = description
    context = _int(item.get("max_tokens"))
    if context is not None:
        entry["context_length"] = context
    tags = item.get("tags")
    if isinstance(tags, list):
        entry["tags"] = tuple(tag for tag in tags if isinstance(tag, str))
    return entry


def parse_catalog(openai_models: Any, models_list: Any = None) -> ModelCatalog:
    """Merge ``/openai/models`` (``{"data": [...]}``) and ``/models/list`` (a list of ``ModelOut``, or
    ``None``): the OpenAI-compatible list's numbers win where both have one, since they are the ones
    chat calls are billed by, except per-token prices of models ``/models/list`` says are billed in other
    units (seconds of audio, characters, images). Entries without an id are skipped."""
    merged: dict[str, dict[str, Any]] = {}
    for item in models_list if isinstance(models_list, list) else ():
        if isinstance(item, Mapping) and isinstance(item.get("model_name"), str):
            merged[item["model_name"]] = _list_entry(item)
    data = openai_models.get("data") if isinstance(openai_models, Mapping) else None
    for item in data if isinstance(data, list) else ():
        if isinstance(item, Mapping) and isinstance(item.get("id"), str):
            entry = merged.setdefault(item["id"], {})
            found = {key: value for key, value in _openai_entry(item).items() if value not in (None, "", ())}
            if entry.get("pricing", {}).get("type", "tokens") not in _TOKEN_PRICING:
                # billed per second, character or image: per-token numbers would be misleading
                for key in ("input_price", "output_price", "cached_input_price"):
                    found.pop(key, None)
            entry.update(found)
    return ModelCatalog([DeepInfraModelInfo(id=model_id, **entry) for model_id, entry in merged.items()])

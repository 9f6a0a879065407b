"""The OpenAI-compatible embedding model (``POST {base}/embeddings``).

Large batches are the point of this model, so the hot path does per-vector work only: the JSON
decoder (orjson) builds each ``list[float]`` and we hand those same lists to the caller, reordered by
``index`` only when the server answered out of order. The parsed body is kept on the result as is: it
shares the vectors, so it costs no second copy.

With ``provider_options[key]["encoding_format"] = "base64"`` the server sends little-endian float32
vectors as base64 text (a quarter of the bytes of typical decimal JSON); they are decoded to the same
``list[float]`` in C.
"""

from __future__ import annotations

import sys
from array import array
from base64 import b64decode
from collections.abc import Mapping
from functools import partial
from itertools import repeat
from operator import itemgetter
from typing import Any

from ..http.json_api import JSONResponse
from ..spec import (
    CallWarning,
    EmbeddingUsage,
    EmbedOptions,
    EmbedResult,
    InvalidArgumentError,
    InvalidResponseDataError,
    ResponseInfo,
    TooManyEmbeddingValuesForCallError,
)
from .chat.metadata import MetadataExtractor
from .config import ModelConfig
from .exchange import POST_JSON, Exchange
from .model_base import ConfiguredModel
from .request_fields import misspelt_fields, provider_options_entry

__all__ = ["OpenAICompatibleEmbeddingModel", "embedding_request_body", "parse_embedding_response"]

_RESERVED = ("model", "input")
_KNOWN_FIELDS = frozenset({*_RESERVED, "dimensions", "encoding_format", "service_tier", "user"})
_ENCODINGS = ("float", "base64")


class OpenAICompatibleEmbeddingModel(ConfiguredModel):
    """A text-embedding model. ``provider_options_key`` names the ``provider_options`` entry whose keys
    (``dimensions``, ``user``, ...) are copied into the request body; ``metadata_extractor`` is the
    provider's hook for its own answer fields (DeepInfra's ``usage.estimated_cost``), which become the
    result's ``provider_metadata``."""

    __slots__ = ("_max_embeddings_per_call", "_metadata_extractor", "_provider_options_key", "_supports_parallel_calls")

    def __init__(
        self,
        model_id: str,
        config: ModelConfig,
        *,
        provider_options_key: str,
        max_embeddings_per_call: int | None = 2048,
        supports_parallel_calls: bool = True,
        metadata_extractor: MetadataExtractor | None = None,
    ) -> None:
        super().__init__(model_id, config)
        self._metadata_extractor = metadata_extractor
        self._provider_options_key = provider_options_key
        self._max_embeddings_per_call = max_embeddings_per_call
        self._supports_parallel_calls = supports_parallel_calls

    @property
    def max_embeddings_per_call(self) -> int | None:
        return self._max_embeddings_per_call

    @property
    def supports_parallel_calls(self) -> bool:
        return self._supports_parallel_calls

    def build_request(self, options: EmbedOptions) -> dict[str, Any]:
        """The body this model sends for ``options`` (what a Batch API line carries)."""
        return embedding_request_body(self._model_id, options, provider_options_key=self._provider_options_key)

    def parse_response(self, value: object, *, request: Mapping[str, Any]) -> EmbedResult:
        """An embeddings body (as answered, or as a Batch API output line holds it) as this model's result."""
        return _result(JSONResponse(value, {}, 200), request, metadata_extractor=self._metadata_extractor)

    async def do_embed(self, options: EmbedOptions) -> EmbedResult:
        return await self._embed(options).send_async(self._config.transports)

    def do_embed_sync(self, options: EmbedOptions) -> EmbedResult:
        return self._embed(options).send_sync(self._config.transports)

    def _embed(self, options: EmbedOptions) -> Exchange[EmbedResult]:
        limit = self._max_embeddings_per_call
        if limit is not None and len(options.values) > limit:
            raise TooManyEmbeddingValuesForCallError(
                provider=self.provider,
                model_id=self._model_id,
                max_embeddings_per_call=limit,
                values=options.values,
            )
        body = self.build_request(options)
        headers = self._headers(options.headers)
        # A misspelt option ("dimension") is sent, and ignored by the server: say so on the result.
        warnings = misspelt_fields(body, _KNOWN_FIELDS)
        return Exchange(
            POST_JSON,
            self._config.url("/embeddings"),
            self._bounded(options, headers, body=body),
            partial(_result, request=body, warnings=warnings, metadata_extractor=self._metadata_extractor),
        )


def _result(
    response: JSONResponse,
    request: Mapping[str, Any],
    warnings: list[CallWarning] | None = None,
    metadata_extractor: MetadataExtractor | None = None,
) -> EmbedResult:
    value = response.value
    embeddings, usage = parse_embedding_response(
        value, count=len(request["input"]), encoding_format=request["encoding_format"]
    )
    return EmbedResult(
        embeddings,
        usage,
        warnings=warnings or (),
        response=ResponseInfo(headers=response.headers, body=value),
        provider_metadata=metadata_extractor(value) if metadata_extractor is not None else None,
    )


def embedding_request_body(model_id: str, options: EmbedOptions, *, provider_options_key: str) -> dict[str, Any]:
    """``{model, input, encoding_format, ...provider options}``; provider options may set
    ``encoding_format`` (``"float"`` or ``"base64"``) but not ``model`` or ``input``."""
    values = options.values
    body: dict[str, Any] = {
        "model": model_id,
        "input": values if type(values) is list else list(values),
        "encoding_format": "float",
    }
    what = "a dict of request fields, e.g. {'dimensions': 256}"
    extra = provider_options_entry(options.provider_options, provider_options_key, what)
    for key, value in (extra or {}).items():
        if value is None:
            continue
        if key in _RESERVED:
            raise InvalidArgumentError(
                f"provider_options[{provider_options_key!r}][{key!r}] cannot be set: the model and values are "
                "given by the model and embed()/embed_many()",
                argument="provider_options",
                value=value,
            )
        if key == "dimensions" and (type(value) is not int or value < 1):
            raise InvalidArgumentError(
                f"'dimensions' must be a positive integer, got {value!r}", argument="provider_options", value=value
            )
        if key == "encoding_format" and value not in _ENCODINGS:
            raise InvalidArgumentError(
                f"'encoding_format' must be 'float' or 'base64', got {value!r}",
                argument="provider_options",
                value=value,
            )
        body[key] = value
    return body


def parse_embedding_response(
    value: Any, *, count: int, encoding_format: str = "float"
) -> tuple[list[list[float]], EmbeddingUsage | None]:
    """The vectors in input order and the usage; raises :class:`InvalidResponseDataError` when the
    answer is not a list of ``count`` embeddings."""
    data = value.get("data") if isinstance(value, dict) else None
    if not isinstance(data, list):
        raise InvalidResponseDataError("The embedding response has no 'data' list.", data=value)
    if len(data) != count:
        raise InvalidResponseDataError(
            f"The embedding response has {len(data)} embeddings for {count} values.", data=value
        )
    # C-level passes over the items (map, itemgetter): this runs once per 2,048 vectors.
    try:
        indices: list[Any] = list(map(dict.get, data, repeat("index", count)))
        in_order = list(range(count))
        if indices != in_order and indices.count(None) != count:
            if None in indices or sorted(indices) != in_order:
                raise InvalidResponseDataError(
                    "The embedding response's indices are not 0 to n-1, one each.", data=value
                )
            data = sorted(data, key=itemgetter("index"))
        embeddings = list(map(itemgetter("embedding"), data))
    except (KeyError, TypeError) as error:
        raise InvalidResponseDataError(
            f"The embedding response's 'data' items must be objects with an 'embedding': {error!r}", data=value
        ) from error
    if encoding_format == "base64":
        return _decode_all(embeddings, value), _usage(value.get("usage"))
    if count and set(map(type, embeddings)) != {list}:
        raise InvalidResponseDataError("The embedding response holds embeddings that are not lists.", data=value)
    return embeddings, _usage(value.get("usage"))


def _decode_all(embeddings: list[Any], value: Any) -> list[list[float]]:
    try:
        return [_decode_base64(embedding) for embedding in embeddings]
    except (TypeError, ValueError) as error:
        raise InvalidResponseDataError(
            f"The embedding response holds embeddings that are not base64 float32 vectors: {error}", data=value
        ) from error


def _decode_base64(text: str) -> list[float]:
    if type(text) is not str:
        raise TypeError(f"expected a base64 string, got {type(text).__name__}")
    vector = array("f", b64decode(text, validate=True))
    if sys.byteorder == "big":
        vector.byteswap()
    return vector.tolist()


def _usage(raw: Any) -> EmbeddingUsage | None:
    if not isinstance(raw, Mapping):
        return None
    tokens = raw.get("prompt_tokens")
    return EmbeddingUsage(tokens if type(tokens) is int else None)

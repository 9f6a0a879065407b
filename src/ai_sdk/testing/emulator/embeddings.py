"""``POST /openai/embeddings``: deterministic unit vectors of the model's size.

A vector is the normalised sum of one pseudo-random vector per word (seeded by a hash of the model and
the word) plus one for the whole text, so equal texts get equal vectors and texts sharing words are
measurably similar: ``cosine_similarity`` behaves plausibly in tests and demos.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import math
import re
import sys
from array import array
from collections.abc import Mapping
from typing import Any

from .catalog import embedding_dimensions
from .text import count_tokens
from .wire import Answer, json_answer

__all__ = ["embed_text", "embeddings_answer"]

_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=8192)
def _random_vector(model: str, dimensions: int, key: str) -> tuple[float, ...]:
    raw = array("H", hashlib.shake_256(f"{model}\0{key}".encode()).digest(2 * dimensions))
    return tuple(value - 32767.5 for value in raw)


def embed_text(model: str, text: str, dimensions: int) -> list[float]:
    """The unit vector of ``text`` for ``model``."""
    total = list(_random_vector(model, dimensions, "\0text\0" + text))
    for word in _WORD.findall(text.lower()):
        total = [a + b for a, b in zip(total, _random_vector(model, dimensions, word), strict=True)]
    norm = math.hypot(*total) or 1.0
    return [value / norm for value in total]


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if value and all(isinstance(item, int) for item in value):
        return [" ".join(map(str, value))]
    return [item if isinstance(item, str) else " ".join(map(str, item)) for item in value]


def _base64(vector: list[float]) -> str:
    packed = array("f", vector)
    if sys.byteorder == "big":
        packed.byteswap()  # the wire format is little-endian float32
    return base64.b64encode(packed.tobytes()).decode()


def embeddings_answer(body: Mapping[str, Any]) -> Answer:
    """The answer to a (valid) embeddings request; ``encoding_format: "base64"`` (what the openai client
    asks for) gets little-endian float32 vectors in base64."""
    model = body["model"]
    dimensions = body.get("dimensions") or embedding_dimensions(model)
    texts = _texts(body["input"])
    as_base64 = body.get("encoding_format") == "base64"
    data = []
    for index, text in enumerate(texts):
        vector = embed_text(model, text, dimensions)
        encoded: Any = _base64(vector) if as_base64 else vector
        data.append({"index": index, "object": "embedding", "embedding": encoded})
    tokens = sum(count_tokens(text) for text in texts)
    return json_answer(
        {"object": "list", "model": model, "usage": {"prompt_tokens": tokens, "total_tokens": tokens}, "data": data}
    )

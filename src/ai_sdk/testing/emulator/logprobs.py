"""Log probabilities for answers that ask for them: chat ``logprobs: true`` (with ``top_logprobs`` 0-20
alternatives per token) and completion ``logprobs: n``, in the OpenAI shapes DeepInfra sends.

Tokens are the stream's deltas (a word or punctuation run), so a streamed answer's per-chunk logprobs
join up to the whole answer's. Values are deterministic, negative, and the chosen token is always the
most likely one.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from typing import Any

__all__ = ["chat_logprobs", "completion_logprobs", "wants_chat_logprobs"]


def _logprob(token: str, rank: int) -> float:
    digest = hashlib.blake2b(token.encode(), digest_size=2).digest()
    probability = 0.55 + 0.4 * int.from_bytes(digest, "big") / 65536
    return round(math.log(probability) - rank * 1.5, 6)


def _alternatives(token: str, count: int) -> list[tuple[str, float]]:
    return [(token, _logprob(token, 0))] + [
        (f"{token.strip() or token}~{rank}", _logprob(token, rank)) for rank in range(1, count)
    ]


def wants_chat_logprobs(body: Mapping[str, Any]) -> bool:
    return body.get("logprobs") is True


def chat_logprobs(tokens: list[str], body: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One ``{token, logprob, bytes, top_logprobs}`` entry per token."""
    top = body.get("top_logprobs")
    count = top if isinstance(top, int) and not isinstance(top, bool) else 0
    return [
        {
            "token": token,
            "logprob": _logprob(token, 0),
            "bytes": list(token.encode()),
            "top_logprobs": [
                {"token": alternative, "logprob": value, "bytes": list(alternative.encode())}
                for alternative, value in _alternatives(token, count)[:count]
            ],
        }
        for token in tokens
    ]


def completion_logprobs(tokens: list[str], count: int, offset: int = 0) -> dict[str, Any]:
    """The completion shape: parallel lists, with ``count`` alternatives per token."""
    offsets: list[int] = []
    position = offset
    for token in tokens:
        offsets.append(position)
        position += len(token)
    return {
        "tokens": tokens,
        "token_logprobs": [_logprob(token, 0) for token in tokens],
        "top_logprobs": [dict(_alternatives(token, max(count, 1))[: max(count, 1)]) for token in tokens],
        "text_offset": offsets,
    }

"""Deterministic text behaviour: what the emulator says when nothing is scripted, how it counts tokens,
and how it splits a reply into stream deltas.

Everything is a pure function of the request, so the same prompt always gets the same answer (tests
can assert on it) and the answer visibly depends on the prompt (tests can tell requests apart).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from .catalog import ModelInfo

__all__ = [
    "count_tokens",
    "default_completion",
    "default_reasoning",
    "default_reply",
    "last_user_text",
    "split_deltas",
    "tool_results_reply",
    "truncate",
    "usage",
]

_TOKEN = re.compile(r"\w+|[^\w\s]")
_DELTA = re.compile(r"\s*\w+|\s*[^\w\s]+|\s+")
_SPACES = re.compile(r"\s+")
_QUOTE_LIMIT = 160


def count_tokens(text: str) -> int:
    """A stable stand-in for a tokenizer: words and punctuation marks."""
    return len(_TOKEN.findall(text))


def split_deltas(text: str) -> list[str]:
    """Split ``text`` into stream deltas (a word or a punctuation run with its leading space), which
    join back to exactly ``text``."""
    return _DELTA.findall(text)


def truncate(text: str, max_tokens: int) -> tuple[str, bool]:
    """``text`` cut after ``max_tokens`` tokens, and whether it was cut (finish reason ``length``)."""
    pieces = split_deltas(text)
    if count_tokens(text) <= max_tokens:
        return text, False
    kept: list[str] = []
    tokens = 0
    for piece in pieces:
        cost = count_tokens(piece)
        if tokens + cost > max_tokens:
            break
        kept.append(piece)
        tokens += cost
    return "".join(kept), True


def _content_text(content: Any) -> tuple[str, int]:
    """The text of a message's content and how many non-text parts (images, audio) it has."""
    if isinstance(content, str):
        return content, 0
    if not isinstance(content, Sequence):
        return "", 0
    texts: list[str] = []
    others = 0
    for part in content:
        if isinstance(part, Mapping) and part.get("type") == "text" and isinstance(part.get("text"), str):
            texts.append(part["text"])
        else:
            others += 1
    return " ".join(texts), others


def _quote(text: str) -> str:
    collapsed = _SPACES.sub(" ", text).strip()
    if len(collapsed) > _QUOTE_LIMIT:
        collapsed = collapsed[: _QUOTE_LIMIT - 1].rstrip() + "…"
    return collapsed


def last_user_text(messages: Sequence[Any]) -> tuple[str, int]:
    """The (whitespace-collapsed, shortened) text of the last user message, and its count of media parts."""
    for message in reversed(messages):
        if isinstance(message, Mapping) and message.get("role") == "user":
            text, media = _content_text(message.get("content"))
            return _quote(text), media
    return "", 0


def default_reply(model_id: str, messages: Sequence[Any]) -> str:
    """The answer when nothing is scripted: it quotes the prompt, so tests can see what was sent."""
    text, media = last_user_text(messages)
    sentences: list[str] = []
    if text:
        sentences.append(f'You said: "{text}"' + ("" if text.endswith((".", "!", "?", "…")) else "."))
    if media:
        sentences.append(f"You attached {media} file{'s' if media != 1 else ''}.")
    if not sentences:
        sentences.append("Hello! How can I help you today?")
    sentences.append(f"This reply comes from the DeepInfra emulator, standing in for {model_id}.")
    return " ".join(sentences)


def default_reasoning(messages: Sequence[Any]) -> str:
    """The thinking a reasoning model streams before its answer."""
    text, _ = last_user_text(messages)
    subject = f'"{text}"' if text else "a greeting"
    return f"The user wrote {subject}. I should answer briefly and quote it back."


def tool_results_reply(messages: Sequence[Any]) -> str:
    """The answer after tool results: it reports each result of the last round of tool calls."""
    names: dict[str, str] = {}
    for message in messages:
        if isinstance(message, Mapping) and message.get("role") == "assistant":
            for call in message.get("tool_calls") or ():
                if isinstance(call, Mapping) and isinstance(call.get("function"), Mapping):
                    names[str(call.get("id"))] = str(call["function"].get("name"))
    results: list[str] = []
    for message in reversed(messages):
        if not isinstance(message, Mapping) or message.get("role") != "tool":
            break
        content, _ = _content_text(message.get("content"))
        name = names.get(str(message.get("tool_call_id")), "the tool")
        results.append(f"{name} returned {_quote(content)}")
    if not results:
        return "The tools returned nothing."
    return "Here is what I found: " + "; ".join(reversed(results)) + "."


def default_completion(prompt: str) -> str:
    """The continuation of a raw completion prompt."""
    quoted = _quote(prompt)
    return f' ... and so the text that began with "{quoted}" continues, courtesy of the DeepInfra emulator.'


def _prompt_tokens(messages: Sequence[Any]) -> int:
    total = 0
    for message in messages:
        total += 4  # role and separators, as chat templates add
        if isinstance(message, Mapping):
            text, media = _content_text(message.get("content"))
            total += count_tokens(text) + 85 * media
            if message.get("tool_calls"):
                total += count_tokens(json.dumps(message["tool_calls"]))
    return total


def usage(
    model: ModelInfo,
    *,
    prompt: Sequence[Any] | str,
    completion_tokens: int,
    reasoning_tokens: int = 0,
) -> dict[str, Any]:
    """A DeepInfra usage object: token counts plus ``estimated_cost`` in USD from the model's prices."""
    prompt_tokens = count_tokens(prompt) if isinstance(prompt, str) else _prompt_tokens(prompt)
    output_tokens = completion_tokens + reasoning_tokens
    cost = (prompt_tokens * model.input_price + output_tokens * model.output_price) / 1_000_000
    value: dict[str, Any] = {
        "prompt_tokens": prompt_tokens,
        "total_tokens": prompt_tokens + output_tokens,
        "completion_tokens": output_tokens,
        "estimated_cost": float(f"{cost:.4g}"),
    }
    if reasoning_tokens:
        value["completion_tokens_details"] = {"reasoning_tokens": reasoning_tokens}
    return value

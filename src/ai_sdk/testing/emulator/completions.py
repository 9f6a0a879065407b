"""``POST /openai/completions``: raw text completion, as one JSON body or as an SSE stream shaped like
the chat stream (``usage`` null on every chunk but the finish chunk, then ``[DONE]``); with
``logprobs: n``, each token's log probability and ``n`` alternatives."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from .catalog import model_info
from .chat import apply_limits
from .faults import stream_answer
from .logprobs import completion_logprobs
from .replies import Reply
from .text import count_tokens, default_completion, split_deltas, usage
from .wire import DONE_FRAME, Answer, json_answer, make_id, sse_frame

__all__ = ["completion_answer"]


def _chunk(
    head: Mapping[str, Any], text: str, finish: str | None, used: Mapping[str, Any] | None, logprobs: Any = None
) -> bytes:
    choice = {"index": 0, "text": text, "logprobs": logprobs, "finish_reason": finish}
    return sse_frame({**head, "choices": [choice], "usage": dict(used) if used is not None else None})


def _prompt_text(prompt: Any) -> str:
    if isinstance(prompt, str):
        return prompt
    if isinstance(prompt, list) and all(isinstance(p, str) for p in prompt):
        return "\n".join(prompt)
    return ""


def completion_answer(
    body: Mapping[str, Any], reply: Reply | None, *, seed: str, created: int, chunk_delay: float
) -> Answer:
    """The answer to a (valid) completion request."""
    prompt = _prompt_text(body["prompt"])
    if reply is None or reply.text is None:
        text, finish = apply_limits(default_completion(prompt), body)
    else:
        text, finish = reply.text, "stop"
    if reply is not None and reply.finish_reason is not None:
        finish = reply.finish_reason
    info = model_info(body["model"])
    used: Mapping[str, Any] = (
        reply.usage
        if reply is not None and reply.usage is not None
        else usage(info, prompt=prompt, completion_tokens=count_tokens(text))
    )
    head = {"id": make_id("cmpl-", seed), "object": "text_completion", "created": created, "model": body["model"]}
    count = body.get("logprobs")
    top = count if isinstance(count, int) and not isinstance(count, bool) else None
    pieces = split_deltas(text)
    if not body.get("stream"):
        logprobs = completion_logprobs(pieces, top) if top is not None else None
        choice = {"index": 0, "text": text, "logprobs": logprobs, "finish_reason": finish}
        answer = json_answer({**head, "choices": [choice], "usage": dict(used)})
        return answer if reply is None else replace(answer, delay=reply.delay)
    offsets = [sum(len(piece) for piece in pieces[:index]) for index in range(len(pieces))]
    frames = [
        _chunk(head, piece, None, None, completion_logprobs([piece], top, offset) if top is not None else None)
        for piece, offset in zip(pieces, offsets, strict=True)
    ]
    frames += [_chunk(head, "", finish, used), DONE_FRAME]
    return stream_answer(frames, reply, chunk_delay=chunk_delay)

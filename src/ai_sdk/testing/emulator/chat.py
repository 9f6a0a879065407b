"""``POST /openai/chat/completions``: decide the answer's content, then render it as one JSON body or as
DeepInfra's SSE stream.

Default content, in order of precedence: tool calls (when tools are offered, ``tool_choice`` is not
``"none"`` and the last message is the user's: the tool named by ``tool_choice``, else the first tool
whose name the user's text mentions, else the first tool, with arguments valid against its schema);
JSON valid against ``response_format``; a report of the tool results (after tool messages); a reply
quoting the user. Reasoning models think first. ``max_tokens`` and ``stop`` cut the text as a real model's
output is cut.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .catalog import ModelInfo, model_info
from .faults import stream_answer
from .logprobs import chat_logprobs, wants_chat_logprobs
from .replies import Reply
from .schema_instance import schema_instance
from .text import (
    count_tokens,
    default_reasoning,
    default_reply,
    last_user_text,
    split_deltas,
    tool_results_reply,
    truncate,
    usage,
)
from .wire import DONE_FRAME, Answer, json_answer, make_id, sse_frame

__all__ = ["Generation", "apply_limits", "chat_answer", "generate"]


@dataclass(frozen=True, slots=True)
class Generation:
    """The content of one answer, before it is rendered."""

    text: str | None
    reasoning: str | None
    tool_calls: list[tuple[str, str, str]]
    """``(id, name, arguments JSON string)`` for each call."""
    finish_reason: str
    usage: Mapping[str, Any]


def apply_limits(text: str, body: Mapping[str, Any]) -> tuple[str, str]:
    """``text`` cut by the request's ``stop`` sequences and ``max_tokens``, and the finish reason."""
    stop = body.get("stop")
    for sequence in [stop] if isinstance(stop, str) else stop or ():
        if isinstance(sequence, str) and sequence and sequence in text:
            text = text[: text.index(sequence)]
    max_tokens = body.get("max_tokens")
    if isinstance(max_tokens, int):
        text, cut = truncate(text, max_tokens)
        if cut:
            return text, "length"
    return text, "stop"


def _reasons(info: ModelInfo, body: Mapping[str, Any]) -> bool:
    reasoning = body.get("reasoning")
    if body.get("reasoning_effort") == "none" or (isinstance(reasoning, Mapping) and reasoning.get("enabled") is False):
        return False
    return info.reasons


def _chosen_tool(body: Mapping[str, Any], messages: Sequence[Any]) -> Mapping[str, Any] | None:
    tools: list[Mapping[str, Any]] = [
        t["function"] for t in body.get("tools") or () if isinstance(t, Mapping) and "function" in t
    ]
    choice = body.get("tool_choice", "auto")
    if not tools or choice == "none" or not messages or messages[-1].get("role") != "user":
        return None
    if isinstance(choice, Mapping):
        named = choice.get("function", {}).get("name")
        return next((tool for tool in tools if tool.get("name") == named), tools[0])
    text, _ = last_user_text(messages)
    mentioned = [tool for tool in tools if str(tool.get("name", "")).lower() in text.lower()]
    return (mentioned or tools)[0]


def _json_text(body: Mapping[str, Any], fallback: str) -> str | None:
    response_format = body.get("response_format")
    if not isinstance(response_format, Mapping):
        return None
    kind = response_format.get("type")
    if kind == "json_schema":
        spec = response_format.get("json_schema") or {}
        return json.dumps(schema_instance(spec.get("schema", {}), name=str(spec.get("name", "value"))))
    if kind == "json_object":
        return json.dumps({"answer": fallback})
    return None


def _default_generation(body: Mapping[str, Any], seed: str) -> tuple[str | None, str | None, list[Any]]:
    messages: Sequence[Any] = body["messages"]
    info = model_info(body["model"])
    reasoning = default_reasoning(messages) if _reasons(info, body) else None
    tool = _chosen_tool(body, messages)
    if tool is not None:
        arguments = json.dumps(schema_instance(tool.get("parameters") or {"type": "object"}))
        return None, reasoning, [(make_id("call_", f"{seed}:0", 24), str(tool["name"]), arguments)]
    after_tools = bool(messages) and messages[-1].get("role") == "tool"
    reply = tool_results_reply(messages) if after_tools else default_reply(body["model"], messages)
    return _json_text(body, reply) or reply, reasoning, []


def generate(body: Mapping[str, Any], reply: Reply | None, *, seed: str) -> Generation:
    """The content of the answer to ``body``: ``reply``'s when scripted, else the default."""
    if reply is None or reply.is_default:
        text, reasoning, calls = _default_generation(body, seed)
        if reply is not None and reply.reasoning is not None:
            reasoning = reply.reasoning
    else:
        text, reasoning = reply.text, reply.reasoning
        calls = [
            (
                call.id or make_id("call_", f"{seed}:{index}", 24),
                call.name,
                call.arguments if isinstance(call.arguments, str) else json.dumps(call.arguments),
            )
            for index, call in enumerate(reply.tool_calls)
        ]
    finish = "tool_calls" if calls else "stop"
    if text is not None and (reply is None or reply.is_default):
        text, limited = apply_limits(text, body)
        finish = "tool_calls" if calls else limited
    if reply is not None and reply.finish_reason is not None:
        finish = reply.finish_reason
    if reply is not None and reply.usage is not None:
        used: Mapping[str, Any] = reply.usage
    else:
        completion = count_tokens(text or "") + sum(count_tokens(name + args) for _, name, args in calls)
        used = usage(
            model_info(body["model"]),
            prompt=body["messages"],
            completion_tokens=completion,
            reasoning_tokens=count_tokens(reasoning or ""),
        )
    return Generation(text, reasoning, calls, finish, used)


def _message(generation: Generation) -> dict[str, Any]:
    calls = [
        {"id": call_id, "type": "function", "function": {"name": name, "arguments": arguments}}
        for call_id, name, arguments in generation.tool_calls
    ]
    text = generation.text
    message: dict[str, Any] = {
        "role": "assistant",
        "content": text if text is not None or calls else "",
        "name": None,
        "tool_calls": calls or None,
    }
    if generation.reasoning is not None:
        message["reasoning_content"] = generation.reasoning
    return message


def _argument_pieces(arguments: str) -> list[str]:
    """At least three pieces (when the text allows), so clients see arguments arrive in several deltas."""
    pieces = split_deltas(arguments)
    if len(pieces) >= 3 or len(arguments) < 3:
        return pieces or [arguments]
    third = len(arguments) // 3
    return [arguments[:third], arguments[third : 2 * third], arguments[2 * third :]]


def _deltas(generation: Generation) -> list[dict[str, Any]]:
    deltas: list[dict[str, Any]] = [{"role": "assistant", "content": "", "tool_calls": None}]
    for piece in split_deltas(generation.reasoning or ""):
        deltas.append({"role": "assistant", "content": None, "reasoning_content": piece, "tool_calls": None})
    for piece in split_deltas(generation.text or ""):
        deltas.append({"role": "assistant", "content": piece, "tool_calls": None})
    for index, (call_id, name, arguments) in enumerate(generation.tool_calls):
        start = {"index": index, "id": call_id, "type": "function", "function": {"name": name, "arguments": ""}}
        deltas.append({"role": "assistant", "content": None, "tool_calls": [start]})
        for piece in _argument_pieces(arguments):
            call = {"index": index, "function": {"arguments": piece}}
            deltas.append({"role": "assistant", "content": None, "tool_calls": [call]})
    return deltas


def _tier(body: Mapping[str, Any]) -> dict[str, Any]:
    """The echoed ``service_tier`` (only when one was asked for): the tier that billed the request."""
    tier = body.get("service_tier")
    return {"service_tier": "priority" if tier == "priority" else "default"} if tier is not None else {}


def _delta_choice(delta: dict[str, Any], body: Mapping[str, Any]) -> dict[str, Any]:
    choice: dict[str, Any] = {"index": 0, "delta": delta, "finish_reason": None}
    content = delta.get("content")
    if wants_chat_logprobs(body) and content:
        choice["logprobs"] = {"content": chat_logprobs([content], body)}
    return choice


def chat_answer(body: Mapping[str, Any], reply: Reply | None, *, seed: str, created: int, chunk_delay: float) -> Answer:
    """The answer to a (valid) chat request (with logprobs and the echoed service tier when asked)."""
    generation = generate(body, reply, seed=seed)
    model = body["model"]
    tier = _tier(body)
    if not body.get("stream"):
        choice: dict[str, Any] = {
            "index": 0,
            "message": _message(generation),
            "finish_reason": generation.finish_reason,
        }
        if wants_chat_logprobs(body):
            choice["logprobs"] = {"content": chat_logprobs(split_deltas(generation.text or ""), body)}
        value = {
            "id": make_id("chatcmpl-", seed),
            "object": "chat.completion",
            "created": created,
            "model": model,
            "choices": [choice],
            "usage": dict(generation.usage),
            **tier,
        }
        answer = json_answer(value)
        return answer if reply is None else replace(answer, delay=reply.delay)
    head = {
        "id": make_id("chatcmpl-", seed, 24),
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        **tier,
    }
    frames = [
        sse_frame({**head, "choices": [_delta_choice(delta, body)], "usage": None}) for delta in _deltas(generation)
    ]
    finish = {"index": 0, "delta": {}, "finish_reason": generation.finish_reason}
    frames.append(sse_frame({**head, "choices": [finish], "usage": dict(generation.usage)}))
    frames.append(DONE_FRAME)
    return stream_answer(frames, reply, chunk_delay=chunk_delay)

"""prune_messages: reasoning and tool traffic trimmed by age and by tool, calls kept with their results
and approvals, empty messages dropped or kept, bad options named; the pruned history is accepted by a call."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ai_sdk import errors, prune_messages
from ai_sdk.spec import (
    AssistantMessage,
    ReasoningPart,
    TextPart,
    ToolApprovalRequestPart,
    ToolApprovalResponsePart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
    UserMessage,
)
from ai_sdk.sync import generate_text
from ai_sdk.testing import mock_model


def call(call_id: str, name: str = "search") -> ToolCallPart:
    return ToolCallPart(call_id, name, {"q": call_id})


def result(call_id: str, name: str = "search") -> ToolResultPart:
    return ToolResultPart(call_id, name, ToolResultOutput("text", f"found {call_id}"))


HISTORY: list[Any] = [
    UserMessage([TextPart("Find a")]),
    AssistantMessage([ReasoningPart("think a"), call("a")]),
    ToolMessage([result("a")]),
    AssistantMessage([ReasoningPart("think b"), TextPart("Found a."), call("b", "weather")]),
    ToolMessage([result("b", "weather")]),
    UserMessage([TextPart("Now c")]),
    AssistantMessage([ReasoningPart("think c"), TextPart("Here is c.")]),
]


def test_nothing_is_pruned_by_default() -> None:
    assert prune_messages(HISTORY) == HISTORY


def test_reasoning_all_and_before_the_last_message() -> None:
    everywhere = prune_messages(HISTORY, reasoning="all")
    assert not any(isinstance(p, ReasoningPart) for m in everywhere for p in m.content)  # type: ignore[union-attr]
    kept_last = prune_messages(HISTORY, reasoning="before-last-message")
    assert kept_last[-1] == HISTORY[-1]
    assert kept_last[1] == AssistantMessage([call("a")])


def test_tool_calls_before_the_last_n_messages_go_with_their_results() -> None:
    pruned = prune_messages(HISTORY, tool_calls="before-last-3-messages")
    assert (
        pruned
        == [  # a's call and result go; b's result is recent, so b's older call stays with it
            UserMessage([TextPart("Find a")]),
            AssistantMessage([ReasoningPart("think a")]),
            HISTORY[3],
            *HISTORY[4:],
        ]
    )
    assert prune_messages(HISTORY, tool_calls="before-last-2-messages")[2] == AssistantMessage(
        [ReasoningPart("think b"), TextPart("Found a.")]
    )


def test_rules_can_target_tools_and_empty_messages_can_be_kept() -> None:
    pruned = prune_messages(HISTORY, tool_calls=[{"type": "all", "tools": ["search"]}], empty_messages="keep")
    assert pruned[1] == AssistantMessage([ReasoningPart("think a")])
    assert pruned[2] == ToolMessage([])
    assert pruned[3] == HISTORY[3]
    assert pruned[4] == HISTORY[4]


def test_approval_parts_go_with_their_tool() -> None:
    history: list[Any] = [
        UserMessage([TextPart("restart")]),
        AssistantMessage([call("r", "restart"), ToolApprovalRequestPart("ap", "r")]),
        ToolMessage([ToolApprovalResponsePart("ap", True), result("r", "restart")]),
        AssistantMessage([TextPart("Restarted.")]),
    ]
    assert prune_messages(history, tool_calls=[{"type": "all", "tools": ["restart"]}]) == [history[0], history[3]]
    assert prune_messages(history, tool_calls=[{"type": "all", "tools": ["other"]}]) == history


def test_dicts_are_accepted_and_the_result_continues_a_conversation() -> None:
    history = [
        {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": [{"type": "reasoning", "text": "hmm"}, {"type": "text", "text": "Hello"}]},
        {"role": "user", "content": "Bye"},
    ]
    pruned = prune_messages(history, reasoning="all")
    assert pruned[1] == AssistantMessage([TextPart("Hello")])
    model = mock_model("ok")
    generate_text(model=model, messages=pruned)
    assert model.calls[0].prompt == pruned
    assert prune_messages([]) == []


@pytest.mark.parametrize(
    ("options", "argument"),
    [
        ({"reasoning": "some"}, "reasoning"),
        ({"tool_calls": "before-last-x-messages"}, "tool_calls"),
        ({"tool_calls": [{"tools": ["a"]}]}, "tool_calls"),
        ({"tool_calls": [{"type": "all", "tools": "a"}]}, "tool_calls"),
        ({"empty_messages": "drop"}, "empty_messages"),
    ],
)
def test_bad_options_name_the_argument(options: dict[str, Any], argument: str) -> None:
    with pytest.raises(errors.InvalidArgumentError) as caught:
        prune_messages(HISTORY, **options)
    assert caught.value.argument == argument


@given(st.integers(min_value=1, max_value=len(HISTORY) + 2))
def test_the_last_n_messages_are_never_touched(keep: int) -> None:
    pruned = prune_messages(HISTORY, tool_calls=f"before-last-{keep}-messages", empty_messages="keep")
    assert len(pruned) == len(HISTORY)
    assert pruned[-keep:] == HISTORY[-keep:]
    for before, after in zip(HISTORY, pruned, strict=True):  # only tool parts ever go
        kept = [p for p in before.content if not isinstance(p, ToolCallPart | ToolResultPart)]
        assert [p for p in after.content if not isinstance(p, ToolCallPart | ToolResultPart)] == kept


def test_kept_parts_keeps_the_message_itself_when_nothing_goes() -> None:
    from ai_sdk.core.prune_messages import kept_parts

    reasoning, text = ReasoningPart("think"), TextPart("answer")
    assistant = AssistantMessage([reasoning, text], provider_options={"p": {"k": 1}})
    assert kept_parts(assistant, lambda part: True) is assistant
    trimmed = kept_parts(assistant, lambda part: part is text)
    assert trimmed == AssistantMessage([text], provider_options={"p": {"k": 1}})
    assert type(trimmed) is AssistantMessage
    plain = AssistantMessage("just text")
    assert kept_parts(plain, lambda part: False) is plain
    user = UserMessage([TextPart("hi")])
    assert kept_parts(user, lambda part: False) is user

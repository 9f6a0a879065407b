"""prepare_step and active_tools through all four drivers: per-step model, tool choice, active tools,
system prompt, messages, provider options and context; bad overrides fail clearly."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from ai_sdk import errors
from ai_sdk.core.stop_condition import step_count_is
from ai_sdk.core.tool import ToolCallOptions, tool
from ai_sdk.spec import SystemMessage, TextPart, ToolChoice, UserMessage
from ai_sdk.testing import mock_model, reply, tool_call

from .agent_helpers import is_async, run, variant
from .generation_helpers import explode, weather

__all__ = ["variant"]


def weather_then_answer() -> Any:
    return mock_model(reply(tool_calls=[tool_call("weather", {"city": "Oslo"})]), "Sunny.")


async def test_prepare_step_switches_the_model_after_the_tool_step(variant: str) -> None:
    picker = mock_model(reply(tool_calls=[tool_call("weather", {"city": "Oslo"})]), model_id="cheap-picker")
    writer = mock_model("It is sunny in Oslo.", model_id="strong-writer")
    seen: list[tuple[int, int]] = []

    def prepare(step_number: int, steps: list[Any]) -> dict[str, Any] | None:
        seen.append((step_number, len(steps)))
        return {"model": writer} if step_number > 0 else None

    result, _ = await run(
        variant, model=picker, prompt="Weather?", tools=[weather], stop_when=step_count_is(3), prepare_step=prepare
    )
    assert seen == [(0, 0), (1, 1)]
    assert (len(picker.calls), len(writer.calls)) == (1, 1)
    assert [step.response.model_id for step in result.steps] == ["cheap-picker", "strong-writer"]
    assert result.text == "It is sunny in Oslo."
    assert len(writer.calls[0].prompt) == 3  # the user message, the tool call and its result


async def test_prepare_step_overrides_tool_choice_active_tools_system_and_options(variant: str) -> None:
    model = weather_then_answer()

    def overrides(step_number: int) -> dict[str, Any]:
        if step_number == 0:
            return {
                "tool_choice": {"type": "tool", "tool_name": "weather"},
                "active_tools": ["weather"],
                "system": "Use the weather tool.",
                "provider_options": {"deepinfra": {"min_p": 0.1}},
            }
        return {"tool_choice": "none"}

    async def prepare_async(step_number: int, **_: Any) -> dict[str, Any]:
        await asyncio.sleep(0)
        return overrides(step_number)

    def prepare(step_number: int, **_: Any) -> dict[str, Any]:
        return overrides(step_number)

    await run(
        variant,
        model=model,
        system="Be brief.",
        prompt="Weather?",
        tools=[weather, explode],
        stop_when=step_count_is(3),
        prepare_step=prepare_async if is_async(variant) else prepare,
    )
    first, second = model.calls
    assert first.tool_choice == ToolChoice("tool", "weather")
    assert [t.name for t in first.tools or []] == ["weather"]
    assert first.prompt[0] == SystemMessage("Use the weather tool.")
    assert first.provider_options == {"deepinfra": {"min_p": 0.1}}
    assert second.tool_choice == ToolChoice("none")
    assert [t.name for t in second.tools or []] == ["weather", "explode"]
    assert second.prompt[0] == SystemMessage("Be brief.")
    assert second.provider_options is None


async def test_prepare_step_can_replace_the_messages_and_sees_them_without_the_system(variant: str) -> None:
    model = mock_model("ok")
    received: list[Any] = []

    def prepare(messages: list[Any]) -> dict[str, Any]:
        received.extend(messages)
        return {"messages": [{"role": "user", "content": "Shorter."}]}

    await run(variant, model=model, system="S", prompt="A very long prompt", prepare_step=prepare)
    assert received == [UserMessage([TextPart("A very long prompt")])]
    assert model.calls[0].prompt == [SystemMessage("S"), UserMessage([TextPart("Shorter.")])]


async def test_a_system_message_among_the_returned_messages_is_sent(variant: str) -> None:
    # The messages a prepare_step returns are sent as given, after the step's system prompt: a system
    # message among them was dropped silently (with no system prompt at all, the model got none).
    model = mock_model("ok", "ok")

    def prepare(messages: list[Any]) -> dict[str, Any]:
        return {"messages": [{"role": "system", "content": "Be terse."}, *messages]}

    await run(variant, model=model, prompt="Hi", prepare_step=prepare)
    await run(variant, model=model, system="S", prompt="Hi", prepare_step=prepare)
    hi = UserMessage([TextPart("Hi")])
    assert model.calls[0].prompt == [SystemMessage("Be terse."), hi]
    assert model.calls[1].prompt == [SystemMessage("S"), SystemMessage("Be terse."), hi]


async def test_context_reaches_prepare_step_and_its_override_reaches_the_tools(variant: str) -> None:
    seen: list[Any] = []

    @tool
    def whoami(options: ToolCallOptions) -> str:
        """Who is asking."""
        seen.append(options.context)
        return str(options.context["user"])

    def prepare(step_number: int, context: Any) -> dict[str, Any]:
        seen.append(context)
        return {"context": {"user": f"{context['user']}#{step_number}"}}

    await run(
        variant,
        model=mock_model(reply(tool_calls=[tool_call("whoami", {})]), "You are ann."),
        prompt="Who am I?",
        tools=[whoami],
        stop_when=step_count_is(2),
        context={"user": "ann"},
        prepare_step=prepare,
    )
    assert seen == [{"user": "ann"}, {"user": "ann#0"}, {"user": "ann#0"}]


async def test_active_tools_as_a_call_setting_limits_what_the_model_may_call(variant: str) -> None:
    model = mock_model(reply(tool_calls=[tool_call("explode", {"reason": "x"})]), "ok")
    result, _ = await run(
        variant,
        model=model,
        prompt="Go",
        tools=[weather, explode],
        active_tools=["weather"],
        stop_when=step_count_is(2),
    )
    assert [t.name for t in model.calls[0].tools or []] == ["weather"]
    [error] = result.steps[0].tool_errors  # an inactive tool is not executed: the model is told it has no such tool
    assert isinstance(error.error, errors.NoSuchToolError)


def test_active_tools_must_name_known_tools() -> None:
    from ai_sdk.sync import generate_text

    with pytest.raises(errors.InvalidArgumentError, match=r"not among the call's tools: \['serach'\]") as caught:
        generate_text(model=mock_model("x"), prompt="Hi", tools=[weather], active_tools=["serach"])
    assert caught.value.argument == "active_tools"
    with pytest.raises(errors.InvalidArgumentError, match="list of tool names"):
        generate_text(model=mock_model("x"), prompt="Hi", tools=[weather], active_tools="weather")


async def test_a_misspelled_override_fails_naming_the_right_key(variant: str) -> None:
    model = mock_model("x")
    with pytest.raises(errors.UnknownArgumentError, match="did you mean tool_choice"):
        await run(variant, model=model, prompt="Hi", prepare_step=lambda **_: {"toolChoice": "none"})
    assert model.calls == []


async def test_prepare_step_must_return_a_dict_or_none(variant: str) -> None:
    with pytest.raises(errors.InvalidArgumentError, match="must return None or a dict"):
        await run(variant, model=mock_model("x"), prompt="Hi", prepare_step=lambda **_: "none")


async def test_a_raising_prepare_step_is_a_callback_error(variant: str) -> None:
    def prepare(**_: Any) -> None:
        raise LookupError("no such tenant")

    with pytest.raises(errors.CallbackError, match="prepare_step callback raised LookupError"):
        await run(variant, model=mock_model("x"), prompt="Hi", prepare_step=prepare)

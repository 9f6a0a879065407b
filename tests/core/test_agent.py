"""ToolLoopAgent (async, ai_sdk) and its blocking twin (ai_sdk.sync.ToolLoopAgent): generate and
stream with a prompt or messages, instructions as the system prompt, the 20-step default, per-call
overrides and prepare_call; settings checked at construction."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from ai_sdk import ToolLoopAgent, errors
from ai_sdk import sync as blocking
from ai_sdk.core.generate_text import GenerateTextResult
from ai_sdk.core.stop_condition import step_count_is
from ai_sdk.spec import SystemMessage
from ai_sdk.testing import mock_model, reply, tool_call

from .generation_helpers import weather

MODES = ["generate-sync", "generate-async", "stream-sync", "stream-async"]


async def call(agent: Any, mode: str, **arguments: Any) -> GenerateTextResult[Any]:
    if mode == "generate-sync":
        result: GenerateTextResult[Any] = agent.generate(**arguments)
        return result
    if mode == "generate-async":
        return await agent.generate(**arguments)  # type: ignore[no-any-return]
    if mode == "stream-sync":
        streamed = agent.stream(**arguments)
        assert "".join(streamed.text_stream)
        return GenerateTextResult(streamed.steps)
    streamed = agent.stream(**arguments)
    assert "".join([delta async for delta in streamed.text_stream])
    return GenerateTextResult(await streamed.steps)


def make(mode: str, **settings: Any) -> Any:
    cls = blocking.ToolLoopAgent if mode.endswith("sync") and not mode.endswith("async") else ToolLoopAgent
    return cls(**settings)


@pytest.mark.parametrize("mode", MODES)
async def test_the_agent_runs_its_tool_loop_with_its_instructions(mode: str) -> None:
    model = mock_model(reply(tool_calls=[tool_call("weather", {"city": "Oslo"})]), "Sunny in Oslo.", "Rainy in Rome.")
    agent = make(mode, model=model, instructions="You are a weather bot.", tools=[weather])
    result = await call(agent, mode, prompt="Weather in Oslo?")
    assert result.text == "Sunny in Oslo."
    assert len(result.steps) == 2  # the default stop condition allows 20 steps, not one
    assert model.calls[0].prompt[0] == SystemMessage("You are a weather bot.")
    again = await call(agent, mode, messages=[{"role": "user", "content": "And Rome?"}, *result.response.messages])
    assert again.text == "Rainy in Rome."
    assert [message.role for message in model.calls[2].prompt] == ["system", "user", "assistant", "tool", "assistant"]


@pytest.mark.parametrize("mode", MODES)
async def test_per_call_overrides_and_prepare_call(mode: str) -> None:
    default, premium = mock_model("cheap", model_id="small"), mock_model("premium", model_id="large")

    def prepare(settings: dict[str, Any]) -> dict[str, Any]:
        tier = settings["options"]["tier"]
        return {"model": premium if tier == "pro" else settings["model"], "system": f"Tier: {tier}."}

    agent = make(mode, model=default, instructions="Base.", prepare_call=prepare, temperature=0.2)
    result = await call(agent, mode, prompt="Hi", options={"tier": "pro"}, temperature=0.9)
    assert result.text == "premium"
    assert default.calls == []
    sent = premium.calls[0]
    assert sent.prompt[0] == SystemMessage("Tier: pro.")
    assert sent.temperature == 0.9


@pytest.mark.parametrize("mode", MODES)
async def test_a_prepare_call_that_changes_the_settings_in_place_is_honoured(mode: str) -> None:
    # Only the async generate() honoured a change made in place (returning None); the other three
    # ignored it silently.
    model = mock_model("ok")

    def prepare(settings: dict[str, Any]) -> None:
        settings["temperature"] = 0.0

    await call(make(mode, model=model, prepare_call=prepare, temperature=0.7), mode, prompt="Hi")
    assert model.calls[0].temperature == 0.0


async def test_an_async_prepare_call_is_awaited_by_the_async_agent() -> None:
    model = mock_model("ok")

    async def prepare(settings: dict[str, Any]) -> dict[str, Any]:
        await asyncio.sleep(0)
        return {"stop_when": step_count_is(1), "system": "Async."}

    agent: ToolLoopAgent[Any] = ToolLoopAgent(model=model, prepare_call=prepare)
    await agent.generate(prompt="Hi")
    assert model.calls[0].prompt[0] == SystemMessage("Async.")
    with pytest.raises(errors.InvalidArgumentError, match="cannot await an async prepare_call"):
        agent.stream(prompt="Hi")
    with pytest.raises(errors.InvalidArgumentError, match="cannot await an async prepare_call"):
        blocking.ToolLoopAgent(model=model, prepare_call=prepare).generate(prompt="Hi")


def test_settings_are_checked_when_the_agent_is_made() -> None:
    with pytest.raises(errors.UnknownArgumentError, match="did you mean stop_when"):
        ToolLoopAgent(model=mock_model("x"), stopWhen=step_count_is(3))
    with pytest.raises(errors.UnknownArgumentError, match="prompt"):
        ToolLoopAgent(model=mock_model("x"), prompt="fixed")
    with pytest.raises(errors.InvalidArgumentError, match="must be a string"):
        ToolLoopAgent(model=mock_model("x"), instructions=["a"])  # type: ignore[arg-type]


async def test_a_call_needs_exactly_one_of_prompt_and_messages() -> None:
    agent: ToolLoopAgent[Any] = ToolLoopAgent(model=mock_model("x"))
    with pytest.raises(errors.InvalidArgumentError, match=r"either prompt= .* or messages="):
        await agent.generate()
    with pytest.raises(errors.UnknownArgumentError, match="did you mean temperature"):
        await agent.generate(prompt="Hi", temprature=1)


def test_a_raising_prepare_call_is_a_callback_error() -> None:
    def prepare(settings: dict[str, Any]) -> None:
        raise KeyError("tier")

    agent = blocking.ToolLoopAgent(model=mock_model("x"), prepare_call=prepare)
    with pytest.raises(errors.CallbackError, match="prepare_call"):
        agent.generate(prompt="Hi")


def test_the_repr_names_the_model_and_tools() -> None:
    agent = blocking.ToolLoopAgent(model=mock_model("x"), tools=[weather], id="forecaster")
    assert "forecaster" in repr(agent)
    assert "['weather']" in repr(agent)
    assert agent.tools == [weather]

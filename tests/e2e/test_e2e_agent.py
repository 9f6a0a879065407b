"""The agent layer through the DeepInfra provider and real HTTP, against the emulator over loopback:
tool approval across two calls, callbacks with the reported cost, prepare_step switching the model,
repair of malformed tool JSON, ToolLoopAgent; blocking and async, generated and streamed. Also runs
examples/approval_agent.py and examples/agent.py end to end in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ai_sdk import (
    GenerateTextResult,
    ToolApprovalResponsePart,
    ToolLoopAgent,
    ToolMessage,
    generate_text,
    step_count_is,
    stream_text,
    tool,
)
from ai_sdk import sync as blocking
from ai_sdk.deepinfra import DeepInfraProvider
from ai_sdk.spec import ModelToolCall
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator import ToolCallReply

from .conftest import CHAT_MODEL

EXAMPLES = Path(__file__).parents[2] / "examples"
SMALL_MODEL = "meta-llama/Meta-Llama-3.1-8B-Instruct"
VARIANTS = ["generate-sync", "generate-async", "stream-sync", "stream-async"]


@pytest.fixture(params=VARIANTS)
def variant(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def run(variant: str, **arguments: Any) -> GenerateTextResult[Any]:
    if variant == "generate-sync":
        return blocking.generate_text(**arguments)
    if variant == "generate-async":
        return await generate_text(**arguments)
    if variant == "stream-sync":
        streamed = blocking.stream_text(**arguments)
        streamed.consume()
        return GenerateTextResult(streamed.steps)
    async_streamed = stream_text(**arguments)
    await async_streamed.consume()
    return GenerateTextResult(await async_streamed.steps)


def restart_tool(log: list[str]) -> Any:
    @tool(needs_approval=True)
    def restart(service: str) -> str:
        """Restart a service."""
        log.append(service)
        return f"{service} restarted"

    return restart


@pytest.mark.parametrize("approved", [True, False])
async def test_tool_approval_over_two_calls(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, variant: str, approved: bool
) -> None:
    log: list[str] = []
    emu.chat.reply_tool_calls([{"name": "restart", "arguments": {"service": "prod-db"}}])
    settings: dict[str, Any] = {"model": provider(CHAT_MODEL), "tools": [restart_tool(log)]}
    history: list[Any] = [{"role": "user", "content": "Restart prod-db"}]
    first = await run(variant, messages=history, **settings)
    [request] = first.steps[-1].tool_approval_requests
    assert log == []
    history += [*first.response.messages, ToolMessage([ToolApprovalResponsePart(request.approval_id, approved, "no")])]
    second = await run(variant, messages=history, **settings)
    assert log == (["prod-db"] if approved else [])
    expected = "prod-db restarted" if approved else "no"
    assert second.text == f"Here is what I found: restart returned {expected}."
    body = emu.requests_to("chat")[-1].body
    assert body["messages"][-2]["tool_calls"][0]["function"]["name"] == "restart"
    assert body["messages"][-1] == {"role": "tool", "tool_call_id": request.tool_call.tool_call_id, "content": expected}


async def test_callbacks_see_each_step_and_the_reported_cost(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, variant: str
) -> None:
    emu.chat.reply_tool_calls([{"name": "weather", "arguments": {"city": "Paris"}}])
    log: list[Any] = []

    @tool
    def weather(city: str) -> dict[str, Any]:
        """Current weather in a city."""
        return {"city": city, "temperature": 21}

    result = await run(
        variant,
        model=provider(CHAT_MODEL),
        prompt="Weather in Paris?",
        tools=[weather],
        stop_when=step_count_is(3),
        on_step_finish=lambda step: log.append(("step", step.usage.cost)),
        on_tool_call_finish=lambda event: log.append(("tool", event.output)),
        on_finish=lambda final: log.append(("finish", final.total_usage.cost)),
    )
    assert [name for name, _ in log] == ["tool", "step", "step", "finish"]
    assert log[0][1] == {"city": "Paris", "temperature": 21}
    step_costs = [value for name, value in log if name == "step"]
    assert all(cost is not None and cost > 0 for cost in step_costs)
    assert log[-1][1] == pytest.approx(sum(step_costs))
    assert result.total_usage.cost == pytest.approx(log[-1][1])


async def test_prepare_step_switches_the_model_on_the_wire(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, variant: str
) -> None:
    emu.chat.reply_tool_calls([{"name": "weather", "arguments": {"city": "Paris"}}])

    @tool
    def weather(city: str) -> str:
        """Current weather in a city."""
        return "sunny"

    def prepare(step_number: int, **_: Any) -> dict[str, Any] | None:
        return {"model": provider(CHAT_MODEL), "tool_choice": "none"} if step_number else None

    result = await run(
        variant,
        model=provider(SMALL_MODEL),
        prompt="Weather in Paris?",
        tools=[weather],
        stop_when=step_count_is(3),
        prepare_step=prepare,
    )
    first, second = emu.requests_to("chat")
    assert (first.body["model"], second.body["model"]) == (SMALL_MODEL, CHAT_MODEL)
    assert second.body["tool_choice"] == "none"
    assert result.text == "Here is what I found: weather returned sunny."


async def test_malformed_tool_json_is_repaired(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, variant: str
) -> None:
    emu.chat.reply_tool_calls([ToolCallReply("weather", '{"city": "Paris"', id="call_1")])
    cities: list[str] = []

    @tool
    def weather(city: str) -> str:
        """Current weather in a city."""
        cities.append(city)
        return "sunny"

    def repair(tool_call: ModelToolCall, **_: Any) -> ModelToolCall:
        return ModelToolCall(tool_call.tool_call_id, tool_call.tool_name, tool_call.input + "}")

    result = await run(
        variant,
        model=provider(CHAT_MODEL),
        prompt="Weather in Paris?",
        tools=[weather],
        stop_when=step_count_is(3),
        repair_tool_call=repair,
    )
    assert cities == ["Paris"]
    assert result.steps[0].tool_calls[0].input == {"city": "Paris"}
    assert emu.requests_to("chat")[1].body["messages"][1]["tool_calls"][0]["function"]["arguments"] == (
        '{"city":"Paris"}'
    )


async def test_tool_loop_agent_over_loopback(emu: DeepInfraEmulator, provider: DeepInfraProvider, mode: str) -> None:
    emu.chat.reply_tool_calls([{"name": "weather", "arguments": {"city": "Paris"}}])

    @tool
    def weather(city: str) -> str:
        """Current weather in a city."""
        return "sunny"

    settings: dict[str, Any] = {"model": provider(CHAT_MODEL), "instructions": "Be brief.", "tools": [weather]}
    if mode == "sync":
        result = blocking.ToolLoopAgent(**settings).generate(prompt="Weather in Paris?")
    else:
        result = await ToolLoopAgent(**settings).generate(prompt="Weather in Paris?")
    assert result.text == "Here is what I found: weather returned sunny."
    assert emu.requests_to("chat")[0].body["messages"][0] == {"role": "system", "content": "Be brief."}


def _example(name: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "DEEPINFRA_API_KEY"}
    return subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=8,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "stdin", "expected"),
    [
        (["--approve"], "", 'restart_service returned {"service":"prod-db","status":"restarted"}'),
        ([], "y\n", 'restart_service returned {"service":"prod-db","status":"restarted"}'),
        ([], "n\n", "tool result (execution-denied): the operator said no"),
        (["--deny", "maintenance window"], "", "restart_service returned maintenance window"),
    ],
)
def test_the_approval_example_runs_end_to_end(args: list[str], stdin: str, expected: str) -> None:
    completed = _example("approval_agent.py", *args, stdin=stdin)
    assert completed.returncode == 0, completed.stderr
    assert expected in completed.stdout
    assert "restart_service({'service': 'prod-db'})" in completed.stdout or args
    assert "[2 steps, cost $0.0" in completed.stdout


def test_the_agent_example_switches_models_after_the_tool_step() -> None:
    completed = _example("agent.py")
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert f"step by {SMALL_MODEL}: weather({{'city': 'Berlin'}})" in lines
    assert f"step by {CHAT_MODEL}: no tool calls" in lines
    assert any(line.startswith("[2 steps, ") for line in lines)
    assert lines[-1].startswith('answer: Here is what I found: weather returned {"city":"Berlin"')


async def test_smooth_stream_over_loopback(emu: DeepInfraEmulator, provider: DeepInfraProvider, mode: str) -> None:
    from ai_sdk import smooth_stream

    emu.chat.reply_text("One two three.\nFour five.")
    settings: dict[str, Any] = {
        "model": provider(CHAT_MODEL),
        "prompt": "Count",
        "transform": smooth_stream(chunking="line", delay=None),
    }
    if mode == "sync":
        result = blocking.stream_text(**settings)
        lines = list(result.text_stream)
        text = result.text
    else:
        async_result = stream_text(**settings)
        lines = [line async for line in async_result.text_stream]
        text = await async_result.text
    assert lines == ["One two three.\n", "Four five."]
    assert text == "One two three.\nFour five."


async def test_a_pruned_history_is_sent_without_the_old_tool_traffic(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, variant: str
) -> None:
    from ai_sdk import prune_messages

    emu.chat.reply_tool_calls([{"name": "weather", "arguments": {"city": "Paris"}}])

    @tool
    def weather(city: str) -> str:
        """Current weather in a city."""
        return "sunny"

    first = await run(
        variant, model=provider(CHAT_MODEL), prompt="Weather?", tools=[weather], stop_when=step_count_is(3)
    )
    history = [{"role": "user", "content": "Weather?"}, *first.response.messages, {"role": "user", "content": "Thanks"}]
    await run(variant, model=provider(CHAT_MODEL), messages=prune_messages(history, tool_calls="before-last-message"))
    sent = emu.requests_to("chat")[-1].body["messages"]
    assert [message["role"] for message in sent] == ["user", "assistant", "user"]
    assert "tool_calls" not in sent[1]


@pytest.mark.parametrize("kind", ["generate", "stream"])
async def test_object_on_finish_over_loopback(provider: DeepInfraProvider, kind: str, mode: str) -> None:
    from pydantic import BaseModel

    from ai_sdk import ObjectFinishEvent, generate_object, stream_object

    class Answer(BaseModel):
        answer: str

    events: list[ObjectFinishEvent[Any]] = []
    settings: dict[str, Any] = {
        "model": provider(CHAT_MODEL),
        "schema": Answer,
        "prompt": "Answer",
        "on_finish": events.append,
    }
    if (kind, mode) == ("generate", "sync"):
        value = blocking.generate_object(**settings).object
    elif kind == "generate":
        value = (await generate_object(**settings)).object
    elif mode == "sync":
        value = blocking.stream_object(**settings).object
    else:
        value = await stream_object(**settings).object
    [event] = events
    assert event.object == value
    assert isinstance(value, Answer)
    assert event.usage.cost is not None
    assert event.usage.cost > 0

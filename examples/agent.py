"""A ToolLoopAgent whose cheap model picks the tools and whose strong model writes the answer.

    python examples/agent.py ["your question"]

``prepare_step`` runs before every model call: step 0 goes to a small, fast model that only has to
choose a tool call; once a tool has answered, the remaining steps go to a large model. The callbacks
print each step as it finishes (which model, which tools) and the total cost at the end. With
``DEEPINFRA_API_KEY`` set this talks to DeepInfra, otherwise to the bundled emulator on loopback.
"""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any

from ai_sdk import GenerateTextResult, StepResult, ToolLoopAgent, step_count_is, tool
from ai_sdk.deepinfra import DeepInfraProvider, create_deepinfra, deepinfra
from ai_sdk.testing import DeepInfraEmulator

PICKER = "meta-llama/Meta-Llama-3.1-8B-Instruct"
WRITER = "meta-llama/Meta-Llama-3.1-70B-Instruct"
DEFAULT_QUESTION = "What is the weather in Berlin, and should I bring an umbrella?"


@tool
def weather(city: str) -> dict[str, Any]:
    """The current weather in a city.

    Args:
        city: The city name, e.g. "Berlin".
    """
    return {"city": city, "temperature_c": 14, "rain_probability": 0.7}


def make_agent(provider: DeepInfraProvider) -> ToolLoopAgent[Any]:
    writer = provider(WRITER)

    def prepare_step(step_number: int, steps: list[StepResult]) -> dict[str, Any] | None:
        # after the tool step, the strong model writes the answer (and needs no tools)
        if steps and steps[-1].tool_results:
            return {"model": writer, "tool_choice": "none"}
        return None

    def on_step_finish(step: StepResult) -> None:
        calls = ", ".join(f"{call.tool_name}({call.input})" for call in step.tool_calls) or "no tool calls"
        print(f"step by {step.response.model_id}: {calls}")

    def on_finish(result: GenerateTextResult[Any]) -> None:
        cost = result.total_usage.cost
        print(f"[{len(result.steps)} steps, {result.total_usage.total_tokens} tokens, ${cost or 0:.6f}]")

    return ToolLoopAgent(
        model=provider(PICKER),
        instructions="Answer weather questions. Call the weather tool; never guess the weather.",
        tools=[weather],
        stop_when=step_count_is(4),
        prepare_step=prepare_step,
        on_step_finish=on_step_finish,
        on_finish=on_finish,
    )


async def ask(provider: DeepInfraProvider, question: str) -> None:
    result = await make_agent(provider).generate(prompt=question)
    print(f"answer: {result.text}")


def main() -> int:
    question = " ".join(sys.argv[1:]) or DEFAULT_QUESTION
    if os.environ.get("DEEPINFRA_API_KEY"):
        asyncio.run(ask(deepinfra, question))
        return 0
    print("DEEPINFRA_API_KEY is not set: running against the bundled DeepInfra emulator.")
    with DeepInfraEmulator(validate=False) as emulator:
        emulator.chat.reply_tool_calls([{"name": "weather", "arguments": {"city": "Berlin"}}])
        asyncio.run(ask(create_deepinfra(base_url=emulator.base_url, api_key="emulator-key"), question))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

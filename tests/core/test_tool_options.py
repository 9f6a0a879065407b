"""Richer tools through all four drivers: output_schema validates outputs, to_model_output decides
what the model sees (text, JSON or content with an image), strict reaches the wire, and every tool
output kind of the reference is accepted in histories and sent as DeepInfra expects."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from ai_sdk import errors
from ai_sdk.core.stop_condition import step_count_is
from ai_sdk.core.tool import tool
from ai_sdk.openai_compatible.chat.convert_messages import convert_to_chat_messages
from ai_sdk.openai_compatible.chat.prepare_tools import prepare_chat_tools
from ai_sdk.spec import ToolMessage, ToolResultOutput, ToolResultPart
from ai_sdk.testing import mock_model, reply, tool_call

from .agent_helpers import run, variant

__all__ = ["variant"]

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n fake").decode()


class Forecast(BaseModel):
    city: str
    celsius: float


async def test_output_schema_accepts_a_valid_output_and_rejects_an_invalid_one(variant: str) -> None:
    @tool(output_schema=Forecast)
    def forecast(city: str) -> dict[str, Any]:
        """Forecast for a city."""
        return {"city": city, "celsius": 21.5} if city == "Oslo" else {"city": city}

    model = mock_model(
        reply(tool_calls=[tool_call("forecast", {"city": "Oslo"}), tool_call("forecast", {"city": "Rome"})]), "ok"
    )
    result, _ = await run(variant, model=model, prompt="Forecast", tools=[forecast], stop_when=step_count_is(2))
    step = result.steps[0]
    assert [r.output for r in step.tool_results] == [{"city": "Oslo", "celsius": 21.5}]
    [error] = step.tool_errors
    assert isinstance(error.error, errors.ToolExecutionError)
    assert isinstance(error.error.cause, errors.TypeValidationError)
    assert forecast.output_schema is not None
    assert forecast.output_schema["required"] == ["city", "celsius"]


async def test_to_model_output_sends_an_image_and_keeps_the_output(variant: str) -> None:
    @tool(
        to_model_output=lambda output: {
            "type": "content",
            "value": [
                {"type": "text", "text": f"Chart of {output['title']}"},
                {"type": "media", "data": output["png"], "mediaType": "image/png"},
            ],
        }
    )
    def chart(title: str) -> dict[str, str]:
        """Draw a chart."""
        return {"title": title, "png": PNG}

    model = mock_model(reply(tool_calls=[tool_call("chart", {"title": "sales"})]), "Here it is.")
    result, _ = await run(variant, model=model, prompt="Chart", tools=[chart], stop_when=step_count_is(2))
    assert result.steps[0].tool_results[0].output == {"title": "sales", "png": PNG}
    tool_message = model.calls[1].prompt[-1]
    assert isinstance(tool_message, ToolMessage)
    [part] = tool_message.content
    assert isinstance(part, ToolResultPart)
    assert part.output.type == "content"
    assert part.output.value[1] == {"type": "media", "data": PNG, "mediaType": "image/png"}  # type: ignore[index]


async def test_a_failing_to_model_output_is_a_tool_error(variant: str) -> None:
    @tool(to_model_output=lambda output: output)  # returns a bare string: not a ToolResultOutput
    def echo(text: str) -> str:
        """Echo."""
        return text

    model = mock_model(reply(tool_calls=[tool_call("echo", {"text": "x"})]), "ok")
    result, _ = await run(variant, model=model, prompt="Echo", tools=[echo], stop_when=step_count_is(2))
    [error] = result.steps[0].tool_errors
    assert "to_model_output must return a ToolResultOutput or a dict" in str(error.error)


def test_strict_reaches_the_wire() -> None:
    @tool(strict=True)
    def search(query: str) -> str:
        """Search."""
        return query

    model = mock_model("ok")
    from ai_sdk.sync import generate_text

    generate_text(model=model, prompt="Hi", tools=[search])
    [function_tool] = model.calls[0].tools or []
    assert function_tool.strict is True
    wire = prepare_chat_tools(model.calls[0].tools, None, provider_options_key="deepinfra").tools
    assert wire is not None
    assert wire[0]["function"]["strict"] is True
    loose = tool(input_schema={"type": "object", "properties": {}}, execute=lambda value: "x", name="loose")
    assert loose.strict is None


def test_bad_tool_options_are_rejected_with_the_argument_named() -> None:
    with pytest.raises(errors.InvalidArgumentError, match="strict must be True, False or None"):
        tool(strict="yes")(lambda: None)  # type: ignore[call-overload]
    with pytest.raises(errors.InvalidArgumentError, match="to_model_output must be a function"):
        tool(to_model_output="text")(lambda: None)  # type: ignore[call-overload]


def test_every_tool_output_kind_in_a_history_is_sent_as_deepinfra_expects() -> None:
    from ai_sdk.core.prompt import standardize_prompt

    history = [
        {"role": "user", "content": "Hi"},
        {
            "role": "tool",
            "content": [
                {"type": "tool-result", "toolCallId": "a", "toolName": "t", "output": {"type": "text", "value": "t"}},
                {"type": "tool-result", "toolCallId": "b", "toolName": "t", "output": {"type": "json", "value": [1]}},
                {
                    "type": "tool-result",
                    "toolCallId": "c",
                    "toolName": "t",
                    "output": {"type": "error-text", "value": "e"},
                },
                {
                    "type": "tool-result",
                    "toolCallId": "d",
                    "toolName": "t",
                    "output": {"type": "error-json", "value": {}},
                },
                {
                    "type": "tool-result",
                    "toolCallId": "e",
                    "toolName": "t",
                    "output": {"type": "content", "value": [{"type": "text", "text": "x"}]},
                },
                {
                    "type": "tool-result",
                    "toolCallId": "f",
                    "toolName": "t",
                    "output": {"type": "execution-denied", "reason": "no"},
                },
            ],
        },
    ]
    wire = convert_to_chat_messages(standardize_prompt(messages=history), provider_options_key="deepinfra")
    assert [message["content"] for message in wire[1:]] == [
        "t",
        "[1]",
        "e",
        "{}",
        '[{"type":"text","text":"x"}]',
        "no",
    ]


def test_a_bad_content_output_says_what_an_item_is() -> None:
    from ai_sdk.core.prompt import standardize_prompt

    history = [
        {"role": "user", "content": "Hi"},
        {
            "role": "tool",
            "content": [
                {"type": "tool-result", "toolCallId": "a", "toolName": "t", "output": {"type": "content", "value": [1]}}
            ],
        },
    ]
    with pytest.raises(errors.InvalidPromptError, match=r"output.value\[0\]: a 'content' item is"):
        standardize_prompt(messages=history)


@given(st.text(max_size=30), st.none() | st.text(max_size=30))
def test_text_and_denied_outputs_reach_the_wire_as_given(text: str, reason: str | None) -> None:
    parts = [
        ToolResultPart("a", "t", ToolResultOutput("text", text)),
        ToolResultPart("b", "t", ToolResultOutput("execution-denied", reason)),
    ]
    wire = convert_to_chat_messages([ToolMessage(parts)], provider_options_key="deepinfra")
    assert wire[0]["content"] == text
    assert wire[1]["content"] == (reason or "Tool call execution denied.")


@pytest.mark.parametrize("make", ["Tool", "tool", "decorator"])
def test_a_misspelt_setting_is_a_type_error_naming_the_closest(make: str) -> None:
    from ai_sdk.core.tool import Tool

    def forecast(city: str) -> str:
        """Forecast."""
        return city

    makers: dict[str, Any] = {
        "Tool": lambda: Tool(input_schema={"type": "object", "properties": {}}, execute=forecast, timout=3),
        "tool": lambda: tool(forecast, timout=3),
        "decorator": lambda: tool(timout=3)(forecast),
    }
    with pytest.raises(errors.UnknownArgumentError, match=r"got an unexpected keyword argument 'timout'.*timeout"):
        makers[make]()


def test_settings_reach_tools_made_every_way() -> None:
    from ai_sdk.core.tool import Tool, ToolSettings

    settings: ToolSettings = {"needs_approval": True, "strict": True, "output_schema": Forecast, "timeout": 2}

    def forecast(city: str) -> str:
        """Forecast."""
        return city

    made = [
        Tool(input_schema={"type": "object", "properties": {}}, execute=forecast, **settings),
        tool(forecast, **settings),
        tool(**settings)(forecast),
        tool(execute=forecast, **settings),
    ]
    for item in made:
        assert (item.needs_approval, item.strict, item.timeout) == (True, True, 2.0)
        assert item.output_schema is not None
        assert item.output_schema["required"] == ["city", "celsius"]

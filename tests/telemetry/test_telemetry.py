"""Telemetry with the real OpenTelemetry SDK (in-memory span exporter and metric reader) against the
DeepInfra emulator, in both APIs: span names, parents and GenAI attributes (cost included) for a
two-step tool call, a stream, embeddings and errors; the metrics; opting in to content; the global
switch."""

from __future__ import annotations

import json
from typing import Any

import pytest
from opentelemetry.trace import SpanKind, StatusCode
from pydantic import BaseModel

from ai_sdk import embed_many, generate_object, generate_text, step_count_is, stream_text, tool
from ai_sdk import sync as blocking
from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.errors import AISDKError, APICallError, InvalidArgumentError
from ai_sdk.spec import Finish, FinishReason, LanguageModel, StreamError, TextDelta, TextStart, Usage
from ai_sdk.telemetry import TelemetrySettings, disable_telemetry, enable_telemetry
from ai_sdk.testing import DeepInfraEmulator, MockLanguageModel

from .conftest import Otel

STEP_USAGE = [
    {"prompt_tokens": 12, "completion_tokens": 8, "total_tokens": 20, "estimated_cost": 2.5e-06},
    {"prompt_tokens": 40, "completion_tokens": 10, "total_tokens": 50, "estimated_cost": 6.25e-06},
]


@tool
def weather(city: str) -> str:
    """The weather in a city."""
    return f"Sunny in {city}"


@tool
def broken(city: str) -> str:
    """A tool that fails."""
    raise RuntimeError(f"no data for {city}")


async def generate(mode: str, **kwargs: Any) -> Any:
    if mode == "sync":
        return blocking.generate_text(**kwargs)
    return await generate_text(**kwargs)


async def stream(mode: str, **kwargs: Any) -> str:
    if mode == "sync":
        return blocking.stream_text(**kwargs).text
    return await stream_text(**kwargs).text


async def test_a_two_step_tool_call(mode: str, otel: Otel, emu: DeepInfraEmulator, chat_model: LanguageModel) -> None:
    emu.chat.reply_tool_calls([{"name": "weather", "arguments": {"city": "Paris"}}], usage=STEP_USAGE[0])
    emu.chat.reply_text("It is sunny in Paris.", usage=STEP_USAGE[1])
    result = await generate(
        mode,
        model=chat_model,
        prompt="Weather in Paris?",
        tools=[weather],
        stop_when=step_count_is(3),
        temperature=0.3,
        telemetry=otel.settings(function_id="weather-bot", metadata={"user": "u1", "tier": 2}),
    )
    assert result.text == "It is sunny in Paris."

    spans = otel.spans()
    assert [span.name for span in spans] == [
        "chat meta-llama/Llama-3.3-70B-Instruct",
        "execute_tool weather",
        "chat meta-llama/Llama-3.3-70B-Instruct",
        "invoke_agent weather-bot",
    ]
    first, tool_span, second, root = spans
    assert root.parent is None
    assert root.kind is SpanKind.INTERNAL
    for child in (first, tool_span, second):
        assert child.parent is not None
        assert child.parent.span_id == root.context.span_id
        assert child.context.trace_id == root.context.trace_id
    assert (first.kind, second.kind, tool_span.kind) == (SpanKind.CLIENT, SpanKind.CLIENT, SpanKind.INTERNAL)

    root_attributes = dict(root.attributes or {})
    assert root_attributes["gen_ai.operation.name"] == "invoke_agent"
    assert root_attributes["gen_ai.agent.name"] == "weather-bot"
    assert root_attributes["gen_ai.provider.name"] == "deepinfra"
    assert root_attributes["gen_ai.usage.input_tokens"] == 52
    assert root_attributes["gen_ai.usage.output_tokens"] == 18
    assert root_attributes["gen_ai.usage.cost"] == pytest.approx(8.75e-06)
    assert root_attributes["gen_ai.response.finish_reasons"] == ("stop",)
    assert root_attributes["ai_sdk.steps"] == 2
    assert root_attributes["ai.telemetry.functionId"] == "weather-bot"
    assert (root_attributes["ai.telemetry.metadata.user"], root_attributes["ai.telemetry.metadata.tier"]) == ("u1", 2)

    for span, usage, reason in ((first, STEP_USAGE[0], "tool_calls"), (second, STEP_USAGE[1], "stop")):
        attributes = dict(span.attributes or {})
        assert attributes["gen_ai.operation.name"] == "chat"
        assert attributes["gen_ai.provider.name"] == "deepinfra"
        assert attributes["gen_ai.request.model"] == "meta-llama/Llama-3.3-70B-Instruct"
        assert attributes["gen_ai.request.temperature"] == 0.3
        assert attributes["gen_ai.request.stream"] is False
        assert attributes["gen_ai.response.model"] == "meta-llama/Llama-3.3-70B-Instruct"
        assert str(attributes["gen_ai.response.id"]).startswith("chatcmpl-")
        assert attributes["gen_ai.response.finish_reasons"] == (reason,)
        assert attributes["gen_ai.usage.input_tokens"] == usage["prompt_tokens"]
        assert attributes["gen_ai.usage.output_tokens"] == usage["completion_tokens"]
        assert attributes["gen_ai.usage.cost"] == usage["estimated_cost"]
        assert attributes["deepinfra.estimated_cost"] == usage["estimated_cost"]
        assert attributes["ai.telemetry.functionId"] == "weather-bot"
        assert "gen_ai.input.messages" not in attributes  # content is opt-in
        assert "gen_ai.output.messages" not in attributes

    tool_attributes = dict(tool_span.attributes or {})
    assert tool_attributes["gen_ai.operation.name"] == "execute_tool"
    assert tool_attributes["gen_ai.tool.name"] == "weather"
    assert tool_attributes["gen_ai.tool.type"] == "function"
    assert tool_attributes["gen_ai.tool.call.id"] == result.steps[0].tool_calls[0].tool_call_id
    assert "gen_ai.tool.call.arguments" not in tool_attributes

    durations = otel.points("gen_ai.client.operation.duration")
    assert sum(point.count for point in durations) == 2
    assert durations[0].attributes["gen_ai.operation.name"] == "chat"
    assert durations[0].attributes["gen_ai.response.model"] == "meta-llama/Llama-3.3-70B-Instruct"
    tokens = {point.attributes["gen_ai.token.type"]: point for point in otel.points("gen_ai.client.token.usage")}
    assert (tokens["input"].count, tokens["input"].sum) == (2, 52)
    assert (tokens["output"].count, tokens["output"].sum) == (2, 18)


def second_input_arguments(span: Any) -> Any:
    return json.loads(str((span.attributes or {})["gen_ai.input.messages"]))[-2]["parts"][0]["arguments"]


async def test_content_is_recorded_only_when_asked(
    mode: str, otel: Otel, emu: DeepInfraEmulator, chat_model: LanguageModel
) -> None:
    emu.chat.reply_tool_calls([{"name": "weather", "arguments": {"city": "Oslo"}}])
    emu.chat.reply_text("Sunny.")
    await generate(
        mode,
        model=chat_model,
        system="Be brief.",
        prompt="Weather in Oslo?",
        tools=[weather],
        stop_when=step_count_is(3),
        telemetry=otel.settings(record_inputs=True, record_outputs=True),
    )
    first, tool_span, second, _root = otel.spans()
    attributes = dict(first.attributes or {})
    assert json.loads(str(attributes["gen_ai.system_instructions"])) == [{"type": "text", "content": "Be brief."}]
    assert json.loads(str(attributes["gen_ai.input.messages"])) == [
        {"role": "user", "parts": [{"type": "text", "content": "Weather in Oslo?"}]}
    ]
    assert json.loads(str(attributes["gen_ai.tool.definitions"]))[0]["name"] == "weather"
    output = json.loads(str(attributes["gen_ai.output.messages"]))
    assert output[0]["parts"][0]["type"] == "tool_call"
    assert output[0]["parts"][0]["name"] == "weather"
    # The arguments as the JSON object the model sent, as in the next step's input messages.
    assert output[0]["parts"][0]["arguments"] == {"city": "Oslo"}
    assert second_input_arguments(second) == {"city": "Oslo"}
    assert json.loads(str((tool_span.attributes or {})["gen_ai.tool.call.arguments"])) == {"city": "Oslo"}
    assert json.loads(str((tool_span.attributes or {})["gen_ai.tool.call.result"])) == "Sunny in Oslo"
    second_input = json.loads(str((second.attributes or {})["gen_ai.input.messages"]))
    assert second_input[-1] == {
        "role": "tool",
        "parts": [
            {"type": "tool_call_response", "id": second_input[-2]["parts"][0]["id"], "response": "Sunny in Oslo"}
        ],
    }


async def test_a_stream(mode: str, otel: Otel, emu: DeepInfraEmulator, chat_model: LanguageModel) -> None:
    emu.chat.reply_text("Streamed words arrive one by one.", usage=STEP_USAGE[0])
    text = await stream(mode, model=chat_model, prompt="Hi", telemetry=otel.settings(record_outputs=True))
    assert text == "Streamed words arrive one by one."
    chat, root = otel.spans()
    assert (chat.name, root.name) == (
        "chat meta-llama/Llama-3.3-70B-Instruct",
        "invoke_agent meta-llama/Llama-3.3-70B-Instruct",
    )
    assert chat.parent is not None
    assert chat.parent.span_id == root.context.span_id
    attributes = dict(chat.attributes or {})
    assert attributes["gen_ai.request.stream"] is True
    assert attributes["gen_ai.usage.cost"] == 2.5e-06
    assert attributes["gen_ai.usage.input_tokens"] == 12
    assert attributes["gen_ai.response.finish_reasons"] == ("stop",)
    assert str(attributes["gen_ai.response.id"]).startswith("chatcmpl-")
    first_chunk = attributes["gen_ai.response.time_to_first_chunk"]
    assert isinstance(first_chunk, float)
    assert 0 < first_chunk < (chat.end_time - chat.start_time) / 1e9  # type: ignore[operator]
    output = json.loads(str(attributes["gen_ai.output.messages"]))
    assert output == [
        {
            "role": "assistant",
            "parts": [{"type": "text", "content": "Streamed words arrive one by one."}],
            "finish_reason": "stop",
        }
    ]
    assert dict(root.attributes or {})["ai_sdk.function"] == "stream_text"
    assert dict(root.attributes or {})["gen_ai.usage.cost"] == 2.5e-06
    assert sum(point.count for point in otel.points("gen_ai.client.operation.time_to_first_chunk")) == 1


async def test_a_stream_closed_early_ends_its_spans(
    mode: str, otel: Otel, emu: DeepInfraEmulator, chat_model: LanguageModel
) -> None:
    emu.chat.reply_text("one two three four five six seven")
    if mode == "sync":
        blocking_result = blocking.stream_text(model=chat_model, prompt="Hi", telemetry=otel.settings())
        next(iter(blocking_result.text_stream))
        blocking_result.close()
    else:
        result = stream_text(model=chat_model, prompt="Hi", telemetry=otel.settings())
        async for _ in result.text_stream:
            break
        result.close()
    chat, root = otel.spans()
    assert dict(root.attributes or {})["ai_sdk.aborted"] is True
    assert chat.end_time is not None
    assert chat.status.status_code is not StatusCode.ERROR


@pytest.mark.parametrize("fault", [{"drop_after": 2}, {"error_frame_at": 2}])
async def test_a_stream_that_breaks_off_marks_its_step_failed(
    mode: str, otel: Otel, emu: DeepInfraEmulator, chat_model: LanguageModel, fault: dict[str, int]
) -> None:
    # The stream reports the break as an error part and ends with the finish reason "error" instead
    # of raising; the step's span and duration metric must still say the operation failed.
    emu.chat.reply_text("one two three four five", **fault)  # type: ignore[arg-type]
    if mode == "sync":
        parts = [
            part.type
            for part in blocking.stream_text(model=chat_model, prompt="Hi", telemetry=otel.settings()).full_stream
        ]
    else:
        parts = [
            part.type
            async for part in stream_text(model=chat_model, prompt="Hi", telemetry=otel.settings()).full_stream
        ]
    assert "error" in parts
    chat = otel.span("chat meta-llama/Llama-3.3-70B-Instruct")
    attributes = dict(chat.attributes or {})
    assert chat.status.status_code is StatusCode.ERROR
    assert attributes["gen_ai.response.finish_reasons"] == ("error",)
    assert attributes["error.type"] == "APICallError"
    assert [event.name for event in chat.events] == ["exception"]
    (duration,) = otel.points("gen_ai.client.operation.duration")
    assert duration.attributes["error.type"] == attributes["error.type"]
    # The call raises that error at its end (result.text), so its span failed too.
    root = otel.span("invoke_agent meta-llama/Llama-3.3-70B-Instruct")
    assert root.status.status_code is StatusCode.ERROR
    assert dict(root.attributes or {})["error.type"] == "APICallError"
    assert [event.name for event in root.events] == ["exception"]


async def test_an_error_part_that_is_no_exception_is_an_other_error(mode: str, otel: Otel) -> None:
    parts = [
        TextStart(id="0"),
        TextDelta(id="0", delta="Hi"),
        StreamError("the provider sent a bad frame"),
        Finish(finish_reason=FinishReason("error"), usage=Usage(input_tokens=3, output_tokens=1)),
    ]
    with pytest.raises(AISDKError, match="the provider sent a bad frame"):
        await stream(mode, model=MockLanguageModel(do_stream=parts), prompt="Hi", telemetry=otel.settings())
    chat = otel.span("chat mock-model-id")
    attributes = dict(chat.attributes or {})
    assert chat.status.status_code is StatusCode.ERROR
    assert chat.status.description == "the provider sent a bad frame"
    assert attributes["error.type"] == "_OTHER"
    assert attributes["gen_ai.usage.input_tokens"] == 3
    assert chat.events == ()


async def test_embeddings(mode: str, otel: Otel, emu: DeepInfraEmulator) -> None:
    provider = create_deepinfra(base_url=emu.base_url, api_key="test-key")
    model = provider.embedding_model("BAAI/bge-base-en-v1.5")
    values = [f"text {index}" for index in range(5)]
    if mode == "sync":
        result = blocking.embed_many(model=model, values=values, telemetry=otel.settings(function_id="index"))
    else:
        result = await embed_many(model=model, values=values, telemetry=otel.settings(function_id="index"))
    assert len(result.embeddings) == 5
    span = otel.span("embeddings BAAI/bge-base-en-v1.5")
    attributes = dict(span.attributes or {})
    assert span.kind is SpanKind.CLIENT
    assert attributes["gen_ai.operation.name"] == "embeddings"
    assert attributes["gen_ai.provider.name"] == "deepinfra"
    assert attributes["gen_ai.request.model"] == "BAAI/bge-base-en-v1.5"
    assert attributes["gen_ai.embeddings.input_count"] == 5
    assert attributes["gen_ai.embeddings.dimension.count"] == 768
    assert attributes["gen_ai.usage.input_tokens"] == result.usage.tokens
    assert attributes["ai.telemetry.functionId"] == "index"
    assert attributes["ai_sdk.function"] == "embed_many"
    tokens = otel.points("gen_ai.client.token.usage")
    assert [(point.attributes["gen_ai.operation.name"], point.sum) for point in tokens] == [
        ("embeddings", result.usage.tokens)
    ]


async def test_an_api_error_marks_the_step_and_the_call(
    mode: str, otel: Otel, emu: DeepInfraEmulator, chat_model: LanguageModel
) -> None:
    emu.chat.reply_error(400, "Model does not support tools")
    with pytest.raises(APICallError, match="Model does not support tools"):
        await generate(mode, model=chat_model, prompt="Hi", max_retries=0, telemetry=otel.settings())
    chat, root = otel.spans()
    for span in (chat, root):
        attributes = dict(span.attributes or {})
        assert span.status.status_code is StatusCode.ERROR
        assert "Model does not support tools" in str(span.status.description)
        assert attributes["error.type"] == "APICallError"
        assert attributes["http.response.status_code"] == 400
        assert [event.name for event in span.events] == ["exception"]
        assert "test-key" not in str(span.events[0].attributes)
    (duration,) = otel.points("gen_ai.client.operation.duration")
    assert duration.attributes["error.type"] == "APICallError"


async def test_a_failing_tool_marks_its_span_and_the_loop_goes_on(
    mode: str, otel: Otel, emu: DeepInfraEmulator, chat_model: LanguageModel
) -> None:
    emu.chat.reply_tool_calls([{"name": "broken", "arguments": {"city": "Rome"}}])
    emu.chat.reply_text("Sorry, no data.")
    result = await generate(
        mode, model=chat_model, prompt="Rome?", tools=[broken], stop_when=step_count_is(3), telemetry=otel.settings()
    )
    assert result.text == "Sorry, no data."
    tool_span = otel.span("execute_tool broken")
    assert tool_span.status.status_code is StatusCode.ERROR
    assert dict(tool_span.attributes or {})["error.type"] == "RuntimeError"
    assert otel.span("invoke_agent meta-llama/Llama-3.3-70B-Instruct").status.status_code is StatusCode.UNSET


async def test_the_global_switch_and_per_call_opt_out(
    mode: str, otel: Otel, emu: DeepInfraEmulator, chat_model: LanguageModel
) -> None:
    await generate(mode, model=chat_model, prompt="untraced")
    assert otel.spans() == []
    enable_telemetry(otel.settings(function_id="global"))
    await generate(mode, model=chat_model, prompt="traced")
    assert [span.name for span in otel.spans()] == ["chat meta-llama/Llama-3.3-70B-Instruct", "invoke_agent global"]
    await generate(mode, model=chat_model, prompt="opted out", telemetry=TelemetrySettings(is_enabled=False))
    assert len(otel.spans()) == 2
    disable_telemetry()
    await generate(mode, model=chat_model, prompt="untraced again")
    assert len(otel.spans()) == 2


class City(BaseModel):
    name: str


async def test_structured_output_is_traced_too(mode: str, otel: Otel, chat_model: LanguageModel) -> None:
    if mode == "sync":
        result = blocking.generate_object(model=chat_model, schema=City, prompt="A city.", telemetry=otel.settings())
    else:
        result = await generate_object(model=chat_model, schema=City, prompt="A city.", telemetry=otel.settings())
    assert isinstance(result.object, City)
    chat = otel.span("chat meta-llama/Llama-3.3-70B-Instruct")
    assert dict(chat.attributes or {})["gen_ai.output.type"] == "json"


def test_bad_settings_say_what_to_pass(chat_model: LanguageModel) -> None:
    with pytest.raises(InvalidArgumentError, match=r"telemetry must be an ai_sdk.telemetry.TelemetrySettings"):
        blocking.generate_text(model=chat_model, prompt="Hi", telemetry={"is_enabled": True})  # type: ignore[typeddict-item]
    with pytest.raises(InvalidArgumentError, match="metadata values must be str, bool, int, float"):
        TelemetrySettings(metadata={"user": {"id": 1}})  # type: ignore[dict-item]
    with pytest.raises(InvalidArgumentError, match="pass a TelemetrySettings"):
        enable_telemetry({"function_id": "x"})  # type: ignore[arg-type]


async def test_a_streamed_tool_loop_and_a_generator_tool(
    mode: str, otel: Otel, emu: DeepInfraEmulator, chat_model: LanguageModel
) -> None:
    """Streamed steps and tool runs are children of the call's span; a generator tool's span covers
    all it yields and records its last value as the result."""

    @tool
    def progress(city: str) -> Any:
        """Reports progress, then the weather."""
        yield "looking up"
        yield f"Sunny in {city}"

    emu.chat.reply_tool_calls([{"name": "progress", "arguments": {"city": "Lima"}}], usage=STEP_USAGE[0])
    emu.chat.reply_text("Sunny in Lima.", usage=STEP_USAGE[1])
    text = await stream(
        mode,
        model=chat_model,
        prompt="Lima?",
        tools=[progress],
        stop_when=step_count_is(3),
        telemetry=otel.settings(record_outputs=True),
    )
    assert text == "Sunny in Lima."
    names = [span.name for span in otel.spans()]
    assert names == [
        "chat meta-llama/Llama-3.3-70B-Instruct",
        "execute_tool progress",
        "chat meta-llama/Llama-3.3-70B-Instruct",
        "invoke_agent meta-llama/Llama-3.3-70B-Instruct",
    ]
    *children, root = otel.spans()
    assert all(child.parent is not None and child.parent.span_id == root.context.span_id for child in children)
    tool_span = children[1]
    assert json.loads(str((tool_span.attributes or {})["gen_ai.tool.call.result"])) == "Sunny in Lima"
    assert dict(root.attributes or {})["gen_ai.usage.cost"] == pytest.approx(8.75e-06)
    assert [dict(span.attributes or {})["gen_ai.request.stream"] for span in (children[0], children[2])] == [True, True]

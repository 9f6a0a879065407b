"""generate_text / generate_text_sync: single calls, the multi-step tool loop, retries, settings and
structured output, all against MockLanguageModel (sync and async over the same fixtures)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from ai_sdk.core.generate_text import GenerateTextResult, generate_text, generate_text_sync
from ai_sdk.core.stop_condition import has_tool_call, step_count_is
from ai_sdk.core.tool import tool
from ai_sdk.core.types import ToolCall, ToolResult
from ai_sdk.errors import (
    APICallError,
    InvalidArgumentError,
    InvalidPromptError,
    InvalidToolInputError,
    NoObjectGeneratedError,
    NoSuchToolError,
    RetryError,
    ToolExecutionError,
)
from ai_sdk.spec import (
    AssistantMessage,
    CallWarning,
    FinishReason,
    GenerateResult,
    Reasoning,
    ReasoningPart,
    RequestInfo,
    ResponseFormat,
    ResponseInfo,
    SystemMessage,
    Text,
    TextPart,
    ToolCallPart,
    ToolChoice,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
    Usage,
    UserMessage,
)
from ai_sdk.testing import MockLanguageModel

from .generation_helpers import FakeJSONOutput, explode, text_result, tool_calls_result, usage, weather


async def generate(mode: str, **kwargs: Any) -> GenerateTextResult:
    if mode == "sync":
        return generate_text_sync(**kwargs)
    return await generate_text(**kwargs)


# ------------------------------------------------------------------------------------------ one step


async def test_single_step_result(mode: str) -> None:
    warning = CallWarning("unsupported", feature="top_k")
    model = MockLanguageModel(
        do_generate=GenerateResult(
            content=[Reasoning("think"), Text("Hello"), Text(" world")],
            finish_reason=FinishReason("stop", "stop"),
            usage=Usage(5, 7, 12, cost=0.25, raw={"prompt_tokens": 5, "estimated_cost": 0.25}),
            warnings=[warning],
            request=RequestInfo(body={"model": "m"}),
            response=ResponseInfo(id="resp-1", model_id="served-model", headers={"x-a": "1"}, body={"id": "resp-1"}),
            provider_metadata={"deepinfra": {"x": 1}},
        )
    )
    result = await generate(mode, model=model, system="Be brief.", prompt="Hi")

    assert result.text == "Hello world"
    assert result.reasoning == [Reasoning("think")]
    assert result.reasoning_text == "think"
    assert result.content == [Reasoning("think"), Text("Hello"), Text(" world")]
    assert result.finish_reason == "stop"
    assert result.raw_finish_reason == "stop"
    assert result.usage.cost == 0.25
    assert result.total_usage == result.usage  # one step: kept whole, raw included
    assert result.total_usage.raw == {"prompt_tokens": 5, "estimated_cost": 0.25}
    assert result.warnings == [warning]
    assert result.steps[0].warnings == [warning]
    assert result.request.body == {"model": "m"}
    assert result.response.id == "resp-1"
    assert result.response.model_id == "served-model"
    assert result.response.headers == {"x-a": "1"}
    assert result.provider_metadata == {"deepinfra": {"x": 1}}
    assert result.tool_calls == []
    assert result.tool_results == []
    assert result.tool_errors == []
    assert result.response.messages == [
        AssistantMessage([ReasoningPart("think"), TextPart("Hello"), TextPart(" world")])
    ]
    assert len(model.calls) == 1
    assert model.calls[0].prompt == [SystemMessage("Be brief."), UserMessage([TextPart("Hi")])]
    assert model.calls[0].tools is None
    assert model.calls[0].response_format is None


async def test_settings_are_passed_to_the_model(mode: str) -> None:
    model = MockLanguageModel(do_generate=text_result("ok"))
    await generate(
        mode,
        model=model,
        prompt="Hi",
        max_output_tokens=100,
        temperature=0.5,
        top_p=0.9,
        top_k=40,
        presence_penalty=0.1,
        frequency_penalty=0.2,
        stop_sequences=["END"],
        seed=7,
        headers={"x-trace": "abc"},
        timeout=30,
        provider_options={"deepinfra": {"min_p": 0.1}},
    )
    options = model.calls[0]
    assert (options.max_output_tokens, options.temperature, options.top_p, options.top_k) == (100, 0.5, 0.9, 40)
    assert (options.presence_penalty, options.frequency_penalty, options.seed) == (0.1, 0.2, 7)
    assert list(options.stop_sequences or []) == ["END"]
    assert options.headers == {"x-trace": "abc"}
    assert options.timeout == 30.0
    assert options.provider_options == {"deepinfra": {"min_p": 0.1}}


async def test_response_messages_continue_a_conversation(mode: str) -> None:
    model = MockLanguageModel(do_generate=[text_result("Paris."), text_result("2 million.")])
    first = await generate(mode, model=model, prompt="Capital of France?")
    history = [UserMessage([TextPart("Capital of France?")]), *first.response.messages]
    await generate(mode, model=model, messages=[*history, {"role": "user", "content": "Population?"}])
    assert model.calls[1].prompt == [*history, UserMessage([TextPart("Population?")])]


def test_repr_is_concise() -> None:
    model = MockLanguageModel(do_generate=text_result("x" * 500, usage_=usage(3, 4, cost=0.5)))
    text = repr(generate_text_sync(model=model, prompt="Hi"))
    assert len(text) < 220
    for fragment in ("finish_reason='stop'", "steps=1", "total_tokens=7", "cost=0.5"):
        assert fragment in text


# ---------------------------------------------------------------------------------------- tool loop


async def test_two_tool_calls_are_fed_back_and_usage_is_summed(mode: str) -> None:
    model = MockLanguageModel(
        do_generate=[
            tool_calls_result(
                ("c1", "weather", '{"city": "Paris"}'),
                ("c2", "weather", '{"city": "Rome"}'),
                text="Checking.",
                usage_=usage(10, 5, cost=0.001),
            ),
            text_result("Sunny in both.", usage_=usage(30, 6, cost=0.002)),
        ]
    )
    result = await generate(
        mode,
        model=model,
        system="You are a weather bot.",
        prompt="Weather in Paris and Rome?",
        tools={"weather": weather},
        stop_when=step_count_is(5),
    )

    assert result.text == "Sunny in both."
    assert len(result.steps) == 2
    assert result.finish_reason == "stop"
    first = result.steps[0]
    assert first.finish_reason == "tool-calls"
    assert first.tool_calls == [
        ToolCall("c1", "weather", {"city": "Paris"}),
        ToolCall("c2", "weather", {"city": "Rome"}),
    ]
    assert first.tool_results == [
        ToolResult("c1", "weather", {"city": "Paris"}, {"city": "Paris", "sky": "sunny"}),
        ToolResult("c2", "weather", {"city": "Rome"}, {"city": "Rome", "sky": "sunny"}),
    ]
    assistant = AssistantMessage(
        [
            TextPart("Checking."),
            ToolCallPart("c1", "weather", {"city": "Paris"}),
            ToolCallPart("c2", "weather", {"city": "Rome"}),
        ]
    )
    tool_message = ToolMessage(
        [
            ToolResultPart("c1", "weather", ToolResultOutput("json", {"city": "Paris", "sky": "sunny"})),
            ToolResultPart("c2", "weather", ToolResultOutput("json", {"city": "Rome", "sky": "sunny"})),
        ]
    )
    assert model.calls[1].prompt == [
        SystemMessage("You are a weather bot."),
        UserMessage([TextPart("Weather in Paris and Rome?")]),
        assistant,
        tool_message,
    ]
    assert result.response.messages == [assistant, tool_message, AssistantMessage([TextPart("Sunny in both.")])]
    assert first.response.messages == [assistant, tool_message]
    assert result.usage == usage(30, 6, cost=0.002)
    total = result.total_usage
    assert (total.input_tokens, total.output_tokens, total.total_tokens) == (40, 11, 51)
    assert total.cost == pytest.approx(0.003)
    # both calls offered the tool, with the default tool choice
    for options in model.calls:
        assert [t.name for t in options.tools or []] == ["weather"]
        assert options.tool_choice == ToolChoice("auto")


async def test_default_is_one_step(mode: str) -> None:
    model = MockLanguageModel(do_generate=[tool_calls_result(("c1", "weather", '{"city": "Oslo"}'))])
    result = await generate(mode, model=model, prompt="Weather?", tools=[weather])
    assert len(model.calls) == 1
    assert result.finish_reason == "tool-calls"
    assert result.tool_results == [ToolResult("c1", "weather", {"city": "Oslo"}, {"city": "Oslo", "sky": "sunny"})]
    assert [type(m) for m in result.response.messages] == [AssistantMessage, ToolMessage]


async def test_step_count_limits_a_model_that_keeps_calling_tools(mode: str) -> None:
    model = MockLanguageModel(do_generate=lambda options: tool_calls_result(("c", "weather", '{"city": "X"}')))
    result = await generate(mode, model=model, prompt="Loop", tools=[weather], stop_when=step_count_is(3))
    assert len(model.calls) == 3
    assert len(result.steps) == 3
    assert len(model.calls[2].prompt) == 1 + 2 * 2  # user + (assistant, tool) per earlier step


async def test_has_tool_call_stops_and_any_condition_of_a_list_stops(mode: str) -> None:
    @tool
    def final_answer(answer: str) -> str:
        """Report the final answer."""
        return answer

    script = [
        tool_calls_result(("c1", "weather", '{"city": "A"}')),
        tool_calls_result(("c2", "final_answer", '{"answer": "42"}')),
        text_result("never reached"),
    ]
    model = MockLanguageModel(do_generate=script)
    result = await generate(
        mode,
        model=model,
        prompt="Go",
        tools=[weather, final_answer],
        stop_when=[step_count_is(10), has_tool_call("final_answer")],
    )
    assert len(model.calls) == 2
    assert result.tool_results[0].output == "42"


async def test_invalid_input_unknown_tool_and_raising_tool_become_tool_errors(mode: str) -> None:
    model = MockLanguageModel(
        do_generate=[
            tool_calls_result(
                ("bad-json", "weather", '{"city": '),
                ("bad-schema", "weather", '{"town": "Paris"}'),
                ("unknown", "teleport", '{"to": "Mars"}'),
                ("raises", "explode", '{"reason": "test"}'),
                ("good", "weather", '{"city": "Lima"}'),
            ),
            text_result("Recovered."),
        ]
    )
    result = await generate(
        mode, model=model, prompt="Go", tools={"weather": weather, "explode": explode}, stop_when=step_count_is(2)
    )
    assert result.text == "Recovered."
    first = result.steps[0]
    assert [call.invalid for call in first.tool_calls] == [True, True, True, False, False]
    errors = {error.tool_call_id: error.error for error in first.tool_errors}
    assert isinstance(errors["bad-json"], InvalidToolInputError)
    assert isinstance(errors["bad-schema"], InvalidToolInputError)
    assert isinstance(errors["unknown"], NoSuchToolError)
    assert isinstance(errors["raises"], ToolExecutionError)
    assert isinstance(errors["raises"].cause, RuntimeError)
    assert [r.tool_call_id for r in first.tool_results] == ["good"]

    tool_message = model.calls[1].prompt[-1]
    assert isinstance(tool_message, ToolMessage)
    outputs = {part.tool_call_id: part.output for part in tool_message.content}
    assert [outputs[i].type for i in ("bad-json", "bad-schema", "unknown", "raises")] == ["error-text"] * 4
    assert "teleport" in outputs["unknown"].value
    assert "boom: test" in outputs["raises"].value
    assert outputs["good"] == ToolResultOutput("json", {"city": "Lima", "sky": "sunny"})


async def test_a_tool_without_execute_ends_the_loop(mode: str) -> None:
    ask_user = tool(description="Ask the user", input_schema={"type": "object", "properties": {}})
    model = MockLanguageModel(do_generate=[tool_calls_result(("c1", "ask_user", "{}"))])
    result = await generate(mode, model=model, prompt="Go", tools={"ask_user": ask_user}, stop_when=step_count_is(5))
    assert len(model.calls) == 1
    assert result.tool_calls == [ToolCall("c1", "ask_user", {})]
    assert result.tool_results == []
    assert result.response.messages == [AssistantMessage([ToolCallPart("c1", "ask_user", {})])]


async def test_async_tools_of_a_step_run_concurrently() -> None:
    a_started, b_started = asyncio.Event(), asyncio.Event()

    @tool
    async def tool_a() -> str:
        """Waits for b."""
        a_started.set()
        await b_started.wait()
        return "a"

    @tool
    async def tool_b() -> str:
        """Waits for a."""
        b_started.set()
        await a_started.wait()
        return "b"

    model = MockLanguageModel(
        do_generate=[tool_calls_result(("1", "tool_a", "{}"), ("2", "tool_b", "{}")), text_result("done")]
    )
    # run one after another, each tool would wait for the other forever
    result = await asyncio.wait_for(
        generate_text(model=model, prompt="Go", tools=[tool_a, tool_b], stop_when=step_count_is(2)), timeout=5
    )
    assert [r.output for r in result.steps[0].tool_results] == ["a", "b"]
    assert result.text == "done"


def test_sync_api_rejects_async_tools_before_any_request() -> None:
    @tool
    async def slow() -> str:
        """An async tool."""
        return "x"

    model = MockLanguageModel(do_generate=[tool_calls_result(("1", "slow", "{}")), text_result("ok")])
    with pytest.raises(InvalidArgumentError, match="tool 'slow' has an async execute function"):
        generate_text_sync(model=model, prompt="Go", tools=[slow], stop_when=step_count_is(2))
    assert model.calls == []


# ------------------------------------------------------------------------------------------ retries


@pytest.fixture
def slept(instant_retries: list[float]) -> list[float]:
    """The delays the retries asked for; nothing sleeps (the package's ``instant_retries`` fixture)."""
    return instant_retries


def server_error() -> APICallError:
    return APICallError("overloaded", url="https://api.example/chat", status_code=503)


async def test_retryable_errors_are_retried(mode: str, slept: list[float]) -> None:
    model = MockLanguageModel(do_generate=[server_error(), server_error(), text_result("finally")])
    result = await generate(mode, model=model, prompt="Hi")
    assert result.text == "finally"
    assert len(model.calls) == 3
    assert slept == [2.0, 4.0]


async def test_retries_give_up_after_max_retries(mode: str, slept: list[float]) -> None:
    model = MockLanguageModel(do_generate=[server_error(), server_error()])
    with pytest.raises(RetryError) as caught:
        await generate(mode, model=model, prompt="Hi", max_retries=1)
    assert len(caught.value.errors) == 2
    assert slept == [2.0]


async def test_non_retryable_errors_raise_at_once(mode: str, slept: list[float]) -> None:
    error = APICallError("bad request", url="https://api.example/chat", status_code=400)
    model = MockLanguageModel(do_generate=[error])
    with pytest.raises(APICallError) as caught:
        await generate(mode, model=model, prompt="Hi")
    assert caught.value is error
    assert slept == []


# -------------------------------------------------------------------------------- argument checking


@pytest.mark.parametrize(
    ("argument", "value"),
    [
        ("max_output_tokens", 0),
        ("max_output_tokens", 1.5),
        ("max_output_tokens", True),
        ("temperature", "hot"),
        ("temperature", float("nan")),
        ("top_p", [0.9]),
        ("top_k", 0),
        ("presence_penalty", "x"),
        ("frequency_penalty", {"x": 1}),
        ("seed", 1.5),
        ("max_retries", -1),
        ("max_retries", 1.0),
        ("stop_sequences", "END"),
        ("stop_sequences", ["END", 3]),
        ("timeout", 0),
        ("timeout", -1.0),
        ("headers", {"x-a": 1}),
        ("headers", ["x-a"]),
        ("provider_options", {"deepinfra": 1}),
        ("stop_when", 3),
        ("stop_when", [step_count_is(1), "x"]),
        ("output", "json"),
    ],
)
async def test_bad_settings_name_the_argument(mode: str, argument: str, value: Any) -> None:
    model = MockLanguageModel(do_generate=text_result("unused"))
    with pytest.raises(InvalidArgumentError) as caught:
        await generate(mode, model=model, prompt="Hi", **{argument: value})
    assert caught.value.argument == argument
    assert argument in str(caught.value)
    assert model.calls == []


@pytest.mark.parametrize("model", ["meta-llama/Meta-Llama-3.1-8B-Instruct", object(), None])
async def test_a_non_model_is_rejected_with_a_hint(mode: str, model: Any) -> None:
    with pytest.raises(InvalidArgumentError, match=r"deepinfra\(") as caught:
        await generate(mode, model=model, prompt="Hi")
    assert caught.value.argument == "model"


async def test_missing_prompt_is_an_invalid_prompt(mode: str) -> None:
    with pytest.raises(InvalidPromptError):
        await generate(mode, model=MockLanguageModel(do_generate=text_result("x")))


# ------------------------------------------------------------------------------------------- output


async def test_structured_output_is_requested_and_parsed_lazily_once(mode: str) -> None:
    output = FakeJSONOutput()
    model = MockLanguageModel(do_generate=text_result('{"name": "Ada", "age": 36}'))
    result = await generate(mode, model=model, prompt="Who?", output=output)
    assert model.calls[0].response_format == ResponseFormat("json", schema={"type": "object"})
    assert output.complete_calls == 0
    assert result.output == {"name": "Ada", "age": 36}
    assert result.output == {"name": "Ada", "age": 36}
    assert output.complete_calls == 1


async def test_unparsable_output_raises_no_object_generated(mode: str) -> None:
    model = MockLanguageModel(do_generate=text_result("not json"))
    result = await generate(mode, model=model, prompt="Who?", output=FakeJSONOutput())
    with pytest.raises(NoObjectGeneratedError) as caught:
        _ = result.output
    assert caught.value.text == "not json"
    assert caught.value.finish_reason == "stop"


async def test_output_without_output_spec_is_a_clear_error(mode: str) -> None:
    result = await generate(mode, model=MockLanguageModel(do_generate=text_result("x")), prompt="Hi")
    with pytest.raises(InvalidArgumentError, match=r"output=Output\.object"):
        _ = result.output

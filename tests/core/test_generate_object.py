"""generate_object / stream_object (sync and async over the same fixtures), structured output through
generate_text / stream_text, and the request bodies each output kind produces."""

from __future__ import annotations

import dataclasses
import inspect
import itertools
from typing import Any

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ai_sdk.core.generate_object import generate_object, generate_object_sync, stream_object, stream_object_sync
from ai_sdk.core.generate_text import generate_text, generate_text_sync
from ai_sdk.core.output import Output
from ai_sdk.core.partial_json import is_prefix_extension
from ai_sdk.core.stop_condition import step_count_is
from ai_sdk.core.stream_text import stream_text, stream_text_sync
from ai_sdk.core.tool import tool
from ai_sdk.openai_compatible.chat.request import build_chat_request
from ai_sdk.spec import (
    CallOptions,
    Finish,
    FinishReason,
    GenerateResult,
    ModelToolCall,
    ResponseFormat,
    StreamStart,
    Text,
    TextDelta,
    TextEnd,
    TextStart,
    Usage,
)
from ai_sdk.spec._json import dumps_str
from ai_sdk.spec.errors import (
    APICallError,
    InvalidArgumentError,
    JSONParseError,
    NoObjectGeneratedError,
    TypeValidationError,
)
from ai_sdk.testing import MockLanguageModel
from ai_sdk.testing.openapi import schema_errors

MODES = ["sync", "async"]
USAGE = Usage(input_tokens=10, output_tokens=20, total_tokens=30)


class City(pydantic.BaseModel):
    name: str
    population: int


@dataclasses.dataclass
class Step:
    order: int
    text: str


RECIPE_SCHEMA = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "steps": {"type": "array", "items": {"type": "string"}}},
    "required": ["name", "steps"],
    "additionalProperties": False,
}


def generated(text: str, finish: str = "stop") -> GenerateResult:
    return GenerateResult(content=[Text(text)], finish_reason=FinishReason(finish, finish), usage=USAGE)  # type: ignore[arg-type]


def streamed(text: str, chunks: list[int] | None = None, finish: str = "stop") -> list[Any]:
    """Stream parts delivering ``text`` cut at the ``chunks`` offsets (default: 5 characters a delta)."""
    points = sorted({0, len(text), *(chunks if chunks is not None else range(0, len(text), 5))})
    deltas = [TextDelta("t", text[a:b]) for a, b in itertools.pairwise(points) if b > a]
    return [
        StreamStart(),
        TextStart("t"),
        *deltas,
        TextEnd("t"),
        Finish(FinishReason(finish, finish), USAGE),  # type: ignore[arg-type]
    ]


def model_for(text: str, finish: str = "stop", chunks: list[int] | None = None) -> MockLanguageModel:
    return MockLanguageModel(do_generate=generated(text, finish), do_stream=streamed(text, chunks, finish))


async def run_generate(mode: str, **kwargs: Any) -> Any:
    kwargs.setdefault("prompt", "x")
    if mode == "sync":
        return generate_object_sync(**kwargs)
    return await generate_object(**kwargs)


def start_stream(mode: str, **kwargs: Any) -> Any:
    kwargs.setdefault("prompt", "x")
    return stream_object_sync(**kwargs) if mode == "sync" else stream_object(**kwargs)


async def collect(iterable: Any, mode: str, into: list[Any] | None = None) -> list[Any]:
    """Every item of a sync or async iterable, appended to ``into`` as it arrives."""
    items = [] if into is None else into
    if mode == "sync":
        items.extend(iterable)
    else:
        async for item in iterable:
            items.append(item)
    return items


async def final(result: Any, name: str, mode: str) -> Any:
    value = getattr(result, name)
    return value if mode == "sync" else await value


# ------------------------------------------------------------------------------- generate_object


@pytest.mark.parametrize("mode", MODES)
async def test_object_from_a_pydantic_model(mode: str) -> None:
    model = model_for('{"name": "Oslo", "population": 709000}')
    result = await run_generate(mode, model=model, schema=City, prompt="a city", schema_name="city")
    assert result.object == City(name="Oslo", population=709000)
    assert result.finish_reason == "stop"
    assert result.usage == USAGE
    assert result.warnings == []
    assert result.response.model_id == "mock-model-id"
    options = model.calls[0]
    assert options.response_format == ResponseFormat(
        type="json",
        schema={
            "properties": {
                "name": {"title": "Name", "type": "string"},
                "population": {"title": "Population", "type": "integer"},
            },
            "required": ["name", "population"],
            "title": "City",
            "type": "object",
            "additionalProperties": False,
        },
        name="city",
    )


@pytest.mark.parametrize("mode", MODES)
async def test_object_result_values_are_the_generation_s(mode: str) -> None:
    answer = GenerateResult(
        content=[Text('{"name": "Oslo", "population": 709000}')],
        finish_reason=FinishReason("stop", "end_turn"),
        usage=Usage(input_tokens=1, output_tokens=2, total_tokens=3, cost=0.5),
    )
    result = await run_generate(mode, model=MockLanguageModel(do_generate=answer), schema=City)
    text_result = generate_text_sync(
        model=MockLanguageModel(do_generate=answer), prompt="x", output=Output.object(City)
    )
    assert result.usage == text_result.total_usage == answer.usage
    assert result.raw_finish_reason == text_result.raw_finish_reason == "end_turn"
    assert result.finish_reason == "stop"
    assert result.reasoning is None
    assert result.response.messages == text_result.response.messages != []
    assert repr(result) == (
        f"GenerateObjectResult(object={result.object!r}, finish_reason='stop', usage={result.usage!r}, "
        f"warnings=[], request={result.request!r}, response={result.response!r}, provider_metadata=None, "
        "reasoning=None, raw_finish_reason='end_turn')"
    )


def test_object_results_document_each_value() -> None:
    from ai_sdk.core.generate_object import GenerateObjectResult, StreamObjectResult, SyncStreamObjectResult

    for cls in (GenerateObjectResult, StreamObjectResult, SyncStreamObjectResult):
        for name in ("usage", "finish_reason", "raw_finish_reason", "reasoning", "response", "warnings"):
            assert getattr(cls, name).__doc__, (cls, name)
    assert "summed over every step" in (GenerateObjectResult.usage.__doc__ or "")


@pytest.mark.parametrize("mode", MODES)
async def test_array_output(mode: str) -> None:
    model = model_for('{"elements": [{"order": 1, "text": "boil"}, {"order": 2, "text": "eat"}]}')
    result = await run_generate(mode, model=model, schema=Step, output="array", schema_description="steps")
    assert result.object == [Step(1, "boil"), Step(2, "eat")]
    response_format = model.calls[0].response_format
    assert response_format.description == "steps"
    assert response_format.schema["properties"]["elements"]["items"]["title"] == "Step"
    assert response_format.schema["required"] == ["elements"]


@pytest.mark.parametrize("mode", MODES)
async def test_enum_output(mode: str) -> None:
    model = model_for('{"result": "negative"}')
    result = await run_generate(mode, model=model, output="enum", enum=["positive", "negative"], prompt="x")
    assert result.object == "negative"
    assert model.calls[0].response_format.schema == {
        "type": "object",
        "properties": {"result": {"type": "string", "enum": ["positive", "negative"]}},
        "required": ["result"],
        "additionalProperties": False,
    }


@pytest.mark.parametrize("mode", MODES)
async def test_no_schema_output(mode: str) -> None:
    model = model_for('{"anything": [1, true]}')
    result = await run_generate(mode, model=model, output="no-schema", prompt="x")
    assert result.object == {"anything": [1, True]}
    assert model.calls[0].response_format == ResponseFormat(type="json")


@pytest.mark.parametrize("mode", MODES)
async def test_json_schema_dict(mode: str) -> None:
    model = model_for('{"name": "soup", "steps": ["heat"]}')
    result = await run_generate(mode, model=model, schema=RECIPE_SCHEMA, prompt="x")
    assert result.object == {"name": "soup", "steps": ["heat"]}
    assert model.calls[0].response_format.schema == RECIPE_SCHEMA


@pytest.mark.parametrize("mode", MODES)
async def test_settings_reach_the_model(mode: str) -> None:
    model = model_for('{"result": "a"}')
    await run_generate(
        mode,
        model=model,
        output="enum",
        enum=["a"],
        system="be brief",
        prompt="x",
        temperature=0.1,
        max_output_tokens=50,
        seed=7,
        headers={"x-test": "1"},
        provider_options={"deepinfra": {"top_k": 3}},
    )
    options = model.calls[0]
    assert (options.temperature, options.max_output_tokens, options.seed) == (0.1, 50, 7)
    assert options.headers == {"x-test": "1"}
    assert options.provider_options == {"deepinfra": {"top_k": 3}}
    assert len(options.prompt) == 2


@pytest.mark.parametrize("mode", MODES)
async def test_text_that_is_not_json_raises_no_object_generated(mode: str) -> None:
    model = model_for("I cannot answer in JSON, sorry.")
    with pytest.raises(NoObjectGeneratedError) as caught:
        await run_generate(mode, model=model, schema=City, prompt="x")
    error = caught.value
    assert error.text == "I cannot answer in JSON, sorry."
    assert isinstance(error.cause, JSONParseError)
    assert error.usage == USAGE
    assert error.finish_reason == "stop"
    assert error.response.model_id == "mock-model-id"


@pytest.mark.parametrize("mode", MODES)
async def test_json_of_the_wrong_shape_raises_no_object_generated(mode: str) -> None:
    model = model_for('{"name": "Oslo", "population": "many"}')
    with pytest.raises(NoObjectGeneratedError, match="does not match the schema") as caught:
        await run_generate(mode, model=model, schema=City, prompt="x")
    assert isinstance(caught.value.cause, TypeValidationError)


@pytest.mark.parametrize("mode", MODES)
async def test_repair_text_fixes_the_text_once(mode: str) -> None:
    calls: list[tuple[str, Exception]] = []

    def repair(text: str, error: Exception) -> str:
        calls.append((text, error))
        return text.removeprefix("```json").removesuffix("```")

    model = model_for('```json{"name": "Rome", "population": 2800000}```')
    result = await run_generate(mode, model=model, schema=City, prompt="x", repair_text=repair)
    assert result.object == City(name="Rome", population=2800000)
    assert len(calls) == 1
    assert isinstance(calls[0][1], JSONParseError)


async def test_repair_text_may_be_async_in_the_async_api() -> None:
    async def repair(text: str, error: Exception) -> str:
        assert isinstance(error, TypeValidationError)
        return text.replace('"many"', "3")

    model = model_for('{"name": "Oslo", "population": "many"}')
    result = await generate_object(model=model, schema=City, prompt="x", repair_text=repair)
    assert result.object == City(name="Oslo", population=3)


def test_an_async_repair_text_in_the_blocking_api_says_what_to_do() -> None:
    async def repair(text: str, error: Exception) -> str:
        return text

    with pytest.raises(InvalidArgumentError, match="cannot await an async repair_text"):
        generate_object_sync(model=model_for("nope"), schema=City, prompt="x", repair_text=repair)  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", MODES)
async def test_repair_text_giving_up_raises_the_original_error(mode: str) -> None:
    with pytest.raises(NoObjectGeneratedError) as caught:
        await run_generate(mode, model=model_for("nope"), schema=City, prompt="x", repair_text=lambda t, e: None)
    assert caught.value.text == "nope"


@pytest.mark.parametrize("mode", MODES)
async def test_a_failed_repair_raises_with_the_repaired_text(mode: str) -> None:
    with pytest.raises(NoObjectGeneratedError) as caught:
        await run_generate(mode, model=model_for("nope"), schema=City, prompt="x", repair_text=lambda t, e: "{}")
    assert caught.value.text == "{}"
    assert isinstance(caught.value.cause, TypeValidationError)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "needs a schema"),
        ({"output": "array"}, "needs a schema"),
        ({"output": "enum"}, r"needs enum=\[...\]"),
        ({"output": "enum", "enum": ["a"], "schema": City}, "takes no schema"),
        ({"output": "no-schema", "schema": City}, "takes no schema"),
        ({"output": "object", "schema": City, "enum": ["a"]}, "only for output='enum'"),
        ({"output": "no-schema", "enum": ["a"]}, "only for output='enum'"),
        ({"output": "table"}, "'object', 'array', 'enum' or 'no-schema'"),
    ],
)
@pytest.mark.parametrize("mode", MODES)
async def test_bad_arguments_are_rejected_before_any_call(mode: str, kwargs: dict[str, Any], message: str) -> None:
    model = model_for("{}")
    with pytest.raises(InvalidArgumentError, match=message):
        await run_generate(mode, model=model, prompt="x", **kwargs)
    assert model.calls == []


@pytest.mark.parametrize("mode", MODES)
async def test_api_errors_pass_through_unchanged(mode: str) -> None:
    error = APICallError(
        "json_schema response format is not supported for model some/model",
        url="https://api.deepinfra.com/v1/openai/chat/completions",
        status_code=405,
    )
    model = MockLanguageModel(do_generate=error, do_stream=[error])
    with pytest.raises(APICallError, match="response format is not supported"):
        await run_generate(mode, model=model, schema=City, prompt="x", max_retries=0)


# ------------------------------------------------------------------------ generate_text(output=...)


@pytest.mark.parametrize("mode", MODES)
async def test_structured_answer_after_tool_calls(mode: str) -> None:
    lookups: list[str] = []

    def lookup(name: str) -> dict[str, Any]:
        lookups.append(name)
        return {"population": 709000}

    city_tool = tool(execute=lookup, description="Population of a city", name="population")
    answer = '{"name": "Oslo", "population": 709000}'
    model = MockLanguageModel(
        do_generate=[
            GenerateResult(
                content=[ModelToolCall("call-1", "population", '{"name": "Oslo"}')],
                finish_reason=FinishReason("tool-calls", "tool_calls"),
                usage=USAGE,
            ),
            generated(answer),
        ],
        do_stream=[
            [
                StreamStart(),
                ModelToolCall("call-1", "population", '{"name": "Oslo"}'),
                Finish(FinishReason("tool-calls", "tool_calls"), USAGE),
            ],
            streamed(answer),
        ],
    )
    kwargs: dict[str, Any] = {
        "model": model,
        "prompt": "How many live in Oslo?",
        "tools": [city_tool],
        "stop_when": step_count_is(3),
        "output": Output.object(City),
    }
    if mode == "sync":
        result = generate_text_sync(**kwargs)
    else:
        result = await generate_text(**kwargs)
    assert result.output == City(name="Oslo", population=709000)
    assert len(result.steps) == 2
    assert lookups == ["Oslo"]
    assert all(call.response_format == Output.object(City).response_format() for call in model.calls)

    streaming = stream_text_sync(**kwargs) if mode == "sync" else stream_text(**kwargs)
    partials = await collect(streaming.partial_output_stream, mode)
    assert partials[-1] == {"name": "Oslo", "population": 709000}
    assert await final(streaming, "output", mode) == City(name="Oslo", population=709000)
    assert lookups == ["Oslo", "Oslo"]


# ------------------------------------------------------------------------------------ stream_object


@pytest.mark.parametrize("mode", MODES)
async def test_stream_object_partials_grow_and_end_in_the_validated_object(mode: str) -> None:
    text = '{"name": "Oslo", "population": 709000}'
    result = start_stream(mode, model=model_for(text, chunks=list(range(len(text)))), schema=City, prompt="x")
    partials = await collect(result.partial_object_stream, mode)
    assert partials[0] == {}
    assert partials[-1] == {"name": "Oslo", "population": 709000}
    assert all(is_prefix_extension(a, b) for a, b in itertools.pairwise(partials))
    assert all(a != b for a, b in itertools.pairwise(partials))
    assert await final(result, "object", mode) == City(name="Oslo", population=709000)
    assert "".join(await collect(result.text_stream, mode)) == text
    assert await final(result, "usage", mode) == USAGE
    assert await final(result, "finish_reason", mode) == "stop"


@pytest.mark.parametrize("mode", MODES)
async def test_stream_object_full_stream_and_metadata(mode: str) -> None:
    result = start_stream(mode, model=model_for('{"result": "yes"}'), output="enum", enum=["yes", "no"])
    kinds = [part.type for part in await collect(result.full_stream, mode)]
    assert kinds[0] == "start"
    assert kinds[-1] == "finish"
    assert "text-delta" in kinds
    assert await final(result, "object", mode) == "yes"
    assert await final(result, "warnings", mode) == []
    assert (await final(result, "response", mode)).model_id == "mock-model-id"
    assert await final(result, "reasoning", mode) is None
    assert await final(result, "provider_metadata", mode) is None
    assert (await final(result, "request", mode)).body is None
    assert await final(result, "raw_finish_reason", mode) == "stop"


@pytest.mark.parametrize("mode", MODES)
async def test_stream_object_enum_partials(mode: str) -> None:
    result = start_stream(
        mode,
        model=model_for('{"result": "negative"}', chunks=list(range(30))),
        output="enum",
        enum=["positive", "negative"],
    )
    assert await collect(result.partial_object_stream, mode) == ["negative"]


@pytest.mark.parametrize("mode", MODES)
async def test_stream_object_not_json_raises_when_the_object_is_read(mode: str) -> None:
    result = start_stream(mode, model=model_for("no JSON here"), schema=City)
    assert await collect(result.partial_object_stream, mode) == []
    with pytest.raises(NoObjectGeneratedError) as caught:
        await final(result, "object", mode)
    assert caught.value.text == "no JSON here"


@pytest.mark.parametrize("mode", MODES)
async def test_stream_object_repairs(mode: str) -> None:
    result = start_stream(
        mode, model=model_for('{"name": "Oslo"}'), schema=City, repair_text=lambda t, e: t[:-1] + ', "population": 1}'
    )
    assert await final(result, "object", mode) == City(name="Oslo", population=1)
    assert await final(result, "object", mode) == City(name="Oslo", population=1)  # read again: cached


@pytest.mark.parametrize("mode", MODES)
async def test_a_stream_error_surfaces_from_the_object(mode: str) -> None:
    error = APICallError("connection reset", url="https://example.test")
    model = MockLanguageModel(do_stream=[StreamStart(), TextStart("t"), TextDelta("t", '{"na'), error])
    result = start_stream(mode, model=model, schema=City)
    with pytest.raises(APICallError, match="connection reset"):
        await final(result, "object", mode)


@pytest.mark.parametrize("mode", MODES)
async def test_closing_early_releases_the_model_stream(mode: str) -> None:
    model = model_for('{"elements": [{"order": 1, "text": "a"}, {"order": 2, "text": "b"}]}')
    result = start_stream(mode, model=model, schema=Step, output="array")
    if mode == "sync":
        with result:
            next(iter(result.partial_object_stream))
    else:
        async with result:
            await result.partial_object_stream.__anext__()
    assert model.streams[0].closed


ELEMENTS = [{"order": i, "text": f"step {i} \u00e9\n"} for i in range(4)]


@pytest.mark.parametrize("mode", MODES)
async def test_element_stream_yields_each_validated_element_once(mode: str) -> None:
    text = dumps_str({"elements": ELEMENTS})
    result = start_stream(mode, model=model_for(text, chunks=list(range(len(text)))), schema=Step, output="array")
    elements = await collect(result.element_stream, mode)
    assert elements == [Step(**element) for element in ELEMENTS]
    assert await final(result, "object", mode) == elements


@pytest.mark.parametrize("mode", MODES)
async def test_element_stream_and_partials_can_both_be_read(mode: str) -> None:
    text = dumps_str({"elements": ELEMENTS})
    result = start_stream(mode, model=model_for(text), schema=Step, output="array")
    partials = await collect(result.partial_object_stream, mode)
    elements = await collect(result.element_stream, mode)
    assert partials[-1] == ELEMENTS
    assert elements == [Step(**element) for element in ELEMENTS]


@settings(max_examples=40, deadline=None)
@given(
    elements=st.lists(
        st.builds(dict, order=st.integers(-(10**6), 10**6), text=st.text(max_size=8)), min_size=0, max_size=5
    ),
    cuts=st.lists(st.integers(min_value=0, max_value=500), max_size=40),
    indent=st.booleans(),
)
def test_element_stream_never_yields_a_partial_element(
    elements: list[dict[str, Any]], cuts: list[int], indent: bool
) -> None:
    import json

    text = json.dumps({"elements": elements}, indent=2 if indent else None)
    model = model_for(text, chunks=[cut % (len(text) + 1) for cut in cuts])
    result = stream_object_sync(model=model, schema=Step, output="array", prompt="x")
    yielded = []
    for element in result.element_stream:
        # Every element is complete when yielded: it equals the element of the whole answer at its index.
        assert element == Step(**elements[len(yielded)])
        yielded.append(element)
    assert yielded == [Step(**element) for element in elements]


@pytest.mark.parametrize("mode", MODES)
async def test_element_stream_stops_at_an_invalid_element_and_raises_at_the_end(mode: str) -> None:
    text = dumps_str(
        {"elements": [{"order": 1, "text": "ok"}, {"order": "x", "text": "bad"}, {"order": 3, "text": "c"}]}
    )
    result = start_stream(mode, model=model_for(text), schema=Step, output="array")
    yielded: list[Any] = []
    with pytest.raises(NoObjectGeneratedError, match="element 1"):
        await collect(result.element_stream, mode, into=yielded)
    assert yielded == [Step(1, "ok")]


@pytest.mark.parametrize("mode", MODES)
async def test_element_stream_is_only_for_arrays(mode: str) -> None:
    result = start_stream(mode, model=model_for("{}"), schema=City)
    with pytest.raises(InvalidArgumentError, match="output='array'"):
        result.element_stream  # noqa: B018


# ------------------------------------------------------------------------------ HTTP request bodies


def chat_body(options: CallOptions, **provider: Any) -> dict[str, Any]:
    if provider:
        options = dataclasses.replace(options, provider_options={"deepinfra": provider})
    return build_chat_request(
        "meta-llama/Llama-3.3-70B-Instruct", options, provider_options_key="deepinfra", stream=False
    ).body


async def captured_options(**kwargs: Any) -> CallOptions:
    model = model_for(kwargs.pop("answer"))
    await generate_object(model=model, prompt="x", **kwargs)
    return model.calls[0]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        (
            {"schema": City, "answer": '{"name": "a", "population": 1}'},
            {
                "type": "json_schema",
                "json_schema": {
                    "schema": Output.object(City).response_format().schema,
                    "strict": True,
                    "name": "response",
                },
            },
        ),
        (
            {
                "schema": City,
                "schema_name": "city",
                "schema_description": "A city",
                "answer": '{"name": "a", "population": 1}',
            },
            {
                "type": "json_schema",
                "json_schema": {
                    "schema": Output.object(City).response_format().schema,
                    "strict": True,
                    "name": "city",
                    "description": "A city",
                },
            },
        ),
        (
            {"schema": Step, "output": "array", "answer": '{"elements": []}'},
            {
                "type": "json_schema",
                "json_schema": {
                    "schema": Output.array(Step).response_format().schema,
                    "strict": True,
                    "name": "response",
                },
            },
        ),
        (
            {"output": "enum", "enum": ["a", "b"], "answer": '{"result": "a"}'},
            {
                "type": "json_schema",
                "json_schema": {
                    "schema": {
                        "type": "object",
                        "properties": {"result": {"type": "string", "enum": ["a", "b"]}},
                        "required": ["result"],
                        "additionalProperties": False,
                    },
                    "strict": True,
                    "name": "response",
                },
            },
        ),
        ({"output": "no-schema", "answer": "{}"}, {"type": "json_object"}),
    ],
)
async def test_chat_request_body_for_each_output_kind(kwargs: dict[str, Any], expected: dict[str, Any]) -> None:
    body = chat_body(await captured_options(**kwargs))
    assert body["response_format"] == expected
    assert schema_errors("OpenAIChatCompletionsIn", body) == []


async def test_strict_json_schema_provider_option_turns_strictness_off() -> None:
    options = await captured_options(schema=City, answer='{"name": "a", "population": 1}')
    body = chat_body(options, strict_json_schema=False)
    assert body["response_format"]["json_schema"]["strict"] is False
    assert schema_errors("OpenAIChatCompletionsIn", body) == []


@pytest.mark.parametrize("mode", MODES)
async def test_deepinfra_end_to_end_request_body(mode: str) -> None:
    from ai_sdk.deepinfra import create_deepinfra
    from ai_sdk.spec._json import loads
    from ai_sdk.testing import MockTransport
    from ai_sdk.testing.mock_transport import MockResponse

    answer = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1732684495,
        "model": "meta-llama/Llama-3.3-70B-Instruct",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": '{"elements": [{"order": 1, "text": "a"}]}'},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12, "estimated_cost": 1e-06},
    }
    transport = MockTransport(MockResponse.json(answer))
    provider = create_deepinfra(api_key="test-key", transport=transport, async_transport=transport)
    result = await run_generate(
        mode, model=provider("meta-llama/Llama-3.3-70B-Instruct"), schema=Step, output="array", schema_name="steps"
    )
    assert result.object == [Step(1, "a")]
    assert result.usage.cost == 1e-06
    body = loads(transport.last_request.body or b"")
    assert body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"schema": Output.array(Step).response_format().schema, "strict": True, "name": "steps"},
    }
    assert schema_errors("OpenAIChatCompletionsIn", body) == []


@pytest.mark.parametrize("function", [generate_object, stream_object, generate_object_sync, stream_object_sync])
def test_help_shows_the_object_functions_arguments(function: Any) -> None:
    parameters = inspect.signature(function).parameters
    assert list(parameters) == ["model", "schema", "output", "settings"]
    assert parameters["output"].default == "object"
    assert "ObjectSettings" in str(parameters["settings"].annotation)

"""Tool construction (schemas, docstrings, @tool) and prepare_tools."""

from __future__ import annotations

import dataclasses
import inspect
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, Field, TypeAdapter
from typing_extensions import TypedDict

from ai_sdk.core.tool import (
    PreparedTools,
    Tool,
    ToolCallOptions,
    ToolFunction,
    prepare_tools,
    tool,
)
from ai_sdk.errors import InvalidArgumentError, TypeValidationError
from ai_sdk.spec import FunctionTool, ToolChoice


class Location(BaseModel):
    city: str
    country: str | None = None


class WeatherInput(BaseModel):
    """Where and how."""

    location: Location
    unit: str = "c"
    title: str = "t"


class TreeNode(BaseModel):
    value: int
    children: list[TreeNode] = []


@dataclasses.dataclass
class Point:
    x: int
    y: int


class Movie(TypedDict):
    name: str
    year: int


def walk(node: Any) -> list[Any]:
    """Every dict in a schema (to look for leftovers such as titles)."""
    found = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found.extend(walk(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(walk(value))
    return found


def no_titles(schema: dict[str, Any]) -> bool:
    return all(not isinstance(node.get("title"), str) for node in walk(schema))


# ------------------------------------------------------------------------------------ input schemas


def test_pydantic_model_schema_is_clean_and_validates_to_an_instance() -> None:
    weather = tool(description="Weather", input_schema=WeatherInput, execute=lambda w: w.location.city)
    assert isinstance(weather, Tool)
    assert weather.description == "Weather"
    assert weather.input_schema == {
        "description": "Where and how.",
        "type": "object",
        "properties": {
            "location": {
                "type": "object",
                "properties": {
                    "city": {"type": "string"},
                    "country": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None},
                },
                "required": ["city"],
                "additionalProperties": False,
            },
            "unit": {"type": "string", "default": "c"},
            "title": {"type": "string", "default": "t"},
        },
        "required": ["location"],
        "additionalProperties": False,
    }
    value = weather.validate_input({"location": {"city": "Paris"}})
    assert isinstance(value, WeatherInput)
    assert value.location.city == "Paris"


def test_recursive_models_keep_their_defs() -> None:
    schema = tool(input_schema=TreeNode).input_schema
    assert no_titles(schema)
    assert schema["properties"]["children"]["items"] == {"$ref": "#/$defs/TreeNode"}
    assert set(schema["$defs"]) == {"TreeNode"}
    assert schema["$defs"]["TreeNode"]["properties"]["children"]["items"] == {"$ref": "#/$defs/TreeNode"}


def test_dataclass_typeddict_and_type_adapter_inputs() -> None:
    point = tool(input_schema=Point)
    assert point.validate_input({"x": 1, "y": "2"}) == Point(1, 2)
    assert point.input_schema["required"] == ["x", "y"]
    assert no_titles(point.input_schema)
    movie = tool(input_schema=Movie)
    assert movie.validate_input({"name": "Up", "year": 2009}) == {"name": "Up", "year": 2009}
    adapter = tool(input_schema=TypeAdapter(Point))
    assert adapter.validate_input({"x": 0, "y": 0}) == Point(0, 0)


def test_pydantic_validation_errors_are_readable() -> None:
    weather = tool(input_schema=WeatherInput)
    with pytest.raises(TypeValidationError, match=r"location.city: Field required") as caught:
        weather.validate_input({"location": {}})
    assert caught.value.value == {"location": {}}


def test_json_schema_dict_is_sent_as_given_and_checked() -> None:
    schema = {
        "type": "object",
        "properties": {"city": {"type": "string"}, "days": {"type": "integer"}},
        "required": ["city"],
    }
    forecast = tool(description="Forecast", input_schema=schema)
    assert forecast.input_schema == schema
    assert forecast.validate_input({"city": "Oslo", "days": 3}) == {"city": "Oslo", "days": 3}
    with pytest.raises(TypeValidationError, match="city"):
        forecast.validate_input({"days": 3})
    with pytest.raises(TypeValidationError, match="object"):
        forecast.validate_input(["Oslo"])
    with pytest.raises(TypeValidationError, match="days"):
        forecast.validate_input({"city": "Oslo", "days": "three"})


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"input_schema": object()}, "input_schema"),
        ({"input_schema": {"type": 5}}, "type"),
        ({"input_schema": Point, "execute": 3}, "execute must be a function"),
        ({"input_schema": Point, "description": 3}, "description must be a string"),
        ({"input_schema": Point, "name": 3}, "name must be a string"),
    ],
)
def test_bad_tool_arguments(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        tool(**kwargs)


def test_tool_class_needs_a_schema() -> None:
    with pytest.raises(InvalidArgumentError, match="a tool needs an input_schema"):
        Tool(input_schema=None)


def test_tool_class_takes_the_same_arguments_as_tool() -> None:
    made = Tool(input_schema=Point, description="d", name="point", execute=lambda p: p.x)
    assert (made.name, made.description, made(Point(4, 5))) == ("point", "d", 4)
    assert repr(made) == "Tool(name='point', description='d')"


def test_a_tool_without_execute_cannot_be_called() -> None:
    with pytest.raises(TypeError, match="no execute"):
        tool(input_schema=Point, name="p")(Point(1, 1))


# ---------------------------------------------------------------------------------------------- @tool


@tool
def get_weather(city: str, unit: str = "celsius") -> str:
    """Get the current weather for a city.

    Uses the latest observations.

    Args:
        city: The city, e.g. "Paris".
        unit (str): Either "celsius" or
            "fahrenheit".

    Returns:
        A short description.
    """
    return f"sunny in {city} ({unit})"


def test_decorated_function_becomes_a_tool_and_stays_callable() -> None:
    assert isinstance(get_weather, ToolFunction)
    assert get_weather.name == "get_weather"
    assert get_weather.description == "Get the current weather for a city.\n\nUses the latest observations."
    assert get_weather.input_schema == {
        "type": "object",
        "properties": {
            "city": {"type": "string", "description": 'The city, e.g. "Paris".'},
            "unit": {"type": "string", "default": "celsius", "description": 'Either "celsius" or "fahrenheit".'},
        },
        "required": ["city"],
        "additionalProperties": False,
    }
    assert get_weather("Rome") == "sunny in Rome (celsius)"
    assert get_weather(city="Oslo", unit="f") == "sunny in Oslo (f)"
    assert get_weather.__name__ == "get_weather"
    assert get_weather.__doc__ is not None
    assert get_weather.__doc__.startswith("Get the current weather")
    assert get_weather.is_async is False


def test_decorator_with_arguments_overrides_name_and_description() -> None:
    @tool(name="lookup", description="Look something up.")
    def find(query: str) -> list[str]:
        """Ignored docstring."""
        return [query]

    assert (find.name, find.description) == ("lookup", "Look something up.")
    assert find("q") == ["q"]


def test_tool_with_execute_only_derives_the_schema_like_the_decorator() -> None:
    def add(a: int, b: int) -> int:
        """Add two numbers."""
        return a + b

    made = tool(execute=add, description="Sum")
    assert isinstance(made, ToolFunction)
    assert made.description == "Sum"
    assert made.input_schema["required"] == ["a", "b"]
    assert made(2, 3) == 5


async def test_async_function_tool() -> None:
    @tool
    async def fetch(url: str) -> str:
        """Fetch a page."""
        return f"<html>{url}</html>"

    assert fetch.is_async is True
    assert inspect.iscoroutinefunction(fetch.execute)
    assert await fetch("u") == "<html>u</html>"


def test_sphinx_and_numpy_docstrings() -> None:
    @tool
    def sphinx(city: str, days: int) -> str:
        """Forecast.

        :param city: The city
            name.
        :param int days: How many days.
        :returns: text
        """
        return city

    @tool
    def numpy(city: str, days: int) -> str:
        """Forecast.

        Parameters
        ----------
        city : str
            The city name.
        days : int
            How many days.
        """
        return city

    for made in (sphinx, numpy):
        assert made.description == "Forecast."
        assert made.input_schema["properties"]["city"]["description"] == "The city name."
        assert made.input_schema["properties"]["days"]["description"] == "How many days."


def test_field_descriptions_win_over_the_docstring_and_field_defaults_work() -> None:
    @tool
    def search(
        query: Annotated[str, Field(description="From Field.")],
        limit: int = Field(5, description="Max results.", ge=1),
    ) -> list[str]:
        """Search.

        Args:
            query: From the docstring.
        """
        return [query] * limit

    props = search.input_schema["properties"]
    assert props["query"]["description"] == "From Field."
    assert props["limit"] == {"type": "integer", "default": 5, "description": "Max results.", "minimum": 1}
    assert search.input_schema["required"] == ["query"]
    with pytest.raises(TypeValidationError, match="limit"):
        search.validate_input({"query": "x", "limit": 0})


def test_awkward_parameter_names_and_kinds() -> None:
    @tool
    def odd(schema: str, copy: int, /, json: bool = False, *, model_config: str = "x") -> str:
        """Odd names."""
        return f"{schema}{copy}{json}{model_config}"

    assert odd.input_schema["required"] == ["schema", "copy"]
    assert set(odd.input_schema["properties"]) == {"schema", "copy", "json", "model_config"}
    value = odd.validate_input({"schema": "s", "copy": 1, "model_config": "m"})
    assert odd.run(value, ToolCallOptions("id", [])) == "s1Falsem"


def test_unannotated_parameters_accept_anything() -> None:
    @tool
    def echo(value) -> Any:  # type: ignore[no-untyped-def]
        """Echo."""
        return value

    assert echo.input_schema["properties"] == {"value": {}}
    assert echo.input_schema["required"] == ["value"]


def test_tool_call_options_parameter_is_injected_not_exposed() -> None:
    @tool
    def who(name: str, options: ToolCallOptions) -> str:
        """Who called."""
        return f"{name}:{options.tool_call_id}"

    assert set(who.input_schema["properties"]) == {"name"}
    assert who.run(who.validate_input({"name": "n"}), ToolCallOptions("call-1", [])) == "n:call-1"


def test_function_without_parameters_has_an_empty_object_schema() -> None:
    @tool
    def now() -> str:
        """The time."""
        return "noon"

    assert now.input_schema == {"type": "object", "properties": {}, "additionalProperties": False}


@pytest.mark.parametrize("signature", ["*args: int", "**kwargs: int"])
def test_variadic_parameters_are_rejected(signature: str) -> None:
    namespace: dict[str, Any] = {}
    exec(f"def f({signature}) -> None: ...", namespace)
    with pytest.raises(InvalidArgumentError, match="tools need named parameters"):
        tool(namespace["f"])


def test_unresolvable_annotations_are_reported() -> None:
    class Local(BaseModel):
        x: int

    def uses_local(value: Local) -> None: ...

    with pytest.raises(InvalidArgumentError, match="cannot read the signature of tool function 'uses_local'"):
        tool(uses_local)


def test_function_and_schema_together_are_rejected() -> None:
    with pytest.raises(InvalidArgumentError, match="not both"):
        tool(get_weather.execute, input_schema=Point)  # type: ignore[call-overload]


# ---------------------------------------------------------------------------------------- prepare_tools

point_tool = tool(description="A point", input_schema=Point, name="point")


@pytest.mark.parametrize("tools", [None, {}, []])
def test_no_tools_sends_nothing(tools: Any) -> None:
    assert prepare_tools(tools, None) == PreparedTools(None, None, {})
    assert prepare_tools(tools, "required") == PreparedTools(None, None, {})


def test_dict_of_tools_uses_the_keys_as_names() -> None:
    prepared = prepare_tools({"weather": get_weather, "where": point_tool}, None)
    assert prepared.tools == {"weather": get_weather, "where": point_tool}
    assert prepared.function_tools == [
        FunctionTool("weather", get_weather.input_schema, get_weather.description),
        FunctionTool("where", point_tool.input_schema, "A point"),
    ]
    assert prepared.tool_choice == ToolChoice("auto")


def test_list_of_named_tools() -> None:
    prepared = prepare_tools([get_weather, point_tool], "required")
    assert list(prepared.tools) == ["get_weather", "point"]
    assert prepared.tool_choice == ToolChoice("required")


@pytest.mark.parametrize(
    ("tools", "match"),
    [
        ([tool(input_schema=Point)], r"tools\[0\] has no name; pass tools as a dict .* or make the tool with @tool"),
        ([point_tool, point_tool], "two tools are named 'point'"),
        (point_tool, r"got a single tool; pass a list \[my_tool\]"),
        ([lambda x: x], r"tools\[0\] is a plain function; decorate it with @tool"),
        ({"a": 3}, r"tools\['a'\] must be a Tool"),
        ({"get weather": point_tool}, "invalid tool name 'get weather'"),
        ({"x" * 65: point_tool}, "invalid tool name"),
        ("point", "tools must be a dict of name -> Tool or a list of named tools, got str"),
    ],
)
def test_bad_tool_sets(tools: Any, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match) as caught:
        prepare_tools(tools, None)
    assert caught.value.argument == "tools"


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("auto", ToolChoice("auto")),
        ("none", ToolChoice("none")),
        ("required", ToolChoice("required")),
        ({"type": "tool", "tool_name": "point"}, ToolChoice("tool", "point")),
        ({"type": "tool", "toolName": "point"}, ToolChoice("tool", "point")),
        ({"type": "none"}, ToolChoice("none")),
        (ToolChoice("tool", "get_weather"), ToolChoice("tool", "get_weather")),
    ],
)
def test_tool_choices(choice: Any, expected: ToolChoice) -> None:
    assert prepare_tools([get_weather, point_tool], choice).tool_choice == expected


@pytest.mark.parametrize(
    ("tools", "choice", "match"),
    [
        (
            [point_tool],
            {"type": "tool", "tool_name": "nope"},
            r"names tool 'nope', which is not among the tools \(point\)",
        ),
        (None, {"type": "tool", "tool_name": "nope"}, r"not among the tools \(none given\)"),
        ([point_tool], "point", "to force tool 'point' pass {'type': 'tool', 'tool_name': 'point'}"),
        ([point_tool], "any", "unknown tool choice 'any'; use 'auto', 'none', 'required'"),
        ([point_tool], {"type": "tool"}, "invalid tool choice"),
        ([point_tool], 3, "tool_choice must be"),
    ],
)
def test_bad_tool_choices(tools: Any, choice: Any, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match) as caught:
        prepare_tools(tools, choice)
    assert caught.value.argument == "tool_choice"

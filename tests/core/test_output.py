"""Output objects: the response formats they request, final parsing and validation, partial values;
and the schema conversion behind them."""

from __future__ import annotations

import dataclasses
from typing import Any

import jsonschema
import pydantic
import pytest

from ai_sdk.core.output import Output
from ai_sdk.core.partial_json import parse_partial_json
from ai_sdk.core.schema import as_schema
from ai_sdk.core.types import ResponseData
from ai_sdk.spec import FinishReasonType, ResponseFormat, Usage
from ai_sdk.spec.errors import (
    InvalidArgumentError,
    JSONParseError,
    NoObjectGeneratedError,
    TypeValidationError,
)

RESPONSE = ResponseData(id="resp-1", model_id="m")
USAGE = Usage(input_tokens=3, output_tokens=4, total_tokens=7)


class Ingredient(pydantic.BaseModel):
    name: str
    amount: float | None = None


class Recipe(pydantic.BaseModel):
    """A recipe."""

    name: str = pydantic.Field(description="the dish")
    ingredients: list[Ingredient]
    main: Ingredient = pydantic.Field(description="the star of the dish")


@dataclasses.dataclass
class Point:
    x: int
    y: int = 0


def complete(output: Output[Any], text: str, finish_reason: FinishReasonType = "stop") -> Any:
    return output.parse_complete(text, response=RESPONSE, usage=USAGE, finish_reason=finish_reason)


# ----------------------------------------------------------------------------------- response formats

INGREDIENT_SCHEMA = {
    "properties": {
        "name": {"title": "Name", "type": "string"},
        "amount": {"anyOf": [{"type": "number"}, {"type": "null"}], "title": "Amount"},
    },
    "required": ["name", "amount"],
    "title": "Ingredient",
    "type": "object",
    "additionalProperties": False,
}


def test_text_output_sends_no_response_format_and_returns_the_text() -> None:
    output = Output.text()
    assert output.response_format() is None
    assert complete(output, "not json {") == "not json {"
    assert output.parse_partial("Hel") == "Hel"
    assert output.parse_partial("") is None


def test_object_output_sends_a_strict_friendly_schema_with_name_and_description() -> None:
    output = Output.object(Recipe, name="recipe", description="A recipe to cook")
    assert output.response_format() == ResponseFormat(
        type="json",
        schema={
            "$defs": {"Ingredient": INGREDIENT_SCHEMA},
            "description": "A recipe.",
            "properties": {
                "name": {"description": "the dish", "title": "Name", "type": "string"},
                "ingredients": {"items": {"$ref": "#/$defs/Ingredient"}, "title": "Ingredients", "type": "array"},
                # a $ref with siblings (the field description) is inlined: strict mode rejects siblings
                "main": {**INGREDIENT_SCHEMA, "description": "the star of the dish"},
            },
            "required": ["name", "ingredients", "main"],
            "title": "Recipe",
            "type": "object",
            "additionalProperties": False,
        },
        name="recipe",
        description="A recipe to cook",
    )


def test_object_output_without_name_leaves_the_default_to_the_provider() -> None:
    response_format = Output.object(Point).response_format()
    assert response_format.name is None
    assert response_format.description is None
    assert response_format.schema == {
        "properties": {"x": {"title": "X", "type": "integer"}, "y": {"default": 0, "title": "Y", "type": "integer"}},
        "required": ["x", "y"],
        "title": "Point",
        "type": "object",
        "additionalProperties": False,
    }


def test_array_output_wraps_elements_and_keeps_definitions_at_the_root() -> None:
    output = Output.array(Recipe, name="recipes")
    response_format = output.response_format()
    schema = response_format.schema
    assert response_format.name == "recipes"
    assert schema is not None
    assert set(schema) == {"type", "properties", "required", "additionalProperties", "$defs"}
    assert schema["required"] == ["elements"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["elements"]["type"] == "array"
    assert schema["properties"]["elements"]["items"]["title"] == "Recipe"
    assert schema["$defs"] == {"Ingredient": INGREDIENT_SCHEMA}
    # The refs resolve: a real JSON-schema validator accepts a valid answer and rejects a bad one.
    good = {
        "elements": [{"name": "x", "ingredients": [{"name": "y", "amount": 1}], "main": {"name": "z", "amount": None}}]
    }
    jsonschema.validate(good, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"elements": [{**good["elements"][0], "ingredients": [{"name": 1, "amount": 1}]}]}, schema)


def test_choice_output_sends_an_enum_wrapped_in_result() -> None:
    assert Output.choice(["sunny", "rainy"], name="weather").response_format() == ResponseFormat(
        type="json",
        schema={
            "type": "object",
            "properties": {"result": {"type": "string", "enum": ["sunny", "rainy"]}},
            "required": ["result"],
            "additionalProperties": False,
        },
        name="weather",
    )


def test_json_output_sends_json_without_a_schema() -> None:
    assert Output.json().response_format() == ResponseFormat(type="json")
    assert Output.json(name="n", description="d").response_format() == ResponseFormat(
        type="json", name="n", description="d"
    )


def test_a_json_schema_dict_is_sent_exactly_as_given_and_copied() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}, "title": "T"}
    output = Output.object(schema)
    schema["properties"]["a"]["type"] = "string"
    assert output.response_format().schema == {"type": "object", "properties": {"a": {"type": "integer"}}, "title": "T"}


def test_type_adapter_and_list_types_are_accepted() -> None:
    assert as_schema(list[int]).json_schema == {"items": {"type": "integer"}, "type": "array"}
    assert as_schema(pydantic.TypeAdapter(Point)).validate({"x": 1}) == Point(1, 0)


def test_a_model_allowing_extra_fields_keeps_additional_properties() -> None:
    class Open(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(extra="allow")
        a: str

    assert as_schema(Open).json_schema["additionalProperties"] is True


def test_none_defaults_are_dropped_but_other_defaults_kept() -> None:
    class Defaults(pydantic.BaseModel):
        a: str | None = None
        b: int = 3

    properties = as_schema(Defaults).json_schema["properties"]
    assert "default" not in properties["a"]
    assert properties["b"]["default"] == 3


def test_a_field_named_like_a_keyword_is_not_mistaken_for_one() -> None:
    class Tricky(pydantic.BaseModel):
        properties: str
        type: int

    schema = as_schema(Tricky).json_schema
    assert schema["properties"]["properties"] == {"title": "Properties", "type": "string"}
    assert schema["required"] == ["properties", "type"]


@pytest.mark.parametrize("bad", [42, "not a schema", object()])
def test_something_that_is_not_a_schema_is_rejected_clearly(bad: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="pass a pydantic model"):
        Output.object(bad)


@pytest.mark.parametrize("options", [[], ["a", "a"], "ab", ["a", 1]])
def test_bad_choice_options_are_rejected(options: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="options"):
        Output.choice(options)


# ------------------------------------------------------------------------------------- final values


def test_object_output_returns_a_validated_model_instance() -> None:
    value = complete(Output.object(Recipe), '{"name": "x", "ingredients": [], "main": {"name": "egg"}}')
    assert value == Recipe(name="x", ingredients=[], main=Ingredient(name="egg"))


def test_text_that_is_not_json_raises_no_object_generated_with_everything_attached() -> None:
    with pytest.raises(NoObjectGeneratedError, match="not valid JSON") as caught:
        complete(Output.object(Recipe), "Sure! Here is your recipe")
    error = caught.value
    assert error.text == "Sure! Here is your recipe"
    assert error.response is RESPONSE
    assert error.usage is USAGE
    assert error.finish_reason == "stop"
    assert isinstance(error.cause, JSONParseError)


def test_json_of_the_wrong_shape_raises_no_object_generated_with_the_validation_error() -> None:
    with pytest.raises(NoObjectGeneratedError, match="does not match the schema") as caught:
        complete(Output.object(Recipe), '{"name": 1}')
    assert isinstance(caught.value.cause, TypeValidationError)
    assert caught.value.cause.value == {"name": 1}
    assert caught.value.text == '{"name": 1}'


def test_a_cut_off_answer_says_to_raise_the_token_limit() -> None:
    with pytest.raises(NoObjectGeneratedError, match="max_output_tokens") as caught:
        complete(Output.json(), '{"a": [1, 2', finish_reason="length")
    assert caught.value.finish_reason == "length"


def test_an_empty_answer_says_there_was_no_text() -> None:
    with pytest.raises(NoObjectGeneratedError, match=r"returned no text.*stop_when"):
        complete(Output.json(), "", finish_reason="tool-calls")


def test_array_output_unwraps_and_validates_each_element() -> None:
    output = Output.array(Point)
    assert complete(output, '{"elements": [{"x": 1}, {"x": 2, "y": 3}]}') == [Point(1, 0), Point(2, 3)]
    assert complete(output, '[{"x": 5}]') == [Point(5, 0)]  # a bare list is accepted too
    with pytest.raises(NoObjectGeneratedError, match="element 1") as caught:
        complete(output, '{"elements": [{"x": 1}, {"x": "no"}]}')
    assert isinstance(caught.value.cause, TypeValidationError)
    with pytest.raises(NoObjectGeneratedError, match="elements"):
        complete(output, '{"items": []}')


def test_choice_output_unwraps_the_result_and_rejects_other_values() -> None:
    output = Output.choice(["sunny", "rainy"])
    assert complete(output, '{"result": "rainy"}') == "rainy"
    assert complete(output, '"sunny"') == "sunny"
    with pytest.raises(NoObjectGeneratedError, match="one of"):
        complete(output, '{"result": "snowy"}')


def test_json_output_returns_any_json() -> None:
    assert complete(Output.json(), '[1, {"a": null}]') == [1, {"a": None}]


# ------------------------------------------------------------------------------------ partial values


def test_partial_object_values_grow_and_repeat_the_same_object_when_unchanged() -> None:
    output = Output.object(Recipe)
    first = output.parse_partial('{"name": "Lasa')
    assert first == {"name": "Lasa"}
    assert output.parse_partial('{"name": "Lasa') is first
    assert output.parse_partial('{"name": "Lasagna", "ingredients": [{"name": "eg') == {
        "name": "Lasagna",
        "ingredients": [{"name": "eg"}],
    }


def test_partial_array_values_are_the_elements_so_far() -> None:
    output = Output.array(Point)
    assert output.parse_partial('{"elem') is None
    assert output.parse_partial('{"elements": [') == []
    assert output.parse_partial('{"elements": [{"x": 1}, {"x"') == [{"x": 1}, {}]


def test_partial_choice_is_the_one_option_the_text_can_still_become() -> None:
    output = Output.choice(["sunny", "sunset", "rainy"])
    assert output.parse_partial('{"result": "sun') is None
    assert output.parse_partial('{"result": "sunn') == "sunny"
    assert output.parse_partial('{"result": "r') == "rainy"
    assert output.parse_partial('{"result": "x') is None


def test_one_output_object_serves_interleaved_streams() -> None:
    output = Output.json()
    first, second = '{"a": "first stream", "b": [1, 2]}', '[1, 2, 3, "second", {"c": true}]'
    for cut in range(len(first) + 1):
        assert output.parse_partial(first[:cut]) == parse_partial_json(first[:cut])
        assert output.parse_partial(second[:cut]) == parse_partial_json(second[:cut])


# ------------------------------------------------------------------------------- JSON-schema dicts


@pytest.mark.parametrize(
    ("schema", "value", "problem"),
    [
        ({"type": "integer"}, 3, None),
        ({"type": "integer"}, 3.0, None),
        ({"type": "integer"}, True, "expected integer, got boolean"),
        ({"type": ["string", "null"]}, None, None),
        ({"type": "number"}, "3", "expected number, got string"),
        ({"enum": [1, "a"]}, True, "is not one of"),
        ({"const": "x"}, "y", "expected 'x'"),
        ({"type": "object", "required": ["a"]}, {}, "missing required property 'a'"),
        ({"properties": {"a": {"type": "string"}}}, {"a": 1}, r"\$\.a: expected string"),
        ({"properties": {}, "additionalProperties": False}, {"b": 1}, "unexpected property 'b'"),
        ({"additionalProperties": {"type": "integer"}}, {"b": "x"}, r"\$\.b: expected integer"),
        ({"patternProperties": {"^x": {"type": "integer"}}, "additionalProperties": False}, {"xa": 1}, None),
        ({"items": {"type": "integer"}}, [1, "2"], r"\$\[1\]: expected integer"),
        ({"prefixItems": [{"type": "string"}], "items": {"type": "integer"}}, ["a", 2], None),
        ({"minItems": 2}, [1], "at least 2 items"),
        ({"maxLength": 2}, "abc", "at most 2 characters"),
        ({"minimum": 0}, -1, "violates minimum"),
        ({"exclusiveMaximum": 5}, 5, "violates exclusiveMaximum"),
        ({"pattern": "^a+$"}, "ab", "does not match"),
        ({"anyOf": [{"type": "string"}, {"type": "integer"}]}, 1.5, "none of the anyOf"),
        ({"oneOf": [{"type": "number"}, {"type": "integer"}]}, 1, "matches 2 of the oneOf"),
        ({"allOf": [{"minimum": 1}, {"maximum": 2}]}, 3, "violates maximum"),
        ({"not": {"type": "null"}}, None, "must not match"),
        ({"$defs": {"P": {"type": "integer"}}, "items": {"$ref": "#/$defs/P"}}, [1, "x"], r"\$\[1\]: expected"),
        ({"minProperties": 1}, {}, "at least 1 properties"),
    ],
)
def test_json_schema_dicts_are_validated(schema: dict[str, Any], value: Any, problem: str | None) -> None:
    validator = as_schema(schema)
    if problem is None:
        assert validator.validate(value) == value
    else:
        with pytest.raises(TypeValidationError, match=problem):
            validator.validate(value)


def test_a_dangling_ref_is_reported_clearly() -> None:
    with pytest.raises(InvalidArgumentError, match="points nowhere"):
        as_schema({"$ref": "#/$defs/Missing"}).validate(1)


class Node(pydantic.BaseModel):
    value: int
    children: list[Node] = pydantic.Field(default_factory=list, description="sub-nodes")


class Chain(pydantic.BaseModel):
    next: Chain | None = pydantic.Field(description="the next link")
    again: Chain = pydantic.Field(description="a ref with siblings pointing at its own model")


def test_recursive_models_keep_their_refs() -> None:
    node = as_schema(Node)
    assert node.json_schema["properties"]["children"]["items"] == {"$ref": "#/$defs/Node"}
    assert node.validate({"value": 1, "children": [{"value": 2}]}) == Node(value=1, children=[Node(value=2)])
    chain = as_schema(Chain).json_schema
    assert chain["type"] == "object"  # the top-level $ref is inlined: strict mode needs an object there
    assert chain["properties"]["again"] == {
        "$ref": "#/$defs/Chain",
        "description": "a ref with siblings pointing at its own model",
    }
    assert chain["$defs"]["Chain"]["additionalProperties"] is False

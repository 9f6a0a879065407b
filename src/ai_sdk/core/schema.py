"""Schemas for structured output and tools: a JSON schema to send plus a validator for what comes back.

Users describe shapes the Python way (a pydantic model, a dataclass, a TypedDict, ``list[...]``, or a
pydantic ``TypeAdapter``) or the wire way (a JSON-schema dict). Both become a :class:`Schema`.

Schemas derived from Python types are made strict-mode friendly, because OpenAI-compatible servers in
strict mode reject anything else: every object lists all its properties as ``required`` and forbids
additional ones (unless the model allows extra fields), ``$ref`` siblings are inlined, and ``None``
defaults are dropped. Fields with defaults still validate when the model leaves them out.
A JSON-schema dict is sent exactly as given and checked with a small built-in validator (types, enum,
const, properties, required, additionalProperties, items, prefixItems, anyOf/oneOf/allOf/not, local
``$ref``, length, size and range bounds, pattern); other keywords are not checked.

pydantic is imported only when a Python type is converted, keeping ``import ai_sdk`` cheap.
"""

from __future__ import annotations

import copy
import operator
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar, cast

from ..spec.errors import InvalidArgumentError, TypeValidationError

__all__ = ["Schema", "as_schema"]

T = TypeVar("T")


class Schema(Generic[T]):
    """A JSON schema and the function that validates (and converts) a parsed JSON value against it."""

    __slots__ = ("_validator", "json_schema")

    def __init__(self, json_schema: dict[str, Any], validator: Callable[[Any], T]) -> None:
        self.json_schema = json_schema
        self._validator = validator

    def validate(self, value: Any) -> T:
        """The validated value (a model instance for pydantic schemas); raises TypeValidationError."""
        return self._validator(value)

    def __repr__(self) -> str:
        return f"Schema({self.json_schema!r})"


def as_schema(schema: Any, *, argument: str = "schema") -> Schema[Any]:
    """Turn a pydantic model, TypeAdapter-able type, TypeAdapter, JSON-schema dict or Schema into a Schema."""
    if isinstance(schema, Schema):
        return schema
    if isinstance(schema, Mapping):
        return _dict_schema(schema, argument)
    if isinstance(schema, str | bytes | int | float | bool) or schema is None:
        raise _not_a_schema(schema, argument, "a value, not a type")
    return _pydantic_schema(schema, argument)


def _not_a_schema(schema: object, argument: str, why: object) -> InvalidArgumentError:
    return InvalidArgumentError(
        f"{schema!r} cannot describe JSON: pass a pydantic model, a dataclass, a TypedDict, a type such as "
        f"list[...] or a JSON-schema dict ({why})",
        argument=argument,
        value=schema,
    )


# ------------------------------------------------------------------------------------------ pydantic


def _pydantic_schema(schema: Any, argument: str) -> Schema[Any]:
    import pydantic

    try:
        adapter: pydantic.TypeAdapter[Any] = (
            schema if isinstance(schema, pydantic.TypeAdapter) else pydantic.TypeAdapter(schema)
        )
        json_schema = _strict(adapter.json_schema())
    except (pydantic.PydanticSchemaGenerationError, pydantic.PydanticUserError, TypeError, NameError) as error:
        raise _not_a_schema(schema, argument, error) from None

    def validate(value: Any) -> Any:
        try:
            return adapter.validate_python(value)
        except pydantic.ValidationError as error:
            raise TypeValidationError(value, cause=error) from None

    return Schema(json_schema, validate)


_SUBSCHEMA_MAPS = ("properties", "$defs", "definitions", "patternProperties")
_SUBSCHEMA_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")
_SUBSCHEMAS = ("items", "additionalProperties", "not", "if", "then", "else", "contains")


def _strict(root: dict[str, Any]) -> dict[str, Any]:
    """Make a pydantic-generated schema acceptable to strict mode (mutates and returns ``root``)."""

    def visit(node: Any, inlining: frozenset[str]) -> None:
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str) and len(node) > 1 and ref not in inlining:  # a recursive ref stays a ref
            merged = {**copy.deepcopy(_resolve(root, ref)), **{k: v for k, v in node.items() if k != "$ref"}}
            node.clear()
            node.update(merged)
            inlining |= {ref}
        properties = node.get("properties")
        if isinstance(properties, dict):
            node["required"] = list(properties)
            node.setdefault("additionalProperties", False)
        if "default" in node and node["default"] is None:
            del node["default"]
        for child in _children(node):
            visit(child, inlining)

    visit(root, frozenset())
    return root


def _children(node: Mapping[str, Any]) -> Iterator[Any]:
    for key in _SUBSCHEMA_MAPS:
        value = node.get(key)
        if isinstance(value, Mapping):
            yield from value.values()
    for key in _SUBSCHEMA_LISTS:
        value = node.get(key)
        if isinstance(value, list):
            yield from value
    for key in _SUBSCHEMAS:
        value = node.get(key)
        if isinstance(value, Mapping):
            yield value
        elif key == "items" and isinstance(value, list):
            yield from value


def _resolve(root: Mapping[str, Any], ref: str) -> Mapping[str, Any]:
    if not ref.startswith("#"):
        raise InvalidArgumentError(f"only local $ref values ('#/...') are supported, got {ref!r}", argument="schema")
    node: Any = root
    for raw in ref[1:].split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, Mapping) or part not in node:
            raise InvalidArgumentError(f"$ref {ref!r} points nowhere in the schema", argument="schema")
        node = node[part]
    if not isinstance(node, Mapping):
        raise InvalidArgumentError(f"$ref {ref!r} does not point to a schema", argument="schema")
    return node


# ------------------------------------------------------------------------------------ JSON-schema dicts


def _dict_schema(schema: Mapping[str, Any], argument: str) -> Schema[Any]:
    json_schema = cast(dict[str, Any], _plain(schema))
    if "type" in json_schema and not isinstance(json_schema["type"], str | list):
        raise InvalidArgumentError("a JSON schema's 'type' must be a string or a list", argument=argument)

    def validate(value: Any) -> Any:
        problem = _check(json_schema, json_schema, value, "$")
        if problem is not None:
            raise TypeValidationError(value, message=f"Type validation failed: {problem}")
        return value

    return Schema(json_schema, validate)


def _plain(value: Any) -> Any:
    """A deep copy made of plain dicts and lists (so later changes to the caller's dict do not leak in)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


_TYPE_CHECKS: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
}


def _anything(value: Any) -> bool:
    return True


def _check(root: Mapping[str, Any], schema: Any, value: Any, path: str) -> str | None:
    """The first violation of ``schema`` by ``value`` (as ``"<path>: <what>"``), or None."""
    if schema is True or schema is None:
        return None
    if schema is False:
        return f"{path}: no value is allowed here"
    if not isinstance(schema, Mapping):
        return None
    ref = schema.get("$ref")
    if isinstance(ref, str):
        problem = _check(root, _resolve(root, ref), value, path)
        if problem is not None:
            return problem
    expected = schema.get("type")
    if expected is not None:
        names = [expected] if isinstance(expected, str) else list(expected)
        if not any(_TYPE_CHECKS.get(name, _anything)(value) for name in names):
            return f"{path}: expected {' or '.join(names)}, got {_describe(value)}"
    if "enum" in schema and not any(_same(value, option) for option in schema["enum"]):
        return f"{path}: {value!r} is not one of {schema['enum']!r}"
    if "const" in schema and not _same(value, schema["const"]):
        return f"{path}: expected {schema['const']!r}"
    checks = (_check_object, _check_array, _check_scalar, _check_combinators)
    for check in checks:
        problem = check(root, schema, value, path)
        if problem is not None:
            return problem
    return None


def _check_object(root: Mapping[str, Any], schema: Mapping[str, Any], value: Any, path: str) -> str | None:
    if not isinstance(value, dict):
        return None
    for key in schema.get("required", ()):
        if key not in value:
            return f"{path}: missing required property {key!r}"
    properties = schema.get("properties") or {}
    extra = schema.get("additionalProperties", True)
    patterns = schema.get("patternProperties") or {}
    for key, item in value.items():
        if key in properties:
            problem = _check(root, properties[key], item, f"{path}.{key}")
        else:
            matching = [sub for pattern, sub in patterns.items() if re.search(pattern, key)]
            if matching:
                problem = next((p for sub in matching if (p := _check(root, sub, item, f"{path}.{key}"))), None)
            elif extra is False:
                problem = f"{path}: unexpected property {key!r}"
            else:
                problem = _check(root, extra, item, f"{path}.{key}")
        if problem is not None:
            return problem
    return _bounds(path, len(value), schema, "minProperties", "maxProperties", "properties")


def _check_array(root: Mapping[str, Any], schema: Mapping[str, Any], value: Any, path: str) -> str | None:
    if not isinstance(value, list):
        return None
    prefix: Sequence[Any] = schema.get("prefixItems") or ()
    items = schema.get("items")
    if isinstance(items, list):  # the older tuple form
        prefix, items = items, schema.get("additionalItems")
    for index, item in enumerate(value):
        sub = prefix[index] if index < len(prefix) else items
        problem = _check(root, sub, item, f"{path}[{index}]")
        if problem is not None:
            return problem
    return _bounds(path, len(value), schema, "minItems", "maxItems", "items")


_RANGE_CHECKS: tuple[tuple[str, Callable[[float, float], bool]], ...] = (
    ("minimum", operator.lt),
    ("maximum", operator.gt),
    ("exclusiveMinimum", operator.le),
    ("exclusiveMaximum", operator.ge),
)


def _check_scalar(root: Mapping[str, Any], schema: Mapping[str, Any], value: Any, path: str) -> str | None:
    if isinstance(value, str):
        problem = _bounds(path, len(value), schema, "minLength", "maxLength", "characters")
        if problem is None and "pattern" in schema and re.search(schema["pattern"], value) is None:
            problem = f"{path}: {value!r} does not match {schema['pattern']!r}"
        return problem
    if isinstance(value, int | float) and not isinstance(value, bool):
        for keyword, fails in _RANGE_CHECKS:
            bound = schema.get(keyword)
            if isinstance(bound, int | float) and not isinstance(bound, bool) and fails(value, bound):
                return f"{path}: {value!r} violates {keyword} {bound!r}"
    return None


def _check_combinators(root: Mapping[str, Any], schema: Mapping[str, Any], value: Any, path: str) -> str | None:
    for sub in schema.get("allOf", ()):
        problem = _check(root, sub, value, path)
        if problem is not None:
            return problem
    any_of = schema.get("anyOf")
    if any_of is not None and all(_check(root, sub, value, path) is not None for sub in any_of):
        return f"{path}: {_describe(value)} matches none of the anyOf alternatives"
    one_of = schema.get("oneOf")
    if one_of is not None:
        matches = sum(_check(root, sub, value, path) is None for sub in one_of)
        if matches != 1:
            return f"{path}: {_describe(value)} matches {matches} of the oneOf alternatives (exactly 1 needed)"
    if "not" in schema and _check(root, schema["not"], value, path) is None:
        return f"{path}: {_describe(value)} matches a schema it must not match"
    return None


def _bounds(path: str, size: int, schema: Mapping[str, Any], low: str, high: str, unit: str) -> str | None:
    minimum, maximum = schema.get(low), schema.get(high)
    if isinstance(minimum, int) and size < minimum:
        return f"{path}: at least {minimum} {unit} needed, got {size}"
    if isinstance(maximum, int) and size > maximum:
        return f"{path}: at most {maximum} {unit} allowed, got {size}"
    return None


def _same(a: Any, b: Any) -> bool:
    """JSON equality: ``True`` is not ``1``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)


def _describe(value: Any) -> str:
    for name in ("null", "boolean", "integer", "number", "string", "array", "object"):
        if _TYPE_CHECKS[name](value):
            return name
    return type(value).__name__

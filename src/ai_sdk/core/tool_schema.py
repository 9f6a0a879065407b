"""Tool input schemas: one JSON schema for the model, one validator for the model's answer.

A tool's ``input_schema`` may be a pydantic model, any type pydantic can validate (dataclass,
TypedDict, ...), a ``TypeAdapter``, a :class:`~ai_sdk.core.schema.Schema`, or a plain JSON-schema
dict. Schemas of Python types are cleaned before a model sees them (no ``title`` clutter,
non-recursive ``$ref``\\ s inlined, objects closed with ``additionalProperties: false``) because small
open models follow flat, explicit schemas far better; unlike structured output, optional parameters
stay optional. JSON-schema dicts are sent as given and validated by :mod:`ai_sdk.core.schema`'s
dependency-free validator (types, required, properties, enum, bounds, ...; see there).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

from ..spec.errors import InvalidArgumentError, TypeValidationError
from .schema import Schema, as_schema

__all__ = ["clean_json_schema", "input_schema_of"]


def input_schema_of(schema: object, *, argument: str = "input_schema") -> Schema[Any]:
    """The :class:`~ai_sdk.core.schema.Schema` for anything accepted as a tool's ``input_schema``."""
    if isinstance(schema, Mapping | Schema):
        return as_schema(schema, argument=argument)
    from pydantic import TypeAdapter

    try:
        adapter: TypeAdapter[Any] = schema if isinstance(schema, TypeAdapter) else TypeAdapter(cast(Any, schema))
        json_schema = adapter.json_schema()
    except Exception as error:
        raise InvalidArgumentError(
            f"{schema!r} is not a pydantic model, a type pydantic can validate (dataclass, TypedDict, ...) "
            f"or a JSON-schema dict ({error})",
            argument=argument,
            value=schema,
        ) from None
    return Schema(clean_json_schema(json_schema), _pydantic_validator(adapter.validate_python))


def _pydantic_validator(validate: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def validate_value(value: Any) -> Any:
        try:
            return validate(value)
        except Exception as error:
            raise TypeValidationError(
                value, cause=error, message=f"Type validation failed: {_pydantic_summary(error)}"
            ) from None

    return validate_value


def _pydantic_summary(error: Exception) -> str:
    """One line per problem (``city: Field required``): the text the model reads to fix its call."""
    from pydantic import ValidationError

    if not isinstance(error, ValidationError):
        return str(error)
    problems = []
    for item in error.errors(include_url=False):
        location = ".".join(str(part) for part in item["loc"]) or "(root)"
        problems.append(f"{location}: {item['msg']}")
    return "; ".join(problems)


# --------------------------------------------------------------------------------------------- cleaning

_SCHEMA_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")
_SCHEMA_VALUES = ("items", "not", "additionalProperties", "contains", "if", "then", "else")
_SCHEMA_MAPS = ("properties", "patternProperties")
_DEFS_PREFIX = "#/$defs/"


def clean_json_schema(schema: Mapping[str, Any]) -> dict[str, Any]:
    """A model-friendly copy of a pydantic JSON schema: titles dropped, ``$ref``\\ s inlined unless
    recursive (those keep their ``$defs`` entry), and ``additionalProperties: false`` on objects that
    list their properties and say nothing about extra ones."""
    defs: Mapping[str, Any] = schema.get("$defs") or {}
    kept: set[str] = set()
    cleaned = _clean(schema, defs, frozenset(), kept)
    if kept:
        done: dict[str, Any] = {}
        while kept - done.keys():
            name = min(kept - done.keys())
            done[name] = _clean(defs[name], defs, frozenset((name,)), kept)
        cleaned["$defs"] = done
    return cleaned


def _clean(node: Mapping[str, Any], defs: Mapping[str, Any], stack: frozenset[str], kept: set[str]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith(_DEFS_PREFIX) and ref[len(_DEFS_PREFIX) :] in defs:
        name = ref[len(_DEFS_PREFIX) :]
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        if name in stack:
            kept.add(name)
            return {"$ref": ref, **_clean(siblings, defs, stack, kept)}
        return {**_clean(defs[name], defs, stack | {name}, kept), **_clean(siblings, defs, stack, kept)}
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$defs" or (key == "title" and isinstance(value, str)):
            continue
        if key in _SCHEMA_MAPS and isinstance(value, Mapping):
            out[key] = {name: _clean_any(item, defs, stack, kept) for name, item in value.items()}
        elif key in _SCHEMA_LISTS and isinstance(value, list):
            out[key] = [_clean_any(item, defs, stack, kept) for item in value]
        elif key in _SCHEMA_VALUES:
            out[key] = _clean_any(value, defs, stack, kept)
        else:
            out[key] = value
    if out.get("type") == "object" and "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


def _clean_any(value: Any, defs: Mapping[str, Any], stack: frozenset[str], kept: set[str]) -> Any:
    return _clean(value, defs, stack, kept) if isinstance(value, Mapping) else value

"""A small valid instance of a JSON schema: the emulator's answer to ``response_format`` json_schema
requests and its default tool-call arguments.

Covers what tool and output schemas use in practice (pydantic, zod and hand-written ones): ``$ref`` to
``$defs``/``definitions``, ``const``, ``enum``, ``anyOf``/``oneOf``/``allOf``, typed objects (every
declared property, so optional fields are exercised too), arrays (``minItems``/``maxItems``,
``prefixItems``), strings (lengths and common formats), numbers (bounds and ``multipleOf``), booleans
and null. Strings name their property, so the output is readable.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

__all__ = ["schema_instance"]

_FORMATS = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "00:00:00Z",
    "email": "user@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "hostname": "example.com",
    "ipv4": "127.0.0.1",
    "ipv6": "::1",
}
_MAX_DEPTH = 12


def schema_instance(schema: Any, *, root: Any = None, name: str = "value") -> Any:
    """A value valid against ``schema`` (``root`` resolves ``$ref``; defaults to ``schema`` itself);
    ``name`` is the property the value is for, used to make strings readable."""
    return _instance(schema, root if root is not None else schema, name, 0)


def _resolve(ref: str, root: Any) -> Any:
    if not ref.startswith("#"):
        return {}
    node = root
    for token in ref[1:].split("/"):
        if not token:
            continue
        key = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return {}
    return node


def _merge_all_of(schema: Mapping[str, Any], root: Any) -> dict[str, Any]:
    merged: dict[str, Any] = {key: value for key, value in schema.items() if key != "allOf"}
    for part in schema["allOf"]:
        if isinstance(part, Mapping) and "$ref" in part:
            part = _resolve(part["$ref"], root)
        if not isinstance(part, Mapping):
            continue
        for key, value in part.items():
            if key == "properties" and isinstance(value, Mapping):
                merged["properties"] = {**merged.get("properties", {}), **value}
            elif key == "required" and isinstance(value, list):
                merged["required"] = [*merged.get("required", []), *value]
            else:
                merged.setdefault(key, value)
    return merged


def _instance(schema: Any, root: Any, name: str, depth: int) -> Any:
    if schema is True or not isinstance(schema, Mapping) or depth > _MAX_DEPTH:
        return None if depth > _MAX_DEPTH else f"example {name}"
    if "$ref" in schema:
        return _instance(_resolve(schema["$ref"], root), root, name, depth + 1)
    if "allOf" in schema:
        return _instance(_merge_all_of(schema, root), root, name, depth + 1)
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    for key in ("anyOf", "oneOf"):
        options = schema.get(key)
        if isinstance(options, list) and options:
            non_null = [o for o in options if not (isinstance(o, Mapping) and o.get("type") == "null")]
            return _instance((non_null or options)[0], root, name, depth + 1)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), kind[0] if kind else None)
    if kind is None:
        kind = _infer_type(schema)
    if kind == "object":
        return _object(schema, root, depth)
    if kind == "array":
        return _array(schema, root, name, depth)
    if kind == "string":
        return _string(schema, name)
    if kind in ("number", "integer"):
        return _number(schema, integer=kind == "integer")
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return f"example {name}"


def _infer_type(schema: Mapping[str, Any]) -> str | None:
    if "properties" in schema or "required" in schema or "additionalProperties" in schema:
        return "object"
    if "items" in schema or "prefixItems" in schema:
        return "array"
    if "minimum" in schema or "maximum" in schema or "multipleOf" in schema:
        return "number"
    if "minLength" in schema or "maxLength" in schema or "format" in schema or "pattern" in schema:
        return "string"
    return None


def _object(schema: Mapping[str, Any], root: Any, depth: int) -> dict[str, Any]:
    properties = schema.get("properties")
    value: dict[str, Any] = {}
    if isinstance(properties, Mapping):
        for key, subschema in properties.items():
            value[key] = _instance(subschema, root, key, depth + 1)
    for key in schema.get("required") or ():
        if key not in value:
            extra = schema.get("additionalProperties")
            value[key] = _instance(extra if isinstance(extra, Mapping) else {}, root, key, depth + 1)
    minimum = schema.get("minProperties")
    extra = schema.get("additionalProperties", True)
    index = 0
    while isinstance(minimum, int) and len(value) < minimum and extra is not False:
        index += 1
        value[f"key{index}"] = _instance(extra if isinstance(extra, Mapping) else {}, root, f"key{index}", depth + 1)
    return value


def _array(schema: Mapping[str, Any], root: Any, name: str, depth: int) -> list[Any]:
    prefix = schema.get("prefixItems")
    items = schema.get("items", {})
    minimum = schema.get("minItems", 0)
    maximum = schema.get("maxItems")
    count = max(minimum if isinstance(minimum, int) else 0, 1)
    if isinstance(maximum, int):
        count = min(count, maximum)
    value: list[Any] = []
    if isinstance(prefix, list):
        value.extend(_instance(item, root, name, depth + 1) for item in prefix[:count])
        if items is False:
            return value
    while len(value) < count:
        value.append(_instance(items, root, name, depth + 1))
    return value


def _string(schema: Mapping[str, Any], name: str) -> str:
    text = _FORMATS.get(str(schema.get("format")), f"example {name}")
    minimum = schema.get("minLength")
    maximum = schema.get("maxLength")
    if isinstance(minimum, int) and len(text) < minimum:
        text = text + "x" * (minimum - len(text))
    if isinstance(maximum, int) and len(text) > maximum:
        text = text[:maximum]
    return text


def _bound(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _number(schema: Mapping[str, Any], *, integer: bool) -> int | float:
    low, high = _bound(schema.get("minimum")), _bound(schema.get("maximum"))
    above, below = _bound(schema.get("exclusiveMinimum")), _bound(schema.get("exclusiveMaximum"))
    step = _bound(schema.get("multipleOf"))

    def valid(value: float) -> bool:
        return (
            (low is None or value >= low)
            and (high is None or value <= high)
            and (above is None or value > above)
            and (below is None or value < below)
            and (not integer or value == int(value))
            and (not step or math.isclose(value / step, round(value / step)))
        )

    candidates: list[float] = [1.0, 0.0]
    for edge, nudge in ((low, 0.0), (high, 0.0), (above, 1.0), (below, -1.0), (above, 0.5), (below, -0.5)):
        if edge is not None:
            candidates.append(edge + nudge)
    lower, upper = (low if low is not None else above), (high if high is not None else below)
    if lower is not None and upper is not None:
        candidates.append((lower + upper) / 2)
    if step:
        candidates = [multiple * step for c in candidates for multiple in (math.ceil(c / step), math.floor(c / step))]
    if integer:
        candidates = [float(rounded) for c in candidates for rounded in (math.ceil(c), math.floor(c))]
    value = next((c for c in candidates if valid(c)), candidates[0])
    return int(value) if integer or value.is_integer() else value

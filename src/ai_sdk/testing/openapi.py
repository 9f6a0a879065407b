"""Validation of request bodies against DeepInfra's own OpenAPI document (a snapshot ships beside this
module). Used by our tests and by the emulator, which answers violations with a FastAPI-style 422.

Needs ``jsonschema`` (installed with the ``testing`` extra)."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

__all__ = ["openapi_document", "schema_errors"]


@functools.cache
def openapi_document() -> dict[str, Any]:
    """DeepInfra's OpenAPI document (a 2026-03 snapshot)."""
    text = resources.files(__package__).joinpath("deepinfra-openapi.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


@functools.cache
def _validator(schema_name: str) -> Any:
    import jsonschema

    document = openapi_document()
    if schema_name not in document["components"]["schemas"]:
        raise KeyError(f"no schema {schema_name!r} in DeepInfra's OpenAPI document")
    # The component refs are "#/components/schemas/X": resolve them inside the whole document.
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": document["components"]}
    cls = jsonschema.validators.validator_for({"$schema": "https://json-schema.org/draft/2020-12/schema"})
    return jsonschema.validators.extend(cls, {"maxLength": _max_length(cls.VALIDATORS["maxLength"])})(schema)


def _max_length(check_string: Any) -> Any:
    """``maxLength`` as DeepInfra's server (FastAPI, pydantic) applies it: JSON Schema limits only
    strings, but pydantic's ``max_length`` on a ``list[str] | str`` field (embeddings' ``input``: at most
    1024) limits a list's items too."""
    import jsonschema

    def check(validator: Any, limit: int, instance: Any, schema: Any) -> Any:
        if isinstance(instance, list):
            if len(instance) > limit:
                yield jsonschema.ValidationError(f"should have at most {limit} items, not {len(instance)}")
            return
        yield from check_string(validator, limit, instance, schema)

    return check


def schema_errors(schema_name: str, body: Any) -> list[dict[str, Any]]:
    """The violations of ``body`` against component ``schema_name``, FastAPI-style
    (``[{"loc": [...], "msg": ..., "type": ...}]``); empty when the body is valid."""
    errors = sorted(_validator(schema_name).iter_errors(body), key=lambda e: list(e.absolute_path))
    return [
        {"loc": ["body", *error.absolute_path], "msg": error.message, "type": f"value_error.{error.validator}"}
        for error in errors
    ]

"""The emulator's pure pieces: schema instances (property-tested against jsonschema), the multipart parser,
text splitting and truncation, the PNG encoder, the catalog, and the command line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request
import zlib
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from urllib3 import encode_multipart_formdata

from ai_sdk.testing.emulator.catalog import embedding_dimensions, model_info
from ai_sdk.testing.emulator.multipart import boundary_of, parse_multipart
from ai_sdk.testing.emulator.png import encode_png, png_size
from ai_sdk.testing.emulator.schema_instance import schema_instance
from ai_sdk.testing.emulator.text import count_tokens, split_deltas, truncate

# ---------------------------------------------------------------------------------------- schema instances


def _numbers() -> st.SearchStrategy[dict[str, Any]]:
    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        kind = draw(st.sampled_from(["integer", "number"]))
        low = draw(st.integers(-1000, 1000))
        schema: dict[str, Any] = {"type": kind}
        if draw(st.booleans()):
            schema["minimum"] = low
        if draw(st.booleans()):
            schema["maximum"] = low + draw(st.integers(0, 50))
        if draw(st.booleans()):
            schema["exclusiveMinimum"] = low - draw(st.integers(1, 3))
        if draw(st.booleans()):
            schema["exclusiveMaximum"] = low + draw(st.integers(51, 60))
        if draw(st.booleans()):
            schema["multipleOf"] = draw(st.sampled_from([1, 2, 5, 0.5]))
            schema["maximum"] = max(schema.get("maximum", low), low) + 20
        return schema

    return build()


_LEAVES: st.SearchStrategy[dict[str, Any]] = st.one_of(
    st.builds(
        lambda low, extra: {"type": "string", "minLength": low, "maxLength": low + extra},
        st.integers(0, 30),
        st.integers(0, 30),
    ),
    st.sampled_from(["date", "email", "uuid", "uri", "date-time"]).map(lambda fmt: {"type": "string", "format": fmt}),
    _numbers(),
    st.just({"type": "boolean"}),
    st.just({"type": "null"}),
    st.lists(st.one_of(st.integers(), st.text(max_size=5), st.none()), min_size=1, max_size=4).map(
        lambda values: {"enum": values}
    ),
    st.integers().map(lambda value: {"const": value}),
    st.just({}),
)

_KEYS = st.text(alphabet="abcdefghij_", min_size=1, max_size=6)


def _extend(children: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    objects = st.dictionaries(_KEYS, children, max_size=4).flatmap(
        lambda props: st.builds(
            lambda required, closed: {
                "type": "object",
                "properties": props,
                "required": required,
                **({"additionalProperties": False} if closed else {}),
            },
            st.lists(st.sampled_from(sorted(props)), unique=True) if props else st.just([]),
            st.booleans(),
        )
    )
    arrays = st.builds(
        lambda items, low, extra: {"type": "array", "items": items, "minItems": low, "maxItems": low + extra},
        children,
        st.integers(0, 3),
        st.integers(0, 2),
    )
    unions = st.lists(children, min_size=1, max_size=3).map(lambda options: {"anyOf": options})
    nullable = children.map(
        lambda s: (
            {**s, "type": [s["type"], "null"]} if isinstance(s.get("type"), str) else {"anyOf": [s, {"type": "null"}]}
        )
    )
    return st.one_of(objects, arrays, unions, nullable)


SCHEMAS = st.recursive(_LEAVES, _extend, max_leaves=8)


@settings(max_examples=100, deadline=None)
@given(SCHEMAS)
def test_schema_instance_is_valid(schema: dict[str, Any]) -> None:
    value = schema_instance(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(value)
    json.dumps(value)


@settings(max_examples=50, deadline=None)
@given(SCHEMAS, SCHEMAS)
def test_schema_instance_follows_refs_and_all_of(first: dict[str, Any], second: dict[str, Any]) -> None:
    schema = {
        "$defs": {"First": first, "Pair": {"type": "object", "properties": {"a": {"$ref": "#/$defs/First"}}}},
        "allOf": [{"$ref": "#/$defs/Pair"}, {"type": "object", "properties": {"b": second}, "required": ["b"]}],
    }
    jsonschema.Draft202012Validator(schema).validate(schema_instance(schema))


def test_schema_instance_of_pydantic_models() -> None:
    from enum import Enum

    from pydantic import BaseModel, Field

    class Color(Enum):
        RED = "red"
        BLUE = "blue"

    class Step(BaseModel):
        text: str = Field(min_length=5)
        minutes: int = Field(ge=1, le=10)

    class Recipe(BaseModel):
        name: str
        color: Color
        steps: list[Step] = Field(min_length=2)
        note: str | None = None
        tags: dict[str, float]

    value = schema_instance(Recipe.model_json_schema())
    recipe = Recipe.model_validate(value)
    assert len(recipe.steps) == 2
    assert recipe.name == "example name"


# ------------------------------------------------------------------------------------------------ multipart


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(_KEYS, st.binary(max_size=200), st.one_of(st.none(), st.text(alphabet="abc.png", min_size=1))),
        min_size=1,
        max_size=5,
    )
)
def test_multipart_round_trip(fields: list[tuple[str, bytes, str | None]]) -> None:
    encoded = [
        (name, (filename, data, "image/png") if filename else data.decode("latin-1")) for name, data, filename in fields
    ]
    body, content_type = encode_multipart_formdata(encoded)
    boundary = boundary_of(content_type)
    assert boundary is not None
    parts = parse_multipart(body, boundary)
    assert [(p.name, p.filename) for p in parts] == [(name, filename) for name, _, filename in fields]
    for part, (_, data, filename) in zip(parts, fields, strict=True):
        assert part.data == (data if filename else data.decode("latin-1").encode())


@pytest.mark.parametrize(
    "body",
    [b"", b"--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--", b"--b\r\n\r\nx\r\n--b\r\nno end", b"--b--"],
)
def test_multipart_rejects_malformed_bodies(body: bytes) -> None:
    with pytest.raises(ValueError, match="multipart"):
        parse_multipart(body, "b")


def test_boundary_of() -> None:
    assert boundary_of('multipart/form-data; boundary="a b"') == "a b"
    assert boundary_of("application/json") is None


# ----------------------------------------------------------------------------------------------------- text


@given(st.text())
def test_split_deltas_join_back(text: str) -> None:
    assert "".join(split_deltas(text)) == text


@given(st.text(), st.integers(0, 50))
def test_truncate_keeps_a_prefix_within_the_limit(text: str, limit: int) -> None:
    kept, cut = truncate(text, limit)
    assert text.startswith(kept)
    assert count_tokens(kept) <= limit
    assert cut == (count_tokens(text) > limit)


# ------------------------------------------------------------------------------------------------------ png


@given(st.integers(1, 64), st.integers(1, 64), st.text(max_size=10))
def test_png_is_decodable(width: int, height: int, seed: str) -> None:
    data = encode_png(width, height, seed=seed)
    assert png_size(data) == (width, height)
    idat_length = int.from_bytes(data[33:37], "big")
    assert data[37:41] == b"IDAT"
    assert len(zlib.decompress(data[41 : 41 + idat_length])) == (1 + 3 * width) * height


def test_png_rejects_bad_sizes() -> None:
    with pytest.raises(ValueError, match="positive"):
        encode_png(0, 10)
    assert png_size(b"GIF89a") is None


# -------------------------------------------------------------------------------------------------- catalog


def test_catalog_defaults() -> None:
    assert embedding_dimensions("BAAI/bge-base-en-v1.5") == 768
    assert embedding_dimensions("someone/else") == 1024
    assert model_info("deepseek-ai/DeepSeek-R1").reasons
    assert model_info("acme/Model-R1-Distill").reasons
    assert not model_info("acme/plain").reasons


# ------------------------------------------------------------------------------------------------------ cli


def test_command_line_serves_until_interrupted() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "ai_sdk.testing.emulator", "--port", "0", "--quiet"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("DeepInfra emulator listening on http://127.0.0.1:")
        base_url = first.rsplit(" ", 1)[1].strip()
        request = urllib.request.Request(base_url + "/openai/models", headers={"authorization": "Bearer k"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.load(response)["object"] == "list"
        # The banner's last line is printed after the first one: wait for it, or the signal can arrive before it.
        banner = [process.stdout.readline() for _ in range(3)]
        assert "Ctrl-C" in banner[-1]
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert "stopped" in process.stdout.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

"""Chunk objects and their wire form: every chunk round-trips through its dict, optional fields are left
out when unset, and malformed wire chunks get a UIMessageStreamError that names the problem."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ai_sdk.errors import UIMessageStreamError
from ai_sdk.ui import (
    DataChunk,
    FinishChunk,
    StartChunk,
    TextDeltaChunk,
    ToolInputErrorChunk,
    ToolOutputAvailableChunk,
    encode_sse_frame,
    parse_ui_message_chunk,
)
from ai_sdk.ui.chunks import _CLASSES

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


def test_required_fields_are_always_sent_optional_ones_only_when_set() -> None:
    assert ToolOutputAvailableChunk(tool_call_id="c", output=None).to_dict() == {
        "type": "tool-output-available",
        "toolCallId": "c",
        "output": None,
    }
    assert ToolOutputAvailableChunk(tool_call_id="c", output=1, preliminary=True).to_dict() == {
        "type": "tool-output-available",
        "toolCallId": "c",
        "output": 1,
        "preliminary": True,
    }
    assert StartChunk().to_dict() == {"type": "start"}
    assert FinishChunk(finish_reason="stop").to_dict() == {"type": "finish", "finishReason": "stop"}


def test_the_wire_key_order_follows_the_reference() -> None:
    chunk = ToolInputErrorChunk(tool_call_id="c", tool_name="t", input={}, error_text="bad", title="T")
    assert list(chunk.to_dict()) == ["type", "toolCallId", "toolName", "input", "errorText", "title"]


def test_data_chunks_carry_their_name_in_the_type() -> None:
    chunk = DataChunk("weather", {"city": "Paris"}, id="w1", transient=True)
    assert chunk.type == "data-weather"
    assert chunk.to_dict() == {"type": "data-weather", "id": "w1", "data": {"city": "Paris"}, "transient": True}
    assert parse_ui_message_chunk(chunk.to_dict()) == chunk


def test_sse_frame_is_compact_utf8_json() -> None:
    frame = encode_sse_frame(TextDeltaChunk(id="t", delta="21°C — ok"))
    assert frame == 'data: {"type":"text-delta","id":"t","delta":"21°C — ok"}\n\n'.encode()


def test_sse_frame_converts_values_json_cannot_hold() -> None:
    from datetime import date

    from pydantic import BaseModel

    class Forecast(BaseModel):
        day: date

    frame = encode_sse_frame(ToolOutputAvailableChunk(tool_call_id="c", output=Forecast(day=date(2026, 1, 2))))
    assert frame == b'data: {"type":"tool-output-available","toolCallId":"c","output":{"day":"2026-01-02"}}\n\n'


@st.composite
def chunks(draw: st.DrawFn) -> Any:
    from dataclasses import MISSING, fields

    cls = draw(st.sampled_from(sorted(_CLASSES.values(), key=lambda c: c.type)))
    arguments: dict[str, Any] = {}
    for item in fields(cls):
        required = item.default is MISSING
        if not required and draw(st.booleans()):
            continue
        if item.name == "finish_reason":
            arguments[item.name] = draw(st.sampled_from(["stop", "length", "tool-calls", "error", "other"]))
        elif item.name in ("provider_executed", "dynamic", "preliminary"):
            arguments[item.name] = draw(st.booleans())
        elif item.name == "provider_metadata":
            arguments[item.name] = {"deepinfra": {"k": draw(st.integers())}}
        elif item.name in ("input", "output", "message_metadata"):
            arguments[item.name] = draw(json_values)
        else:
            arguments[item.name] = draw(st.text(max_size=8))
    return cls(**arguments)


@given(chunks())
def test_every_chunk_round_trips_through_its_wire_form(chunk: Any) -> None:
    import json

    wire = json.loads(encode_sse_frame(chunk)[len(b"data: ") : -2])
    assert wire == chunk.to_dict()
    assert parse_ui_message_chunk(wire) == chunk


@pytest.mark.parametrize(
    ("wire", "problem"),
    [
        ({"type": "text-delta", "id": "t"}, "chunk 'text-delta' is missing 'delta'"),
        ({"type": "text-delta", "id": 1, "delta": "x"}, "'id' must be a str"),
        ({"type": "finish", "finishReason": "done"}, "finishReason must be one of"),
        ({"type": "sparkle"}, "unknown UI message chunk type 'sparkle'"),
        ({"type": "data-x"}, "chunk 'data-x' is missing 'data'"),
        ({"id": "t"}, "needs a string 'type'"),
        (["text-delta"], "must be a JSON object"),
        ({"type": "tool-output-available", "toolCallId": "c", "output": 1, "dynamic": "yes"}, "'dynamic' must be"),
    ],
)
def test_malformed_wire_chunks_are_rejected_with_the_reason(wire: Any, problem: str) -> None:
    with pytest.raises(UIMessageStreamError, match=problem):
        parse_ui_message_chunk(wire)


def test_unknown_keys_are_ignored_like_the_reference_client_does() -> None:
    assert parse_ui_message_chunk({"type": "start-step", "future": 1}).to_dict() == {"type": "start-step"}


@given(st.text(min_size=1, max_size=8), json_values, st.none() | st.text(max_size=8), st.none() | st.booleans())
def test_data_chunks_spelt_out_wire_form_matches_their_wire_table(
    name: str, data: Any, identifier: str | None, transient: bool | None
) -> None:
    from ai_sdk.ui.chunks import UIMessageChunkBase

    chunk = DataChunk(name, data, identifier, transient)
    assert list(chunk.to_dict().items()) == list(UIMessageChunkBase.to_dict(chunk).items())


def _typed_fields() -> list[tuple[str, str, str]]:
    from dataclasses import fields

    return [
        (kind, item.name, "bool" if item.type == "bool | None" else "str")
        for kind, cls in sorted(_CLASSES.items())
        for item in fields(cls)
        if item.type in ("str", "str | None", "bool | None")
    ]


@pytest.mark.parametrize(("kind", "attribute", "expected"), _typed_fields())
def test_every_string_and_boolean_field_is_type_checked_when_parsed(kind: str, attribute: str, expected: str) -> None:
    from dataclasses import fields

    cls = _CLASSES[kind]
    strings = {item.name for item in fields(cls) if item.type == "str"}
    wire: dict[str, Any] = {"type": kind}
    for name, key, required in cls._wire:
        if required:
            wire[key] = "x" if name in strings else {}
        if name == attribute:
            wire[key] = 1.5
            bad = key
    with pytest.raises(UIMessageStreamError, match=f"'{bad}' must be a {expected}, got float"):
        parse_ui_message_chunk(wire)


def test_the_parser_reads_the_checked_types_from_the_field_annotations() -> None:
    from ai_sdk.ui.chunks import _TYPES

    assert {name: _TYPES[name] for name in ("tool_call_id", "id", "title", "dynamic", "transient")} == {
        "tool_call_id": str,
        "id": str,
        "title": str,
        "dynamic": bool,
        "transient": bool,
    }
    assert not {"finish_reason", "provider_metadata", "output"} & set(_TYPES)

"""The partial-JSON parser: exact partial values, resumability, and the prefix-extension property."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ai_sdk.core.partial_json import PartialJSONParser, is_prefix_extension, parse_partial_json
from ai_sdk.spec._json import dumps_str, loads

# JSON values orjson and the standard library both round-trip exactly (no lone surrogates, 64-bit ints).
_texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _texts,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_texts, children, max_size=4),
    max_leaves=20,
)


def _serialise(value: Any, style: str) -> str:
    if style == "compact":
        return dumps_str(value)
    if style == "ascii":  # every non-ASCII character (and surrogate pairs) as \u escapes
        return json.dumps(value)
    return json.dumps(value, indent=2, ensure_ascii=False)


def _grows(sequence: list[Any]) -> bool:
    return all(is_prefix_extension(a, b) for a, b in itertools.pairwise(sequence))


def _partials(chunks: list[str]) -> list[Any]:
    """The de-duplicated partial values seen while ``chunks`` arrive, as the stream loop yields them."""
    parser = PartialJSONParser()
    seen: list[Any] = []
    text = ""
    for chunk in chunks:
        text += chunk
        value = parser.parse(text)
        if value is not None and (not seen or value != seen[-1]):
            seen.append(value)
    return seen


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("  ", None),
        ("{", {}),
        ('{"na', {}),
        ('{"name"', {}),
        ('{"name": ', {}),
        ('{"name": "Las', {"name": "Las"}),
        ('{"name": "a\\', {"name": "a"}),
        ('{"name": "a\\n', {"name": "a\n"}),
        ('{"name": "a\\u00', {"name": "a"}),
        ('{"name": "a\\u00e9', {"name": "aé"}),
        ('{"name": "\\ud83d', {"name": ""}),
        ('{"name": "\\ud83d\\ude00', {"name": "😀"}),
        ('{"n": 12', {}),
        ('{"n": 12,', {"n": 12}),
        ('{"n": -1.5e3}', {"n": -1500.0}),
        ('{"a": [1, 2', {"a": [1]}),
        ('{"a": [1, tr', {"a": [1]}),
        ('{"a": [true, false, null', {"a": [True, False, None]}),
        ('{"a": [{"b": "c"}, {', {"a": [{"b": "c"}, {}]}),
        ('{"a": {"b": {"c": [', {"a": {"b": {"c": []}}}),
        ("[]", []),
        ('"just a str', "just a str"),
        ("42", None),
        ("42 ", 42),
        ("true", True),
        ('{"a": 1} trailing', {"a": 1}),
    ],
)
def test_partial_values(text: str, expected: Any) -> None:
    assert parse_partial_json(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1, "b": x', {"a": 1}),
        ('{"a": [1,]', {"a": [1]}),
        ("{1: 2}", {}),
        ('{"a" 1}', {}),
        ("Sure! Here is the JSON", None),
        ('{"a": "\\q"}', {"a": ""}),
        ('{"a": "\\u12G4"}', {"a": ""}),
        ('{"a": 01}', {}),
        ('{"a": truth}', {}),
    ],
)
def test_invalid_json_freezes_the_value_before_the_bad_character(text: str, expected: Any) -> None:
    assert parse_partial_json(text) == expected


def test_an_unchanged_value_is_the_same_object() -> None:
    parser = PartialJSONParser()
    first = parser.parse('{"a": [1, 2')
    assert parser.parse('{"a": [1, 2') is first
    assert parser.parse('{"a": [1, 23') is first  # the number is still incomplete
    assert parser.parse('{"a": [1, 23,') == {"a": [1, 23]}


def test_earlier_snapshots_are_not_changed_by_later_text() -> None:
    parser = PartialJSONParser()
    first = parser.parse('{"a": [1, {"b": "x')
    parser.parse('{"a": [1, {"b": "xyz"}, 3], "c": 4}')
    assert first == {"a": [1, {"b": "x"}]}


def test_a_text_that_does_not_extend_the_previous_one_restarts() -> None:
    parser = PartialJSONParser()
    assert parser.parse('{"a": "one') == {"a": "one"}
    assert parser.parse('{"b": 2,') == {"b": 2}
    assert parser.parse("[") == []


def test_scanning_resumes_instead_of_restarting() -> None:
    parser = PartialJSONParser()
    text = '{"items": [' + ", ".join(f'"item {i}"' for i in range(50))
    parser.parse(text)
    scanned = parser._pos
    assert scanned == len(text)
    parser.parse(text + ", ")
    assert parser._pos == len(text) + 2


@pytest.mark.parametrize(
    ("earlier", "later", "expected"),
    [
        (None, {"a": 1}, True),
        ("ab", "abc", True),
        ("ab", "ac", False),
        ([1, "a"], [1, "ab", 3], True),
        ([1, "a"], [2, "ab"], False),
        ([1, 2], [1], False),
        ({"a": 1, "b": "x"}, {"a": 1, "b": "xy", "c": []}, True),
        ({"a": 1, "b": "x"}, {"b": "x", "a": 1}, False),
        ({"a": "x", "b": 1}, {"a": "xy", "b": 1}, False),  # only the last key may still grow
        ({"a": []}, {"a": [1]}, True),
        (1, 1.0, False),
        (True, 1, False),
        ([], {}, False),
    ],
)
def test_is_prefix_extension(earlier: Any, later: Any, expected: bool) -> None:
    assert is_prefix_extension(earlier, later) is expected


@settings(max_examples=40, deadline=None)
@given(value=_json_values, style=st.sampled_from(["compact", "ascii", "indented"]))
def test_split_at_every_position_gives_a_growing_sequence_ending_in_the_value(value: Any, style: str) -> None:
    text = _serialise(value, style)
    final = loads(text)
    for cut in range(len(text) + 1):
        seen = _partials([text[:cut], text[cut:]])
        sequence = [*seen, final]
        assert _grows(sequence), (text, cut)
    # Character by character: every partial extends the one before, and the last is the value itself
    # (unless the value is a bare number, only known to be complete when the text ends, or null).
    seen = _partials(list(text))
    sequence = [*seen, final]
    assert _grows(sequence), text
    if final is not None and (isinstance(final, bool) or not isinstance(final, int | float)):
        assert seen[-1] == final


@settings(max_examples=100, deadline=None)
@given(
    value=_json_values,
    style=st.sampled_from(["compact", "ascii", "indented"]),
    cuts=st.lists(st.integers(min_value=0, max_value=10_000), max_size=30),
)
def test_arbitrary_chunkings_give_a_growing_sequence(value: Any, style: str, cuts: list[int]) -> None:
    text = _serialise(value, style)
    points = sorted({cut % (len(text) + 1) for cut in cuts} | {0, len(text)})
    chunks = [text[a:b] for a, b in itertools.pairwise(points)]
    sequence = [*_partials(chunks), loads(text)]
    assert _grows(sequence), (text, points)


@settings(max_examples=100, deadline=None)
@given(value=_json_values, style=st.sampled_from(["compact", "ascii"]), cut=st.integers(min_value=0))
def test_resumed_parse_equals_a_fresh_parse(value: Any, style: str, cut: int) -> None:
    text = _serialise(value, style)
    prefix = text[: cut % (len(text) + 1)]
    parser = PartialJSONParser()
    parser.parse(prefix[: len(prefix) // 2])
    assert parser.parse(prefix) == parse_partial_json(prefix)


@settings(max_examples=100, deadline=None)
@given(
    value=_json_values,
    style=st.sampled_from(["compact", "ascii", "indented"]),
    cuts=st.lists(st.integers(min_value=0, max_value=10_000), max_size=30),
)
def test_feeding_deltas_equals_parsing_the_text_so_far(value: Any, style: str, cuts: list[int]) -> None:
    text = _serialise(value, style)
    points = sorted({cut % (len(text) + 1) for cut in cuts} | {0, len(text)})
    fed, parsed = PartialJSONParser(), PartialJSONParser()
    for a, b in itertools.pairwise(points):
        assert fed.feed(text[a:b]) == parsed.parse(text[:b])
    assert fed.finish() == loads(text)


def test_finish_completes_a_trailing_number_only() -> None:
    parser = PartialJSONParser()
    assert parser.feed("[1, 23") == [1]
    assert parser.finish() == [1, 23]
    unfinished = PartialJSONParser()
    assert unfinished.feed('{"a": tru') == {}
    assert unfinished.finish() == {}


def test_a_raw_newline_in_an_escaped_string_keeps_the_key() -> None:
    parser = PartialJSONParser()
    assert parser.feed('{"k": "a\\"b') == {"k": 'a"b'}
    assert parser.feed("\nc") == {"k": 'a"b\nc'}

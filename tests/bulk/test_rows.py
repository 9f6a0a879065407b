"""Rows and row results: parsing JSONL-shaped input with clear errors, and a lossless JSONL round trip
for results (the format of checkpoints, resume and the ``ai-sdk batch`` output)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from ai_sdk.bulk import ROW_SETTINGS, Row, RowError, RowResult
from ai_sdk.errors import AISDKError, APICallError, InvalidRowError, RetryError
from ai_sdk.spec import _json
from ai_sdk.spec.shared import InputTokenDetails, OutputTokenDetails, Usage


def test_a_jsonl_line_with_settings_becomes_a_row() -> None:
    row = Row.from_json({"id": "a1", "prompt": "Hi", "temperature": 0.2, "max_output_tokens": 10})
    assert row == Row(id="a1", prompt="Hi", settings={"temperature": 0.2, "max_output_tokens": 10})
    assert row.to_json() == {"id": "a1", "prompt": "Hi", "temperature": 0.2, "max_output_tokens": 10}


def test_messages_and_values_rows() -> None:
    messages = [{"role": "user", "content": "Hi"}]
    assert Row.from_json({"id": 3, "messages": messages, "system": "Be brief"}).messages == messages
    assert Row.from_json({"id": "e", "value": "sunny day"}).value == "sunny day"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ({"prompt": "Hi"}, "each row needs an 'id'"),
        ({"id": True, "prompt": "Hi"}, "each row needs an 'id'"),
        ({"id": "a", "prompt": "Hi", "temprature": 0.2}, "did you mean 'temperature'?"),
        ({"id": "a", "prompt": "Hi", "max_tokens": 5}, "did you mean 'max_output_tokens'?"),
        ({"id": "a", "prompt": "Hi", "messages": []}, "either 'prompt' or 'messages'"),
        ({"id": "a", "prompt": ["x"]}, "'prompt' must be a string"),
        ({"id": "a", "messages": "Hi"}, "'messages' must be a list"),
        (["a", "Hi"], "must be a JSON object"),
    ],
)
def test_bad_lines_get_an_error_naming_line_id_and_fix(line: Any, expected: str) -> None:
    with pytest.raises(InvalidRowError, match=expected) as caught:
        Row.from_json(line, line=7)
    assert isinstance(caught.value, AISDKError)
    assert caught.value.line == 7
    assert "line 7" in str(caught.value)
    if isinstance(line, dict) and isinstance(line.get("id"), str):
        assert caught.value.row_id == line["id"]
        assert repr(line["id"]) in str(caught.value)


def test_row_settings_are_checked_on_construction_too() -> None:
    with pytest.raises(InvalidRowError, match="did you mean 'seed'"):
        Row(id="a", prompt="x", settings={"sed": 1})
    assert set(ROW_SETTINGS) >= {"temperature", "max_output_tokens", "provider_options"}


def test_of_coerces_strings_mappings_and_rows() -> None:
    assert Row.of("Hi", 4) == Row(id=4, prompt="Hi")
    assert Row.of({"id": "x", "prompt": "Hi"}, 0) == Row(id="x", prompt="Hi")
    row = Row(id="r", prompt="Hi")
    assert Row.of(row, 9) is row
    with pytest.raises(InvalidRowError, match="a row must be a Row"):
        Row.of(42, 0)  # type: ignore[arg-type]


def test_row_error_from_a_retry_error_takes_the_last_status() -> None:
    busy = APICallError("Model busy", url="u", status_code=429, is_retryable=True)
    error = RowError.from_exception(RetryError("Failed after 3 attempts", reason="max_retries_exceeded", errors=[busy]))
    assert error == RowError(type="RetryError", message="Failed after 3 attempts", status_code=429, retryable=True)
    assert RowError.from_exception(ValueError("boom")) == RowError(type="ValueError", message="boom")


class Recipe(BaseModel):
    name: str
    steps: list[str]


def test_a_structured_result_is_written_as_plain_json() -> None:
    result = RowResult(id="r", object=Recipe(name="soup", steps=["boil"]), finish_reason="stop", usage=Usage(cost=0.5))
    line = _json.loads(result.to_jsonl())
    assert line["object"] == {"name": "soup", "steps": ["boil"]}
    assert "text" not in line
    assert line["cost"] == 0.5


def test_an_error_result_line() -> None:
    result = RowResult(id=1, error=RowError(type="APICallError", message="Bad", status_code=400), attempts=1)
    line = result.to_json()
    assert "text" not in line
    assert line["error"] == {"type": "APICallError", "message": "Bad", "status_code": 400, "retryable": False}
    assert not result.ok
    assert result.cost is None


counts = st.none() | st.integers(min_value=0, max_value=10**9)
usages = st.none() | st.builds(
    Usage,
    input_tokens=counts,
    output_tokens=counts,
    total_tokens=counts,
    input_token_details=st.builds(InputTokenDetails, cache_read=counts),
    output_token_details=st.builds(OutputTokenDetails, reasoning=counts),
    cost=st.none() | st.floats(min_value=0, max_value=1e6, allow_nan=False),
)
json_scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=20)
json_objects = st.dictionaries(st.text(max_size=8), json_scalars, min_size=1, max_size=4)
errors = st.none() | st.builds(
    RowError,
    type=st.sampled_from(["APICallError", "RetryError", "NoObjectGeneratedError"]),
    message=st.text(max_size=40),
    status_code=st.none() | st.integers(100, 599),
    retryable=st.booleans(),
)


@st.composite
def results(draw: st.DrawFn) -> RowResult:
    kind = draw(st.sampled_from(["text", "object", "embedding"]))
    return RowResult(
        id=draw(st.text(min_size=1, max_size=12) | st.integers(0, 10**12)),
        text=draw(st.text(max_size=50)) if kind == "text" else None,
        object=draw(json_objects) if kind == "object" else None,
        embedding=draw(st.lists(st.floats(-1, 1, allow_nan=False), max_size=8)) if kind == "embedding" else None,
        finish_reason=draw(st.none() | st.sampled_from(["stop", "length"])),
        usage=draw(usages),
        error=draw(errors),
        attempts=draw(st.integers(1, 10)),
        warnings=tuple(draw(st.lists(st.text(max_size=10), max_size=2))),
        mode=draw(st.sampled_from(["realtime", "batch-api"])),
    )


def _comparable(usage: Usage | None) -> tuple[Any, ...] | None:
    if usage is None:
        return None
    return (
        usage.input_tokens,
        usage.output_tokens,
        usage.total_tokens,
        usage.input_token_details.cache_read,
        usage.output_token_details.reasoning,
        usage.cost,
    )


@given(results())
def test_result_lines_round_trip(result: RowResult) -> None:
    back = RowResult.from_json(_json.loads(result.to_jsonl()))
    assert back.id == result.id
    assert (back.text, back.object, back.embedding) == (result.text, result.object, result.embedding)
    assert (back.finish_reason, back.error, back.attempts, back.warnings, back.mode) == (
        result.finish_reason,
        result.error,
        result.attempts,
        result.warnings,
        result.mode,
    )
    expected = _comparable(result.usage)
    if expected is not None and all(v is None for v in expected[:5]) and expected[5] is None:
        expected = (None, None, None, None, None, None)
    assert (_comparable(back.usage) or (None,) * 6) == (expected or (None,) * 6)


@given(
    st.fixed_dictionaries(
        {"id": st.text(min_size=1, max_size=10) | st.integers(0, 10**6), "prompt": st.text(max_size=30)},
        optional={"temperature": st.floats(0, 2), "seed": st.integers(0, 100), "system": st.text(max_size=10)},
    )
)
def test_row_lines_round_trip(line: dict[str, Any]) -> None:
    assert Row.from_json(line).to_json() == line

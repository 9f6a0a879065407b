"""Errors survive pickling: they cross process boundaries (multiprocessing, concurrent.futures, Ray), and
an error whose unpickling fails breaks the pool that carries it (multiprocessing.Pool even hangs)."""

from __future__ import annotations

import pickle

import pytest

from ai_sdk.errors import (
    AISDKError,
    APICallError,
    DeadlineExceededError,
    InvalidArgumentError,
    JSONParseError,
    NoObjectGeneratedError,
    RetryError,
    ToolExecutionError,
    UnknownArgumentError,
    UnsupportedFunctionalityError,
)

API_ERROR = APICallError(
    "Model busy",
    url="https://api.deepinfra.com/v1/openai/chat/completions",
    request_body={"model": "m"},
    status_code=429,
    response_headers={"retry-after": "1"},
    response_body='{"error": {"message": "Model busy"}}',
    data={"error": {"message": "Model busy"}},
)

ERRORS = [
    API_ERROR,
    RetryError("Failed after 3 attempts. Last error: Model busy", reason="max_retries_exceeded", errors=[API_ERROR]),
    DeadlineExceededError(limit="total", seconds=30.0, during="reading the response body"),
    InvalidArgumentError("must be >= 0", argument="max_retries", value=-1),
    UnknownArgumentError("did you mean max_retries?", argument="max_retrys"),
    JSONParseError("{not json", cause=ValueError("expected a value")),
    NoObjectGeneratedError(text="{}", finish_reason="stop"),
    ToolExecutionError(tool_name="lookup", tool_call_id="call-1", tool_input={"city": "Paris"}, cause=KeyError("x")),
    UnsupportedFunctionalityError("seed"),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda error: type(error).__name__)
def test_an_error_survives_pickling(error: AISDKError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert (str(copy), repr(copy), copy.args) == (str(error), repr(error), error.args)
    assert sorted(vars(copy)) == sorted(vars(error))
    assert repr(vars(copy)) == repr(vars(error))

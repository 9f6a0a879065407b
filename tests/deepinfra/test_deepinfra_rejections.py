"""A model that refuses structured output or tools (HTTP 405 / 400 / 422, with DeepInfra's message or
no body at all) yields an error that says so plainly and names the fallback; other errors pass through
unchanged. Through the public API, blocking and async, whole and streamed."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from ai_sdk import Output, generate_text, stream_text, tool
from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.errors import APICallError
from ai_sdk.sync import generate_text as generate_text_sync
from ai_sdk.sync import stream_text as stream_text_sync
from ai_sdk.testing import MockTransport
from ai_sdk.testing.mock_transport import MockResponse

MODEL = "google/gemma-2-9b-it"


class City(BaseModel):
    name: str


@tool
def lookup(city: str) -> str:
    """Look a city up.

    Args:
        city: The city.
    """
    return city


async def _call(mode: str, response: MockResponse, **arguments: Any) -> None:
    mock = MockTransport(response)
    model = create_deepinfra(api_key="k", transport=mock, async_transport=mock)(MODEL)
    arguments = {"model": model, "prompt": "Paris?", "max_retries": 0, **arguments}
    if mode == "sync":
        generate_text_sync(**arguments)
    elif mode == "async":
        await generate_text(**arguments)
    elif mode == "stream-sync":
        stream_text_sync(**arguments).consume()
    else:
        await stream_text(**arguments).consume()


MODES = ["sync", "async", "stream-sync", "stream-async"]


@pytest.mark.parametrize("mode", MODES)
async def test_an_empty_405_for_a_schema_names_the_fallback(mode: str) -> None:
    with pytest.raises(APICallError) as caught:
        await _call(mode, MockResponse(405, {}, b""), output=Output.object(City))
    error = caught.value
    assert error.status_code == 405
    assert error.is_retryable is False
    assert f"Model {MODEL} rejected response_format 'json_schema'" in error.message
    assert "Output.json()" in error.message
    assert isinstance(error.__cause__, APICallError)
    assert error.__cause__.message == "HTTP 405 Method Not Allowed"


@pytest.mark.parametrize("mode", MODES)
async def test_deepinfras_own_message_is_kept_inside_the_explanation(mode: str) -> None:
    refusal = {"error": {"message": f"json_object response format is not supported for model {MODEL}"}}
    with pytest.raises(APICallError) as caught:
        await _call(mode, MockResponse.json(refusal, status=405), output=Output.json())
    assert "rejected response_format 'json_object'" in caught.value.message
    assert f"json_object response format is not supported for model {MODEL}" in caught.value.message


@pytest.mark.parametrize("mode", MODES)
async def test_refused_tools_say_so(mode: str) -> None:
    refusal = {"error": {"message": f"Tool calling is not supported for model {MODEL}"}}
    with pytest.raises(APICallError) as caught:
        await _call(mode, MockResponse.json(refusal, status=405), tools=[lookup])
    assert caught.value.message.startswith(f"Model {MODEL} rejected tool calling (HTTP 405: Tool calling is not")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("status", "body", "arguments"),
    [
        # A 400 about something else, with a schema in the request: not a refusal of the format.
        (400, {"error": {"message": "context length exceeded"}}, {"output": Output.object(City)}),
        # A 405 for a plain request: nothing to explain.
        (405, {"error": {"message": "Method Not Allowed"}}, {}),
    ],
)
async def test_other_errors_pass_through_unchanged(mode: str, status: int, body: Any, arguments: Any) -> None:
    with pytest.raises(APICallError) as caught:
        await _call(mode, MockResponse.json(body, status=status), **arguments)
    assert caught.value.message == body["error"]["message"]
    assert caught.value.__cause__ is None

"""The API key never shows: not in the repr or str of the provider, a model, a result (and everything
it holds), a stream part, or any error and its chain (a call's, the rate limit lookup's), through the
public API, blocking and async."""

from __future__ import annotations

from typing import Any

import pytest

import ai_sdk.core.retry
from ai_sdk import generate_text, stream_text
from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.errors import AISDKError, APICallError, RetryError
from ai_sdk.sync import generate_text as generate_text_sync
from ai_sdk.sync import stream_text as stream_text_sync
from ai_sdk.testing import MockTransport
from ai_sdk.testing.mock_transport import MockResponse

KEY = "sk-live-SECRET-0123456789abcdef"
CHAT = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1732684495,
    "model": "m",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2, "estimated_cost": 1e-06},
}
UNAUTHORISED = {"error": {"message": "Not authenticated", "type": "invalid_request_error", "param": None, "code": None}}


def _shown(value: Any, seen: set[int] | None = None, depth: int = 0) -> list[str]:
    """repr and str of a value and, recursively, of its public attributes, items and exception chain.

    Private attributes are not followed: the provider must hold the key somewhere (``_api_key``), and a
    mock transport records the headers it was sent; neither is something a user sees."""
    seen = set() if seen is None else seen
    if id(value) in seen or depth > 6 or isinstance(value, (int, float, bool, type(None))):
        return []
    seen.add(id(value))
    texts = [repr(value), str(value)]
    children: list[Any] = []
    if isinstance(value, BaseException):
        children += [value.__cause__, value.__context__, *value.args, *getattr(value, "errors", [])]
    if isinstance(value, dict):
        children += [*value.keys(), *value.values()]
    elif isinstance(value, (list, tuple, set)):
        children += list(value)
    names = [*getattr(type(value), "__slots__", ()), *getattr(value, "__dict__", {})]
    children += [getattr(value, name, None) for name in names if not name.startswith("_")]
    for child in children:
        texts += _shown(child, seen, depth + 1)
    return texts


def _model(*responses: MockResponse) -> tuple[Any, Any, MockTransport]:
    mock = MockTransport(list(responses))
    provider = create_deepinfra(api_key=KEY, transport=mock, async_transport=mock)
    return provider, provider("m"), mock


async def _generate(mode: str, model: Any) -> Any:
    if mode == "sync":
        return generate_text_sync(model=model, prompt="hi")
    return await generate_text(model=model, prompt="hi")


@pytest.fixture(autouse=True)
def _no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    async def no_async_sleep(_: float) -> None:
        return None

    monkeypatch.setattr(ai_sdk.core.retry, "sleep", lambda _: None)
    monkeypatch.setattr(ai_sdk.core.retry, "async_sleep", no_async_sleep)


async def test_results_and_streams_never_show_the_key(mode: str) -> None:
    provider, model, mock = _model(MockResponse.json(CHAT), MockResponse.sse([CHAT | {"object": "x"}]))
    if mode == "sync":
        result: Any = generate_text_sync(model=model, prompt="hi")
        streamed: Any = stream_text_sync(model=model, prompt="hi")
        parts = list(streamed.full_stream)
        steps = streamed.steps
    else:
        result = await generate_text(model=model, prompt="hi")
        streamed = stream_text(model=model, prompt="hi")
        parts = [part async for part in streamed.full_stream]
        steps = await streamed.steps
    assert mock.last_request.headers["authorization"] == f"Bearer {KEY}"  # the key was sent...
    shown = _shown([provider, model, result, result.steps, result.response, result.request, parts, steps])
    assert [text for text in shown if KEY in text] == []  # ...and is shown nowhere


async def test_errors_never_show_the_key(mode: str) -> None:
    errors: list[AISDKError] = []
    for responses in (
        [MockResponse.json(UNAUTHORISED, status=401)],
        [MockResponse.json({"error": "busy"}, status=503)] * 3,
    ):
        _, model, _ = _model(*responses)
        with pytest.raises((APICallError, RetryError)) as caught:
            await _generate(mode, model)
        errors.append(caught.value)
    unauthorised, exhausted = errors
    assert isinstance(unauthorised, APICallError)
    assert unauthorised.message == "Not authenticated"
    assert isinstance(exhausted, RetryError)
    assert len(exhausted.errors) == 3
    assert [text for text in _shown(errors) if KEY in text] == []


async def _rate_limit(mode: str, provider: Any) -> Any:
    return provider.rate_limit_sync() if mode == "sync" else await provider.rate_limit()


async def test_the_rate_limit_lookups_error_never_shows_the_key(mode: str) -> None:
    provider, _, mock = _model(MockResponse.json(UNAUTHORISED, status=401))
    with pytest.raises(APICallError) as caught:
        await _rate_limit(mode, provider)
    assert mock.last_request.headers["authorization"] == f"Bearer {KEY}"
    assert caught.value.status_code == 401
    assert [text for text in _shown(caught.value) if KEY in text] == []

"""The one-call functions (embed, embed_many, generate_image, rerank, transcribe, generate_speech,
stream_speech), sync and async, share their settings: each takes ``timeout`` as seconds or a ``Timeout``,
hands the model its total and a step deadline, and one deadline bounds every retry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import ai_sdk
import ai_sdk.sync
from ai_sdk import Timeout
from ai_sdk.core.embed import EmbedManySettings
from ai_sdk.core.model_call import ModelCallSettings, setting_names
from ai_sdk.errors import (
    APICallError,
    DeadlineExceededError,
    EmbeddingChunkError,
    RetryError,
    UnknownArgumentError,
)
from ai_sdk.spec import ImageResult
from ai_sdk.testing import (
    MockEmbeddingModel,
    MockImageModel,
    MockRerankingModel,
    MockSpeechModel,
    MockTranscriptionModel,
)

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(28)


def _busy(after: str) -> APICallError:
    return APICallError("Model busy", url="u", status_code=429, response_headers={"retry-after": after})


def _raise(error: Exception) -> Callable[[Any], Any]:
    def answer(options: Any) -> Any:
        raise error

    return answer


def _models(answer: Exception | None) -> dict[str, Any]:
    """One mock model per function: answering, or raising ``answer`` on every call."""
    return {
        "embed": MockEmbeddingModel(_raise(answer) if answer else [[1.0]]),
        "embed_many": MockEmbeddingModel(_raise(answer) if answer else [[1.0], [2.0]]),
        "generate_image": MockImageModel(_raise(answer) if answer else lambda options: ImageResult([b"png"])),
        "rerank": MockRerankingModel(answer if answer else [0.5, 0.7]),
        "transcribe": MockTranscriptionModel(answer if answer else "hello"),
        "generate_speech": MockSpeechModel(answer if answer else b"RIFF"),
        "stream_speech": MockSpeechModel(answer if answer else b"RIFF"),
    }


ARGUMENTS: dict[str, dict[str, Any]] = {
    "embed": {"value": "v"},
    "embed_many": {"values": ["a", "b"]},
    "generate_image": {"prompt": "a cat"},
    "rerank": {"query": "q", "documents": ["a", "b"]},
    "transcribe": {"audio": WAV},
    "generate_speech": {"text": "Hello."},
    "stream_speech": {"text": "Hello."},
}


@pytest.fixture(params=sorted(ARGUMENTS))
def function(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def _call(mode: str, function: str, model: Any, **settings: Any) -> Any:
    arguments = {"model": model, **ARGUMENTS[function], **settings}
    if mode == "sync":
        return getattr(ai_sdk.sync, function)(**arguments)
    return await getattr(ai_sdk, function)(**arguments)


async def test_a_timeout_object_sets_the_total_and_each_model_call_s_step(mode: str, function: str) -> None:
    model = _models(None)[function]
    await _call(mode, function, model, timeout=Timeout(total=30, step=10))
    [options] = model.calls
    assert options.timeout == 30.0
    assert options.deadline is not None
    assert (options.deadline.limit, options.deadline.seconds) == ("step", 10.0)


async def test_seconds_set_the_total_deadline(mode: str, function: str) -> None:
    model = _models(None)[function]
    await _call(mode, function, model, timeout=20)
    [options] = model.calls
    assert options.timeout == 20.0
    assert (options.deadline.limit, options.deadline.seconds) == ("total", 20.0)


async def test_without_a_timeout_the_model_gets_none_and_the_default_deadline(mode: str, function: str) -> None:
    model = _models(None)[function]
    await _call(mode, function, model)
    [options] = model.calls
    assert options.timeout is None
    assert (options.deadline.limit, options.deadline.seconds) == ("total", 600.0)


def _unwrapped(error: BaseException) -> BaseException:
    """embed_many names the failed chunk around the error."""
    return error.__cause__ if isinstance(error, EmbeddingChunkError) and error.__cause__ else error


@pytest.mark.parametrize("timeout", [1, Timeout(step=1)], ids=["total", "step"])
async def test_a_retry_that_cannot_start_within_the_deadline_is_not_waited_for(
    mode: str, function: str, timeout: Any, instant_retries: list[float]
) -> None:
    model = _models(_busy("3"))[function]
    with pytest.raises((DeadlineExceededError, EmbeddingChunkError)) as caught:
        await _call(mode, function, model, timeout=timeout, max_retries=2)
    error = _unwrapped(caught.value)
    assert isinstance(error, DeadlineExceededError)
    assert error.limit == ("total" if timeout == 1 else "step")
    assert "waiting 3 s to retry after: Model busy" in error.message
    assert isinstance(error.__cause__, APICallError)
    assert (len(model.calls), instant_retries) == (1, [])


async def test_retries_that_fit_in_the_deadline_go_ahead(
    mode: str, function: str, instant_retries: list[float]
) -> None:
    model = _models(_busy("3"))[function]
    with pytest.raises((RetryError, EmbeddingChunkError)) as caught:
        await _call(mode, function, model, timeout=Timeout(total=60, step=10), max_retries=2)
    assert isinstance(_unwrapped(caught.value), RetryError)
    assert (len(model.calls), instant_retries) == (3, [3.0, 3.0])


async def test_an_unknown_setting_is_named_with_the_closest(mode: str, function: str) -> None:
    model = _models(None)[function]
    with pytest.raises(UnknownArgumentError, match=rf"{function}\(\) got an unexpected keyword argument 'max_retry'"):
        await _call(mode, function, model, max_retry=1)
    assert model.calls == []


def test_setting_names_include_the_bases_keys() -> None:
    assert setting_names(ModelCallSettings) == {"max_retries", "headers", "provider_options", "timeout", "telemetry"}
    assert setting_names(EmbedManySettings) == {
        "max_retries",
        "headers",
        "provider_options",
        "timeout",
        "telemetry",
        "max_parallel_calls",
    }

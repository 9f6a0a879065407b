"""on_finish of generate_object / stream_object and on_error of stream_object, blocking and async: the
event carries the validated object (or, for a stream, the error), usage with cost and the response;
the final text is parsed and repaired once; callback errors and async callbacks in the blocking API
fail clearly."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from pydantic import BaseModel

from ai_sdk import errors, generate_object, stream_object
from ai_sdk import sync as blocking
from ai_sdk.core.callbacks import ErrorEvent, ObjectFinishEvent
from ai_sdk.spec import StreamError, StreamStart, Usage
from ai_sdk.testing import MockLanguageModel, mock_model, reply

from .generation_helpers import text_parts

COSTLY = Usage(input_tokens=3, output_tokens=4, total_tokens=7, cost=0.01)


class City(BaseModel):
    name: str


def model(text: str = '{"name": "Oslo"}') -> Any:
    return mock_model(reply(text, usage=COSTLY))


@pytest.mark.parametrize("kind", ["generate", "stream"])
async def test_on_finish_gets_the_object_and_the_usage(mode: str, kind: str) -> None:
    events: list[ObjectFinishEvent[Any]] = []

    async def record_async(event: ObjectFinishEvent[Any]) -> None:
        await asyncio.sleep(0)
        events.append(event)

    callback: Any = events.append if mode == "sync" else record_async
    if (mode, kind) == ("sync", "generate"):
        value = blocking.generate_object(model=model(), schema=City, prompt="A city", on_finish=callback).object
    elif (mode, kind) == ("async", "generate"):
        value = (await generate_object(model=model(), schema=City, prompt="A city", on_finish=callback)).object
    elif mode == "sync":
        value = blocking.stream_object(model=model(), schema=City, prompt="A city", on_finish=callback).object
    else:
        value = await stream_object(model=model(), schema=City, prompt="A city", on_finish=callback).object
    assert value == City(name="Oslo")
    [event] = events
    assert event.object == City(name="Oslo")
    assert event.error is None
    assert event.usage.cost == pytest.approx(0.01)
    assert event.finish_reason == "stop"


async def test_a_stream_that_does_not_fit_reports_the_error_once(mode: str) -> None:
    events: list[ObjectFinishEvent[Any]] = []
    repairs: list[str] = []

    def repair(text: str, error: Exception) -> str | None:
        repairs.append(text)
        return None

    settings: dict[str, Any] = {
        "model": model('{"town": 1}'),
        "schema": City,
        "prompt": "A city",
        "on_finish": events.append,
        "repair_text": repair,
    }

    async def final_value() -> Any:
        if mode == "sync":
            return blocking.stream_object(**settings).object
        return await stream_object(**settings).object

    with pytest.raises(errors.NoObjectGeneratedError) as caught:
        await final_value()
    [event] = events
    assert event.object is None
    assert event.error is caught.value
    assert repairs == ['{"town": 1}']  # parsed and repaired once, for the callback and the value alike


@pytest.mark.parametrize("with_on_finish", [False, True])
async def test_a_failing_repair_text_raises_its_own_error_with_or_without_on_finish(
    mode: str, with_on_finish: bool
) -> None:
    # With on_finish, repair_text's error was reported as "The on_finish callback raised ...", blaming
    # a callback that never ran.
    events: list[ObjectFinishEvent[Any]] = []

    def repair(text: str, error: Exception) -> str | None:
        raise ValueError("repair service down")

    settings: dict[str, Any] = {"model": model("not json"), "schema": City, "prompt": "A city", "repair_text": repair}
    if with_on_finish:
        settings["on_finish"] = events.append

    async def final_value() -> Any:
        if mode == "sync":
            return blocking.stream_object(**settings).object
        return await stream_object(**settings).object

    with pytest.raises(ValueError, match="repair service down") as caught:
        await final_value()
    assert [event.error for event in events] == ([caught.value] if with_on_finish else [])


async def test_stream_object_on_error_gets_the_stream_error(mode: str) -> None:
    failing = MockLanguageModel(do_stream=[StreamStart(), *text_parts("t", '{"na'), StreamError("overloaded")])
    seen: list[ErrorEvent] = []
    if mode == "sync":
        result = blocking.stream_object(model=failing, schema=City, prompt="A city", on_error=seen.append)
        list(result.full_stream)
    else:
        async_result = stream_object(model=failing, schema=City, prompt="A city", on_error=seen.append)
        [part async for part in async_result.full_stream]
    assert [event.error for event in seen][:1] == ["overloaded"]


async def test_a_raising_on_finish_is_a_callback_error() -> None:
    def broken(event: ObjectFinishEvent[Any]) -> None:
        raise RuntimeError("cannot store")

    with pytest.raises(errors.CallbackError, match="on_finish"):
        await generate_object(model=model(), schema=City, prompt="A city", on_finish=broken)
    streamed = blocking.stream_object(model=model(), schema=City, prompt="A city", on_finish=broken)
    with pytest.raises(errors.CallbackError, match="on_finish"):
        _ = streamed.object


def test_the_blocking_api_refuses_an_async_on_finish_before_any_request() -> None:
    async def callback(event: ObjectFinishEvent[Any]) -> None: ...

    quiet = model()
    for function in (blocking.generate_object, blocking.stream_object):
        with pytest.raises(errors.InvalidArgumentError, match="async on_finish callback"):
            function(model=quiet, schema=City, prompt="A city", on_finish=callback)
    assert quiet.calls == []


async def test_on_error_belongs_to_stream_object_only() -> None:
    with pytest.raises(errors.InvalidArgumentError, match="applies to stream_object only"):
        await generate_object(model=model(), schema=City, prompt="A city", on_error=print)

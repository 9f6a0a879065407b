"""The mock models of ai_sdk.testing: scripted answers, recorded calls, simulated streams."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from ai_sdk.errors import APICallError, InvalidArgumentError, TooManyEmbeddingValuesForCallError
from ai_sdk.spec import (
    CallOptions,
    EmbeddingModel,
    EmbeddingUsage,
    EmbedOptions,
    EmbedResult,
    FinishReason,
    GenerateResult,
    ImageCallOptions,
    ImageModel,
    ImageResult,
    LanguageModel,
    RequestInfo,
    StreamResult,
    StreamStart,
    Text,
    TextDelta,
    Usage,
)
from ai_sdk.testing import MockEmbeddingModel, MockImageModel, MockLanguageModel, simulate_stream


def result(text: str) -> GenerateResult:
    return GenerateResult(content=[Text(text)], finish_reason=FinishReason("stop"), usage=Usage(1, 1, 2))


def options(text: str = "Hi") -> CallOptions:
    return CallOptions(prompt=[], max_output_tokens=len(text))


async def generate(model: MockLanguageModel, mode: str, call: CallOptions) -> GenerateResult:
    return model.do_generate_sync(call) if mode == "sync" else await model.do_generate(call)


async def stream(model: MockLanguageModel, mode: str, call: CallOptions) -> tuple[StreamResult[Any], list[Any]]:
    if mode == "sync":
        started = model.do_stream_sync(call)
        return started, list(started.stream)
    started = await model.do_stream(call)
    return started, [part async for part in started.stream]


def test_mocks_implement_the_spec_protocols() -> None:
    assert isinstance(MockLanguageModel(), LanguageModel)
    assert isinstance(MockEmbeddingModel([]), EmbeddingModel)
    assert isinstance(MockImageModel([]), ImageModel)
    model = MockLanguageModel(provider="p", model_id="m")
    assert (model.specification_version, model.provider, model.model_id) == ("v3", "p", "m")
    assert "calls=0" in repr(model)


async def test_generate_answer_forms(mode: str) -> None:
    same = MockLanguageModel(do_generate=result("a"))
    assert (await generate(same, mode, options())).content == [Text("a")]
    assert (await generate(same, mode, options())).content == [Text("a")]

    error = APICallError("down", url="u", status_code=503)
    listed = MockLanguageModel(do_generate=[result("1"), error, result("2")])
    assert (await generate(listed, mode, options())).content == [Text("1")]
    with pytest.raises(APICallError):
        await generate(listed, mode, options())
    assert (await generate(listed, mode, options())).content == [Text("2")]
    with pytest.raises(InvalidArgumentError, match="only 3 answers"):
        await generate(listed, mode, options())

    computed = MockLanguageModel(do_generate=lambda call: result(str(call.max_output_tokens)))
    assert (await generate(computed, mode, options("abc"))).content == [Text("3")]

    first, second = options("x"), options("yy")
    recorder = MockLanguageModel(do_generate=result("r"))
    await generate(recorder, mode, first)
    await generate(recorder, mode, second)
    assert recorder.calls == [first, second]


async def test_missing_answers_are_clear_errors(mode: str) -> None:
    model = MockLanguageModel()
    with pytest.raises(InvalidArgumentError, match="do_generate="):
        await generate(model, mode, options())
    with pytest.raises(InvalidArgumentError, match="do_stream="):
        await stream(model, mode, options())


async def test_stream_answer_forms(mode: str) -> None:
    parts = [StreamStart(), TextDelta("t", "a")]
    same = MockLanguageModel(do_stream=parts)
    assert (await stream(same, mode, options()))[1] == parts
    assert (await stream(same, mode, options()))[1] == parts

    per_call = MockLanguageModel(do_stream=[[TextDelta("t", "1")], APICallError("x", url="u"), [TextDelta("t", "2")]])
    assert (await stream(per_call, mode, options()))[1] == [TextDelta("t", "1")]
    with pytest.raises(APICallError):
        await stream(per_call, mode, options())
    assert (await stream(per_call, mode, options()))[1] == [TextDelta("t", "2")]
    with pytest.raises(InvalidArgumentError, match="only 3 answers"):
        await stream(per_call, mode, options())
    assert len(per_call.calls) == 4

    custom = StreamResult(stream=simulate_stream(parts), request=RequestInfo(body={"b": 1}))
    computed = MockLanguageModel(do_stream=lambda call: custom)
    started, received = await stream(computed, mode, options())
    assert started is custom
    assert received == parts
    assert computed.streams == [custom.stream]


async def test_an_exception_among_parts_is_raised_mid_stream(mode: str) -> None:
    error = APICallError("reset", url="u")
    model = MockLanguageModel(do_stream=[StreamStart(), error, TextDelta("t", "never")])
    started = model.do_stream_sync(options()) if mode == "sync" else await model.do_stream(options())
    received: list[Any] = []

    async def read() -> None:
        if mode == "sync":
            for part in started.stream:
                received.append(part)
        else:
            async for part in started.stream:
                received.append(part)

    with pytest.raises(APICallError):
        await read()
    assert received == [StreamStart()]


def test_streams_record_closing() -> None:
    model = MockLanguageModel(do_stream=[TextDelta("t", "a"), TextDelta("t", "b")])
    started = model.do_stream_sync(options())
    assert next(started.stream) == TextDelta("t", "a")
    assert not model.streams[0].closed
    started.stream.close()
    started.stream.close()
    assert model.streams[0].closed
    assert list(started.stream) == []


async def test_simulate_stream_delays_async(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(asyncio, "sleep", fake_sleep)
    parts = [TextDelta("t", "a"), TextDelta("t", "b"), TextDelta("t", "c")]
    received = [part async for part in simulate_stream(parts, initial_delay=0.5, chunk_delay=0.1)]
    assert received == parts
    assert slept == [0.5, 0.1, 0.1]


def test_simulate_stream_delays_sync(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)
    parts = [TextDelta("t", "a"), TextDelta("t", "b")]
    assert list(simulate_stream(parts, initial_delay=1.0)) == parts
    assert slept == [1.0]


async def test_embedding_model(mode: str) -> None:
    model = MockEmbeddingModel([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], max_embeddings_per_call=2)

    async def embed(values: list[str]) -> EmbedResult:
        call = EmbedOptions(values=values)
        return model.do_embed_sync(call) if mode == "sync" else await model.do_embed(call)

    first = await embed(["a", "b"])
    assert first.embeddings == [[1.0, 0.0], [0.0, 1.0]]
    assert first.usage == EmbeddingUsage(tokens=2)
    assert (await embed(["c"])).embeddings == [[1.0, 1.0]]
    with pytest.raises(InvalidArgumentError, match="ran out of embeddings"):
        await embed(["d"])
    with pytest.raises(TooManyEmbeddingValuesForCallError):
        await embed(["a", "b", "c"])
    assert [call.values for call in model.calls] == [["a", "b"], ["c"], ["d"], ["a", "b", "c"]]
    assert (model.max_embeddings_per_call, model.supports_parallel_calls) == (2, True)

    computed = MockEmbeddingModel(lambda call: [[float(len(v))] for v in call.values])
    assert computed.do_embed_sync(EmbedOptions(values=["ab", "c"])).embeddings == [[2.0], [1.0]]
    full = EmbedResult(embeddings=[[0.5]], usage=EmbeddingUsage(tokens=9))
    assert MockEmbeddingModel(lambda call: full).do_embed_sync(EmbedOptions(values=["x"])) is full


async def test_image_model(mode: str) -> None:
    model = MockImageModel([b"one", b"two", b"three"], max_images_per_call=2)

    async def generate_images(n: int) -> ImageResult:
        call = ImageCallOptions(prompt="cat", n=n)
        return model.do_generate_sync(call) if mode == "sync" else await model.do_generate(call)

    assert (await generate_images(2)).images == [b"one", b"two"]
    assert (await generate_images(1)).images == [b"three"]
    with pytest.raises(InvalidArgumentError, match="ran out of images"):
        await generate_images(1)
    assert [call.n for call in model.calls] == [2, 1, 1]
    assert model.max_images_per_call == 2

    computed = MockImageModel(lambda call: [call.prompt.encode()] * call.n if call.prompt else [])
    assert computed.do_generate_sync(ImageCallOptions(prompt="x", n=2)).images == [b"x", b"x"]
    full = ImageResult(images=[b"y"])
    assert MockImageModel(lambda call: full).do_generate_sync(ImageCallOptions(prompt="y")) is full

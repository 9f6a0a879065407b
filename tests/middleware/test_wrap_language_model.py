"""wrap_language_model: hook order, parameter transforms, wrapping, overrides, and clear errors for
misuse, in both APIs, at the model level and through generate_text / stream_text."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any, get_type_hints

import pytest

from ai_sdk import LanguageModelMiddleware, wrap_language_model
from ai_sdk.errors import InvalidArgumentError, UnsupportedFunctionalityError
from ai_sdk.middleware import CallType, DoGenerate, DoGenerateSync, DoStream, DoStreamSync, WrappedLanguageModel
from ai_sdk.spec import (
    AsyncPartStream,
    CallOptions,
    FinishReason,
    GenerateResult,
    LanguageModel,
    PartStream,
    StreamResult,
    StreamStart,
    Text,
    TextDelta,
    TextEnd,
    TextStart,
)
from ai_sdk.testing import MockLanguageModel

from .helpers import OPTIONS, USAGE, do_generate, do_stream, finish, text_and_reasoning


def mock(text: str = "Hello") -> MockLanguageModel:
    return MockLanguageModel(
        do_generate=GenerateResult(content=[Text(text)], finish_reason=FinishReason("stop", "stop"), usage=USAGE),
        do_stream=[StreamStart(), TextStart("t"), TextDelta("t", text), TextEnd("t"), finish()],
    )


class Recorder(LanguageModelMiddleware):
    """Logs each hook as it runs and sets its own temperature, so order and transforms show."""

    def __init__(self, name: str, log: list[str], temperature: float) -> None:
        self.name, self.log, self.temperature = name, log, temperature

    def transform_params_sync(self, *, type: CallType, params: CallOptions, model: LanguageModel) -> CallOptions:
        self.log.append(f"{self.name}.transform {type} (saw temperature={params.temperature})")
        return replace(params, temperature=self.temperature)

    async def wrap_generate(self, *, do_generate: Any, do_stream: Any, params: CallOptions, model: Any) -> Any:
        self.log.append(f"{self.name}.wrap_generate in")
        result = await do_generate()
        self.log.append(f"{self.name}.wrap_generate out")
        return result

    def wrap_generate_sync(self, *, do_generate: Any, do_stream: Any, params: CallOptions, model: Any) -> Any:
        self.log.append(f"{self.name}.wrap_generate in")
        result = do_generate()
        self.log.append(f"{self.name}.wrap_generate out")
        return result

    async def wrap_stream(self, *, do_generate: Any, do_stream: Any, params: CallOptions, model: Any) -> Any:
        self.log.append(f"{self.name}.wrap_stream")
        return await do_stream()

    def wrap_stream_sync(self, *, do_generate: Any, do_stream: Any, params: CallOptions, model: Any) -> Any:
        self.log.append(f"{self.name}.wrap_stream")
        return do_stream()


async def test_first_middleware_is_outermost_and_the_model_sees_the_last_transform(mode: str) -> None:
    inner, log = mock(), []
    model = wrap_language_model(model=inner, middleware=[Recorder("a", log, 0.1), Recorder("b", log, 0.2)])
    result = await do_generate(mode, model)
    assert result.content == [Text("Hello")]
    assert log == [
        "a.transform generate (saw temperature=None)",
        "a.wrap_generate in",
        "b.transform generate (saw temperature=0.1)",
        "b.wrap_generate in",
        "b.wrap_generate out",
        "a.wrap_generate out",
    ]
    assert inner.calls[0].temperature == 0.2


async def test_stream_hooks_run_with_type_stream(mode: str) -> None:
    inner, log = mock("streamed"), []
    model = wrap_language_model(model=inner, middleware=Recorder("a", log, 0.3))
    parts = await do_stream(mode, model)
    assert [p.delta for p in parts if isinstance(p, TextDelta)] == ["streamed"]
    assert log == ["a.transform stream (saw temperature=None)", "a.wrap_stream"]
    assert inner.calls[0].temperature == 0.3


class Cache(LanguageModelMiddleware):
    """The docs' in-memory cache, keyed on the call options (which are hashable records)."""

    def __init__(self) -> None:
        self.results: dict[str, GenerateResult] = {}

    def _key(self, params: CallOptions) -> str:
        return repr(params)

    async def wrap_generate(
        self,
        *,
        do_generate: Callable[[], Awaitable[GenerateResult]],
        do_stream: Callable[[], Awaitable[StreamResult[AsyncPartStream]]],
        params: CallOptions,
        model: LanguageModel,
    ) -> GenerateResult:
        key = self._key(params)
        if key not in self.results:
            self.results[key] = await do_generate()
        return self.results[key]

    def wrap_generate_sync(
        self,
        *,
        do_generate: Callable[[], GenerateResult],
        do_stream: Callable[[], StreamResult[PartStream]],
        params: CallOptions,
        model: LanguageModel,
    ) -> GenerateResult:
        key = self._key(params)
        if key not in self.results:
            self.results[key] = do_generate()
        return self.results[key]


async def test_a_wrap_hook_may_skip_the_model(mode: str) -> None:
    inner = mock()
    model = wrap_language_model(model=inner, middleware=Cache())
    first = await text_and_reasoning(mode, False, model=model, prompt="Hi")
    second = await text_and_reasoning(mode, False, model=model, prompt="Hi")
    other = await text_and_reasoning(mode, False, model=model, prompt="Bye")
    assert first == second == other == ("Hello", None)
    assert len(inner.calls) == 2


def test_equal_calls_have_equal_call_options_whatever_their_deadlines() -> None:
    """A cache keys on the call; the running deadline the core puts in each call's options differs every
    time, so it must not take part in ``repr`` or ``==`` (it made the cache above miss at random)."""
    from ai_sdk.spec.deadline import Deadline

    first = CallOptions(prompt=[], temperature=0.5, deadline=Deadline.start(5))
    later = CallOptions(prompt=[], temperature=0.5, deadline=Deadline.start(60))
    assert first == later
    assert repr(first) == repr(later)
    assert first.deadline is not None
    assert later.deadline is not None
    assert CallOptions(prompt=[], temperature=0.7) != first


async def test_wrapped_models_work_in_generate_text_and_stream_text(mode: str) -> None:
    log: list[str] = []
    model = wrap_language_model(model=mock("Hi there"), middleware=Recorder("a", log, 0.5))
    assert await text_and_reasoning(mode, False, model=model, prompt="Hi", temperature=0.9) == ("Hi there", None)
    assert await text_and_reasoning(mode, True, model=model, prompt="Hi") == ("Hi there", None)
    assert log[0] == "a.transform generate (saw temperature=0.9)"
    assert "a.transform stream (saw temperature=None)" in log


def test_overrides_and_explicit_ids() -> None:
    class Rename(LanguageModelMiddleware):
        def override_provider(self, model: LanguageModel) -> str:
            return "renamed." + model.provider

        def override_model_id(self, model: LanguageModel) -> str:
            return model.model_id + "-v2"

    inner = mock()
    renamed = wrap_language_model(model=inner, middleware=Rename())
    assert (renamed.provider, renamed.model_id) == ("renamed.mock-provider", "mock-model-id-v2")
    assert renamed.specification_version == "v3"
    assert isinstance(renamed, LanguageModel)
    explicit = wrap_language_model(model=inner, middleware=[Rename(), Rename()], model_id="m", provider_id="p")
    assert (explicit.provider, explicit.model_id) == ("p", "m")
    only_ids = wrap_language_model(model=inner, middleware=[], model_id="alias")
    assert (only_ids.provider, only_ids.model_id) == ("mock-provider", "alias")
    assert wrap_language_model(model=inner, middleware=[]) is inner
    assert isinstance(renamed, WrappedLanguageModel)
    assert renamed.model is inner
    assert "Rename" in repr(renamed)


class AsyncOnlyWrap(LanguageModelMiddleware):
    async def wrap_generate(self, *, do_generate: Any, do_stream: Any, params: CallOptions, model: Any) -> Any:
        return await do_generate()


class SyncOnlyWrap(LanguageModelMiddleware):
    def wrap_stream_sync(self, *, do_generate: Any, do_stream: Any, params: CallOptions, model: Any) -> Any:
        return do_stream()


class AsyncOnlyTransform(LanguageModelMiddleware):
    async def transform_params(self, *, type: CallType, params: CallOptions, model: LanguageModel) -> CallOptions:
        return replace(params, seed=7)


async def test_a_hook_defined_for_one_api_is_never_skipped_in_the_other() -> None:
    model = wrap_language_model(model=mock(), middleware=AsyncOnlyWrap())
    assert (await model.do_generate(OPTIONS)).content == [Text("Hello")]
    with pytest.raises(UnsupportedFunctionalityError, match="defines wrap_generate but not wrap_generate_sync"):
        model.do_generate_sync(OPTIONS)
    model.do_stream_sync(OPTIONS).stream.close()  # stream hooks were not touched: fine in both APIs

    model = wrap_language_model(model=mock(), middleware=SyncOnlyWrap())
    assert model.do_stream_sync(OPTIONS).stream is not None
    with pytest.raises(UnsupportedFunctionalityError, match=r"not wrap_stream, so it cannot run in the async API"):
        await model.do_stream(OPTIONS)

    inner = mock()
    model = wrap_language_model(model=inner, middleware=AsyncOnlyTransform())
    await model.do_generate(OPTIONS)
    assert inner.calls[0].seed == 7
    with pytest.raises(UnsupportedFunctionalityError, match="transform_params_sync"):
        model.do_generate_sync(OPTIONS)


async def test_a_blocking_transform_serves_both_apis(mode: str) -> None:
    inner, log = mock(), []
    model = wrap_language_model(model=inner, middleware=Recorder("a", log, 0.0))
    await do_generate(mode, model)
    assert inner.calls[0].temperature == 0.0


async def test_a_transform_must_return_call_options(mode: str) -> None:
    class Broken(LanguageModelMiddleware):
        def transform_params_sync(self, *, type: CallType, params: CallOptions, model: LanguageModel) -> Any:
            return {"temperature": 1}

    model = wrap_language_model(model=mock(), middleware=Broken())
    with pytest.raises(InvalidArgumentError, match=r"Broken.transform_params returned dict; return a CallOptions"):
        await do_generate(mode, model)


def test_bad_arguments_say_what_to_pass() -> None:
    with pytest.raises(InvalidArgumentError, match="expected LanguageModelMiddleware instances"):
        wrap_language_model(model=mock(), middleware=[object()])  # type: ignore[list-item]
    with pytest.raises(InvalidArgumentError, match="expected a language model"):
        wrap_language_model(model="gpt", middleware=[])  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="expected LanguageModelMiddleware instances"):
        wrap_language_model(model=mock(), middleware=LanguageModelMiddleware)  # type: ignore[arg-type]


def test_the_hook_types_are_named_for_annotations() -> None:
    """``DoGenerate`` / ``DoStream`` (and their blocking twins) are the types the hooks take."""
    for hook, generate, stream in (
        (LanguageModelMiddleware.wrap_generate, DoGenerate, DoStream),
        (LanguageModelMiddleware.wrap_stream, DoGenerate, DoStream),
        (LanguageModelMiddleware.wrap_generate_sync, DoGenerateSync, DoStreamSync),
        (LanguageModelMiddleware.wrap_stream_sync, DoGenerateSync, DoStreamSync),
    ):
        hints = get_type_hints(hook)
        assert (hints["do_generate"], hints["do_stream"]) == (generate, stream)

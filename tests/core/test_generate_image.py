"""generate_image / generate_image_sync over a scripted image model: splitting n into calls (concurrent in
async), argument validation, input-image conversion, result merging, retries and GeneratedImage."""

from __future__ import annotations

import asyncio
import base64
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ai_sdk.core.generate_image import GeneratedImage, GenerateImageResult, generate_image, generate_image_sync
from ai_sdk.errors import (
    APICallError,
    InvalidArgumentError,
    NoImageGeneratedError,
    RetryError,
    UnsupportedFunctionalityError,
)
from ai_sdk.spec import CallWarning, ImageCallOptions, ImageFile, ImageResult, ResponseInfo

PNG_B64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQI12PQz3wAAAJDAXkkWn+MAAAAAElFTkSuQmCC"
PNG = base64.b64decode(PNG_B64)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(20)
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(20)
GIF = b"GIF89a\x01\x00\x01\x00" + bytes(20)


@dataclass
class ScriptedImageModel:
    """An image model answering each call with ``respond(options)`` (default: ``n`` copies of PNG)."""

    max_images_per_call: int | None = 1
    respond: Callable[[ImageCallOptions], ImageResult] | None = None
    before_answer: Callable[[], Awaitable[None]] | None = None
    calls: list[ImageCallOptions] = field(default_factory=list)
    specification_version: str = "v3"
    provider: str = "scripted.image"
    model_id: str = "scripted-model"

    def _answer(self, options: ImageCallOptions) -> ImageResult:
        self.calls.append(options)
        if self.respond is not None:
            return self.respond(options)
        return ImageResult(images=[PNG] * options.n, response=ResponseInfo(model_id=self.model_id))

    def do_generate_sync(self, options: ImageCallOptions) -> ImageResult:
        return self._answer(options)

    async def do_generate(self, options: ImageCallOptions) -> ImageResult:
        if self.before_answer is not None:
            await self.before_answer()
        return self._answer(options)


Generate = Callable[..., Awaitable[GenerateImageResult]]


@pytest.fixture(params=["sync", "async"])
def generate(request: pytest.FixtureRequest) -> Generate:
    """The same call through the blocking and the async API."""
    if request.param == "sync":

        async def run_sync(**kwargs: Any) -> GenerateImageResult:
            return generate_image_sync(**kwargs)

        return run_sync

    async def run_async(**kwargs: Any) -> GenerateImageResult:
        return await generate_image(**kwargs)

    return run_async


# ---------------------------------------------------------------------------------------- splitting n


@pytest.mark.parametrize(
    ("n", "max_per_call", "expected"),
    [(1, 1, [1]), (3, 1, [1, 1, 1]), (5, 2, [2, 2, 1]), (4, 2, [2, 2]), (3, 4, [3])],
)
async def test_n_is_split_into_calls_with_the_remainder_last(
    generate: Generate, n: int, max_per_call: int, expected: list[int]
) -> None:
    model = ScriptedImageModel(max_images_per_call=max_per_call)
    result = await generate(model=model, prompt="a cat", n=n, size="512x512", seed=7)
    assert [call.n for call in model.calls] == expected
    assert all(call.size == "512x512" and call.seed == 7 and call.prompt == "a cat" for call in model.calls)
    assert len(result.images) == n
    assert len(result.responses) == len(expected)


async def test_argument_overrides_the_models_max_and_none_means_one(generate: Generate) -> None:
    model = ScriptedImageModel(max_images_per_call=1)
    await generate(model=model, prompt="a cat", n=4, max_images_per_call=3)
    assert [call.n for call in model.calls] == [3, 1]
    unlimited = ScriptedImageModel(max_images_per_call=None)
    await generate(model=unlimited, prompt="a cat", n=2)
    assert [call.n for call in unlimited.calls] == [1, 1]


@given(n=st.integers(1, 40), max_per_call=st.integers(1, 10))
def test_split_property(n: int, max_per_call: int) -> None:
    model = ScriptedImageModel(max_images_per_call=max_per_call)
    result = generate_image_sync(model=model, prompt="p", n=n)
    counts = [call.n for call in model.calls]
    assert sum(counts) == n == len(result.images)
    assert len(counts) == math.ceil(n / max_per_call)
    assert all(count == max_per_call for count in counts[:-1])
    assert 1 <= counts[-1] <= max_per_call


async def test_async_calls_run_concurrently() -> None:
    # Each call waits at a barrier for three parties: only concurrent calls can all get through it.
    barrier = asyncio.Barrier(3)

    async def rendezvous() -> None:
        await asyncio.wait_for(barrier.wait(), timeout=5)

    model = ScriptedImageModel(before_answer=rendezvous)
    result = await generate_image(model=model, prompt="a cat", n=3)
    assert len(model.calls) == 3
    assert len(result.images) == 3


async def test_a_failed_async_call_cancels_the_others() -> None:
    started = 0
    never = asyncio.Event()

    async def first_fails_others_hang() -> None:
        nonlocal started
        started += 1
        if started == 1:
            await asyncio.sleep(0)  # let the other calls start and block
            raise APICallError("bad request", url="https://x", status_code=400)
        await never.wait()

    model = ScriptedImageModel(before_answer=first_fails_others_hang)
    with pytest.raises(APICallError, match="bad request"):
        await asyncio.wait_for(generate_image(model=model, prompt="a cat", n=3), timeout=5)
    assert started == 3


# ---------------------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"size": "1024"}, "size"),
        ({"size": "0x512"}, "size"),
        ({"size": "1024X768"}, "size"),
        ({"size": "-1x5"}, "size"),
        ({"size": " 1024x768"}, "size"),
        ({"size": 1024}, "size"),
        ({"aspect_ratio": "16x9"}, "aspect_ratio"),
        ({"aspect_ratio": "0:1"}, "aspect_ratio"),
        ({"aspect_ratio": "1.5:1"}, "aspect_ratio"),
        ({"n": 0}, "n"),
        ({"n": True}, "n"),
        ({"n": 1.0}, "n"),
        ({"max_images_per_call": 0}, "max_images_per_call"),
        ({"seed": "42"}, "seed"),
        ({"max_retries": -1}, "max_retries"),
        ({"prompt": ""}, "prompt"),
        ({"prompt": None}, "prompt"),
        ({"mask": PNG}, "mask"),
        ({"images": ["not base64!"]}, "images[0]"),
        ({"images": "data:image/png,plain"}, "images"),
        ({"images": [1]}, "images[0]"),
        ({"images": 3}, "images"),
        ({"model": object()}, "model"),
    ],
)
async def test_bad_arguments_raise_before_any_call(generate: Generate, kwargs: dict[str, Any], argument: str) -> None:
    model = ScriptedImageModel()
    arguments: dict[str, Any] = {"model": model, "prompt": "a cat", **kwargs}
    with pytest.raises(InvalidArgumentError) as info:
        await generate(**arguments)
    assert info.value.argument == argument
    assert f"'{argument}'" in str(info.value)
    assert model.calls == []


async def test_size_message_says_what_to_pass(generate: Generate) -> None:
    with pytest.raises(InvalidArgumentError, match=r"'WIDTHxHEIGHT' with positive integers, e.g. '1024x768'"):
        await generate(model=ScriptedImageModel(), prompt="p", size="big")


async def test_missing_image_file_is_a_clear_error(generate: Generate, tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="cannot read image file"):
        await generate(model=ScriptedImageModel(), prompt="p", images=[tmp_path / "missing.png"])


# ------------------------------------------------------------------------------------ input conversion


async def test_input_images_become_bytes_with_media_types(generate: Generate, tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(JPEG)
    model = ScriptedImageModel()
    await generate(
        model=model,
        prompt="edit",
        images=[PNG, PNG_B64, f"data:image/webp;base64,{base64.b64encode(WEBP).decode()}", path, "https://x/y.png"],
        mask=base64.b64encode(GIF).decode(),
    )
    (call,) = model.calls
    assert call.files == [
        ImageFile(data=PNG, media_type="image/png"),
        ImageFile(data=PNG, media_type="image/png"),
        ImageFile(data=WEBP, media_type="image/webp"),
        ImageFile(data=JPEG, media_type="image/jpeg"),
        ImageFile(data="https://x/y.png"),
    ]
    assert call.mask == ImageFile(data=GIF, media_type="image/gif")


async def test_bytearray_and_memoryview_count_as_bytes(generate: Generate) -> None:
    model = ScriptedImageModel()
    await generate(model=model, prompt="edit", images=bytearray(PNG), mask=memoryview(GIF))
    (call,) = model.calls
    assert call.files == [ImageFile(data=PNG, media_type="image/png")]
    assert call.mask == ImageFile(data=GIF, media_type="image/gif")


async def test_with_the_testing_mock_image_model(generate: Generate) -> None:
    from ai_sdk.testing import MockImageModel

    model = MockImageModel([PNG, JPEG, GIF], max_images_per_call=2)
    result = await generate(model=model, prompt="p", n=3)
    assert [call.n for call in model.calls] == [2, 1]
    assert [image.media_type for image in result.images] == ["image/png", "image/jpeg", "image/gif"]


async def test_a_single_image_and_an_empty_list(generate: Generate) -> None:
    model = ScriptedImageModel()
    given_file = ImageFile(data=b"raw", media_type="image/png")
    await generate(model=model, prompt="edit", images=given_file)
    await generate(model=model, prompt="generate", images=[])
    assert model.calls[0].files == [given_file]
    assert model.calls[1].files is None


# -------------------------------------------------------------------------------------------- results


async def test_results_are_merged_in_call_order(generate: Generate) -> None:
    answers = iter(
        [
            ImageResult(
                images=[PNG],
                warnings=[CallWarning(type="unsupported", feature="size")],
                response=ResponseInfo(model_id="m", headers={"x-call": "1"}),
                provider_metadata={"deepinfra": {"cost": 0.25, "images": [{"seed": 1}]}},
            ),
            ImageResult(
                images=[JPEG],
                warnings=[CallWarning(type="unsupported", feature="size")],
                response=ResponseInfo(model_id="m", headers={"x-call": "2"}),
                provider_metadata={"deepinfra": {"cost": 0.5, "images": [{"seed": 2}], "last": "b"}},
            ),
        ]
    )
    model = ScriptedImageModel(respond=lambda options: next(answers))
    result = await generate(model=model, prompt="p", n=2)
    assert [image.data for image in result.images] == [PNG, JPEG]
    assert result.image.media_type == "image/png"
    assert result.images[1].media_type == "image/jpeg"
    assert result.warnings == [CallWarning(type="unsupported", feature="size")]
    assert [response.headers for response in result.responses] == [{"x-call": "1"}, {"x-call": "2"}]
    assert result.provider_metadata == {"deepinfra": {"cost": 0.75, "images": [{"seed": 1}, {"seed": 2}], "last": "b"}}


async def test_a_seed_shared_by_several_calls_warns(generate: Generate) -> None:
    result = await generate(model=ScriptedImageModel(), prompt="p", n=2, seed=5)
    (warning,) = result.warnings
    assert warning.type == "other"
    assert "seed 5 is sent with each of the 2 calls" in (warning.message or "")
    one_call = await generate(model=ScriptedImageModel(max_images_per_call=2), prompt="p", n=2, seed=5)
    assert one_call.warnings == []


async def test_no_images_raises_no_image_generated(generate: Generate) -> None:
    model = ScriptedImageModel(respond=lambda options: ImageResult(images=[], response=ResponseInfo(model_id="m")))
    with pytest.raises(NoImageGeneratedError) as info:
        await generate(model=model, prompt="p", n=2)
    assert [response.model_id for response in info.value.responses] == ["m", "m"]


# -------------------------------------------------------------------------------------------- retries


@pytest.fixture
def slept(instant_retries: list[float]) -> list[float]:
    return instant_retries


async def test_retryable_errors_are_retried(generate: Generate, slept: list[float]) -> None:
    failures = [APICallError("Model busy, retry later", url="https://x", status_code=429)]

    def respond(options: ImageCallOptions) -> ImageResult:
        if failures:
            raise failures.pop()
        return ImageResult(images=[PNG])

    model = ScriptedImageModel(respond=respond)
    result = await generate(model=model, prompt="p")
    assert len(model.calls) == 2
    assert slept == [2.0]
    assert result.image.data == PNG


async def test_retries_give_up_with_retry_error(generate: Generate, slept: list[float]) -> None:
    def respond(options: ImageCallOptions) -> ImageResult:
        raise APICallError("down", url="https://x", status_code=503)

    model = ScriptedImageModel(respond=respond)
    with pytest.raises(RetryError) as info:
        await generate(model=model, prompt="p", max_retries=1)
    assert len(info.value.errors) == 2
    assert slept == [2.0]


async def test_non_retryable_errors_surface_unchanged(generate: Generate, slept: list[float]) -> None:
    def respond(options: ImageCallOptions) -> ImageResult:
        raise UnsupportedFunctionalityError("image URLs for editing")

    model = ScriptedImageModel(respond=respond)
    with pytest.raises(UnsupportedFunctionalityError):
        await generate(model=model, prompt="p")
    assert len(model.calls) == 1
    assert slept == []


# ------------------------------------------------------------------------------------- GeneratedImage


@pytest.mark.parametrize(
    ("data", "media_type"),
    [(PNG, "image/png"), (JPEG, "image/jpeg"), (WEBP, "image/webp"), (GIF, "image/gif"), (b"unknown", "image/png")],
)
def test_media_type_is_detected_from_the_bytes(data: bytes, media_type: str) -> None:
    assert GeneratedImage(data=data).media_type == media_type
    assert GeneratedImage(base64=base64.b64encode(data).decode()).media_type == media_type


def test_base64_and_bytes_convert_lazily_both_ways() -> None:
    from_bytes = GeneratedImage(data=PNG)
    assert from_bytes.base64 == PNG_B64
    from_base64 = GeneratedImage(base64=PNG_B64)
    assert from_base64.data == PNG
    assert from_bytes == from_base64
    assert hash(from_bytes) == hash(from_base64)
    assert repr(from_bytes) == "GeneratedImage(media_type='image/png', 69 bytes)"
    with pytest.raises(InvalidArgumentError):
        GeneratedImage()


def test_explicit_media_type_wins() -> None:
    assert GeneratedImage(data=PNG, media_type="image/x-custom").media_type == "image/x-custom"


def test_save_writes_the_bytes(tmp_path: Path) -> None:
    target = GeneratedImage(base64=PNG_B64).save(tmp_path / "out.png")
    assert target == tmp_path / "out.png"
    assert target.read_bytes() == PNG
    assert GeneratedImage(data=JPEG).save(str(tmp_path / "out.jpg")).read_bytes() == JPEG


def test_public_names() -> None:
    import ai_sdk

    assert ai_sdk.generate_image is generate_image
    assert ai_sdk.GeneratedImage is GeneratedImage
    assert ai_sdk.GenerateImageResult is GenerateImageResult


def test_blocking_public_name() -> None:
    import ai_sdk.sync

    assert ai_sdk.sync.generate_image is generate_image_sync

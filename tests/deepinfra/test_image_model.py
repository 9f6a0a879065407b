"""DeepInfraImageModel over a mock transport: the exact requests it sends (native inference JSON and
multipart edits), how it reads DeepInfra's answers and errors, and the warnings it gives. Every test
runs through the blocking and the async API."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from ai_sdk.core.generate_image import GenerateImageResult, generate_image, generate_image_sync
from ai_sdk.deepinfra.image_model import DeepInfraImageModel
from ai_sdk.errors import (
    APICallError,
    InvalidArgumentError,
    InvalidResponseDataError,
    NoImageGeneratedError,
    UnsupportedFunctionalityError,
)
from ai_sdk.http.provider_transports import Transports
from ai_sdk.http.transport import HttpRequest
from ai_sdk.openai_compatible.config import ModelConfig
from ai_sdk.spec import ImageCallOptions, ImageFile, ImageResult
from ai_sdk.testing.mock_transport import MockResponse, MockSyncResponse, MockTransport

BASE = "https://api.deepinfra.com/v1"
KEY = "test-secret-key"
PNG_B64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQI12PQz3wAAAJDAXkkWn+MAAAAAElFTkSuQmCC"
PNG = base64.b64decode(PNG_B64)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(20)
MASK = b"\x89PNG\r\n\x1a\nmask-bytes"

FLUX_SCHNELL_RESPONSE = {
    "images": [f"data:image/png;base64,{PNG_B64}"],
    "nsfw_content_detected": [False],
    "seed": 42,
    "request_id": None,
    "inference_status": {"status": "unknown", "runtime_ms": 0, "cost": 0.0, "tokens_generated": 0, "tokens_input": 0},
}
EDIT_RESPONSE = {"created": 1732684495, "data": [{"b64_json": PNG_B64}]}


def make_model(
    model_id: str, transport: Any, *, base_url: str = BASE, provider_headers: dict[str, str] | None = None
) -> DeepInfraImageModel:
    headers = {"authorization": f"Bearer {KEY}", "user-agent": "ai-sdk/deepinfra/test", **(provider_headers or {})}
    config = ModelConfig(
        provider="deepinfra.image",
        base_url=base_url,
        headers=lambda: dict(headers),
        transports=Transports(transport=transport, async_transport=transport),
    )
    return DeepInfraImageModel(model_id, config)


Call = Callable[[DeepInfraImageModel, ImageCallOptions], Awaitable[ImageResult]]
Generate = Callable[..., Awaitable[GenerateImageResult]]


@pytest.fixture
def call(mode: str) -> Call:
    """``model.do_generate_sync`` or ``await model.do_generate``."""

    async def run(model: DeepInfraImageModel, options: ImageCallOptions) -> ImageResult:
        if mode == "sync":
            return model.do_generate_sync(options)
        return await model.do_generate(options)

    return run


@pytest.fixture
def generate(mode: str) -> Generate:
    """``generate_image_sync`` or ``await generate_image``."""

    async def run(**kwargs: Any) -> GenerateImageResult:
        if mode == "sync":
            return generate_image_sync(**kwargs)
        return await generate_image(**kwargs)

    return run


def flux_transport() -> MockTransport:
    return MockTransport(lambda request: MockResponse.json(FLUX_SCHNELL_RESPONSE, headers={"x-request-id": "r-1"}))


def routing_transport() -> MockTransport:
    """Answers each route as DeepInfra does."""

    def answer(request: HttpRequest) -> MockResponse:
        if "/inference/" in request.url:
            return MockResponse.json(FLUX_SCHNELL_RESPONSE)
        assert request.url.endswith("/openai/images/edits")
        return MockResponse.json(EDIT_RESPONSE)

    return MockTransport(answer)


def parse_multipart(request: HttpRequest) -> list[tuple[str, str | None, str | None, bytes]]:
    """The parts of a multipart body as ``(name, filename, content type, content)``."""
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    boundary = content_type.partition("boundary=")[2].encode()
    assert request.body is not None
    assert request.body.endswith(b"--" + boundary + b"--\r\n")
    chunks = request.body.split(b"--" + boundary)
    assert chunks[0] == b""
    parts = []
    for chunk in chunks[1:-1]:
        assert chunk.startswith(b"\r\n")
        assert chunk.endswith(b"\r\n")
        head, separator, content = chunk[2:-2].partition(b"\r\n\r\n")
        assert separator
        headers = dict(line.split(": ", 1) for line in head.decode().split("\r\n"))
        params = dict(param.strip().split("=", 1) for param in headers["Content-Disposition"].split(";")[1:])
        filename = params["filename"].strip('"') if "filename" in params else None
        parts.append((params["name"].strip('"'), filename, headers.get("Content-Type"), content))
    return parts


# ------------------------------------------------------------------------------------ inference requests


async def test_aspect_ratio_seed_and_provider_options(call: Call) -> None:
    transport = flux_transport()
    model = make_model("stabilityai/sd3.5", transport)
    result = await call(
        model,
        ImageCallOptions(
            prompt="A futuristic cityscape at sunset",
            n=1,
            aspect_ratio="16:9",
            seed=42,
            provider_options={"deepinfra": {"num_inference_steps": 30, "guidance_scale": 7.5}},
            headers={"X-Trace": "abc"},
        ),
    )
    request = transport.last_request
    assert request.method == "POST"
    assert request.url == "https://api.deepinfra.com/v1/inference/stabilityai/sd3.5"
    assert request.headers == {
        "authorization": f"Bearer {KEY}",
        "user-agent": "ai-sdk/deepinfra/test",
        "x-trace": "abc",
        "content-type": "application/json",
    }
    assert request.body == (
        b'{"prompt":"A futuristic cityscape at sunset","num_images":1,"aspect_ratio":"16:9","seed":42,'
        b'"num_inference_steps":30,"guidance_scale":7.5}'
    )
    assert result.warnings == []
    assert transport.unclosed == 0


async def test_size_becomes_width_and_height(call: Call) -> None:
    transport = flux_transport()
    model = make_model("black-forest-labs/FLUX-1-schnell", transport)
    await call(model, ImageCallOptions(prompt="A cat", n=2, size="1024x768"))
    request = transport.last_request
    assert request.url == "https://api.deepinfra.com/v1/inference/black-forest-labs/FLUX-1-schnell"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.headers["content-type"] == "application/json"
    assert request.body == b'{"prompt":"A cat","num_images":2,"width":1024,"height":768}'


async def test_unset_values_are_omitted_and_provider_options_may_override(call: Call) -> None:
    transport = flux_transport()
    model = make_model("black-forest-labs/FLUX-1-dev", transport)
    await call(
        model, ImageCallOptions(prompt="p", provider_options={"deepinfra": {"num_images": 4}, "other": {"x": 1}})
    )
    assert transport.request_json() == {"prompt": "p", "num_images": 4}
    assert list(transport.request_json()) == ["prompt", "num_images"]


async def test_custom_base_url_and_provider_headers(call: Call) -> None:
    transport = routing_transport()
    model = make_model(
        "black-forest-labs/FLUX-1-schnell",
        transport,
        base_url="https://proxy.example.com/deepinfra/v1",
        provider_headers={"x-team": "images"},
    )
    await call(model, ImageCallOptions(prompt="p", headers={"x-team": None}))
    assert (
        transport.last_request.url
        == "https://proxy.example.com/deepinfra/v1/inference/black-forest-labs/FLUX-1-schnell"
    )
    assert "x-team" not in transport.last_request.headers
    await call(model, ImageCallOptions(prompt="p", files=[ImageFile(PNG, "image/png")]))
    assert transport.last_request.url == "https://proxy.example.com/deepinfra/v1/openai/images/edits"
    assert transport.last_request.headers["x-team"] == "images"


async def test_three_images_take_three_calls(generate: Generate, mode: str) -> None:
    transport = flux_transport()
    model = make_model("black-forest-labs/FLUX-1-schnell", transport)
    result = await generate(model=model, prompt="A cat", n=3, size="512x512", seed=7)
    assert [request.url for request in transport.requests] == [
        "https://api.deepinfra.com/v1/inference/black-forest-labs/FLUX-1-schnell"
    ] * 3
    assert [request.body for request in transport.requests] == [
        b'{"prompt":"A cat","num_images":1,"width":512,"height":512,"seed":7}'
    ] * 3
    assert all(request.headers["authorization"] == f"Bearer {KEY}" for request in transport.requests)
    assert [image.data for image in result.images] == [PNG] * 3
    assert [response.headers for response in result.responses] == [
        {"content-type": "application/json", "x-request-id": "r-1"}
    ] * 3


class RendezvousTransport:
    """An async transport whose requests wait until ``parties`` of them are in flight at once."""

    def __init__(self, inner: MockTransport, parties: int) -> None:
        self.inner = inner
        self.barrier = asyncio.Barrier(parties)

    async def send(self, request: HttpRequest, *, stream: bool = False) -> Any:
        await asyncio.wait_for(self.barrier.wait(), timeout=5)
        response: MockSyncResponse = self.inner.send(request, stream=stream)
        return await response


async def test_async_calls_are_concurrent_over_http() -> None:
    inner = flux_transport()
    model = make_model("black-forest-labs/FLUX-1-schnell", RendezvousTransport(inner, parties=3))
    result = await generate_image(model=model, prompt="A cat", n=3)
    assert len(inner.requests) == 3
    assert len(result.images) == 3


# ------------------------------------------------------------------------------------------- responses


async def test_flux_schnell_response(generate: Generate) -> None:
    model = make_model("black-forest-labs/FLUX-1-schnell", flux_transport())
    result = await generate(model=model, prompt="A cat")
    image = result.image
    assert image.data == PNG
    assert image.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert image.base64 == PNG_B64  # the data-URL prefix is gone
    assert image.media_type == "image/png"
    assert result.provider_metadata == {
        "deepinfra": {"cost": 0.0, "images": [{"seed": 42, "nsfw_content_detected": False}]}
    }
    assert result.responses[0].model_id == "black-forest-labs/FLUX-1-schnell"
    assert result.responses[0].timestamp is not None


async def test_costs_add_up_and_per_image_metadata_lines_up(generate: Generate) -> None:
    seeds = iter([11, 12, 13])

    def answer(request: HttpRequest) -> MockResponse:
        body = {**FLUX_SCHNELL_RESPONSE, "seed": next(seeds), "request_id": "req"}
        body["inference_status"] = {"status": "succeeded", "cost": 0.0025}
        return MockResponse.json(body)

    model = make_model("black-forest-labs/FLUX-1-schnell", MockTransport(answer))
    result = await generate(model=model, prompt="A cat", n=3)
    metadata = result.provider_metadata["deepinfra"]
    assert metadata["cost"] == pytest.approx(0.0075)
    assert [entry["seed"] for entry in metadata["images"]] == [11, 12, 13]
    assert all(entry["request_id"] == "req" for entry in metadata["images"])


async def test_images_without_data_url_prefix_and_jpeg(call: Call) -> None:
    jpeg_b64 = base64.b64encode(JPEG).decode()
    body = {"images": [PNG_B64, f"data:image/jpeg;base64,{jpeg_b64}"], "seed": 1}
    model = make_model("black-forest-labs/FLUX-1-schnell", MockTransport(MockResponse.json(body)))
    result = await call(model, ImageCallOptions(prompt="p", n=2))
    assert result.images == [PNG, JPEG]
    assert result.provider_metadata == {"deepinfra": {"images": [{"seed": 1}, {"seed": 1}]}}


async def test_an_empty_images_list_is_no_image_generated(generate: Generate) -> None:
    model = make_model("black-forest-labs/FLUX-1-schnell", MockTransport(MockResponse.json({"images": []})))
    with pytest.raises(NoImageGeneratedError) as info:
        await generate(model=model, prompt="p")
    assert len(info.value.responses) == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"detail": "no images here"}, "no 'images' list"),
        ({"images": "data:image/png;base64,AAAA"}, "no 'images' list"),
        ({"images": [None]}, "image 0 is not base64 text"),
        ({"images": ["data:image/png;base64,AAA"]}, "image 0 is not valid base64"),
        ([1, 2], "no 'images' list"),
    ],
)
async def test_malformed_responses(call: Call, body: Any, message: str) -> None:
    model = make_model("black-forest-labs/FLUX-1-schnell", MockTransport(MockResponse.json(body)))
    with pytest.raises(InvalidResponseDataError, match=message):
        await call(model, ImageCallOptions(prompt="p"))


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (500, {"detail": {"error": "CUDA out of memory"}}, "CUDA out of memory"),
        (401, {"error": {"message": "Not authenticated", "type": "invalid_request_error"}}, "Not authenticated"),
        (401, {"error": "Unauthorised"}, "Unauthorised"),
        (404, {"detail": "Model not found"}, "Model not found"),
        (
            422,
            {
                "detail": [
                    {"loc": ["body", "num_images"], "msg": "ensure this value is less than or equal to 4", "type": "x"}
                ]
            },
            "body.num_images: ensure this value is less than or equal to 4",
        ),
        (429, {"error": {"message": "Model busy, retry later"}}, "Model busy, retry later"),
    ],
)
@pytest.mark.parametrize("editing", [False, True])
async def test_error_bodies_become_api_call_errors(
    call: Call, status: int, body: Any, message: str, editing: bool
) -> None:
    transport = MockTransport(MockResponse.json(body, status=status))
    model = make_model("black-forest-labs/FLUX-1-schnell", transport)
    files = [ImageFile(PNG, "image/png")] if editing else None
    with pytest.raises(APICallError) as info:
        await call(model, ImageCallOptions(prompt="p", files=files))
    error = info.value
    assert error.message == message
    assert error.status_code == status
    assert error.is_retryable == (status in (429, 500))
    for text in (repr(error), str(error), str(error.request_body)):
        assert KEY not in text
    assert transport.unclosed == 0


# ---------------------------------------------------------------------------------------------- warnings


@pytest.mark.parametrize(
    ("model_id", "options", "features"),
    [
        ("stabilityai/sd3.5", {"size": "1024x1024"}, ["size"]),
        ("black-forest-labs/FLUX-1.1-pro", {"aspect_ratio": "16:9"}, ["aspect_ratio"]),
        ("black-forest-labs/FLUX-1.1-pro", {"size": "1000x1000"}, ["size"]),
        ("black-forest-labs/FLUX-1.1-pro", {"size": "1024x1440"}, []),
        ("someone/new-model", {"aspect_ratio": "16:9"}, []),
        ("someone/new-model", {"size": "2048x2048"}, ["size"]),
    ],
)
async def test_warnings_leave_the_request_unchanged(
    call: Call, model_id: str, options: dict[str, Any], features: list[str]
) -> None:
    transport = flux_transport()
    model = make_model(model_id, transport)
    result = await call(model, ImageCallOptions(prompt="p", **options))
    assert [warning.feature for warning in result.warnings] == features
    body = transport.request_json()
    if "size" in options:
        width, height = (int(side) for side in options["size"].split("x"))
        assert (body["width"], body["height"]) == (width, height)
    if "aspect_ratio" in options:
        assert body["aspect_ratio"] == options["aspect_ratio"]


async def test_generate_image_reports_the_model_warnings_once(generate: Generate) -> None:
    model = make_model("stabilityai/sd3.5", flux_transport())
    result = await generate(model=model, prompt="p", n=2, size="512x512")
    assert len(result.warnings) == 1
    assert result.warnings[0].feature == "size"


# --------------------------------------------------------------------------------------------- editing


def edit_transport() -> MockTransport:
    return MockTransport(lambda request: MockResponse.json(EDIT_RESPONSE))


async def test_edit_one_image(call: Call) -> None:
    transport = edit_transport()
    model = make_model("black-forest-labs/FLUX.1-Kontext-dev", transport)
    result = await call(
        model, ImageCallOptions(prompt="Add a hat to the cat", files=[ImageFile(PNG, "image/png")], size="1024x1024")
    )
    request = transport.last_request
    assert request.url == "https://api.deepinfra.com/v1/openai/images/edits"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert parse_multipart(request) == [
        ("model", None, None, b"black-forest-labs/FLUX.1-Kontext-dev"),
        ("prompt", None, None, b"Add a hat to the cat"),
        ("image", "image.png", "image/png", PNG),
        ("n", None, None, b"1"),
        ("size", None, None, b"1024x1024"),
    ]
    assert result.images == [PNG]
    assert result.provider_metadata is None
    assert result.warnings == []


async def test_edit_image_with_mask_and_provider_options(call: Call) -> None:
    transport = edit_transport()
    model = make_model("stabilityai/sd3.5", transport)
    await call(
        model,
        ImageCallOptions(
            prompt="Replace the sky",
            n=2,
            files=[ImageFile(JPEG, "image/jpeg")],
            mask=ImageFile(MASK),
            provider_options={"deepinfra": {"num_inference_steps": 20, "strength": 0.8, "enhance": True, "x": None}},
        ),
    )
    assert parse_multipart(transport.last_request) == [
        ("model", None, None, b"stabilityai/sd3.5"),
        ("prompt", None, None, b"Replace the sky"),
        ("image", "image.jpg", "image/jpeg", JPEG),
        ("mask", "mask.png", "image/png", MASK),
        ("n", None, None, b"2"),
        ("num_inference_steps", None, None, b"20"),
        ("strength", None, None, b"0.8"),
        ("enhance", None, None, b"true"),
    ]


async def test_edit_two_images_from_bytes_and_base64(call: Call) -> None:
    transport = edit_transport()
    model = make_model("black-forest-labs/FLUX.1-Kontext-dev", transport)
    result = await call(
        model,
        ImageCallOptions(
            prompt="Put the cat on the sofa",
            files=[ImageFile(PNG, "image/png"), ImageFile(base64.b64encode(JPEG).decode(), "image/jpeg")],
        ),
    )
    # DeepInfra's schema has a single 'image' file: the result says the model may see only one.
    assert [(warning.type, warning.feature) for warning in result.warnings] == [("unsupported", "images")]
    parts = parse_multipart(transport.last_request)
    assert [(name, filename, content_type) for name, filename, content_type, _ in parts] == [
        ("model", None, None),
        ("prompt", None, None),
        ("image", "image.png", "image/png"),
        ("image", "image.jpg", "image/jpeg"),
        ("n", None, None),
    ]
    assert [content for name, _, _, content in parts if name == "image"] == [PNG, JPEG]


async def test_edit_through_generate_image_detects_input_media_types(generate: Generate, tmp_path: Any) -> None:
    path = tmp_path / "cat.jpg"
    path.write_bytes(JPEG)
    transport = edit_transport()
    model = make_model("black-forest-labs/FLUX.1-Kontext-dev", transport)
    result = await generate(model=model, prompt="Add a hat", images=[path, PNG_B64], mask=MASK)
    parts = parse_multipart(transport.last_request)
    assert [(name, filename, content_type) for name, filename, content_type, _ in parts if filename] == [
        ("image", "image.jpg", "image/jpeg"),
        ("image", "image.png", "image/png"),
        ("mask", "mask.png", "image/png"),
    ]
    assert result.image.data == PNG


async def test_edit_warns_about_what_the_endpoint_cannot_take(call: Call) -> None:
    transport = edit_transport()
    model = make_model("black-forest-labs/FLUX.1-Kontext-dev", transport)
    result = await call(
        model,
        ImageCallOptions(prompt="p", files=[ImageFile(PNG)], aspect_ratio="16:9", seed=3, size="1000x1000"),
    )
    assert [warning.feature for warning in result.warnings] == ["size", "aspect_ratio", "seed"]
    names = [name for name, *_ in parse_multipart(transport.last_request)]
    assert names == ["model", "prompt", "image", "n", "size"]


async def test_edit_with_an_image_url_is_unsupported(call: Call) -> None:
    transport = edit_transport()
    model = make_model("black-forest-labs/FLUX.1-Kontext-dev", transport)
    options = ImageCallOptions(prompt="p", files=[ImageFile(PNG), ImageFile("https://example.com/cat.png")])
    with pytest.raises(UnsupportedFunctionalityError, match=r"files\[1\] is a URL: download it"):
        await call(model, options)
    assert transport.requests == []


@pytest.mark.parametrize(
    ("options", "argument"),
    [
        (ImageCallOptions(prompt=None), "prompt"),
        (ImageCallOptions(prompt="p", provider_options={"deepinfra": 5}), "provider_options"),
        (ImageCallOptions(prompt="p", files=[ImageFile("not base64!")]), "files[0]"),
    ],
)
async def test_bad_options_raise_before_sending(call: Call, options: ImageCallOptions, argument: str) -> None:
    transport = edit_transport()
    with pytest.raises(InvalidArgumentError) as info:
        await call(make_model("m", transport), options)
    assert info.value.argument == argument
    assert transport.requests == []


@pytest.mark.parametrize(
    ("body", "message"),
    [({"data": None}, "no 'data' list"), ({"data": [{"url": "https://x"}]}, "image 0 is not base64 text")],
)
async def test_malformed_edit_responses(call: Call, body: Any, message: str) -> None:
    model = make_model("m", MockTransport(MockResponse.json(body)))
    with pytest.raises(InvalidResponseDataError, match=message):
        await call(model, ImageCallOptions(prompt="p", files=[ImageFile(PNG)]))


# ------------------------------------------------------------------------------------------ the model


def test_model_properties() -> None:
    model = make_model("stabilityai/sd3.5", flux_transport())
    assert model.specification_version == "v3"
    assert model.provider == "deepinfra.image"
    assert model.model_id == "stabilityai/sd3.5"
    assert model.max_images_per_call == 1
    assert KEY not in repr(model)


# ------------------------------------------------------------------------------------- via the provider


async def test_through_the_provider(generate: Generate) -> None:
    from ai_sdk import __version__
    from ai_sdk.deepinfra import create_deepinfra

    transport = flux_transport()
    provider = create_deepinfra(api_key=KEY, transport=transport, async_transport=transport)
    model = provider.image("stabilityai/sd3.5")
    assert isinstance(model, DeepInfraImageModel)
    assert model.provider == "deepinfra.image"
    assert provider.image_model("stabilityai/sd3.5").model_id == "stabilityai/sd3.5"
    result = await generate(
        model=model,
        prompt="A futuristic cityscape at sunset",
        aspect_ratio="16:9",
        seed=42,
        provider_options={"deepinfra": {"num_inference_steps": 30}},
    )
    request = transport.last_request
    assert request.url == "https://api.deepinfra.com/v1/inference/stabilityai/sd3.5"
    assert request.headers == {
        "authorization": f"Bearer {KEY}",
        "user-agent": f"ai-sdk/deepinfra/{__version__}",
        "content-type": "application/json",
    }
    assert request.body == (
        b'{"prompt":"A futuristic cityscape at sunset","num_images":1,"aspect_ratio":"16:9","seed":42,'
        b'"num_inference_steps":30}'
    )
    assert result.image.data == PNG


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("https://proxy.example.com/v1", "https://proxy.example.com/v1"),
        ("https://proxy.example.com/v1/", "https://proxy.example.com/v1"),
        ("https://proxy.example.com/v1/openai", "https://proxy.example.com/v1"),
    ],
)
async def test_provider_base_url(generate: Generate, base_url: str, expected: str) -> None:
    from ai_sdk.deepinfra import create_deepinfra

    transport = routing_transport()
    provider = create_deepinfra(api_key=KEY, base_url=base_url, transport=transport, async_transport=transport)
    model = provider.image("black-forest-labs/FLUX-1-schnell")
    await generate(model=model, prompt="p", size="512x512")
    await generate(model=model, prompt="p", images=[PNG])
    assert [request.url for request in transport.requests] == [
        f"{expected}/inference/black-forest-labs/FLUX-1-schnell",
        f"{expected}/openai/images/edits",
    ]


async def test_missing_api_key_is_reported_before_sending(generate: Generate) -> None:
    from ai_sdk.deepinfra import create_deepinfra
    from ai_sdk.errors import LoadAPIKeyError

    transport = flux_transport()
    provider = create_deepinfra(transport=transport, async_transport=transport)
    with pytest.raises(LoadAPIKeyError, match="DEEPINFRA_API_KEY"):
        await generate(model=provider.image("black-forest-labs/FLUX-1-schnell"), prompt="p")
    assert transport.requests == []


# ------------------------------------------------------------------------------- over loopback HTTP


async def test_generate_and_edit_against_the_emulator(generate: Generate) -> None:
    """The real transports (urllib3, aiohttp) carry the JSON and multipart requests unchanged."""
    from ai_sdk.deepinfra import create_deepinfra
    from ai_sdk.testing import DeepInfraEmulator

    with DeepInfraEmulator(api_key=KEY) as emulator:
        provider = create_deepinfra(api_key=KEY, base_url=emulator.base_url)
        generated = await generate(
            model=provider.image("black-forest-labs/FLUX-1-schnell"), prompt="A cat", n=2, size="512x256", seed=9
        )
        edited = await generate(
            model=provider.image("black-forest-labs/FLUX.1-Kontext-dev"),
            prompt="Add a hat",
            images=[generated.image.data],
            mask=generated.images[1].base64,
        )
        requests = emulator.requests
    assert [request.route for request in requests] == ["inference", "inference", "image_edits"]
    assert all(image.data[16:24] == (512).to_bytes(4, "big") + (256).to_bytes(4, "big") for image in generated.images)
    assert generated.provider_metadata["deepinfra"]["cost"] > 0
    assert [entry["seed"] for entry in generated.provider_metadata["deepinfra"]["images"]] == [9, 9]
    assert edited.image.media_type == "image/png"

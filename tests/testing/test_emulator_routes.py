"""The emulator's other routes over raw HTTP: completions, embeddings, models, native image inference
and multipart image edits."""

from __future__ import annotations

import base64
import math
import struct
import uuid
import zlib

import pytest

from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator.png import encode_png, png_size

from .emulator_http import request

COMPLETIONS = "/v1/openai/completions"
EMBEDDINGS = "/v1/openai/embeddings"
INFERENCE = "/v1/inference/black-forest-labs/FLUX-1-schnell"
EDITS = "/v1/openai/images/edits"


def _decode_png(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and raw scanlines of a PNG, checking every chunk's CRC."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, {}
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        payload = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert crc == zlib.crc32(kind + payload)
        chunks[kind] = payload
        position += 12 + length
    width, height = struct.unpack(">II", chunks[b"IHDR"][:8])
    assert set(chunks) == {b"IHDR", b"IDAT", b"IEND"}
    return width, height, zlib.decompress(chunks[b"IDAT"])


@pytest.mark.parametrize("stream", [False, True])
def test_completions(deepinfra_emulator: DeepInfraEmulator, stream: bool) -> None:
    body = {"model": "meta-llama/Meta-Llama-3.1-8B-Instruct", "prompt": "Once upon a time", "stream": stream}
    answer = request(deepinfra_emulator, COMPLETIONS, body)
    assert answer.status == 200
    if stream:
        *chunks, last = answer.chunks()
        assert all(c["usage"] is None and c["object"] == "text_completion" for c in chunks)
        text = "".join(c["choices"][0]["text"] for c in chunks)
        assert last["choices"][0]["finish_reason"] == "stop"
        usage = last["usage"]
    else:
        value = answer.json()
        assert value["object"] == "text_completion"
        text = value["choices"][0]["text"]
        usage = value["usage"]
    assert '"Once upon a time"' in text
    assert usage["estimated_cost"] > 0


def test_scripted_completion_and_limit(deepinfra_emulator: DeepInfraEmulator) -> None:
    deepinfra_emulator.completions.reply_text(" the end", finish_reason="length")
    body = {"model": "m", "prompt": "x"}
    scripted = request(deepinfra_emulator, COMPLETIONS, body).json()["choices"][0]
    assert (scripted["text"], scripted["finish_reason"]) == (" the end", "length")
    cut = request(deepinfra_emulator, COMPLETIONS, {**body, "max_tokens": 2}).json()["choices"][0]
    assert cut["finish_reason"] == "length"


def _cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def test_embeddings(deepinfra_emulator: DeepInfraEmulator) -> None:
    texts = ["a cat sits on the mat", "a cat sat on a mat", "quarterly tax report"]
    value = request(deepinfra_emulator, EMBEDDINGS, {"model": "BAAI/bge-base-en-v1.5", "input": texts}).json()
    assert value["object"] == "list"
    assert value["model"] == "BAAI/bge-base-en-v1.5"
    assert value["usage"]["prompt_tokens"] == value["usage"]["total_tokens"] > 0
    vectors = [item["embedding"] for item in value["data"]]
    assert [item["index"] for item in value["data"]] == [0, 1, 2]
    assert all(len(v) == 768 for v in vectors)
    assert all(math.isclose(_cosine(v, v), 1.0) for v in vectors)
    assert _cosine(vectors[0], vectors[1]) > _cosine(vectors[0], vectors[2]) + 0.3
    again = request(deepinfra_emulator, EMBEDDINGS, {"model": "BAAI/bge-base-en-v1.5", "input": texts[0]}).json()
    assert again["data"][0]["embedding"] == vectors[0]


def test_embeddings_take_at_most_1024_inputs_as_deepinfra_does(deepinfra_emulator: DeepInfraEmulator) -> None:
    # DeepInfra's pydantic max_length=1024 on a list-or-string field limits the list's items, which JSON
    # Schema's maxLength alone would not.
    body = {"model": "BAAI/bge-small-en-v1.5", "input": ["x"] * 1024}
    assert request(deepinfra_emulator, EMBEDDINGS, body).status == 200
    refused = request(deepinfra_emulator, EMBEDDINGS, {**body, "input": ["x"] * 1025})
    assert refused.status == 422
    assert refused.json()["detail"] == [
        {"loc": ["body", "input"], "msg": "should have at most 1024 items, not 1025", "type": "value_error.maxLength"}
    ]


def test_embedding_sizes_and_base64(deepinfra_emulator: DeepInfraEmulator) -> None:
    default = request(deepinfra_emulator, EMBEDDINGS, {"model": "unknown/model", "input": "x"}).json()
    assert len(default["data"][0]["embedding"]) == 1024
    body = {"model": "unknown/model", "input": ["x"], "dimensions": 64}
    small = request(deepinfra_emulator, EMBEDDINGS, body).json()["data"][0]["embedding"]
    assert len(small) == 64
    encoded = request(deepinfra_emulator, EMBEDDINGS, {**body, "encoding_format": "base64"}).json()
    raw = base64.b64decode(encoded["data"][0]["embedding"])
    decoded = struct.unpack("<64f", raw)
    assert all(math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-7) for a, b in zip(decoded, small, strict=True))


def test_models(deepinfra_emulator: DeepInfraEmulator) -> None:
    value = request(deepinfra_emulator, "/v1/openai/models", method="GET").json()
    assert value["object"] == "list"
    llama = next(m for m in value["data"] if m["id"] == "meta-llama/Meta-Llama-3.1-70B-Instruct")
    assert llama["object"] == "model"
    assert llama["owned_by"] == "deepinfra"
    assert set(llama["metadata"]) == {"description", "context_length", "max_tokens", "pricing", "tags"}
    assert set(llama["metadata"]["pricing"]) == {"input_tokens", "output_tokens", "cache_read_tokens"}
    assert request(deepinfra_emulator, "/v1/models", method="GET").json() == value


def test_rate_limit_answers_the_openapi_schema(deepinfra_emulator: DeepInfraEmulator) -> None:
    from ai_sdk.testing.openapi import schema_errors

    emu = deepinfra_emulator
    value = request(emu, "/v1/me/rate_limit", method="GET").json()
    assert value == {"rate_limit": 200, "tpm_rate_limit": 1_000_000}
    assert schema_errors("RateLimitOut", value) == []
    emu.max_concurrency = 8  # the cap the emulator enforces is the one it reports, unless told otherwise
    assert request(emu, "/v1/me/rate_limit", method="GET").json()["rate_limit"] == 8
    emu.rate_limit, emu.tpm_rate_limit = 30, 5_000
    value = request(emu, "/v1/me/rate_limit", method="GET").json()
    assert value == {"rate_limit": 30, "tpm_rate_limit": 5_000}
    assert schema_errors("RateLimitOut", value) == []
    assert emu.peak_in_flight() == 0  # an account lookup takes no model's slot
    assert request(emu, "/v1/me/rate_limit", method="POST").status == 405
    assert request(emu, "/v1/me/rate_limit", method="GET", key=None).status == 401
    assert [r.route for r in emu.requests] == ["rate_limit"] * 5


def test_native_image_inference_returns_real_pngs(deepinfra_emulator: DeepInfraEmulator) -> None:
    body = {"prompt": "a red fox", "num_images": 2, "width": 256, "height": 128, "seed": 7}
    value = request(deepinfra_emulator, INFERENCE, body).json()
    assert value["seed"] == 7
    assert value["nsfw_content_detected"] == [False, False]
    assert value["inference_status"]["status"] == "succeeded"
    assert value["inference_status"]["cost"] > 0
    assert value["request_id"]
    images = []
    for url in value["images"]:
        prefix, _, data = url.partition(",")
        assert prefix == "data:image/png;base64"
        width, height, pixels = _decode_png(base64.b64decode(data))
        assert (width, height) == (256, 128)
        assert len(pixels) == (1 + 3 * 256) * 128
        images.append(pixels)
    assert images[0] != images[1]
    assert deepinfra_emulator.last_request.model == "black-forest-labs/FLUX-1-schnell"


def test_image_defaults_and_aspect_ratio(deepinfra_emulator: DeepInfraEmulator) -> None:
    value = request(deepinfra_emulator, INFERENCE, {"prompt": "x"}).json()
    assert png_size(base64.b64decode(value["images"][0].partition(",")[2])) == (1024, 1024)
    assert isinstance(value["seed"], int)
    wide = request(deepinfra_emulator, "/v1/inference/stabilityai/sd3.5", {"prompt": "x", "aspect_ratio": "16:9"})
    width, height = png_size(base64.b64decode(wide.json()["images"][0].partition(",")[2])) or (0, 0)
    assert width > height
    assert width % 32 == height % 32 == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "prompt"), ({"prompt": "x", "num_images": 9}, "num_images"), ({"prompt": "x", "width": "big"}, "width")],
)
def test_image_validation(deepinfra_emulator: DeepInfraEmulator, body: dict[str, object], field: str) -> None:
    answer = request(deepinfra_emulator, INFERENCE, body)
    assert answer.status == 422
    assert answer.json()["detail"][0]["loc"] == ["body", field]


def _multipart(fields: list[tuple[str, bytes, str | None]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = b""
    for name, data, filename in fields:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        body += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + data + b"\r\n"
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def test_image_edits(deepinfra_emulator: DeepInfraEmulator) -> None:
    source = encode_png(64, 32, seed="in")
    body, content_type = _multipart(
        [
            ("model", b"black-forest-labs/FLUX-1-dev", None),
            ("prompt", b"add a hat", None),
            ("image", source, "a.png"),
            ("image", source, "b.png"),
            ("n", b"2", None),
        ]
    )
    answer = request(deepinfra_emulator, EDITS, body, headers={"content-type": content_type})
    assert answer.status == 200
    value = answer.json()
    assert isinstance(value["created"], int)
    sizes = [png_size(base64.b64decode(item["b64_json"])) for item in value["data"]]
    assert sizes == [(64, 32), (64, 32)]
    recorded = deepinfra_emulator.last_request
    assert recorded.model == "black-forest-labs/FLUX-1-dev"
    assert [part.data for part in recorded.form("image")] == [source, source]
    sized, content_type = _multipart(
        [("model", b"m", None), ("prompt", b"p", None), ("image", source, "a.png"), ("size", b"128x96", None)]
    )
    resized = request(deepinfra_emulator, EDITS, sized, headers={"content-type": content_type}).json()
    assert png_size(base64.b64decode(resized["data"][0]["b64_json"])) == (128, 96)


def test_image_edit_validation(deepinfra_emulator: DeepInfraEmulator) -> None:
    body, content_type = _multipart([("prompt", b"p", None)])
    answer = request(deepinfra_emulator, EDITS, body, headers={"content-type": content_type})
    assert answer.status == 422
    assert [d["loc"] for d in answer.json()["detail"]] == [["body", "image"], ["body", "model"]]
    not_multipart = request(deepinfra_emulator, EDITS, {"prompt": "p"})
    assert not_multipart.status == 422

"""Images: native text-to-image inference (``POST /inference/{model}``, JSON in, PNG data URLs out),
OpenAI-compatible generation (``POST /openai/images/generations``, JSON in, base64 PNGs out: what the
``openai`` client's ``images.generate`` calls) and edits (``POST /openai/images/edits``, multipart in,
base64 PNGs out).

Every image is a real PNG of the requested size whose colours depend on the prompt, seed and index,
so tests can decode it, check its size and tell images apart.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from .catalog import model_info
from .multipart import FormPart
from .png import encode_png, png_size
from .wire import Answer, json_answer, make_id, validation_answer

__all__ = ["edit_answer", "generations_answer", "inference_answer", "size_for_aspect_ratio"]

_MAX_SIDE = 4096
_RATIO = re.compile(r"^(\d+):(\d+)$")
_SIZE = re.compile(r"^(\d+)x(\d+)$")


def _problem(field: str, message: str, kind: str) -> dict[str, Any]:
    return {"loc": ["body", field], "msg": message, "type": kind}


def size_for_aspect_ratio(ratio: str) -> tuple[int, int] | None:
    """A width and height (multiples of 32, about one megapixel) for ``"W:H"``."""
    match = _RATIO.match(ratio)
    if not match or not int(match[1]) or not int(match[2]):
        return None
    aspect = int(match[1]) / int(match[2])
    area = 1024 * 1024
    return max(32, round(math.sqrt(area * aspect) / 32) * 32), max(32, round(math.sqrt(area / aspect) / 32) * 32)


def _int_field(body: Mapping[str, Any], name: str, default: int, low: int, high: int) -> tuple[int, list[Any]]:
    value = body.get(name, default)
    if value is None:
        return default, []
    if isinstance(value, bool) or not isinstance(value, int):
        return default, [_problem(name, "value is not a valid integer", "type_error.integer")]
    if not low <= value <= high:
        return default, [_problem(name, f"ensure this value is between {low} and {high}", "value_error.number")]
    return value, []


def _seed_of(text: str) -> int:
    """A seed for requests without one: differs per request (as a real random seed would), yet is the
    same on every run of the same test."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=4).digest(), "big")


def inference_answer(model: str, body: Any, *, seed: str) -> Answer:
    """The answer to a native text-to-image request for ``model``."""
    if not isinstance(body, Mapping):
        return validation_answer([_problem("__root__", "value is not a valid dict", "type_error.dict")])
    problems: list[Any] = []
    prompt = body.get("prompt")
    if not isinstance(prompt, str):
        problems.append(_problem("prompt", "field required", "value_error.missing"))
    count, bad = _int_field(body, "num_images", 1, 1, 4)
    problems += bad
    width, bad = _int_field(body, "width", 1024, 1, _MAX_SIDE)
    problems += bad
    height, bad = _int_field(body, "height", 1024, 1, _MAX_SIDE)
    problems += bad
    image_seed, bad = _int_field(body, "seed", _seed_of(f"{prompt}:{seed}"), 0, 2**63 - 1)
    problems += bad
    ratio = body.get("aspect_ratio")
    if ratio is not None:
        sized = size_for_aspect_ratio(ratio) if isinstance(ratio, str) else None
        if sized is None:
            problems.append(_problem("aspect_ratio", "aspect ratio must look like '16:9'", "value_error"))
        elif "width" not in body and "height" not in body:
            width, height = sized
    if problems or not isinstance(prompt, str):
        return validation_answer(problems)
    images = [
        "data:image/png;base64,"
        + base64.b64encode(encode_png(width, height, seed=f"{prompt}:{image_seed}:{i}")).decode()
        for i in range(count)
    ]
    price = model_info(model, kind="image").input_price
    return json_answer(
        {
            "images": images,
            "nsfw_content_detected": [False] * count,
            "seed": image_seed,
            "request_id": make_id("", seed, 32),
            "inference_status": {
                "status": "succeeded",
                "runtime_ms": 40 * count,
                "cost": round(price * count * width * height / (1024 * 1024), 8),
                "tokens_generated": 0,
                "tokens_input": 0,
            },
        }
    )


def edit_answer(parts: Sequence[FormPart], *, created: int) -> Answer:
    """The answer to an image-edit request: ``n`` PNGs of ``size`` (default: the first input image's size)."""
    fields: dict[str, FormPart] = {}
    images: list[FormPart] = []
    for part in parts:
        if part.name in ("image", "image[]"):
            images.append(part)
        else:
            fields.setdefault(part.name, part)
    problems: list[Any] = [
        _problem(name, "field required", "value_error.missing")
        for name, present in (("image", bool(images)), ("prompt", "prompt" in fields), ("model", "model" in fields))
        if not present
    ]
    count = 1
    if "n" in fields:
        text = fields["n"].text.strip()
        if not text.isdigit() or not 1 <= int(text) <= 4:
            problems.append(_problem("n", "ensure this value is an integer between 1 and 4", "value_error.number"))
        else:
            count = int(text)
    width, height = (png_size(images[0].data) if images else None) or (1024, 1024)
    if "size" in fields:
        match = _SIZE.match(fields["size"].text.strip())
        if not match or not 0 < int(match[1]) <= _MAX_SIDE or not 0 < int(match[2]) <= _MAX_SIDE:
            problems.append(_problem("size", "size must look like '1024x1024'", "value_error"))
        else:
            width, height = int(match[1]), int(match[2])
    if problems:
        return validation_answer(problems)
    prompt = fields["prompt"].text
    data = [
        {"b64_json": base64.b64encode(encode_png(width, height, seed=f"edit:{prompt}:{i}")).decode()}
        for i in range(count)
    ]
    return json_answer({"created": created, "data": data})


def generations_answer(body: Mapping[str, Any], *, created: int) -> Answer:
    """The answer to an OpenAI-style generation request (body already checked against
    ``OpenAIImagesGenerationsIn``): ``n`` PNGs of ``size`` (default 1024x1024)."""
    match = _SIZE.match(str(body.get("size") or "1024x1024"))
    if not match or not 0 < int(match[1]) <= _MAX_SIDE or not 0 < int(match[2]) <= _MAX_SIDE:
        return validation_answer([_problem("size", "size must look like '1024x1024'", "value_error")])
    width, height = int(match[1]), int(match[2])
    prompt = body["prompt"]
    data = [
        {"b64_json": base64.b64encode(encode_png(width, height, seed=f"generate:{prompt}:{i}")).decode()}
        for i in range(int(body.get("n") or 1))
    ]
    return json_answer({"created": created, "data": data})

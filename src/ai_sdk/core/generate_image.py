"""generate_image: images from a prompt (or edits of input images) with any image model.

A model makes at most ``max_images_per_call`` images per request, so ``n`` images take
``ceil(n / max)`` calls (the last carries the remainder), run concurrently by the async API and one
after another by the blocking one. Validation, input conversion and merging are pure functions shared
by both drivers; only the loop over the calls differs.
"""

from __future__ import annotations

import binascii
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias, Unpack, cast

from ..spec import (
    CallWarning,
    ImageCallOptions,
    ImageFile,
    ImageModel,
    ImageResult,
    InvalidArgumentError,
    NoImageGeneratedError,
    ProviderMetadata,
    ResponseInfo,
)
from .base64_input import decode_base64
from .concurrent_calls import run_concurrently
from .media_type import detect_media_type
from .model_call import ModelCall, ModelCallSettings, OneCallFunction, setting_names
from .provider_metadata import merge_provider_metadata

__all__ = [
    "DEFAULT_MAX_PARALLEL_CALLS",
    "GenerateImageResult",
    "GeneratedImage",
    "ImageInput",
    "ImageSettings",
    "generate_image",
    "generate_image_sync",
]

DEFAULT_MAX_PARALLEL_CALLS = 8
"""Image calls one ``generate_image`` runs at once: DeepInfra allows about 200 concurrent requests per
model and account, so a large ``n`` must not take them all (nor open hundreds of connections)."""

ImageInput: TypeAlias = bytes | bytearray | memoryview | str | os.PathLike[str] | ImageFile
"""An input image: raw bytes (``bytes``, ``bytearray``, ``memoryview``); a ``str`` holding base64, a
``data:`` URL or an ``http(s)`` URL; a ``pathlib.Path`` (read here, so providers only ever see bytes or
URLs); or a spec :class:`ImageFile`."""

DEFAULT_MEDIA_TYPE = "image/png"


class GeneratedImage:
    """One generated image. It keeps the form the model returned (bytes) and derives the base64 text
    on first use, so a caller who only saves files never pays for the encoding (and vice versa)."""

    __slots__ = ("_base64", "_data", "_media_type")

    def __init__(self, *, data: bytes | None = None, base64: str | None = None, media_type: str | None = None) -> None:
        if data is None and base64 is None:
            raise InvalidArgumentError("pass the image as data= (bytes) or base64= (str)", argument="data")
        self._data = data
        self._base64 = base64
        self._media_type = media_type

    @property
    def data(self) -> bytes:
        """The image bytes."""
        if self._data is None:
            assert self._base64 is not None
            self._data = binascii.a2b_base64(self._base64)
        return self._data

    @property
    def base64(self) -> str:
        """The image as base64 text (no ``data:`` prefix)."""
        if self._base64 is None:
            assert self._data is not None
            self._base64 = binascii.b2a_base64(self._data, newline=False).decode("ascii")
        return self._base64

    @property
    def media_type(self) -> str:
        """``image/png``, ``image/jpeg``, ``image/webp`` or ``image/gif`` as detected from the bytes
        (``image/png`` when they match none of these)."""
        if self._media_type is None:
            self._media_type = detect_media_type(self.data, kind="image") or DEFAULT_MEDIA_TYPE
        return self._media_type

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the image bytes to ``path`` (the name is used as given) and return it as a ``Path``."""
        target = Path(path)
        target.write_bytes(self.data)
        return target

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GeneratedImage):
            return NotImplemented
        return self.data == other.data

    def __hash__(self) -> int:
        return hash(self.data)

    def __repr__(self) -> str:
        return f"GeneratedImage(media_type={self.media_type!r}, {len(self.data)} bytes)"


@dataclass(frozen=True, slots=True)
class GenerateImageResult:
    """The images of every call, in call order, and what the calls reported.

    ``responses`` has one entry per model call (timestamp, model id, headers). ``provider_metadata``
    merges the calls' metadata per provider: lists are concatenated (so per-image entries line up with
    ``images``), numbers are added (so a per-call ``cost`` becomes the total), other values are the last
    call's.
    """

    images: list[GeneratedImage]
    warnings: list[CallWarning] = field(default_factory=list)
    responses: list[ResponseInfo] = field(default_factory=list)
    provider_metadata: ProviderMetadata = field(default_factory=dict)

    @property
    def image(self) -> GeneratedImage:
        """The first image (the one you asked for when ``n`` is 1)."""
        return self.images[0]


class ImageSettings(ModelCallSettings, total=False):
    """The settings of :func:`generate_image` (and its blocking twin), declared once: ``n`` (images to
    make, default 1), ``size`` (``"WIDTHxHEIGHT"``), ``aspect_ratio`` (``"W:H"``), ``seed``, ``images``
    (input images to edit), ``mask``, ``max_images_per_call`` (default: the model's), ``max_parallel_calls``
    (default 8), ``max_retries`` (default 2), ``headers``, ``provider_options``, ``timeout`` (seconds,
    or a :class:`~ai_sdk.Timeout`) and ``telemetry``."""

    n: int
    size: str | None
    aspect_ratio: str | None
    seed: int | None
    images: ImageInput | Sequence[ImageInput] | None
    mask: ImageInput | None
    max_images_per_call: int | None
    max_parallel_calls: int


_GENERATE_IMAGE = OneCallFunction(
    "generate_image",
    ImageModel,
    "expected an image model, e.g. deepinfra.image('black-forest-labs/FLUX-1-schnell')",
    setting_names(ImageSettings),
)


async def generate_image(*, model: ImageModel, prompt: str, **settings: Unpack[ImageSettings]) -> GenerateImageResult:
    """Generate ``n`` images from ``prompt`` (or, with ``images``, edit them), calling the model
    concurrently when ``n`` exceeds what one call can make, at most ``max_parallel_calls`` (default 8)
    calls at once.

    ``size`` is ``"WIDTHxHEIGHT"`` and ``aspect_ratio`` ``"W:H"``; which one a model honours depends on the
    model (the result's ``warnings`` say when one was likely ignored). ``mask`` marks, by its transparent
    pixels, where to edit. Failed calls are retried ``max_retries`` times when the error is retryable.
    Raises :class:`~ai_sdk.errors.NoImageGeneratedError` when the calls succeed but return no image.
    ``timeout`` bounds the whole call (seconds, or a :class:`~ai_sdk.Timeout` whose ``step`` bounds each
    model call).
    """
    call, calls = _plan(model, prompt, settings)

    async def run(options: ImageCallOptions) -> ImageResult:
        return await call.run(call.model.do_generate, options)

    if len(calls) == 1:
        return _collect([await run(calls[0])], [])
    results = await run_concurrently(calls, run, settings.get("max_parallel_calls", DEFAULT_MAX_PARALLEL_CALLS))
    return _collect(results, _warnings(calls))


def generate_image_sync(*, model: ImageModel, prompt: str, **settings: Unpack[ImageSettings]) -> GenerateImageResult:
    """The blocking twin of :func:`generate_image` (the calls run one after another, so
    ``max_parallel_calls`` is only checked)."""
    call, calls = _plan(model, prompt, settings)
    return _collect([call.run_sync(call.model.do_generate_sync, options) for options in calls], _warnings(calls))


# ------------------------------------------------------------------------------------------ pure parts

_SIZE = re.compile(r"([1-9][0-9]*)x([1-9][0-9]*)")
_ASPECT_RATIO = re.compile(r"([1-9][0-9]*):([1-9][0-9]*)")


def _plan(
    model: ImageModel, prompt: object, settings: ImageSettings
) -> tuple[ModelCall[ImageModel], list[ImageCallOptions]]:
    """Check every argument and build the options of each call (the last one carries the remainder)."""
    _check_count(settings.get("max_parallel_calls", DEFAULT_MAX_PARALLEL_CALLS), "max_parallel_calls")
    call = _GENERATE_IMAGE.start(model, settings)
    if not isinstance(prompt, str) or not prompt.strip():
        raise InvalidArgumentError("pass a non-empty text prompt describing the image", argument="prompt", value=prompt)
    n = settings.get("n", 1)
    _check_count(n, "n")
    size = settings.get("size")
    if size is not None and not (isinstance(size, str) and _SIZE.fullmatch(size)):
        raise InvalidArgumentError(
            "expected 'WIDTHxHEIGHT' with positive integers, e.g. '1024x768'", argument="size", value=size
        )
    aspect_ratio = settings.get("aspect_ratio")
    if aspect_ratio is not None and not (isinstance(aspect_ratio, str) and _ASPECT_RATIO.fullmatch(aspect_ratio)):
        raise InvalidArgumentError(
            "expected 'WIDTH:HEIGHT' with positive integers, e.g. '16:9'", argument="aspect_ratio", value=aspect_ratio
        )
    seed = settings.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise InvalidArgumentError("expected an integer seed", argument="seed", value=seed)
    max_images_per_call = settings.get("max_images_per_call")
    if max_images_per_call is not None:
        _check_count(max_images_per_call, "max_images_per_call")
    per_call = max_images_per_call or call.model.max_images_per_call or 1

    files = _image_files(settings.get("images"))
    mask = settings.get("mask")
    mask_file = _image_file(mask, "mask") if mask is not None else None
    if mask_file is not None and files is None:
        raise InvalidArgumentError(
            "a mask only applies when editing: pass the images to edit with images=", argument="mask"
        )

    full_calls, remainder = divmod(n, per_call)
    counts = [per_call] * full_calls + ([remainder] if remainder else [])
    return call, [
        ImageCallOptions(
            prompt=prompt,
            n=count,
            size=size,
            aspect_ratio=aspect_ratio,
            seed=seed,
            files=files,
            mask=mask_file,
            headers=call.headers,
            provider_options=call.provider_options,
            timeout=call.timeout,
        )
        for count in counts
    ]


def _check_count(value: int, argument: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidArgumentError("expected an integer >= 1", argument=argument, value=value)


def _image_files(images: ImageInput | Sequence[ImageInput] | None) -> list[ImageFile] | None:
    if images is None:
        return None
    if isinstance(images, bytes | bytearray | memoryview | str | os.PathLike | ImageFile):
        return [_image_file(images, "images")]
    if not isinstance(images, Sequence):
        raise InvalidArgumentError(
            "expected an image (bytes, base64 str, data or http(s) URL, pathlib.Path) or a list of them",
            argument="images",
            value=type(images).__name__,
        )
    sequence = cast("Sequence[ImageInput]", images)  # bytes and str were handled above
    return [_image_file(image, f"images[{index}]") for index, image in enumerate(sequence)] or None


def _image_type(data: bytes, argument: str) -> str:
    """The image format of ``data``; bytes that are no image are refused here, before anything is sent."""
    media_type = detect_media_type(data, kind="image")
    if media_type is None:
        raise InvalidArgumentError(
            "these bytes are not an image in a format that can be recognised (PNG, JPEG, WebP, GIF, BMP); "
            "pass the image file's contents, or a data URL that names its media type",
            argument=argument,
        )
    return media_type


def _image_file(image: ImageInput, argument: str) -> ImageFile:
    """Turn an input image into bytes with a detected media type, or keep an http(s) URL as is (the
    provider decides whether it can use one)."""
    if isinstance(image, ImageFile):
        return image
    if isinstance(image, os.PathLike):
        try:
            data = Path(image).read_bytes()
        except OSError as error:
            raise InvalidArgumentError(
                f"cannot read image file {os.fspath(image)!r}: {error}", argument=argument
            ) from error
        return ImageFile(data=data, media_type=_image_type(data, argument))
    if isinstance(image, bytes | bytearray | memoryview):
        data = bytes(image)
        return ImageFile(data=data, media_type=_image_type(data, argument))
    if isinstance(image, str):
        if image.startswith(("http://", "https://")):
            return ImageFile(data=image)
        data, media_type = decode_base64(
            image,
            argument,
            example="data:image/png;base64,...",
            hint="a str image must be base64, a data URL or an http(s) URL; pass a pathlib.Path to read a file",
        )
        return ImageFile(data=data, media_type=media_type or _image_type(data, argument))
    raise InvalidArgumentError(
        "expected bytes, a base64 str, a data or http(s) URL, or a pathlib.Path",
        argument=argument,
        value=type(image).__name__,
    )


def _warnings(calls: Sequence[ImageCallOptions]) -> list[CallWarning]:
    """What the core itself warns about: one seed shared by several calls."""
    if len(calls) > 1 and calls[0].seed is not None:
        return [
            CallWarning(
                type="other",
                message=f"seed {calls[0].seed} is sent with each of the {len(calls)} calls, so they may return the "
                "same images; raise max_images_per_call to get n different images from one call, or leave the "
                "seed out.",
            )
        ]
    return []


def _collect(results: Sequence[ImageResult], warnings: list[CallWarning]) -> GenerateImageResult:
    """Merge the calls' results in call order after the core's own ``warnings``; raise when none of
    the calls returned an image."""
    images: list[GeneratedImage] = []
    responses: list[ResponseInfo] = []
    metadata: ProviderMetadata = {}
    for result in results:
        images.extend(GeneratedImage(data=data) for data in result.images)
        warnings.extend(warning for warning in result.warnings if warning not in warnings)
        responses.append(result.response)
        if result.provider_metadata:
            merge_provider_metadata(metadata, result.provider_metadata)
    if not images:
        raise NoImageGeneratedError(responses=responses)
    return GenerateImageResult(images=images, warnings=warnings, responses=responses, provider_metadata=metadata)

"""DeepInfra's image model: text-to-image on the native inference API, editing on the OpenAI-compatible
edits endpoint.

Generation posts JSON to ``{base}/inference/{model_id}`` (``/inference/deploy/{id}`` for a
``deploy_id:{id}`` deployment) and gets the images back as data URLs; editing
(when the call has input images) posts multipart to ``{base}/openai/images/edits`` and gets
``data[].b64_json``. Request building and response parsing are pure functions; the blocking and async
calls only send what they build.

Provider metadata, per call: ``{"deepinfra": {"cost": <USD, from inference_status.cost>, "images":
[{"seed": ..., "request_id": ..., "nsfw_content_detected": ...}, ...]}}`` with one ``images`` entry per
returned image (keys DeepInfra left out or sent as null are omitted). generate_image adds the costs of
its calls and concatenates the ``images`` lists, so they line up with ``result.images``.
"""

from __future__ import annotations

import binascii
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..http.json_api import JSONResponse, MultipartField
from ..openai_compatible.config import ModelConfig
from ..openai_compatible.exchange import POST_JSON, POST_MULTIPART, Exchange
from ..openai_compatible.model_base import ConfiguredModel
from ..openai_compatible.request_fields import form_value, misspelt_fields, provider_options_entry
from ..spec import (
    CallWarning,
    ImageCallOptions,
    ImageFile,
    ImageResult,
    InvalidArgumentError,
    InvalidResponseDataError,
    UnsupportedFunctionalityError,
)
from .image_settings import DeepInfraImageModelId, image_setting_warnings
from .inference_status import inference_path
from .metadata import PROVIDER_OPTIONS_KEY

__all__ = ["DeepInfraImageModel"]

_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif"}
_DEFAULT_MEDIA_TYPE = "image/png"
# The fields a misspelt provider option is compared with (it is sent anyway: models take more).
_INFERENCE_FIELDS = frozenset(
    {
        "prompt", "num_images", "width", "height", "aspect_ratio", "seed", "num_inference_steps", "guidance_scale",
        "negative_prompt", "strength", "service_tier", "webhook",
    }
)  # fmt: skip
_EDIT_FIELDS = frozenset({"model", "prompt", "image", "mask", "n", "size", "response_format", "user"})


class DeepInfraImageModel(ConfiguredModel):
    """A DeepInfra text-to-image model (FLUX, Stable Diffusion, ...), also used for editing.

    ``config.base_url`` is the API root (``https://api.deepinfra.com/v1``), not the OpenAI-compatible
    prefix, because the two routes live under different prefixes. One image per call by default:
    generate_image splits larger ``n`` into concurrent calls.
    """

    __slots__ = ()

    def __init__(self, model_id: DeepInfraImageModelId, config: ModelConfig) -> None:
        super().__init__(model_id, config)

    @property
    def max_images_per_call(self) -> int | None:
        return 1

    def __repr__(self) -> str:
        return f"DeepInfraImageModel({self._model_id!r}, base_url={self._config.base_url!r})"

    def do_generate_sync(self, options: ImageCallOptions) -> ImageResult:
        return self._exchange(options).send_sync(self._config.transports)

    async def do_generate(self, options: ImageCallOptions) -> ImageResult:
        return await self._exchange(options).send_async(self._config.transports)

    def _exchange(self, options: ImageCallOptions) -> Exchange[ImageResult]:
        """An edit (multipart, when the call has input images) or a native inference request (JSON)."""
        prompt = options.prompt
        if not prompt:
            raise InvalidArgumentError("DeepInfra image models need a text prompt", argument="prompt")
        extra = _provider_options(options)
        headers = self._headers(options.headers)
        if options.files:
            fields, warnings = _edit_fields(self._model_id, prompt, options.files, options, extra)
            warnings.extend(misspelt_fields(extra, _EDIT_FIELDS))
            arguments = self._bounded(options, headers, fields=fields)
            url = self._config.url("/openai/images/edits")
            return Exchange(POST_MULTIPART, url, arguments, self._finish(_parse_edit_response, warnings))
        body, warnings = _inference_body(self._model_id, options, extra)
        warnings.extend(misspelt_fields(extra, _INFERENCE_FIELDS))
        arguments = self._bounded(options, headers, body=body)
        url = self._config.url(inference_path(self._model_id))
        return Exchange(POST_JSON, url, arguments, self._finish(_parse_inference_response, warnings))

    def _finish(
        self, parse: Callable[[Any], tuple[list[bytes], dict[str, Any]]], warnings: list[CallWarning]
    ) -> Callable[[JSONResponse], ImageResult]:
        def finish(response: JSONResponse) -> ImageResult:
            images, metadata = parse(response.value)
            return ImageResult(
                images=images,
                warnings=warnings,
                response=self._response_info(response.headers),
                provider_metadata={PROVIDER_OPTIONS_KEY: metadata} if metadata else None,
            )

        return finish


# ------------------------------------------------------------------------------------- request building


def _provider_options(options: ImageCallOptions) -> Mapping[str, Any]:
    what = "a mapping of request fields, e.g. {'num_inference_steps': 30}"
    return provider_options_entry(options.provider_options, PROVIDER_OPTIONS_KEY, what) or {}


def _dimensions(size: str | None) -> tuple[int, int] | None:
    if size is None:
        return None
    width, x, height = size.partition("x")
    if not (x and width.isdigit() and height.isdigit()):
        raise InvalidArgumentError("expected 'WIDTHxHEIGHT' with positive integers, e.g. '1024x768'", argument="size")
    return int(width), int(height)


def _inference_body(
    model_id: str, options: ImageCallOptions, extra: Mapping[str, Any]
) -> tuple[dict[str, Any], list[CallWarning]]:
    """The native inference body: ``prompt, num_images, aspect_ratio?, width?, height?, seed?`` and then
    the provider options, which may override any of them."""
    dimensions = _dimensions(options.size)
    body: dict[str, Any] = {"prompt": options.prompt, "num_images": options.n}
    if options.aspect_ratio is not None:
        body["aspect_ratio"] = options.aspect_ratio
    if dimensions is not None:
        body["width"], body["height"] = dimensions
    if options.seed is not None:
        body["seed"] = options.seed
    body.update(extra)
    width, height = dimensions if dimensions is not None else (None, None)
    warnings = image_setting_warnings(model_id, width=width, height=height, aspect_ratio=options.aspect_ratio)
    return body, warnings


def _edit_fields(
    model_id: str, prompt: str, files: Sequence[ImageFile], options: ImageCallOptions, extra: Mapping[str, Any]
) -> tuple[list[MultipartField], list[CallWarning]]:
    """The multipart edit request: ``model, prompt, image`` (once per input image), ``mask?, n, size?``,
    then the provider options as text fields."""
    fields = [MultipartField("model", model_id), MultipartField("prompt", prompt)]
    fields.extend(_file_field("image", file, f"files[{index}]") for index, file in enumerate(files))
    if options.mask is not None:
        fields.append(_file_field("mask", options.mask, "mask"))
    fields.append(MultipartField("n", str(options.n)))
    warnings: list[CallWarning] = []
    dimensions = _dimensions(options.size)
    if dimensions is not None:
        fields.append(MultipartField("size", f"{dimensions[0]}x{dimensions[1]}"))
        warnings = image_setting_warnings(model_id, width=dimensions[0], height=dimensions[1], aspect_ratio=None)
    not_taken = (
        ("aspect_ratio", options.aspect_ratio, "takes a size, not an aspect ratio"),
        ("seed", options.seed, "takes no seed"),
    )
    for feature, value, why in not_taken:
        if value is not None:
            warnings.append(
                CallWarning("unsupported", feature, f"DeepInfra's image edit endpoint {why}; it was not sent.")
            )
    if len(files) > 1:  # sent all the same, as the reference does: a model may read more
        warnings.append(
            CallWarning(
                "unsupported",
                "images",
                f"DeepInfra's image edit endpoint takes one image (its API schema has a single 'image' file); "
                f"{len(files)} were sent, and the model may see only one of them.",
            )
        )
    fields.extend(MultipartField(name, form_value(value)) for name, value in extra.items() if value is not None)
    return fields, warnings


def _file_field(name: str, file: ImageFile, where: str) -> MultipartField:
    data = file.data
    if isinstance(data, str):
        if data.startswith(("http://", "https://")):
            raise UnsupportedFunctionalityError(
                "image URLs for editing",
                f"DeepInfra's image edit endpoint needs the image itself, but {where} is a URL: download it and "
                "pass its bytes (or a pathlib.Path to the file) instead.",
            )
        try:
            data = binascii.a2b_base64(data, strict_mode=True)
        except (binascii.Error, ValueError) as error:
            raise InvalidArgumentError(
                "an image given as str must be base64 or an http(s) URL", argument=where
            ) from error
    media_type = file.media_type or _DEFAULT_MEDIA_TYPE
    filename = f"{name}.{_EXTENSIONS.get(media_type, 'png')}"
    return MultipartField(name, data, filename=filename, content_type=media_type)


# ------------------------------------------------------------------------------------- response parsing


def _parse_inference_response(value: Any) -> tuple[list[bytes], dict[str, Any]]:
    images = value.get("images") if isinstance(value, dict) else None
    if not isinstance(images, list):
        raise InvalidResponseDataError("DeepInfra's image response has no 'images' list", data=value)
    decoded = [_decode_image(image, index) for index, image in enumerate(images)]

    metadata: dict[str, Any] = {}
    status = value.get("inference_status")
    cost = status.get("cost") if isinstance(status, dict) else None
    if isinstance(cost, int | float) and not isinstance(cost, bool):
        metadata["cost"] = cost
    shared = {key: value[key] for key in ("seed", "request_id") if value.get(key) is not None}
    nsfw = value.get("nsfw_content_detected")
    flags: Sequence[Any] = nsfw if isinstance(nsfw, list) and len(nsfw) == len(decoded) else [None] * len(decoded)
    metadata["images"] = [
        {**shared, "nsfw_content_detected": flag} if flag is not None else dict(shared) for flag in flags
    ]
    return decoded, metadata


def _parse_edit_response(value: Any) -> tuple[list[bytes], dict[str, Any]]:
    data = value.get("data") if isinstance(value, dict) else None
    if not isinstance(data, list):
        raise InvalidResponseDataError("DeepInfra's image edit response has no 'data' list", data=value)
    images = [_decode_image(item.get("b64_json") if isinstance(item, dict) else None, i) for i, item in enumerate(data)]
    return images, {}


def _decode_image(image: Any, index: int) -> bytes:
    """Bytes of a base64 image, with or without a ``data:image/...;base64,`` prefix."""
    if not isinstance(image, str):
        raise InvalidResponseDataError(f"DeepInfra's image {index} is not base64 text", data=image)
    if image.startswith("data:"):
        image = image.partition(",")[2]
    try:
        return binascii.a2b_base64(image)
    except (binascii.Error, ValueError) as error:
        raise InvalidResponseDataError(f"DeepInfra's image {index} is not valid base64: {error}") from error

"""The image-model contract between the core and providers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .deadline import Deadline
from .language_model import ResponseInfo
from .model_identity import ModelIdentity
from .shared import CallWarning, ProviderMetadata, ProviderOptions

__all__ = ["ImageCallOptions", "ImageFile", "ImageModel", "ImageResult"]


@dataclass(frozen=True, slots=True)
class ImageFile:
    """An input image for editing: ``bytes``, a base64 ``str`` or an ``http(s)`` URL ``str``."""

    data: bytes | str
    media_type: str | None = None


@dataclass(frozen=True, slots=True)
class ImageCallOptions:
    """What :meth:`ImageModel.do_generate` receives: the prompt, how many images, their size and the call
    settings of one call."""

    prompt: str | None
    n: int = 1
    size: str | None = None
    """``"WIDTHxHEIGHT"``, already checked by the core."""
    aspect_ratio: str | None = None
    """``"W:H"``, already checked by the core."""
    seed: int | None = None
    files: Sequence[ImageFile] | None = None
    """Input images: when present the call edits them instead of generating from scratch."""
    mask: ImageFile | None = None
    headers: Mapping[str, str | None] | None = None
    provider_options: ProviderOptions | None = None
    timeout: float | None = None
    deadline: Deadline | None = None
    """As :attr:`CallOptions.deadline`."""


@dataclass(frozen=True, slots=True)
class ImageResult:
    """What :meth:`ImageModel.do_generate` returns: the images as bytes, with warnings and response data."""

    images: list[bytes]
    warnings: Sequence[CallWarning] = ()
    response: ResponseInfo = field(default_factory=ResponseInfo)
    provider_metadata: ProviderMetadata | None = None


@runtime_checkable
class ImageModel(ModelIdentity, Protocol):
    """An image-generation model. ``max_images_per_call`` of ``None`` lets the core choose (1)."""

    @property
    def max_images_per_call(self) -> int | None: ...

    async def do_generate(self, options: ImageCallOptions) -> ImageResult: ...
    def do_generate_sync(self, options: ImageCallOptions) -> ImageResult: ...

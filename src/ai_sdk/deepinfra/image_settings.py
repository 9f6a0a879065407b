"""What DeepInfra's text-to-image models accept, and the warnings for calls that ask for something else.

DeepInfra's native inference API validates dimensions per model, loosely and with rules that change:
some models take a ``size`` (width and height), others an ``aspect_ratio``. We send what the caller
asked for unchanged and warn when the documented table says it will likely be ignored or rejected,
so the caller learns why an image came back in another shape. Models missing from the table get no
table warning: they may take either.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

from ..spec import CallWarning

__all__ = [
    "ASPECT_RATIOS",
    "ASPECT_RATIO_MODELS",
    "DEFAULT_SIZE",
    "MAX_DIMENSION",
    "MIN_DIMENSION",
    "SIZE_MODELS",
    "SIZE_STEP",
    "DeepInfraImageModelId",
    "dimension_setting",
    "image_setting_warnings",
]

DeepInfraImageModelId: TypeAlias = (
    Literal[
        "stabilityai/sd3.5",
        "black-forest-labs/FLUX-1.1-pro",
        "black-forest-labs/FLUX-1-schnell",
        "black-forest-labs/FLUX-1-dev",
        "black-forest-labs/FLUX-pro",
        "stabilityai/sd3.5-medium",
        "stabilityai/sdxl-turbo",
    ]
    | str
)
"""The documented text-to-image models (for completion in editors); any other model id works too."""

SIZE_MODELS = frozenset(
    {
        "black-forest-labs/FLUX-1.1-pro",
        "black-forest-labs/FLUX-1-schnell",
        "black-forest-labs/FLUX-1-dev",
        "black-forest-labs/FLUX-pro",
    }
)
"""Models documented to take ``size`` (sent as ``width`` and ``height``)."""

ASPECT_RATIO_MODELS = frozenset({"stabilityai/sd3.5", "stabilityai/sd3.5-medium", "stabilityai/sdxl-turbo"})
"""Models documented to take ``aspect_ratio``."""

ASPECT_RATIOS = ("1:1", "16:9", "1:9", "3:2", "2:3", "4:5", "5:4", "9:16", "9:21")
"""The aspect ratios DeepInfra documents for models that take one (``1:1`` is the default)."""

SIZE_STEP = 32
MIN_DIMENSION = 256
MAX_DIMENSION = 1440
DEFAULT_SIZE = "1024x1024"
"""Size rules for models that take a size: each side a multiple of 32 between 256 and 1440 pixels."""


def dimension_setting(model_id: str) -> Literal["size", "aspect_ratio"] | None:
    """Which dimension setting the model is documented to take; ``None`` for models not in the table."""
    if model_id in SIZE_MODELS:
        return "size"
    if model_id in ASPECT_RATIO_MODELS:
        return "aspect_ratio"
    return None


def image_setting_warnings(
    model_id: str, *, width: int | None, height: int | None, aspect_ratio: str | None
) -> list[CallWarning]:
    """Warnings for a text-to-image call's dimensions (the values are sent unchanged regardless)."""
    takes = dimension_setting(model_id)
    found = (
        ("size", _size_details(model_id, takes, width, height)),
        ("aspect_ratio", _aspect_ratio_details(model_id, takes, aspect_ratio)),
    )
    return [CallWarning("unsupported", feature, details) for feature, details in found if details is not None]


def _size_details(model_id: str, takes: str | None, width: int | None, height: int | None) -> str | None:
    if width is None or height is None:
        return None
    if takes == "aspect_ratio":
        return (
            f"{model_id} takes an aspect ratio, not a size; pass aspect_ratio= instead "
            f"(one of {', '.join(ASPECT_RATIOS)})."
        )
    problem = _size_problem(width, height)
    if problem is None:
        return None
    return (
        f"{width}x{height}: {problem}. DeepInfra image models typically need each side a "
        f"multiple of {SIZE_STEP} between {MIN_DIMENSION} and {MAX_DIMENSION} pixels; "
        "the size was sent unchanged."
    )


def _aspect_ratio_details(model_id: str, takes: str | None, aspect_ratio: str | None) -> str | None:
    if aspect_ratio is None:
        return None
    if takes == "size":
        return (
            f"{model_id} takes a size, not an aspect ratio; pass size='WIDTHxHEIGHT' instead (default {DEFAULT_SIZE})."
        )
    if aspect_ratio not in ASPECT_RATIOS:
        return (
            f"{aspect_ratio} is not one of the aspect ratios DeepInfra documents "
            f"({', '.join(ASPECT_RATIOS)}); it was sent unchanged."
        )
    return None


def _size_problem(width: int, height: int) -> str | None:
    problems = [
        f"{name} {value} is {problem}"
        for name, value in (("width", width), ("height", height))
        for problem in _dimension_problems(value)
    ]
    return "; ".join(problems) or None


def _dimension_problems(value: int) -> list[str]:
    problems = []
    if value % SIZE_STEP:
        problems.append(f"not a multiple of {SIZE_STEP}")
    if not MIN_DIMENSION <= value <= MAX_DIMENSION:
        problems.append(f"outside {MIN_DIMENSION}-{MAX_DIMENSION}")
    return problems

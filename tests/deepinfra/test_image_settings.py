"""The documented table of DeepInfra image models and the warnings it drives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ai_sdk.deepinfra.image_settings import (
    ASPECT_RATIO_MODELS,
    ASPECT_RATIOS,
    SIZE_MODELS,
    dimension_setting,
    image_setting_warnings,
)


def test_the_seed_table() -> None:
    assert sorted(SIZE_MODELS) == [
        "black-forest-labs/FLUX-1-dev",
        "black-forest-labs/FLUX-1-schnell",
        "black-forest-labs/FLUX-1.1-pro",
        "black-forest-labs/FLUX-pro",
    ]
    assert sorted(ASPECT_RATIO_MODELS) == ["stabilityai/sd3.5", "stabilityai/sd3.5-medium", "stabilityai/sdxl-turbo"]
    assert dimension_setting("stabilityai/sd3.5") == "aspect_ratio"
    assert dimension_setting("black-forest-labs/FLUX-1-schnell") == "size"
    assert dimension_setting("someone/new-model") is None


@pytest.mark.parametrize("model_id", sorted(ASPECT_RATIO_MODELS))
def test_size_for_an_aspect_ratio_model_warns(model_id: str) -> None:
    (warning,) = image_setting_warnings(model_id, width=1024, height=1024, aspect_ratio=None)
    assert warning.type == "unsupported"
    assert warning.feature == "size"
    assert "takes an aspect ratio" in (warning.details or "")
    assert image_setting_warnings(model_id, width=None, height=None, aspect_ratio="16:9") == []


@pytest.mark.parametrize("model_id", sorted(SIZE_MODELS))
def test_aspect_ratio_for_a_size_model_warns(model_id: str) -> None:
    (warning,) = image_setting_warnings(model_id, width=None, height=None, aspect_ratio="16:9")
    assert warning.feature == "aspect_ratio"
    assert "takes a size" in (warning.details or "")
    assert image_setting_warnings(model_id, width=1024, height=768, aspect_ratio=None) == []


def test_unknown_models_get_no_table_warning() -> None:
    assert image_setting_warnings("someone/new-model", width=512, height=512, aspect_ratio="16:9") == []


def test_undocumented_aspect_ratio_warns() -> None:
    (warning,) = image_setting_warnings("stabilityai/sd3.5", width=None, height=None, aspect_ratio="7:3")
    assert warning.feature == "aspect_ratio"
    assert "7:3 is not one of" in (warning.details or "")
    for ratio in ASPECT_RATIOS:
        assert image_setting_warnings("stabilityai/sd3.5", width=None, height=None, aspect_ratio=ratio) == []


def test_size_problems_are_named() -> None:
    (warning,) = image_setting_warnings("black-forest-labs/FLUX-1-dev", width=1000, height=2048, aspect_ratio=None)
    assert warning.details is not None
    assert warning.details.startswith("1000x2048: width 1000 is not a multiple of 32; height 2048 is outside 256-1440.")
    assert "sent unchanged" in warning.details


@given(
    width=st.integers(1, 3000),
    height=st.integers(1, 3000),
    model_id=st.sampled_from([*sorted(SIZE_MODELS), "someone/new-model"]),
)
def test_size_warning_iff_out_of_the_documented_range(width: int, height: int, model_id: str) -> None:
    def ok(value: int) -> bool:
        return value % 32 == 0 and 256 <= value <= 1440

    warnings = image_setting_warnings(model_id, width=width, height=height, aspect_ratio=None)
    assert len(warnings) == (0 if ok(width) and ok(height) else 1)

"""The provider-options entry every model reads, checked in one place, and provider options as
multipart text fields."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk.openai_compatible.request_fields import add_request_fields, form_value, provider_options_entry
from ai_sdk.spec import InvalidArgumentError

WHAT = "a dict of request fields, e.g. {'seed': 1}"


@pytest.mark.parametrize("options", [None, {}, {"other": {"a": 1}}])
def test_no_entry_is_none(options: Any) -> None:
    assert provider_options_entry(options, "deepinfra", WHAT) is None


def test_the_entry_is_handed_back_as_given() -> None:
    entry = {"a": 1}
    assert provider_options_entry({"deepinfra": entry}, "deepinfra", WHAT) is entry


def test_an_entry_that_is_not_a_mapping_says_what_it_must_be() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        provider_options_entry({"deepinfra": [1, 2]}, "deepinfra", WHAT)  # type: ignore[dict-item]
    assert str(caught.value) == (
        "Invalid argument for 'provider_options': provider_options['deepinfra'] must be a dict of request "
        "fields, e.g. {'seed': 1}"
    )
    assert (caught.value.argument, caught.value.value) == ("provider_options", [1, 2])


def test_fields_are_added_after_the_body_and_unset_ones_left_out() -> None:
    body: dict[str, Any] = {"model": "m", "input": "x"}
    options = {"deepinfra": {"speed": 2, "voice": None, "extra_body": {"k": 1}}}
    add_request_fields(body, options, "deepinfra", what=WHAT, reserved=("model", "input"), instead="use f()")
    assert list(body.items()) == [("model", "m"), ("input", "x"), ("speed", 2), ("extra_body", {"k": 1})]


def test_a_reserved_field_says_what_to_do_instead() -> None:
    with pytest.raises(InvalidArgumentError, match=r"\['deepinfra'\]\['model'\] cannot be set: use f\(\)"):
        add_request_fields(
            {}, {"deepinfra": {"model": "x"}}, "deepinfra", what=WHAT, reserved=("model",), instead="use f()"
        )


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "true"),
        (False, "false"),
        ("de", "de"),
        (3, "3"),
        (0.5, "0.5"),
        (["word"], '["word"]'),
        ({"a": 1}, '{"a":1}'),
    ],
)
def test_form_values(value: Any, text: str) -> None:
    assert form_value(value) == text

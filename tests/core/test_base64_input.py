"""The one reader of base64 text and base64 data: URLs, shared by image and audio inputs."""

from __future__ import annotations

import base64

import pytest

from ai_sdk.core.base64_input import decode_base64
from ai_sdk.errors import InvalidArgumentError

PAYLOAD = b"\x00\x01binary\xff"
TEXT = base64.b64encode(PAYLOAD).decode()


def _decode(text: str) -> tuple[bytes, str | None]:
    return decode_base64(text, "image", example="data:image/png;base64,...", hint="not base64")


@pytest.mark.parametrize(
    ("text", "declared"),
    [(TEXT, None), (f"data:image/webp;base64,{TEXT}", "image/webp"), (f"data:;base64,{TEXT}", None)],
)
def test_base64_and_data_urls_give_the_bytes_and_the_declared_type(text: str, declared: str | None) -> None:
    assert _decode(text) == (PAYLOAD, declared)


@pytest.mark.parametrize("text", ["data:image/png,plain", "data:image/png;base64"])
def test_a_data_url_that_is_not_base64_names_an_example(text: str) -> None:
    with pytest.raises(
        InvalidArgumentError, match=r"expected a base64 data URL such as 'data:image/png;base64,\.\.\.'"
    ) as caught:
        _decode(text)
    assert caught.value.argument == "image"


def test_text_that_is_not_base64_gets_the_hint_with_the_cause() -> None:
    with pytest.raises(InvalidArgumentError, match="not base64") as caught:
        _decode("hello.png")
    assert caught.value.argument == "image"
    assert caught.value.__cause__ is not None


@pytest.mark.parametrize(
    "text",
    [
        base64.encodebytes(PAYLOAD * 20).decode(),  # MIME-style: a line break every 76 characters
        base64.b64encode(PAYLOAD * 20).decode() + "\n",  # read from a file
        base64.urlsafe_b64encode(PAYLOAD * 20).decode(),
        "data:image/png;base64," + base64.encodebytes(PAYLOAD * 20).decode(),
    ],
)
def test_line_breaks_and_the_url_safe_alphabet_are_read_as_the_reference_reads_them(text: str) -> None:
    assert _decode(text)[0] == PAYLOAD * 20

"""Provider options as request fields: the ``provider_options[key]`` entry every model reads is checked
here, once, and its values go into a JSON body or a multipart form the same way for every model."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..spec import InvalidArgumentError, ProviderOptions
from ..spec._json import dumps_str

__all__ = ["add_request_fields", "form_value", "provider_options_entry"]


def provider_options_entry(provider_options: ProviderOptions | None, key: str, what: str) -> Mapping[str, Any] | None:
    """``provider_options[key]``, or ``None`` when the call has none; anything but a mapping raises
    :class:`InvalidArgumentError` saying it must be ``what`` (e.g. ``"a dict of request fields, e.g. ..."``)."""
    extra = provider_options.get(key) if provider_options is not None else None
    if extra is None or isinstance(extra, Mapping):
        return extra
    raise InvalidArgumentError(f"provider_options[{key!r}] must be {what}", argument="provider_options", value=extra)


def add_request_fields(
    body: dict[str, Any],
    provider_options: ProviderOptions | None,
    key: str,
    *,
    what: str,
    reserved: tuple[str, ...],
    instead: str,
) -> None:
    """Add the entry's fields that are not ``None`` to ``body``; a ``reserved`` field (one the call's
    own arguments set) raises, saying what to do ``instead``."""
    for name, value in (provider_options_entry(provider_options, key, what) or {}).items():
        if name in reserved:
            raise InvalidArgumentError(
                f"provider_options[{key!r}][{name!r}] cannot be set: {instead}", argument="provider_options"
            )
        if value is not None:
            body[name] = value


def form_value(value: Any) -> str:
    """A provider option as a multipart text field: booleans as ``true``/``false``, other scalars as
    text, anything else as compact JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    return dumps_str(value)

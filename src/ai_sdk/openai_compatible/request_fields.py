"""Provider options as request fields: the ``provider_options[key]`` entry every model reads is checked
here, once, and its values go into a JSON body or a multipart form the same way for every model.

Keys the model does not know are sent as given, so a provider's new parameters work at once; since
servers ignore fields they do not know, a key that nearly spells a known field draws a warning naming
it (:func:`misspelt_field`), so a typo is not a setting dropped without a word."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from ..spec import CallWarning, InvalidArgumentError, ProviderOptions
from ..spec._json import dumps_str

__all__ = [
    "add_request_fields",
    "form_value",
    "misspelt_field",
    "misspelt_fields",
    "provider_options_entry",
    "several_choices",
]


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


def misspelt_field(name: str, known: frozenset[str]) -> CallWarning | None:
    """A warning naming the ``known`` field that the unknown option ``name`` nearly spells, or ``None``
    when it resembles none closely (a deliberate field, such as one the provider added later)."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
    if not close:
        return None
    return CallWarning(
        "other",
        message=f"provider option {name!r} is not a request field we know, so the server may ignore it; "
        f"it was sent as given: did you mean {close[0]!r}?",
    )


def misspelt_fields(names: Iterable[str], known: frozenset[str]) -> list[CallWarning]:
    """The :func:`misspelt_field` warnings for the ``names`` that are not ``known``."""
    return [typo for name in names if name not in known and (typo := misspelt_field(name, known))]


def several_choices(n: Any) -> CallWarning:
    """The warning for a provider option ``n`` other than 1, which is left out: a result holds one
    choice, so the others would be billed and dropped (and, streamed, their text interleaved)."""
    return CallWarning(
        "unsupported",
        feature="n",
        details=f"a result holds one choice, so n={n!r} was not sent (the other choices would be billed and "
        "dropped, and streamed ones mixed into one text); make one call per answer instead",
    )


def form_value(value: Any) -> str:
    """A provider option as a multipart text field: booleans as ``true``/``false``, other scalars as
    text, anything else as compact JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    return dumps_str(value)

"""Chat provider options, read the way the reference documents them as well as our own way.

The reference's users write ``providerOptions: {openaiCompatible: {reasoningEffort: "low"}}`` (or under
the provider's own key); ours write ``provider_options={"deepinfra": {"reasoning_effort": "low"}}``.
Both reach the same wire fields: the ``openaiCompatible`` entry is read first and the provider's own
entry overrides it, and the reference's camelCase names of the typed options (``reasoningEffort``,
``strictJsonSchema``, ``textVerbosity``) mean their snake_case forms. Any other key is sent as given,
so new provider parameters need no release; a camelCase key we do not know is still sent but draws a
warning naming its snake_case form, since OpenAI-compatible servers take snake_case fields and
silently ignore the rest.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...spec import CallWarning, InvalidArgumentError, ProviderOptions

__all__ = ["REFERENCE_KEY", "chat_provider_options", "part_provider_options"]

REFERENCE_KEY = "openaiCompatible"
"""The provider-options key the reference's OpenAI-compatible models read besides their own."""

_ALIASES = {
    "reasoningEffort": "reasoning_effort",
    "strictJsonSchema": "strict_json_schema",
    "textVerbosity": "text_verbosity",
}
_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")


def _entry(provider_options: ProviderOptions | None, key: str) -> Mapping[str, Any]:
    extra = provider_options.get(key) if provider_options else None
    if extra is None:
        return {}
    if not isinstance(extra, Mapping):
        raise InvalidArgumentError(
            f"provider_options[{key!r}] must be a dict of {key} settings, got {type(extra).__name__}",
            argument="provider_options",
            value=extra,
        )
    return extra


def chat_provider_options(
    provider_options: ProviderOptions | None, key: str
) -> tuple[dict[str, Any], list[CallWarning]]:
    """The call's options under their canonical names (``openaiCompatible`` first, ``key`` winning),
    and the warnings about camelCase keys that are sent as given."""
    merged: dict[str, Any] = {}
    warnings: list[CallWarning] = []
    for source in (REFERENCE_KEY, key):
        for name, value in _entry(provider_options, source).items():
            canonical = _ALIASES.get(name, name)
            if canonical == name and _CAMEL.search(name):
                snake = _CAMEL.sub(r"_\1", name).lower()
                warnings.append(
                    CallWarning(
                        "other",
                        message=f"provider option {name!r} was sent as given, but request fields are snake_case: "
                        f"if the server ignores it, write {snake!r}",
                    )
                )
            merged[canonical] = value
    return merged, warnings


def part_provider_options(provider_options: ProviderOptions | None, key: str) -> dict[str, Any]:
    """What a message or part adds to its wire object: the ``openaiCompatible`` entry, then ``key``'s."""
    return {**_entry(provider_options, REFERENCE_KEY), **_entry(provider_options, key)}

"""Chat provider options, read the way the reference documents them as well as our own way.

The reference's users write ``providerOptions: {openaiCompatible: {reasoningEffort: "low"}}`` (or under
the provider's own key); ours write ``provider_options={"deepinfra": {"reasoning_effort": "low"}}``.
Both reach the same wire fields: the ``openaiCompatible`` entry is read first and the provider's own
entry overrides it, and the reference's camelCase names of the typed options (``reasoningEffort``,
``strictJsonSchema``, ``textVerbosity``) mean their snake_case forms. Any other key is sent as given,
so new provider parameters need no release; a camelCase key we do not know is still sent but draws a
warning naming its snake_case form, since OpenAI-compatible servers take snake_case fields and
silently ignore the rest. For the same reason a snake_case key that is not a known request field but
nearly spells one (``repetiton_penalty``) is sent with a warning naming the field it resembles: a
typo would otherwise be a setting the server drops without a word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...spec import CallWarning, InvalidArgumentError, ProviderOptions
from ..request_fields import misspelt_field

__all__ = ["REFERENCE_KEY", "chat_provider_options", "part_provider_options"]

REFERENCE_KEY = "openaiCompatible"
"""The provider-options key the reference's OpenAI-compatible models read besides their own."""

_ALIASES = {
    "reasoningEffort": "reasoning_effort",
    "strictJsonSchema": "strict_json_schema",
    "textVerbosity": "text_verbosity",
}
KNOWN_CHAT_FIELDS = frozenset(
    {
        # OpenAI's chat completion fields
        "audio", "frequency_penalty", "logit_bias", "logprobs", "max_completion_tokens", "max_tokens", "metadata",
        "modalities", "n", "parallel_tool_calls", "prediction", "presence_penalty", "reasoning_effort",
        "response_format", "safety_identifier", "seed", "service_tier", "stop", "store", "stream_options",
        "temperature", "top_logprobs", "top_p", "user", "verbosity", "web_search_options",
        # DeepInfra's (and vLLM's) additions
        "chat_template_kwargs", "min_p", "min_tokens", "prompt_cache_key", "reasoning", "repetition_penalty", "top_k",
        # the typed options read here
        "strict_json_schema", "text_verbosity",
    }
)  # fmt: skip
"""The request fields a typo is compared with; a key outside them is still sent (new parameters work)."""
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
    and the warnings about keys that are sent as given but look mistaken (camelCase, or a near miss of
    a known field)."""
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
            elif canonical not in KNOWN_CHAT_FIELDS and (typo := misspelt_field(name, KNOWN_CHAT_FIELDS)):
                warnings.append(typo)
            merged[canonical] = value
    return merged, warnings


def part_provider_options(provider_options: ProviderOptions | None, key: str) -> dict[str, Any]:
    """What a message or part adds to its wire object: the ``openaiCompatible`` entry, then ``key``'s."""
    return {**_entry(provider_options, REFERENCE_KEY), **_entry(provider_options, key)}

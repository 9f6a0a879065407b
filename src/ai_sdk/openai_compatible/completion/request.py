"""The ``/completions`` request body, and the warnings for settings a completion model cannot honour.

Key order follows the reference: model, sampling settings, the provider's raw options, then the
prompt and stop sequences (so provider options cannot replace them: one that tries draws a warning,
and one setting ``model`` or ``stream`` raises, as for chat models), then the streaming flags.
Unset settings are omitted, never sent as ``null``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...spec import CallOptions, CallWarning, InvalidArgumentError
from ..chat.provider_options import REFERENCE_KEY
from ..request_fields import misspelt_field, provider_options_entry, several_choices
from .prompt import STOP_SEQUENCE, completion_prompt

__all__ = ["MAX_STOP_SEQUENCES", "completion_request_body"]

MAX_STOP_SEQUENCES = 16
"""DeepInfra's documented limit on ``stop`` (its OpenAPI document: "up to 16 sequences")."""
_WHAT = "a dict of request fields, e.g. {'repetition_penalty': 1.1}"
_KNOWN_FIELDS = frozenset(
    {
        "best_of", "echo", "frequency_penalty", "logit_bias", "logprobs", "max_tokens", "min_p", "min_tokens", "n",
        "presence_penalty", "prompt_cache_key", "repetition_penalty", "response_format", "return_tokens_as_token_ids",
        "seed", "service_tier", "stop_token_ids", "suffix", "temperature", "top_k", "top_p", "user",
    }
)  # fmt: skip
"""The fields of OpenAI's and DeepInfra's ``/completions`` a misspelt provider option is compared with."""
# Provider options that would change what the call is (as for chat models), and the call's own fields
# that provider options cannot replace, with what to use instead.
_RESERVED = {"model": "the model id", "stream": "stream_text instead of generate_text"}
_REPLACED = {"prompt": "prompt= or messages=", "stop": "stop_sequences="}


def completion_request_body(
    model_id: str, options: CallOptions, *, provider_options_key: str, stream: bool
) -> tuple[dict[str, Any], list[CallWarning]]:
    """The JSON body for one call and the warnings to report with its result."""
    warnings: list[CallWarning] = []
    if options.tools:
        warnings.append(CallWarning("unsupported", "tools", "A completion model cannot call tools; use a chat model."))
    if options.tool_choice is not None:
        warnings.append(
            CallWarning("unsupported", "tool_choice", "A completion model cannot call tools; use a chat model.")
        )
    if options.response_format is not None and options.response_format.type != "text":
        warnings.append(
            CallWarning(
                "unsupported",
                "response_format",
                "JSON response format is not supported by completion models; use a chat model.",
            )
        )

    body: dict[str, Any] = {"model": model_id}
    settings = (
        ("max_tokens", options.max_output_tokens),
        ("temperature", options.temperature),
        ("top_p", options.top_p),
        ("top_k", options.top_k),
        ("frequency_penalty", options.frequency_penalty),
        ("presence_penalty", options.presence_penalty),
        ("seed", options.seed),
    )
    for key, value in settings:
        if value is not None:
            body[key] = value
    for key, value in _provider_options(options, provider_options_key).items():
        if key in _RESERVED:
            raise InvalidArgumentError(
                f"provider_options[{provider_options_key!r}] must not set {key!r}; use {_RESERVED[key]}",
                argument="provider_options",
            )
        if key in _REPLACED:
            if value is not None:  # the call's own value is sent: say so rather than drop it silently
                warnings.append(
                    CallWarning("other", message=f"provider option {key!r} was not sent; pass {_REPLACED[key]}")
                )
            continue
        if key not in _KNOWN_FIELDS and (typo := misspelt_field(key, _KNOWN_FIELDS)):
            warnings.append(typo)  # sent anyway: it may be a field we do not know
        if key == "n" and value not in (None, 1):
            warnings.append(several_choices(value))
        elif value is not None:
            body[key] = value
    body["prompt"] = completion_prompt(options.prompt)
    body["stop"] = _stop_sequences(options.stop_sequences or (), warnings)
    if stream:
        body["stream"] = True
        body["stream_options"] = {"include_usage": True}
    return body, warnings


def _stop_sequences(user: Sequence[str], warnings: list[CallWarning]) -> list[str]:
    """``"\\nuser:"`` (which keeps the model from writing the next user turn) and the user's own stop
    sequences, within DeepInfra's limit: the user's come first in priority, so when they fill the
    limit the turn marker is left out, with a warning."""
    stops = [sequence for sequence in user if sequence != STOP_SEQUENCE]
    if len(stops) < MAX_STOP_SEQUENCES:
        return [STOP_SEQUENCE, *stops]
    warnings.append(
        CallWarning(
            "other",
            message=(
                f"{len(stops)} stop sequences fill DeepInfra's limit of {MAX_STOP_SEQUENCES}, so the turn marker "
                f"{STOP_SEQUENCE!r} was not added; the model may go on to write the next user turn."
            ),
        )
    )
    return stops


def _provider_options(options: CallOptions, key: str) -> Mapping[str, Any]:
    """The reference's ``openaiCompatible`` entry, overridden by the provider's own."""
    merged: dict[str, Any] = {}
    for source in (REFERENCE_KEY, key):
        merged.update(provider_options_entry(options.provider_options, source, _WHAT) or {})
    return merged

"""Parsing a non-streaming ``/completions`` answer into the spec's :class:`GenerateResult`.

Only the fields we use are checked (the reference does the same): the first choice's ``text`` and
``finish_reason``, ``usage``, and the response metadata. The body is kept as parsed, not copied.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ...spec import (
    CallWarning,
    Content,
    GenerateResult,
    InvalidResponseDataError,
    RequestInfo,
    ResponseInfo,
    Text,
)
from ..chat.metadata import MetadataExtractor
from ..finish_reason import map_finish_reason
from ..response_extras import answer_extras, merge_extras
from ..usage import UsageConverter

__all__ = ["parse_completion_response", "response_metadata"]


def response_metadata(value: Mapping[str, Any]) -> tuple[str | None, str | None, datetime | None]:
    """``(id, model id, timestamp)`` of a response or stream chunk; absent or mistyped fields give ``None``."""
    response_id = value.get("id")
    model_id = value.get("model")
    created = value.get("created")
    timestamp = None
    if isinstance(created, int | float) and not isinstance(created, bool):
        try:
            timestamp = datetime.fromtimestamp(created, tz=UTC)
        except (OverflowError, OSError, ValueError):  # out of datetime's range (e.g. 1e20): not a time
            timestamp = None
    return (
        response_id if isinstance(response_id, str) else None,
        model_id if isinstance(model_id, str) else None,
        timestamp,
    )


def parse_completion_response(
    value: Any,
    *,
    headers: Mapping[str, str],
    request_body: Any,
    warnings: list[CallWarning],
    usage_converter: UsageConverter,
    metadata_key: str | None = None,
    metadata_extractor: MetadataExtractor | None = None,
) -> GenerateResult:
    """The result of one call; raises :class:`InvalidResponseDataError` when the answer has no usable choice.
    With ``metadata_key``, logprobs, the echoed service tier and prediction-token counts are reported
    under that key of the provider metadata (see :mod:`..response_extras`), with what
    ``metadata_extractor`` finds in the answer (DeepInfra's ``estimated_cost``)."""
    choices = value.get("choices") if isinstance(value, Mapping) else None
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], Mapping):
        raise InvalidResponseDataError("The completion response has no choices.", data=value)
    choice = choices[0]
    text = choice.get("text")
    if text is not None and not isinstance(text, str):
        raise InvalidResponseDataError("The completion response's choices[0].text is not a string.", data=value)
    finish_reason = choice.get("finish_reason")
    usage = value.get("usage")
    content: list[Content] = [Text(text)] if text else []
    response_id, model_id, timestamp = response_metadata(value)
    metadata = metadata_extractor(value) if metadata_extractor is not None else None
    if metadata_key is not None:
        metadata = merge_extras(metadata, metadata_key, answer_extras(value, logprobs=choice.get("logprobs")))
    return GenerateResult(
        content=content,
        finish_reason=map_finish_reason(finish_reason if isinstance(finish_reason, str) else None),
        usage=usage_converter(usage if isinstance(usage, Mapping) else None),
        warnings=warnings,
        request=RequestInfo(body=request_body),
        response=ResponseInfo(id=response_id, model_id=model_id, timestamp=timestamp, headers=headers, body=value),
        provider_metadata=metadata,
    )

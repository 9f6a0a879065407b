"""Native inference (``POST {base}/inference/...``): where a model is called, and the
``inference_status`` object of its answers (rerankers, images, Whisper, TTS):
``{status, runtime_ms, cost, tokens_input, tokens_generated}``. ``cost`` is the request's price in USD,
which we surface as :attr:`~ai_sdk.spec.Usage.cost`; a ``failed`` status answered with HTTP 200 is an
error, not an empty result."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..spec import APICallError

__all__ = ["check_inference_status", "inference_cost", "inference_path", "inference_tokens"]

_DEPLOYMENT_PREFIX = "deploy_id:"


def inference_path(model_id: str) -> str:
    """The native inference path of a model: ``/inference/{model_id}``, or for a custom deployment
    (``deploy_id:<id>``, the id form the OpenAI-compatible routes take) ``/inference/deploy/<id>``."""
    if model_id.startswith(_DEPLOYMENT_PREFIX):
        return f"/inference/deploy/{model_id.removeprefix(_DEPLOYMENT_PREFIX)}"
    return f"/inference/{model_id}"


def _status(value: Any) -> Mapping[str, Any]:
    status = value.get("inference_status") if isinstance(value, Mapping) else None
    return status if isinstance(status, Mapping) else {}


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def inference_cost(value: Any) -> float | None:
    """``inference_status.cost`` in USD, or ``None`` when the answer has none."""
    return _number(_status(value).get("cost"))


def inference_tokens(value: Any) -> int | None:
    """The input tokens DeepInfra counted: top-level ``input_tokens``, else ``inference_status.tokens_input``."""
    top_level = value.get("input_tokens") if isinstance(value, Mapping) else None
    for tokens in (top_level, _status(value).get("tokens_input")):
        if type(tokens) is int:
            return tokens
    return None


def check_inference_status(value: Any, *, url: str, request_body: Any, headers: Mapping[str, str]) -> None:
    """Raise :class:`APICallError` when DeepInfra reports the inference as ``failed`` in a 2xx answer
    (retryable: such failures are the worker's, not the request's)."""
    status = _status(value)
    if status.get("status") != "failed":
        return
    error = value.get("error") if isinstance(value, Mapping) else None
    detail = error if isinstance(error, str) and error else "no reason given"
    raise APICallError(
        f"DeepInfra reports the inference failed ({detail})",
        url=url,
        request_body=request_body,
        status_code=200,
        response_headers=headers,
        is_retryable=True,
        data=value,
    )

"""Error messages from every DeepInfra error shape, and the errors built for non-2xx answers."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ai_sdk.http.errors import (
    api_call_error,
    connection_broke,
    extract_error_message,
    malformed_request_error,
    network_error,
    timeout_error,
)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"error": {"message": "Not authenticated", "type": "invalid_request_error", "param": None, "code": None}},
            "Not authenticated",
        ),
        ({"error": {"message": "Model busy, retry later"}}, "Model busy, retry later"),
        ({"error": "Unauthorised"}, "Unauthorised"),
        (
            {"detail": [{"loc": ["body", "messages", 0, "content"], "msg": "field required", "type": "value_error"}]},
            "body.messages.0.content: field required",
        ),
        (
            {
                "detail": [
                    {"loc": ["body", "temperature"], "msg": "must be <= 2", "type": "value_error"},
                    {"loc": [], "msg": "bad", "type": "x"},
                ]
            },
            "body.temperature: must be <= 2; bad",
        ),
        ({"detail": {"error": "Image size must be a multiple of 32"}}, "Image size must be a multiple of 32"),
        ({"detail": "Not Found"}, "Not Found"),
        ({"error_type": "validation_error", "error_message": "prompt too long"}, "validation_error: prompt too long"),
        (
            {
                "error_type": "validation_error",
                "error_message": json.dumps([{"loc": ["body", "top_k"], "msg": "must be < 1000", "type": "v"}]),
            },
            "validation_error: body.top_k: must be < 1000",
        ),
        ({"error_message": '{"error": {"message": "nested"}}'}, "nested"),
        ({"error_message": "{not json"}, "{not json"),
        ({"error": {"message": "in stream", "code": 500}}, "in stream"),
        ({"message": "plain"}, "plain"),
        ({"error": {"detail": "nested detail"}}, "nested detail"),
        ("just text", "just text"),
    ],
)
def test_extracts_message_from_every_shape(body: Any, message: str) -> None:
    assert extract_error_message(body) == message


@pytest.mark.parametrize("body", [{}, {"error": None}, {"error": {"code": 1}}, {"detail": []}, [], 5, None, "  "])
def test_no_message_gives_none(body: Any) -> None:
    assert extract_error_message(body) is None


def _error(status: int, body: bytes, **headers: str):  # type: ignore[no-untyped-def]
    return api_call_error(
        url="https://api.example/v1/x", request_body={"model": "m"}, status=status, headers=headers, body=body
    )


def test_api_call_error_keeps_everything_a_caller_needs() -> None:
    body = b'{"error":{"message":"Model busy, retry later"}}'

    error = _error(429, body, **{"retry-after": "3"})

    assert error.message == "Model busy, retry later"
    assert error.status_code == 429
    assert error.is_retryable is True
    assert error.response_body == body.decode()
    assert error.data == {"error": {"message": "Model busy, retry later"}}
    assert error.response_headers == {"retry-after": "3"}
    assert error.request_body == {"model": "m"}
    assert error.url == "https://api.example/v1/x"


def test_405_without_body_names_the_status() -> None:
    error = _error(405, b"")

    assert error.message == "HTTP 405 Method Not Allowed"
    assert error.is_retryable is False
    assert error.response_body == ""


def test_405_with_message_uses_it() -> None:
    error = _error(405, b'{"error":{"message":"Tool calling is not supported for model X"}}')

    assert error.message == "Tool calling is not supported for model X"


def test_non_json_body_is_shown_shortened_with_the_status() -> None:
    html = b"<html><body>" + b"Bad gateway " * 100 + b"</body></html>"

    error = _error(502, html)

    assert error.message.startswith("HTTP 502 Bad Gateway: <html><body>Bad gateway")
    assert error.message.endswith("...")
    assert len(error.message) < 400
    assert error.response_body == html.decode()
    assert error.is_retryable is True


def test_json_without_a_known_message_falls_back_to_the_status() -> None:
    assert _error(500, b'{"unexpected": true}').message == "HTTP 500 Internal Server Error"
    assert _error(599, b"").message == "HTTP 599"


def test_redirect_names_the_target() -> None:
    error = _error(301, b"", location="https://new.example/v1")

    assert "HTTP 301 Moved Permanently" in error.message
    assert "https://new.example/v1" in error.message


@pytest.mark.parametrize(("status", "retryable"), [(400, False), (401, False), (408, True), (409, True), (422, False)])
def test_retryable_follows_status(status: int, retryable: bool) -> None:
    assert _error(status, b"{}").is_retryable is retryable


def test_network_and_timeout_errors_are_retryable() -> None:
    timeout = timeout_error("https://x", 2.5, status=200)
    network = network_error("https://x", "cannot connect (Connection refused)")

    assert timeout.message == "Request to https://x timed out after 2.5 s"
    assert (timeout.is_retryable, timeout.status_code) == (True, 200)
    assert network.is_retryable is True
    assert network.status_code is None
    assert timeout_error("https://x", None).message == "Request to https://x timed out"


def test_a_broken_connection_is_worded_by_whether_a_response_had_arrived() -> None:
    refused = ConnectionResetError(104, "Connection reset by peer")
    before = connection_broke("http://x.test/v1", refused, None)
    assert before.message == (
        "Request to http://x.test/v1 failed: the connection broke before a response arrived (Connection reset by peer)"
    )
    assert (before.status_code, before.is_retryable) == (None, True)
    within = connection_broke("http://x.test/v1", refused, 200)
    assert (
        within.message
        == "Request to http://x.test/v1 failed: the connection broke before the whole response body arrived"
    )
    assert (within.status_code, within.is_retryable) == (200, True)


def test_a_malformed_request_is_not_retryable_and_quotes_nothing() -> None:
    error = malformed_request_error("http://x.test/v1")
    assert error.message == (
        "Request to http://x.test/v1 could not be sent: the URL or a header is malformed "
        "(control characters, line breaks or non-Latin-1 text)"
    )
    assert error.is_retryable is False

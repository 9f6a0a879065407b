from __future__ import annotations

from ai_sdk.http.headers import combine_headers, with_user_agent_suffix


def test_combine_lower_cases_and_later_maps_win() -> None:
    combined = combine_headers({"Authorization": "Bearer a", "X-One": "1"}, None, {"authorization": "Bearer b"})

    assert combined == {"authorization": "Bearer b", "x-one": "1"}


def test_none_value_removes_a_header_set_earlier() -> None:
    assert combine_headers({"X-Drop": "1", "x-keep": "2"}, {"x-drop": None}) == {"x-keep": "2"}


def test_combine_of_nothing_is_empty() -> None:
    assert combine_headers() == {}
    assert combine_headers(None, {}) == {}


def test_user_agent_suffix_is_appended_to_the_users_agent() -> None:
    headers = {"user-agent": "my-app/1.0", "authorization": "Bearer k"}

    result = with_user_agent_suffix(headers, "ai-sdk/deepinfra/0.1.0", "runtime/python")

    assert result == {"user-agent": "my-app/1.0 ai-sdk/deepinfra/0.1.0 runtime/python", "authorization": "Bearer k"}
    assert headers["user-agent"] == "my-app/1.0"


def test_user_agent_suffix_without_existing_agent() -> None:
    assert with_user_agent_suffix({}, "ai-sdk/deepinfra/0.1.0") == {"user-agent": "ai-sdk/deepinfra/0.1.0"}
    assert with_user_agent_suffix({"x": "1"}) == {"x": "1"}

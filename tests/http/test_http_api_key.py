from __future__ import annotations

import pytest

from ai_sdk.http.api_key import load_api_key
from ai_sdk.spec.errors import LoadAPIKeyError

ENV = "EXAMPLE_API_KEY"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)


def test_explicit_key_wins_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "from-env")

    assert load_api_key("explicit", env_var=ENV, description="Example") == "explicit"


def test_environment_is_read_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "from-env\n")

    assert load_api_key(None, env_var=ENV, description="Example") == "from-env"


def test_missing_key_names_both_fixes() -> None:
    with pytest.raises(LoadAPIKeyError) as caught:
        load_api_key(None, env_var=ENV, description="Example")

    assert "Example API key is missing" in caught.value.message
    assert "'api_key'" in caught.value.message
    assert ENV in caught.value.message


@pytest.mark.parametrize("source", ["argument", "env"])
def test_empty_key_is_rejected(monkeypatch: pytest.MonkeyPatch, source: str) -> None:
    if source == "env":
        monkeypatch.setenv(ENV, "  ")
    with pytest.raises(LoadAPIKeyError, match="empty"):
        load_api_key(" " if source == "argument" else None, env_var=ENV, description="Example")


def test_non_string_key_is_rejected() -> None:
    with pytest.raises(LoadAPIKeyError, match="must be a string"):
        load_api_key(123, env_var=ENV, description="Example")  # type: ignore[arg-type]


def test_key_with_a_line_break_is_rejected_without_being_shown() -> None:
    with pytest.raises(LoadAPIKeyError) as caught:
        load_api_key("sk-secret\r\nx-evil: 1", env_var=ENV, description="Example")

    assert "not allowed in an HTTP header" in caught.value.message
    assert "sk-secret" not in str(caught.value) + repr(caught.value)

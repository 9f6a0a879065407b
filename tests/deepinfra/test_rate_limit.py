"""The account's rate limit (``GET /v1/me/rate_limit``): parsed into a typed record, read blocking and
async against the emulator with the provider's key and headers, and its errors typed like the
catalog's, without the key anywhere in them."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from ai_sdk.deepinfra import RateLimit, create_deepinfra
from ai_sdk.deepinfra.rate_limit import parse_rate_limit
from ai_sdk.errors import APICallError, InvalidResponseDataError
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator.replies import ErrorReply, RawReply

KEY = "sk-live-SECRET-rate-limit-0123456789"


async def _read(mode: str, provider: Any) -> RateLimit:
    return provider.rate_limit_sync() if mode == "sync" else await provider.rate_limit()


def test_parse_rate_limit() -> None:
    limit = parse_rate_limit({"rate_limit": 200, "tpm_rate_limit": 1_000_000, "other": 1})
    assert limit == RateLimit(concurrent_requests=200, tokens_per_minute=1_000_000)
    with pytest.raises(dataclasses.FrozenInstanceError):
        limit.concurrent_requests = 1  # type: ignore[misc]
    for bad in (
        {"rate_limit": 200},
        {"rate_limit": "200", "tpm_rate_limit": 1},
        {"rate_limit": True, "tpm_rate_limit": 1},
        [],
        None,
    ):
        with pytest.raises(InvalidResponseDataError, match="rate_limit and tpm_rate_limit") as caught:
            parse_rate_limit(bad)
        assert caught.value.data == bad


async def test_the_rate_limit_is_read_with_the_providers_key(mode: str) -> None:
    with DeepInfraEmulator(api_key=KEY) as emu:
        provider = create_deepinfra(api_key=KEY, base_url=emu.base_url, headers={"x-team": "bulk"})
        assert await _read(mode, provider) == RateLimit(concurrent_requests=200, tokens_per_minute=1_000_000)
        emu.rate_limit, emu.tpm_rate_limit = 50, 300_000
        assert await _read(mode, provider) == RateLimit(concurrent_requests=50, tokens_per_minute=300_000)
        request = emu.last_request
        assert (request.method, request.path, request.route) == ("GET", "/v1/me/rate_limit", "rate_limit")
        assert request.api_key == KEY
        assert request.headers["x-team"] == "bulk"
        assert "ai-sdk/deepinfra/" in request.headers["user-agent"]
        provider.close()
        await provider.aclose()


async def test_a_refused_key_is_an_api_call_error(mode: str) -> None:
    with DeepInfraEmulator(api_key="the-right-key") as emu:
        provider = create_deepinfra(api_key=KEY, base_url=emu.base_url)
        with pytest.raises(APICallError) as caught:
            await _read(mode, provider)
        assert caught.value.status_code == 401
        assert caught.value.url == emu.base_url + "/me/rate_limit"
        assert caught.value.message == "Not authenticated"
        assert KEY not in repr(caught.value)  # every place it could show: test_deepinfra_key_safety.py
        provider.close()
        await provider.aclose()


async def test_a_malformed_answer_is_invalid_response_data(mode: str) -> None:
    with DeepInfraEmulator() as emu:
        provider = create_deepinfra(api_key="k", base_url=emu.base_url)
        emu.rate_limits.queue(RawReply({"rate_limit": 200}))
        with pytest.raises(InvalidResponseDataError):
            await _read(mode, provider)
        emu.rate_limits.queue(ErrorReply(404))
        with pytest.raises(APICallError) as caught:
            await _read(mode, provider)
        assert caught.value.status_code == 404
        provider.close()
        await provider.aclose()

"""Chat extras end to end against the emulator: logprobs (chat and completion, whole and streamed, the
same either way), the echoed service tier, reference-style provider options, model ids that must pass
through unchanged (``deploy_id:...``, LoRA names), and a PDF part refused before anything is sent."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk import FilePart, TextPart, UserMessage, generate_text, stream_text
from ai_sdk.deepinfra import DeepInfraProvider
from ai_sdk.errors import UnsupportedFunctionalityError
from ai_sdk.sync import generate_text as generate_text_sync
from ai_sdk.sync import stream_text as stream_text_sync
from ai_sdk.testing import DeepInfraEmulator

from .conftest import CHAT_MODEL


async def run(mode: str, streamed: bool, **kwargs: Any) -> tuple[str, Any]:
    """``(text, provider_metadata)`` through one of the four drivers."""
    if mode == "sync" and not streamed:
        result = generate_text_sync(**kwargs)
        return result.text, result.provider_metadata
    if mode == "sync":
        stream = stream_text_sync(**kwargs)
        return stream.text, stream.provider_metadata
    if not streamed:
        awaited = await generate_text(**kwargs)
        return awaited.text, awaited.provider_metadata
    async_stream = stream_text(**kwargs)
    return await async_stream.text, await async_stream.provider_metadata


@pytest.mark.parametrize("streamed", [False, True])
async def test_chat_logprobs_and_service_tier(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, mode: str, streamed: bool
) -> None:
    text, metadata = await run(
        mode,
        streamed,
        model=provider(CHAT_MODEL),
        prompt="Hello",
        provider_options={"deepinfra": {"logprobs": 2, "service_tier": "priority"}},
    )
    deepinfra = metadata["deepinfra"]
    assert "".join(entry["token"] for entry in deepinfra["logprobs"]) == text
    assert all(len(entry["top_logprobs"]) == 2 for entry in deepinfra["logprobs"])
    assert all(entry["logprob"] < 0 for entry in deepinfra["logprobs"])
    assert deepinfra["service_tier"] == "priority"
    assert deepinfra["estimated_cost"] > 0
    assert (emu.last_request.body["logprobs"], emu.last_request.body["top_logprobs"]) == (True, 2)


@pytest.mark.parametrize("streamed", [False, True])
async def test_completion_logprobs(provider: DeepInfraProvider, mode: str, streamed: bool) -> None:
    text, metadata = await run(
        mode,
        streamed,
        model=provider.completion_model(CHAT_MODEL),
        prompt="Once upon a time",
        provider_options={"deepinfra": {"logprobs": 1}},
    )
    logprobs = metadata["deepinfra"]["logprobs"]
    assert "".join(logprobs["tokens"]) == text
    assert len(logprobs["token_logprobs"]) == len(logprobs["tokens"]) == len(logprobs["top_logprobs"])


async def test_reference_style_options_reach_the_wire(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    await generate_text(
        model=provider("deepseek-ai/DeepSeek-R1"),
        prompt="Think briefly.",
        provider_options={"openaiCompatible": {"reasoningEffort": "none", "user": "hashed-user"}},
    )
    body = emu.last_request.body
    assert (body["reasoning_effort"], body["user"]) == ("none", "hashed-user")
    assert "reasoningEffort" not in body


@pytest.mark.parametrize("model_id", ["deploy_id:abc123XYZ", "my-user/my-lora-adapter", "meta-llama/Llama-3.3-70B:v2"])
def test_deployment_and_lora_ids_pass_through(
    emu: DeepInfraEmulator, provider: DeepInfraProvider, model_id: str
) -> None:
    result = generate_text_sync(model=provider(model_id), prompt="Hi")
    assert emu.last_request.body["model"] == model_id
    assert model_id in result.text


async def test_pdf_parts_are_refused_before_sending(emu: DeepInfraEmulator, provider: DeepInfraProvider) -> None:
    prompt = [UserMessage([TextPart("Summarise this"), FilePart(b"%PDF-1.7\n...", "application/pdf")])]
    with pytest.raises(UnsupportedFunctionalityError, match="PDF"):
        await generate_text(model=provider(CHAT_MODEL), messages=prompt)
    assert emu.requests == []

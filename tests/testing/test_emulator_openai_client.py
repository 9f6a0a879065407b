"""A second, independent client keeps the emulator honest: the official ``openai`` package, pointed at
the emulator, gets well-formed responses for chat, streaming (text and tool calls), embeddings and
errors, both sync and async."""

from __future__ import annotations

import json

import openai
import pytest

from ai_sdk.testing import DeepInfraEmulator

MODEL = "meta-llama/Meta-Llama-3.1-70B-Instruct"
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "weather",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        },
    }
]


def _client(emu: DeepInfraEmulator) -> openai.OpenAI:
    return openai.OpenAI(base_url=emu.base_url + "/openai", api_key="test-key", max_retries=0)


def test_chat(deepinfra_emulator: DeepInfraEmulator) -> None:
    completion = _client(deepinfra_emulator).chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "Hello"}]
    )
    assert completion.object == "chat.completion"
    assert completion.model == MODEL
    assert completion.choices[0].finish_reason == "stop"
    assert completion.choices[0].message.role == "assistant"
    assert completion.choices[0].message.content
    assert '"Hello"' in completion.choices[0].message.content
    assert completion.usage is not None
    assert completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens
    assert (completion.usage.model_extra or {})["estimated_cost"] > 0


def test_chat_stream(deepinfra_emulator: DeepInfraEmulator) -> None:
    deepinfra_emulator.chat.reply_text("Streaming works fine.")
    stream = _client(deepinfra_emulator).chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "Hi"}], stream=True
    )
    chunks = list(stream)
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == "Streaming works fine."
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].usage is not None
    assert all(c.usage is None for c in chunks[:-1])
    assert len({c.id for c in chunks}) == 1


def test_tool_call_stream(deepinfra_emulator: DeepInfraEmulator) -> None:
    deepinfra_emulator.chat.reply_tool_calls([{"name": "weather", "arguments": {"city": "Lyon"}}])
    stream = _client(deepinfra_emulator).chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "Weather?"}],
        tools=TOOLS,  # type: ignore[arg-type]
        stream=True,
    )
    names, arguments, finish = [], "", None
    for chunk in stream:
        for call in chunk.choices[0].delta.tool_calls or ():
            if call.function and call.function.name:
                names.append(call.function.name)
            arguments += (call.function.arguments or "") if call.function else ""
        finish = chunk.choices[0].finish_reason or finish
    assert names == ["weather"]
    assert json.loads(arguments) == {"city": "Lyon"}
    assert finish == "tool_calls"


def test_embeddings(deepinfra_emulator: DeepInfraEmulator) -> None:
    client = _client(deepinfra_emulator)
    # The openai client asks for base64 by default and decodes it; ask for floats too.
    default = client.embeddings.create(model="BAAI/bge-base-en-v1.5", input=["one", "two"])
    floats = client.embeddings.create(model="BAAI/bge-base-en-v1.5", input=["one", "two"], encoding_format="float")
    assert [len(item.embedding) for item in default.data] == [768, 768]
    assert default.data[0].embedding == pytest.approx(floats.data[0].embedding, rel=1e-6, abs=1e-7)
    assert default.usage.prompt_tokens == 2


def test_models(deepinfra_emulator: DeepInfraEmulator) -> None:
    ids = [model.id for model in _client(deepinfra_emulator).models.list()]
    assert MODEL in ids


def test_errors_map_to_openai_exceptions(deepinfra_emulator: DeepInfraEmulator) -> None:
    client = _client(deepinfra_emulator)
    deepinfra_emulator.chat.reply_error(429, retry_after=1)
    with pytest.raises(openai.RateLimitError, match="Model busy"):
        client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "x"}])
    with pytest.raises(openai.UnprocessableEntityError):
        client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "x"}], temperature=7)


def test_wrong_key_is_an_authentication_error() -> None:
    with (
        DeepInfraEmulator(api_key="right") as emu,
        pytest.raises(openai.AuthenticationError, match="Not authenticated"),
    ):
        _client(emu).chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "x"}])


async def test_async_client(deepinfra_emulator: DeepInfraEmulator) -> None:
    client = openai.AsyncOpenAI(base_url=deepinfra_emulator.base_url + "/openai", api_key="k", max_retries=0)
    async with client:
        stream = await client.chat.completions.create(
            model=MODEL, messages=[{"role": "user", "content": "async"}], stream=True
        )
        text = "".join([c.choices[0].delta.content or "" async for c in stream])
        embedded = await client.embeddings.create(model="BAAI/bge-small-en-v1.5", input="x")
    assert '"async"' in text
    assert len(embedded.data[0].embedding) == 384

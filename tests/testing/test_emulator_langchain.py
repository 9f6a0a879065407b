"""LangChain's OpenAI integration (``langchain-openai``) against the emulator, as a third independent
client: chat, streaming, tool calls, logprobs and embeddings over DeepInfra's OpenAI-compatible routes.
Nothing here needs the network (tiktoken's encodings are never loaded: embeddings skip the client-side
length check)."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage
from langchain_openai import ChatOpenAI, OpenAIEmbeddings

from ai_sdk.testing import DeepInfraEmulator

MODEL = "meta-llama/Meta-Llama-3.1-70B-Instruct"


def _chat(emu: DeepInfraEmulator, **kwargs: object) -> ChatOpenAI:
    return ChatOpenAI(model=MODEL, base_url=emu.base_url + "/openai", api_key="test-key", max_retries=0, **kwargs)  # type: ignore[arg-type]


def test_invoke_and_usage(deepinfra_emulator: DeepInfraEmulator) -> None:
    deepinfra_emulator.chat.reply_text("Bonjour!")
    message = _chat(deepinfra_emulator).invoke("Say hello in French")
    assert isinstance(message, AIMessage)
    assert message.content == "Bonjour!"
    assert message.usage_metadata is not None
    assert message.usage_metadata["total_tokens"] > 0
    assert deepinfra_emulator.last_request.body["messages"] == [{"role": "user", "content": "Say hello in French"}]


def test_stream(deepinfra_emulator: DeepInfraEmulator) -> None:
    deepinfra_emulator.chat.reply_text("One two three.")
    chunks = list(_chat(deepinfra_emulator).stream("Count"))
    assert "".join(str(chunk.content) for chunk in chunks) == "One two three."
    assert len(chunks) > 2


async def test_tool_calls_async(deepinfra_emulator: DeepInfraEmulator) -> None:
    def weather(city: str) -> str:
        """Weather in a city."""
        return city

    deepinfra_emulator.chat.reply_tool_calls([{"name": "weather", "arguments": {"city": "Lyon"}}])
    message = await _chat(deepinfra_emulator).bind_tools([weather]).ainvoke("Weather in Lyon?")
    assert isinstance(message, AIMessage)
    assert [(call["name"], call["args"]) for call in message.tool_calls] == [("weather", {"city": "Lyon"})]


def test_logprobs(deepinfra_emulator: DeepInfraEmulator) -> None:
    deepinfra_emulator.chat.reply_text("Yes.")
    message = _chat(deepinfra_emulator, logprobs=True, top_logprobs=2).invoke("Sky blue?")
    entries = message.response_metadata["logprobs"]["content"]
    assert "".join(entry["token"] for entry in entries) == "Yes."
    assert all(len(entry["top_logprobs"]) == 2 for entry in entries)


def test_embeddings(deepinfra_emulator: DeepInfraEmulator) -> None:
    embeddings = OpenAIEmbeddings(
        model="BAAI/bge-base-en-v1.5",
        base_url=deepinfra_emulator.base_url + "/openai",
        api_key="test-key",  # type: ignore[arg-type]
        check_embedding_ctx_length=False,
    )
    vectors = embeddings.embed_documents(["sunny day", "rainy night"])
    assert [len(vector) for vector in vectors] == [768, 768]
    assert embeddings.embed_query("sunny day") == pytest.approx(vectors[0])

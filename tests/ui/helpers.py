"""Shared pieces of the UI tests: a scripted emulator conversation, running a stream_text result through
the UI layer in either API, and reading SSE frames back."""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable
from typing import Any

import orjson

from ai_sdk import step_count_is, tool
from ai_sdk.core.stream_text import stream_text, stream_text_sync
from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.testing import DeepInfraEmulator
from ai_sdk.testing.emulator import Reply, ToolCallReply
from ai_sdk.ui.chunks import UIMessageChunk

REASONING_MODEL = "deepseek-ai/DeepSeek-R1"


@tool
def weather(city: str) -> dict[str, object]:
    """Current weather for a city.

    Args:
        city: The city name.
    """
    return {"city": city, "temperature_c": 21}


@tool
def stock_price(symbol: str) -> float:
    """The price of a stock.

    Args:
        symbol: The ticker symbol.
    """
    raise RuntimeError("quote service down (token sk-secret-123)")


TOOLS = [weather, stock_price]


def script_conversation(emu: DeepInfraEmulator) -> None:
    """Step 1: reasoning and two tool calls (one tool works, one raises); step 2: text cut by an error."""
    emu.chat.queue(
        Reply(
            reasoning="Check both.",
            tool_calls=[
                ToolCallReply("weather", {"city": "Paris"}, id="call_1"),
                ToolCallReply("stock_price", {"symbol": "NVDA"}, id="call_2"),
            ],
        )
    )
    emu.chat.queue(Reply(text="Paris is 21 degrees.", error_frame_at=3))


def start(mode: str, emu: DeepInfraEmulator, **kwargs: Any) -> Any:
    provider = create_deepinfra(base_url=emu.base_url, api_key="ui-test-key")
    arguments: dict[str, Any] = {
        "model": provider(REASONING_MODEL),
        "prompt": "Weather in Paris and the NVDA price?",
        "tools": TOOLS,
        "stop_when": step_count_is(3),
        **kwargs,
    }
    return stream_text_sync(**arguments) if mode == "sync" else stream_text(**arguments)


def ui_stream(result: Any, **options: Any) -> Any:
    """The result's UI message stream (an async iterator for the async API)."""
    return result.to_ui_message_stream(**options)


async def collect(stream: AsyncIterable[Any] | Iterable[Any]) -> list[Any]:
    if isinstance(stream, AsyncIterable):
        return [item async for item in stream]
    return list(stream)


async def wire(stream: AsyncIterable[UIMessageChunk] | Iterable[UIMessageChunk]) -> list[dict[str, Any]]:
    return [chunk.to_dict() for chunk in await collect(stream)]


def sse_frames(body: bytes) -> list[Any]:
    """The JSON values of an SSE body's ``data:`` frames (``"[DONE]"`` as the string)."""
    assert body.endswith(b"\n\n")
    frames = []
    for frame in body.split(b"\n\n")[:-1]:
        assert frame.startswith(b"data: "), frame
        data = frame[len(b"data: ") :]
        frames.append("[DONE]" if data == b"[DONE]" else orjson.loads(data))
    return frames

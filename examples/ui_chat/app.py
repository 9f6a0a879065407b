"""A chat page built with the AI SDK's own React hook (``useChat`` from ``@ai-sdk/react``) talking to a
Python backend: FastAPI + ai_sdk, streaming text, reasoning, tool calls and a tool that asks the user
first (Approve / Deny on the page) with the UI message stream protocol.

    pip install 'ai-sdk[ui,testing]' fastapi uvicorn    # what this example needs beyond the base install
    cd examples/ui_chat && npm ci && npm run build     # bundles src/app.jsx into static/app.js
    python examples/ui_chat/app.py                      # http://127.0.0.1:8000

With ``DEEPINFRA_API_KEY`` set it talks to DeepInfra (``MODEL`` picks the model); without one it starts the
bundled DeepInfra emulator on loopback, so everything works offline.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from ai_sdk import (
    Tool,
    UIMessageStreamFinish,
    convert_to_model_messages,
    step_count_is,
    stream_text,
    tool,
    validate_ui_messages,
)
from ai_sdk.errors import AISDKError, UIMessageValidationError
from ai_sdk.ui import generate_id

STATIC = Path(__file__).parent / "static"
DEFAULT_MODEL = "deepseek-ai/DeepSeek-R1"
SYSTEM = (
    "You are a helpful assistant. Use the weather tool for questions about the weather and the reserve tool "
    "to book a table (the user approves each booking)."
)


@tool
def weather(city: str) -> dict[str, object]:
    """Current weather for a city.

    Args:
        city: The city name, e.g. "Paris".
    """
    return {"city": city, "temperature_c": 21, "conditions": "sunny"}


@tool(needs_approval=True)
def reserve(restaurant: str, guests: int) -> dict[str, object]:
    """Reserve a table at a restaurant. The user approves each booking before it is made.

    Args:
        restaurant: The restaurant's name.
        guests: How many people.
    """
    return {"restaurant": restaurant, "guests": guests, "confirmed": True}


TOOLS: dict[str, Tool[Any, Any]] = {"weather": weather, "reserve": reserve}


def error_text(error: Any) -> str:
    """What the user sees for an error: our own errors' messages (they never contain the key), else a
    generic text."""
    return error.message if isinstance(error, AISDKError) else "An error occurred."


def create_app(model: Any) -> FastAPI:
    """The app: ``POST /api/chat`` answers useChat, ``/`` serves the page. Finished conversations are kept
    in ``app.state.chats`` (chat id -> UI messages), where a real app would use its database."""
    app = FastAPI(title="ai_sdk chat example")
    chats: dict[str, list[dict[str, Any]]] = {}
    app.state.chats = chats

    @app.post("/api/chat")
    async def chat(request: Request) -> Response:
        body = await request.json()
        try:
            messages = validate_ui_messages(body.get("messages"), tools=TOOLS)
        except UIMessageValidationError as error:
            return JSONResponse({"detail": error.errors}, status_code=422)
        chat_id = str(body.get("id", ""))

        def save(event: UIMessageStreamFinish) -> None:
            chats[chat_id] = [message.to_dict() for message in event.messages]

        result = stream_text(
            model=model,
            system=SYSTEM,
            messages=convert_to_model_messages(messages),
            tools=TOOLS,
            stop_when=step_count_is(5),
        )
        return result.to_ui_message_stream_response(
            original_messages=messages,
            generate_message_id=generate_id,
            on_finish=save,
            on_error=error_text,
            send_sources=True,
        )

    app.mount("/", StaticFiles(directory=STATIC, html=True), name="static")
    return app


def main() -> None:
    """Serve the example on http://127.0.0.1:$PORT (default 8000)."""
    import uvicorn

    from ai_sdk.deepinfra import create_deepinfra

    emulator = None
    if os.environ.get("DEEPINFRA_API_KEY"):
        provider = create_deepinfra()
    else:
        from ai_sdk.testing import DeepInfraEmulator

        emulator = DeepInfraEmulator(chunk_delay=0.02).start()
        provider = create_deepinfra(base_url=emulator.base_url, api_key="emulator")
        print(f"No DEEPINFRA_API_KEY: answering from the DeepInfra emulator at {emulator.base_url}")
    try:
        app = create_app(provider(os.environ.get("MODEL", DEFAULT_MODEL)))
        uvicorn.run(app, host="127.0.0.1", port=int(os.environ.get("PORT", "8000")))
    finally:
        if emulator is not None:
            emulator.stop()


if __name__ == "__main__":
    main()

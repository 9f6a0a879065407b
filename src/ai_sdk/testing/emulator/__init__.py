"""A local server that speaks DeepInfra's HTTP API, so the real client code paths (HTTP, SSE, retries,
errors) run unchanged in tests, in CI and offline.

    from ai_sdk.testing import DeepInfraEmulator

    with DeepInfraEmulator() as emu:
        emu.chat.reply_text("Hello!")
        provider = create_deepinfra(base_url=emu.base_url, api_key="test-key")
        ...
        assert emu.requests[0].body["model"] == "meta-llama/Meta-Llama-3.1-70B-Instruct"

From a shell: ``ai-sdk-emulator --port 8080`` (or ``python -m ai_sdk.testing.emulator``). See
docs/emulator.md for the routes, the default behaviour, scripting and fault injection.
"""

from __future__ import annotations

from .multipart import FormPart
from .replies import Disconnect, ErrorReply, RawReply, Reply, Response, Route, ToolCallReply
from .script import ChatScript, RouteScript, TextScript
from .server import DeepInfraEmulator, RecordedRequest

__all__ = [
    "ChatScript",
    "DeepInfraEmulator",
    "Disconnect",
    "ErrorReply",
    "FormPart",
    "RawReply",
    "RecordedRequest",
    "Reply",
    "Response",
    "Route",
    "RouteScript",
    "TextScript",
    "ToolCallReply",
]

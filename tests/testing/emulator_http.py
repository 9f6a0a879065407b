"""Raw HTTP helpers for the emulator's own tests: a standard-library client, independent of ai_sdk's
HTTP layer, so the emulator is checked against the wire and not against the code it tests."""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass
from typing import Any

from ai_sdk.testing import DeepInfraEmulator

CHAT = "/v1/openai/chat/completions"
MODEL = "meta-llama/Meta-Llama-3.1-70B-Instruct"
KEY = "test-key"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def frames(self) -> list[str]:
        """The ``data:`` payloads of an SSE body."""
        events = self.body.decode().split("\n\n")
        assert events[-1] == "", "the stream must end with a blank line"
        payloads = []
        for event in events[:-1]:
            assert event.startswith("data: "), event
            payloads.append(event[len("data: ") :])
        return payloads

    def chunks(self) -> list[Any]:
        """The JSON chunks of an SSE body, checking that it ends with ``[DONE]``."""
        frames = self.frames()
        assert frames[-1] == "[DONE]"
        return [json.loads(frame) for frame in frames[:-1]]


def request(
    emu: DeepInfraEmulator,
    path: str,
    body: Any = None,
    *,
    method: str = "POST",
    key: str | None = KEY,
    headers: dict[str, str] | None = None,
    connection: http.client.HTTPConnection | None = None,
) -> Answer:
    """Send one request; ``body`` is a JSON value, or bytes sent as they are."""
    conn = connection or http.client.HTTPConnection("127.0.0.1", emu.port, timeout=10)
    all_headers = {"content-type": "application/json"}
    if key is not None:
        all_headers["authorization"] = f"Bearer {key}"
    all_headers.update(headers or {})
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    try:
        conn.request(method, path, data, all_headers)
        response = conn.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        if connection is None:
            conn.close()


def chat(emu: DeepInfraEmulator, prompt: str = "Hello", **fields: Any) -> Answer:
    body = {"model": MODEL, "messages": [{"role": "user", "content": prompt}], **fields}
    return request(emu, CHAT, body)

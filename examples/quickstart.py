"""Stream a reply from DeepInfra with ai_sdk, in a dozen lines.

    python examples/quickstart.py ["your prompt"]

With ``DEEPINFRA_API_KEY`` set, this streams from DeepInfra itself. Without it, it starts the DeepInfra
emulator bundled with ai_sdk on loopback and streams from that instead: the same client code, the same
HTTP and SSE, no account and no network needed.
"""

from __future__ import annotations

import asyncio
import os
import sys

from ai_sdk import stream_text
from ai_sdk.deepinfra import DeepInfraProvider, create_deepinfra, deepinfra
from ai_sdk.errors import AISDKError
from ai_sdk.testing import DeepInfraEmulator

MODEL = "meta-llama/Meta-Llama-3.1-70B-Instruct"
DEFAULT_PROMPT = "Write a haiku about the Python programming language."


async def stream_reply(provider: DeepInfraProvider, prompt: str) -> None:
    """Print the reply as it streams in, then its token count and price."""
    result = stream_text(model=provider(MODEL), prompt=prompt)
    async for delta in result.text_stream:
        print(delta, end="", flush=True)
    usage = await result.usage
    cost = f"${usage.cost:.6f}" if usage.cost is not None else "unknown cost"
    print(f"\n\n[{usage.total_tokens} tokens, {cost}]")


def main() -> int:
    prompt = " ".join(sys.argv[1:]) or DEFAULT_PROMPT
    if os.environ.get("DEEPINFRA_API_KEY"):
        print(f"Streaming from DeepInfra ({MODEL})...\n")
        try:
            asyncio.run(stream_reply(deepinfra, prompt))
        except AISDKError as error:
            print(f"\nDeepInfra call failed: {error.message}", file=sys.stderr)
            return 1
        return 0
    print(
        "DEEPINFRA_API_KEY is not set, so this runs offline against the DeepInfra emulator bundled with ai_sdk.\n"
        "For real answers, get a key at https://deepinfra.com/dash/api_keys and run:\n"
        "    export DEEPINFRA_API_KEY=<your key>\n"
    )
    # A small delay between chunks makes the emulator stream at a readable pace, like a real model.
    with DeepInfraEmulator(chunk_delay=0.03, validate=False) as emulator:
        print(f"Streaming from the emulator at {emulator.base_url} ({MODEL})...\n")
        asyncio.run(stream_reply(create_deepinfra(base_url=emulator.base_url, api_key="emulator-key"), prompt))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""An ops agent that asks before it acts: its one tool, ``restart_service``, needs a human's approval.

    python examples/approval_agent.py                 # asks "approve? [y/N]" on stdin
    python examples/approval_agent.py --approve       # or decide up front
    python examples/approval_agent.py --deny "not during business hours"

The flow is the AI SDK's tool approval: the first call ends with a tool-approval request instead of
running the tool; the answer goes back as a ``tool-approval-response`` part in a tool message, and
the second call runs the approved tool (or tells the model it was denied) and lets the model answer.
With ``DEEPINFRA_API_KEY`` set this talks to DeepInfra, otherwise to the bundled emulator on loopback.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ai_sdk import ToolApprovalResponsePart, ToolMessage, tool
from ai_sdk.deepinfra import DeepInfraProvider, create_deepinfra, deepinfra
from ai_sdk.sync import ToolLoopAgent
from ai_sdk.testing import DeepInfraEmulator

MODEL = "meta-llama/Meta-Llama-3.1-70B-Instruct"
PROMPT = "The prod-db service is stuck. Restart it with restart_service."


@tool(needs_approval=True)
def restart_service(service: str) -> dict[str, Any]:
    """Restart a service in production.

    Args:
        service: The service name, e.g. "prod-db".
    """
    return {"service": service, "status": "restarted"}


def decide(request_text: str, flags: argparse.Namespace) -> tuple[bool, str | None]:
    """The human's answer: from the flags, else from stdin."""
    if flags.approve:
        return True, None
    if flags.deny is not None:
        return False, flags.deny or None
    print(f"{request_text} Approve? [y/N] ", end="", flush=True)
    answer = sys.stdin.readline().strip().lower()
    return answer in ("y", "yes"), None if answer in ("y", "yes") else "the operator said no"


def run(provider: DeepInfraProvider, flags: argparse.Namespace) -> None:
    agent = ToolLoopAgent(
        model=provider(MODEL),
        instructions="You are an ops assistant. Use your tools; never guess their results.",
        tools=[restart_service],
    )
    history: list[Any] = [{"role": "user", "content": PROMPT}]
    first = agent.generate(messages=history)
    history += first.response.messages
    requests = first.steps[-1].tool_approval_requests
    if not requests:
        print(first.text)
        return
    answers = []
    for request in requests:
        call = request.tool_call
        approved, reason = decide(f"The agent wants to run {call.tool_name}({call.input}).", flags)
        print("approved" if approved else f"denied ({reason})")
        answers.append(ToolApprovalResponsePart(request.approval_id, approved, reason))
    history.append(ToolMessage(answers))
    second = agent.generate(messages=history)
    for message in second.response.messages:
        if message.role == "tool":
            for part in message.content:
                output = getattr(part, "output", None)
                if output is not None:
                    print(f"tool result ({output.type}): {output.value}")
    print(f"agent: {second.text}")
    cost = (first.total_usage + second.total_usage).cost
    print(f"[{len(first.steps) + len(second.steps)} steps, cost ${cost or 0:.6f}]")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--approve", action="store_true", help="approve the tool call without asking")
    group.add_argument("--deny", nargs="?", const="", metavar="REASON", help="deny the tool call, with a reason")
    flags = parser.parse_args()
    if os.environ.get("DEEPINFRA_API_KEY"):
        run(deepinfra, flags)
        return 0
    print("DEEPINFRA_API_KEY is not set: running against the bundled DeepInfra emulator.")
    with DeepInfraEmulator(validate=False) as emulator:
        # the emulator would call the tool with placeholder input; script the call a real model makes
        emulator.chat.reply_tool_calls([{"name": "restart_service", "arguments": {"service": "prod-db"}}])
        run(create_deepinfra(base_url=emulator.base_url, api_key="emulator-key"), flags)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

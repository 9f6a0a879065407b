"""``ai-sdk chat``: a streaming REPL that keeps the conversation (each turn sees the ones before).

Lines starting with ``/`` are commands: ``/reset`` forgets the conversation, ``/exit`` (or end of
input) leaves. A turn that fails is an error line on stderr; the conversation goes on without it
(and the exit code is 1).
With a terminal, line editing and input history come from ``readline`` when Python has it.
"""

from __future__ import annotations

import contextlib
from typing import Any

from .context import Context

__all__ = ["chat"]

HELP = "Type a message; /reset forgets the conversation, /exit leaves."


def chat(context: Context) -> int:
    """Run the REPL until ``/exit`` or end of input; 1 when a turn failed (for scripts), else 0."""
    from ..spec.errors import AISDKError
    from ..sync import stream_text

    interactive = context.stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401 (imported for its side effect: line editing and history)
    args = context.args
    model = context.provider(context.model_id("chat"))
    history: list[Any] = []
    failed = False
    context.note(f"Chatting with {model.model_id}. {HELP}")
    while True:
        if interactive:
            context.stdout.write("you> ")
            context.stdout.flush()
        line = context.stdin.readline()
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        if text in ("/exit", "/quit"):
            break
        if text == "/reset":
            history.clear()
            context.note("(conversation forgotten)")
            continue
        if text.startswith("/"):
            context.note(f"unknown command {text!r}. {HELP}")
            continue
        turn = len(history)
        history.append({"role": "user", "content": text})
        try:
            with stream_text(model=model, system=args.system, messages=history) as result:
                for delta in result.text_stream:
                    context.stdout.write(delta)
                    context.stdout.flush()
                context.stdout.write("\n")
                context.stdout.flush()
                history.extend(result.response.messages)
        except AISDKError as error:  # one failed turn (a refusal, a dropped connection) ends only that turn
            del history[turn:]
            context.note(f"error: {error.message}")
            failed = True
    return 1 if failed else 0

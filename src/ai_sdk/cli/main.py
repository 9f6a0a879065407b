"""``ai-sdk``: parse the command line, run the command, turn errors into a message and an exit code.

Exit codes: 0 success; 1 an error (its message on stderr, no traceback; a file that cannot be read or
written included) or, for ``batch``, rows that failed or a budget that stopped the job; 2 a usage
error (argparse's); 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from .._version import __version__
from .context import DEFAULT_MODELS, Context

__all__ = ["main", "parser"]


def _common(model_help: str = "model id (each command has a default)") -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--base-url",
        help="API base URL (default: $DEEPINFRA_BASE_URL, else https://api.deepinfra.com/v1); "
        "e.g. the emulator's http://127.0.0.1:8000/v1",
    )
    common.add_argument("--api-key", help="API key (default: $DEEPINFRA_API_KEY)")
    common.add_argument("-m", "--model", help=model_help)
    return common


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be > 0, got {value}")
    return value


def parser() -> argparse.ArgumentParser:
    """The argument parser of ``ai-sdk`` (every command and option, with help)."""
    common = _common()
    root = argparse.ArgumentParser(
        prog="ai-sdk",
        description="DeepInfra from the command line: chat, one-shot prompts, models, images, embeddings and "
        "bulk jobs. Point --base-url (or DEEPINFRA_BASE_URL) at `ai-sdk emulator` to work offline.",
    )
    root.add_argument("--version", action="version", version=f"ai-sdk {__version__}")
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    chat = commands.add_parser(
        "chat",
        parents=[common],
        help="a streaming chat REPL that keeps the conversation",
        description=f"Chat in the terminal (default model {DEFAULT_MODELS['chat']}); /reset, /exit.",
    )
    chat.add_argument("--system", help="a system prompt for the whole conversation")

    run = commands.add_parser(
        "run",
        parents=[common],
        help="one prompt (argument or stdin), reply streamed to stdout",
        description=f"Send one prompt (default model {DEFAULT_MODELS['chat']}) and stream the reply.",
    )
    run.add_argument("prompt", nargs="?", help="the prompt; omit it or pass - to read standard input")
    run.add_argument("--system", help="a system prompt")
    run.add_argument("--max-output-tokens", type=_positive_int, help="cap the reply's length in tokens")
    run.add_argument("--temperature", type=float, help="sampling temperature")
    run.add_argument("--usage", action="store_true", help="print tokens and cost on stderr")

    models = commands.add_parser("models", parents=[common], help="list DeepInfra's models with their prices")
    models.add_argument("--json", action="store_true", help="one JSON object per line")

    image = commands.add_parser(
        "image",
        parents=[common],
        help="generate images from a prompt",
        description=f"Generate images (default model {DEFAULT_MODELS['image']}) and save them as PNG files.",
    )
    image.add_argument("prompt", nargs="?", help="the prompt; omit it or pass - to read standard input")
    image.add_argument("-o", "--output", default="image.png", help="file to write (default: %(default)s)")
    image.add_argument("-n", type=_positive_int, default=1, help="how many images (default: %(default)s)")
    image.add_argument("--size", help="WIDTHxHEIGHT, e.g. 1024x768")
    image.add_argument("--seed", type=int, help="seed, for the same picture again")

    embed = commands.add_parser(
        "embed",
        parents=[common],
        help="embed texts: one JSON line with the vector per text",
        description=f"Embed texts (default model {DEFAULT_MODELS['embed']}).",
    )
    embed.add_argument("texts", nargs="*", help="texts to embed; without any, each line of standard input")

    batch = commands.add_parser(
        "batch",
        parents=[_common("model id (no default: name the job's chat or embedding model)")],
        help="run a bulk job over a JSONL file of rows",
        description="Run generate_text (or, with --schema, generate_object; with --embed, embeddings) over "
        'every row of INPUT ({"id": ..., "prompt": ...} or {"id": ..., "messages": [...]} plus optional '
        "per-row settings), writing one result line per row to OUTPUT.",
    )
    batch.add_argument("input", metavar="INPUT.jsonl", help="the rows; - reads standard input")
    batch.add_argument(
        "-o", "--output", required=True, metavar="OUTPUT.jsonl", help="results file (the job's checkpoint: not -)"
    )
    batch.add_argument("--schema", help="a JSON Schema (inline JSON or a file): each row's output is an object")
    batch.add_argument("--embed", action="store_true", help='embed each row\'s "value" instead of generating')
    batch.add_argument(
        "--concurrency",
        type=_positive_int,
        help="requests in flight at most (default: the account's cap per model, from DeepInfra's /me/rate_limit)",
    )
    batch.add_argument("--budget", type=_positive_float, metavar="USD", help="stop starting rows at this cost")
    batch.add_argument(
        "--mode",
        choices=["realtime", "batch-api"],
        default="realtime",
        help="realtime calls, or DeepInfra's Batch API (20%% cheaper, within 24 h) (default: %(default)s)",
    )
    batch.add_argument("--resume", action="store_true", help="continue the job that wrote OUTPUT")
    batch.add_argument("--max-retries", type=int, default=2, help="retries per row (default: %(default)s)")
    batch.add_argument(
        "--poll-interval", type=_positive_float, default=10.0, help="batch-api: seconds between status checks"
    )
    batch.add_argument("-q", "--quiet", action="store_true", help="no progress display")

    commands.add_parser(
        "emulator", add_help=False, help="run the DeepInfra emulator (ai-sdk emulator --help for its options)"
    )
    return root


def _command(name: str) -> Callable[[Context], int]:
    if name == "chat":
        from .chat import chat

        return chat
    if name == "batch":
        from .batch import batch

        return batch
    from . import oneshot

    return {"run": oneshot.run, "models": oneshot.models, "image": oneshot.image, "embed": oneshot.embed}[name]


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ai-sdk`` with ``argv`` (default: the process's arguments); returns the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["emulator"]:
        from .emulator import emulator

        return emulator(arguments[1:])
    args = parser().parse_args(arguments)
    context = Context(args)
    from ..spec.errors import AISDKError

    try:
        return _command(args.command)(context)
    except AISDKError as error:
        context.note(f"error: {error.message}")
        return 1
    except KeyboardInterrupt:
        context.note("interrupted")
        return 130
    except BrokenPipeError:  # the reader of our output went away (e.g. `| head`): stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the final flush cannot fail
        return 0
    except OSError as error:  # an input that cannot be read, an output on a full disk: the system says why
        context.note(f"error: {error}")
        return 1

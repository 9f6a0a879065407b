"""``ai-sdk-emulator`` / ``python -m ai_sdk.testing.emulator``: run the DeepInfra emulator until Ctrl-C.

Point any DeepInfra or OpenAI-compatible client at the printed base URL, with any non-empty key.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import threading
from collections.abc import Sequence

from .server import DEFAULT_TPM_RATE_LIMIT, DeepInfraEmulator

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ai-sdk-emulator",
        description="Serve DeepInfra's API locally (chat, streaming, tools, embeddings, images) for tests and "
        "offline work.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default: %(default)s)")
    parser.add_argument(
        "--port", type=int, default=8000, help="port to bind, 0 for any free one (default: %(default)s)"
    )
    parser.add_argument("--api-key", help="accept only this bearer key (default: any non-empty key)")
    parser.add_argument(
        "--chunk-delay", type=float, default=0.0, help="seconds between stream chunks (default: %(default)s)"
    )
    parser.add_argument(
        "--max-concurrency",
        type=int,
        metavar="N",
        help="answer 429 'Model busy' above N requests in flight per model, as DeepInfra does (default: no cap)",
    )
    parser.add_argument(
        "--rate-limit",
        type=int,
        metavar="N",
        help="the rate_limit GET /v1/me/rate_limit reports (default: --max-concurrency, else 200)",
    )
    parser.add_argument(
        "--tpm-rate-limit",
        type=int,
        default=DEFAULT_TPM_RATE_LIMIT,
        metavar="N",
        help="the tpm_rate_limit GET /v1/me/rate_limit reports (default: %(default)s)",
    )
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before every answer (default: %(default)s)")
    parser.add_argument("--no-validate", action="store_true", help="do not check request bodies against the schema")
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the emulator in the foreground until Ctrl-C; returns the exit status."""
    args = _parser().parse_args(argv)
    if not args.no_validate and importlib.util.find_spec("jsonschema") is None:
        # the emulator's own error advises validate=False, which is --no-validate here
        print(
            "error: checking requests against DeepInfra's schema needs jsonschema: "
            "pip install 'ai-sdk[testing]', or run with --no-validate",
            file=sys.stderr,
        )
        return 2
    emulator = DeepInfraEmulator(
        host=args.host,
        port=args.port,
        api_key=args.api_key,
        validate=not args.no_validate,
        chunk_delay=args.chunk_delay,
        verbose=not args.quiet,
        max_concurrency=args.max_concurrency,
        latency=args.latency,
        rate_limit=args.rate_limit,
        tpm_rate_limit=args.tpm_rate_limit,
    )
    try:
        emulator.start()  # here, so that a port already taken is a message (the with below finds it running)
    except OSError as error:  # the port is taken, the host is not this machine's: say so, without a traceback
        print(f"error: cannot serve on {args.host}:{args.port}: {error.strerror or error}", file=sys.stderr)
        return 1
    with emulator:
        # Ctrl-C may arrive while the banner is still being written (a client can connect as soon as the first
        # line is out), so the whole foreground part is inside the handler.
        try:
            print(f"DeepInfra emulator listening on {emulator.base_url}", flush=True)
            print(
                f"  create_deepinfra(base_url={emulator.base_url!r}, api_key='any-key')\n"
                f"  OpenAI-compatible clients: base_url={emulator.base_url + '/openai'!r}\n"
                "Press Ctrl-C to stop.",
                flush=True,
            )
            threading.Event().wait()
        except KeyboardInterrupt:
            print("\nstopped", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What every command shares: the provider (key and base URL from options or the environment), the
output streams, and the default models."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from typing import IO, Any

__all__ = ["DEFAULT_MODELS", "Context"]

DEFAULT_MODELS = {
    "chat": "meta-llama/Meta-Llama-3.1-8B-Instruct",
    "embed": "BAAI/bge-base-en-v1.5",
    "image": "black-forest-labs/FLUX-1-schnell",
}
"""The model each kind of command uses without ``--model``."""


@dataclass(slots=True)
class Context:
    """The parsed arguments and where to write; ``provider`` is built on first use."""

    args: argparse.Namespace
    stdin: IO[str] = field(default_factory=lambda: sys.stdin)
    stdout: IO[str] = field(default_factory=lambda: sys.stdout)
    stderr: IO[str] = field(default_factory=lambda: sys.stderr)
    _provider: Any = None

    @property
    def provider(self) -> Any:
        """The DeepInfra provider for ``--base-url`` (or ``DEEPINFRA_BASE_URL``) and ``--api-key``
        (or ``DEEPINFRA_API_KEY``, read at request time, never printed)."""
        if self._provider is None:
            from ..deepinfra import create_deepinfra

            options: dict[str, Any] = {}
            base_url = self.args.base_url or os.environ.get("DEEPINFRA_BASE_URL")
            if base_url:
                options["base_url"] = base_url
            if self.args.api_key:
                options["api_key"] = self.args.api_key
            self._provider = create_deepinfra(**options)
        return self._provider

    def model_id(self, kind: str) -> str:
        """``--model``, or the default model of this kind of command."""
        return str(self.args.model or DEFAULT_MODELS[kind])

    def note(self, text: str) -> None:
        """A status line on stderr (so stdout stays the command's data)."""
        print(text, file=self.stderr, flush=True)

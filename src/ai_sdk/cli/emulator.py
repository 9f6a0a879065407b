"""``ai-sdk emulator``: the DeepInfra emulator's own command (``ai-sdk-emulator``) under ``ai-sdk``.

The only module of the library that reaches into :mod:`ai_sdk.testing`, and only when the command runs.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["emulator"]


def emulator(argv: Sequence[str]) -> int:
    """Run the emulator with ``argv`` (its own options: ``--port``, ``--max-concurrency``, ...)."""
    from ..testing.emulator.__main__ import main

    return main(argv)

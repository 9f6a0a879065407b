"""``python -m ai_sdk.cli``: the same as the ``ai-sdk`` command."""

from __future__ import annotations

from .main import main

if __name__ == "__main__":
    raise SystemExit(main())

"""The ``ai_sdk`` loggers: standard :mod:`logging`, silent until the application configures logging.

Every logger of the library is a child of ``ai_sdk`` (``ai_sdk.retry``, ``ai_sdk.http``,
``ai_sdk.tools``), so ``logging.getLogger("ai_sdk").setLevel(logging.DEBUG)`` shows them all. The
``ai_sdk`` logger gets a ``NullHandler``, as the logging HOWTO asks of libraries: without it, Python's
last-resort handler would print the library's warnings to stderr of programs that never asked for logs.
"""

from __future__ import annotations

import logging

__all__ = ["get_logger"]

logging.getLogger("ai_sdk").addHandler(logging.NullHandler())


def get_logger(name: str) -> logging.Logger:
    """The ``ai_sdk.<name>`` logger."""
    return logging.getLogger(f"ai_sdk.{name}")

"""Loading the API key: from the explicit argument, else from the environment, at request time.

Loading lazily lets a provider be created at import time (``ai_sdk.deepinfra.deepinfra``) before the
environment is set up, and the error names both ways to fix a missing key.
"""

from __future__ import annotations

import os

from ..spec.errors import LoadAPIKeyError

__all__ = ["load_api_key"]


def load_api_key(api_key: str | None, *, env_var: str, description: str) -> str:
    """Return the API key to send, or raise :class:`LoadAPIKeyError` saying how to provide one.

    Surrounding whitespace is stripped (a key read from a file often ends with a newline, which HTTP
    clients reject with an error that would quote the key). The key itself never appears in a message.
    """
    if api_key is not None:
        if not isinstance(api_key, str):
            raise LoadAPIKeyError(
                f"{description} API key must be a string, got {type(api_key).__name__}. "
                f"Pass it using the 'api_key' parameter or set the {env_var} environment variable."
            )
        source = "The 'api_key' parameter"
        key = api_key.strip()
    else:
        value = os.environ.get(env_var)
        if value is None:
            raise LoadAPIKeyError(
                f"{description} API key is missing. "
                f"Pass it using the 'api_key' parameter or set the {env_var} environment variable."
            )
        source = f"The {env_var} environment variable"
        key = value.strip()
    if not key:
        raise LoadAPIKeyError(
            f"{source} holds an empty {description} API key. "
            f"Pass a key using the 'api_key' parameter or set the {env_var} environment variable."
        )
    if not key.isprintable() or not key.isascii():
        raise LoadAPIKeyError(
            f"{source} holds a {description} API key with characters not allowed in an HTTP header "
            "(control characters, line breaks or non-ASCII). Check for copy-paste damage."
        )
    return key

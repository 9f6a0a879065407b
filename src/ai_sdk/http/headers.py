"""Header helpers shared by every provider.

Headers are lower-cased once, here, when a provider or a call assembles them; transports then pass
the dict through untouched, so no layer normalises the same headers twice.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..spec.errors import InvalidArgumentError

__all__ = ["check_headers", "combine_headers", "with_user_agent_suffix"]


def check_headers(value: object, *, argument: str = "headers") -> Mapping[str, str | None] | None:
    """Headers must map names to string values (``None`` removes a header): the same rule for a
    provider's headers as for a call's, checked when they are given rather than at the first request."""
    if value is None:
        return None
    if not isinstance(value, Mapping) or not all(
        isinstance(key, str) and (item is None or isinstance(item, str)) for key, item in value.items()
    ):
        shown = type(value).__name__ if not isinstance(value, Mapping) else "a mapping with non-string names or values"
        raise InvalidArgumentError(
            f"must map header names to string values, such as {{'x-team': 'search'}}; got {shown}",
            argument=argument,
        )
    return value


def combine_headers(*maps: Mapping[str, str | None] | None) -> dict[str, str]:
    """Merge header maps into one dict with lower-case keys.

    Later maps win, so per-call headers override provider headers; a ``None`` value removes the key,
    which lets a caller drop a header a provider would otherwise send.
    """
    combined: dict[str, str] = {}
    for headers in maps:
        if not headers:
            continue
        for key, value in headers.items():
            name = key.lower()
            if value is None:
                combined.pop(name, None)
            else:
                combined[name] = value
    return combined


def with_user_agent_suffix(headers: dict[str, str], *parts: str) -> dict[str, str]:
    """Return a copy of ``headers`` (lower-case keys, as :func:`combine_headers` makes them) whose
    ``user-agent`` ends with ``parts``, so the server can tell which library and version called it
    while a user-agent the user set is kept in front."""
    result = dict(headers)
    pieces = [piece for piece in (result.get("user-agent"), *parts) if piece]
    if pieces:
        result["user-agent"] = " ".join(pieces)
    return result

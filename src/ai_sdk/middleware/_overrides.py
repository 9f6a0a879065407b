"""Which hooks a middleware subclass defines, so a hook defined for only one API is never skipped
silently when the other API runs.

A middleware hook comes in an async form (``wrap_generate``) and a blocking form
(``wrap_generate_sync``). A subclass that defines only one of them would otherwise fall back to the
pass-through default in the other API and lose its behaviour without a word; instead, calling the
model through that API raises :class:`~ai_sdk.errors.UnsupportedFunctionalityError`.
"""

from __future__ import annotations

from ..spec.errors import UnsupportedFunctionalityError

__all__ = ["missing_twins", "raise_missing"]


def _defines(cls: type, base: type, name: str) -> bool:
    return getattr(cls, name, None) is not getattr(base, name)


def missing_twins(
    middleware: object, base: type, hooks: tuple[str, ...], *, sync_defaults: tuple[str, ...] = ()
) -> frozenset[str]:
    """The hook names (async ``h`` or blocking ``h_sync``) whose twin the subclass defines but which
    it leaves at the pass-through default (see :func:`_missing`); computed once per class."""
    key = (type(middleware), base, hooks, sync_defaults)
    missing = _cache.get(key)
    if missing is None:
        missing = _cache[key] = _missing(*key)
    return missing


_cache: dict[tuple[type, type, tuple[str, ...], tuple[str, ...]], frozenset[str]] = {}


def _missing(cls: type, base: type, hooks: tuple[str, ...], sync_defaults: tuple[str, ...]) -> frozenset[str]:
    """The hook names (async ``h`` or blocking ``h_sync``) whose twin the subclass defines but which
    it leaves at the pass-through default. Hooks in ``sync_defaults`` have an async default that
    calls the blocking form, so only a missing blocking form counts for them."""
    defaults = set(sync_defaults)
    missing: set[str] = set()
    for hook in hooks:
        has_async = _defines(cls, base, hook)
        has_sync = _defines(cls, base, f"{hook}_sync")
        if has_async and not has_sync:
            missing.add(f"{hook}_sync")
        elif has_sync and not has_async and hook not in defaults:
            missing.add(hook)
    return frozenset(missing)


def raise_missing(middleware: object, hook: str) -> None:
    """Explain that ``hook`` is needed for this API and what to define."""
    twin = hook.removesuffix("_sync") if hook.endswith("_sync") else f"{hook}_sync"
    api = "the blocking API (ai_sdk.sync)" if hook.endswith("_sync") else "the async API (ai_sdk)"
    raise UnsupportedFunctionalityError(
        f"{type(middleware).__name__}.{hook}",
        f"{type(middleware).__name__} defines {twin} but not {hook}, so it cannot run in {api}; "
        f"define {hook} too (or use the API it supports)",
    )

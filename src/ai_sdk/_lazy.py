"""Lazy attribute loading for package ``__init__`` modules.

``import ai_sdk`` must stay cheap (the HTTP clients and pydantic cost tens of milliseconds each), so
public names are resolved from their modules on first access (PEP 562). ``dir()``, ``help()`` and
tab completion (IPython, Jupyter) list a module's names through ``__dir__``, which must therefore name
the lazy ones too.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["lazy_dir", "lazy_getattr"]


def lazy_getattr(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """Return a module ``__getattr__`` that imports ``exports[name]`` (a module path, relative to
    ``package`` when it starts with a dot; ``module:attr`` renames) on first access."""

    def __getattr__(name: str) -> Any:
        target = exports.get(name)
        if target is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module_name, _, attr = target.partition(":")
        module = importlib.import_module(module_name, package)
        value = getattr(module, attr or name)
        return value

    return __getattr__


def lazy_dir(namespace: Mapping[str, Any], exports: Iterable[str]) -> Callable[[], list[str]]:
    """Return a module ``__dir__`` listing the names already in ``namespace`` (the module's globals)
    and the lazily exported ones."""

    def __dir__() -> list[str]:
        return sorted({*namespace, *exports})

    return __dir__

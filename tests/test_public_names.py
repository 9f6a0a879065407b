"""Every public name is listed by ``dir()`` (so ``help()`` and IPython / Jupyter tab completion show
it, lazy or not) and importable from the package that exports it, without ``dir()`` importing the
modules behind the lazy names."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import pytest

import ai_sdk

PACKAGES = [
    "ai_sdk",
    *sorted(
        f"ai_sdk.{info.name}"
        for info in pkgutil.iter_modules(ai_sdk.__path__)
        if not info.name.startswith("_") and hasattr(importlib.import_module(f"ai_sdk.{info.name}"), "__all__")
    ),
]
"""ai_sdk and every public module of it that declares ``__all__`` (the optional extras' packages too: the
test suite installs them), found rather than listed, so a new package is covered."""


@pytest.mark.parametrize("package", PACKAGES)
def test_dir_lists_every_public_name_and_each_resolves(package: str) -> None:
    module = importlib.import_module(package)
    listed = dir(module)
    missing = [name for name in module.__all__ if name not in listed]
    assert not missing, f"dir({package}) misses {missing}"
    for name in module.__all__:
        assert getattr(module, name) is not None or name == "__version__"


def test_dir_does_not_load_the_lazy_modules() -> None:
    code = (
        "import sys, ai_sdk, ai_sdk.sync; names = dir(ai_sdk) + dir(ai_sdk.sync); "
        "assert 'generate_text' in names and 'StreamTextResult' in names; "
        "print(sorted(m for m in sys.modules if m.startswith('ai_sdk.core')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


@pytest.mark.parametrize("package", PACKAGES)
def test_no_public_name_is_shadowed_by_a_submodule(package: str) -> None:
    """Importing ``package.x`` sets the attribute ``x`` of the package to that submodule, so a public name
    ``x`` that is also a submodule's name turns into the module (``from ai_sdk.registry import
    custom_provider`` gave a module, not the function, and the reference page lost the function)."""
    module = importlib.import_module(package)
    submodules = {info.name for info in pkgutil.iter_modules(getattr(module, "__path__", []))}
    assert not submodules & set(module.__all__), f"rename these submodules of {package}"


def test_importing_a_public_name_gives_the_name_not_a_module() -> None:
    code = (
        "from ai_sdk.registry import CustomProvider, custom_provider; "
        "from ai_sdk.registry import custom_provider as again; print(callable(custom_provider), callable(again))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.split() == ["True", "True"]

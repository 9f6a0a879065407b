"""Every public name is listed by ``dir()`` (so ``help()`` and IPython / Jupyter tab completion show
it, lazy or not) and importable from the package that exports it, without ``dir()`` importing the
modules behind the lazy names."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

PACKAGES = ["ai_sdk", "ai_sdk.sync", "ai_sdk.spec", "ai_sdk.errors", "ai_sdk.testing", "ai_sdk.deepinfra"]


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

"""What a new user installs: one clearly named extra for testing with ai_sdk, one for developing it, and
examples that run with exactly the install the README states."""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
EXTRAS: dict[str, list[str]] = PYPROJECT["project"]["optional-dependencies"]


def _distribution(requirement: str) -> str:
    name = requirement
    for stop in "<>=!~[; ":
        name = name.split(stop, 1)[0]
    return name.strip().lower().replace("_", "-")


def test_one_extra_for_testing_with_ai_sdk_and_one_for_developing_it() -> None:
    assert [name for name in EXTRAS if "test" in name] == ["testing"]
    assert "dev" in EXTRAS
    assert "ai-sdk[testing]" in EXTRAS["dev"]
    assert "-e '.[dev]'" in (ROOT / "scripts" / "test").read_text()


def test_every_optional_extra_is_installed_by_the_dev_extra() -> None:
    """The test suite covers every integration, so `dev` must pull in every user-facing extra."""
    dev_extras = {
        extra.strip()
        for requirement in EXTRAS["dev"]
        if requirement.startswith("ai-sdk[")
        for extra in requirement.removeprefix("ai-sdk[").removesuffix("]").split(",")
    }
    assert set(EXTRAS) - {"dev", "bench"} <= dev_extras


def _imported_distributions(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return {name for name in names if name not in sys.stdlib_module_names}


def test_examples_need_only_the_stated_install() -> None:
    """The README's command installs `ai-sdk[testing]`: the examples may import nothing else."""
    allowed = {"ai_sdk"} | {_distribution(r) for r in PYPROJECT["project"]["dependencies"] + EXTRAS["testing"]}
    examples = sorted((ROOT / "examples").glob("*.py"))
    assert examples
    for example in examples:
        extra = _imported_distributions(example) - allowed
        assert not extra, f"{example.name} imports {sorted(extra)}, beyond `pip install ai-sdk[testing]`"


def test_the_version_is_the_same_everywhere() -> None:
    """pyproject.toml's version (the wheel's) and ``ai_sdk.__version__`` (``ai-sdk --version``, the User-Agent
    header) are written in two places; they must not drift apart."""
    import ai_sdk

    assert PYPROJECT["project"]["version"] == ai_sdk.__version__

"""The layering rules, checked on the source: one-way imports
spec <- http <- openai_compatible <- deepinfra, a core that sees only the spec, and a cheap import."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import ai_sdk

PACKAGE = Path(ai_sdk.__file__).parent

# Which ai_sdk subpackages each layer may import (besides itself and the leaf helpers).
ALLOWED = {
    "spec": set(),
    "http": {"spec"},
    "openai_compatible": {"spec", "http"},
    "deepinfra": {"spec", "http", "openai_compatible"},
    # The core's stream results delegate their UI message stream methods to ai_sdk.ui, importing it only
    # inside those methods (checked below); the UI layer itself sees only the spec.
    "core": {"spec", "ui"},
    "ui": {"spec"},
    "bulk": {"spec", "core", "deepinfra"},  # deepinfra: only the Batch API mode (see below)
    "middleware": {"spec"},
    "registry": {"spec", "middleware"},
    "mcp": {"spec", "core"},
    "ray": {"spec", "core", "deepinfra"},
    "telemetry": {"spec", "core", "middleware"},
    # The command line is an application on top of the public API; only `ai-sdk emulator` sees testing.
    "cli": {"spec", "sync", "bulk", "deepinfra", "testing"},
}
COMMAND_OF_THE_EMULATOR = Path("cli/emulator.py")
"""The one library module allowed to import ai_sdk.testing: ``ai-sdk emulator`` runs the emulator."""
LEAVES = {"_lazy", "_version"}


def _imported_layers(path: Path) -> set[str]:
    """The top-level ai_sdk subpackages a module imports (absolute or relative)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    found = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(parts[: len(parts) - node.level])
                module = [*base, *(node.module.split(".") if node.module else [])]
                # "from .. import x" at the package root names subpackages in the imported names.
                names = ["ai_sdk." + ".".join(module)] if module else [f"ai_sdk.{a.name}" for a in node.names]
            elif node.module:
                names = [node.module]
        for name in names:
            if name.startswith("ai_sdk."):
                found.add(name.split(".")[1])
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        extra = _imported_layers(path) - ALLOWED[layer] - {layer} - LEAVES
        if extra:
            offenders.append(f"{path.relative_to(PACKAGE)} imports {sorted(extra)}")
    assert offenders == []


def test_only_the_batch_api_mode_of_bulk_knows_the_provider() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in sorted((PACKAGE / "bulk").rglob("*.py"))
        if "deepinfra" in _imported_layers(path) and path.name != "batch_api.py"
    ]
    assert offenders == []


def test_importing_the_ray_integration_does_not_import_ray() -> None:
    code = "import sys, ai_sdk.ray; print('ray' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "False"


def test_nothing_in_the_library_imports_the_testing_package() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "testing" not in path.relative_to(PACKAGE).parts[:1]
        and path.relative_to(PACKAGE) != COMMAND_OF_THE_EMULATOR
        and "testing" in _imported_layers(path)
    ]
    assert offenders == []


def test_the_cli_reaches_the_testing_package_only_through_the_emulator_command() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in sorted((PACKAGE / "cli").rglob("*.py"))
        if "testing" in _imported_layers(path) and path.relative_to(PACKAGE) != COMMAND_OF_THE_EMULATOR
    ]
    assert offenders == []
    code = "import sys, ai_sdk.cli.main; print(any(m.startswith('ai_sdk.testing') for m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "False"


def test_import_is_cheap_no_http_client_or_pydantic_loaded() -> None:
    code = (
        "import sys, ai_sdk, ai_sdk.deepinfra, ai_sdk.sync\n"
        "ai_sdk.deepinfra.deepinfra('meta-llama/Meta-Llama-3.1-8B-Instruct')\n"
        "heavy = sorted(m for m in ('aiohttp', 'urllib3', 'httpx', 'pydantic', 'asyncio') if m in sys.modules)\n"
        "print(','.join(heavy))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == ""


def test_the_ui_layer_loads_pydantic_and_starlette_only_when_used() -> None:
    code = (
        "import sys, ai_sdk.ui, ai_sdk.errors\n"
        "ai_sdk.ui.TextDeltaChunk, ai_sdk.ui.UIMessageChunker, ai_sdk.ui.encode_sse_frame\n"
        "print(','.join(sorted(m for m in ('pydantic', 'starlette', 'asyncio') if m in sys.modules)))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == ""


def _module_level_imports(tree: ast.Module) -> list[ast.stmt]:
    """Import statements that run when the module is imported (not in functions or TYPE_CHECKING blocks)."""
    found: list[ast.stmt] = []

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, ast.Import | ast.ImportFrom):
                found.append(node)
            elif isinstance(node, ast.If) and not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)

    visit(tree.body)
    return found


def test_the_core_imports_the_ui_layer_only_inside_functions() -> None:
    offenders = []
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        for node in _module_level_imports(ast.parse(path.read_text(encoding="utf-8"))):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            names = [module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            if any(name == "ui" or name.startswith(("ui.", "ai_sdk.ui")) for name in names):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []

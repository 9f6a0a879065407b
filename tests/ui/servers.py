"""Running the example chat app (examples/ui_chat) on loopback for the reference-client and browser tests,
and building what they need from npm (installed by scripts/test; here only checked and built)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ui_chat"
JS_TESTS = Path(__file__).resolve().parent / "js"
ARTIFACTS = ROOT / "artifacts" / "ui"


def need(condition: bool, what: str) -> None:
    """Fail in CI (which installs everything), skip elsewhere, when a tool the test drives is missing."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing in CI: scripts/test installs it")
    pytest.skip(f"{what} is not installed (bash scripts/test installs it)")


def node_modules(project: Path) -> Path:
    modules = project / "node_modules"
    need(shutil.which("node") is not None, "node")
    need(modules.is_dir(), f"{project.relative_to(ROOT)}/node_modules (npm ci)")
    return modules


def build_example_bundle() -> Path:
    """examples/ui_chat/static/app.js, rebuilt from src/app.jsx with the example's own esbuild."""
    node_modules(EXAMPLE)
    bundle = EXAMPLE / "static" / "app.js"
    source = EXAMPLE / "src" / "app.jsx"
    if not bundle.exists() or bundle.stat().st_mtime < source.stat().st_mtime:
        subprocess.run(["npm", "run", "--silent", "build"], cwd=EXAMPLE, check=True, timeout=120)
    return bundle


def load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ui_chat_example", EXAMPLE / "app.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Run an ASGI app with uvicorn in a thread on a free loopback port; yields its base URL."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(500):
            if server.started:
                break
            thread.join(0.01)
        assert server.started, "uvicorn did not start"
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)

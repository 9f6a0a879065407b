"""docs/cli.md tells the truth: each of its ```bash blocks runs, in order and in one working directory
(as a reader would type them), with the installed ``ai-sdk`` against the emulator, and succeeds. A block
marked ``<!-- cli-test: skip: <reason> -->`` on the line before its fence is skipped (``docs-test``
markers belong to the ```python blocks, which tests/test_docs.py runs)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ai_sdk.testing import DeepInfraEmulator

PAGE = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
_MARKER = re.compile(r"<!--\s*cli-test:\s*skip:\s*(?P<reason>.*?)\s*-->")


def bash_blocks() -> list[tuple[int, str, str | None]]:
    """``(line of the fence, source, skip reason)`` of every ```bash block."""
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    blocks, index = [], 0
    while index < len(lines):
        if lines[index].strip() == "```bash":
            start = index
            end = next(number for number in range(start + 1, len(lines)) if lines[number].strip() == "```")
            marker = _MARKER.search(lines[start - 1]) if start else None
            blocks.append((start + 1, "\n".join(lines[start + 1 : end]), marker["reason"] if marker else None))
            index = end
        index += 1
    return blocks


BLOCKS = bash_blocks()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DeepInfraEmulator, Path]]:
    with DeepInfraEmulator() as emulator:
        emulator.batches.timing.validating = 0.0
        emulator.batches.timing.in_progress = 0.0
        yield emulator, tmp_path_factory.mktemp("cli-docs")


def test_the_page_has_blocks() -> None:
    assert len(BLOCKS) >= 6


@pytest.mark.parametrize(("line", "source", "skip"), BLOCKS, ids=[f"docs/cli.md:{line}" for line, _, _ in BLOCKS])
def test_bash_block_runs(line: int, source: str, skip: str | None, workspace: tuple[DeepInfraEmulator, Path]) -> None:
    if skip:
        pytest.skip(skip)
    emulator, directory = workspace
    environment = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "DEEPINFRA_BASE_URL": emulator.base_url,
        "DEEPINFRA_API_KEY": "docs-key",
    }
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", source],
        cwd=directory,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, f"docs/cli.md:{line} failed:\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr

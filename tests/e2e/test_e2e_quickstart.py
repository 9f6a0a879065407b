"""The README's main job, examples/quickstart.py: offline it explains how to get a key and streams from
the bundled emulator; with a key it streams from the default ``deepinfra`` provider (pointed at the
emulator here, since DeepInfra is unreachable from tests)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from ai_sdk.deepinfra import create_deepinfra
from ai_sdk.testing import DeepInfraEmulator

QUICKSTART = Path(__file__).parents[2] / "examples" / "quickstart.py"


def test_quickstart_runs_offline_against_the_emulator() -> None:
    env = {key: value for key, value in os.environ.items() if key != "DEEPINFRA_API_KEY"}
    completed = subprocess.run(
        [sys.executable, str(QUICKSTART), "Say hi"], capture_output=True, text=True, env=env, timeout=8, check=False
    )
    assert completed.returncode == 0, completed.stderr
    out = completed.stdout
    assert "https://deepinfra.com/dash/api_keys" in out
    assert "offline" in out
    assert 'You said: "Say hi".' in out
    assert "tokens, $" in out


def _load_quickstart() -> ModuleType:
    spec = importlib.util.spec_from_file_location("quickstart_example", QUICKSTART)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_quickstart_uses_deepinfra_when_a_key_is_set(
    emu: DeepInfraEmulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    quickstart = _load_quickstart()
    monkeypatch.setenv("DEEPINFRA_API_KEY", "real-key")
    monkeypatch.setattr(quickstart, "deepinfra", create_deepinfra(base_url=emu.base_url))
    monkeypatch.setattr(sys, "argv", ["quickstart.py"])
    assert quickstart.main() == 0
    out = capsys.readouterr().out
    assert "Streaming from DeepInfra" in out
    assert "emulator at" not in out
    assert emu.last_request.api_key == "real-key"
    assert emu.last_request.body["model"] == "meta-llama/Meta-Llama-3.1-70B-Instruct"
    assert emu.last_request.body["stream"] is True


def test_quickstart_reports_a_failed_call(
    emu: DeepInfraEmulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    quickstart = _load_quickstart()
    emu.chat.reply_error(401, "Not authenticated")
    monkeypatch.setenv("DEEPINFRA_API_KEY", "wrong-key")
    monkeypatch.setattr(quickstart, "deepinfra", create_deepinfra(base_url=emu.base_url))
    monkeypatch.setattr(sys, "argv", ["quickstart.py"])
    assert quickstart.main() == 1
    assert "Not authenticated" in capsys.readouterr().err

"""Resume after SIGKILL: a runner in a child process (a script over the blocking or the async API, or the
``ai-sdk batch`` command) is killed mid-run, resumed, and the output holds every id exactly once while
no row that had finished before the kill was requested again (checked on the emulator's request log,
which lives in this process and survives the child)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest

from ai_sdk.testing import DeepInfraEmulator

ROWS = 120
SCRIPT = textwrap.dedent(
    """
    import asyncio, sys
    from ai_sdk.deepinfra import create_deepinfra
    from ai_sdk.bulk import bulk_generate_text
    from ai_sdk.sync import bulk_generate_text as bulk_generate_text_sync

    base_url, output, api, resume = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "resume"
    model = create_deepinfra(base_url=base_url, api_key="test-key")("meta-llama/Meta-Llama-3.1-8B-Instruct")
    rows = ({{"id": f"row-{{index}}", "prompt": f"prompt of row-{{index}}"}} for index in range({rows}))
    options = dict(model=model, rows=rows, concurrency=6, checkpoint=output, resume=resume)
    if api == "sync":
        bulk_generate_text_sync(**options).collect()
    else:
        asyncio.run(bulk_generate_text(**options).collect())
    """
).format(rows=ROWS)


def finished_ids(path: Path) -> list[str]:
    """Ids of the complete lines (a line cut short by the kill has no newline and does not count)."""
    data = path.read_bytes() if path.exists() else b""
    complete = data[: data.rfind(b"\n") + 1]
    return [json.loads(line)["id"] for line in complete.splitlines() if line.strip()]


def start(script: Path, emulator: DeepInfraEmulator, output: Path, api: str, resume: bool) -> subprocess.Popen[bytes]:
    if api == "cli":  # the installed `ai-sdk batch` command over a JSONL file
        rows = script.with_name("rows.jsonl")
        rows.write_text(
            "".join(f'{{"id": "row-{index}", "prompt": "prompt of row-{index}"}}\n' for index in range(ROWS))
        )
        command = shutil.which("ai-sdk", path=str(Path(sys.executable).parent))
        assert command is not None
        arguments = [command, "batch", str(rows), "-o", str(output), "-m", "meta-llama/Meta-Llama-3.1-8B-Instruct"]
        arguments += ["--concurrency", "6", "--quiet", "--base-url", emulator.base_url, "--api-key", "test-key"]
        arguments += ["--resume"] if resume else []
    else:
        arguments = [sys.executable, str(script), emulator.base_url, str(output), api, "resume" if resume else "fresh"]
    return subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.parametrize("api", ["sync", "async", "cli"])
def test_sigkill_mid_run_then_resume_loses_nothing_and_pays_nothing_twice(api: str, tmp_path: Path) -> None:
    script = tmp_path / "job.py"
    script.write_text(SCRIPT)
    output = tmp_path / "out.jsonl"
    with DeepInfraEmulator(latency=0.03) as emulator:
        child = start(script, emulator, output, api, resume=False)
        deadline = time.monotonic() + 60
        while len(finished_ids(output)) < 30:
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the runner made no progress"
            time.sleep(0.005)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL
        before_kill = finished_ids(output)
        assert 30 <= len(before_kill) < ROWS  # killed mid-run

        resumed = start(script, emulator, output, api, resume=True)
        _, errors = resumed.communicate(timeout=60)
        assert resumed.returncode == 0, errors.decode()

        # A request torn by the kill (its body cut short) arrives without a parsable body: never answered.
        requested = Counter(
            request.body["messages"][-1]["content"]
            for request in emulator.requests_to("chat")
            if isinstance(request.body, dict)
        )
    final = finished_ids(output)
    assert sorted(final) == sorted(f"row-{index}" for index in range(ROWS))  # every id exactly once
    assert all(json.loads(line)["error"] is None for line in output.read_text().splitlines())
    assert [row for row in before_kill if requested[f"prompt of row-{row.removeprefix('row-')}"] != 1] == []
    assert set(requested) == {f"prompt of row-{index}" for index in range(ROWS)}

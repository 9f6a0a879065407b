"""Static typing of the bulk functions' settings: mypy --strict sees every job option and call setting
with its type, so a misspelt or ill-typed one is an error in user code, for all six functions.

One mypy run over one snippet: a line ending in ``# E: text`` must get an error containing ``text``;
every other line must be clean.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api")

SNIPPET = """\
from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ai_sdk.bulk import BulkRun, bulk_embed, bulk_generate_object, bulk_generate_text
from ai_sdk.sync import BulkRun as SyncBulkRun
from ai_sdk.sync import bulk_embed as bulk_embed_sync
from ai_sdk.sync import bulk_generate_object as bulk_generate_object_sync
from ai_sdk.sync import bulk_generate_text as bulk_generate_text_sync


class Label(BaseModel):
    label: str


model: Any = None
rows = ["a", "b"]
a: BulkRun = bulk_generate_text(model=model, rows=rows, concurrency=8, ordered=True, temperature=0.2, seed=1)
b: SyncBulkRun = bulk_generate_text_sync(model=model, rows=rows, budget=1.5, system="Be brief", max_output_tokens=5)
bulk_generate_text(model=model, rows=rows, max_token=5)  # E: Unexpected keyword argument "max_token"
bulk_generate_text_sync(model=model, rows=rows, temperature="hot")  # E: Argument "temperature"
bulk_generate_text(model=model, rows=rows, concurrency="many")  # E: Argument "concurrency"
bulk_generate_text_sync(model=model, rows=rows, mode="fast")  # E: Argument "mode"
c: BulkRun = bulk_generate_object(model=model, rows=rows, schema=Label, output="array", schema_name="labels")
d: SyncBulkRun = bulk_generate_object_sync(model=model, rows=rows, schema=Label, checkpoint="job.jsonl")
bulk_generate_object(model=model, rows=rows, schema=Label, output="list")  # E: Argument "output"
bulk_generate_object_sync(model=model, rows=rows, schema=Label, max_tokens=5)  # E: Unexpected keyword argument
e: BulkRun = bulk_embed(model=model, rows=rows, provider_options={"deepinfra": {"dimensions": 256}}, timeout=30)
f: SyncBulkRun = bulk_embed_sync(model=model, rows=rows, headers={"x-id": "1"}, resume=True)
bulk_embed(model=model, rows=rows, temperature=0.2)  # E: Unexpected keyword argument "temperature"
bulk_embed_sync(model=model, rows=rows, poll_interval="soon")  # E: Argument "poll_interval"
"""

_LINE = re.compile(r"^snippet\.py:(\d+): (error|note): (.*)$")


def test_mypy_checks_every_bulk_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = SNIPPET.splitlines()
    expected = {number: line.split("# E: ")[1] for number, line in enumerate(lines, 1) if "# E: " in line}
    (tmp_path / "snippet.py").write_text(SNIPPET)
    (tmp_path / "mypy.ini").write_text("[mypy]\nstrict = True\npython_version = 3.11\n")
    monkeypatch.chdir(tmp_path)

    stdout, stderr, _ = mypy_api.run(["snippet.py", "--config-file", "mypy.ini", "--no-error-summary"])

    assert not stderr, stderr
    errors: dict[int, list[str]] = {}
    for line in stdout.splitlines():
        match = _LINE.match(line)
        assert match, f"unexpected mypy output: {line}"
        if match[2] == "error":
            errors.setdefault(int(match[1]), []).append(match[3])
    assert set(errors) == set(expected), stdout
    for number, text in expected.items():
        assert any(text in message for message in errors[number]), (lines[number - 1], errors[number])

"""The checkpoint survives a power cut, not only a killed process: every result handed to the caller
has its line fsynced first, the fsyncs are grouped (not one per row), and a new file's directory entry
is synced too. ``os.fsync`` is watched, not replaced: what it had made durable is read back from the
file at each call."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from ai_sdk.bulk import checkpoint as checkpoint_module
from ai_sdk.spec import _json
from ai_sdk.testing import MockLanguageModel
from tests.bulk.test_runner import echo, run


class Fsyncs:
    """Watches ``os.fsync``: the checkpoint's lines on disk at its last sync, and every call's kind."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.synced_ids: set[Any] = set()
        self.files = 0
        self.directories = 0
        self._real = os.fsync

    def __call__(self, fd: int) -> None:
        self._real(fd)
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            self.directories += 1
            return
        self.files += 1
        if self.path.exists():
            lines = self.path.read_bytes().splitlines()
            self.synced_ids = {_json.loads(line)["id"] for line in lines}


@pytest.fixture
def fsyncs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Fsyncs:
    watcher = Fsyncs(tmp_path / "job.jsonl")
    monkeypatch.setattr(checkpoint_module.os, "fsync", watcher)
    return watcher


@pytest.mark.parametrize("ordered", [False, True])
def test_every_result_handed_out_is_synced_first(mode: str, fsyncs: Fsyncs, ordered: bool) -> None:
    seen: list[Any] = []
    rows = [f"p{index}" for index in range(60)]
    model = MockLanguageModel(do_generate=echo)
    arguments: dict[str, Any] = {"model": model, "rows": rows, "concurrency": 8, "ordered": ordered}
    arguments["checkpoint"] = fsyncs.path

    def collect_checked() -> list[Any]:
        from ai_sdk.bulk.runner import bulk_generate_text, bulk_generate_text_sync

        if mode == "sync":
            for result in bulk_generate_text_sync(**arguments):
                assert result.id in fsyncs.synced_ids, f"row {result.id} handed out before its line was synced"
                seen.append(result.id)
            return seen

        import asyncio

        async def main() -> list[Any]:
            async for result in bulk_generate_text(**arguments):
                assert result.id in fsyncs.synced_ids, f"row {result.id} handed out before its line was synced"
                seen.append(result.id)
            return seen

        return asyncio.run(main())

    assert sorted(collect_checked()) == list(range(60))
    assert fsyncs.directories >= 1  # the new file's name is durable too


def test_syncs_are_grouped(mode: str, fsyncs: Fsyncs, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checkpoint_module, "SYNC_SECONDS", 60.0)  # only the row bound groups them here
    monkeypatch.setattr(checkpoint_module, "SYNC_ROWS", 50)
    model = MockLanguageModel(do_generate=echo)
    results, totals = run(mode, model=model, rows=[f"p{index}" for index in range(200)], checkpoint=fsyncs.path)
    assert totals.rows_done == len(results) == 200
    assert len(fsyncs.synced_ids) == 200
    assert 1 <= fsyncs.files <= 200 // 50 + 1  # at most a sync per 50 lines, and one at the end


def test_an_early_stop_syncs_what_was_written(mode: str, fsyncs: Fsyncs) -> None:
    from ai_sdk.bulk.runner import bulk_generate_text_sync

    model = MockLanguageModel(do_generate=echo)
    run_ = bulk_generate_text_sync(model=model, rows=[f"p{index}" for index in range(40)], checkpoint=fsyncs.path)
    for _ in run_:
        break
    written = {_json.loads(line)["id"] for line in fsyncs.path.read_bytes().splitlines()}
    assert written
    assert written == fsyncs.synced_ids  # closing synced every line written

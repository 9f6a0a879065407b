"""Checkpoints: the JSONL file of finished rows that lets a killed job resume without loss or double pay.

Every final result is appended as one line with a single unbuffered ``write`` the moment it is known,
so a crash or ``SIGKILL`` of the process loses at most the line being written: a last line without its
newline. Surviving a power cut or an OS crash takes an ``fsync``, about a millisecond, too slow for
every row of a job doing thousands a second: the runner syncs in groups instead (group commit), at
most :data:`SYNC_SECONDS` after a line was written or once :data:`SYNC_ROWS` lines wait, and on close,
and hands a result to the caller only once its line is synced. So every result the caller has seen
is on disk, whatever happens next. (The file's name is made durable too: its directory is synced when
the file is created or rewritten.) Resuming reads the file, keeps the rows that succeeded (they are not
sent again), and drops the failed rows and a cut-off last line, which run again. When it dropped
anything it first rewrites the file without those lines (to a temporary file, then an atomic rename),
so that at the end every id appears in the file exactly once.

The checkpoint is the job's output file: the CLI's ``-o OUTPUT.jsonl`` is one.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..spec import _json
from ..spec.errors import CheckpointError, InvalidRowError
from .rows import RowId, RowResult
from .scheduler import BulkTotals

__all__ = ["SYNC_ROWS", "SYNC_SECONDS", "Checkpoint", "ResumeState", "rewrite_lines", "sync_directory"]

SYNC_SECONDS = 0.2
"""The longest a written line waits for its ``fsync`` (and its result for the caller)."""

SYNC_ROWS = 1000
"""The most written lines that wait for one ``fsync``."""

_KIND_KEYS = {"text": "text", "object": "object", "embedding": "embedding"}


@dataclass(slots=True)
class ResumeState:
    """What a checkpoint already holds: the ids of rows finished successfully and their totals."""

    finished_ids: set[RowId] = field(default_factory=set)
    totals: BulkTotals = field(default_factory=BulkTotals)
    dropped: int = 0
    """Lines that will run again: failed rows, and a last line cut short by a crash."""


class Checkpoint:
    """An open checkpoint file. :meth:`open` reads (when resuming) and prepares it; :meth:`write`
    appends one result; :meth:`close` closes it."""

    def __init__(self, path: Path, file: IO[bytes], state: ResumeState) -> None:
        self.path = path
        self._file = file
        self.state = state
        self._unsynced = 0
        self._oldest = 0.0  # when the oldest line not yet synced was written

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, resume: bool, kind: str) -> Checkpoint:
        """Open ``path`` for a job producing ``kind`` results (``"text"``, ``"object"``,
        ``"embedding"``). Without ``resume`` the file must not exist yet (so a finished job is never
        overwritten by accident); with it, a missing file starts the job afresh."""
        target = Path(path)
        state = ResumeState()
        if target.exists():
            if not resume:
                raise CheckpointError(
                    "the checkpoint file already exists: pass resume=True (--resume) to continue that job, "
                    "or choose another file",
                    path=str(target),
                )
            state, keep = _read(target, kind)
            if state.dropped:
                rewrite_lines(target, keep)
        created = not target.exists()
        file = open(target, "ab", buffering=0)  # noqa: SIM115 (kept open for the job; closed by close())
        if created:
            sync_directory(target)
        return cls(target, file, state)

    def write(self, result: RowResult) -> None:
        """Append ``result`` as one line, in one system call (on disk at the next :meth:`sync`)."""
        self._file.write(result.to_jsonl())
        if not self._unsynced:
            self._oldest = time.monotonic()
        self._unsynced += 1

    def sync_due(self) -> float | None:
        """Seconds until the lines written since the last sync are due for one (0: now), or ``None``
        when every line is synced."""
        if not self._unsynced:
            return None
        if self._unsynced >= SYNC_ROWS:
            return 0.0
        return max(self._oldest + SYNC_SECONDS - time.monotonic(), 0.0)

    def sync(self) -> None:
        """Make every line written so far durable (``fsync``)."""
        if self._unsynced:
            os.fsync(self._file.fileno())
            self._unsynced = 0

    def close(self) -> None:
        """Sync and close the file."""
        try:
            self.sync()
        finally:
            self._file.close()


def _read(path: Path, kind: str) -> tuple[ResumeState, list[bytes]]:
    data = path.read_bytes()
    lines = data.split(b"\n")
    tail = lines.pop()  # b"" when the file ends with a newline, else a line cut short by a crash
    state = ResumeState(dropped=1 if tail.strip() else 0)
    keep: list[bytes] = []
    done = rows_input = rows_output = 0
    cost = 0.0
    expected = _KIND_KEYS.get(kind)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = _json.loads(line)
            result = RowResult.from_json(value)
        except (_json.JSONDecodeError, InvalidRowError, TypeError, ValueError) as error:
            raise CheckpointError(f"this line is not a bulk result ({error})", path=str(path), line=number) from None
        if result.error is not None:
            state.dropped += 1
            continue
        if expected is not None and expected not in value:
            raise CheckpointError(
                f"this checkpoint holds results of another kind of job (this job writes {expected!r}): "
                "use a new file for this job",
                path=str(path),
                line=number,
            )
        if result.id in state.finished_ids:
            state.dropped += 1
            continue
        state.finished_ids.add(result.id)
        keep.append(line)
        done += 1
        if result.usage is not None:
            rows_input += result.usage.input_tokens or 0
            rows_output += result.usage.output_tokens or 0
            cost += result.usage.cost or 0.0
    state.totals = BulkTotals(rows_resumed=done, input_tokens=rows_input, output_tokens=rows_output, cost=cost)
    return state, keep


def rewrite_lines(path: Path, lines: list[bytes]) -> None:
    """Replace the file at ``path`` with ``lines``, durably and atomically (a temporary file, synced,
    renamed over it): a crash leaves the old file or the new one, never a mix."""
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as file:
        file.write(b"".join(line + b"\n" for line in lines))
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)
    sync_directory(path)


def sync_directory(path: Path) -> None:
    """Make the directory entry of ``path`` (a new or renamed file) durable: on POSIX, ``fsync`` its
    directory; elsewhere a directory cannot be opened, and there is nothing more to do."""
    if os.name != "posix":
        return
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)

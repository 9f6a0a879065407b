"""The ``ai-sdk`` command, run as installed (the console script in a subprocess) against the emulator
in this process: every command, the batch job's files, exit codes and messages, and the key kept out
of every output."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ai_sdk.testing import DeepInfraEmulator

CHAT_MODEL = "meta-llama/Meta-Llama-3.1-8B-Instruct"
KEY = "cli-test-key-0123456789"
SCRIPT = shutil.which("ai-sdk", path=str(Path(sys.executable).parent))


@pytest.fixture(scope="module")
def emu() -> Iterator[DeepInfraEmulator]:
    with DeepInfraEmulator() as emulator:
        emulator.batches.timing.validating = 0.01
        emulator.batches.timing.in_progress = 0.03
        yield emulator


@pytest.fixture(autouse=True)
def _fresh(emu: DeepInfraEmulator) -> None:
    emu.reset()


def ai_sdk(
    *arguments: str, emu: DeepInfraEmulator, stdin: str = "", cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``ai-sdk`` with the emulator as its base URL (from the environment)."""
    assert SCRIPT is not None, "the ai-sdk console script is not installed (pip install -e .)"
    environment = {**os.environ, "DEEPINFRA_BASE_URL": emu.base_url, "DEEPINFRA_API_KEY": KEY}
    return subprocess.run(
        [SCRIPT, *arguments], input=stdin, capture_output=True, text=True, env=environment, cwd=cwd, timeout=timeout
    )


def test_run_streams_a_reply_from_an_argument_or_stdin(emu: DeepInfraEmulator) -> None:
    done = ai_sdk("run", "Hello there", "--usage", emu=emu)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith('You said: "Hello there".')
    assert "output tokens, $" in done.stderr
    piped = ai_sdk("run", "--system", "Be brief", emu=emu, stdin="from a pipe\n")
    assert 'You said: "from a pipe' in piped.stdout
    assert emu.last_request.body["messages"][0] == {"role": "system", "content": "Be brief"}
    assert emu.last_request.api_key == KEY


def test_chat_keeps_the_conversation_until_reset(emu: DeepInfraEmulator) -> None:
    done = ai_sdk("chat", emu=emu, stdin="first\nsecond\n/reset\nthird\n/exit\nnever sent\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("You said:") == 3
    sent = [[message["role"] for message in request.body["messages"]] for request in emu.requests_to("chat")]
    assert sent == [["user"], ["user", "assistant", "user"], ["user"]]


def test_chat_goes_on_after_a_failed_turn(emu: DeepInfraEmulator) -> None:
    """One refused turn is an error line, not the end of the conversation; the failed message is not
    sent again with the next turn."""
    emu.chat.reply_error(400, message="prompt rejected")
    done = ai_sdk("chat", emu=emu, stdin="first\nsecond\n/exit\n")
    assert done.returncode == 1  # for a script: a turn failed
    assert "error: prompt rejected" in done.stderr
    assert done.stdout.count("You said:") == 1
    assert emu.last_request.body["messages"] == [{"role": "user", "content": "second"}]


def test_models_lists_the_catalog(emu: DeepInfraEmulator) -> None:
    plain = ai_sdk("models", emu=emu)
    assert plain.returncode == 0, plain.stderr
    assert CHAT_MODEL in plain.stdout
    lines = [json.loads(line) for line in ai_sdk("models", "--json", emu=emu).stdout.splitlines()]
    assert any(line["id"] == CHAT_MODEL and line["input_price"] is not None for line in lines)


def test_image_writes_png_files(emu: DeepInfraEmulator, tmp_path: Path) -> None:
    done = ai_sdk("image", "a red fox", "-o", "fox.png", "-n", "2", "--size", "64x48", emu=emu, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["fox-1.png", "fox-2.png"]
    assert (tmp_path / "fox-1.png").read_bytes().startswith(b"\x89PNG")


def test_embed_prints_one_vector_per_text(emu: DeepInfraEmulator) -> None:
    done = ai_sdk("embed", "sunny day", "rain", emu=emu)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["text"] for line in lines] == ["sunny day", "rain"]
    assert len(lines[0]["embedding"]) == 768  # BAAI/bge-base-en-v1.5, the default
    assert len(ai_sdk("embed", emu=emu, stdin="one\n\ntwo\n").stdout.splitlines()) == 2


def write_rows(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def output_lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_batch_runs_a_jsonl_file_and_resumes(emu: DeepInfraEmulator, tmp_path: Path) -> None:
    rows = [{"id": index, "prompt": f"row {index}"} for index in range(20)]
    rows.append({"id": "bad", "prompt": "x", "temperature": "hot"})
    source = write_rows(tmp_path / "in.jsonl", rows)
    output = tmp_path / "out.jsonl"
    done = ai_sdk("batch", str(source), "-o", str(output), "--model", CHAT_MODEL, "--concurrency", "4", emu=emu)
    assert done.returncode == 1  # a row failed
    lines = output_lines(output)
    assert sorted(str(line["id"]) for line in lines) == sorted(str(row["id"]) for row in rows)
    by_id = {line["id"]: line for line in lines}
    assert str(by_id[3]["text"]).startswith('You said: "row 3"')
    assert by_id[3]["finish_reason"] == "stop"
    assert by_id[3]["usage"]["input_tokens"] > 0  # type: ignore[index]
    assert by_id[3]["cost"] > 0  # type: ignore[operator]
    assert by_id["bad"]["error"]["type"] == "InvalidArgumentError"  # type: ignore[index]
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("20 done, 1 failed;")
    assert "$" in last
    assert f"output: {output}" in last
    requests = len(emu.requests_to("chat"))

    again = ai_sdk("batch", str(source), "-o", str(output), "--model", CHAT_MODEL, emu=emu)
    assert again.returncode == 1
    assert "pass --resume" in again.stderr
    resumed = ai_sdk("batch", str(source), "-o", str(output), "--model", CHAT_MODEL, "--resume", "-q", emu=emu)
    assert "0 done, 1 failed, 20 resumed" in resumed.stderr
    assert len(emu.requests_to("chat")) == requests  # the failed row fails before any request
    assert len(output_lines(output)) == 21


def test_batch_stopped_by_sigterm_keeps_every_answer_it_paid_for(emu: DeepInfraEmulator, tmp_path: Path) -> None:
    """kill, timeout and a stopping container send SIGTERM: the job stops as on Ctrl-C, the rows in
    flight end and are written, so the output holds a line for every request sent (it died with them)."""
    source = write_rows(tmp_path / "in.jsonl", [{"id": index, "prompt": f"row {index}"} for index in range(2000)])
    output = tmp_path / "out.jsonl"
    emu.latency = 0.05
    try:
        assert SCRIPT is not None
        environment = {**os.environ, "DEEPINFRA_BASE_URL": emu.base_url, "DEEPINFRA_API_KEY": KEY}
        arguments = [SCRIPT, "batch", str(source), "-o", str(output), "-m", CHAT_MODEL, "-q", "--concurrency", "50"]
        job = subprocess.Popen(arguments, env=environment, stderr=subprocess.PIPE, text=True)
        while len(emu.requests_to("chat")) < 100:  # well under way, with rows in flight
            assert job.poll() is None, job.communicate()[1]
            time.sleep(0.01)
        job.send_signal(signal.SIGTERM)
        stderr = job.communicate(timeout=60)[1]
    finally:
        emu.latency = 0.0
    assert job.returncode == 130, stderr
    assert "interrupted" in stderr
    assert len(output_lines(output)) == len(emu.requests_to("chat"))


def test_batch_concurrency_defaults_to_the_accounts_rate_limit(emu: DeepInfraEmulator, tmp_path: Path) -> None:
    source = write_rows(tmp_path / "in.jsonl", [{"id": index, "prompt": f"row {index}"} for index in range(6)])
    emu.rate_limit, emu.latency = 1, 0.05  # with the default of 200, the six rows would be in flight at once
    try:
        done = ai_sdk("batch", str(source), "-o", str(tmp_path / "one.jsonl"), "-m", CHAT_MODEL, "-q", emu=emu)
        assert done.returncode == 0, done.stderr
        assert len(emu.requests_to("rate_limit")) == 1
        assert emu.peak_in_flight(CHAT_MODEL) == 1
        emu.reset()
        emu.rate_limits.reply_error(404)  # not served (a proxy): DeepInfra's default
        done = ai_sdk("batch", str(source), "-o", str(tmp_path / "two.jsonl"), "-m", CHAT_MODEL, "-q", emu=emu)
        assert done.returncode == 0, done.stderr
        assert emu.peak_in_flight(CHAT_MODEL) > 1
        emu.reset()
        arguments = ("batch", str(source), "-o", str(tmp_path / "three.jsonl"), "-m", CHAT_MODEL, "--concurrency", "2")
        assert ai_sdk(*arguments, "-q", emu=emu).returncode == 0
        assert emu.requests_to("rate_limit") == []
        assert emu.peak_in_flight(CHAT_MODEL) == 2
    finally:
        emu.rate_limit, emu.latency = None, 0.0


def test_batch_objects_with_a_schema_and_a_budget(emu: DeepInfraEmulator, tmp_path: Path) -> None:
    source = write_rows(tmp_path / "in.jsonl", [{"id": f"r{index}", "prompt": "Paris"} for index in range(30)])
    schema = json.dumps({"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]})
    output = tmp_path / "out.jsonl"
    arguments = ("batch", str(source), "-o", str(output), "-m", CHAT_MODEL, "--schema", schema, "--concurrency", "2")
    done = ai_sdk(*arguments, "--budget", "0.00001", emu=emu)
    assert done.returncode == 1
    assert "stopped at the budget" in done.stderr
    lines = output_lines(output)
    assert 0 < len(lines) < 30
    assert all(isinstance(line["object"], dict) and "city" in line["object"] for line in lines)
    finished = ai_sdk(*arguments, "--resume", emu=emu)
    assert finished.returncode == 0, finished.stderr
    assert len(output_lines(output)) == 30


def test_batch_through_the_batch_api(emu: DeepInfraEmulator, tmp_path: Path) -> None:
    source = write_rows(tmp_path / "in.jsonl", [{"id": "a", "prompt": "one"}, {"id": "b", "prompt": "two"}])
    output = tmp_path / "out.jsonl"
    arguments = ("batch", str(source), "-o", str(output), "-m", CHAT_MODEL, "--mode", "batch-api")
    done = ai_sdk(*arguments, "--poll-interval", "0.02", emu=emu)
    assert done.returncode == 0, done.stderr
    assert [(line["id"], line["mode"]) for line in output_lines(output)] == [("a", "batch-api"), ("b", "batch-api")]
    assert len(emu.batches.batch_ids) == 1
    assert emu.requests_to("chat") == []


def test_batch_through_the_batch_api_shows_progress_without_tqdm(
    emu: DeepInfraEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the cli extra, the hours a batch runs are not silent: a status line per change."""
    from ai_sdk.cli.main import main

    monkeypatch.setitem(sys.modules, "tqdm", None)  # not installed
    monkeypatch.setenv("DEEPINFRA_BASE_URL", emu.base_url)
    monkeypatch.setenv("DEEPINFRA_API_KEY", KEY)
    source = write_rows(tmp_path / "in.jsonl", [{"id": "a", "prompt": "one"}, {"id": "b", "prompt": "two"}])
    arguments = ["batch", str(source), "-o", str(tmp_path / "out.jsonl"), "-m", CHAT_MODEL, "--mode", "batch-api"]
    assert main([*arguments, "--poll-interval", "0.02"]) == 0
    assert re.search(r"batch_\S+ completed: 2/2 done, 0 failed", capsys.readouterr().err)


def test_batch_embeddings(emu: DeepInfraEmulator, tmp_path: Path) -> None:
    source = write_rows(tmp_path / "in.jsonl", [{"id": "a", "value": "sunny"}, {"id": "b", "value": "rain"}])
    output = tmp_path / "out.jsonl"
    done = ai_sdk("batch", str(source), "-o", str(output), "-m", "BAAI/bge-small-en-v1.5", "--embed", emu=emu)
    assert done.returncode == 0, done.stderr
    assert {len(line["embedding"]) for line in output_lines(output)} == {384}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lines", "arguments", "message"),
    [
        ('{"id": 1, "prompt": "a"}\nnot json\n', ("-m", CHAT_MODEL), "line 2"),
        ('{"id": 1, "promt": "a"}\n', ("-m", CHAT_MODEL), "did you mean 'prompt'?"),
        ('{"id": 1, "prompt": "a"}\n{"id": 1, "prompt": "b"}\n', ("-m", CHAT_MODEL), "already used"),
        ('{"id": 1, "prompt": "a"}\n', (), "--model"),
        ('{"id": 1, "prompt": "a"}\n', ("-m", CHAT_MODEL, "--schema", "{not json"), "JSON Schema"),
    ],
)
def test_batch_input_errors_say_what_to_fix(
    emu: DeepInfraEmulator, tmp_path: Path, lines: str, arguments: tuple[str, ...], message: str
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(lines)
    done = ai_sdk("batch", str(source), "-o", str(tmp_path / "out.jsonl"), *arguments, emu=emu)
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("error: ")
    assert message in last
    assert "Traceback" not in done.stderr


def test_batch_an_unreadable_input_is_an_error_before_the_output_is_created(
    emu: DeepInfraEmulator, tmp_path: Path
) -> None:
    output = tmp_path / "out.jsonl"
    done = ai_sdk("batch", str(tmp_path / "missing.jsonl"), "-o", str(output), "-m", CHAT_MODEL, emu=emu)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith("error: ")
    assert "missing.jsonl" in done.stderr
    assert "Traceback" not in done.stderr
    assert not output.exists()  # so the corrected command needs no --resume


def test_batch_a_full_disk_is_a_one_line_error(
    emu: DeepInfraEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ai_sdk.bulk.checkpoint import Checkpoint
    from ai_sdk.cli.main import main

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Checkpoint, "write", full)
    monkeypatch.setenv("DEEPINFRA_BASE_URL", emu.base_url)
    monkeypatch.setenv("DEEPINFRA_API_KEY", KEY)
    source = write_rows(tmp_path / "in.jsonl", [{"id": 1, "prompt": "hi"}])
    assert main(["batch", str(source), "-o", str(tmp_path / "out.jsonl"), "-m", CHAT_MODEL, "-q"]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == "error: [Errno 28] No space left on device"


def test_batch_progress_into_a_log_file_is_lines_not_a_bar(emu: DeepInfraEmulator, tmp_path: Path) -> None:
    """Standard error is a pipe here (a log file, CI): no tqdm bar redrawn with carriage returns."""
    source = write_rows(tmp_path / "in.jsonl", [{"id": index, "prompt": f"row {index}"} for index in range(30)])
    done = ai_sdk("batch", str(source), "-o", str(tmp_path / "out.jsonl"), "-m", CHAT_MODEL, emu=emu)
    assert done.returncode == 0, done.stderr
    assert "row/s" not in done.stderr  # no tqdm bar (text=True turns its carriage returns into newlines)
    assert done.stderr.splitlines()[-1].startswith("30 done, 0 failed;")


def test_batch_reads_a_file_saved_with_a_byte_order_mark(emu: DeepInfraEmulator, tmp_path: Path) -> None:
    """Windows tools (Notepad, PowerShell's -Encoding utf8) start UTF-8 files with a BOM: the first
    line is still a row, not 'not JSON'."""
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\xef\xbb\xbf" + b'{"id": 1, "prompt": "hi"}\r\n{"id": 2, "prompt": "there"}\r\n')
    output = tmp_path / "out.jsonl"
    done = ai_sdk("batch", str(source), "-o", str(output), "-m", CHAT_MODEL, "-q", emu=emu)
    assert done.returncode == 0, done.stderr
    assert sorted(line["id"] for line in output_lines(output)) == [1, 2]  # type: ignore[type-var]
    from ai_sdk.cli.batch import schema_of

    schema = tmp_path / "schema.json"
    schema.write_bytes(b'\xef\xbb\xbf{"type": "object"}')
    assert schema_of(str(schema)) == {"type": "object"}


def test_batch_output_to_standard_output_is_refused(emu: DeepInfraEmulator, tmp_path: Path) -> None:
    """OUTPUT is the job's checkpoint (appended, synced, read again by --resume), not a stream: `-o -`
    used to create a file named '-'."""
    source = write_rows(tmp_path / "in.jsonl", [{"id": 1, "prompt": "hi"}])
    done = ai_sdk("batch", str(source), "-o", "-", "-m", CHAT_MODEL, emu=emu, cwd=tmp_path)
    assert done.returncode == 1
    assert "error: " in done.stderr
    assert "checkpoint" in done.stderr
    assert not (tmp_path / "-").exists()
    assert emu.requests == []


def test_errors_never_show_the_key(tmp_path: Path) -> None:
    with DeepInfraEmulator(api_key="the-only-good-key") as strict:
        done = ai_sdk("run", "hi", "--api-key", KEY, emu=strict)
    assert done.returncode == 1
    assert "Not authenticated" in done.stderr
    assert KEY not in done.stderr + done.stdout


def test_a_refused_key_stops_a_batch_at_the_rate_limit_lookup_without_showing_it(tmp_path: Path) -> None:
    source = write_rows(tmp_path / "in.jsonl", [{"id": 1, "prompt": "hi"}])
    with DeepInfraEmulator(api_key="the-only-good-key") as strict:
        done = ai_sdk("batch", str(source), "-o", str(tmp_path / "out.jsonl"), "-m", CHAT_MODEL, emu=strict)
        assert [request.route for request in strict.requests] == ["rate_limit"]
    assert done.returncode == 1
    assert "Not authenticated" in done.stderr
    assert KEY not in done.stderr + done.stdout


def test_usage_errors_and_help(emu: DeepInfraEmulator) -> None:
    assert ai_sdk("--help", emu=emu).returncode == 0
    assert "batch" in ai_sdk("--help", emu=emu).stdout
    wrong = ai_sdk("fly", emu=emu)
    assert wrong.returncode == 2
    assert "invalid choice" in wrong.stderr
    assert ai_sdk("batch", "in.jsonl", emu=emu).returncode == 2  # -o is required
    assert "no default" in ai_sdk("batch", "--help", emu=emu).stdout  # batch alone has no default model


def test_the_emulator_command_serves(tmp_path: Path) -> None:
    assert SCRIPT is not None
    server = subprocess.Popen(
        [SCRIPT, "emulator", "--port", "0", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        assert first.startswith("DeepInfra emulator listening on http://127.0.0.1:")
        base_url = first.split()[-1]
        environment = {**os.environ, "DEEPINFRA_API_KEY": "k"}
        done = subprocess.run(
            [SCRIPT, "run", "ping", "--base-url", base_url], capture_output=True, text=True, env=environment, timeout=60
        )
        assert 'You said: "ping"' in done.stdout
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_emulator_command_on_a_taken_port_is_a_one_line_error(emu: DeepInfraEmulator) -> None:
    port = emu.base_url.split(":")[-1].split("/")[0]  # the test emulator holds it
    done = ai_sdk("emulator", "--port", port, "--quiet", emu=emu)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith(f"error: cannot serve on 127.0.0.1:{port}")
    assert "Traceback" not in done.stderr


def test_the_emulator_command_without_jsonschema_names_the_extra_and_its_flag(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    from ai_sdk.cli.emulator import emulator

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "jsonschema" else find_spec(name))
    assert emulator(["--port", "0", "--quiet"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: checking requests against DeepInfra's schema needs jsonschema: pip install 'ai-sdk[testing]', "
        "or run with --no-validate"
    )

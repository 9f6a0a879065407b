"""The documentation tells the truth: every ```python block of README.md and docs/*.md runs against
the bundled DeepInfra emulator over loopback, so a snippet with a wrong name, argument or attribute,
or a call of an async function without ``await``, fails here.

Each block is one test case (id ``file:line`` of its opening fence). A block runs in a namespace shared
with the blocks above it in the same file (they run first, in order), so a snippet may use what an
earlier one defined, as a reader would. Top-level ``await`` / ``async for`` work. The default
``deepinfra`` provider, ``create_deepinfra`` and ``DEEPINFRA_API_KEY`` point at the emulator; name
resolution of anything but loopback fails, so nothing leaves the machine; retry sleeps are faked; each
block runs in a fresh temporary directory as its working directory.

A block that must not run carries ``<!-- docs-test: skip: <reason> -->`` on the line before its
fence; the reason shows in the test report.
"""

from __future__ import annotations

import ast
import inspect
import re
import signal
import socket
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

import pytest

import ai_sdk.deepinfra
from ai_sdk.core import retry
from ai_sdk.deepinfra import provider as provider_module
from ai_sdk.testing import DeepInfraEmulator

ROOT = Path(__file__).resolve().parent.parent
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
REAL_BASE_URL = "https://api.deepinfra.com/v1"
BLOCK_TIMEOUT = 10.0
"""Seconds one test case (the block and the blocks above it) may take; all of them take well under one."""

_FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<info>[^`]*)$")
_MARKER = re.compile(r"<!--\s*docs-test:(?P<body>.*?)-->")
_SKIP = re.compile(r"^\s*skip:\s*(?P<reason>\S.*?)\s*$")
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True, slots=True)
class Block:
    """One ```python block: where it is, its source (dedented to the fence) and its skip reason."""

    path: Path
    line: int
    source: str
    skip: str | None

    @property
    def id(self) -> str:
        return f"{self.path.relative_to(ROOT).as_posix()}:{self.line}"


def extract_blocks(path: Path) -> list[Block]:
    """The file's ```python blocks in order; a marker must sit on the last non-blank line before one."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        fence = _FENCE.match(lines[index])
        if fence is None:
            index += 1
            continue
        indent = len(fence["indent"])
        end = index + 1
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        if end == len(lines):
            raise AssertionError(f"{path.name}:{index + 1}: code block is never closed")
        if fence["info"].strip() == "python":
            body = [line[indent:] if not line[:indent].strip() else line for line in lines[index + 1 : end]]
            blocks.append(Block(path, index + 1, "\n".join(body) + "\n", _skip_reason(path, lines, index)))
        index = end + 1
    return blocks


def _skip_reason(path: Path, lines: list[str], fence_index: int) -> str | None:
    previous = fence_index - 1
    while previous >= 0 and not lines[previous].strip():
        previous -= 1
    marker = _MARKER.search(lines[previous]) if previous >= 0 else None
    if marker is None:
        return None
    skip = _SKIP.match(marker["body"])
    if skip is None:
        raise AssertionError(
            f"{path.name}:{previous + 1}: write the marker as '<!-- docs-test: skip: <reason> -->', not {marker[0]!r}"
        )
    return skip["reason"]


BLOCKS = [block for path in DOC_FILES for block in extract_blocks(path)]


@pytest.fixture
async def emu(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AsyncIterator[DeepInfraEmulator]:
    """A running emulator that the documentation's providers talk to, with the network fenced off.
    HTTP clients a snippet hands to ``create_deepinfra`` are closed afterwards."""
    real_create = ai_sdk.deepinfra.create_deepinfra
    real_getaddrinfo = socket.getaddrinfo
    http_clients: list[Any] = []

    def loopback_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name not in _LOOPBACK_HOSTS:
            raise OSError(f"docs tests stay on loopback; a snippet tried to reach {name!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    async def no_async_sleep(seconds: float) -> None:
        return None

    with DeepInfraEmulator() as emulator:

        def create_deepinfra(*, base_url: str | None = None, **settings: Any) -> ai_sdk.deepinfra.DeepInfraProvider:
            if base_url is not None and base_url.startswith(REAL_BASE_URL):
                base_url = emulator.base_url + base_url.removeprefix(REAL_BASE_URL)
            if settings.get("http_client") is not None:
                http_clients.append(settings["http_client"])
            return real_create(base_url=base_url, **settings)

        monkeypatch.setenv("DEEPINFRA_API_KEY", "docs-test-key")
        monkeypatch.setattr(provider_module, "DEFAULT_BASE_URL", emulator.base_url)
        monkeypatch.setattr(ai_sdk.deepinfra, "deepinfra", real_create(base_url=emulator.base_url))
        monkeypatch.setattr(ai_sdk.deepinfra, "create_deepinfra", create_deepinfra)
        monkeypatch.setattr(socket, "getaddrinfo", loopback_only)
        monkeypatch.setattr(retry, "sleep", lambda seconds: None)
        monkeypatch.setattr(retry, "async_sleep", no_async_sleep)
        monkeypatch.chdir(tmp_path)
        try:
            yield emulator
        finally:
            for client in http_clients:
                close = getattr(client, "aclose", None) or getattr(client, "close", None) or client.clear
                closed = close()
                if inspect.isawaitable(closed):
                    await closed


@pytest.fixture(autouse=True)
def _bounded() -> Iterator[None]:
    """A block that hangs fails with a traceback after BLOCK_TIMEOUT instead of stalling the suite."""
    if sys.platform == "win32":
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"docs block took longer than {BLOCK_TIMEOUT} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, BLOCK_TIMEOUT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


async def run_block(block: Block, namespace: dict[str, Any]) -> None:
    """Run one block like a notebook cell: top-level ``await`` allowed, names left in ``namespace``."""
    code = compile(block.source, block.id, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    result = eval(code, namespace)
    if inspect.iscoroutine(result):
        await result


# A snippet that calls an async function without awaiting it (`client.close()` for `await client.close()`)
# shows code that does nothing; Python only warns when the coroutine is dropped, so that warning fails the block.
@pytest.mark.filterwarnings("error:coroutine .* was never awaited:RuntimeWarning")
@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("block", BLOCKS, ids=[block.id for block in BLOCKS])
async def test_doc_block_runs(block: Block, emu: DeepInfraEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
    if block.skip is not None:
        pytest.skip(f"{block.id}: {block.skip}")
    # A registered module, as a script's __main__ is: pydantic and dataclasses look names up there.
    module = ModuleType("__docs__")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    namespace = vars(module)
    earlier = [other for other in BLOCKS if other.path == block.path and other.line < block.line]
    for other in earlier:
        if other.skip is None:
            await _run_earlier(other, namespace)
    await run_block(block, namespace)
    unawaited = [
        name
        for name, value in namespace.items()
        if inspect.iscoroutine(value) and inspect.getcoroutinestate(value) == inspect.CORO_CREATED
    ]
    for name in unawaited:
        namespace[name].close()
    assert not unawaited, f"{block.id}: {unawaited} hold coroutines nobody awaited (a missing `await`)"


async def _run_earlier(block: Block, namespace: dict[str, Any]) -> None:
    try:
        await run_block(block, namespace)
    except Exception as error:
        raise AssertionError(f"the earlier block {block.id} (run first for its names) failed: {error!r}") from error


def test_blocks_are_found() -> None:
    by_file: dict[str, int] = {}
    for block in BLOCKS:
        by_file[block.path.name] = by_file.get(block.path.name, 0) + 1
    assert set(by_file) == {path.name for path in DOC_FILES}
    assert len(BLOCKS) >= 20


def test_markers_sit_on_python_blocks() -> None:
    """A marker that precedes no ```python block would silently skip nothing (or the wrong thing)."""
    marked = {block.id for block in BLOCKS if block.skip is not None}
    for path in DOC_FILES:
        name = path.relative_to(ROOT).as_posix()
        lines = path.read_text(encoding="utf-8").splitlines()
        for index, line in enumerate(lines):
            if _MARKER.search(line) is None:
                continue
            following = [number for number in range(index + 1, len(lines)) if lines[number].strip()]
            assert following, f"{name}:{index + 1}: marker at the end of the file"
            assert lines[following[0]].strip() == "```python", f"{name}:{index + 1}: marker before no python block"
            assert f"{name}:{following[0] + 1}" in marked


def test_extract_blocks_handles_indent_markers_and_nested_backticks(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(
        "text\n\n```python\nx = 1\n```\n\n1. item\n\n   <!-- docs-test: skip: needs a file -->\n"
        '   ```python\n   if s.startswith("```"):\n       y = 2\n   ```\n\n```bash\nls\n```\n',
        encoding="utf-8",
    )
    blocks = extract_blocks(doc)
    assert [(block.line, block.source, block.skip) for block in blocks] == [
        (3, "x = 1\n", None),
        (10, 'if s.startswith("```"):\n    y = 2\n', "needs a file"),
    ]


def test_a_marker_without_reason_is_rejected(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text("<!-- docs-test: skip -->\n```python\nx = 1\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="skip: <reason>"):
        extract_blocks(doc)


async def test_a_wrong_attribute_fails(emu: DeepInfraEmulator) -> None:
    """The harness really runs the code against the emulator: a wrong attribute raises."""
    source = (
        "from ai_sdk import generate_text\nfrom ai_sdk.deepinfra import deepinfra\n"
        'result = await generate_text(model=deepinfra("m/x"), prompt="Hi")\nresult.txt\n'
    )
    with pytest.raises(AttributeError, match="txt"):
        await run_block(Block(ROOT / "README.md", 1, source, None), {})
    assert emu.last_request is not None
    assert emu.last_request.body["messages"] == [{"role": "user", "content": "Hi"}]

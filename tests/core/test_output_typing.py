"""Static typing of ``output=``: mypy sees the output type through generate_text / stream_text results.

One mypy run over one generated module holding every case (mypy is slow to start); each case is a
line with the revealed type or the error mypy must report there, and every other line must be clean.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api")

HEADER = """\
from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from pydantic import BaseModel

from ai_sdk import GenerateTextResult, Output, StreamTextResult, generate_object, generate_text, stream_object
from ai_sdk import ToolLoopAgent, stream_text
from ai_sdk.core.stream_text import SyncStreamTextResult
from ai_sdk.core.types import NoOutput
from ai_sdk.ui.chunks import UIMessageChunk
from ai_sdk.sync import generate_object as generate_object_sync, stream_object as stream_object_sync
from ai_sdk.sync import generate_text as generate_text_sync, stream_text as stream_text_sync


class Recipe(BaseModel):
    title: str


model: Any = None


async def check() -> None:
"""

# (statement, expectation): "reveal <type>" for reveal_type's note, "error <text>" for an error on
# that line, None for a line that must type-check cleanly.
CASES: list[tuple[str, str | None]] = [
    # generate_text, async
    ("r1 = await generate_text(model=model, prompt='p', output=Output.object(Recipe))", None),
    ("reveal_type(r1)", "reveal ai_sdk.core.generate_text.GenerateTextResult[snippet.Recipe]"),
    ("reveal_type(r1.output)", "reveal snippet.Recipe"),
    ("reveal_type(r1.output.title)", "reveal str"),
    ("r1.output.nonexistent_field", 'error "Recipe" has no attribute "nonexistent_field"'),
    ("n: int = r1.output", "error Incompatible types in assignment"),
    (
        "reveal_type((await generate_text(model=model, output=Output.array(Recipe))).output)",
        "reveal list[snippet.Recipe]",
    ),
    ("reveal_type((await generate_text(model=model, output=Output.choice(['a', 'b']))).output)", "reveal str"),
    ("reveal_type((await generate_text(model=model, output=Output.json())).output)", "reveal Any"),
    ("reveal_type((await generate_text(model=model, output=Output.text())).output)", "reveal str"),
    ("reveal_type((await generate_text(model=model, output=Output.object({'type': 'object'}))).output)", "reveal Any"),
    # no output=: the result works, reading .output is an error
    ("r2 = await generate_text(model=model, prompt='p')", None),
    ("reveal_type(r2)", "reveal ai_sdk.core.generate_text.GenerateTextResult[ai_sdk.core.types.NoOutput]"),
    ("reveal_type(r2.text)", "reveal str"),
    ("reveal_type(r2.steps[0].tool_calls)", "reveal list[ai_sdk.core.types.ToolCall]"),
    ("reveal_type(r2.steps[0].reasoning)", "reveal list[ai_sdk.spec.language_model.Reasoning]"),
    ("r2.output.title", 'error "NoOutput" has no attribute "title"'),
    # existing annotations keep working; typed annotations are checked
    ("r3: GenerateTextResult = await generate_text(model=model, prompt='p')", None),
    ("reveal_type(r3.output)", "reveal Any"),
    ("r4: GenerateTextResult = await generate_text(model=model, output=Output.object(Recipe))", None),
    ("r5: GenerateTextResult[Recipe] = await generate_text(model=model, output=Output.object(Recipe))", None),
    ("r6: GenerateTextResult[BaseModel] = r1", None),
    ("r7: GenerateTextResult[str] = r1", "error Incompatible types in assignment"),
    ("r8: GenerateTextResult[NoOutput] = r2", None),
    (
        "def untyped_output(spec: Any) -> None: reveal_type(generate_text_sync(model=model, output=spec))",
        "reveal ai_sdk.core.generate_text.GenerateTextResult[Any]",
    ),
    # generate_text, blocking
    ("reveal_type(generate_text_sync(model=model, output=Output.object(Recipe)).output)", "reveal snippet.Recipe"),
    ("reveal_type(generate_text_sync(model=model, output=Output.array(Recipe)).output)", "reveal list[snippet.Recipe]"),
    (
        "generate_text_sync(model=model, output=Output.object(Recipe)).output.nonexistent_field",
        'error "Recipe" has no attribute "nonexistent_field"',
    ),
    # stream_text, async
    ("s1 = stream_text(model=model, output=Output.object(Recipe))", None),
    ("reveal_type(s1)", "reveal ai_sdk.core.stream_text.StreamTextResult[snippet.Recipe, Any]"),
    ("reveal_type(await s1.output)", "reveal snippet.Recipe"),
    ("async for p1 in s1.partial_output_stream: reveal_type(p1)", "reveal Any"),
    ("(await s1.output).nonexistent_field", 'error "Recipe" has no attribute "nonexistent_field"'),
    ("s2 = stream_text(model=model, output=Output.array(Recipe))", None),
    ("reveal_type(await s2.output)", "reveal list[snippet.Recipe]"),
    ("async for p2 in s2.partial_output_stream: reveal_type(p2)", "reveal list[Any]"),
    ("s3 = stream_text(model=model, output=Output.choice(['a', 'b']))", None),
    ("reveal_type(s3)", "reveal ai_sdk.core.stream_text.StreamTextResult[str, str]"),
    (
        "async for p3 in stream_text(model=model, output=Output.text()).partial_output_stream: reveal_type(p3)",
        "reveal str",
    ),
    ("s4 = stream_text(model=model, prompt='p')", None),
    (
        "reveal_type(s4)",
        "reveal ai_sdk.core.stream_text.StreamTextResult[ai_sdk.core.types.NoOutput, ai_sdk.core.types.NoOutput]",
    ),
    ("reveal_type(await s4.text)", "reveal str"),
    ("(await s4.output).title", 'error "NoOutput" has no attribute "title"'),
    ("s5: StreamTextResult = stream_text(model=model, prompt='p')", None),
    ("s6: StreamTextResult[Recipe, Any] = s1", None),
    (
        "async with stream_text(model=model, output=Output.object(Recipe)) as s7: reveal_type(await s7.output)",
        "reveal snippet.Recipe",
    ),
    # stream_text, blocking
    ("t1 = stream_text_sync(model=model, output=Output.object(Recipe))", None),
    ("reveal_type(t1)", "reveal ai_sdk.core.stream_text.SyncStreamTextResult[snippet.Recipe, Any]"),
    ("reveal_type(t1.output)", "reveal snippet.Recipe"),
    ("t1.output.nonexistent_field", 'error "Recipe" has no attribute "nonexistent_field"'),
    (
        "for p4 in stream_text_sync(model=model, output=Output.array(Recipe)).partial_output_stream: reveal_type(p4)",
        "reveal list[Any]",
    ),
    ("with stream_text_sync(model=model, output=Output.choice(['a'])) as t2: reveal_type(t2.output)", "reveal str"),
    ("t3: SyncStreamTextResult = stream_text_sync(model=model, prompt='p')", None),
    ("stream_text_sync(model=model, prompt='p').output.title", 'error "NoOutput" has no attribute "title"'),
    # the UI methods, declared once, return each API's own types
    ("u1: AsyncIterator[UIMessageChunk] = s4.to_ui_message_stream()", None),
    ("u2: Iterator[UIMessageChunk] = s4.to_ui_message_stream()", "error Incompatible types in assignment"),
    ("reveal_type(s4.to_ui_message_stream_body())", "reveal ai_sdk.ui.responses.UIMessageStreamBody"),
    ("reveal_type(s4.to_text_stream_body())", "reveal ai_sdk.ui.responses.TextStreamBody"),
    ("u3: Iterator[UIMessageChunk] = t1.to_ui_message_stream()", None),
    ("u4: AsyncIterator[UIMessageChunk] = t1.to_ui_message_stream()", "error Incompatible types in assignment"),
    ("reveal_type(t1.to_ui_message_stream_body())", "reveal ai_sdk.ui.responses.SyncUIMessageStreamBody"),
    ("reveal_type(t1.to_text_stream_body())", "reveal ai_sdk.ui.responses.SyncTextStreamBody"),
    (
        "reveal_type(t1.to_text_stream_response())",
        "reveal starlette.responses.StreamingResponse",
    ),
    ("t1.to_ui_message_stream(send_nothing=True)", 'error Unexpected keyword argument "send_nothing"'),
    # an agent call's arguments are declared once (a TypedDict), each typed
    ("a1 = ToolLoopAgent(model=model, output=Output.object(Recipe))", None),
    (
        "reveal_type((await a1.generate(prompt='p', temperature=0.1, options={'tier': 1})).output)",
        "reveal snippet.Recipe",
    ),
    ("a1.stream(prompt='p', temprature=0.1)", 'error Unexpected keyword argument "temprature"'),
    ("a1.stream(messages=[], seed='one')", 'error Argument "seed"'),
    # the object functions: generate_object's overloads type all four
    ("reveal_type((await generate_object(model=model, schema=Recipe)).object)", "reveal snippet.Recipe"),
    (
        "reveal_type((await generate_object(model=model, schema=Recipe, output='array')).object)",
        "reveal list[snippet.Recipe]",
    ),
    ("reveal_type(generate_object_sync(model=model, schema=Recipe).object)", "reveal snippet.Recipe"),
    ("reveal_type(generate_object_sync(model=model, schema={'type': 'object'}).object)", "reveal Any"),
    (
        "reveal_type(await stream_object(model=model, schema=Recipe, output='array').object)",
        "reveal list[snippet.Recipe]",
    ),
    ("reveal_type(stream_object_sync(model=model, schema=Recipe).object)", "reveal snippet.Recipe"),
    # the object results' values and streams are declared once, typed for each result
    ("o1 = stream_object(model=model, schema=Recipe)", None),
    ("async for o2 in o1.text_stream: reveal_type(o2)", "reveal str"),
    ("reveal_type(await o1.usage)", "reveal ai_sdk.spec.shared.Usage"),
    ("reveal_type(await o1.raw_finish_reason)", "reveal str | None"),
    ("o3 = stream_object_sync(model=model, schema=Recipe)", None),
    ("for o4 in o3.text_stream: reveal_type(o4)", "reveal str"),
    ("reveal_type(o3.usage)", "reveal ai_sdk.spec.shared.Usage"),
    ("reveal_type(generate_object_sync(model=model, schema=Recipe).reasoning)", "reveal str | None"),
    ("async for o5 in o3.text_stream: pass", "error"),
    (
        "generate_object_sync(model=model, schema=Recipe, max_tokens=5)",
        "error No overload variant matches",
    ),
    # settings are declared once (a TypedDict) yet each is typed, and an unknown one is an error
    ("reveal_type(stream_text_sync(model=model, prompt='p').total_usage)", "reveal ai_sdk.spec.shared.Usage"),
    ("reveal_type(await stream_text(model=model, prompt='p').steps)", "reveal list[ai_sdk.core.types.StepResult]"),
    ("generate_text_sync(model=model, prompt='p', temperature=0.2, max_output_tokens=5, seed=1)", None),
    ("generate_text_sync(model=model, prompt='p', temperature='hot')", 'error Argument "temperature"'),
    ("generate_text_sync(model=model, prompt='p', max_tokens=5)", 'error Unexpected keyword argument "max_tokens"'),
    ("stream_text(model=model, prompt='p', max_tokens=5)", 'error Unexpected keyword argument "max_tokens"'),
]

_NOTE = re.compile(r"^snippet\.py:(\d+): (note|error): (.*?)(?:  \[[a-z-]+\])?$")


def test_mypy_sees_output_types(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = HEADER.splitlines()
    expected: dict[int, str] = {}
    for statement, expectation in CASES:
        lines.append(f"    {statement}")
        if expectation is not None:
            expected[len(lines)] = expectation
    (tmp_path / "snippet.py").write_text("\n".join(lines) + "\n")
    (tmp_path / "mypy.ini").write_text("[mypy]\nstrict = True\npython_version = 3.11\n")
    monkeypatch.chdir(tmp_path)

    stdout, stderr, _status = mypy_api.run(
        ["snippet.py", "--config-file", "mypy.ini", "--cache-dir", ".mypy_cache", "--no-error-summary"]
    )

    assert not stderr, stderr
    found: dict[int, str] = {}
    for line in stdout.splitlines():
        match = _NOTE.match(line)
        assert match, f"unexpected mypy output: {line}"
        number, kind, message = match.groups()
        if kind == "note" and not message.startswith("Revealed type"):  # mypy's hints after an error
            continue
        message = message.removeprefix("Revealed type is ").replace("builtins.", "")  # older mypy spells it out
        found[int(number)] = f"{'reveal' if kind == 'note' else 'error'} {message}"
    problems = []
    for number, expectation in expected.items():
        got = found.pop(number, "nothing")
        if expectation.startswith("reveal"):
            ok = got == expectation.replace("reveal ", 'reveal "', 1) + '"'
        else:
            ok = got.startswith("error") and expectation.removeprefix("error ") in got
        if not ok:
            problems.append(f"line {number} {lines[number - 1].strip()!r}: expected {expectation!r}, got {got!r}")
    problems.extend(f"line {number} {lines[number - 1].strip()!r}: unexpected {got!r}" for number, got in found.items())
    assert not problems, "\n".join(problems)

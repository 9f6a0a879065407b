"""``ai_sdk.ui`` resolves each public name lazily from the module that defines it, and a chunk class does
not load pydantic (only the UI message models need it)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import ai_sdk.ui


@pytest.mark.parametrize("name", ai_sdk.ui.__all__)
def test_every_public_name_resolves_to_the_object_its_module_defines(name: str) -> None:
    import importlib

    value = getattr(ai_sdk.ui, name)
    owners = [
        module
        for module in ai_sdk.ui._MODULES
        if getattr(importlib.import_module(module, "ai_sdk.ui"), name, None) is value
        and name in importlib.import_module(module, "ai_sdk.ui").__all__
    ]
    assert len(owners) == 1, f"{name} is exported by {owners or 'no module'}"


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'SyncUIMessageStreamBody'"):
        ai_sdk.ui.SyncUIMessageStreamBody  # noqa: B018 (a blocking twin: only ai_sdk.sync has it under this name)


def test_a_chunk_class_loads_neither_pydantic_nor_the_message_models() -> None:
    code = (
        "import sys; from ai_sdk.ui import TextDeltaChunk, encode_sse_frame; "
        "assert not {'pydantic', 'ai_sdk.ui.messages'} & set(sys.modules), 'loaded'"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr

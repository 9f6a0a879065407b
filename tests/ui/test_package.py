"""``ai_sdk.ui`` resolves each public name lazily from the one module that defines and lists it
(tests/test_architecture.py checks that the chunk names still load no pydantic)."""

from __future__ import annotations

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

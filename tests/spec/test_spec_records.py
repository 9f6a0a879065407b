"""The spec's records: frozen dataclasses with their usual constructor and semantics, stream parts
stay comparable, and the package loads its submodules lazily."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
import subprocess
import sys
from typing import Any

import pytest

import ai_sdk.spec as spec
from ai_sdk.spec import (
    CallOptions,
    FinishReason,
    GenerateResult,
    InputTokenDetails,
    OutputTokenDetails,
    ResponseInfo,
    Text,
    TextDelta,
    TextPart,
    Usage,
    UserMessage,
)

RECORDS = [
    cls
    for cls in (getattr(spec, name) for name in spec.__all__)
    if isinstance(cls, type) and dataclasses.is_dataclass(cls)
]


def _expected_parameters(cls: type) -> list[tuple[str, Any]]:
    """What ``@dataclass`` itself would generate: every field in order, with its default."""
    expected = []
    for field in dataclasses.fields(cls):
        if field.default is not dataclasses.MISSING:
            default: Any = field.default
        elif field.default_factory is not dataclasses.MISSING:
            default = "<factory>"
        else:
            default = inspect.Parameter.empty
        expected.append((field.name, default))
    return expected


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_every_record_constructor_has_the_dataclass_signature(cls: type) -> None:
    parameters = list(inspect.signature(cls).parameters.values())
    actual = [
        (p.name, repr(p.default) if repr(p.default) == "<factory>" else p.default)
        for p in parameters
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    ]
    assert len(actual) == len(parameters)
    assert actual == _expected_parameters(cls)


def test_records_are_frozen_hashable_and_comparable() -> None:
    usage = Usage(1, 2, 3, InputTokenDetails(1, 0), OutputTokenDetails(2, 0), 0.5, {"a": 1})
    same = Usage(
        input_tokens=1,
        output_tokens=2,
        total_tokens=3,
        input_token_details=InputTokenDetails(no_cache=1, cache_read=0),
        output_token_details=OutputTokenDetails(text=2, reasoning=0),
        cost=0.5,
        raw={"a": 1},
    )
    assert usage == same
    assert repr(usage) == repr(same)
    with pytest.raises(dataclasses.FrozenInstanceError):
        usage.cost = 1.0  # type: ignore[misc]
    reason = FinishReason("stop", "stop")
    assert hash(reason) == hash(FinishReason(unified="stop", raw="stop"))
    assert dataclasses.replace(reason, raw="eos") == FinishReason("stop", "eos")
    assert pickle.loads(pickle.dumps(usage)) == usage


def test_default_factories_give_fresh_values() -> None:
    first, second = Usage(), Usage()
    assert first.input_token_details == InputTokenDetails()
    assert first.input_token_details is not second.input_token_details
    given = InputTokenDetails(5, 1)
    assert Usage(input_token_details=given).input_token_details is given
    result = GenerateResult([Text("hi")], FinishReason("stop"), Usage())
    assert result.request is not GenerateResult([], FinishReason("stop"), Usage()).request
    assert result.response == ResponseInfo()
    assert result.warnings == ()


def test_records_reject_missing_and_unknown_arguments() -> None:
    with pytest.raises(TypeError):
        CallOptions()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        TextPart("a", bogus=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        UserMessage("a", None, None)  # type: ignore[call-arg]


def test_stream_parts_compare_by_value_and_are_not_frozen_for_speed() -> None:
    part = TextDelta("text-0", "Hello")
    assert part == TextDelta(id="text-0", delta="Hello")
    assert part != TextDelta("text-0", "Hello!")
    assert repr(part) == "TextDelta(id='text-0', delta='Hello', provider_metadata=None)"
    assert part.type == "text-delta"


def test_spec_names_resolve_and_unknown_names_raise() -> None:
    for name in spec.__all__:
        assert getattr(spec, name) is not None
    assert spec.language_model.TextDelta is TextDelta
    with pytest.raises(AttributeError, match="no attribute 'NoSuchThing'"):
        spec.NoSuchThing  # noqa: B018
    namespace: dict[str, Any] = {}
    exec("from ai_sdk.spec import *", namespace)
    assert {name for name in namespace if not name.startswith("__")} == set(spec.__all__)


def test_importing_the_provider_does_not_build_the_language_model_types() -> None:
    code = "import sys, ai_sdk, ai_sdk.deepinfra\nprint('ai_sdk.spec.language_model' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_usages_add_up_with_sum() -> None:
    from ai_sdk.spec.shared import Usage

    usages = [Usage(input_tokens=3, output_tokens=1, cost=0.5), Usage(input_tokens=2, output_tokens=4, cost=0.25)]
    total = sum(usages)
    assert (total.input_tokens, total.output_tokens, total.cost) == (5, 5, 0.75)
    assert sum(usages[:1]) is usages[0]
    with pytest.raises(TypeError):
        1 + usages[0]  # type: ignore[operator]

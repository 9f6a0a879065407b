"""Every model kind extends ModelIdentity: a runtime check still asks for the identity
(specification_version, provider, model_id) next to the kind's own members."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk.spec import (
    EmbeddingModel,
    ImageModel,
    LanguageModel,
    RerankingModel,
    SpeechModel,
    TranscriptionModel,
)
from ai_sdk.spec.model_identity import ModelIdentity
from ai_sdk.testing import (
    MockEmbeddingModel,
    MockImageModel,
    MockLanguageModel,
    MockRerankingModel,
    MockSpeechModel,
    MockTranscriptionModel,
)

KINDS: list[tuple[type, Any]] = [
    (LanguageModel, MockLanguageModel()),
    (EmbeddingModel, MockEmbeddingModel([[1.0]])),
    (ImageModel, MockImageModel([b"png"])),
    (RerankingModel, MockRerankingModel()),
    (TranscriptionModel, MockTranscriptionModel()),
    (SpeechModel, MockSpeechModel()),
]


@pytest.mark.parametrize(("kind", "model"), KINDS, ids=lambda value: getattr(value, "__name__", ""))
def test_a_model_without_its_identity_is_not_of_the_kind(kind: type, model: Any) -> None:
    assert ModelIdentity in kind.__mro__
    assert isinstance(model, kind)
    members = {name: getattr(model, name) for name in dir(type(model)) if name.startswith("do_")}
    members.update(max_embeddings_per_call=None, supports_parallel_calls=True, max_images_per_call=None)
    anonymous = type("Anonymous", (), {name: staticmethod(value) for name, value in members.items()})()
    assert not isinstance(anonymous, kind)
    identified = type(
        "Identified", (), {**vars(type(anonymous)), "specification_version": "v3", "provider": "p", "model_id": "m"}
    )()
    assert isinstance(identified, kind)

"""The provider specification: the types and errors shared by providers and the core.

Imports nothing else from ai_sdk; every other layer depends on it.

Submodules load on first use of one of their names (PEP 562): ``import ai_sdk.deepinfra`` needs only
the shared value types and the errors, and building the prompt, result and stream-part classes of
:mod:`.language_model` would otherwise be most of its import time. ``from ai_sdk.spec import X`` works
as with eager imports; the first lookup of a name imports the submodules in ``_SUBMODULES`` order
until one exports it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .deadline import *  # noqa: F403
    from .deadline import __all__ as _deadline_all
    from .embedding_model import *  # noqa: F403
    from .embedding_model import __all__ as _embedding_all
    from .errors import *  # noqa: F403
    from .errors import __all__ as _errors_all
    from .image_model import *  # noqa: F403
    from .image_model import __all__ as _image_all
    from .language_model import *  # noqa: F403
    from .language_model import __all__ as _language_all
    from .reranking_model import *  # noqa: F403
    from .reranking_model import __all__ as _reranking_all
    from .shared import *  # noqa: F403
    from .shared import __all__ as _shared_all
    from .speech_model import *  # noqa: F403
    from .speech_model import __all__ as _speech_all
    from .transcription_model import *  # noqa: F403
    from .transcription_model import __all__ as _transcription_all

    __all__ = [
        *_shared_all,
        *_errors_all,
        *_deadline_all,
        *_language_all,
        *_embedding_all,
        *_image_all,
        *_reranking_all,
        *_transcription_all,
        *_speech_all,
    ]

_SUBMODULES = (
    "shared",
    "errors",
    "deadline",
    "language_model",
    "embedding_model",
    "image_model",
    "reranking_model",
    "transcription_model",
    "speech_model",
)
"""The submodules whose ``__all__`` make up this package's names, cheapest and most used first."""


def _load(submodule: str) -> list[str]:
    """Import a submodule and bind its exported names here (so later lookups skip ``__getattr__``)."""
    module = importlib.import_module(f"{__name__}.{submodule}")
    exported: list[str] = module.__all__
    namespace = globals()
    for name in exported:
        namespace[name] = getattr(module, name)
    return exported


if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        if name in _SUBMODULES:
            return importlib.import_module(f"{__name__}.{name}")
        if name == "__all__":
            names = [exported for submodule in _SUBMODULES for exported in _load(submodule)]
            globals()["__all__"] = names
            return names
        for submodule in _SUBMODULES:
            if name in _load(submodule):
                return globals()[name]
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted({*globals(), *__getattr__("__all__")})

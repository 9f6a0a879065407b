"""Ray Data integration (``pip install 'ai-sdk[ray]'``): callable classes for ``Dataset.map_batches``
that generate text, objects or embeddings for every row, with one concurrency budget shared by all
actors so the whole job stays within DeepInfra's per-model cap. See docs/ray.md.

Names load on first use: importing this package does not import Ray.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_dir, lazy_getattr

if TYPE_CHECKING:
    from .budget import DEFAULT_BUDGET_NAME, ConcurrencyBudget
    from .udfs import EmbedUDF, GenerateObjectUDF, GenerateTextUDF

_EXPORTS = {
    "DEFAULT_BUDGET_NAME": ".budget",
    "ConcurrencyBudget": ".budget",
    "EmbedUDF": ".udfs",
    "GenerateObjectUDF": ".udfs",
    "GenerateTextUDF": ".udfs",
}

__getattr__ = lazy_getattr(__name__, _EXPORTS)

__all__ = ["DEFAULT_BUDGET_NAME", "ConcurrencyBudget", "EmbedUDF", "GenerateObjectUDF", "GenerateTextUDF"]
__dir__ = lazy_dir(globals(), __all__)

"""Models by name: :func:`create_provider_registry` (``"deepinfra:<model id>"``) and
:func:`custom_provider` (your own names, with a fallback provider). See docs/registry.md."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_dir, lazy_getattr

if TYPE_CHECKING:
    from .custom import CustomProvider, custom_provider
    from .provider_registry import ProviderRegistry, create_provider_registry

_EXPORTS = {
    "CustomProvider": ".custom",
    "custom_provider": ".custom",
    "ProviderRegistry": ".provider_registry",
    "create_provider_registry": ".provider_registry",
}

__getattr__ = lazy_getattr(__name__, _EXPORTS)

__all__ = ["CustomProvider", "ProviderRegistry", "create_provider_registry", "custom_provider"]
__dir__ = lazy_dir(globals(), __all__)

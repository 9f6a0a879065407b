"""Fetching, caching and consulting DeepInfra's model catalog for one provider.

The catalog is read only when asked for (``await deepinfra.models()`` or ``deepinfra.models_sync()``),
never behind a chat call's back, and kept for ``max_age`` seconds. Once loaded, the provider's chat
models consult it before sending (:meth:`CatalogCache.check_request`): a setting the catalog says the
model lacks (``tools`` without the ``tools`` tag, a JSON ``response_format`` without ``json``) is left
out with a warning instead of drawing DeepInfra's bare 405, and image input to a model without
``vision`` raises, since dropping part of a prompt would change the question. A model the catalog
marks deprecated draws a warning naming its replacement.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from ..openai_compatible.config import ModelConfig
from ..spec import APICallError, CallWarning, InvalidArgumentError, UnsupportedFunctionalityError
from .catalog import ModelCatalog, parse_catalog

__all__ = ["CatalogCache"]


class CatalogCache:
    """The last catalog a provider loaded, with the time it was loaded."""

    __slots__ = ("_catalog", "_config", "_headers", "_list_url", "_loaded", "_lock", "_models_url")

    def __init__(self, config: ModelConfig, *, openai_base_url: str, root_url: str) -> None:
        self._config = config
        self._headers: Callable[[], dict[str, str]] = config.headers
        self._models_url = openai_base_url + "/models"
        self._list_url = root_url + "/models/list"
        self._catalog: ModelCatalog | None = None
        self._loaded = 0.0
        self._lock = threading.Lock()

    @property
    def catalog(self) -> ModelCatalog | None:
        """The loaded catalog (however old), or ``None`` before the first load."""
        return self._catalog

    def _fresh(self, max_age: float, refresh: bool) -> ModelCatalog | None:
        if isinstance(max_age, bool) or not isinstance(max_age, int | float) or max_age < 0:
            raise InvalidArgumentError("expected seconds >= 0", argument="max_age", value=max_age)
        with self._lock:
            if refresh or self._catalog is None or time.monotonic() - self._loaded > max_age:
                return None
            return self._catalog

    def _store(self, openai_models: Any, models_list: Any) -> ModelCatalog:
        catalog = parse_catalog(openai_models, models_list)
        with self._lock:
            self._catalog, self._loaded = catalog, time.monotonic()
        return catalog

    def load_sync(self, *, max_age: float, refresh: bool, timeout: float | None) -> ModelCatalog:
        cached = self._fresh(max_age, refresh)
        if cached is not None:
            return cached
        from ..http.json_api import get_json_sync  # the JSON layer loads on first use: cheap imports

        transport = self._config.transports.sync()
        headers = self._headers()
        openai_models = get_json_sync(transport, self._models_url, headers=headers, timeout=timeout).value
        try:
            models_list = get_json_sync(transport, self._list_url, headers=headers, timeout=timeout).value
        except APICallError as error:
            _check_missing_list(error)
            models_list = None
        return self._store(openai_models, models_list)

    async def load_async(self, *, max_age: float, refresh: bool, timeout: float | None) -> ModelCatalog:
        cached = self._fresh(max_age, refresh)
        if cached is not None:
            return cached
        from ..http.json_api import get_json_async

        transport = self._config.transports.async_()
        headers = self._headers()
        openai_models = (await get_json_async(transport, self._models_url, headers=headers, timeout=timeout)).value
        try:
            models_list = (await get_json_async(transport, self._list_url, headers=headers, timeout=timeout)).value
        except APICallError as error:
            _check_missing_list(error)
            models_list = None
        return self._store(openai_models, models_list)

    def check_request(self, model_id: str, body: dict[str, Any]) -> list[CallWarning]:
        """The chat models' :data:`~ai_sdk.openai_compatible.chat.metadata.RequestCheck` (see the module doc)."""
        catalog = self._catalog
        if catalog is None:
            return []
        response_format = body.get("response_format")
        features = catalog.unsupported(
            model_id,
            tools="tools" in body,
            response_format=isinstance(response_format, Mapping) and response_format.get("type") != "text",
            images=_has_images(body),
        )
        if "images" in features:
            raise UnsupportedFunctionalityError(
                "image input",
                f"DeepInfra's catalog does not tag {model_id} with 'vision', so it cannot read the images in this "
                "prompt; pick a model whose catalog entry has supports_vision (e.g. "
                "meta-llama/Llama-3.2-11B-Vision-Instruct), or leave the images out.",
            )
        if "tools" in features:
            body.pop("tools", None)
            body.pop("tool_choice", None)
        if "response_format" in features:
            body.pop("response_format", None)
        warnings = catalog.warnings_for(model_id, features)
        model = catalog.get(model_id)
        if model is not None and model.deprecated:
            instead = f"; DeepInfra suggests {model.replaced_by}" if model.replaced_by else ""
            warnings.append(
                CallWarning("other", message=f"{model_id} is deprecated and may stop being served{instead}")
            )
        return warnings


def _check_missing_list(error: APICallError) -> None:
    """``/models/list`` answering 404 (not served there) leaves the catalog to the first list; any
    other failure is the caller's."""
    if error.status_code != 404:
        raise error


def _has_images(body: Mapping[str, Any]) -> bool:
    for message in body.get("messages") or ():
        content = message.get("content") if isinstance(message, Mapping) else None
        if isinstance(content, list) and any(
            isinstance(part, Mapping) and part.get("type") == "image_url" for part in content
        ):
            return True
    return False

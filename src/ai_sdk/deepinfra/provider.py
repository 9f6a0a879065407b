"""The DeepInfra provider: configuration only (base URL, API key, headers, transports); the models do
the protocol. Creating a provider reads nothing and opens nothing: the key is loaded from the
argument or ``DEEPINFRA_API_KEY`` when a request is made, and HTTP clients are created on first use,
so the default instance :data:`deepinfra` can exist at import time.

A provider owns the default HTTP clients it creates: ``close()`` / ``aclose()`` (or ``with`` /
``async with``) release their connections. Clients and transports passed in stay the caller's.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, ParamSpec, Self, TypeVar

from .._version import __version__
from ..http.api_key import load_api_key
from ..http.headers import check_headers, combine_headers, with_user_agent_suffix
from ..http.provider_transports import Transports
from ..http.transport import AsyncTransport, SyncTransport
from ..openai_compatible.config import ModelConfig
from ..spec import InvalidArgumentError
from .metadata import PROVIDER_OPTIONS_KEY, extract_deepinfra_metadata
from .model_ids import (
    DeepInfraChatModelId,
    DeepInfraCompletionModelId,
    DeepInfraEmbeddingModelId,
    DeepInfraImageModelId,
    DeepInfraRerankingModelId,
    DeepInfraSpeechModelId,
    DeepInfraTranscriptionModelId,
)
from .usage import convert_deepinfra_usage

if TYPE_CHECKING:
    from ..http.limiter import ConcurrencyLimit
    from ..openai_compatible.chat_model import OpenAICompatibleChatModel
    from ..openai_compatible.completion_model import OpenAICompatibleCompletionModel
    from ..openai_compatible.embedding_model import OpenAICompatibleEmbeddingModel
    from ..spec import CallWarning
    from .batch.client import DeepInfraBatchClient
    from .catalog import ModelCatalog
    from .catalog_cache import CatalogCache
    from .image_model import DeepInfraImageModel
    from .rate_limit import RateLimit
    from .reranking_model import DeepInfraRerankingModel
    from .speech_model import DeepInfraSpeechModel
    from .transcription_model import DeepInfraTranscriptionModel

__all__ = ["DEFAULT_BASE_URL", "DeepInfraProvider", "create_deepinfra", "deepinfra"]

DEFAULT_BASE_URL = "https://api.deepinfra.com/v1"
# DeepInfra's limit on an embeddings request's ``input`` (its OpenAPI ``maxLength``, which its server,
# pydantic, applies to the list): a longer list is refused with a 422, so embed_many sends at most this.
_MAX_EMBEDDINGS_PER_CALL = 1024
_USER_AGENT = f"ai-sdk/deepinfra/{__version__}"
P = ParamSpec("P")
T = TypeVar("T")


class DeepInfraProvider:
    """Makes DeepInfra models; calling it makes a chat model (``deepinfra("meta-llama/...")``).

    ``base_url`` defaults to ``https://api.deepinfra.com/v1``; the OpenAI-compatible routes (chat,
    completion, embedding) live under ``<base_url>/openai`` and native inference (images) under
    ``<base_url>``. A ``base_url`` ending in ``/openai`` (the form DeepInfra's docs show) is accepted
    as the OpenAI-compatible prefix itself. ``headers`` go with every request (lower-cased; an
    ``Authorization`` header here replaces the API key). ``transport``/``async_transport`` replace the
    HTTP layer (tests, middleware); ``http_client`` reuses an httpx, aiohttp or urllib3 client.

    ``max_concurrent_requests`` bounds the requests in flight through this provider, blocking and async
    API together (an ``int``, or a :class:`~ai_sdk.ConcurrencyLimit` shared with other providers); a
    request over it waits for a slot within its call's timeout. ``retry_broken_bodies`` lets the core
    retry a request whose 2xx answer broke off in the body (off by default: the server may already have
    done, and billed, the work).

    ``close()`` / ``aclose()``, ``with`` and ``async with`` release the connections of the HTTP clients
    the provider created (the provider stays usable and reconnects on demand).
    """

    __slots__ = (
        "_api_key",
        "_catalog",
        "_headers",
        "_native_base_url",
        "_openai_base_url",
        "_retry_broken_bodies",
        "_transports",
    )

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        headers: Mapping[str, str | None] | None = None,
        transport: SyncTransport | None = None,
        async_transport: AsyncTransport | None = None,
        http_client: object | None = None,
        max_concurrent_requests: int | ConcurrencyLimit | None = None,
        retry_broken_bodies: bool = False,
    ) -> None:
        base = DEFAULT_BASE_URL if base_url is None else base_url
        if not isinstance(base, str) or not base.startswith(("http://", "https://")):
            raise InvalidArgumentError(
                "base_url must be an http(s) URL such as 'https://api.deepinfra.com/v1'",
                argument="base_url",
                value=base_url,
            )
        base = base.rstrip("/")
        if base.endswith("/openai"):
            self._openai_base_url = base
            self._native_base_url = base.removesuffix("/openai")
        else:
            self._openai_base_url = base + "/openai"
            self._native_base_url = base
        if not isinstance(retry_broken_bodies, bool):
            raise InvalidArgumentError(
                "must be True or False", argument="retry_broken_bodies", value=retry_broken_bodies
            )
        self._api_key = api_key
        self._headers = combine_headers(check_headers(headers))
        self._retry_broken_bodies = retry_broken_bodies
        self._transports = Transports(
            transport=transport,
            async_transport=async_transport,
            http_client=http_client,
            limit=_limit(max_concurrent_requests),
        )
        self._catalog: CatalogCache | None = None  # made on the first models() call

    def __repr__(self) -> str:
        return f"DeepInfraProvider(base_url={self._native_base_url!r})"

    def batch_client(self) -> DeepInfraBatchClient:
        """The Batch API (``/openai/files``, ``/openai/batches``) with this provider's key, headers and
        HTTP clients: submit chat, completion or embedding requests at 20% below real-time prices."""
        from .batch.client import DeepInfraBatchClient

        return DeepInfraBatchClient(self._config("deepinfra.batch", self._openai_base_url))

    def close(self) -> None:
        """Release the connections of the HTTP clients this provider created (async sessions close on
        their own event loops); clients and transports passed in are left alone."""
        self._transports.close()

    async def aclose(self) -> None:
        """Close this provider's async session for the running loop, and its blocking pool."""
        await self._transports.aclose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.aclose()

    def __call__(self, model_id: DeepInfraChatModelId) -> OpenAICompatibleChatModel:
        return self.chat_model(model_id)

    def chat_model(self, model_id: DeepInfraChatModelId) -> OpenAICompatibleChatModel:
        """A chat model (``/openai/chat/completions``): text, streaming, tools, JSON output, vision."""
        from ..openai_compatible.chat_model import OpenAICompatibleChatModel

        return OpenAICompatibleChatModel(
            _model_id(model_id),
            self._config("deepinfra.chat", self._openai_base_url),
            provider_options_key=PROVIDER_OPTIONS_KEY,
            usage_converter=convert_deepinfra_usage,
            metadata_extractor=extract_deepinfra_metadata,
            supports_top_k=True,
            supports_pdf=False,
            request_check=self._check_request,
        )

    language_model = chat_model

    def completion_model(self, model_id: DeepInfraCompletionModelId) -> OpenAICompatibleCompletionModel:
        """A raw text-completion model (``/openai/completions``)."""
        from ..openai_compatible.completion_model import OpenAICompatibleCompletionModel

        return OpenAICompatibleCompletionModel(
            _model_id(model_id),
            self._config("deepinfra.completion", self._openai_base_url),
            provider_options_key=PROVIDER_OPTIONS_KEY,
            usage_converter=convert_deepinfra_usage,
            metadata_extractor=extract_deepinfra_metadata,
        )

    def embedding_model(self, model_id: DeepInfraEmbeddingModelId) -> OpenAICompatibleEmbeddingModel:
        """An embedding model (``/openai/embeddings``)."""
        from ..openai_compatible.embedding_model import OpenAICompatibleEmbeddingModel

        return OpenAICompatibleEmbeddingModel(
            _model_id(model_id),
            self._config("deepinfra.embedding", self._openai_base_url),
            provider_options_key=PROVIDER_OPTIONS_KEY,
            max_embeddings_per_call=_MAX_EMBEDDINGS_PER_CALL,
            metadata_extractor=extract_deepinfra_metadata,
        )

    text_embedding_model = embedding_model

    def image_model(self, model_id: DeepInfraImageModelId) -> DeepInfraImageModel:
        """A text-to-image model (native ``/inference/{model_id}``; edits via ``/openai/images/edits``)."""
        from .image_model import DeepInfraImageModel

        return DeepInfraImageModel(_model_id(model_id), self._config("deepinfra.image", self._native_base_url))

    image = image_model

    def reranking_model(self, model_id: DeepInfraRerankingModelId) -> DeepInfraRerankingModel:
        """A reranker for :func:`ai_sdk.rerank` (native ``/inference/{model_id}``)."""
        from .reranking_model import DeepInfraRerankingModel

        return DeepInfraRerankingModel(_model_id(model_id), self._config("deepinfra.reranking", self._native_base_url))

    reranking = reranking_model

    def transcription_model(self, model_id: DeepInfraTranscriptionModelId) -> DeepInfraTranscriptionModel:
        """A speech-to-text model for :func:`ai_sdk.transcribe` (``/openai/audio/transcriptions``)."""
        from .transcription_model import DeepInfraTranscriptionModel

        return DeepInfraTranscriptionModel(
            _model_id(model_id), self._config("deepinfra.transcription", self._openai_base_url)
        )

    transcription = transcription_model

    def speech_model(self, model_id: DeepInfraSpeechModelId) -> DeepInfraSpeechModel:
        """A text-to-speech model for :func:`ai_sdk.generate_speech` (``/openai/audio/speech``) and
        :func:`ai_sdk.stream_speech` (``/text-to-speech/{voice}/stream``)."""
        from .speech_model import DeepInfraSpeechModel

        return DeepInfraSpeechModel(_model_id(model_id), self._config("deepinfra.speech", self._native_base_url))

    speech = speech_model

    async def models(
        self, *, max_age: float = 3600.0, refresh: bool = False, timeout: float | None = None
    ) -> ModelCatalog:
        """DeepInfra's model catalog (ids, types, context lengths, prices, tags, deprecations), read
        from ``/openai/models`` and ``/models/list`` and kept ``max_age`` seconds (``refresh=True``
        reads it again). Once loaded, chat models of this provider consult it before sending: see
        :mod:`ai_sdk.deepinfra.catalog_cache`."""
        return await self._catalog_cache().load_async(max_age=max_age, refresh=refresh, timeout=timeout)

    def models_sync(
        self, *, max_age: float = 3600.0, refresh: bool = False, timeout: float | None = None
    ) -> ModelCatalog:
        """The blocking twin of :meth:`models` (the same cache)."""
        return self._catalog_cache().load_sync(max_age=max_age, refresh=refresh, timeout=timeout)

    @property
    def catalog(self) -> ModelCatalog | None:
        """The catalog :meth:`models` loaded last (however old), or ``None`` when it never ran."""
        return self._catalog.catalog if self._catalog is not None else None

    async def rate_limit(self, *, timeout: float | None = None) -> RateLimit:
        """The account's per-model limits (``GET /v1/me/rate_limit``): requests in flight at once and
        tokens per minute; read on every call, unlike the catalog: it is one small request a job makes
        once to size itself, and a cached value would hide a limit DeepInfra has just raised (keep the
        result when you need it often). Errors are the catalog's (:meth:`models`): a refused key is an
        :class:`~ai_sdk.errors.APICallError` (401) that never holds the key."""
        from ..http.json_api import get_json_async
        from .rate_limit import parse_rate_limit

        url = self._native_base_url + "/me/rate_limit"
        transport = self._transports.async_()
        return parse_rate_limit(
            (await get_json_async(transport, url, headers=self._request_headers(), timeout=timeout)).value
        )

    def rate_limit_sync(self, *, timeout: float | None = None) -> RateLimit:
        """The blocking twin of :meth:`rate_limit`."""
        from ..http.json_api import get_json_sync
        from .rate_limit import parse_rate_limit

        url = self._native_base_url + "/me/rate_limit"
        return parse_rate_limit(
            get_json_sync(self._transports.sync(), url, headers=self._request_headers(), timeout=timeout).value
        )

    def _catalog_cache(self) -> CatalogCache:
        # Built on first use: the catalog's modules stay out of ``import ai_sdk.deepinfra``.
        if self._catalog is None:
            from .catalog_cache import CatalogCache

            self._catalog = CatalogCache(
                self._config("deepinfra.catalog", self._native_base_url),
                openai_base_url=self._openai_base_url,
                root_url=self._native_base_url.removesuffix("/v1"),
            )
        return self._catalog

    def _check_request(self, model_id: str, body: dict[str, Any]) -> list[CallWarning]:
        """The chat models' pre-send check: nothing until a catalog is loaded (see :meth:`models`)."""
        return self._catalog.check_request(model_id, body) if self._catalog is not None else []

    def _config(self, provider: str, base_url: str) -> ModelConfig:
        return ModelConfig(
            provider=provider,
            base_url=base_url,
            headers=self._request_headers,
            transports=self._transports,
            retry_broken_bodies=self._retry_broken_bodies,
        )

    def _request_headers(self) -> dict[str, str]:
        """Called per request: the key is read now, so setting ``DEEPINFRA_API_KEY`` after import works."""
        headers = self._headers
        if "authorization" not in headers:
            key = load_api_key(self._api_key, env_var="DEEPINFRA_API_KEY", description="DeepInfra")
            headers = {"authorization": f"Bearer {key}", **headers}
        return with_user_agent_suffix(headers, _USER_AGENT)


def _model_id(model_id: object) -> str:
    if not isinstance(model_id, str) or not model_id.strip():
        raise InvalidArgumentError(
            "the model id must be a non-empty string such as 'meta-llama/Meta-Llama-3.1-70B-Instruct'",
            argument="model_id",
            value=model_id,
        )
    return model_id


def _limit(value: object) -> ConcurrencyLimit | None:
    if value is None:
        return None
    from ..http.limiter import ConcurrencyLimit

    if isinstance(value, ConcurrencyLimit):
        return value
    return ConcurrencyLimit(value)  # type: ignore[arg-type]  # checked there, with a clear error


def _signature_of(cls: Callable[P, T]) -> Callable[[Callable[..., T]], Callable[P, T]]:
    """Give a factory function the signature of the class it makes (for ``help()``, the docs and type
    checkers), so the settings are declared once, in the class's ``__init__``."""

    def adopt(factory: Callable[..., T]) -> Callable[P, T]:
        made = inspect.signature(factory).return_annotation
        signature = inspect.signature(cls).replace(return_annotation=made)
        setattr(factory, "__signature__", signature)  # noqa: B010  # mypy: no such attribute
        return factory

    return adopt


@_signature_of(DeepInfraProvider)
def create_deepinfra(**settings: Any) -> DeepInfraProvider:
    """A provider with your settings (see :class:`DeepInfraProvider`); the default :data:`deepinfra`
    reads ``DEEPINFRA_API_KEY`` at request time and uses the default HTTP clients."""
    return DeepInfraProvider(**settings)


deepinfra = create_deepinfra()
"""The default provider: ``from ai_sdk.deepinfra import deepinfra; model = deepinfra("<model id>")``."""

"""The OpenAI-compatible chat model: ``POST {base_url}/chat/completions``, whole or streamed.

Each call is a thin driver: build the body (:mod:`.chat.request`), send it with the HTTP utilities,
parse the answer (:mod:`.chat.response`) or the stream (:mod:`.chat.stream_parser`). The blocking and
async calls share everything but the I/O.
"""

from __future__ import annotations

from ..http.json_api import JSONResponse, post_json_async, post_json_sync, post_stream_async, post_stream_sync
from ..http.redact import redact_error, secrets_of
from ..spec import (
    AISDKError,
    AsyncPartStream,
    CallOptions,
    GenerateResult,
    PartStream,
    RequestInfo,
    ResponseInfo,
    StreamResult,
)
from .chat.metadata import MetadataExtractor, RequestCheck
from .chat.rejection import rejections_explained
from .chat.request import ChatRequest, build_chat_request
from .chat.response import parse_chat_response
from .chat.stream_parser import ChatStreamParser
from .config import ModelConfig
from .model_base import ConfiguredModel
from .part_stream import AsyncSSEPartStream, SyncSSEPartStream
from .usage import UsageConverter, convert_usage

__all__ = ["OpenAICompatibleChatModel"]


class OpenAICompatibleChatModel(ConfiguredModel):
    """A chat model of any OpenAI-compatible API, configured by a provider.

    ``provider_options_key`` names the entry of ``provider_options`` this model reads (``"deepinfra"``).
    ``usage_converter`` and ``metadata_extractor`` are the provider's hooks for its own usage numbers
    and result data. ``supports_top_k`` sends ``top_k`` (otherwise a warning); ``include_usage`` asks a
    streaming server for usage (``stream_options``), for servers that only send it when asked.
    ``supports_pdf=False`` refuses PDF parts before sending, for APIs without a ``file`` content part.
    ``request_check`` sees each finished body before it is sent (the provider's hook for what it knows
    about a model: it may remove settings, returning warnings, or raise).
    Logprobs, the echoed service tier, prediction-token counts and tool calls' thought signatures are
    reported in ``provider_metadata[provider_options_key]``.
    """

    __slots__ = (
        "_include_usage",
        "_metadata_extractor",
        "_provider_options_key",
        "_request_check",
        "_supports_pdf",
        "_supports_top_k",
        "_usage_converter",
    )

    def __init__(
        self,
        model_id: str,
        config: ModelConfig,
        *,
        provider_options_key: str,
        usage_converter: UsageConverter = convert_usage,
        metadata_extractor: MetadataExtractor | None = None,
        supports_top_k: bool = False,
        include_usage: bool = False,
        supports_pdf: bool = True,
        request_check: RequestCheck | None = None,
    ) -> None:
        super().__init__(model_id, config)
        self._provider_options_key = provider_options_key
        self._usage_converter = usage_converter
        self._metadata_extractor = metadata_extractor
        self._supports_top_k = supports_top_k
        self._include_usage = include_usage
        self._supports_pdf = supports_pdf
        self._request_check = request_check

    def __repr__(self) -> str:
        return f"OpenAICompatibleChatModel(provider={self.provider!r}, model_id={self._model_id!r})"

    async def do_generate(self, options: CallOptions) -> GenerateResult:
        url, headers, request = self._prepare(options, stream=False)
        transport = self._config.transports.async_()
        with rejections_explained(request.body):
            response = await post_json_async(
                transport,
                url,
                headers=headers,
                body=request.body,
                deadline=self._deadline(options),
                retry_broken_bodies=self._config.retry_broken_bodies,
            )
        return self._answer(url, request, response, headers)

    def do_generate_sync(self, options: CallOptions) -> GenerateResult:
        url, headers, request = self._prepare(options, stream=False)
        transport = self._config.transports.sync()
        with rejections_explained(request.body):
            response = post_json_sync(
                transport,
                url,
                headers=headers,
                body=request.body,
                deadline=self._deadline(options),
                retry_broken_bodies=self._config.retry_broken_bodies,
            )
        return self._answer(url, request, response, headers)

    async def do_stream(self, options: CallOptions) -> StreamResult[AsyncPartStream]:
        url, headers, request = self._prepare(options, stream=True)
        transport = self._config.transports.async_()
        with rejections_explained(request.body):
            response = await post_stream_async(
                transport, url, headers=headers, body=request.body, deadline=self._deadline(options)
            )
        stream = AsyncSSEPartStream(response, self._parser(url, request, options), secrets_of(headers))
        return StreamResult(stream, RequestInfo(body=request.body), ResponseInfo(headers=response.headers))

    def do_stream_sync(self, options: CallOptions) -> StreamResult[PartStream]:
        url, headers, request = self._prepare(options, stream=True)
        transport = self._config.transports.sync()
        with rejections_explained(request.body):
            response = post_stream_sync(
                transport, url, headers=headers, body=request.body, deadline=self._deadline(options)
            )
        stream = SyncSSEPartStream(response, self._parser(url, request, options), secrets_of(headers))
        return StreamResult(stream, RequestInfo(body=request.body), ResponseInfo(headers=response.headers))

    def build_request(self, options: CallOptions, *, stream: bool = False) -> ChatRequest:
        """The body this model sends for ``options`` and the warnings about settings it leaves out:
        what a Batch API line carries, so batched and real-time requests are the same."""
        request = build_chat_request(
            self._model_id,
            options,
            provider_options_key=self._provider_options_key,
            stream=stream,
            supports_top_k=self._supports_top_k,
            include_usage=self._include_usage,
            supports_pdf=self._supports_pdf,
        )
        if self._request_check is not None:
            request.warnings.extend(self._request_check(self._model_id, request.body))
        return request

    def parse_response(self, value: object, *, url: str, request: ChatRequest) -> GenerateResult:
        """A chat completion body (as answered, or as a Batch API output line holds it) as this model's
        result, with the provider's usage and metadata hooks applied."""
        return self._result(url, request, JSONResponse(value, {}, 200))

    def _prepare(self, options: CallOptions, *, stream: bool) -> tuple[str, dict[str, str], ChatRequest]:
        request = self.build_request(options, stream=stream)
        headers = self._headers(options.headers)
        return self._config.url("/chat/completions"), headers, request

    def _answer(
        self, url: str, request: ChatRequest, response: JSONResponse, headers: dict[str, str]
    ) -> GenerateResult:
        try:
            return self._result(url, request, response)
        except AISDKError as error:
            # the parser quotes an answer it cannot read; a server that echoes the request (a base URL
            # pointed at an echo service) would put the API key there
            redact_error(error, secrets_of(headers))
            raise

    def _result(self, url: str, request: ChatRequest, response: JSONResponse) -> GenerateResult:
        return parse_chat_response(
            response.value,
            url=url,
            headers=response.headers,
            request_body=request.body,
            warnings=request.warnings,
            usage_converter=self._usage_converter,
            metadata_extractor=self._metadata_extractor,
            metadata_key=self._provider_options_key,
        )

    def _parser(self, url: str, request: ChatRequest, options: CallOptions) -> ChatStreamParser:
        return ChatStreamParser(
            url=url,
            warnings=request.warnings,
            include_raw_chunks=options.include_raw_chunks,
            usage_converter=self._usage_converter,
            metadata_extractor=self._metadata_extractor,
            metadata_key=self._provider_options_key,
        )

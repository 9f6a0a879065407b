"""The OpenAI-compatible completion model (``POST {base}/completions``): chat messages are flattened
into one text prompt (see :mod:`.completion.prompt`), and the answer is plain text.

Both forms of each call are thin drivers over the pure request builder, response parser and stream
parser in :mod:`.completion`; neither wraps the other.
"""

from __future__ import annotations

from typing import Any

from ..http.json_api import post_json_async, post_json_sync, post_stream_async, post_stream_sync
from ..http.redact import secrets_of
from ..spec import (
    AsyncPartStream,
    CallOptions,
    CallWarning,
    GenerateResult,
    PartStream,
    RequestInfo,
    ResponseInfo,
    StreamResult,
)
from .completion import CompletionStreamParser, completion_request_body, parse_completion_response
from .config import ModelConfig
from .model_base import ConfiguredModel
from .part_stream import AsyncSSEPartStream, SyncSSEPartStream
from .usage import UsageConverter, convert_usage

__all__ = ["OpenAICompatibleCompletionModel"]


class OpenAICompatibleCompletionModel(ConfiguredModel):
    """A text-completion model. ``provider_options_key`` names the ``provider_options`` entry whose
    keys are copied into the request body; ``usage_converter`` lets a provider fix its usage numbers."""

    __slots__ = ("_provider_options_key", "_usage_converter")

    def __init__(
        self,
        model_id: str,
        config: ModelConfig,
        *,
        provider_options_key: str,
        usage_converter: UsageConverter = convert_usage,
    ) -> None:
        super().__init__(model_id, config)
        self._provider_options_key = provider_options_key
        self._usage_converter = usage_converter

    def _prepare(
        self, options: CallOptions, *, stream: bool
    ) -> tuple[str, dict[str, str], dict[str, Any], list[CallWarning]]:
        body, warnings = completion_request_body(
            self._model_id, options, provider_options_key=self._provider_options_key, stream=stream
        )
        headers = self._headers(options.headers)
        return self._config.url("/completions"), headers, body, warnings

    def _parser(self, url: str, options: CallOptions, warnings: list[CallWarning]) -> CompletionStreamParser:
        return CompletionStreamParser(
            url=url,
            usage_converter=self._usage_converter,
            warnings=warnings,
            include_raw_chunks=options.include_raw_chunks,
            metadata_key=self._provider_options_key,
        )

    async def do_generate(self, options: CallOptions) -> GenerateResult:
        url, headers, body, warnings = self._prepare(options, stream=False)
        transport = self._config.transports.async_()
        response = await post_json_async(
            transport,
            url,
            headers=headers,
            body=body,
            deadline=self._deadline(options),
            retry_broken_bodies=self._config.retry_broken_bodies,
        )
        return parse_completion_response(
            response.value,
            headers=response.headers,
            request_body=body,
            warnings=warnings,
            usage_converter=self._usage_converter,
            metadata_key=self._provider_options_key,
        )

    def do_generate_sync(self, options: CallOptions) -> GenerateResult:
        url, headers, body, warnings = self._prepare(options, stream=False)
        transport = self._config.transports.sync()
        response = post_json_sync(
            transport,
            url,
            headers=headers,
            body=body,
            deadline=self._deadline(options),
            retry_broken_bodies=self._config.retry_broken_bodies,
        )
        return parse_completion_response(
            response.value,
            headers=response.headers,
            request_body=body,
            warnings=warnings,
            usage_converter=self._usage_converter,
            metadata_key=self._provider_options_key,
        )

    async def do_stream(self, options: CallOptions) -> StreamResult[AsyncPartStream]:
        url, headers, body, warnings = self._prepare(options, stream=True)
        transport = self._config.transports.async_()
        response = await post_stream_async(transport, url, headers=headers, body=body, deadline=self._deadline(options))
        stream = AsyncSSEPartStream(response, self._parser(url, options, warnings), secrets_of(headers))
        return StreamResult(stream, RequestInfo(body), ResponseInfo(headers=response.headers))

    def do_stream_sync(self, options: CallOptions) -> StreamResult[PartStream]:
        url, headers, body, warnings = self._prepare(options, stream=True)
        transport = self._config.transports.sync()
        response = post_stream_sync(transport, url, headers=headers, body=body, deadline=self._deadline(options))
        stream = SyncSSEPartStream(response, self._parser(url, options, warnings), secrets_of(headers))
        return StreamResult(stream, RequestInfo(body), ResponseInfo(headers=response.headers))

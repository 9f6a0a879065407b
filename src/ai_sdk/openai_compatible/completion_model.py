"""The OpenAI-compatible completion model (``POST {base}/completions``): chat messages are flattened
into one text prompt (see :mod:`.completion.prompt`), and the answer is plain text.

Both forms of each call are thin drivers over the pure request builder, response parser and stream
parser in :mod:`.completion`; neither wraps the other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ..http.json_api import JSONResponse
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
from .chat.metadata import MetadataExtractor
from .completion import CompletionStreamParser, completion_request_body, parse_completion_response
from .config import ModelConfig
from .exchange import POST_JSON, POST_STREAM, Exchange
from .model_base import ConfiguredModel
from .part_stream import AsyncSSEPartStream, SyncSSEPartStream
from .usage import UsageConverter, convert_usage

__all__ = ["OpenAICompatibleCompletionModel"]

S = TypeVar("S", PartStream, AsyncPartStream)


class OpenAICompatibleCompletionModel(ConfiguredModel):
    """A text-completion model. ``provider_options_key`` names the ``provider_options`` entry whose
    keys are copied into the request body; ``usage_converter`` lets a provider fix its usage numbers, and
    ``metadata_extractor`` report its own answer fields (DeepInfra's ``estimated_cost``) as provider
    metadata, as its chat models do."""

    __slots__ = ("_metadata_extractor", "_provider_options_key", "_usage_converter")

    def __init__(
        self,
        model_id: str,
        config: ModelConfig,
        *,
        provider_options_key: str,
        usage_converter: UsageConverter = convert_usage,
        metadata_extractor: MetadataExtractor | None = None,
    ) -> None:
        super().__init__(model_id, config)
        self._metadata_extractor = metadata_extractor
        self._provider_options_key = provider_options_key
        self._usage_converter = usage_converter

    async def do_generate(self, options: CallOptions) -> GenerateResult:
        return await self._generate(options).send_async(self._config.transports)

    def do_generate_sync(self, options: CallOptions) -> GenerateResult:
        return self._generate(options).send_sync(self._config.transports)

    async def do_stream(self, options: CallOptions) -> StreamResult[AsyncPartStream]:
        return await self._stream(options, AsyncSSEPartStream).send_async(self._config.transports)

    def do_stream_sync(self, options: CallOptions) -> StreamResult[PartStream]:
        return self._stream(options, SyncSSEPartStream).send_sync(self._config.transports)

    def _prepare(
        self, options: CallOptions, *, stream: bool
    ) -> tuple[str, dict[str, str], dict[str, Any], list[CallWarning]]:
        body, warnings = completion_request_body(
            self._model_id, options, provider_options_key=self._provider_options_key, stream=stream
        )
        headers = self._headers(options.headers)
        return self._config.url("/completions"), headers, body, warnings

    def _generate(self, options: CallOptions) -> Exchange[GenerateResult]:
        url, headers, body, warnings = self._prepare(options, stream=False)

        def finish(response: JSONResponse) -> GenerateResult:
            return parse_completion_response(
                response.value,
                headers=response.headers,
                request_body=body,
                warnings=warnings,
                usage_converter=self._usage_converter,
                metadata_key=self._provider_options_key,
                metadata_extractor=self._metadata_extractor,
            )

        return Exchange(POST_JSON, url, self._bounded(options, headers, body=body), finish)

    def _stream(self, options: CallOptions, stream_type: Callable[..., S]) -> Exchange[StreamResult[S]]:
        """``stream_type`` is the blocking or the async part stream: the one thing the twins differ in."""
        url, headers, body, warnings = self._prepare(options, stream=True)

        def finish(response: Any) -> StreamResult[S]:
            parser = CompletionStreamParser(
                url=url,
                usage_converter=self._usage_converter,
                warnings=warnings,
                include_raw_chunks=options.include_raw_chunks,
                metadata_key=self._provider_options_key,
                metadata_extractor=self._metadata_extractor,
            )
            stream = stream_type(response, parser, secrets_of(headers))
            return StreamResult(stream, RequestInfo(body), ResponseInfo(headers=response.headers))

        arguments = {"headers": headers, "body": body, "deadline": self._deadline(options)}
        return Exchange(POST_STREAM, url, arguments, finish)

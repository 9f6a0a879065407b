"""The OpenAI-compatible completion model (``POST {base}/completions``): chat messages are flattened
into one text prompt (see :mod:`.completion.prompt`), and the answer is plain text.

Both forms of each call are thin drivers over the pure request builder, response parser and stream
parser in :mod:`.completion`; neither wraps the other.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterator
from typing import Any, Literal

from ..http.headers import combine_headers
from ..http.json_api import post_json_async, post_json_sync, post_stream_async, post_stream_sync
from ..http.sse import SSEDecoder
from ..http.transport import AsyncResponse, SyncResponse
from ..spec import (
    APICallError,
    AsyncPartStream,
    CallOptions,
    CallWarning,
    GenerateResult,
    PartStream,
    RequestInfo,
    ResponseInfo,
    StreamPart,
    StreamResult,
)
from .completion import CompletionStreamParser, completion_request_body, parse_completion_response
from .config import ModelConfig
from .usage import UsageConverter, convert_usage

__all__ = ["OpenAICompatibleCompletionModel"]


class OpenAICompatibleCompletionModel:
    """A text-completion model. ``provider_options_key`` names the ``provider_options`` entry whose
    keys are copied into the request body; ``usage_converter`` lets a provider fix its usage numbers."""

    __slots__ = ("_config", "_model_id", "_provider_options_key", "_usage_converter")

    def __init__(
        self,
        model_id: str,
        config: ModelConfig,
        *,
        provider_options_key: str,
        usage_converter: UsageConverter = convert_usage,
    ) -> None:
        self._model_id = model_id
        self._config = config
        self._provider_options_key = provider_options_key
        self._usage_converter = usage_converter

    @property
    def specification_version(self) -> Literal["v3"]:
        return "v3"

    @property
    def provider(self) -> str:
        return self._config.provider

    @property
    def model_id(self) -> str:
        return self._model_id

    def __repr__(self) -> str:
        return f"OpenAICompatibleCompletionModel({self._model_id!r}, provider={self._config.provider!r})"

    def _prepare(
        self, options: CallOptions, *, stream: bool
    ) -> tuple[str, dict[str, str], dict[str, Any], list[CallWarning]]:
        body, warnings = completion_request_body(
            self._model_id, options, provider_options_key=self._provider_options_key, stream=stream
        )
        headers = combine_headers(self._config.headers(), options.headers)
        return self._config.url("/completions"), headers, body, warnings

    def _parser(self, url: str, options: CallOptions, warnings: list[CallWarning]) -> CompletionStreamParser:
        return CompletionStreamParser(
            url=url,
            usage_converter=self._usage_converter,
            warnings=warnings,
            include_raw_chunks=options.include_raw_chunks,
        )

    async def do_generate(self, options: CallOptions) -> GenerateResult:
        url, headers, body, warnings = self._prepare(options, stream=False)
        transport = self._config.transports.async_()
        response = await post_json_async(transport, url, headers=headers, body=body, timeout=options.timeout)
        return parse_completion_response(
            response.value,
            headers=response.headers,
            request_body=body,
            warnings=warnings,
            usage_converter=self._usage_converter,
        )

    def do_generate_sync(self, options: CallOptions) -> GenerateResult:
        url, headers, body, warnings = self._prepare(options, stream=False)
        transport = self._config.transports.sync()
        response = post_json_sync(transport, url, headers=headers, body=body, timeout=options.timeout)
        return parse_completion_response(
            response.value,
            headers=response.headers,
            request_body=body,
            warnings=warnings,
            usage_converter=self._usage_converter,
        )

    async def do_stream(self, options: CallOptions) -> StreamResult[AsyncPartStream]:
        url, headers, body, warnings = self._prepare(options, stream=True)
        transport = self._config.transports.async_()
        response = await post_stream_async(transport, url, headers=headers, body=body, timeout=options.timeout)
        stream = _AsyncCompletionStream(response, self._parser(url, options, warnings))
        return StreamResult(stream, RequestInfo(body), ResponseInfo(headers=response.headers))

    def do_stream_sync(self, options: CallOptions) -> StreamResult[PartStream]:
        url, headers, body, warnings = self._prepare(options, stream=True)
        transport = self._config.transports.sync()
        response = post_stream_sync(transport, url, headers=headers, body=body, timeout=options.timeout)
        stream = _SyncCompletionStream(response, self._parser(url, options, warnings))
        return StreamResult(stream, RequestInfo(body), ResponseInfo(headers=response.headers))


class _SyncCompletionStream:
    """A blocking part stream over the streamed response (the same behaviour as the chat model's).

    The connection is released at the end, on ``close()`` (idempotent), when a ``for`` loop over the
    stream breaks or raises (each loop runs a generator whose ``finally`` closes it), and on garbage
    collection. A network failure mid-body becomes an ``error`` part and the finish reason ``error``.
    """

    __slots__ = ("_chunks", "_closed", "_decoder", "_iterator", "_parser", "_response")

    def __init__(self, response: SyncResponse, parser: CompletionStreamParser) -> None:
        self._closed = False
        self._response = response
        self._parser = parser
        self._decoder = SSEDecoder()
        self._chunks = response.iter_bytes()
        self._iterator: Generator[StreamPart, None, None] | None = None

    def __iter__(self) -> Iterator[StreamPart]:
        return self._parts()

    def __next__(self) -> StreamPart:
        if self._closed:
            raise StopIteration
        if self._iterator is None:
            self._iterator = self._parts()
        return next(self._iterator)

    @property
    def closed(self) -> bool:
        """Whether the connection has been released (at the end, or by :meth:`close`)."""
        return self._closed

    def close(self) -> None:
        """Release the connection; later reads end the iteration."""
        if not self._closed:
            self._closed = True
            self._response.close()

    __del__ = close

    def _parts(self) -> Generator[StreamPart, None, None]:
        if self._closed:
            return
        decoder = self._decoder
        parser = self._parser
        try:
            try:
                for chunk in self._chunks:
                    for payload in decoder.feed(chunk):
                        yield from parser.feed(payload)
                    if self.closed:
                        return
                for payload in decoder.finish():
                    yield from parser.feed(payload)
            except APICallError as error:
                yield from parser.fail(error)
            yield from parser.finish()
        finally:
            self.close()


class _AsyncCompletionStream:
    """The async twin of :class:`_SyncCompletionStream`; ``close()`` is synchronous and needs no loop."""

    __slots__ = ("_chunks", "_closed", "_decoder", "_iterator", "_parser", "_response")

    def __init__(self, response: AsyncResponse, parser: CompletionStreamParser) -> None:
        self._closed = False
        self._response = response
        self._parser = parser
        self._decoder = SSEDecoder()
        self._chunks = response.aiter_bytes()
        self._iterator: AsyncGenerator[StreamPart, None] | None = None

    def __aiter__(self) -> AsyncIterator[StreamPart]:
        return self._parts()

    async def __anext__(self) -> StreamPart:
        if self._closed:
            raise StopAsyncIteration
        if self._iterator is None:
            self._iterator = self._parts()
        return await anext(self._iterator)

    @property
    def closed(self) -> bool:
        """Whether the connection has been released (at the end, or by :meth:`close`)."""
        return self._closed

    def close(self) -> None:
        """Release the connection; later reads end the iteration. Needs no event loop."""
        if not self._closed:
            self._closed = True
            self._response.close()

    __del__ = close

    async def _parts(self) -> AsyncGenerator[StreamPart, None]:
        if self._closed:
            return
        decoder = self._decoder
        parser = self._parser
        try:
            try:
                async for chunk in self._chunks:
                    for payload in decoder.feed(chunk):
                        for part in parser.feed(payload):
                            yield part
                    if self.closed:
                        return
                for payload in decoder.finish():
                    for part in parser.feed(payload):
                        yield part
            except APICallError as error:
                for part in parser.fail(error):
                    yield part
            for part in parser.finish():
                yield part
        finally:
            self.close()

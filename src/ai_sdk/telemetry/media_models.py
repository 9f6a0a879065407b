"""Spans of the image, reranking, transcription and speech models: one CLIENT span per model call.

Images, transcripts and speech are ``generate_content {model}`` spans told apart by
``gen_ai.output.type`` (``image``, ``text``, ``speech``), as the GenAI conventions name multimodal
generation; reranking has no conventional name yet, so its spans are ``rerank {model}``. The cost is
``gen_ai.usage.cost`` from the result's usage or, for images (which have no usage), from the
provider's ``cost`` metadata. A streamed speech call's span lasts until its audio stream ends.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..spec._json import dumps_str
from ..spec.image_model import ImageCallOptions, ImageResult
from ..spec.language_model import Text
from ..spec.reranking_model import RerankingResult, RerankOptions
from ..spec.shared import Usage
from ..spec.speech_model import SpeechOptions, SpeechResult, SpeechStreamResult
from ..spec.transcription_model import TranscriptionOptions, TranscriptionResult
from .attributes import AttributeValue, known, output_messages
from .recorder import Operation
from .traced import ModelSpans, ObservedStream, StreamObserver, TracedModel, traced_calls

__all__ = [
    "ImageSpans",
    "RerankingSpans",
    "SpeechSpans",
    "TracedGenerateModel",
    "TracedImageModel",
    "TracedRerankingModel",
    "TracedSpeechModel",
    "TranscriptionSpans",
]


class TracedGenerateModel(TracedModel):
    """A model whose one call is ``do_generate`` (transcription), traced."""

    __slots__ = ()

    do_generate, do_generate_sync = traced_calls()


class TracedImageModel(TracedGenerateModel):
    """An image model whose calls are traced."""

    __slots__ = ()

    @property
    def max_images_per_call(self) -> int | None:
        """The model's."""
        return self._model.max_images_per_call  # type: ignore[no-any-return]


class TracedSpeechModel(TracedGenerateModel):
    """A speech model whose calls, whole or streamed, are traced."""

    __slots__ = ()

    do_stream, do_stream_sync = traced_calls()


class TracedRerankingModel(TracedModel):
    """A reranking model whose calls are traced."""

    __slots__ = ()

    do_rerank, do_rerank_sync = traced_calls()


def _user_text(text: str) -> str:
    """``gen_ai.input.messages`` of a call whose input is one text."""
    return dumps_str([{"role": "user", "parts": [{"type": "text", "content": text}]}])


class ImageSpans(ModelSpans):
    """``generate_content {model}`` spans with ``gen_ai.output.type=image``."""

    __slots__ = ()

    operation_name = "generate_content"
    output_type = "image"

    def start(self, options: ImageCallOptions, stream: bool) -> Operation:
        """The number of images asked for, their size or aspect ratio, the seed (and the prompt)."""
        attributes = known(
            ("gen_ai.request.choice.count", options.n),
            ("gen_ai.request.seed", options.seed),
            ("ai_sdk.image.size", options.size),
            ("ai_sdk.image.aspect_ratio", options.aspect_ratio),
            ("ai_sdk.image.input_count", len(options.files) if options.files else None),
        )
        if self.recorder.record_inputs and options.prompt is not None:
            attributes["gen_ai.input.messages"] = _user_text(options.prompt)
        return self.begin(attributes)

    def done(self, operation: Operation, result: Any) -> Any:
        """How many images came back, and the cost the provider reported."""
        assert isinstance(result, ImageResult)
        attributes = self.result_attributes(result.response, result.provider_metadata)
        attributes["ai_sdk.image.count"] = len(result.images)
        operation.set(attributes)
        cost = ((result.provider_metadata or {}).get(self.provider) or {}).get("cost")
        usable = isinstance(cost, int | float) and not isinstance(cost, bool)
        operation.succeed(Usage(cost=cost) if usable else None, result.response.model_id)
        return result


class RerankingSpans(ModelSpans):
    """``rerank {model}`` spans."""

    __slots__ = ()

    operation_name = "rerank"

    def start(self, options: RerankOptions, stream: bool) -> Operation:
        """The number of documents and ``top_n`` (and the query and documents)."""
        attributes: dict[str, AttributeValue] = {"ai_sdk.rerank.document_count": len(options.documents)}
        if options.top_n is not None:
            attributes["ai_sdk.rerank.top_n"] = options.top_n
        if self.recorder.record_inputs:
            attributes["ai_sdk.rerank.query"] = options.query
            attributes["ai_sdk.rerank.documents"] = dumps_str(list(options.documents))
        return self.begin(attributes)

    def done(self, operation: Operation, result: Any) -> Any:
        """The usage and cost (and the ranking)."""
        assert isinstance(result, RerankingResult)
        attributes = self.result_attributes(result.response, result.provider_metadata)
        if self.recorder.record_outputs:
            ranking = [{"index": item.index, "relevance_score": item.relevance_score} for item in result.ranking]
            attributes["ai_sdk.rerank.ranking"] = dumps_str(ranking)
        operation.set(attributes)
        operation.succeed(result.usage, result.response.model_id)
        return result


class TranscriptionSpans(ModelSpans):
    """``generate_content {model}`` spans with ``gen_ai.output.type=text``."""

    __slots__ = ()

    operation_name = "generate_content"
    output_type = "text"

    def start(self, options: TranscriptionOptions, stream: bool) -> Operation:
        """The audio's media type and size."""
        return self.begin({"ai_sdk.audio.media_type": options.media_type, "ai_sdk.audio.bytes": len(options.audio)})

    def done(self, operation: Operation, result: Any) -> Any:
        """The language and duration, the usage and cost (and the transcript)."""
        assert isinstance(result, TranscriptionResult)
        attributes = self.result_attributes(result.response, result.provider_metadata)
        if result.language is not None:
            attributes["ai_sdk.transcription.language"] = result.language
        if result.duration_in_seconds is not None:
            attributes["ai_sdk.transcription.duration"] = result.duration_in_seconds
        if self.recorder.record_outputs:
            attributes["gen_ai.output.messages"] = output_messages([Text(result.text)], None)
        operation.set(attributes)
        operation.succeed(result.usage, result.response.model_id)
        return result


class SpeechSpans(ModelSpans):
    """``generate_content {model}`` spans with ``gen_ai.output.type=speech``; a stream's span lasts
    until the audio stream ends (with the time to its first chunk)."""

    __slots__ = ()

    operation_name = "generate_content"
    output_type = "speech"

    def start(self, options: SpeechOptions, stream: bool) -> Operation:
        """The voice and output format (and the text)."""
        attributes = known(
            ("gen_ai.request.stream", stream),
            ("ai_sdk.speech.voice", options.voice),
            ("ai_sdk.speech.format", options.output_format),
        )
        if self.recorder.record_inputs:
            attributes["gen_ai.input.messages"] = _user_text(options.text)
        return self.begin(attributes)

    def done(self, operation: Operation, result: Any) -> Any:
        """The audio's media type and size; a stream is observed to its end."""
        attributes = self.result_attributes(result.response, getattr(result, "provider_metadata", None))
        attributes["ai_sdk.audio.media_type"] = result.media_type
        operation.set(attributes)
        if isinstance(result, SpeechStreamResult):
            return dataclasses.replace(result, stream=ObservedStream(result.stream, StreamObserver(operation)))
        assert isinstance(result, SpeechResult)
        operation.set({"ai_sdk.audio.bytes": len(result.audio)})
        operation.succeed(None, result.response.model_id)
        return result

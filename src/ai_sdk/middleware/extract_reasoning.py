"""``<think>``-tag extraction: reasoning that a model writes into its text becomes reasoning parts.

One pure splitter does the work for both calls: streamed text is fed delta by delta, a generated text
is fed whole, so ``do_generate`` and ``do_stream`` agree exactly and the result does not depend on
where the stream was cut. A tag split across deltas (``"<thi"`` + ``"nk>"``) is held back until it is
complete or proven not to be a tag; whatever is held back at the end of the text is plain text.

Reasoning segments and text segments are joined with ``separator`` (the gaps where tags were); a
reasoning block left open at the end of the text (a truncated answer) ends there. With
``start_with_reasoning`` the text starts inside a reasoning block (models that omit the opening tag).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Literal, TypeAlias

from ..spec.errors import InvalidArgumentError
from ..spec.language_model import (
    AsyncPartStream,
    CallOptions,
    Content,
    Finish,
    GenerateResult,
    LanguageModel,
    PartStream,
    Reasoning,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    StreamPart,
    StreamResult,
    Text,
    TextDelta,
    TextEnd,
)
from .language_model import DoGenerate, DoGenerateSync, DoStream, DoStreamSync, LanguageModelMiddleware
from .part_streams import AsyncTransformedPartStream, TransformedPartStream

__all__ = ["ReasoningSplitter", "ReasoningStreamTransformer", "extract_reasoning_middleware"]

Segment: TypeAlias = tuple[Literal["text", "reasoning", "reasoning-start", "reasoning-end"], str]
"""What the splitter emits: text or reasoning pieces, and the start/end of each reasoning block."""


def _potential_start(buffer: str, tag: str) -> int | None:
    """Where ``tag`` starts in ``buffer``, or where a prefix of it starts at the very end (the rest may
    follow in the next delta); ``None`` when neither."""
    index = buffer.find(tag)
    if index >= 0:
        return index
    for length in range(min(len(tag) - 1, len(buffer)), 0, -1):
        if buffer.endswith(tag[:length]):
            return len(buffer) - length
    return None


class ReasoningSplitter:
    """Splits one text block into text and reasoning segments as its pieces arrive."""

    __slots__ = (
        "_after_switch",
        "_buffer",
        "_closing",
        "_has_reasoning",
        "_has_text",
        "_in_reasoning",
        "_opening",
        "_reasoning_open",
        "_separator",
    )

    def __init__(self, *, tag_name: str, separator: str, start_with_reasoning: bool) -> None:
        self._opening = f"<{tag_name}>"
        self._closing = f"</{tag_name}>"
        self._separator = separator
        self._buffer = ""
        self._in_reasoning = start_with_reasoning
        self._reasoning_open = False
        self._after_switch = False
        self._has_reasoning = False
        self._has_text = False

    def _publish(self, text: str, out: list[Segment]) -> None:
        if not text:
            return
        reasoning = self._in_reasoning
        if self._after_switch and (self._has_reasoning if reasoning else self._has_text):
            text = self._separator + text
        self._after_switch = False
        if reasoning:
            if not self._reasoning_open:
                self._reasoning_open = True
                out.append(("reasoning-start", ""))
            self._has_reasoning = True
            out.append(("reasoning", text))
        else:
            self._has_text = True
            out.append(("text", text))

    def _switch(self, out: list[Segment]) -> None:
        if self._in_reasoning and self._reasoning_open:
            self._reasoning_open = False
            out.append(("reasoning-end", ""))
        self._in_reasoning = not self._in_reasoning
        self._after_switch = True

    def feed(self, delta: str) -> list[Segment]:
        """The segments that ``delta`` completes (a possible partial tag at its end is held back)."""
        out: list[Segment] = []
        buffer = self._buffer + delta
        while True:
            tag = self._closing if self._in_reasoning else self._opening
            start = _potential_start(buffer, tag)
            if start is None:
                self._publish(buffer, out)
                buffer = ""
                break
            self._publish(buffer[:start], out)
            if start + len(tag) > len(buffer):
                buffer = buffer[start:]
                break
            buffer = buffer[start + len(tag) :]
            self._switch(out)
        self._buffer = buffer
        return out

    def finish(self) -> list[Segment]:
        """The held-back rest (a partial tag is plain text after all) and the end of an open block."""
        out: list[Segment] = []
        self._publish(self._buffer, out)
        self._buffer = ""
        if self._reasoning_open:
            self._reasoning_open = False
            out.append(("reasoning-end", ""))
        return out


class ReasoningStreamTransformer:
    """A :class:`~ai_sdk.middleware.PartTransformer` that splits every text block of a stream.

    Reasoning blocks found in text block ``t`` get the ids ``t:reasoning-0``, ``t:reasoning-1``, ...
    A text block is flushed at its ``text-end`` (or at ``finish`` / the end of the stream if its end
    never comes).
    """

    __slots__ = ("_blocks", "_counters", "_settings")

    def __init__(self, *, tag_name: str, separator: str, start_with_reasoning: bool) -> None:
        self._settings = (tag_name, separator, start_with_reasoning)
        self._blocks: dict[str, ReasoningSplitter] = {}
        self._counters: dict[str, int] = {}

    def _parts(self, text_id: str, segments: list[Segment], delta: TextDelta | None = None) -> list[StreamPart]:
        parts: list[StreamPart] = []
        for kind, text in segments:
            if kind == "text":
                metadata = delta.provider_metadata if delta is not None else None
                parts.append(TextDelta(id=text_id, delta=text, provider_metadata=metadata))
                continue
            reasoning_id = f"{text_id}:reasoning-{self._counters.get(text_id, 0)}"
            if kind == "reasoning":
                parts.append(ReasoningDelta(id=reasoning_id, delta=text))
            elif kind == "reasoning-start":
                parts.append(ReasoningStart(id=reasoning_id))
            else:
                parts.append(ReasoningEnd(id=reasoning_id))
                self._counters[text_id] = self._counters.get(text_id, 0) + 1
        return parts

    def _flush(self, text_id: str) -> list[StreamPart]:
        splitter = self._blocks.pop(text_id, None)
        return [] if splitter is None else self._parts(text_id, splitter.finish())

    def _flush_all(self) -> list[StreamPart]:
        return [part for text_id in list(self._blocks) for part in self._flush(text_id)]

    def feed(self, part: StreamPart) -> Iterable[StreamPart]:
        """The parts to emit for ``part``: text deltas are split, the rest passes through."""
        kind = type(part)
        if kind is TextDelta:
            assert isinstance(part, TextDelta)
            splitter = self._blocks.get(part.id)
            if splitter is None:
                tag_name, separator, start_with_reasoning = self._settings
                splitter = ReasoningSplitter(
                    tag_name=tag_name, separator=separator, start_with_reasoning=start_with_reasoning
                )
                self._blocks[part.id] = splitter
            return self._parts(part.id, splitter.feed(part.delta), part)
        if kind is TextEnd:
            assert isinstance(part, TextEnd)
            return [*self._flush(part.id), part]
        if kind is Finish:
            return [*self._flush_all(), part]
        return (part,)

    def finish(self) -> Iterable[StreamPart]:
        """Flushes the text blocks whose end never came."""
        return self._flush_all()


class _ExtractReasoning(LanguageModelMiddleware):
    def __init__(self, tag_name: str, separator: str, start_with_reasoning: bool) -> None:
        self._tag_name = tag_name
        self._separator = separator
        self._start_with_reasoning = start_with_reasoning

    def __repr__(self) -> str:
        return (
            f"extract_reasoning_middleware(tag_name={self._tag_name!r}, separator={self._separator!r}, "
            f"start_with_reasoning={self._start_with_reasoning!r})"
        )

    def _split_text(self, part: Text) -> list[Content]:
        splitter = ReasoningSplitter(
            tag_name=self._tag_name, separator=self._separator, start_with_reasoning=self._start_with_reasoning
        )
        segments = [*splitter.feed(part.text), *splitter.finish()]
        text = "".join(piece for kind, piece in segments if kind == "text")
        content: list[Content] = []
        if any(kind == "reasoning-start" for kind, _ in segments):
            content.append(Reasoning(text="".join(piece for kind, piece in segments if kind == "reasoning")))
        content.append(part if text == part.text else replace(part, text=text))
        return content

    def _split(self, result: GenerateResult) -> GenerateResult:
        content: list[Content] = []
        for part in result.content:
            content.extend(self._split_text(part) if isinstance(part, Text) else (part,))
        return replace(result, content=content)

    def _transformer(self) -> ReasoningStreamTransformer:
        return ReasoningStreamTransformer(
            tag_name=self._tag_name, separator=self._separator, start_with_reasoning=self._start_with_reasoning
        )

    async def wrap_generate(
        self, *, do_generate: DoGenerate, do_stream: DoStream, params: CallOptions, model: LanguageModel
    ) -> GenerateResult:
        return self._split(await do_generate())

    def wrap_generate_sync(
        self, *, do_generate: DoGenerateSync, do_stream: DoStreamSync, params: CallOptions, model: LanguageModel
    ) -> GenerateResult:
        return self._split(do_generate())

    async def wrap_stream(
        self, *, do_generate: DoGenerate, do_stream: DoStream, params: CallOptions, model: LanguageModel
    ) -> StreamResult[AsyncPartStream]:
        result = await do_stream()
        return replace(result, stream=AsyncTransformedPartStream(result.stream, self._transformer()))

    def wrap_stream_sync(
        self, *, do_generate: DoGenerateSync, do_stream: DoStreamSync, params: CallOptions, model: LanguageModel
    ) -> StreamResult[PartStream]:
        result = do_stream()
        return replace(result, stream=TransformedPartStream(result.stream, self._transformer()))


def extract_reasoning_middleware(
    *, tag_name: str = "think", separator: str = "\n", start_with_reasoning: bool = False
) -> LanguageModelMiddleware:
    """Middleware that moves ``<tag_name>...</tag_name>`` sections of the generated text into
    reasoning (``result.reasoning_text``, ``ReasoningDelta`` parts), for models that write their
    reasoning into the text (DeepSeek-R1 distills, QwQ, ...).

    ``separator`` joins the pieces left where a section was cut out; ``start_with_reasoning=True``
    treats the text as starting inside a section (for models whose template already opened the tag).
    Works on streams cut anywhere, including inside a tag.
    """
    if not isinstance(tag_name, str) or not tag_name or any(c in tag_name for c in "<>/"):
        raise InvalidArgumentError(
            "tag_name must be a non-empty tag name without '<', '>' or '/', e.g. 'think'",
            argument="tag_name",
            value=tag_name,
        )
    if not isinstance(separator, str):
        raise InvalidArgumentError("separator must be a string, e.g. '\\n'", argument="separator", value=separator)
    return _ExtractReasoning(tag_name, separator, bool(start_with_reasoning))

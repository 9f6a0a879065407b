"""``element_stream``: the elements of an array answer (``Output.array`` / ``output="array"``), each
once it is complete and valid, while the answer streams.

An element is complete once the partial JSON shows the next element has started (or the array is
done) and it validates; elements still missing when the stream ends come from the final, validated
value. When a completed element fails validation the stream stops yielding and, at the end, raises
whatever reading the final value raises (for ``stream_object``, after its ``repair_text`` chance).
The same two iterators serve ``stream_text`` and ``stream_object``: they read a partial-value stream
and a function giving the final list.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, Generic, TypeVar

from ..spec.errors import InvalidArgumentError, TypeValidationError
from .output import ArrayOutput

__all__ = ["AsyncElementStream", "ElementStream", "array_output"]

T = TypeVar("T")


def array_output(output: object) -> ArrayOutput[Any]:
    """``output`` when it asks for an array; otherwise the error that says element streams need one."""
    if not isinstance(output, ArrayOutput):
        raise InvalidArgumentError(
            "element_stream needs an array answer: pass output=Output.array(schema) to stream_text, or "
            "output='array' to stream_object",
            argument="element_stream",
        )
    return output


class _Elements(Generic[T]):
    """The pure part, shared by both iterators: which elements the partial values show complete and
    valid, which are ready to yield, and whether the partials have ended."""

    __slots__ = ("_emitted", "_output", "_valid", "done", "ready")

    def __init__(self, output: ArrayOutput[T]) -> None:
        self._output = output
        self._emitted = 0
        self._valid = True
        self.ready: list[T] = []
        self.done = False

    def feed(self, partial: Any) -> None:
        """Make ready the newly completed, validated elements of a partial element list (all but its last)."""
        ready: list[T] = []
        self.ready = ready
        if not self._valid or not isinstance(partial, list):
            return
        for index in range(self._emitted, len(partial) - 1):
            try:
                ready.append(self._output.validate_element(partial[index], index))
            except TypeValidationError:
                self._valid = False
                break
            self._emitted = index + 1

    def finish(self, final: list[T]) -> None:
        """Make ready the elements of the final value not yielded yet."""
        self.ready = final[self._emitted :]
        self._emitted = len(final)


class AsyncElementStream(Generic[T]):
    """Each element of an array answer once it is complete and valid (async API)."""

    __slots__ = ("_elements", "_final", "_partials")

    def __init__(
        self, partials: AsyncIterator[Any], final: Callable[[], Awaitable[list[T]]], output: ArrayOutput[T]
    ) -> None:
        self._partials = partials
        self._final = final
        self._elements = _Elements(output)

    def __aiter__(self) -> AsyncElementStream[T]:
        return self

    async def __anext__(self) -> T:
        elements = self._elements
        while not elements.ready:
            if elements.done:
                raise StopAsyncIteration
            try:
                partial = await self._partials.__anext__()
            except StopAsyncIteration:
                elements.done = True
                elements.finish(await self._final())
            else:
                elements.feed(partial)
        return elements.ready.pop(0)


class ElementStream(Generic[T]):
    """The blocking twin of :class:`AsyncElementStream`."""

    __slots__ = ("_elements", "_final", "_partials")

    def __init__(self, partials: Iterator[Any], final: Callable[[], list[T]], output: ArrayOutput[T]) -> None:
        self._partials = partials
        self._final = final
        self._elements = _Elements(output)

    def __iter__(self) -> ElementStream[T]:
        return self

    def __next__(self) -> T:
        elements = self._elements
        while not elements.ready:
            if elements.done:
                raise StopIteration
            try:
                partial = next(self._partials)
            except StopIteration:
                elements.done = True
                elements.finish(self._final())
            else:
                elements.feed(partial)
        return elements.ready.pop(0)

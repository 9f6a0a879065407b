"""Best-effort values from incomplete JSON, for streaming structured output.

A streamed answer is re-parsed after every text delta, so the cost per delta must not grow with the
text already received. :class:`PartialJSONParser` is a resumable scanner: it keeps its position, its
stack of open containers (holding their completed children as finished Python values) and the state of
the token it stopped in, and when called with a longer text it scans only the new characters. Building
a snapshot copies just the open containers along the current path (shallowly); completed values are
shared between snapshots, so treat partial values as read-only.

What a partial value contains (and why each partial "extends" the previous one, see
:func:`is_prefix_extension`):

- an open string shows the characters received so far (an escape sequence cut in half is held back);
- a number or a ``true``/``false``/``null`` literal appears only once it is complete, since ``1`` may
  still become ``12``;
- an object key appears once its value has started; arrays and objects are closed implicitly.

Text that is not JSON stops the scan: the value stays what it was before the bad character.
"""

from __future__ import annotations

import re
from json import JSONDecoder
from typing import Any, Final

from ..spec._json import JSONDecodeError, loads

__all__ = ["PartialJSONParser", "is_prefix_extension", "parse_partial_json"]

_MISSING: Final[Any] = object()

# Scanner modes: what the next significant character may be.
_VALUE: Final = 0  # a value (after ":" or "," in an array, or at the start)
_VALUE_OR_END: Final = 1  # a value or "]" (just after "[")
_KEY_OR_END: Final = 2  # a key or "}" (just after "{")
_KEY: Final = 3  # a key (after "," in an object)
_COLON: Final = 4  # ":" after a key
_AFTER_VALUE: Final = 5  # "," or the closing bracket of the open container
_STRING: Final = 6  # inside a string (a key when ``_str_is_key``)
_PENDING: Final = 7  # a number or literal that reached the end of the text so far
_DONE: Final = 8  # the top-level value is complete
_FAILED: Final = 9  # the text is not JSON; the value is frozen

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_WHITESPACE_CHARS: Final = frozenset(" \t\n\r")
_STRING_RUN = re.compile(r'[^"\\]*')
# Fast paths for the common case: a whole key (with its colon) or string without escapes.
_SIMPLE_KEY = re.compile(r'"([^"\\]*)"[ \t\n\r]*:')
_SIMPLE_STRING = re.compile(r'"([^"\\]*)"')
_NUMBER_RUN = re.compile(r"[-+0-9.eE]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_WORD_RUN = re.compile(r"[a-z]*")
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_LITERALS: Final = {"true": True, "false": False, "null": None}
_SIMPLE_ESCAPES: Final = frozenset('"\\/bfnrt')
_NUMBER_START: Final = frozenset("-0123456789")
_TRIM_AT: Final = 4096
"""How much consumed text :meth:`PartialJSONParser.feed` lets pile up before dropping it."""
_LENIENT = JSONDecoder(strict=False)
"""Decodes escaped string content that also holds raw control characters (a raw newline), which
models emit and which strict JSON (orjson) rejects: the partial value keeps the string instead of
losing the key it belongs to."""


class _Frame:
    """An open object or array and, for an object, the key whose value is being read."""

    __slots__ = ("container", "key")

    def __init__(self, container: dict[str, Any] | list[Any]) -> None:
        self.container = container
        self.key: str | None = None


class PartialJSONParser:
    """Resumable partial-JSON parser: call :meth:`feed` with each new piece of text (or :meth:`parse`
    with the whole text received so far), then :meth:`finish` at the end.

    Only new characters are scanned, so a stream costs time linear in its length. :meth:`feed` also
    keeps only the text it may still need (from the start of an open string or number on), so the text
    it holds does not grow with the stream; :meth:`parse` compares the whole text with the previous one
    and restarts the scan when it does not extend it.
    """

    __slots__ = (
        "_dec",
        "_dec_upto",
        "_dirty",
        "_failed_in",
        "_mode",
        "_pos",
        "_root",
        "_snapshot",
        "_stack",
        "_start",
        "_str_escaped",
        "_str_is_key",
        "_text",
    )

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._text = ""
        self._pos = 0
        self._mode = _VALUE
        self._failed_in = _VALUE  # the mode the scan failed in (for the snapshot)
        self._stack: list[_Frame] = []
        self._root: Any = _MISSING
        self._start = 0  # start of the current string's content, or of the pending number/literal
        self._str_is_key = False
        self._str_escaped = False
        self._dec = ""  # decoded content of an escaped string up to ``_dec_upto``
        self._dec_upto = 0
        self._snapshot: Any = None
        self._dirty = False

    def parse(self, text: str) -> Any:
        """The best partial value of ``text``, or ``None`` when nothing is parseable yet.

        Returns the very same object as the previous call when the value has not changed.
        """
        previous = self._text
        if len(text) < len(previous) or not text.startswith(previous):
            self._reset()
        return self._advance(text)

    def feed(self, delta: str) -> Any:
        """The best partial value once ``delta`` is appended to the text fed so far (see :meth:`parse`)."""
        if self._mode >= _DONE:
            return self._snapshot
        text = self._text
        keep = self._start if self._mode in (_STRING, _PENDING) else self._pos
        if self._mode == _STRING and self._str_escaped:
            keep = min(keep, self._dec_upto)
        if keep > _TRIM_AT and keep * 2 > len(text):  # drop text no token needs (amortised: rarely)
            text = text[keep:]
            self._pos -= keep
            self._start -= keep
            self._dec_upto -= keep
        return self._advance(text + delta)

    def finish(self) -> Any:
        """The final partial value, at the end of the text: a number the text ends with counts (``42``
        could have become ``421``, but nothing more is coming)."""
        if self._mode == _PENDING and self._add_number(self._text[self._start :]):
            self._snapshot = self._build_snapshot(self._text)
            self._dirty = False
        return self._snapshot

    @property
    def in_string(self) -> bool:
        """Whether the text ends inside a string value (so the value's last string may still grow)."""
        return self._mode == _STRING and not self._str_is_key

    def _advance(self, text: str) -> Any:
        self._text = text
        if self._mode < _DONE and self._pos < len(text):
            self._scan(text)
        if self._dirty:
            self._snapshot = self._build_snapshot(text)
            self._dirty = False
        return self._snapshot

    # ------------------------------------------------------------------------------------- scanning

    def _scan(self, text: str) -> None:
        n = len(text)
        pos = self._pos
        while pos < n:
            mode = self._mode
            if mode >= _DONE:
                break
            if mode == _STRING:
                pos = _STRING_RUN.match(text, pos).end()  # type: ignore[union-attr]
                if pos < n and text[pos] == '"':
                    self._close_string(text, pos)
                    pos += 1
                    continue
                if pos < n:  # a backslash
                    end = self._escape_end(text, pos)
                    if end < 0:
                        self._fail()
                        break
                    if end > pos:
                        self._str_escaped = True
                        self._dirty = self._dirty or not self._str_is_key
                        pos = end
                        continue
                # End of text (possibly inside an escape): the content up to ``pos`` is complete.
                if pos > self._pos and not self._str_is_key:
                    self._dirty = True
                break
            if mode == _PENDING:
                pos = self._start
                mode = self._mode = _VALUE
            char = text[pos]
            if char in _WHITESPACE_CHARS:
                pos = _WHITESPACE.match(text, pos).end()  # type: ignore[union-attr]
                if pos >= n:
                    break
                char = text[pos]
            if mode <= _VALUE_OR_END:
                if char == "{":
                    self._stack.append(_Frame({}))
                    self._mode = _KEY_OR_END
                    self._dirty = True
                    pos += 1
                elif char == "[":
                    self._stack.append(_Frame([]))
                    self._mode = _VALUE_OR_END
                    self._dirty = True
                    pos += 1
                elif char == '"':
                    match = _SIMPLE_STRING.match(text, pos)
                    if match is None:  # escaped or unfinished: character by character
                        self._open_string(pos + 1, is_key=False)
                        pos += 1
                    else:
                        self._add_value(match.group(1))
                        pos = match.end()
                elif char in _NUMBER_START:
                    end = _NUMBER_RUN.match(text, pos).end()  # type: ignore[union-attr]
                    if end >= n:
                        self._pend(pos)
                        pos = n
                        break
                    token = text[pos:end]
                    if _NUMBER.fullmatch(token) is None or not self._add_number(token):
                        self._fail()
                        break
                    pos = end
                elif char == "]" and mode == _VALUE_OR_END:
                    pos += 1
                    self._close_container()
                else:
                    end = _WORD_RUN.match(text, pos).end()  # type: ignore[union-attr]
                    word = text[pos:end]
                    if word in _LITERALS:
                        self._add_value(_LITERALS[word])
                        pos = end
                    elif end >= n and word and any(literal.startswith(word) for literal in _LITERALS):
                        self._pend(pos)
                        pos = n
                        break
                    else:
                        self._fail()
                        break
            elif mode == _AFTER_VALUE:
                frame = self._stack[-1]
                is_object = type(frame.container) is dict
                if char == ",":
                    self._mode = _KEY if is_object else _VALUE
                    pos += 1
                elif char == ("}" if is_object else "]"):
                    pos += 1
                    self._close_container()
                else:
                    self._fail()
                    break
            elif mode == _COLON:
                if char != ":":
                    self._fail()
                    break
                self._mode = _VALUE
                pos += 1
            elif char == '"':  # _KEY_OR_END or _KEY
                match = _SIMPLE_KEY.match(text, pos)
                if match is None:
                    self._open_string(pos + 1, is_key=True)
                    pos += 1
                else:
                    self._stack[-1].key = match.group(1)
                    self._mode = _VALUE
                    pos = match.end()
            elif char == "}" and mode == _KEY_OR_END:
                pos += 1
                self._close_container()
            else:  # _KEY or _KEY_OR_END with anything else
                self._fail()
                break
        self._pos = pos

    def _fail(self) -> None:
        self._failed_in = self._mode
        self._mode = _FAILED
        self._dirty = True

    def _pend(self, start: int) -> None:
        self._start = start
        self._mode = _PENDING

    def _escape_end(self, text: str, pos: int) -> int:
        """Where the escape at ``pos`` ends; ``pos`` when it is cut off by the end of the text
        (a high surrogate waits for its low half); -1 when it is invalid."""
        n = len(text)
        if pos + 1 >= n:
            return pos
        kind = text[pos + 1]
        if kind != "u":
            return pos + 2 if kind in _SIMPLE_ESCAPES else -1
        if pos + 6 > n:
            return pos if _HEX4.match(text[pos + 2 : n] + "0000") else -1
        if _HEX4.fullmatch(text, pos + 2, pos + 6) is None:
            return -1
        if not 0xD800 <= int(text[pos + 2 : pos + 6], 16) <= 0xDBFF:
            return pos + 6
        follow = text[pos + 6 : pos + 12]
        if len(follow) < 6 and "\\u".startswith(follow[:2]):
            return pos  # the low surrogate may still come
        return pos + 12 if follow.startswith("\\u") and _HEX4.fullmatch(follow, 2) else pos + 6

    def _open_string(self, start: int, *, is_key: bool) -> None:
        self._mode = _STRING
        self._start = start
        self._str_is_key = is_key
        self._str_escaped = False
        self._dec = ""
        self._dec_upto = start
        if not is_key:
            self._dirty = True

    def _string_value(self, text: str, end: int) -> str | None:
        if not self._str_escaped:
            return text[self._start : end]
        if end > self._dec_upto:
            try:
                self._dec += _LENIENT.decode('"' + text[self._dec_upto : end] + '"')
            except ValueError:
                return None
            self._dec_upto = end
        return self._dec

    def _close_string(self, text: str, end: int) -> None:
        value = self._string_value(text, end)
        if value is None:
            self._fail()
        elif self._str_is_key:
            self._stack[-1].key = value
            self._mode = _COLON
        else:
            self._add_value(value)

    def _add_number(self, token: str) -> bool:
        try:
            value = loads(token)
        except JSONDecodeError:
            return False
        self._add_value(value)
        return True

    def _add_value(self, value: Any) -> None:
        self._dirty = True
        if not self._stack:
            self._root = value
            self._mode = _DONE
            return
        frame = self._stack[-1]
        container = frame.container
        if type(container) is dict:
            container[frame.key] = value  # type: ignore[index]
            frame.key = None
        else:
            container.append(value)  # type: ignore[union-attr]
        self._mode = _AFTER_VALUE

    def _close_container(self) -> None:
        self._add_value(self._stack.pop().container)

    # ------------------------------------------------------------------------------------- snapshots

    def _build_snapshot(self, text: str) -> Any:
        if self._root is not _MISSING:
            return self._root
        child: Any = _MISSING
        mode = self._failed_in if self._mode == _FAILED else self._mode
        if mode == _STRING and not self._str_is_key:
            child = self._string_value(text, self._pos)
            if child is None:  # an undecodable escape: freeze without this string
                self._failed_in = self._mode = _FAILED
                child = _MISSING
        for frame in reversed(self._stack):
            copy = frame.container.copy()
            if child is not _MISSING:
                if type(copy) is dict:
                    copy[frame.key] = child  # type: ignore[index]
                else:
                    copy.append(child)  # type: ignore[union-attr]
            child = copy
        return None if child is _MISSING else child


def parse_partial_json(text: str) -> Any:
    """One-shot form of :meth:`PartialJSONParser.parse` (use the parser for a growing text)."""
    return PartialJSONParser().parse(text)


def is_prefix_extension(earlier: Any, later: Any) -> bool:
    """Whether ``later`` is ``earlier`` with more received: the order partial values grow in.

    ``None`` (nothing yet) is extended by anything; a string by any string starting with it; a list
    by a list whose items before the last of ``earlier`` are equal and whose item at that index
    extends it; an object by an object whose first keys are ``earlier``'s keys in order, with equal
    values except the last, which it extends; any other value only by an equal one.
    """
    if earlier is None:
        return True
    if isinstance(earlier, str):
        return isinstance(later, str) and later.startswith(earlier)
    if isinstance(earlier, list):
        if not isinstance(later, list) or len(later) < len(earlier):
            return False
        if not earlier:
            return True
        last = len(earlier) - 1
        return earlier[:last] == later[:last] and is_prefix_extension(earlier[last], later[last])
    if isinstance(earlier, dict):
        if not isinstance(later, dict) or len(later) < len(earlier):
            return False
        keys = list(earlier)
        if keys != list(later)[: len(keys)]:
            return False
        if not keys:
            return True
        *complete, last_key = keys
        return all(earlier[k] == later[k] for k in complete) and is_prefix_extension(earlier[last_key], later[last_key])
    return type(earlier) is type(later) and bool(earlier == later)

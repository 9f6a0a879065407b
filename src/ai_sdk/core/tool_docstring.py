"""Reading a tool function's docstring: the description the model sees, and one line per parameter.

Google (``Args:``), Sphinx (``:param x:``) and NumPy (``Parameters`` + dashes) styles are understood,
so existing, well-documented functions become good tools without restating their docs.
"""

from __future__ import annotations

import inspect
import re

__all__ = ["parse_docstring"]

_PARAM_SECTIONS = {
    "args",
    "arguments",
    "parameters",
    "params",
    "keyword args",
    "keyword arguments",
    "other parameters",
}
_OTHER_SECTIONS = {
    "returns",
    "return",
    "yields",
    "yield",
    "raises",
    "raise",
    "example",
    "examples",
    "note",
    "notes",
    "attributes",
    "see also",
    "warning",
    "warnings",
    "references",
}
_SPHINX_FIELD = re.compile(r"^:(param|parameter|arg|argument|key|keyword|type|returns?|rtype|raises?|yields?)\b")
_SPHINX_PARAM = re.compile(r"^:(?:param|parameter|arg|argument|key|keyword)\s+(?:[^:]*\s)?\**(\w+)\s*:\s*(.*)$")
_GOOGLE_ENTRY = re.compile(r"^\**(\w+)\s*(?:\([^)]*\))?\s*:\s*(.*)$")
_NUMPY_ENTRY = re.compile(r"^\**(\w+)\s*(?::.*)?$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _section(lines: list[str], index: int) -> tuple[str, bool] | None:
    """(section name, is NumPy style) when a section starts at ``lines[index]``."""
    stripped = lines[index].strip()
    below = lines[index + 1].strip() if index + 1 < len(lines) else ""
    if stripped and below and set(below) == {"-"}:
        return stripped.lower(), True
    if stripped.endswith(":") and stripped[:-1].lower() in _PARAM_SECTIONS | _OTHER_SECTIONS:
        return stripped[:-1].lower(), False
    return None


def parse_docstring(doc: str | None) -> tuple[str | None, dict[str, str]]:
    """``(description, {parameter: description})``: the text before the first section or field list,
    and each documented parameter's text with continuation lines joined."""
    if not doc:
        return None, {}
    lines = inspect.cleandoc(doc).splitlines()
    params: dict[str, str] = {}
    end = len(lines)
    index = 0
    while index < len(lines):
        section = _section(lines, index)
        if section is not None:
            end = min(end, index)
            name, numpy = section
            start = index + (2 if numpy else 1)
            stop = _section_end(lines, start, _indent(lines[index]), numpy)
            if name in _PARAM_SECTIONS:
                params.update(_entries(lines[start:stop], _NUMPY_ENTRY if numpy else _GOOGLE_ENTRY, numpy))
            index = stop
            continue
        if _SPHINX_FIELD.match(lines[index].strip()):
            end = min(end, index)
            stop = index + 1
            while stop < len(lines) and lines[stop].strip() and _indent(lines[stop]) > _indent(lines[index]):
                stop += 1
            match = _SPHINX_PARAM.match(lines[index].strip())
            if match:
                params[match.group(1)] = _join([match.group(2), *lines[index + 1 : stop]])
            index = stop
            continue
        index += 1
    description = "\n".join(lines[:end]).strip()
    return description or None, params


def _section_end(lines: list[str], start: int, header_indent: int, numpy: bool) -> int:
    stop = start
    while stop < len(lines):
        line = lines[stop]
        if line.strip():
            if _section(lines, stop) is not None and _indent(line) <= header_indent:
                break
            if not numpy and _indent(line) <= header_indent:
                break
        stop += 1
    return stop


def _entries(block: list[str], pattern: re.Pattern[str], numpy: bool) -> dict[str, str]:
    found: dict[str, list[str]] = {}
    content = [line for line in block if line.strip()]
    if not content:
        return {}
    base = min(_indent(line) for line in content)
    current: list[str] | None = None
    for line in content:
        if _indent(line) == base:
            match = pattern.match(line.strip())
            current = None
            if match:
                current = found.setdefault(match.group(1), [])
                if not numpy and match.group(2):
                    current.append(match.group(2))
        elif current is not None:
            current.append(line)
    return {name: text for name, parts in found.items() if (text := _join(parts))}


def _join(parts: list[str]) -> str:
    return " ".join(part.strip() for part in parts if part.strip())

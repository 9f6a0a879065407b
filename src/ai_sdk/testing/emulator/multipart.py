"""A ``multipart/form-data`` parser for the image-edit route (the standard library's ``cgi`` is gone
from Python 3.13, and ``email`` mangles binary parts)."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["FormPart", "boundary_of", "parse_multipart"]

_PARAM = re.compile(r';\s*([\w*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')


@dataclass(frozen=True, slots=True)
class FormPart:
    name: str
    data: bytes
    filename: str | None = None
    content_type: str | None = None

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "replace")

    def __repr__(self) -> str:
        return f"FormPart({self.name!r}, {len(self.data)} bytes, filename={self.filename!r})"


def _params(header: str) -> dict[str, str]:
    params: dict[str, str] = {}
    for key, raw in _PARAM.findall(header):
        value = raw.strip()
        if value.startswith('"') and value.endswith('"'):
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        params[key.lower()] = value
    return params


def boundary_of(content_type: str) -> str | None:
    """The boundary of a ``multipart/form-data`` content type, or ``None`` for any other type."""
    if not content_type.lower().startswith("multipart/form-data"):
        return None
    return _params(content_type).get("boundary") or None


def parse_multipart(body: bytes, boundary: str) -> list[FormPart]:
    """The parts of a multipart body, in order; raises ``ValueError`` when it is malformed."""
    delimiter = b"--" + boundary.encode()
    sections = body.split(delimiter)
    if len(sections) < 3:
        raise ValueError("multipart body has no parts or no closing boundary")
    parts: list[FormPart] = []
    for section in sections[1:]:
        if section.startswith(b"--"):
            break
        if not section.startswith(b"\r\n") or b"\r\n\r\n" not in section:
            raise ValueError("multipart part without headers")
        head, _, data = section[2:].partition(b"\r\n\r\n")
        if not data.endswith(b"\r\n"):
            raise ValueError("multipart part not followed by CRLF")
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        disposition = _params(headers.get("content-disposition", ""))
        if "name" not in disposition:
            raise ValueError("multipart part without a name")
        parts.append(FormPart(disposition["name"], data[:-2], disposition.get("filename"), headers.get("content-type")))
    else:
        raise ValueError("multipart body has no closing boundary")
    return parts

"""The text model every input becomes: a pack of numbered lines.

Text files are read as they are; PDF and HTML inputs are turned into the same model by
``ingest/loaders.py`` first, so segmenters and extractors only ever see lines.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ingest.records import Span
from ingest.textutil import plain_typography


@dataclass
class PackText:
    """A source file's text as 1-based lines, with the file's identity for provenance."""

    name: str  # file name as given (no directories), used in messages and the pack graph
    lines: list[str]
    sha256: str
    path: Path | None = None
    byte_size: int = 0
    media_type: str = "text/plain"
    notes: list[str] = field(default_factory=list)  # loader remarks (e.g. "3 PDF pages")

    @classmethod
    def from_string(cls, text: str, name: str = "inline.txt") -> PackText:
        data = text.encode("utf-8")
        lines, _ = plain_typography(text.splitlines())
        return cls(name=name, lines=lines, sha256=hashlib.sha256(data).hexdigest(),
                   byte_size=len(data))

    def __len__(self) -> int:
        return len(self.lines)

    def line(self, n: int) -> str:
        """Line ``n`` (1-based)."""
        return self.lines[n - 1]

    def text(self, start: int, end: int) -> str:
        """Lines ``start``..``end`` inclusive, joined with newlines."""
        return "\n".join(self.lines[start - 1:end])

    def span(self, start: int, end: int | None = None) -> Span:
        end = start if end is None else end
        return Span(start, end, self.text(start, end))

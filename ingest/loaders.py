"""Reading input files (text, PDF, HTML) into the one text model, :class:`PackText`.

Every input becomes numbered lines, so segmentation and extraction never care where a pack
came from. What cannot be read is refused up front with a :class:`LoadError` naming the
file and the reason (empty, too big, binary, not UTF-8 at byte N, corrupt PDF, a web page
with no text), so nothing half-read ever reaches the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from ingest.html_text import html_lines
from ingest.pdf_text import PdfTextError, pdf_lines
from ingest.text import PackText
from ingest.textutil import plain_typography

#: Largest file accepted, in bytes. Agenda packs are a few MB; beyond this is not a pack.
MAX_BYTES = 50 * 1024 * 1024
SUFFIXES = {".txt": "text/plain", ".pdf": "application/pdf", ".html": "text/html",
            ".htm": "text/html"}


class LoadError(ValueError):
    """A file could not be read as a pack; the message is '<file>: <reason>'."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: {reason}")


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or mostly bytes that are neither text nor UTF-8 continuation bytes."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.1


def _decode_text(path: Path, data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(path, f"not valid UTF-8 at byte {exc.start} "
                        f"(0x{data[exc.start]:02x}); save the file as UTF-8") from None
    return text


def _decode_html(data: bytes) -> str:
    """HTML as declared or UTF-8, falling back to Windows-1252 as browsers do."""
    import re

    m = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
    for encoding in ([m[1].decode("ascii", "ignore")] if m else []) + ["utf-8-sig", "cp1252"]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def load(path: Path | str) -> PackText:
    """The pack in ``path`` (.txt, .pdf, .html/.htm) as numbered lines."""
    path = Path(path)
    media = SUFFIXES.get(path.suffix.lower())
    if media is None:
        raise LoadError(path, f"unsupported file type {path.suffix or '(none)'!r}; "
                        "expected .txt, .pdf or .html")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise LoadError(path, "no such file") from None
    except OSError as exc:
        raise LoadError(path, f"cannot read ({exc.strerror})") from None
    if path.is_dir():
        raise LoadError(path, "is a folder; use load_folder()")
    if size > MAX_BYTES:
        raise LoadError(path, f"file is {size / 1e6:.0f} MB, over the {MAX_BYTES // 2**20} MB "
                        "limit for one pack")
    data = path.read_bytes()
    if not data.strip():
        raise LoadError(path, "empty file")
    notes: list[str] = []
    if media == "application/pdf":
        try:
            lines, reader = pdf_lines(data)
        except PdfTextError as exc:
            raise LoadError(path, str(exc)) from None
        notes.append(f"PDF text read with {reader}")
    elif _looks_binary(data):
        raise LoadError(path, "binary data, not text (NUL or control bytes)")
    elif media == "text/html":
        lines = html_lines(_decode_html(data))
        if not any(x.strip() for x in lines):
            raise LoadError(path, "web page has no text content (only scripts, styles or "
                            "navigation)")
    else:
        lines = _decode_text(path, data).splitlines()
    lines, changed = plain_typography(lines)
    if changed:
        notes.append(f"ligatures, invisible characters or non-breaking spaces made plain on "
                     f"{changed} line(s)")
    return PackText(name=path.name, lines=lines, sha256=hashlib.sha256(data).hexdigest(),
                    path=path, byte_size=size, media_type=media, notes=notes)


def iter_sources(paths: Iterable[Path | str]) -> Iterator[Path]:
    """The files to ingest: explicit files as given (an unsupported type is a LoadError),
    folders searched recursively for .txt, .pdf and .html files, in name order."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*")
                              if f.is_file() and f.suffix.lower() in SUFFIXES)
        elif not p.exists():
            raise LoadError(p, "no such file or folder")
        elif p.suffix.lower() not in SUFFIXES:
            raise LoadError(p, f"unsupported file type {p.suffix or '(none)'!r}; expected "
                            ".txt, .pdf or .html")
        else:
            yield p


def load_folder(folder: Path | str) -> list[PackText]:
    """Every pack in ``folder`` (recursively), loaded; the first unreadable file raises."""
    if not Path(folder).is_dir():
        raise LoadError(folder, "not a folder")
    return [load(p) for p in iter_sources([folder])]

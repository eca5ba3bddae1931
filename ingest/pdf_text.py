"""PDF files as lines of the text model, with tables as TAB-separated rows.

pdfplumber reads the text layer and finds ruled tables: text outside tables becomes one line
a paragraph in reading order (printed lines wrapped at the page's edge joined again, a blank
line where the spacing says a paragraph ends; :func:`paragraphs`), each table row one
TAB-separated line, pages set off by blank lines. When
pdfplumber cannot open a file, pypdf is tried (plain text, no tables). A PDF neither can
read, or one without a text layer (a scan), is an error the caller reports with the file.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
from typing import Any


class PdfTextError(ValueError):
    """The PDF could not be read; the message says why (without the file name)."""


#: A line that opens an item of its own, never the rest of the line above it.
_OPENS_ITEM = re.compile(r"^\s*(?:[-\u2013\u2022\u25aa\u25a0*]\s|\(?[a-z0-9]{1,3}[.)]\s|"
                         r"\d+(?:\.\d+)+\s)", re.I)
#: A line this close to the right edge of the page's text was wrapped, not ended.
_WRAP_MARGIN = 0.12


def paragraphs(lines: list[dict[str, Any]],
               width: float | None = None) -> list[tuple[float, str, bool]]:
    """pdfplumber's text lines of one page as (top, text, after a gap) paragraphs.

    Why: a PDF's text layer has one line per printed line, where the text packs the agenda
    was converted from (and every extractor) have one line per paragraph and a blank line
    between paragraphs; a name wrapped over two printed lines ('North and West
    Northshire Primary Care' / 'Trust ...') was then two half-names. A line that reaches the
    right edge of the text, with no more than the usual line spacing below it, runs on
    into the next (unless that one opens a list item, or it ends with a colon); a gap
    wider than the usual spacing starts a paragraph. The right edge is the page's (its
    ``width`` less the left margin) where it is known: on a page of short lines the longest
    of them reaches no edge ('Date of inspection visit: ...' over 'Date of publication: ...'
    is two lines, not one wrapped)."""
    if not lines:
        return []
    left, right = min(ln["x0"] for ln in lines), max(ln["x1"] for ln in lines)
    if width:
        right = max(right, width - left)
    spacing = sorted(b["top"] - a["bottom"] for a, b in itertools.pairwise(lines)
                     if b["top"] > a["bottom"])
    heights = sorted(ln["bottom"] - ln["top"] for ln in lines)
    # the spacing inside a paragraph: the page's tighter gaps, at most most of a line's
    # height (a page of one-line paragraphs has no tighter gaps to learn from)
    usual = min(spacing[len(spacing) // 4] if spacing else 0.0, 0.9 * heights[len(heights) // 2])
    out: list[tuple[float, str, bool]] = []
    prev: dict[str, Any] | None = None
    for line in lines:
        text = line["text"].rstrip()
        gap = line["top"] - prev["bottom"] if prev is not None else 0.0
        wide = prev is not None and gap > max(usual * 1.5, usual + 3)
        if (prev is not None and out and not wide
                and prev["x1"] >= right - _WRAP_MARGIN * (right - left)
                and not out[-1][1].endswith(":") and not _OPENS_ITEM.match(text)):
            top, before, gapped = out[-1]
            joined = before[:-1] + text.lstrip() if re.search(r"[a-z]-$", before) and \
                text.lstrip()[:1].islower() else f"{before} {text.lstrip()}"
            out[-1] = (top, joined, gapped)
        else:
            out.append((line["top"], text, wide))
        prev = line
    return out


def _plumber_lines(data: bytes) -> list[str]:
    import pdfplumber

    lines: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            items: list[tuple[float, str, bool]] = []
            tables = page.find_tables()
            rest = page
            for table in tables:
                try:
                    rest = rest.outside_bbox(table.bbox)
                except ValueError:
                    continue
                rows = table.extract()
                for row, cells in zip(table.rows, rows, strict=False):
                    text = "\t".join((c or "").replace("\n", " ").strip() for c in cells)
                    if text.strip():
                        items.append((row.bbox[1], text, False))
            items += paragraphs(rest.extract_text_lines(), page.width)
            items.sort(key=lambda t: t[0])
            if lines and items:
                lines.append("")
            for _top, text, gapped in items:
                if gapped and lines and lines[-1]:
                    lines.append("")
                lines.append(text.rstrip(" \r\n"))  # a row keeps its empty cells
    return lines


def _pypdf_lines(data: bytes) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    lines: list[str] = []
    for page in reader.pages:
        text = page.extract_text() or ""
        if lines and text.strip():
            lines.append("")
        lines.extend(x.rstrip() for x in text.splitlines())
    return lines


def pdf_lines(data: bytes) -> tuple[list[str], str]:
    """(lines, which reader) for the PDF bytes; raises PdfTextError."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise PdfTextError("not a PDF file (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise PdfTextError("truncated PDF (no end-of-file marker)")
    errors: list[str] = []
    for name, reader in (("pdfplumber", _plumber_lines), ("pypdf", _pypdf_lines)):
        try:
            lines = reader(data)
        except Exception as exc:  # both libraries raise many types on corrupt input
            logging.getLogger(__name__).debug("%s failed: %s", name, exc)
            errors.append(f"{name}: {type(exc).__name__}: {exc}"[:200])
            continue
        if any(x.strip() for x in lines):
            return lines, name
        errors.append(f"{name}: no text layer")
    if all(e.endswith("no text layer") for e in errors):
        raise PdfTextError("PDF has no text layer (a scanned document needs OCR first)")
    raise PdfTextError("corrupt PDF (" + "; ".join(errors) + ")")

"""PDF files as lines of the text model, with tables as TAB-separated rows.

pdfplumber reads the text layer and finds ruled tables: text outside tables becomes lines in
reading order, each table row one TAB-separated line, pages set off by blank lines. When
pdfplumber cannot open a file, pypdf is tried (plain text, no tables). A PDF neither can
read, or one without a text layer (a scan), is an error the caller reports with the file.
"""

from __future__ import annotations

import io
import logging


class PdfTextError(ValueError):
    """The PDF could not be read; the message says why (without the file name)."""


def _plumber_lines(data: bytes) -> list[str]:
    import pdfplumber

    lines: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            items: list[tuple[float, str]] = []
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
                        items.append((row.bbox[1], text))
            for line in rest.extract_text_lines():
                items.append((line["top"], line["text"]))
            items.sort(key=lambda t: t[0])
            if lines and items:
                lines.append("")
            lines.extend(text.rstrip() for _, text in items)
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

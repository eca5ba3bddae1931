"""Print a text pack to PDF the way a council's papers are printed: paragraphs as text,
TAB and markdown rows as ruled tables (fpdf2, the test dependency the loader tests use).

Characters the PDF's core font cannot draw are replaced by their nearest ASCII, as a
printer driver would; a pack needing more than that, or with a table row taller than a
page, is refused (None), not mangled.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

_ASCII = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'",
                        "\u201c": '"', "\u201d": '"', "\u2026": "...", "\u2022": "-",
                        "\u00a3": "GBP "})


def _is_row(line: str) -> bool:
    return "\t" in line or line.strip().startswith("|")


def _cells(line: str) -> list[str]:
    if "\t" in line:
        return line.split("\t")
    return [c.strip() for c in line.strip().strip("|").split("|")]


def print_pdf(text: str, path: Path) -> Path | None:
    """The pack as a PDF at ``path``; None when fpdf cannot print it as it is."""
    text = text.translate(_ASCII)
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return None
    try:
        return _print(text.splitlines(), path)
    except ValueError:  # fpdf: 'The row ... is too high and cannot be rendered on a page'
        return None


def _print(lines: list[str], path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    i = 0
    while i < len(lines):
        if _is_row(lines[i]):
            rows: list[list[str]] = []
            while i < len(lines) and _is_row(lines[i]):
                if not set(lines[i].strip()) <= set("|-: "):  # a markdown rule
                    rows.append(_cells(lines[i]))
                i += 1
            width = max(len(r) for r in rows)
            with pdf.table(text_align="LEFT") as table:
                for cells in rows:
                    row = table.row()
                    for cell in cells + [""] * (width - len(cells)):
                        row.cell(cell.replace("**", ""))
            continue
        if lines[i].strip():
            pdf.set_x(pdf.l_margin)
            pdf.multi_cell(0, 6, lines[i].replace("**", ""), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(4)
        i += 1
    pdf.output(str(path))
    return path

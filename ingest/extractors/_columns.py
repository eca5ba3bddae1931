"""Shared by the plan, work-programme and forward-plan extractors: table columns and dates.

Tables arrive as TAB rows, HTML ``<p>`` cells or markdown rows (``textutil.split_row``
reads all three). A header row names the columns; data rows are read by those positions,
so a ragged row (a trailing unheaded cell, an empty first cell) still lands in the right
fields. Deadlines are kept as written and, where they are dates, also normalised.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping

from ingest.textutil import MONTHS, clean, find_dates, is_separator_row

_MONTH = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\.?[\s,-]+(\d{{4}}|\d{{2}})\b", re.I)
_FIN_YEAR = re.compile(r"\b(20\d\d)\s*/\s*(\d{2}|20\d\d)\s+financial\s+year\b", re.I)
_QUARTER = re.compile(r"\bQ([1-4])\s+(20\d\d)\s*/\s*(?:\d{2}|20\d\d)\b")
_END_YEAR = re.compile(r"\b(?:end|by|close)\s+(?:of\s+)?(20\d\d)\b", re.I)


def deadline_date(text: str | None) -> str | None:
    """An ISO date for a deadline that is a date, else ``None`` ('Ongoing').

    Convention, for a deadline that names a period rather than a day: a month ('April
    2012', 'Apr-12', 'End March 2012') means its last day; a year ('End 2011') means
    31 December; a financial year ('2011/12 financial year') means 31 March of its
    second calendar year; a quarter of one ('Q3 2013/14') its last day (April-March
    quarters). A full date is itself.
    """
    if not text:
        return None
    dates = find_dates(text)
    if dates:
        return dates[0][0]
    quarter = _QUARTER.search(text)
    if quarter:
        first = int(quarter.group(2))
        return [f"{first}-06-30", f"{first}-09-30", f"{first}-12-31",
                f"{first + 1}-03-31"][int(quarter.group(1)) - 1]
    fin = _FIN_YEAR.search(text)
    if fin:
        second = fin.group(2)
        year = int(second) if len(second) == 4 else int(fin.group(1)[:2] + second)
        return f"{year:04d}-03-31"
    m = _MONTH_YEAR.search(text)
    if m:
        month = MONTHS[m.group(1).lower()]
        year = int(m.group(2)) + (2000 if len(m.group(2)) == 2 else 0)
        return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    end = _END_YEAR.search(text)
    if end:
        return f"{end.group(1)}-12-31"
    return None


def line_text(raw: str) -> str:
    """A line's text without markup, markdown heading marks ('## Outcome 1') included."""
    return re.sub(r"^#{1,6}\s+", "", clean(raw))


def header_map(cells: list[str], patterns: Mapping[str, str]) -> dict[str, int]:
    """Column index per field, for the header cells that match a field's pattern.

    Patterns are tried in the given order; each column serves at most one field.
    """
    found: dict[str, int] = {}
    texts = [clean(c) for c in cells]
    if not any(texts) or max(len(t) for t in texts) > 120:
        return found  # a header cell is a short label
    for fld, pattern in patterns.items():
        for i, text in enumerate(texts):
            if i not in found.values() and re.search(pattern, text, re.I):
                found[fld] = i
                break
    return found


def cell(cells: list[str], columns: Mapping[str, int], fld: str) -> str:
    i = columns.get(fld)
    return cells[i].strip() if i is not None and i < len(cells) else ""


_BULLETS = re.compile(r"\s*(?:<[uo]l\b[^>]*>|<li\b[^>]*>|[■•▪●◦\uf0a7\uf0b7]"
                      r"|(?<=[.\w)])\s+n\s+(?=[A-Z]))")


def split_bullets(raw: str) -> tuple[str, list[str]]:
    """A cell's lead text and its bullet items ('■ Project name', '<li>', a stray 'n '
    left by a Wingdings bullet)."""
    parts = _BULLETS.split(raw)
    lead = clean(parts[0])
    items = [clean(p) for p in parts[1:]]
    return lead, [i for i in items if i]


def row_cells(line: str) -> list[str] | None:
    """Raw cells of a table line (markup kept, for bullet detection), or ``None``.

    The same lines as ``textutil.split_row`` accepts, decided without cleaning every cell.
    """
    stripped = line.strip()
    if not stripped or is_separator_row(line):
        return None
    if not ("\t" in line or re.search(r"<t[dh]\b", line, re.I)
            or (stripped.startswith("|") and stripped.count("|") >= 2)):
        return None
    if re.search(r"<t[dh]\b", line, re.I):
        return [c for c in re.split(r"<t[dh]\b[^>]*>", line, flags=re.I)[1:]]
    if stripped.startswith("|") and stripped.count("|") >= 2:
        return stripped.strip("|").split("|")
    return line.split("\t")

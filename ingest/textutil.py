"""Small text helpers every extractor shares: dates, times, names, markup, table rows.

Packs arrive as text converted from PDF, so the same fact is written many ways: dates as
'Thursday, 22nd September, 2011' or '16.06.2011', tables as TAB rows, HTML ``<p>`` cells or
markdown pipes, headings wrapped in ``**bold**``. These helpers hide that variety so the
extractors can follow document structure. They never raise on odd text: a value that
cannot be read is ``None`` (or an empty list).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

MONTHS = {
    m: i + 1
    for i, names in enumerate([
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
        ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
        ("december", "dec"),
    ])
    for m in names
}
_MONTH_RE = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
             r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:of\s+)?,?\s*({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(
    rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_NUMERIC = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\b")
#: '14-Jul-2020', '14-Jul-20' (spreadsheet exports): a two-digit year only between hyphens
_DAY_MON_HYPHEN = re.compile(rf"\b(\d{{1,2}})-({_MONTH_RE})\.?-(\d{{4}}|\d{{2}})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I)


def _iso(year: int, month: int, day: int) -> str | None:
    import datetime

    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[str, int, int]]:
    """Every full date in ``text`` as (ISO date, start, end) offsets, in order of position.

    Month-only dates ('July 2011') are not included; see :func:`parse_date`.
    """
    found: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []

    def add(iso: str | None, m: re.Match[str]) -> None:
        if iso and not any(s < m.end() and m.start() < e for s, e in taken):
            found.append((iso, m.start(), m.end()))
            taken.append((m.start(), m.end()))

    for m in _ISO.finditer(text):
        add(_iso(int(m[1]), int(m[2]), int(m[3])), m)
    for m in _DAY_MONTH_YEAR.finditer(text):
        add(_iso(int(m[3]), MONTHS[m[2].lower().rstrip(".")], int(m[1])), m)
    for m in _MONTH_DAY_YEAR.finditer(text):
        add(_iso(int(m[3]), MONTHS[m[1].lower().rstrip(".")], int(m[2])), m)
    for m in _DAY_MON_HYPHEN.finditer(text):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        add(_iso(year, MONTHS[m[2].lower().rstrip(".")], int(m[1])), m)
    for m in _NUMERIC.finditer(text):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        add(_iso(year, int(m[2]), int(m[1])), m)  # UK order: day first
    return sorted(found, key=lambda t: t[1])


def parse_date(text: str | None) -> str | None:
    """The first date in ``text`` as ISO 'YYYY-MM-DD'; a month alone ('July 2011') as
    'YYYY-MM' (ISO 8601 reduced precision); ``None`` when there is no date.

    >>> parse_date('Thursday, 22nd September, 2011'), parse_date('16.06.2011')
    ('2011-09-22', '2011-06-16')
    >>> parse_date('July 2011'), parse_date('soon')
    ('2011-07', None)
    """
    if not text:
        return None
    dates = find_dates(text)
    if dates:
        return dates[0][0]
    m = _MONTH_YEAR.search(text)
    if m:
        return f"{int(m[2]):04d}-{MONTHS[m[1].lower().rstrip('.')]:02d}"
    return None


_TIME = re.compile(r"\b(\d{1,2})(?:[.:](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|noon)?(?![\w])", re.I)


def parse_time(text: str | None) -> str | None:
    """The first clock time in ``text`` as 'HH:MM' ('10.00 am' → '10:00', '2pm' → '14:00')."""
    if not text:
        return None
    for m in _TIME.finditer(text):
        hour, minute, suffix = int(m[1]), m[2], (m[3] or "").lower().replace(".", "")
        if not minute and not suffix:
            continue  # a bare number is not a time
        if hour > 23 or (minute and int(minute) > 59):
            continue
        if suffix == "pm" and hour < 12:
            hour += 12
        elif suffix == "am" and hour == 12:
            hour = 0
        return f"{hour:02d}:{int(minute or 0):02d}"
    return None


# --- markup ----------------------------------------------------------------------------

_TAG = re.compile(r"</?(?:p|br|ul|ol|li|hr|span|div|b|i|em|strong|u|td|th|tr|table|tbody|thead|"
                  r"input|sup|sub|font)\b[^>]*/?>", re.I)


_ITALIC = re.compile(r"(?<!\w)\*(?=\S)([^*]+?)\*(?!\w)")
_BULLETS = re.compile(r"[•■▪●◦]")
_SPACES = re.compile(r"\s+")


#: What PDF converters leave in text that is no part of its content: typographic ligatures
#: ('Ofﬁcer'), soft hyphens and zero-width characters (invisible, but they break words),
#: non-breaking and narrow spaces.
_TYPOGRAPHY = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st", "\u00ad": None, "\u200b": None, "\u200c": None,
    "\u200d": None, "\u2060": None, "\ufeff": None, "\u00a0": " ", "\u2007": " ",
    "\u202f": " ", "\u2009": " ", "\u200a": " ",
})


def plain_typography(lines: list[str]) -> tuple[list[str], int]:
    """``lines`` with ligatures spelt out, invisible characters dropped and odd spaces made
    plain, and how many lines that changed. Line count and order are kept, so every line
    number still points at the source."""
    out = [line if line.isascii() else line.translate(_TYPOGRAPHY) for line in lines]
    return out, sum(1 for a, b in zip(lines, out, strict=True) if a is not b and a != b)


@lru_cache(maxsize=32768)
def clean(text: str | None) -> str:
    """Text without ``**bold**``/``*italic*`` marks, HTML fragments and entities, bullets
    ('•', '■') and non-breaking spaces; whitespace collapsed.

    Cached: extractors, segment rules and mention finders clean the same lines again and
    again.
    """
    if not text:
        return ""
    s = _TAG.sub(" ", text)
    s = html.unescape(s)
    s = s.replace("**", "").replace("\u00a0", " ").replace("\u200b", "")
    s = _ITALIC.sub(r"\1", s)
    s = _BULLETS.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


_LIST_MARKER = re.compile(r"^\s*(?:[-–•■*▪●]\s+)+")


def strip_bullet(text: str) -> str:
    """A line without its list marker ('- ', '• ', '* ')."""
    return _LIST_MARKER.sub("", text)


def is_blank(line: str) -> bool:
    return not clean(line)


_FURNITURE = re.compile(
    r"^(?:this page (?:is |has been )?(?:intentionally|deliberately) (?:left )?blank\.?"
    r"|(?:page\s*)?-?\s*\d{1,4}\s*-?(?:\s*of\s*\d{1,4})?"
    r"|©\s*crown copyright(?:\s+\d{4})?\.?|\(c\)\s*crown copyright(?:\s+\d{4})?\.?"
    r"|public document pack)$",
    re.I,
)


def is_furniture(line: str) -> bool:
    """Page furniture: 'This page is intentionally left blank', a bare page number
    ('12', 'Page 3 of 10', '- 7 -'), '© Crown copyright 2011', the 'Public Document Pack'
    stamp of ModernGov's published packs.
    """
    return bool(_FURNITURE.match(clean(line)))


# --- names -----------------------------------------------------------------------------

TITLES = (
    "County Councillor", "Councillors", "Councillor", "Cllrs", "Cllr", "Alderman", "Mrs", "Mr",
    "Ms", "Miss", "Mx", "Dr", "Doctor", "Professor", "Prof", "Sir", "Dame", "Lord", "Lady",
    "Baroness", "Baron", "Reverend", "Revd", "Rev", "The Rt Hon", "Rt Hon", "Canon",
    # police ranks, as safeguarding boards list their members
    "Detective Chief Superintendent", "Detective Superintendent", "Detective Chief Inspector",
    "Detective Inspector", "Detective Sergeant", "Chief Superintendent", "Superintendent",
    "Chief Inspector", "Assistant Chief Constable", "Deputy Chief Constable", "Chief Constable",
    "Det Ch Supt", "Det Supt", "Ch Supt", "Supt", "DCI", "Insp", "Sgt", "ACC", "DCC",
)
_TITLE_RE = re.compile(
    r"^(" + "|".join(re.escape(t) for t in TITLES) + r")\.?:?(?=\s|$)\s*", re.I)


def strip_title(name: str) -> tuple[str | None, str]:
    """(title, name) with the title as written in canonical case ('Cllr' stays 'Cllr').

    >>> strip_title('Councillor Jane Smith')
    ('Councillor', 'Jane Smith')
    """
    s = clean(name).strip(" ,.;:")
    titles: list[str] = []
    while True:
        m = _TITLE_RE.match(s)
        if not m or not s[m.end():].strip():
            break
        word = m[1].lower()
        titles.append(next(t for t in TITLES if t.lower() == word))
        s = s[m.end():]
    title = " ".join(titles) or None
    if title in ("Councillors", "Cllrs"):
        title = title[:-1]
    return title, s.strip(" ,.;:")


_NAME_SEP = re.compile(r"\s*(?:,|;|/|\band\b|\s&\s)\s*", re.I)


def split_names(text: str | None) -> list[str]:
    """Split a list of names on ',', ' and ', '/', ';' and ' & ' (not inside 'C & F').

    Titles are kept ('Councillors A, B and C' → ['Councillors A', 'B', 'C']); call
    :func:`strip_title` on each. Empty parts are dropped.
    """
    if not text:
        return []
    s = clean(text).strip(" .;:")
    # protect '&' joining single letters or short codes ("C & F", "H&WB")
    s = re.sub(r"\b([A-Z]{1,2})\s*&\s*([A-Z]{1,2})\b", "\\1\x00\\2", s)
    parts = [p.replace("\x00", " & ").strip(" .,;:-–") for p in _NAME_SEP.split(s)]
    return [p for p in parts if p]


# --- tables ----------------------------------------------------------------------------


class TableRow(NamedTuple):
    """A table row: its 1-based line number in the pack and its cleaned cells."""

    line: int
    cells: list[str]


_SEPARATOR = re.compile(r"^[\s|:+\-=_–—\t]*$")
_CELL_OPEN = re.compile(r"<t[dh]\b", re.I)  # compiled once: asked of every table line
_CELL_TAG = re.compile(r"<(?:td|th)\b[^>]*>(.*?)(?:</(?:td|th)>|(?=<(?:td|th)\b)|$)", re.I | re.S)


def is_separator_row(line: str) -> bool:
    """A rule under a table header: '|---|---|', '--\\t----\\t--', '+===+', and the same
    written as HTML cells ('<tr><td>--</td><td>---</td></tr>')."""
    s = line.strip()
    if "<t" in s and _CELL_OPEN.search(s):
        cells = [re.sub(r"<[^>]*>", "", c).strip() for c in _CELL_TAG.findall(s)]
        return any(cells) and all(_SEPARATOR.match(c) for c in cells) and any(
            ch in "".join(cells) for ch in "-=–—_")
    return bool(s) and bool(_SEPARATOR.match(s)) and any(c in s for c in "-=–—_")


def split_row(line: str) -> list[str] | None:
    """The cells of one table line, or ``None`` when the line is not a table row.

    Recognises TAB-separated cells (each may hold ``<p>`` fragments), HTML ``<td>``/``<th>``
    cells and markdown ``| a | b |`` rows. Separator rules are not rows.
    """
    if not line.strip() or is_separator_row(line):
        return None
    if _CELL_OPEN.search(line):
        return [clean(c) for c in _CELL_TAG.findall(line)]
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        return [clean(c) for c in stripped.strip("|").split("|")]
    if "\t" in line:
        return [clean(c) for c in line.split("\t")]
    return None


def table_rows(lines: Iterable[str], first_line: int = 1) -> list[TableRow]:
    """The table rows among ``lines`` (numbered from ``first_line``), separators skipped.

    Rows whose cells are all empty are dropped; trailing empty cells are kept so column
    positions stay aligned with the header.
    """
    rows: list[TableRow] = []
    for n, line in enumerate(lines, start=first_line):
        cells = split_row(line)
        if cells is not None and any(cells):
            rows.append(TableRow(n, cells))
    return rows

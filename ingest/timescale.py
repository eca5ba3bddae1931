"""Timescales and checkpoints: 'Within three months' → '3 months' → a due date.

Inspection reports give each area for improvement a timescale relative to publication
('Immediately', 'Within six months'), and action plans date their progress columns loosely
('End of September', 'end of January'). Turning both into ISO dates lets the graph answer
"what is overdue" without anyone re-reading the report. Nothing here raises on odd text: a
timescale or checkpoint that cannot be read gives ``None``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_NUMBER_WORDS = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "eighteen": 18, "twenty-four": 24, "twenty four": 24,
}
_NUM = r"(\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_PERIOD = re.compile(rf"\b{_NUM}\s*(months?|weeks?|years?|days?)\b", re.I)
_IMMEDIATE = re.compile(r"\b(immediate(?:ly)?|with immediate effect)\b", re.I)
_UNITS = {"month": "months", "week": "weeks", "year": "years", "day": "days"}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?",
                       re.I)
_YEAR_RE = re.compile(r"\b(19\d{2}|20\d{2})\b")


def normalise_timescale(text: str | None) -> str | None:
    """'Immediately:' → 'immediately'; 'WITHIN 3 MONTHS' / 'Within three months' → '3 months';
    'within one year' → '12 months'; anything else → ``None``.

    >>> normalise_timescale('Within twelve months:'), normalise_timescale('IMMEDIATE')
    ('12 months', 'immediately')
    """
    if not text:
        return None
    m = _PERIOD.search(text)
    if m:
        raw = m[1].lower()
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 0)
        unit = _UNITS[m[2].lower().rstrip("s")]
        if n <= 0:
            return None
        if unit == "years":
            return f"{12 * n} months"
        return f"{n} {unit}"
    if re.search(r"\b(?:a|one)\s+year\b|\bwithin\s+(?:the\s+)?year\b", text, re.I):
        return "12 months"
    if _IMMEDIATE.search(text):
        return "immediately"
    return None


def timescale_code(timescale: str | None) -> str:
    """A short code for recommendation ids: 'immediately' → 'IMM', '3 months' → '3M'."""
    if timescale == "immediately":
        return "IMM"
    m = re.match(r"(\d+) (months|weeks|days)", timescale or "")
    if m:
        return f"{m[1]}{m[2][0].upper()}"
    return "OTHER"


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the last day of the month."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(published: str | None, timescale: str | None) -> str | None:
    """The date a timescale runs out, counted from the publication date (ISO in and out).

    >>> due_date('2011-08-19', '3 months'), due_date('2011-08-19', 'immediately')
    ('2011-11-19', '2011-08-19')
    """
    start = _date(published)
    if start is None or not timescale:
        return None
    if timescale == "immediately":
        return start.isoformat()
    m = re.fullmatch(r"(\d+) (months|weeks|days)", timescale)
    if not m:
        return None
    n = int(m[1])
    if m[2] == "months":
        return add_months(start, n).isoformat()
    return (start + dt.timedelta(days=n * (7 if m[2] == "weeks" else 1))).isoformat()


def _date(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso[:10]) if iso and len(iso) >= 10 else None
    except ValueError:
        return None


def resolve_checkpoint(label: str | None, anchor: str | None,
                       after: str | None = None) -> str | None:
    """The ISO date a checkpoint label stands for: 'End of September' → the last day of
    September of the anchor's year (the meeting or publication date); a month that falls
    before the previous checkpoint (``after``), or well before the anchor, rolls to the
    next year ('end of January' after 'end of November'). A year in the label wins.

    >>> resolve_checkpoint('end of January', '2011-09-22', after='2011-11-30')
    '2012-01-31'
    """
    if not label:
        return None
    m = _MONTH_RE.search(label)
    if not m:
        return None
    month = _MONTHS[m[1].lower()]
    explicit = _YEAR_RE.search(label)
    base = _date(anchor) or _date(after)
    if explicit:
        year = int(explicit[1])
    elif base is not None:
        year = base.year
    else:
        return None
    day_m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + re.escape(m[0].rstrip(".")), label)
    last = calendar.monthrange(year, month)[1]
    day = int(day_m[1]) if day_m and 1 <= int(day_m[1]) <= last else last
    if re.search(r"\b(?:start|beginning|early)\b", label, re.I) and not day_m:
        day = 1
    when = dt.date(year, month, day)
    if not explicit:
        prev = _date(after)
        late = prev is None and base is not None and (base - when).days > 92
        if (prev is not None and when < prev) or late:
            when = _shift_year(when)
    return when.isoformat()


def _shift_year(day: dt.date) -> dt.date:
    last = calendar.monthrange(day.year + 1, day.month)[1]
    return dt.date(day.year + 1, day.month, min(day.day, last))

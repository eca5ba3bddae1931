"""Agenda: the meeting it summons and its numbered items.

Layout read: a title line ending 'Agenda' (the body's name before it), a 'Date:' / 'Time:'
/ 'Venue:' block, optional 'PART 1' / 'PART 2' headings, and numbered items ('6. **Title**
(Pages 7 - 98)') each followed by a paragraph saying what the item is for. The agenda tells
the documents after it which meeting they are for (``ctx.meeting_body``/``meeting_date``).
"""

from __future__ import annotations

import re

from ingest.body_mentions import body_mentions
from ingest.extractors import PackContext, register
from ingest.extractors._columns import header_map
from ingest.names_in_prose import is_person
from ingest.records import (
    AgendaItem,
    DocumentRecords,
    Meeting,
    PersonMention,
    Report,
    Segment,
    Span,
)
from ingest.segment_rules import LABELLED
from ingest.text import PackText
from ingest.textutil import clean, parse_date, parse_time, split_names, split_row, strip_title

_FIELD = re.compile(r"^(date|time|venue|place|location)\s*:\s*(.*)$", re.I)
_ITEM = re.compile(r"^(?:item\s+)?(\d{1,2})[.):]?\s+(\S.*)$", re.I)
_PAGES = re.compile(r"\(\s*pages?\s+(\d+(?:\s*[-–]\s*\d+)?)\s*\)", re.I)
_PART = re.compile(r"^part\s+(1|2|i{1,2}|one|two)\b", re.I)
_CONTACT = re.compile(
    r"(?i:please\s+contact|contact(?:\s+officer)?\s*:|enquiries(?:\s+to)?\s*:)\s*"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})"
    r"(?:\s*,\s*(?P<post>[A-Z][^,\n]*?(?:Officer|Manager|Adviser|Advisor|Clerk|Assistant)))?"
    r"(?:\s*(?:on|tel(?:ephone)?:?)\s*(?P<phone>[\d ]{8,}\d))?")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _body_from_title(title: str) -> str:
    return re.sub(r"\s*[-–:]?\s*agenda$", "", clean(title), flags=re.I).strip() or title


def _items(pack: PackText, seg: Segment, first: int) -> list[tuple[int, int, str]]:
    """(line, number, text) of the numbered items, numbers rising one by one."""
    found: list[tuple[int, int, str]] = []
    expected: int | None = None
    for n in range(first, seg.end + 1):
        raw = re.sub(r"^(\s*(?:item\s+)?\d{1,2}[.):]?)\t+", r"\1 ", pack.line(n), flags=re.I)
        m = _ITEM.match(clean(raw))
        if not m or "\t" in raw:  # a table row, not an item
            continue
        num = int(m[1])
        if expected is None or num == expected or (found and num == found[-1][1] + 1):
            found.append((n, num, m[2]))
            expected = num + 1
    return found


def _pages(text: str | None) -> str | None:
    """'7-98' and '7 – 98' as '7 - 98'."""
    return re.sub(r"\s*[-–]\s*", " - ", text) if text else None


#: An agenda written as a table: its header names the item number and title columns.
_TABLE_COLUMNS = {"number": r"^(?:item|no\.?|number|#|ref)$",
                  "title": r"title|subject|business|report|description|^agenda item$",
                  "pages": r"^pages?$", "purpose": r"purpose|action required|for decision"}


def _table_items(pack: PackText, seg: Segment, first: int) -> list[tuple[int, int, str, str | None,
                                                                        str | None]]:
    """(line, number, title, pages, purpose) of an agenda written as a table ('| Item |
    Title | Lead | Pages |'): rows under a header naming a number and a title column."""
    cols: dict[str, int] | None = None
    found: list[tuple[int, int, str, str | None, str | None]] = []
    for n in range(first, seg.end + 1):
        cells = split_row(pack.line(n))
        if cells is None:
            if found and clean(pack.line(n)):
                break  # the table has ended
            continue
        if cols is None:
            cols = header_map(cells, _TABLE_COLUMNS)
            if not {"number", "title"} <= cols.keys():
                cols = None
            continue
        row = {name: (cells[i] or None) if i < len(cells) else None for name, i in cols.items()}
        num = re.match(r"^(\d{1,2})\.?$", row["number"] or "")
        if num and row["title"]:
            pages = row.get("pages")
            found.append((n, int(num[1]), row["title"],
                          _pages(pages),
                          row.get("purpose")))
    return found


def _paragraph_after(pack: PackText, line: int, stop: int) -> tuple[str | None, int]:
    """The first paragraph between ``line`` and ``stop`` (exclusive), and its last line."""
    lines: list[str] = []
    last = line
    for n in range(line + 1, stop):
        c = clean(pack.line(n))
        if not c:
            if lines:
                break
            continue
        if _PART.match(c) or _CONTACT.search(c):
            break
        lines.append(c)
        last = n
    return (" ".join(lines) or None), last


_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_VENUE_WORDS = re.compile(r"\b(?:room|hall|house|chamber|centre|center|offices?|building|library|"
                          r"civic|virtual|online|microsoft teams|zoom|hub)\b", re.I)


def _unlabelled_fields(pack: PackText, segment: Segment) -> dict[str, tuple[int, str]]:
    """A cover's date line ('Thursday, 28th March, 2019 at 2.00 pm') and the venue line
    under it, written without 'Date:' or 'Venue:' labels, above the first item."""
    for n in range(segment.start, min(segment.end, segment.start + 15) + 1):
        c = clean(pack.line(n))
        if _ITEM.match(c):
            break
        date = parse_date(c) if c and len(c.split()) <= 12 and not LABELLED.match(c) else None
        if not (date and _FULL_DATE.match(date)):
            continue
        found = {"date": (n, c)}
        if parse_time(c):
            found["time"] = (n, c)
        nxt = next((k for k in range(n + 1, min(segment.end, n + 3) + 1)
                    if clean(pack.line(k))), None)
        if nxt is not None:
            v = clean(pack.line(nxt))
            if len(v.split()) <= 12 and _VENUE_WORDS.search(v) and not LABELLED.match(v) \
                    and not parse_date(v):
                found["venue"] = (nxt, v)
        return found
    return {}


_MEMBERSHIP = re.compile(r"^(?:membership|members)\s*:\s*(\S.*)$", re.I)
_ROLE = re.compile(r"\(([^)]+)\)")


def _membership(pack: PackText, segment: Segment, body: str, out: DocumentRecords) -> None:
    """'Membership: Councillors P Grant (Leader), S Okoro and L Price': the body's members,
    each a member of it (or in the role the brackets give)."""
    for n in range(segment.start, min(segment.end, segment.start + 40) + 1):
        m = _MEMBERSHIP.match(clean(pack.line(n)))
        if not m:
            continue
        shared = None
        for part in split_names(m[1]):
            role = _ROLE.search(part)
            title, name = strip_title(_ROLE.sub("", part))
            shared = title if title else shared
            if name and is_person(name):
                out.people.append(PersonMention(name, pack.span(n), title=title or shared,
                                                role=role[1] if role else "Member",
                                                body=body, context="agenda.membership"))
        return


@register("agenda")
def extract(pack: PackText, segment: Segment, ctx: PackContext) -> DocumentRecords:
    out = DocumentRecords(segment=segment)
    body = _body_from_title(segment.title)
    fields: dict[str, tuple[int, str]] = {}
    for n in range(segment.start, min(segment.end, segment.start + 30) + 1):
        m = _FIELD.match(clean(pack.line(n)))
        if m:
            fields.setdefault(m[1].lower(), (n, m[2].strip()))
    if "date" not in fields:
        fields.update(_unlabelled_fields(pack, segment))
    date = parse_date(fields.get("date", (0, ""))[1])
    head_end = max([n for n, _ in fields.values()] + [segment.start])
    venue = (fields.get("venue") or fields.get("place") or fields.get("location") or (0, ""))[1]
    first = next((n for n in range(segment.start, head_end + 1) if pack.line(n).strip()),
                 segment.start)
    meeting = Meeting(body=body, date=date, span=pack.span(first, max(first, head_end)),
                      venue=venue or None, start_time=parse_time(fields.get("time", (0, ""))[1]),
                      status="scheduled")
    out.meetings.append(meeting)
    out.reports.append(Report(title=segment.title, span=pack.span(first), to_body=body,
                              meeting_date=date, kind="agenda"))
    ctx.meeting_body = ctx.meeting_body or body
    ctx.meeting_date = ctx.meeting_date or date

    part = 1
    items = _items(pack, segment, head_end + 1)
    part_lines = {n: (2 if m[1].lower() in ("2", "ii", "two") else 1)
                  for n in range(head_end + 1, segment.end + 1)
                  if (m := _PART.match(clean(pack.line(n))))}
    for k, (n, num, text) in enumerate(items):
        part = next((p for ln, p in sorted(part_lines.items(), reverse=True) if ln < n), part)
        stop = items[k + 1][0] if k + 1 < len(items) else segment.end + 1
        pages_m = _PAGES.search(text)
        title = clean(_PAGES.sub("", text)).strip(" -–")
        purpose, last = _paragraph_after(pack, n, stop)
        out.agenda_items.append(AgendaItem(
            number=num, title=title, span=pack.span(n, max(n, last)),
            pages=_pages(pages_m[1] if pages_m else None),
            purpose=purpose, part=part, meeting_date=date))

    if not items:
        for n, num, title, pages, purpose in _table_items(pack, segment, head_end + 1):
            out.agenda_items.append(AgendaItem(number=num, title=title, span=pack.span(n),
                                               pages=pages, purpose=purpose, meeting_date=date))
    _contacts(pack, segment, out)
    _membership(pack, segment, body, out)
    out.bodies.extend(body_mentions(pack, segment.start, segment.end, "agenda"))
    for b in out.bodies:
        if b.name.lower() == body.lower():
            b.context = "agenda.meeting"
    return out


def _contacts(pack: PackText, segment: Segment, out: DocumentRecords) -> None:
    """The contact officer: 'Please contact <Name> on <phone>' and an e-mail line nearby."""
    for n in range(segment.start, segment.end + 1):
        m = _CONTACT.search(clean(pack.line(n)))
        if not m:
            continue
        email = None
        for k in range(n, min(segment.end, n + 3) + 1):
            e = _EMAIL.search(pack.line(k))
            if e:
                email = e[0]
                break
        end = k if email else n
        out.people.append(PersonMention(
            name=m["name"], span=Span(n, end, pack.text(n, end)), role=m["post"],
            email=email, context="agenda.contact"))
        return

"""A forward plan of key decisions: one record per row of its table.

The header row names the columns (Key Decision | Decisions to be Taken | Decision Maker |
Expected Date | Consultation | Scrutiny Committee | Contact / representations). A row opens
a decision when its first cell starts with a reference token ('WX11/12-17', 'KD/2012/05',
'FP 12/13-4', 'ED-2014-07'); a row without one continues the decision above (a wrapped
row). The contact is the name before the first comma of the contact column, the post after.
"""

from __future__ import annotations

import re

from ingest.extractors import PackContext, register
from ingest.extractors._columns import cell, header_map, row_cells
from ingest.names_in_prose import is_person
from ingest.prose_mentions import prose_body_mentions
from ingest.records import (
    DocumentRecords,
    KeyDecision,
    PersonMention,
    Report,
    Segment,
    Warning_,
)
from ingest.text import PackText
from ingest.textutil import clean, find_dates, parse_date, strip_title

COLUMNS = {
    "ref": r"^(?:ref(?:erence)?\.?|no\.?|id)\b",
    "key": r"^key decision|^(?:decision )?title|^subject|^item|^matter",
    "decision": r"decisions? to be (?:taken|made)|^decisions?$|nature of decision|purpose",
    "maker": r"decision[- ]?(?:maker|taker)|who will decide|^decided by",
    "date": r"expected date|date of decision|^date|when",
    "consultation": r"consult",
    "scrutiny": r"scrutiny|overview",
    "contact": r"representation|contact|officer|lead",
}
REF = re.compile(r"^([A-Z]{1,5}[\s/-]?\d+[A-Za-z]?(?:[/-]\d+[A-Za-z]?)*)(?=\s|$|[:.,])"
                 r"\s*[:.,-]?\s*(.*)$")
_PERIOD = re.compile(r"forward\s+plan\b.*?(\d{1,2}\s+\w+\s+\d{4})\s*(?:-|–|to)\s*"
                     r"(\d{1,2}\s+\w+\s+\d{4})", re.I)


def split_reference(text: str) -> tuple[str, str | None] | None:
    """('WX11/12-17', 'Parking Strategy') from 'WX11/12-17 Parking Strategy'; None when the
    cell does not open with a reference ('A 12 month review' is a title, not 'A 12')."""
    m = REF.match(text)
    if not m or not (re.search(r"[/-]", m.group(1)) or re.match(r"[A-Z]{2}", m.group(1))):
        return None
    return m.group(1), m.group(2).strip() or None


def plan_period(pack: PackText, segment: Segment) -> tuple[str, str, int] | None:
    """(start ISO, end ISO, line) of 'Forward Plan 1 September 2011 - 31 December 2011'."""
    for n in range(segment.start, segment.end + 1):
        m = _PERIOD.search(clean(pack.line(n)))
        if m:
            start, end = parse_date(m.group(1)), parse_date(m.group(2))
            if start and end and len(start) == len(end) == 10:
                return start, end, n
    return None


def _contact(text: str) -> tuple[str | None, str | None]:
    """'Jane Smith, Strategic Director (Places)' -> ('Jane Smith', 'Strategic Director ...')."""
    text = clean(text)
    name, _, post = text.partition(",")
    name = strip_title(name.strip())[1]
    if not name or not is_person(name):
        return None, None
    post = re.split(r"\s(?:tel|telephone|email|e-mail)\b|\s\d{4,}|\S+@\S+", post,
                     maxsplit=1, flags=re.I)[0].strip(" ,;.")
    return name, post or None


def _decision(pack: PackText, n: int, cells: list[str],
              columns: dict[str, int]) -> tuple[KeyDecision, PersonMention | None] | None:
    first = clean(cell(cells, columns, "ref") or cell(cells, columns, "key"))
    split = split_reference(first)
    if split is None:
        return None
    ref, title = split
    if "ref" in columns and "key" in columns:
        title = clean(cell(cells, columns, "key")) or title
    when = clean(cell(cells, columns, "date"))
    dates = find_dates(when)
    name, post = _contact(cell(cells, columns, "contact"))
    decision = KeyDecision(
        ref=ref, span=pack.span(n), title=title,
        decision=clean(cell(cells, columns, "decision")) or None,
        decision_maker=clean(cell(cells, columns, "maker")) or None,
        expected_date=dates[0][0] if dates else parse_date(when),
        consultation=clean(cell(cells, columns, "consultation")) or None,
        scrutiny_committee=clean(cell(cells, columns, "scrutiny")) or None, contact=name)
    person = PersonMention(name, pack.span(n), role=post, context="forward_plan.contact") \
        if name else None
    return decision, person


def _extend(dec: KeyDecision, cells: list[str], columns: dict[str, int], pack: PackText,
            n: int) -> None:
    """A wrapped row: append each cell to the field above it."""
    for fld, attr in (("key", "title"), ("decision", "decision"), ("maker", "decision_maker"),
                      ("consultation", "consultation"), ("scrutiny", "scrutiny_committee")):
        extra = clean(cell(cells, columns, fld))
        if extra and not (fld == "key" and "ref" not in columns and split_reference(extra)):
            old = getattr(dec, attr)
            setattr(dec, attr, f"{old} {extra}" if old else extra)
    if not dec.expected_date:
        dec.expected_date = parse_date(clean(cell(cells, columns, "date")))
    dec.span = pack.span(dec.span.start, n)


_KEY_VALUE = re.compile(r"^([A-Za-z][A-Za-z /'’()-]{1,40}?)\s*:\s*(\S.*)$")


def _stacked(pack: PackText, segment: Segment) -> list[tuple[int, int, dict[str, str]]]:
    """Decisions written as blocks of 'Label: value' lines ('Reference: KD/2020/014',
    'Decision maker: Cabinet', 'Date of decision: 14 July 2020' ...), the labels read by
    the same patterns as a table's headers; a block ends where its first field comes
    again. (first line, last line, {field: value}) each."""
    blocks: list[tuple[int, int, dict[str, str]]] = []
    fields: dict[str, str] = {}
    first = last = 0
    for n in range(segment.start, segment.end + 1):
        m = _KEY_VALUE.match(clean(pack.line(n)))
        found = header_map([m[1]], COLUMNS) if m else {}
        if not found or m is None:
            continue
        fld = next(iter(found))
        if fld in fields:
            blocks.append((first, last, fields))
            fields = {}
        if not fields:
            first = n
        fields[fld], last = m[2].strip(), n
    if fields:
        blocks.append((first, last, fields))
    return [b for b in blocks if {"ref", "key"} & b[2].keys() and {"maker", "date"} & b[2].keys()]


def _stacked_decision(pack: PackText, first: int, last: int, fields: dict[str, str]
                      ) -> tuple[KeyDecision, PersonMention | None]:
    split = split_reference(fields.get("ref", "")) or split_reference(fields.get("key", ""))
    ref = split[0] if split else fields.get("ref") or fields["key"]
    title = fields.get("key") or (split[1] if split else None)
    when = fields.get("date", "")
    dates = find_dates(when)
    name, post = _contact(fields.get("contact", ""))
    decision = KeyDecision(
        ref=ref, span=pack.span(first, last), title=title, decision=fields.get("decision"),
        decision_maker=fields.get("maker"),
        expected_date=dates[0][0] if dates else parse_date(when),
        consultation=fields.get("consultation"), scrutiny_committee=fields.get("scrutiny"),
        contact=name)
    person = PersonMention(name, pack.span(first, last), role=post,
                           context="forward_plan.contact") if name else None
    return decision, person


@register("forward_plan")
def extract_forward_plan(pack: PackText, segment: Segment, ctx: PackContext) -> DocumentRecords:
    records = DocumentRecords(segment=segment)
    columns: dict[str, int] = {}
    try:
        for n in range(segment.start, segment.end + 1):
            cells = row_cells(pack.line(n))
            if cells is None:
                continue
            found = header_map(cells, COLUMNS)
            if len(found) >= 4 and ("key" in found or "ref" in found) and (
                    "maker" in found or "date" in found):
                columns = found
                continue
            if not columns:
                continue
            made = _decision(pack, n, cells, columns)
            if made:
                records.key_decisions.append(made[0])
                if made[1]:
                    records.people.append(made[1])
            elif records.key_decisions and any(clean(c) for c in cells):
                _extend(records.key_decisions[-1], cells, columns, pack, n)
        if not records.key_decisions:  # no table: decisions as blocks of labelled lines
            for first, last, fields in _stacked(pack, segment):
                decision, person = _stacked_decision(pack, first, last, fields)
                records.key_decisions.append(decision)
                if person:
                    records.people.append(person)
        records.reports.append(Report(title=clean(segment.title), span=pack.span(segment.start),
                                      kind="forward_plan"))
        records.bodies = prose_body_mentions(pack, segment, "forward_plan")
    except (ValueError, IndexError) as exc:
        records.warnings.append(Warning_(f"forward plan {segment.title!r}: {exc}"))
    if not records.key_decisions:
        records.warnings.append(Warning_(
            f"forward plan {segment.title!r} (lines {segment.start}-{segment.end}): no key "
            "decisions found under a header row naming Decision Maker / Expected Date"))
    return records

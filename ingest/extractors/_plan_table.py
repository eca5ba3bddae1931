"""Lines of an implementation plan: numbered rows under 'Outcome N. heading' lines.

The columns are found by their header words (Outcome | Action | Responsibility |
Timescales | Outputs & evidence, or Ref | Objective | Lead | Deadline | Measure ...), so
TAB, HTML and markdown tables from any council read the same way. A row opens a plan line
when it carries a numbered reference ('1.1', '6.4'); a row without one continues the line
before it (a table row wrapped by the PDF conversion).
"""

from __future__ import annotations

import re

from ingest.extractors._columns import (
    cell,
    deadline_date,
    header_map,
    line_text,
    row_cells,
    split_bullets,
)
from ingest.names_in_prose import split_list
from ingest.records import BodyMention, PlanLine, Segment
from ingest.text import PackText
from ingest.textutil import clean

COLUMNS = {
    "ref": r"^(?:ref(?:erence)?\.?|no\.?|number|#|id)$",
    "action": r"^actions?\b|what (?:we )?will (?:we )?do|^activit|^tasks?\b",
    "lead": r"responsib|^leads?\b|^lead (?:officer|agency|partner)|^who\b|^owners?\b",
    "deadline": r"timescale|deadline|milestone|by when|target date|^dates?\b|^when\b|"
                r"completion|\bdue\b",
    "measure": r"output|evidence|measures?\b|indicator|success|monitor|\bkpis?\b|^targets?$",
    "outcome": r"outcome|objective|priorit|^aims?\b|^goals?\b",
}
_HEADING = re.compile(
    r"^(?:outcome|objective|priority|theme|aim|goal)\s+(\d+)\s*[.:)\-–—]?\s+(\S.*)$", re.I)
_REF = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+|[A-Z]\d{1,2}(?:\.\d{1,2})*)\.?(?=\s|$)\s*(.*)$", re.S)
_SPLIT_LEADS = re.compile(r"\s*(?:;|(?<!e\.g)(?<!i\.e)\.\s+(?=[A-Z]))\s*")
_MODIFIER = re.compile(r"[a-z]{3,15}")


def _slash_parts(text: str) -> list[str]:
    """Split on '/', except after a lone lower-case modifier that shares the next part's
    noun: 'strategic / individual commissioning teams' is one lead, 'X Council / all' two."""
    parts = [p.strip() for p in text.split("/")]
    out: list[str] = []
    carry = ""
    for i, part in enumerate(parts):
        part = f"{carry} / {part}" if carry else part
        carry = ""
        tail = re.split(r"[,;]\s*", part)[-1]
        if i < len(parts) - 1 and _MODIFIER.fullmatch(tail):
            head = part[: len(part) - len(tail)].rstrip(" ,;")
            if head:
                out.append(head)
            carry = tail
            continue
        out.append(part)
    return out


def split_leads(text: str) -> list[str]:
    """'PCT, Wessex Carers Centre, GPs' -> three leads; 'X Council / all' -> two."""
    leads: list[str] = []
    pieces = [p for part in _slash_parts(clean(text)) for p in _SPLIT_LEADS.split(part)]
    for piece in pieces:
        for name in split_list(piece):
            name = name.strip(" .,;:-–")
            if name and name not in leads:
                leads.append(name)
    return leads


def _is_header(columns: dict[str, int]) -> bool:
    return len({"action", "lead", "deadline", "measure"} & columns.keys()) >= 3


def plan_lines(pack: PackText, segment: Segment) -> list[PlanLine]:
    """Every numbered line of the plan, with its outcome heading and split leads."""
    lines: list[PlanLine] = []
    columns: dict[str, int] = {}
    heading: tuple[int, str] | None = None
    for n in range(segment.start, segment.end + 1):
        raw = pack.line(n)
        text = line_text(raw)
        m = _HEADING.match(text)
        if m and len(line_text(raw.split("\t")[0])) == len(text):
            heading = (int(m.group(1)), m.group(2).strip())
            continue
        cells = row_cells(raw)
        if cells is None:
            continue
        found = header_map(cells, COLUMNS)
        if _is_header(found):
            if "outcome" not in found and 0 not in found.values():
                found["outcome"] = 0
            columns = found
            continue
        if not columns:
            continue
        line = _row(pack, n, cells, columns, heading)
        if line is not None:
            lines.append(line)
        elif lines and any(clean(c) for c in cells):
            _continue(lines[-1], cells, columns, pack, n)
    return lines


def _row(pack: PackText, n: int, cells: list[str], columns: dict[str, int],
         heading: tuple[int, str] | None) -> PlanLine | None:
    first = clean(cell(cells, columns, "ref") or cell(cells, columns, "outcome"))
    m = _REF.match(first)
    if not m:
        return None
    ref, outcome = m.group(1), m.group(2).strip() or None
    if "ref" in columns and "outcome" in columns:
        outcome = clean(cell(cells, columns, "outcome")) or None
    deadline = clean(cell(cells, columns, "deadline")) or None
    number = heading[0] if heading else _outcome_number(ref)
    return PlanLine(
        ref=ref, span=pack.span(n), outcome=outcome, outcome_number=number,
        outcome_heading=heading[1] if heading else None,
        action=split_bullets(cell(cells, columns, "action"))[0] or None,
        lead=split_leads(cell(cells, columns, "lead")), deadline=deadline,
        deadline_date=deadline_date(deadline),
        measure=clean(cell(cells, columns, "measure")) or None)


def _outcome_number(ref: str) -> int | None:
    head = ref.split(".")[0]
    return int(head) if head.isdigit() else None


def _continue(line: PlanLine, cells: list[str], columns: dict[str, int], pack: PackText,
              n: int) -> None:
    """A wrapped row: its cells carry on the fields of the line above."""

    def join(old: str | None, new: str) -> str | None:
        new = clean(new)
        return (f"{old} {new}" if old else new) if new else old

    line.action = join(line.action, split_bullets(cell(cells, columns, "action"))[0])
    line.measure = join(line.measure, cell(cells, columns, "measure"))
    line.outcome = join(line.outcome, cell(cells, columns, "outcome"))
    more_deadline = clean(cell(cells, columns, "deadline"))
    if more_deadline:
        line.deadline = join(line.deadline, more_deadline)
        line.deadline_date = deadline_date(line.deadline)
    for lead in split_leads(cell(cells, columns, "lead")):
        if lead not in line.lead:
            line.lead.append(lead)
    line.span = pack.span(line.span.start, n)


def extra_column_bodies(pack: PackText, segment: Segment) -> list[BodyMention]:
    """Names in cells past the last headed column of a plan row (an unheaded 'partners'
    column): bodies as written, typos included, for resolution to merge."""
    found: list[BodyMention] = []
    width = 0
    for n in range(segment.start, segment.end + 1):
        cells = row_cells(pack.line(n))
        if cells is None:
            continue
        if _is_header(header_map(cells, COLUMNS)):
            width = max(i for i, c in enumerate(cells) if clean(c)) + 1
            continue
        if not width or not cells or not _REF.match(clean(cells[0])):
            continue
        for extra in cells[width:]:
            for name in split_leads(extra):
                if name[:1].isupper() and name.lower() not in ("all", "n/a", "none"):
                    found.append(BodyMention(name, pack.span(n),
                                             context="implementation_plan.partners"))
    return found

"""A committee's work programme: the cover report, the schedule of items, the task groups.

The schedule is a run of headed sections ('Historical Record', 'Ongoing items', 'Possible
Future Issues', 'Items to be considered:', 'Disregarded Items', 'Task Groups'), each a table
whose header names a topic column ('Topic', 'Item', 'Title') or a bullet list. Headings
about meeting dates or training are not item sections: their rows and lists are skipped.
A row with no topic, or whose cells carry on mid-sentence from the row above, continues
that item (the PDF conversion splits long rows).
"""

from __future__ import annotations

import re

from ingest.extractors import PackContext, register
from ingest.extractors._columns import cell, header_map, line_text, row_cells
from ingest.extractors._report_header import read_header
from ingest.prose_mentions import phrase_bodies, prose_body_mentions, titled_people
from ingest.records import DocumentRecords, Segment, TaskGroup, Warning_, WorkProgrammeItem
from ingest.text import PackText
from ingest.textutil import clean, find_dates, is_furniture, parse_date, strip_bullet

COLUMNS = {
    "topic": r"^(?:topics?|items?|titles?|subjects?|issues?|reviews?|task groups?|names?)\b",
    "due": r"\bdue\b|^date of meeting|^meeting date|^dates?$|timescale|^when\b|^target",
    "status": r"status|progress",
    "notes": r"notes|comments|reason|purpose|suggested action|outcome",
    "lead": r"lead|officer|presenter|responsib|report author",
    "reporting": r"reporting|frequency",
    "actions": r"^actions?\b|next steps",
}
_NOT_ITEMS = re.compile(r"\bdates?\b|meetings?\s*:?$|next agenda", re.I)
_NAMED_GROUP = re.compile(r"\bthe\s+((?:[A-Z][\w&'\u2019-]*\s+){1,4}(?:Task\s+(?:and|&)\s+Finish|"
                          r"Task|Working|Scrutiny\s+Review)\s+(?:Group|Panel|Review))\b")
_ITEM_HEADING = re.compile(r"\bitems?\b|\btopics?\b|\bissues\b|\breviews?\b|considered|"
                           r"suggest|future|monitoring", re.I)
_TASK_HEADING = re.compile(r"task\s*(?:and|&)\s*finish|task groups?|working groups?|"
                           r"sub-?groups?", re.I)
_DROPPED = re.compile(r"disregard|discontinu|withdrawn|removed|deleted", re.I)
_BULLET = re.compile(r"^\s*(?:[-\u2013\u2022\u25a0*\u25aa\u25cf]|\d+[.)])\s+\S")
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*")
_DUE = re.compile(rf"^((?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}\.?\s+\d{{4}}(?:\s*\([^)]*\))?"
                  r"|\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?)\s*(.*)$", re.I)


def is_heading(text: str) -> bool:
    """A short line of its own, not a sentence, a list item, a field or a date."""
    if not text or len(text) > 90 or len(text.split()) > 12 or _BULLET.match(text):
        return False
    if text.endswith(".") or re.search(r":\s*\S", text) or find_dates(text):
        return False
    return bool(re.match(r"^[A-Z0-9]", text)) and not re.match(r"^\d+(?:\.\d+)+\s", text)


def split_due(text: str) -> tuple[str | None, str | None]:
    """'November 2011 On track' -> ('November 2011', 'On track');
    'October 2011 (informal)' -> ('October 2011 (informal)', None)."""
    text = clean(text)
    m = _DUE.match(text)
    if m:
        return m.group(1), m.group(2).strip() or None
    return None, text or None


def _join(old: str | None, new: str) -> str | None:
    new = clean(new)
    return (f"{old} {new}" if old else new) if new else old


def _continues(prev: list[str], cells: list[str]) -> bool:
    """A cell that starts lower-case under a cell that stopped mid-sentence."""
    for before, now in zip(prev, cells, strict=False):
        b, c = clean(before), clean(now)
        if b and c and c[0].islower() and not b.endswith((".", "!", "?", ")")):
            return True
    return False


class _Schedule:
    """Walks the lines once, keeping the current section and table columns."""

    def __init__(self, pack: PackText, segment: Segment) -> None:
        self.pack, self.segment = pack, segment
        self.items: list[WorkProgrammeItem] = []
        self.groups: list[TaskGroup] = []
        self.section: str | None = None
        self.bullets_are_items = False
        self.columns: dict[str, int] = {}
        self.prev: list[str] = []
        self.carry_due: str | None = None
        #: 'Heading:' awaiting its one-line note, with the section it would otherwise close
        self.pending: tuple[int, str, str | None, bool] | None = None

    def run(self) -> None:
        for n in range(self.segment.start, self.segment.end + 1):
            raw = self.pack.line(n)
            text = line_text(raw)
            if not text or is_furniture(raw):
                continue
            cells = row_cells(raw)
            pending, self.pending = self.pending, None
            if cells is None:
                if pending and not _BULLET.match(raw) and not text.endswith(":") \
                        and not re.search(r":\s*\S", text):
                    self._heading_item(pending, n, text)
                    continue
                self._line(n, raw, text)
            else:
                self._row(n, cells)
            for m in _NAMED_GROUP.finditer(text):
                self._named_group(n, m.group(1))

    def _heading_item(self, heading: tuple[int, str, str | None, bool], n: int,
                      note: str) -> None:
        """'Training Requirements/Site Visits:' over 'To be discussed': an item of its own."""
        start, topic, self.section, self.bullets_are_items = heading
        self.items.append(WorkProgrammeItem(topic, self.pack.span(start, n),
                                            section=self.section, notes=note))

    def _named_group(self, n: int, title: str) -> None:
        """A task group named in passing ('fed into the Budget Task and Finish Group')."""
        if not any(g.title.lower() == title.lower() for g in self.groups):
            self.groups.append(TaskGroup(title, self.pack.span(n)))

    def _line(self, n: int, raw: str, text: str) -> None:
        if _BULLET.match(raw) and self.bullets_are_items and self.section:
            topic = clean(strip_bullet(raw))
            self.items.append(WorkProgrammeItem(topic, self.pack.span(n), section=self.section))
            return
        if is_heading(text) or (text.endswith(":") and is_heading(text[:-1])):
            heading = text.rstrip(":").strip()
            self.columns, self.prev = {}, []
            if text.endswith(":") and not _ITEM_HEADING.search(heading) \
                    and not _NOT_ITEMS.search(heading):
                self.pending = (n, heading, self.section, self.bullets_are_items)
            if _NOT_ITEMS.search(heading) and not _TASK_HEADING.search(heading):
                self.bullets_are_items = False
                return
            self.section = heading
            self.bullets_are_items = bool(_ITEM_HEADING.search(heading))

    def _row(self, n: int, cells: list[str]) -> None:
        found = header_map(cells, COLUMNS)
        # a header names columns: a row with a date in it is an item ('9 July 2020 | ... |
        # Task group follow-up' is no header for all its 'task group')
        if "topic" in found and len([c for c in cells if clean(c)]) >= 2 \
                and len(clean(cells[found["topic"]]).split()) <= 3 \
                and not any(find_dates(clean(c)) for c in cells):
            self.columns, self.prev, self.carry_due = found, [], None
            return
        if not self.columns:
            return
        if self.section and _TASK_HEADING.search(self.section):
            self._task_row(n, cells)
        else:
            self._item_row(n, cells)
        self.prev = cells

    def _item_row(self, n: int, cells: list[str]) -> None:
        topic = clean(cell(cells, self.columns, "topic"))
        due_cell = clean(cell(cells, self.columns, "due"))
        due, status = split_due(due_cell) if due_cell else (None, None)
        if "status" in self.columns:
            status = clean(cell(cells, self.columns, "status")) or status
        notes = clean(cell(cells, self.columns, "notes")) or clean(
            cell(cells, self.columns, "reporting")) or None
        last = self.items[-1] if self.items and self.prev else None
        if last and (not topic or _continues(self.prev, cells)):
            last.topic = _join(last.topic, topic) or last.topic
            last.notes = _join(last.notes, notes or "")
            last.due = last.due or due
            last.status = _join(last.status, status or "")
            last.span = self.pack.span(last.span.start, n)
            return
        if not topic or (parse_date(topic) and len(topic.split()) <= 4):
            return
        if self.columns.get("due") == 0:
            due = due or self.carry_due
            self.carry_due = due
        if _DROPPED.search(self.section or ""):
            status = " ".join(filter(None, ["Discontinued", due]))
            due = None
        self.items.append(WorkProgrammeItem(topic, self.pack.span(n), section=self.section,
                                            due=due, status=status, notes=notes,
                                            lead=clean(cell(cells, self.columns, "lead"))
                                            or None))

    def _task_row(self, n: int, cells: list[str]) -> None:
        title = clean(cell(cells, self.columns, "topic"))
        status = clean(cell(cells, self.columns, "status") or cell(cells, self.columns, "notes"))
        actions = clean(cell(cells, self.columns, "actions"))
        if not title and self.groups:
            group = self.groups[-1]
            group.status = _join(group.status, status)
            group.actions = _join(group.actions, actions)
            group.span = self.pack.span(group.span.start, n)
        elif title:
            self.groups.append(TaskGroup(title, self.pack.span(n), status=status or None,
                                         actions=actions or None))


@register("work_programme")
def extract_work_programme(pack: PackText, segment: Segment,
                           ctx: PackContext) -> DocumentRecords:
    records = DocumentRecords(segment=segment)
    try:
        report, people = read_header(pack, segment, "work_programme")
        if report is not None:
            report.to_body = report.to_body or ctx.meeting_body
            report.meeting_date = report.meeting_date or ctx.meeting_date
            records.reports.append(report)
        records.people.extend(people)
        schedule = _Schedule(pack, segment)
        schedule.run()
        records.work_programme, records.task_groups = schedule.items, schedule.groups
        bullets = {i.span.start for i in schedule.items if i.span.start == i.span.end
                   and pack.line(i.span.start).lstrip()[:1] in "-\u2013\u2022\u25a0*"}
        records.bodies = prose_body_mentions(pack, segment, "work_programme",
                                             skip_lines=bullets)
        seen = {b.name.lower() for b in records.bodies}
        wrapped = [i for i in records.work_programme if i.span.end > i.span.start]
        for item in wrapped:  # a topic joined across rows: a name its cells split
            for mention in phrase_bodies(item.topic, item.span, "work_programme.topic"):
                if mention.name.lower() not in seen:
                    seen.add(mention.name.lower())
                    records.bodies.append(mention)
        known = {p.name for p in records.people}
        records.people.extend(p for p in titled_people(pack, segment, "work_programme")
                              if p.name not in known)
    except (ValueError, IndexError) as exc:
        records.warnings.append(Warning_(f"work programme {segment.title!r}: {exc}"))
    if not records.work_programme:
        records.warnings.append(Warning_(
            f"work programme {segment.title!r} (lines {segment.start}-{segment.end}): no "
            "schedule items found under a table header naming a Topic/Item column"))
    return records

"""Action plans: one action per row, with owners, dated status and reporting lines.

The header row says which column is which (``ingest/tables.py``); section rows (one
non-empty cell, or a plain heading line between rows) set the section; every other row is
an action. Owners and reporting schedules are split by ``ingest/owners.py``. Linking each
row to the inspection's recommendation is ``ingest/link.py``'s job, once the whole pack is
read. An acronym table at the foot of the plan is read too, so nothing is lost when the
segmenter leaves it inside the plan.
"""

from __future__ import annotations

import re

from ingest.cleaned import cleaned, furniture
from ingest.extractors import PackContext, register
from ingest.extractors.acronyms import acronym_bodies, acronym_rows, is_acronym_heading
from ingest.judgements import heading_like
from ingest.owners import owner_kind, parse_schedule, split_owners, tentative_bodies
from ingest.records import (
    Action,
    BodyMention,
    DocumentRecords,
    PersonMention,
    Segment,
    StatusSnapshot,
    Warning_,
)
from ingest.tables import Columns, align, find_header, header_repeat
from ingest.text import PackText
from ingest.textutil import is_separator_row, split_row
from ingest.timescale import resolve_checkpoint

RAG = {"r": "red", "red": "red", "a": "amber", "amber": "amber", "g": "green",
       "green": "green", "complete": "completed", "completed": "completed", "b": "completed",
       "blue": "completed", "done": "completed", "amber/green": "amber", "red/amber": "red"}


# 'set up by Amara Okonjo to ...': a person named in passing (two capitalised words)
_NAMED = re.compile(r"\b(?:by|with)\s+([A-Z][a-z'’-]{2,}\s+[A-Z][a-z'’-]+)\b(?!\s+[A-Z&])")


_SEVERITY = {"red": 0, "amber": 1, "green": 2, "completed": 3}


def rag_of(text: str | None) -> str | None:
    s = cleaned(text).lower().strip(" .")
    return RAG.get(s, s or None)


def _cell(row: dict[int, str], i: int | None) -> str | None:
    return (row.get(i) or None) if i is not None else None


def logical_rows(pack: PackText, start: int, end: int) -> tuple[list[tuple[int, str]],
                                                                 dict[int, int]]:
    """Lines, with an HTML row written over several lines ('<tr>' ... '</tr>') joined into
    one; ``ends`` maps a joined row's first line to its last."""
    out: list[tuple[int, str]] = []
    ends: dict[int, int] = {}
    buf: list[str] = []
    first = 0
    for n in range(start, end + 1):
        raw = pack.line(n)
        low = raw.lower()
        if buf and "<tr" in low:  # a row never closed: keep what it had
            out.append((first, " ".join(buf)))
            ends[first], buf = n - 1, []
        if buf:
            buf.append(raw)
            if "</tr>" in low:
                out.append((first, " ".join(buf)))
                ends[first], buf = n, []
            continue
        if "<tr" in low and "</tr>" not in low:
            first, buf = n, [raw]
            continue
        out.append((n, raw))
    if buf:
        out.append((first, " ".join(buf)))
        ends[first] = end
    return out, ends


def _action(pack: PackText, n: int, row: dict[int, str], cols: Columns, section: str | None,
            anchor: str | None, out: DocumentRecords, last: int | None = None) -> Action:
    owners, unassigned = split_owners(_cell(row, cols.index("owner")))
    agency = None
    for i in cols.more_owners:  # 'Lead Agency' beside 'Lead Officer'
        more, _ = split_owners(_cell(row, i))
        owners += [o for o in more if o.name not in {x.name for x in owners}]
        unassigned = unassigned and not more
        agency = agency or next((o.name for o in more if o.kind == "body"), None)
    schedule = _cell(row, cols.index("reporting"))
    firm, tentative, freq = parse_schedule(schedule)
    span = pack.span(n, last or n)
    act = Action(span=span, recommendation_id=_cell(row, cols.index("ref")),
                 recommendation_text=_cell(row, cols.index("recommendation")),
                 timescale_as_written=(_cell(row, cols.revised)
                                       or _cell(row, cols.index("timescale"))),
                 key_actions=_cell(row, cols.index("key_actions")), owners=owners,
                 unassigned=unassigned, reporting_schedule=schedule, reports_to=firm,
                 reporting_frequency=freq, section=section)
    previous = None
    for i, label in cols.checkpoints.items():
        date = resolve_checkpoint(label, anchor, previous)
        previous = date or previous
        note, rag = _cell(row, i), rag_of(_cell(row, cols.rag_of.get(i)))
        if note or rag:
            act.statuses.append(StatusSnapshot(label, span, date=date, rag=rag, note=note))
    for i, label in cols.lone_rag.items():  # 'Lead | Timescale | RAG': as at the paper's date
        rag = rag_of(_cell(row, i))
        if rag:
            act.statuses.append(StatusSnapshot(label, span, date=anchor, rag=rag))
    for part in tentative:
        out.warnings.append(Warning_(
            f"reporting schedule at line {n} names '{part}' tentatively; it is not recorded "
            "as a reporting line", span))
        out.bodies += [BodyMention(b, span, context="action_plan.reporting_tentative")
                       for b in tentative_bodies(part)]
    for body in firm:
        out.bodies.append(BodyMention(body, span, context="action_plan.reporting"))
    for text in [act.key_actions or "", *(st.note or "" for st in act.statuses)]:
        for m in _NAMED.finditer(text):
            if owner_kind(m[1]) == "person":
                out.people.append(PersonMention(m[1], span, context="action_plan.key_actions"))
    for o in owners:
        if o.kind == "person":
            out.people.append(PersonMention(o.name, span, role=o.post or "Responsible officer",
                                            body=agency, context="action_plan.owner"))
    return act


@register("action_plan")
def extract_action_plan(pack: PackText, segment: Segment, ctx: PackContext) -> DocumentRecords:
    out = DocumentRecords(segment)
    end = min(segment.end, len(pack))
    lines, ends = logical_rows(pack, max(1, segment.start), end)
    found = find_header(lines)
    if found is None:
        out.warnings.append(Warning_(f"action plan '{segment.title}' (lines {segment.start}-"
                                     f"{end}) has no header row I recognise"))
        return out
    header_n, cols = found
    anchor = ctx.meeting_date or ctx.inspection_published
    section: str | None = None
    pending: tuple[int, str] | None = None  # a recommendation row whose actions follow
    for n, raw in lines:
        if n <= header_n or not cleaned(raw) or furniture(raw) or is_separator_row(raw):
            continue
        if is_acronym_heading(raw):
            out.acronyms = acronym_rows(pack, n + 1, end)
            for a in out.acronyms:
                ctx.acronyms.setdefault(a.short, a.expansion)
            out.bodies += acronym_bodies(out.acronyms, "acronym_table")
            break
        cells = split_row(raw)
        if cells is None:
            text = cleaned(raw)
            if heading_like(text):
                section = text
            else:
                out.warnings.append(Warning_(f"line {n} of the action plan is not a table row",
                                             pack.span(n)))
            continue
        if header_repeat(cells, cols):
            continue
        filled = [c for c in cells if c]
        if len(filled) == 1 and cells[0]:
            if recommendation_like(filled[0]):  # rows below carry its actions
                pending = (n, filled[0])
            elif len(filled[0]) <= 120:
                section, pending = filled[0], None
            continue
        row = align(cells, cols)
        rec_i = cols.index("recommendation")
        if not _cell(row, rec_i) and rec_i is not None:
            last = out.actions[-1] if out.actions else None
            if pending and (last is None or last.span.start < pending[0]):
                row[rec_i] = pending[1]
                act = _action(pack, n, row, cols, section, anchor, out, ends.get(n))
                act.span = pack.span(pending[0], n)
                out.actions.append(act)
            elif last is not None:  # a continuation of the action above
                _merge(pack, last, _action(pack, n, row, cols, section, anchor, out, ends.get(n)))
            continue
        pending = None
        out.actions.append(_action(pack, n, row, cols, section, anchor, out, ends.get(n)))
    _recommendations_as_written(pack, segment.start, header_n, out.actions)
    return out


_NUMBERED_REC = re.compile(r"^(?:recommendation|rec\.?)\s+(\d{1,3})\s*[:.)\-–]\s*(\S.*)$", re.I)


def _recommendations_as_written(pack: PackText, start: int, header: int,
                                actions: list[Action]) -> None:
    """A plan that quotes the review's recommendations above its table ('Recommendation 2:
    Eastmoor Council ... should review how ...') and then abbreviates them in a column:
    each row numbered like a quoted recommendation takes that recommendation's words."""
    quoted: dict[str, str] = {}
    n = start
    while n < header:
        m = _NUMBERED_REC.match(cleaned(pack.line(n)))
        n += 1
        if not m:
            continue
        words = [m[2]]
        while n < header and cleaned(pack.line(n)) and not _NUMBERED_REC.match(
                cleaned(pack.line(n))):
            words.append(cleaned(pack.line(n)))
            n += 1
        quoted[m[1]] = " ".join(words)
    for act in actions:
        number = re.sub(r"^(?:r|rec\.?|recommendation)\s*", "",
                        (act.recommendation_id or "").strip(), flags=re.I).rstrip(".")
        if number in quoted:
            act.recommendation_text = quoted[number]


_VERBS = re.compile(r"^(?:(?:recommendation|area for improvement|afi)\s*\d*\s*[:.)-]?\s*|"
                    r"\d+(?:\.\d+)*[.):]?\s+)?(?:ensure|improve|increase|develop|review|"
                    r"establish|strengthen|reduce|provide|make|introduce|implement|embed)\b",
                    re.I)


def recommendation_like(text: str) -> bool:
    """A one-cell row that is a recommendation heading its action rows, not a section."""
    return bool(_VERBS.match(text)) or len(text.split()) > 12 or " should " in text


def _merge(pack: PackText, into: Action, more: Action) -> None:
    """Fold a continuation row into the action above: one action per recommendation."""
    if more.key_actions:
        into.key_actions = f"{into.key_actions or ''} {more.key_actions}".strip()
    known = {o.name for o in into.owners}
    into.owners += [o for o in more.owners if o.name not in known]
    into.unassigned = not into.owners
    for st in more.statuses:  # one status per checkpoint: notes joined, the worst RAG kept
        same = next((x for x in into.statuses if x.checkpoint == st.checkpoint), None)
        if same is None:
            into.statuses.append(st)
            continue
        same.note = "; ".join(x for x in (same.note, st.note) if x) or None
        same.rag = min((x for x in (same.rag, st.rag) if x), default=None,
                       key=lambda r: _SEVERITY.get(r, 9))
        same.span = pack.span(same.span.start, st.span.end)
    into.reports_to += [b for b in more.reports_to if b not in into.reports_to]
    into.reporting_schedule = into.reporting_schedule or more.reporting_schedule
    into.reporting_frequency = into.reporting_frequency or more.reporting_frequency
    into.timescale_as_written = into.timescale_as_written or more.timescale_as_written
    into.span = pack.span(into.span.start, more.span.end)


def add_embedded_plans(pack: PackText, segment: Segment, ctx: PackContext,
                       out: DocumentRecords) -> None:
    """Add to ``out`` the plan tables inside another document (an officer report's 'Action
    plan' section, a plan minuted as a table): each table, from its header row to its last
    row, read as an action plan. Why: the segmenter keeps a report or minutes whole (a
    table they quote does not end them), so the plan would otherwise be only text, its
    owners and statuses lost."""
    lines, _ = logical_rows(pack, max(1, segment.start), min(segment.end, len(pack)))
    i = 0
    while i < len(lines):
        found = find_header(lines[i:i + 1])
        if found is None:
            i += 1
            continue
        j, last = i + 1, lines[i][0]
        while j < len(lines) and (split_row(lines[j][1]) is not None
                                  or is_separator_row(lines[j][1]) or not cleaned(lines[j][1])):
            if split_row(lines[j][1]) is not None:
                last = lines[j][0]
            j += 1
        table = extract_action_plan(pack, Segment("action_plan", segment.title, lines[i][0],
                                                  last, segment.number), ctx)
        out.actions += table.actions
        out.people += table.people
        out.bodies += table.bodies
        out.warnings += table.warnings
        i = j

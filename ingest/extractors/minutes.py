"""Minutes: the meeting held, who attended, what was declared and what was resolved.

Layout read: an optional council-name line, 'Minutes of a meeting of <body> held on <date>
at <venue>' (the heading may run over several lines), attendance sections
(:mod:`ingest.minutes_attendance`), numbered minute headings, declarations and RESOLVED
clauses (:mod:`ingest.minutes_decisions`), 'The meeting commenced at ... and concluded at
...'. Earlier meetings the minutes refer to ('the minutes of the meeting held on 16 June
2011') become meetings with status 'referenced'.
"""

from __future__ import annotations

import re

from ingest.body_mentions import body_mentions, body_type
from ingest.extractors import PackContext, register
from ingest.extractors.action_plan import add_embedded_plans
from ingest.minutes_attendance import Attendance, apologies_in_minutes, read_attendance, section_of
from ingest.minutes_decisions import (
    ACTION_LINE,
    RESOLVED,
    MinuteHeading,
    action_line,
    action_owner,
    clause_text,
    declarations_in,
    inline_clauses,
    is_minute_heading,
)
from ingest.owners import split_owners
from ingest.records import (
    Action,
    BodyMention,
    Declaration,
    DocumentRecords,
    Meeting,
    PersonMention,
    Report,
    Resolution,
    Segment,
    Span,
)
from ingest.segment_rules import MINUTES_TITLES
from ingest.text import PackText
from ingest.textutil import (
    clean,
    find_dates,
    is_furniture,
    parse_date,
    parse_time,
    split_names,
)

_HEAD = re.compile(r"(?:minutes|decisions?)\s+of\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?"
                   r"(?:meeting\s+of\s+)?(?:the\s+)?(?P<body>.+?)\s*(?:held\s+(?:on|at|in)\b|meeting\s+held\b|,|$)",
                   re.I)
_TIMES = re.compile(r"meeting\s+(?:commenced|started|began|opened)\s+at\s+(?P<a>[\d.:]+\s*"
                    r"(?:[ap]\.?m\.?|noon)?)(?:.*?(?:concluded|ended|closed|finished|"
                    r"terminated)\s+at\s+(?P<b>[\d.:]+\s*(?:[ap]\.?m\.?|noon)?))?", re.I)
_END_ONLY = re.compile(r"meeting\s+(?:concluded|ended|closed|finished|terminated)\s+at\s+"
                       r"(?P<b>[\d.:]+\s*(?:[ap]\.?m\.?|noon)?)", re.I)
_REFERENCED = re.compile(r"\bmeeting\s+(?:of\s+the\s+[A-Z][\w' -]+?\s+)?held\s+on\s+", re.I)


#: The line that opens minutes when no pattern of MINUTES_TITLES matched: 'Minutes of ...',
#: 'RECORD OF DECISIONS of the meeting held on ...'.
_OPENING = re.compile(r"^\W*(draft\s+|unconfirmed\s+|confirmed\s+)?(?:minutes\b.{12,}|"
                      r"(?:record|schedule|summary)\s+of\s+(?:the\s+)?decisions?\b)", re.I)


def _heading(pack: PackText, seg: Segment) -> tuple[int, int, str]:
    """(first, last, text) of the heading paragraph that opens with 'Minutes of'."""
    span = range(seg.start, seg.end + 1)
    first = next((n for n in span if any(p.match(clean(pack.line(n))) for p in MINUTES_TITLES)),
                 None) or next((n for n in span if _OPENING.match(clean(pack.line(n)))),
                               seg.start)
    last = first
    while last + 1 <= seg.end and clean(pack.line(last + 1)) and last - first < 4:
        nxt = pack.line(last + 1)
        if section_of(nxt) or is_minute_heading(nxt, None) or "\t" in nxt:
            break  # PDF text often has no blank line before the attendance
        last += 1
    return first, last, " ".join(clean(pack.line(n)) for n in range(first, last + 1))


_SMALL = {"and", "of", "for", "the", "in", "on", "to", "a", "an", "&"}


def _body_above(pack: PackText, seg: Segment, first: int) -> str:
    """The body named on the line above 'Minutes of a meeting held on ...'."""
    for n in range(first - 1, seg.start - 1, -1):
        c = clean(pack.line(n))
        if not c:
            continue
        if c.isupper() and re.search(r"\bCOUNCIL$", c) and n == seg.start:
            break
        return _title_cased(c)
    return ""


def _title_cased(c: str) -> str:
    """'CHILDREN AND YOUNG PEOPLE SCRUTINY COMMITTEE' as 'Children and Young People Scrutiny
    Committee'; a name not all in capitals as written."""
    if not c.isupper():
        return c
    words = c.lower().split()
    return " ".join(w if k and w in _SMALL else w.capitalize() for k, w in enumerate(words))


def _stacked_heading(pack: PackText, seg: Segment, first: int, ctx: PackContext
                     ) -> tuple[int, int, str, str]:
    """A web page's 'Minutes' / '<body>' / '<date>' stack: (first, last, heading, body)."""
    body, parts, last = "", [], first
    for n in range(first + 1, min(seg.end, first + 8) + 1):
        c = clean(pack.line(n))
        if not c:
            continue
        if section_of(c) or is_minute_heading(pack.line(n), None):
            break
        parts.append(c)
        last = n
        if find_dates(c):
            break
        body = body or c
    return first, last, " ".join(["Minutes of", *parts]), body or (ctx.meeting_body or "")


def _venue(heading: str) -> str | None:
    dates = find_dates(heading)
    tail = heading[dates[0][2]:] if dates else heading
    m = re.search(r"\b(?:at|in)\s+(?:the\s+)?(?!\d{1,2}[.:]\d{2})(.+)$", tail)
    if not m:
        return None
    venue = re.sub(r"^(?:\d{1,2}[.:]\d{2}\s*[ap]\.?m\.?\s*(?:at|in)\s+)", "", m[1]).strip(" .,")
    return venue or None


@register("minutes")
def extract(pack: PackText, segment: Segment, ctx: PackContext) -> DocumentRecords:
    out = DocumentRecords(segment=segment)
    first, last, heading = _heading(pack, segment)
    m = _HEAD.search(heading)
    body = _title_cased(clean(m["body"]).strip(" ,")) if m else ""
    if body.lower() in ("meeting", "a meeting", "the meeting"):
        body = _body_above(pack, segment, first)
    if not body:  # 'Minutes' alone, the body's name and the date on the lines under it
        first, last, heading, body = _stacked_heading(pack, segment, first, ctx)
    date = parse_date(heading)
    _council(pack, segment, first, ctx)
    stop_line = _first_minute(pack, last + 1, segment.end)
    att = read_attendance(pack.lines[last:(stop_line - 1) if stop_line else segment.end],
                          last + 1)
    if stop_line:
        apologies_in_minutes(att, pack.lines[stop_line - 1:segment.end], stop_line)
    meeting = Meeting(
        body=body, date=date, span=pack.span(first, max(last, att.end or last)),
        venue=_venue(heading), present=att.present, apologies=att.apologies,
        in_attendance=att.in_attendance, officers=att.officers,
        officer_posts=att.officer_posts, chair=att.chair, vice_chair=att.vice_chair)
    _times(pack, segment, meeting)
    out.meetings.append(meeting)
    dates = find_dates(heading)
    out.reports.append(Report(title=heading[:dates[0][2]] if dates else segment.title,
                              span=pack.span(first, last), to_body=body or None,
                              meeting_date=date, kind="minutes"))
    _people(pack, att, body, out)
    _decisions(pack, segment, stop_line or max(att.end, last) + 1, meeting, att, out)
    _referenced(pack, segment, meeting, out)
    add_embedded_plans(pack, segment, ctx, out)
    reported = {b.lower() for b in [body]}
    if body:
        out.bodies.append(_body_mention(pack, first, last, body))
    out.bodies.extend(body_mentions(pack, segment.start, segment.end, "minutes", reported))
    return out


def _body_mention(pack: PackText, first: int, last: int, body: str) -> BodyMention:
    return BodyMention(name=body, span=pack.span(first, last), type=body_type(body) or
                       "committee", context="minutes.meeting")


def _council(pack: PackText, seg: Segment, first: int, ctx: PackContext) -> None:
    for n in range(seg.start, first):
        c = clean(pack.line(n))
        if c and c.isupper() and re.search(r"\bCOUNCIL\b", c) and not ctx.council:
            ctx.council = c.title()


def _first_minute(pack: PackText, start: int, end: int) -> int | None:
    for n in range(start, end + 1):
        if is_minute_heading(pack.line(n), None, _blank_after(pack, n, end)):
            return n
    return None


def _blank_after(pack: PackText, n: int, end: int) -> bool:
    return n >= end or not pack.line(n + 1).strip()


def _times(pack: PackText, seg: Segment, meeting: Meeting) -> None:
    for n in range(seg.end, seg.start - 1, -1):
        c = clean(pack.line(n))
        m = _TIMES.search(c) or _END_ONLY.search(c)
        if m:
            if "a" in m.groupdict() and m["a"]:
                meeting.start_time = parse_time(m["a"])
            if m["b"]:
                meeting.end_time = parse_time(m["b"])
            return


def _people(pack: PackText, att: Attendance, body: str, out: DocumentRecords) -> None:
    groups = [("present", att.present), ("apologies", att.apologies),
              ("in_attendance", att.in_attendance)]
    for context, names in groups:
        for name in names:
            role = att.chair_label if name == att.chair else (
                att.vice_label if name == att.vice_chair else None)
            n = att.lines.get(name, 1)
            out.people.append(PersonMention(
                name=name, span=pack.span(n), title=att.titles.get(name), role=role,
                body=body if role else None, context=f"minutes.{context}"))
            post, employer = att.member_posts.get(name, (None, None))
            if post or employer:  # 'Mark Ellis, Director of Adult Social Services, X Council'
                out.people.append(PersonMention(
                    name=name, span=pack.span(n), title=att.titles.get(name), role=post,
                    body=employer, context=f"minutes.{context}.post"))
            if employer:
                out.bodies.append(BodyMention(name=employer, span=pack.span(n),
                                              context=f"minutes.{context}.post"))
    for name in att.officers:
        n = att.lines.get(name, 1)
        out.people.append(PersonMention(
            name=name, span=pack.span(n), title=att.titles.get(name),
            role=att.officer_posts.get(name), context="minutes.officers"))


def _decisions(pack: PackText, seg: Segment, first: int, meeting: Meeting, att: Attendance,
               out: DocumentRecords) -> None:
    current: MinuteHeading | None = None
    n = first
    while n <= seg.end:
        raw = pack.line(n)
        head = is_minute_heading(raw, current.number if current else None,
                                 _blank_after(pack, n, seg.end))
        if head:
            current = MinuteHeading(n, head.number, head.title)
            n += 1
            continue
        c = clean(raw)
        for name, title, kind, reason in declarations_in(c):
            out.declarations.append(Declaration(
                person=name, span=pack.span(n), interest_type=kind, reason=reason,
                meeting_date=meeting.date, minute_number=current.number if current else None))
            out.people.append(PersonMention(name=name, span=pack.span(n), title=title,
                                            context="minutes.declaration"))
        am = ACTION_LINE.match(c)
        if am:
            _minute_action(pack, seg, n, am[1], current, meeting, att, out)
            n += 1
            continue
        m = RESOLVED.match(c)
        if m and _opens_decision(c, m):
            lead, to = _addressed(m[2].strip())
            n = _resolution(pack, seg, n, lead, current, meeting, att, out, to)
            continue
        n += 1


_NEXT_MEETING = re.compile(r"^(?:date\s+(?:and\s+time\s+)?of\s+(?:the\s+)?next\s+meeting|"
                           r"next\s+meeting)\s*[:\-–]?\s*(.+)$", re.I)


def _minute_action(pack: PackText, seg: Segment, n: int, text: str,
                   minute: MinuteHeading | None, meeting: Meeting, att: Attendance,
                   out: DocumentRecords) -> None:
    """An action minuted on a line of its own ('ACTION: LF to circulate the report by 1
    July 2022'): owned by whoever it names (initials as the attendance list gave them), due
    by the date it gives (the next meeting's date for 'for the next meeting'), reporting
    to the meeting's body when it asks for a report back."""
    parsed = action_line(text)
    if parsed is None:
        return
    who, what, when = parsed
    names = [att.initials.get(p, p) for p in split_names(who)] if who else []
    owners, unassigned = split_owners(" / ".join(names)) if names else ([], True)
    if when and when.lower().startswith("next"):  # 'for the next meeting'
        when = _next_meeting_date(pack, n, seg.end) or when
    number = minute.number if minute else "?"
    count = sum(1 for a in out.actions if (a.recommendation_id or "").startswith(f"{number}/"))
    reports_to = [meeting.body] if meeting.body and re.search(
        r"\breport(?:ing)?\s+back\b", what, re.I) else []
    out.actions.append(Action(
        span=pack.span(n), recommendation_id=f"{number}/A{count + 1}",
        recommendation_text=what, timescale_as_written=when, owners=owners,
        unassigned=unassigned, reports_to=reports_to,
        section=minute.title if minute else None))


def _next_meeting_date(pack: PackText, start: int, end: int) -> str | None:
    """The date a 'Date of next meeting: 14 September 2022' line gives, as written."""
    for k in range(start, end + 1):
        m = _NEXT_MEETING.match(clean(pack.line(k)))
        if m and parse_date(m[1]):
            return m[1]
    return None


def _opens_decision(line: str, m: re.Match[str]) -> bool:
    """'RESOLVED – That ...', 'Resolved: that', 'AGREED' alone; not 'Recommended reading'."""
    after = line[m.end(1):]
    return m[1].isupper() or not after.strip() or bool(
        re.match(r"^\s*(?:[:\-–—]|that\b|\(?[a-z1-9]\))", after, re.I))


_ADDRESSED = re.compile(r"^to\s+(?:the\s+)?([A-Z][\w&'’ -]{1,60}?)\s*[:\-–—]\s*(.*)$")


def _addressed(lead: str) -> tuple[str, str | None]:
    """'RECOMMENDED to Council: That ...': the decision's text, and the body asked to take
    it (which then acts on it, unless a clause names someone else)."""
    m = _ADDRESSED.match(lead)
    return (m[2], m[1]) if m else (lead, None)


def _resolution(pack: PackText, seg: Segment, n: int, lead: str, minute: MinuteHeading | None,
                meeting: Meeting, att: Attendance, out: DocumentRecords,
                to: str | None = None) -> int:
    """Read the decision opening at line ``n`` (recommended ``to`` a body, if it says so);
    returns the line after it."""

    def add(clause: str | None, text: str, a: int, b: int) -> None:
        out.resolutions.append(Resolution(
            minute_number=minute.number if minute else None,
            minute_title=minute.title if minute else None, clause=clause, text=text,
            span=pack.span(a, b),
            action_owner=action_owner(text, meeting.chair, meeting.body) or to,
            meeting_date=meeting.date, body=meeting.body))

    if not lead:  # 'Decision:' / 'RESOLVED' alone, its text on the next line ('That Cabinet:')
        j = next((j for j in range(n + 1, min(seg.end, n + 3) + 1) if clean(pack.line(j))),
                 None)
        if j is not None and not clause_text(pack.line(j)) and not RESOLVED.match(
                clean(pack.line(j))) and not is_minute_heading(
                pack.line(j), minute.number if minute else None):
            lead, n = clean(pack.line(j)), j
    inline = inline_clauses(lead) if lead else None
    if inline:  # 'That (1) the report be noted; (2) the Director be asked to ...'
        for label, text in inline:
            add(label, text, n, n)
        return n + 1
    at = len(out.resolutions)
    k = n + 1
    last_clause: tuple[str, list[str], int, int] | None = None
    first_ct = clause_text(lead) if lead else None
    if first_ct:  # 'RESOLVED: (a) That ...' with clause a) on the RESOLVED line
        last_clause = (first_ct[0], [first_ct[1]], n, n)
    while k <= seg.end:
        raw = pack.line(k)
        c = clean(raw)
        if is_minute_heading(raw, minute.number if minute else None) or RESOLVED.match(c):
            break
        if is_furniture(raw):  # a page break inside the clauses
            k += 1
            continue
        ct = clause_text(raw)
        if ct:
            if last_clause:
                add(last_clause[0], " ".join(last_clause[1]), last_clause[2], last_clause[3])
            last_clause = (ct[0], [ct[1]], k, k)
        elif c and last_clause and not raw.lstrip().startswith(("-", "•")) and \
                pack.line(k - 1).strip():
            last_clause[1].append(c)  # a clause running onto the next line
            last_clause = (last_clause[0], last_clause[1], last_clause[2], k)
        elif c:
            break
        k += 1
    clauses = last_clause is not None
    if last_clause:
        add(last_clause[0], " ".join(last_clause[1]), last_clause[2], last_clause[3])
    elif lead.endswith(":") and not clause_text(lead):
        add(None, lead, n, n)  # 'as follows:' with no lettered clauses after it
    if lead and not clause_text(lead) and not lead.endswith(":") and not (
            clauses and _STEM.match(lead)):  # 'RESOLVED – That' over its clauses: no decision
        add(None, lead, n, n)
        out.resolutions.insert(at, out.resolutions.pop())
    return k


#: The opening words a list of resolved clauses hangs from ('That', 'That the Committee').
_STEM = re.compile(r"^(?:that|it was)(?:\s+the\s+\w+)?\s*[-–,]?$", re.I)


def _referenced(pack: PackText, seg: Segment, meeting: Meeting, out: DocumentRecords) -> None:
    seen = {meeting.date}
    for n in range(seg.start, seg.end + 1):
        line = clean(pack.line(n))
        for m in _REFERENCED.finditer(line):
            iso = parse_date(line[m.end():m.end() + 40])
            if iso and len(iso) == 10 and iso not in seen:
                seen.add(iso)
                out.meetings.append(Meeting(body=meeting.body, date=iso,
                                            span=Span(n, n, pack.line(n)), status="referenced"))

"""Officer reports: what the report is, who wrote it, whom it asks to decide what.

Layout read: a header block of 'Key: value' lines ('REPORT TO:', 'Date of Meeting:', 'Report
of:', 'Subject/Title:', 'Portfolio Holder:'), a numbered 'Decision Requested' or
'Recommendations' section whose items are the decisions requested, and an 'Access to
Information' / contact block ('Name:', 'Designation:', 'Email:'). 'Report of' is either
'Name, Post' or a post alone ('Borough Solicitor'). Findings the report repeats from an
inspection (areas for improvement) are left to the inspection report's extractor.

:func:`read_report` is public so the extractor of work-programme reports can reuse it.
"""

from __future__ import annotations

import re

from ingest.body_mentions import body_mentions, body_type
from ingest.extractors import PackContext, register
from ingest.extractors._reported_inspection import reported_inspection
from ingest.extractors.action_plan import add_embedded_plans
from ingest.records import BodyMention, DocumentRecords, PersonMention, Report, Segment, Span
from ingest.segment_rules import BODY_HEAD, title_like
from ingest.text import PackText
from ingest.textutil import clean, parse_date, strip_bullet, strip_title

_KEY = re.compile(
    r"^(report\s+to|to|report\s+of|report\s+by|report\s+from|from|report\s+author|author|"
    r"date\s+of\s+meeting|meeting\s+date|date|subject\s*/\s*title|subject|title\s+of\s+report|"
    r"report\s+title|title|portfolio\s+holders?|cabinet\s+member|lead\s+member|"
    r"name|designation|job\s+title|post|tel(?:ephone)?(?:\s+no)?|e-?mail|contact\s+officer|"
    r"lead\s+officer|responsible\s+officer)"
    r"\s*(?::|\t|(?<=of|by)\s+(?=the\s))\s*(.*)$", re.I)
_SECTION = re.compile(r"^(\d{1,2})(?:\.0)?\.?\s+(\S.*)$")
_DECISION_HEAD = re.compile(r"^(decisions?\s+requested|recommendations?|decision\s+required)\b",
                            re.I)
_LETTERED = re.compile(r"^(?:\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)|(?:[a-z]|[ivx]{1,4})\))\s+(\S.*)$")
_ITEM = re.compile(r"^(\d{1,2}\.(?!0\b)\d{1,2})\.?\s+(\S.*)$")
POST_WORDS = {"director", "manager", "officer", "head", "solicitor", "chief", "executive",
              "lead", "leader", "secretary", "clerk", "treasurer", "adviser", "advisor",
              "commissioner", "coordinator", "co-ordinator", "monitoring", "borough", "county",
              "assistant", "deputy", "strategic", "service", "services", "portfolio", "holder"}


def _key(raw: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\s*/\s*", "/", raw.lower()))


def header(pack: PackText, seg: Segment, limit: int = 40) -> dict[str, tuple[int, str]]:
    """{key: (line, value)} of the first header block's 'Key: value' lines."""
    found: dict[str, tuple[int, str]] = {}
    for n in range(seg.start, min(seg.end, seg.start + limit) + 1):
        m = _KEY.match(clean(pack.line(n)))
        if m and m[2].strip():
            found.setdefault(_key(m[1]), (n, m[2].strip()))
    return found


def split_author(text: str) -> tuple[str | None, str | None]:
    """'Name, Post' → (name, post); a post alone → (None, post)."""
    value = re.sub(r"^the\s+", "", clean(text).strip(" ."), flags=re.I)
    if not value:
        return None, None
    first, _, rest = value.partition(",")
    title, name = strip_title(first)
    words = name.split()
    personal = bool(title) or (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)
                               and not {w.lower() for w in words} & POST_WORDS)
    if personal:
        return name, (rest.strip() or None)
    return None, value


def _decisions(pack: PackText, seg: Segment) -> tuple[list[str], int | None]:
    items: list[str] = []
    start: int | None = None
    section = None
    for n in range(seg.start, seg.end + 1):
        raw = clean(pack.line(n))
        c = strip_bullet(raw)
        lettered = _LETTERED.match(c)  # '(b) ask the Director to report in six months;'
        if lettered and section is not None:
            c = lettered[1]
        bullet = c != raw  # '- approve the statement;' under 'Cabinet is recommended to:'
        head = _SECTION.match(c)
        if head and not _ITEM.match(c) and len(head[2].split()) <= 10:
            if section is not None:
                break
            if _DECISION_HEAD.match(head[2]):
                section, start = head[1], n
            continue
        if section is None and _DECISION_HEAD.match(c) and len(c.split()) <= 4:
            section, start = "", n
            continue
        if section is None or not c:
            continue
        m = _ITEM.match(c)
        if m and (not section or m[1].split(".")[0] == section):
            items.append(re.sub(r"(?:;|,)?\s*(?:and)?\s*$", "", m[2]).strip())
        elif bullet and c:
            item = re.sub(r"(?:;|,)?\s*(?:and)?\s*$", "", c).strip()
            items.append(item[:1].upper() + item[1:])
        elif items and not c.endswith(":"):
            items[-1] = f"{items[-1]} {c}"
        elif not section and not c.endswith(":"):
            items.append(c)
    return items, start


def read_report(pack: PackText, segment: Segment, ctx: PackContext) -> DocumentRecords:
    """The Report record, its people and bodies, for any report-shaped segment."""
    out = DocumentRecords(segment=segment)
    h = header(pack, segment)

    def value(*keys: str) -> tuple[int, str] | None:
        return next((h[k] for k in keys if k in h), None)

    subject = value("subject/title", "title of report", "report title", "subject", "title")
    title = clean(subject[1]) if subject else _title_after(pack, segment, h) or segment.title
    to = value("report to", "to")
    of = value("report of", "report by", "report from", "report author", "from", "author")
    date = value("date of meeting", "meeting date", "date")
    holder = value("portfolio holder", "portfolio holders", "cabinet member", "lead member")
    author, role = split_author(of[1]) if of else (None, None)
    cover = _cover(pack, segment) if not (to and date) else (None, None)
    lead = value("report author", "author", "lead officer", "responsible officer")
    if author is None and lead is not None and lead is not of:
        # 'Report of: Head of Internal Audit' over 'Lead Officer: Priya Shah, Head of
        # Internal Audit': the named officer wrote it
        name, post = split_author(lead[1])
        if name:
            author, role, of = name, post or role, lead
    holder_name = strip_title(holder[1])[1] if holder else None
    decisions, _ = _decisions(pack, segment)
    contact = _contact(pack, segment)
    first = min([n for n, _ in h.values()] + [segment.start + 0]) if h else segment.start
    last = max([n for n, _ in h.values()] if h else [segment.start])
    report = Report(
        title=title, span=pack.span(first, max(first, min(last, first + 12))), author=author,
        author_role=role, to_body=clean(to[1]) if to else cover[0] or ctx.meeting_body,
        meeting_date=parse_date(date[1]) if date else cover[1] or ctx.meeting_date,
        portfolio_holder=holder_name, decisions_requested=decisions,
        contact_name=contact[0] if contact else None,
        contact_post=contact[1] if contact else None,
        kind=segment.kind if segment.kind in ("officer_report", "work_programme") else
        "officer_report")
    out.reports.append(report)
    if of and author:
        out.people.append(PersonMention(name=author, span=pack.span(of[0]), role=role,
                                        context="report.author"))
    if holder and holder_name:
        out.people.append(PersonMention(name=holder_name, span=pack.span(holder[0]),
                                        title=strip_title(holder[1])[0], role="Portfolio Holder",
                                        context="report.portfolio_holder"))
    if contact and contact[0]:
        out.people.append(PersonMention(name=contact[0], span=contact[3], role=contact[1],
                                        email=contact[2], context="report.contact"))
    reported: set[str] = set()
    if to:
        name = clean(to[1])
        out.bodies.append(BodyMention(name=name, span=pack.span(to[0]),
                                      type=body_type(name), context="report.to"))
        reported.add(name.lower())
    out.bodies.extend(body_mentions(pack, segment.start, segment.end, "report", reported))
    return out


def _cover(pack: PackText, seg: Segment) -> tuple[str | None, str | None]:
    """(body, date) written without labels on the cover's first lines ('Children and Young
    People Scrutiny Committee' / '12 January 2023'), above the first 'Key:' line."""
    body = date = None
    for n in range(seg.start, min(seg.end, seg.start + 8) + 1):
        c = clean(pack.line(n))
        if _KEY.match(c):
            break
        if body is None and BODY_HEAD.search(c) and title_like(pack.line(n), 10):
            body = c
        elif date is None and len(c.split()) <= 8 and (d := parse_date(c)) and len(d) == 10:
            date = d
    return body, date


def _title_after(pack: PackText, seg: Segment, h: dict[str, tuple[int, str]]) -> str | None:
    """With no 'Subject:' line, the heading just under the header block is the title."""
    last = max((n for n, _ in h.values()), default=seg.start)
    for n in range(last + 1, min(seg.end, last + 6) + 1):
        c = clean(pack.line(n))
        if not c:
            continue
        if title_like(pack.line(n)) and not _KEY.match(c):
            return c
        return None
    return None


def _contact(pack: PackText, seg: Segment) -> tuple[str, str | None, str | None, Span] | None:
    """(name, post, email, span) from the last 'Name:' / 'Designation:' block."""
    name_line = None
    for n in range(seg.end, seg.start - 1, -1):
        m = _KEY.match(clean(pack.line(n)))
        if m and _key(m[1]) in ("name", "contact officer") and m[2].strip():
            name_line = n
            break
    if name_line is None:
        return None
    value = _KEY.match(clean(pack.line(name_line)))[2]  # type: ignore[index]
    # 'Contact Officer: Priya Shah, Head of Commissioning': the name, and the post after it
    name, inline_post = split_author(value)
    if name is None:
        name, inline_post = strip_title(value)[1], None
    post = email = None
    end = name_line
    for n in range(name_line + 1, min(seg.end, name_line + 8) + 1):
        m = _KEY.match(clean(pack.line(n)))
        if not m:
            continue
        key = _key(m[1])
        if key in ("designation", "job title", "post") and not post:
            post, end = m[2].strip(), n
        elif key in ("email", "e-mail") and not email:
            email, end = m[2].strip(), n
    return name, post or inline_post, email, pack.span(name_line, end)


@register("officer_report")
def extract(pack: PackText, segment: Segment, ctx: PackContext) -> DocumentRecords:
    out = read_report(pack, segment, ctx)
    inspection = reported_inspection(pack, segment, out.reports[0].title)
    if inspection is not None:
        out.inspections.append(inspection)
    add_embedded_plans(pack, segment, ctx, out)
    return out

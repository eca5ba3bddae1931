"""Strategies and their implementation plans.

A strategy states who it belongs to ('A partnership between A and B'), who signed it (a
name line over a bold post line) and, in its prose, who commissions, oversees and answers
for it: those sentences become relations (``ingest/prose.py``) and their names body
mentions. An implementation plan is a table of numbered lines (``_plan_table.py``).
"""

from __future__ import annotations

import re

from ingest.extractors import PackContext, register
from ingest.extractors._plan_table import extra_column_bodies, plan_lines
from ingest.names_in_prose import clean_name, is_body, is_person, split_list
from ingest.prose import relations
from ingest.prose_mentions import prose_body_mentions
from ingest.records import (
    BodyMention,
    DocKind,
    DocumentRecords,
    PersonMention,
    Report,
    Segment,
    Warning_,
)
from ingest.text import PackText
from ingest.textutil import clean, strip_title

_PARTNERS = re.compile(r"\bpartnership\s+(?:between|of)\s+(.+?)(?:\.\s|\.?$)", re.I)
_NAME_LINE = re.compile(r"^(?:[A-Z][\w'\u2019.-]*\s+){1,3}[A-Z][\w'\u2019-]+$")
_MAX_POST_LINES = 5


def signatories(pack: PackText, segment: Segment) -> list[PersonMention]:
    """A name line followed by a bold post ('**Managing Director,' ... '... PCT**')."""
    people: list[PersonMention] = []
    n = segment.start
    while n < segment.end:
        name = pack.line(n).strip()
        nxt = pack.line(n + 1).strip()
        if _NAME_LINE.match(name) and is_person(name) and nxt.startswith("**"):
            end = n + 1
            while (not pack.line(end).rstrip().endswith("**") and end < segment.end
                   and end - n <= _MAX_POST_LINES and pack.line(end + 1).strip()):
                end += 1
            post = clean(" ".join(pack.line(i) for i in range(n + 1, end + 1)))
            role, body = _role_and_body(post)
            title, clean_nm = strip_title(name)
            people.append(PersonMention(clean_nm, pack.span(n, end), title=title, role=role,
                                        body=body, context="strategy.signatory"))
            n = end + 1
            continue
        n += 1
    return people


def _role_and_body(post: str) -> tuple[str, str | None]:
    """'Managing Director, Central and Eastern Cheshire PCT' -> (post, body)."""
    if "," in post:
        role, rest = post.split(",", 1)
        if is_body(rest.strip()):
            return role.strip(), rest.strip()
    return post, None


def partners(pack: PackText, segment: Segment) -> list[BodyMention]:
    """The bodies a strategy is 'a partnership between'."""
    found: list[BodyMention] = []
    for n in range(segment.start, segment.end + 1):
        m = _PARTNERS.search(clean(pack.line(n)))
        if not m:
            continue
        for item in split_list(m.group(1)):
            name = clean_name(item)
            if name and is_body(name):
                found.append(BodyMention(name, pack.span(n), context="strategy.partners"))
    return found


def document_report(pack: PackText, segment: Segment, kind: DocKind) -> Report:
    """The document itself, titled as it titles itself, for the register of reports."""
    return Report(title=clean(segment.title), span=pack.span(segment.start), kind=kind)


def _add_prose_bodies(records: DocumentRecords, pack: PackText, segment: Segment,
                      context: str) -> None:
    seen = {b.name.lower() for b in records.bodies}
    records.bodies.extend(prose_body_mentions(pack, segment, context, seen))


@register("strategy")
def extract_strategy(pack: PackText, segment: Segment, ctx: PackContext) -> DocumentRecords:
    records = DocumentRecords(segment=segment)
    try:
        records.relations = relations(pack, segment)
        records.bodies = partners(pack, segment)
        seen = {(b.name, b.span.start) for b in records.bodies}
        for rel in records.relations:
            for name in (rel.subject, rel.object):
                if name != segment.title and is_body(name) and (name, rel.span.start) not in seen:
                    seen.add((name, rel.span.start))
                    records.bodies.append(BodyMention(name, rel.span, context="strategy.prose"))
        records.people = signatories(pack, segment)
        _add_prose_bodies(records, pack, segment, "strategy")
        records.reports.append(document_report(pack, segment, "strategy"))
    except (ValueError, IndexError) as exc:
        records.warnings.append(Warning_(f"strategy {segment.title!r}: {exc}"))
    return records


@register("implementation_plan")
def extract_implementation_plan(pack: PackText, segment: Segment,
                                ctx: PackContext) -> DocumentRecords:
    records = DocumentRecords(segment=segment)
    try:
        records.plan_lines = plan_lines(pack, segment)
        records.relations = relations(pack, segment)
        records.bodies = extra_column_bodies(pack, segment)
        _add_prose_bodies(records, pack, segment, "implementation_plan")
        records.reports.append(document_report(pack, segment, "implementation_plan"))
    except (ValueError, IndexError) as exc:
        records.warnings.append(Warning_(f"implementation plan {segment.title!r}: {exc}"))
    if not records.plan_lines:
        records.warnings.append(Warning_(
            f"implementation plan {segment.title!r} (lines {segment.start}-{segment.end}): "
            "no numbered plan lines under a header row naming Action/Responsibility/"
            "Timescales columns"))
    return records

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
from ingest.extractors._report_header import is_post
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

_PARTNERS = re.compile(r"(?:\bpartnership\s+(?:between|of)|\bjoint\s+\w+\s+(?:of|by|between|from)"
                       r"|^(?:produced|prepared)\s+(?:jointly\s+)?by|\b(?:produced|prepared)\s+"
                       r"jointly\s+by)\s+(.+?)(?:\.\s|\.?$)", re.I)
#: A foreword's own heading ('1. FOREWORD', '**Foreword**', '## Foreword'), not a
#: contents line ('1. Foreword 4'); the foreword runs to the next heading.
_FOREWORD = re.compile(r"^(?:#+\s*|\d+\.?\s+)?foreword:?$", re.I)
_HEADING = re.compile(r"^(?:#+\s*\S|\d+(?:\.\d+)*\.?\s+[A-Z]|\*\*[^*]+\*\*$)")
_NAME_LINE = re.compile(r"^(?:[A-Z][\w'\u2019.-]*\s+){1,3}[A-Z][\w'\u2019-]+$")
_MAX_POST_LINES = 5


def signatories(pack: PackText, segment: Segment) -> list[PersonMention]:
    """A name line over its post: bold ('**Managing Director,' ... '... PCT**'), possibly
    wrapped, or plain short lines naming a post ('Chief Executive' / 'Westshire Council')."""
    people: list[PersonMention] = []
    n = segment.start
    while n < segment.end:
        name = clean(pack.line(n))
        end = _post_end(pack, n + 1, segment.end) if _NAME_LINE.match(name) and is_person(
            name) else None
        if end is None:
            n += 1
            continue
        # a bold post wraps mid-phrase; plain post lines are separate parts (post, body)
        joiner = " " if pack.line(n + 1).strip().startswith("**") else ", "
        post = clean(joiner.join(clean(pack.line(i)) for i in range(n + 1, end + 1)))
        role, body = _role_and_body(post)
        title, clean_nm = strip_title(name)
        people.append(PersonMention(clean_nm, pack.span(n, end), title=title, role=role,
                                    body=body, context="strategy.signatory"))
        n = end + 1
    return people


def _post_end(pack: PackText, first: int, last: int) -> int | None:
    """The last line of a post block starting at ``first``, or None if there is none."""
    line = pack.line(first).strip()
    if line.startswith("**"):
        end = first
        while (not pack.line(end).rstrip().endswith("**") and end < last
               and end - first < _MAX_POST_LINES and pack.line(end + 1).strip()):
            end += 1
        return end
    text = clean(line)
    if not text or not is_post(text) or len(text.split()) > 12 or text.endswith("."):
        return None
    end = first
    while end < min(last, first + 2):
        more = clean(pack.line(end + 1))
        if not more or len(more.split()) > 8 or more.endswith(".") or (
                _NAME_LINE.match(more) and is_person(more) and not is_body(more)):
            break
        end += 1
    return end


def foreword_signatories(pack: PackText, segment: Segment,
                         people: list[PersonMention]) -> list[str]:
    """The signatories (from :func:`signatories`) standing in the document's foreword: the
    people who present a strategy as theirs, its authors. Elsewhere a name over a post
    may be a contact or a board member, so only the foreword counts."""
    start = next((n for n in range(segment.start, segment.end + 1)
                  if _FOREWORD.match(clean(pack.line(n)))), None)
    if start is None:
        return []
    signed = {n for p in people for n in range(p.span.start, p.span.end + 1)}
    end = next((n for n in range(start + 1, segment.end + 1)
                if n not in signed and _HEADING.match(pack.line(n).strip())),
               segment.end + 1)
    names: list[str] = []
    for p in people:
        if start < p.span.start < end and p.name not in names:
            names.append(p.name)
    return names


def _role_and_body(post: str) -> tuple[str, str | None]:
    """'Chief Executive, North Wessex PCT' -> (post, body)."""
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
                if name != clean(segment.title) and is_body(name) \
                        and (name, rel.span.start) not in seen:
                    seen.add((name, rel.span.start))
                    records.bodies.append(BodyMention(name, rel.span, context="strategy.prose"))
        records.people = signatories(pack, segment)
        _add_prose_bodies(records, pack, segment, "strategy")
        report = document_report(pack, segment, "strategy")
        report.signatories = foreword_signatories(pack, segment, records.people)
        records.reports.append(report)
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

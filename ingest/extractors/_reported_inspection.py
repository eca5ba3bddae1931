"""An inspection as an officer report summarises it: the inspectorate's grades in a table.

A board or committee often receives a report on an inspection rather than the inspection
report itself: 'the outcome of the Care Quality Commission inspection of the Trust,
published on 4 February 2019', then a table of ratings ('Are services safe? | Requires
improvement'). The grades are the inspection's judgements, whoever writes them down, so
the report yields an Inspection record of its own: the inspectorate named in its text, the
body the title says was inspected, the publication date it gives, and one judgement per
graded row (``ingest.judgements.findings_table`` reads the table, as for a 'Record of main
findings'). A report with no graded table (at least three rows) yields none.
"""

from __future__ import annotations

import re

from ingest.extractors.inspection import inspectorate_of
from ingest.judgements import findings_table
from ingest.names_in_prose import is_body
from ingest.records import Inspection, Segment
from ingest.text import PackText
from ingest.textutil import clean, parse_date

#: Fewer graded rows than this are a remark, not a summary of the inspection's grades.
MIN_ROWS = 3
_PUBLISHED = re.compile(r"\bpublished\s+(?:on\s+)?(.{6,40})", re.I)
_SUBJECT = re.compile(r"\binspection\s+of\s+(?:the\s+)?(.+?)\s*$", re.I)


def reported_inspection(pack: PackText, segment: Segment, title: str) -> Inspection | None:
    """The inspection whose grades the report (titled ``title``) tabulates, else None."""
    rows = findings_table(pack, segment.start, segment.end, {})
    if len(rows) < MIN_ROWS:
        return None
    text = "\n".join(clean(pack.line(n)) for n in range(segment.start, segment.end + 1))
    found = inspectorate_of(text)
    published = next((d for m in _PUBLISHED.finditer(text) if (d := parse_date(m[1]))), None)
    subject = _SUBJECT.search(title)
    first = min(r.judgement.span.start for r in rows)
    last = max(r.judgement.span.end for r in rows)
    return Inspection(
        title=title, span=pack.span(first, last), inspectorate=found[1] if found else None,
        subject_body=subject[1] if subject and is_body(subject[1]) else None,
        published=published, judgements=[r.judgement for r in rows])

"""Documents without an extractor of their own: what they are, who they name, never a failure.

A consultation paper, an unrecognised region of a pack or a kind added later still says
what it is (a Report record with its title and kind, for the register of documents) and
who is involved (bodies, and people named with a title such as 'Professor Eileen Munro').
That is cheap to read and useful to resolution. Anything the text does not allow is
skipped, and the document is kept (the segmenter has already warned about regions it could
not recognise).
"""

from __future__ import annotations

import re

from ingest.body_mentions import body_mentions
from ingest.extractors import PackContext, register
from ingest.records import DocumentRecords, PersonMention, Report, Segment, Warning_
from ingest.text import PackText
from ingest.textutil import clean

_TITLED = re.compile(
    r"\b(Professor|Prof\.?|Dr\.?|Councillor|Cllr\.?|Sir|Dame|Lord|Baroness|Lady)\s+"
    r"((?:[A-Z]\.?\s+){0,2}[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)(?:['’]s\b)?")


def titled_people(pack: PackText, segment: Segment, context: str) -> list[PersonMention]:
    """People named with a title and at least a first name or initial ('Professor Eileen
    Munro', 'Dr A Patel'); a bare 'Professor Munro' is left to resolution's other mentions."""
    seen: set[str] = set()
    out: list[PersonMention] = []
    for n in range(segment.start, min(segment.end, len(pack)) + 1):
        for m in _TITLED.finditer(clean(pack.line(n))):
            name = re.sub(r"['’]s$", "", m[2]).strip()
            if len(name.split()) < 2 or name in seen:
                continue
            seen.add(name)
            out.append(PersonMention(name=name, span=pack.span(n), title=m[1].rstrip("."),
                                     context=context))
    return out


def extract_generic(pack: PackText, segment: Segment, ctx: PackContext) -> DocumentRecords:
    """Report, BodyMentions and titled people of any segment; the fallback for kinds with
    no extractor registered."""
    out = DocumentRecords(segment=segment)
    out.reports.append(Report(title=clean(segment.title) or segment.kind,
                              span=pack.span(segment.start), kind=segment.kind))
    try:
        out.bodies.extend(body_mentions(pack, segment.start, segment.end, segment.kind))
        out.people.extend(titled_people(pack, segment, segment.kind))
    except (ValueError, IndexError) as exc:  # odd text: keep the document, report why
        out.warnings.append(Warning_(f"names not read from {segment.kind} "
                                     f"'{segment.title[:60]}': {exc}"))
    return out


register("generic")(extract_generic)
register("consultation")(extract_generic)

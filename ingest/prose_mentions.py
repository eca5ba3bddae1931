"""Bodies and people named in passing in a document's sentences.

Narrative parts of strategies, plans and work programmes name bodies and councillors
without any table or heading to hold them; these finders read them by English naming
conventions (``ingest/body_mentions.py`` for bodies, a title such as 'Councillor' for
people) and leave resolution to merge them.
"""

from __future__ import annotations

import re

from ingest.body_mentions import body_mentions
from ingest.records import BodyMention, PersonMention, Segment
from ingest.text import PackText
from ingest.textutil import clean

_NOT_A_BODY = re.compile(r"^(?:dates?|meetings?|times?)\s+of\b|\band\s+\w+$", re.I)


def prose_body_mentions(pack: PackText, segment: Segment, context: str,
                        skip: set[str] | None = None) -> list[BodyMention]:
    """Bodies named in a segment's sentences; table rows are left to the table readers,
    since a TAB row read as a sentence runs names of adjacent cells together."""
    seen = set(skip or ())
    found: list[BodyMention] = []
    for n in range(segment.start, min(segment.end, len(pack)) + 1):
        line = pack.line(n)
        if "\t" in line or line.lstrip().startswith(("<", "|")):
            continue
        for mention in body_mentions(pack, n, n, context, seen):
            if not _NOT_A_BODY.search(mention.name):
                seen.add(mention.name.lower())
                found.append(mention)
    return found


_PNAME = r"(?:[A-Z]\.?\s*){0,3}[A-Z][a-z'\u2019-]+(?:\s+[A-Z][a-z'\u2019-]+)?"
_TITLED = re.compile(rf"\b(Councillors?|Cllrs?\.?)\s+({_PNAME}(?:\s*(?:,|\band\b|&)\s*{_PNAME})*)")


def titled_people(pack: PackText, segment: Segment, context: str) -> list[PersonMention]:
    """Councillors named in passing ('submitted by Councillors D Flude and C Thorley'),
    in sentences and table cells alike, one mention per name and line."""
    found: list[PersonMention] = []
    for n in range(segment.start, min(segment.end, len(pack)) + 1):
        text = clean(pack.line(n))
        for m in _TITLED.finditer(text):
            for name in re.split(r"\s*(?:,|\band\b|&)\s*", m.group(2)):
                if name and not any(p.name == name and p.span.start == n for p in found):
                    found.append(PersonMention(name, pack.span(n), title="Councillor",
                                               context=context))
    return found

"""Appendices: numbered further areas ('1. Domestic abuse' and its notes).

Officers often attach a list of areas the inspectorate did not name but the council means
to work on. Each numbered title is a further area and the lines under it (questions,
bullets) its details; bullets are never areas of their own. Any other appendix is kept as
a document with its title only, without warnings, since it has nothing to mis-read.
"""

from __future__ import annotations

import re

from ingest.cleaned import cleaned, furniture
from ingest.extractors import PackContext, register
from ingest.records import DocumentRecords, FurtherArea, Segment
from ingest.text import PackText
from ingest.textutil import strip_bullet

_NUMBERED = re.compile(r"^\s*\**\s*(\d{1,2})[.)]\s+(.+?)\s*\**\s*$")


def _title_like(text: str) -> bool:
    return len(text.split()) <= 20 and not text.rstrip(" *").endswith((".", ";", ","))


def further_areas(pack: PackText, start: int, end: int) -> list[FurtherArea]:
    """The numbered areas between ``start`` and ``end``, in order, numbered 1, 2, 3 ..."""
    heads: list[tuple[int, int, str]] = []
    for n in range(start, min(end, len(pack)) + 1):
        raw = pack.line(n)
        if "\t" in raw:
            continue
        m = _NUMBERED.match(raw)
        if not m or not _title_like(cleaned(m[2])):
            continue
        number = int(m[1])
        if heads and number != heads[-1][1] + 1:
            continue  # a numbered line inside an area's notes
        if not heads and number != 1:
            continue
        heads.append((n, number, cleaned(m[2]).rstrip(" :")))
    if len(heads) < 2:
        return []
    out = []
    for i, (n, number, title) in enumerate(heads):
        stop = heads[i + 1][0] - 1 if i + 1 < len(heads) else min(end, len(pack))
        details = [cleaned(strip_bullet(pack.line(k))) for k in range(n + 1, stop + 1)
                   if pack.line(k).strip() and not furniture(pack.line(k))]
        last = max([n] + [k for k in range(n + 1, stop + 1) if pack.line(k).strip()])
        out.append(FurtherArea(number, title, pack.span(n, last),
                               details="\n".join(d for d in details if d) or None))
    return out


@register("appendix")
def extract_appendix(pack: PackText, segment: Segment, ctx: PackContext) -> DocumentRecords:
    out = DocumentRecords(segment)
    out.further_areas = further_areas(pack, max(1, segment.start), segment.end)
    return out

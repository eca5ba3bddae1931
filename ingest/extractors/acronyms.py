"""Acronym tables: rows of (ACRONYM, expansion) pairs, often several pairs to a row.

A plan's own acronym table is how its local shorthand ('PC', 'GM', a board's initials) is
tied to full names, so entity resolution can merge the two; the definitions also go into
the pack context for the documents that follow.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ingest.cleaned import cleaned, furniture
from ingest.extractors import PackContext, register
from ingest.inline_defs import body_type
from ingest.records import Acronym, BodyMention, DocumentRecords, Segment, Span
from ingest.text import PackText
from ingest.textutil import split_row

_HEADINGS = ("acronyms", "abbreviations", "glossary", "glossary of terms", "key to acronyms",
             "acronyms used", "list of acronyms", "acronyms and abbreviations")
_INLINE = re.compile(r"^\s*([A-Za-z][\w&/.'-]{0,11})\s*(?:[-–=:]|\t)\s*(\S.{2,150})$")


def is_acronym_heading(line: str) -> bool:
    """'Acronyms', 'Glossary', and their misspellings ('Acronmys')."""
    s = cleaned(line).lower().strip(" :")
    return bool(s) and len(s) < 40 and any(
        SequenceMatcher(None, s, h).ratio() >= 0.8 for h in _HEADINGS)


def looks_like_acronym(text: str) -> bool:
    """'H&WB', 'CiN', 'LSCB', 'E&D': short, no spaces, at least two capitals."""
    s = text.strip()
    return (1 < len(s) <= 12 and " " not in s.replace(" & ", "&")
            and sum(c.isupper() for c in s) >= 2 and not s.isdigit())


def acronym_rows(pack: PackText, start: int, end: int) -> list[Acronym]:
    """Every (acronym, expansion) pair between lines ``start`` and ``end``."""
    out: list[Acronym] = []
    for n in range(start, min(end, len(pack)) + 1):
        raw = pack.line(n)
        if not raw.strip() or furniture(raw) or is_acronym_heading(raw):
            continue
        cells = split_row(raw)
        span = Span(n, n, raw)
        if cells is None:
            m = _INLINE.match(cleaned(raw))
            if m and looks_like_acronym(m[1]):
                out.append(Acronym(m[1], m[2].strip(" .;"), span))
            continue
        cells = [c for c in cells if c]
        for i in range(0, len(cells) - 1, 2):
            short, expansion = cells[i].strip(" :"), cells[i + 1].strip(" .;")
            if looks_like_acronym(short) and expansion and not looks_like_acronym(expansion):
                out.append(Acronym(short, expansion, span))
    return out


@register("acronym_table")
def extract_acronyms(pack: PackText, segment: Segment, ctx: PackContext) -> DocumentRecords:
    out = DocumentRecords(segment)
    out.acronyms = acronym_rows(pack, max(1, segment.start), segment.end)
    for a in out.acronyms:
        ctx.acronyms[a.short] = a.expansion
    out.bodies = acronym_bodies(out.acronyms, "acronym_table")
    return out


def acronym_bodies(acronyms: list[Acronym], context: str) -> list[BodyMention]:
    """The expansions that name bodies ('Pupil Protection Unit'), with their acronyms."""
    out = []
    for a in acronyms:
        btype = body_type(a.expansion)
        if btype and len(a.expansion.split()) >= 2:
            out.append(BodyMention(a.expansion, a.span, btype, acronym=a.short,  # type: ignore[arg-type]
                                   context=context))
    return out

"""Split a pack into its documents by their own headings and layout.

An agenda pack is a run of documents (agenda, minutes, reports, inspection report, action
plan ...) glued together by a PDF converter. Each document announces itself: a title line,
a header block, a table header (see :mod:`ingest.segment_rules`). The segmenter walks the
lines once, asks the rules at each line whether a document starts there, and cuts the pack
at those starts. 'This page is intentionally left blank' marks the end of a document: if
none of the rules recognises what follows, a new document of unknown kind starts anyway.

Segments cover every line exactly once, in order: blank lines and page furniture belong to
the document they follow; a region no rule recognises becomes an 'appendix' when it is a
titled list of numbered headings, else a 'generic' document with a warning. Nothing is
dropped, and no line number or string of any one pack is used.
"""

from __future__ import annotations

import re

from ingest.records import Segment, Span, Warning_
from ingest.segment_rules import (
    RULES,
    SUPPRESSED_AFTER_BREAK,
    SUPPRESSED_IN,
    Rule,
    Start,
    clean,
    is_blank,
    is_furniture,
    title_like,
)
from ingest.text import PackText

#: How many lines after a page break the rules may take to recognise the next document.
BREAK_WINDOW = 15
_HARD_BREAK = re.compile(r"^this page (is |has been )?(intentionally|deliberately) (left )?blank",
                         re.I)
_COVER = re.compile(r"^(public document pack|agenda pack|supplementary (agenda|pack))$", re.I)
_NUMBERED_HEADING = re.compile(r"^(\d{1,2})[.)]\s+(\S.{0,100})$")


def _is_hard_break(line: str) -> bool:
    return bool(_HARD_BREAK.match(clean(line)))


def _active_rules(current: str | None, after_break: bool) -> list[Rule]:
    """The rules not silenced inside the current kind of document, in precedence order."""
    silenced = SUPPRESSED_AFTER_BREAK if after_break else SUPPRESSED_IN
    return [rule for rule in RULES if current not in silenced.get(rule.__name__, ())]


def _detect(lines: list[str], i: int, rules: list[Rule]) -> Start | None:
    for rule in rules:
        found = rule(lines, i)
        if found:
            return found
    return None


def find_starts(lines: list[str]) -> list[Start]:
    """Document starts in pack order; kind 'unknown' where a page break is not followed by
    anything the rules recognise."""
    starts: list[Start] = []
    current: str | None = None
    resume = 0
    after_break = False
    break_content: int | None = None  # first content line after a page break
    active: dict[tuple[str | None, bool], list[Rule]] = {}

    def accept(st: Start) -> None:
        nonlocal current, resume, after_break, break_content
        if starts and starts[-1].kind == "unknown" and st.index <= starts[-1].index:
            starts.pop()  # that page was this document's start (a letter's letterhead)
        if starts:
            st.index = max(st.index, starts[-1].resume)
        starts.append(st)
        current, resume, after_break, break_content = st.kind, max(st.resume, st.index + 1), \
            False, None

    for i, line in enumerate(lines):
        if _is_hard_break(line):
            if after_break and break_content is not None:  # unrecognised page(s) before
                accept(Start(break_content, "unknown", clean(lines[break_content]),
                             break_content + 1))
            after_break, break_content = True, None
            continue
        if is_blank(line):
            continue
        if after_break and break_content is None:
            if is_furniture(line):
                continue
            break_content = i
        if i >= resume:
            key = (current, after_break)  # the rules change only with the document kind
            if key not in active:
                active[key] = _active_rules(current, after_break)
            st = _detect(lines, i, active[key])
            if st:
                if after_break and break_content is not None:
                    st.index = break_content
                accept(st)
                continue
        if after_break and break_content is not None and i - break_content >= BREAK_WINDOW:
            accept(Start(break_content, "unknown", clean(lines[break_content]),
                         break_content + 1))
    if after_break and break_content is not None:
        accept(Start(break_content, "unknown", clean(lines[break_content]), break_content + 1))
    return starts


def _leading_is_cover(lines: list[str]) -> bool:
    """Cover lines before the first document ('Public Document Pack', a page heading such
    as 'Minutes' on a web page): a few short headings, no prose."""
    content = [x for x in lines if not (is_blank(x) or is_furniture(x))]
    return all(_COVER.match(clean(x)) for x in content) or (
        len(content) <= 3 and all(title_like(x, 6) for x in content))


def _classify_unknown(lines: list[str], a: int, b: int) -> str:
    """'appendix' for an 'APPENDIX n' page or a titled list of numbered headings 1, 2, 3..."""
    body = [clean(x) for x in lines[a:b] if not is_blank(x)]
    if body and re.match(r"^appendix\s+(\d+|[A-Z]|[IVX]+)\b", body[0], re.I):
        return "appendix"
    expected = 1
    for c in body[1:]:
        m = _NUMBERED_HEADING.match(c)
        if m and int(m[1]) == expected and not c.endswith("."):
            expected += 1
    return "appendix" if expected > 3 else "generic"


def segment(pack: PackText) -> tuple[list[Segment], list[Warning_]]:
    """The documents of ``pack`` in order, covering every line once, and the warnings
    (regions of unknown kind) found on the way."""
    lines = pack.lines
    if not lines:
        return [], []
    starts = find_starts(lines)
    if not starts or (starts[0].index > 0 and not _leading_is_cover(lines[:starts[0].index])):
        first = next((k for k, x in enumerate(lines) if not is_blank(x)), 0)
        starts.insert(0, Start(0, "unknown", clean(lines[first]), 1))
    starts[0].index = 0
    segments: list[Segment] = []
    warnings: list[Warning_] = []
    for k, st in enumerate(starts):
        end = starts[k + 1].index if k + 1 < len(starts) else len(lines)
        if st.index >= end:  # a heading found past the last line holds nothing
            continue
        kind, title = st.kind, st.title
        if kind == "unknown":
            kind = _classify_unknown(lines, st.index, end)
            title = _title_with_subtitle(lines, st.index, end) if kind == "appendix" else title
            if kind == "generic":
                first = next((j for j in range(st.index, end) if not is_blank(lines[j])),
                             st.index)
                warnings.append(Warning_(
                    f"lines {st.index + 1}-{end}: no document heading recognised "
                    f"(starts {clean(lines[first])[:60]!r}); kept as a generic document",
                    span=pack.span(first + 1), kind="segmentation"))
        # a markdown heading's marks are not the title's ('# Early Help Strategy')
        title = re.sub(r"^#{1,6}\s+", "", title or _first_text(lines, st.index, end))
        segments.append(Segment(kind=kind, title=title[:200], start=st.index + 1, end=end,  # type: ignore[arg-type]
                                number=len(segments) + 1))
    return segments, warnings


def _title_with_subtitle(lines: list[str], a: int, b: int) -> str:
    """'COMBINED PRIORITIES - Issues from the review': a title and the heading under it."""
    content = [x for x in lines[a:b] if not is_blank(x)][:2]
    if len(content) == 2 and title_like(content[1]) and not content[1].endswith(":"):
        return f"{clean(content[0])} - {clean(content[1])}"
    return clean(content[0]) if content else ""


def _first_text(lines: list[str], a: int, b: int) -> str:
    return next((clean(x) for x in lines[a:b] if not is_blank(x)), "")


def segment_span(pack: PackText, seg: Segment) -> Span:
    """The whole segment as a span (for a document's own provenance)."""
    return pack.span(seg.start, seg.end)

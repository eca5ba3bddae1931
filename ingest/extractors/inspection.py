"""Inspection reports: who inspected whom, when, the graded judgements and the areas for
improvement.

The header block ('Inspection dates:', 'Reporting inspector:', 'Published:') gives the
facts of the inspection; the inspectorate is read from the document's own signals (its
website, 'Her Majesty's Inspectors', its name) and written as its full name from the
reference data. Judgements and areas for improvement are read by ``ingest/judgements.py``
and ``ingest/improvements.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ingest.cleaned import cleaned, furniture
from ingest.extractors import PackContext, register
from ingest.extractors._inspection_letter import Letter, read_letter, visit_kind
from ingest.improvements import areas_for_improvement
from ingest.inline_defs import body_type, find_acronym_definitions, find_body_names
from ingest.judgements import findings_table, graded_headings, norm, reconcile
from ingest.literal_search import LiteralSearch
from ingest.names_in_prose import is_body
from ingest.records import (
    Acronym,
    BodyMention,
    DocumentRecords,
    Inspection,
    PersonMention,
    Segment,
    Span,
    Warning_,
)
from ingest.referenced import referenced_inspection
from ingest.segment_rules import GENERIC_REPORT
from ingest.text import PackText
from ingest.textutil import MONTHS, parse_date, strip_title

# (short name, full name if the reference data lacks it, [(signal, weight)])
INSPECTORATES = [
    ("Ofsted", "Office for Standards in Education, Children's Services and Skills",
     [(r"ofsted\.gov\.uk", 3), (r"her majesty['’]s inspectors?\b(?! of)", 2), (r"\bofsted\b", 1),
      (r"\bhmi\b", 1)]),
    ("CQC", "Care Quality Commission",
     [(r"cqc\.org\.uk", 3), (r"care quality commission", 1), (r"\bcqc\b", 1)]),
    ("HMICFRS", "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
     [(r"inspectorate of constabulary", 2), (r"\bhmicf?r?s\b", 2)]),
    ("HM Inspectorate of Probation", "His Majesty's Inspectorate of Probation",
     [(r"inspectorate of probation", 2)]),
    ("Estyn", "Estyn", [(r"estyn\.gov\.wales|\bestyn\b", 2)]),
    ("CIW", "Care Inspectorate Wales", [(r"care inspectorate wales|careinspectorate\.wales", 2)]),
]
_SIGNALS = [(short, re.compile(rx), w) for short, _, sig in INSPECTORATES for rx, w in sig]
#: A word every match of each signal holds, in the order of ``_SIGNALS``: a signal whose
#: word the (lower-cased) text lacks counts nothing, so its regex is not run over the
#: report (each report's whole text is read for a dozen signals).
_SIGNAL_WORDS = ("ofsted.gov.uk", "her majesty", "ofsted", "hmi", "cqc.org.uk",
                 "care quality commission", "cqc", "inspectorate of constabulary", "hmic",
                 "inspectorate of probation", "estyn", "inspectorate")
_MONTH = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_RANGE = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+{_MONTH})?(?:,?\s+(\d{{4}}))?\s*"
                    rf"(?:to|until|and|-|–|—)\s*(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}})",
                    re.I)
_FIELD = re.compile(r"^((?:inspection |review |visit |assessment )+dates?|dates? of (?:the )?"
                    r"(?:inspection|review|visit|assessment)(?: visits?)?|(?:reporting|lead) "
                    r"inspector|published|assessment published|publication date|date published|"
                    r"date of publication)\s*:\s*(.+)$", re.I)


def _field_key(label: str) -> str:
    """'Date published' → 'published'; 'Dates of review' → 'dates'; 'Lead inspector' → ..."""
    s = label.lower()
    if "publi" in s:
        return "published"
    if "inspector" in s:
        return "inspector"
    return "dates"


def inspectorate_of(text: str) -> tuple[str, str] | None:
    """(short name, full name) of the inspectorate whose signals weigh most in ``text``."""
    scores: Counter[str] = Counter()
    low = text.lower()
    for (short, rx, weight), word in zip(_SIGNALS, _SIGNAL_WORDS, strict=True):
        scores[short] += weight * len(rx.findall(low)) if word in low else 0
    if not scores or scores.most_common(1)[0][1] == 0:
        return None
    short = scores.most_common(1)[0][0]
    full = next(f for s, f, _ in INSPECTORATES if s == short)
    try:
        from ontology.reference import lookup

        full = lookup(short).name
    except Exception:  # reference data missing or ambiguous: keep the built-in name
        pass
    return short, full


def date_range(text: str) -> list[str]:
    """'27 June to 8 July 2011' → ['2011-06-27', '2011-07-08']; one date → [d, d]."""
    m = _RANGE.search(text)
    if m:
        end_month, end_year = MONTHS[m[5].lower()], int(m[6])
        month = MONTHS[m[2].lower()] if m[2] else end_month
        year = int(m[3]) if m[3] else end_year - (1 if month > end_month else 0)
        try:
            return [dt.date(year, month, int(m[1])).isoformat(),
                    dt.date(end_year, end_month, int(m[4])).isoformat()]
        except ValueError:
            pass
    single = parse_date(text)
    return [single, single] if single and len(single) == 10 else []


_TYPE = re.compile(r"\b(un)?announced inspection(?: of ([^.]{5,160}))?", re.I)
_TYPE_WORDS = LiteralSearch("announced inspection")  # in every match: most text lacks it
_EARLIER = re.compile(r"(recent|previous|last|first|annual|earlier)\W+\w*\W*$")


def _type_mentions(text: str) -> list[tuple[bool, str | None]]:
    """(unannounced?, what it is 'of') for each '(un)announced inspection' in ``text`` that
    is not about an earlier inspection ('the previous announced inspection')."""
    found: list[tuple[bool, str | None]] = []
    if not _TYPE_WORDS(text):
        return found
    for m in _TYPE.finditer(text):
        if not _EARLIER.search(text[max(0, m.start() - 40):m.start()].lower()):
            found.append((bool(m[1]), m[2]))
    return found


#: The whole pack's mentions, for the last pack read: a pack may hold many inspection
#: reports and each would otherwise scan the whole pack again.
_PACK_MENTIONS: list[tuple[list[str], int, list[tuple[bool, frozenset[str]]]]] = []


def _pack_mentions(pack: PackText) -> list[tuple[bool, frozenset[str]]]:
    for lines, size, found in _PACK_MENTIONS:
        if lines is pack.lines and size == len(lines):
            return found
    found = [(un, frozenset(norm(about).split()) if about else frozenset())
             for un, about in _type_mentions("\n".join(pack.lines))]
    _PACK_MENTIONS[:] = [(pack.lines, len(pack.lines), found)]
    return found


def _type(pack: PackText, seg: Segment, title: str) -> str | None:
    """'announced' / 'unannounced', from this report or a document of the pack about it."""
    mentions = _type_mentions(pack.text(seg.start, seg.end))
    if mentions:  # the report's own wording decides
        return "unannounced" if mentions[0][0] else "announced"
    title_words = set(norm(title).split())
    for un, about in _pack_mentions(pack):
        if about and len(about & title_words) >= 0.6 * len(about):
            return "unannounced" if un else "announced"
    return None


def _title(lines: list[tuple[int, str]], segment: Segment) -> tuple[int, str]:
    """The report's own title line: the first of its opening lines that says what it is
    ('Inspection of ...', '... review ...'), else its first line."""
    head = []
    for n, t in lines[:6]:
        if _FIELD.match(t):
            break
        head.append((n, t))
    named = [(n, t) for n, t in head if re.search(r"\b(?:inspection|review|report|visit|"
                                                  r"assessment)\b", t, re.I)]
    # 'Westfold County Council: local authority assessment' under 'Local authority
    # assessment': the title that names whom it is about
    about = next(((n, t) for n, t in named if ":" in t and is_body(t.split(":", 1)[0])), None)
    if about is not None:
        return about
    for i, (n, t) in enumerate(head):
        if re.search(r"\b(?:inspection|review|report|visit|assessment)\b", t, re.I):
            if i and _GENERIC_TITLE.match(t):  # 'X NHS Trust' over 'Inspection report'
                return head[i - 1][0], f"{head[i - 1][1]} {t}"
            return n, t
    # a letter: the letterhead and address come first, the visit's title after 'Dear ...'
    titled = next(((n, t) for n, t in lines[:60] if t == segment.title), None)
    if titled is not None and titled != (head[0] if head else None):
        return titled
    return head[0] if head else (lines[0][0], segment.title)


#: A report's title that names no one ('Inspection report'): the provider's name above it
#: makes the title, and names the inspected body.
_GENERIC_TITLE = re.compile(rf"^{GENERIC_REPORT}$", re.I)
_PROVIDER_TITLE = re.compile(rf"^(.+?)\s+{GENERIC_REPORT}$", re.I)


def _subject(text: str, title: str, ctx: PackContext) -> str | None:
    provider = _PROVIDER_TITLE.match(title)
    if provider and is_body(provider[1]):  # 'Westmere Community NHS Trust Inspection report'
        return provider[1]
    place_m = re.search(r"((?:[A-Z][\w'’-]*\s*)+)$", title)
    place = place_m[1].strip() if place_m else None
    if ctx.council and (place is None or norm(place) in norm(ctx.council)):
        return ctx.council
    councils = Counter(n for n, _ in find_body_names(text) if n.split()[-1] == "Council")
    named = [n for n, _ in councils.most_common() if place and norm(place) in norm(n)]
    if named:
        return named[0]
    if place:
        return place if place.endswith("Council") else f"{place} Council"
    return ctx.council or (councils.most_common(1)[0][0] if councils else None)


@register("inspection_report")
def extract_inspection(pack: PackText, segment: Segment, ctx: PackContext) -> DocumentRecords:
    out = DocumentRecords(segment)
    start, end = max(1, segment.start), min(segment.end, len(pack))
    if end < start:
        return out
    text = pack.text(start, end)
    lines = [(n, cleaned(pack.line(n))) for n in range(start, end + 1)]
    lines = [(n, t) for n, t in lines if t and not furniture(pack.line(n))]
    if not lines:
        return out
    title_n, title = _title(lines, segment)
    fields: dict[str, tuple[int, str]] = {}
    for n, t in lines[:60]:
        m = _FIELD.match(t)
        if m:
            fields.setdefault(_field_key(m[1]), (n, m[2].strip()))
    published_text = fields.get("published", (0, None))[1]
    published = parse_date(published_text)
    found = inspectorate_of(text)
    short, full = found if found else (None, None)
    header_end = max([title_n] + [n for n, _ in fields.values()])
    team = re.search(r"inspection team (?:consisted|comprised|was made up) of (.+?)\.(?:\s|$)",
                     cleaned(text), re.I)
    inspector = None
    if "inspector" in fields:  # 'Sarah Quinn HMI': post-nominals are not the name
        inspector = re.sub(r"(?:,?\s+(?:HMI|OBE|MBE|CBE))+$", "",
                           strip_title(fields["inspector"][1])[1])
        # 'Rachel Holden, Her Majesty's Inspector': the name, not the post after it
        inspector = re.sub(r",\s*(?:her|his)\s+majesty['’]?s\s+inspector.*$", "", inspector,
                           flags=re.I)
    dates = date_range(fields.get("dates", (0, ""))[1])
    letter = read_letter(lines) if not fields else None
    if letter is not None:  # a focused or monitoring visit's letter: no key block
        published = published or letter.published
        published_text = published_text or letter.published_text
        dates = dates or letter.dates
        inspector = inspector or (letter.inspectors[:1] or [None])[0] or (
            letter.signatory[1] if letter.signatory else None)
    insp = Inspection(title=title, span=pack.span(title_n, header_end), inspectorate=full,
                      subject_body=_subject(text, title, ctx),
                      type=_type(pack, segment, title) or visit_kind(title),
                      dates=dates, published=published, reporting_inspector=inspector,
                      team=team[1] if team else None)
    heads, majors = graded_headings(pack, start, end)
    table = findings_table(pack, start, end, majors)
    out.warnings += reconcile(heads, table)
    insp.judgements = [f.judgement for f in heads + table]
    out.inspections.append(insp)
    cited = referenced_inspection(pack, start, end, full, insp.subject_body)
    if cited is not None:
        out.inspections.append(cited)
    if published:
        ctx.inspection_published = published

    starts = sorted((f.judgement.span.start, f.judgement.section) for f in heads)

    def section_at(n: int) -> str | None:
        return next((s for line, s in reversed(starts) if line < n), None)

    source = f"{short or 'Inspection'}: {title}" + (
        f" (published {published_text})" if published_text else "")
    recs, warns = areas_for_improvement(pack, start, end, section_at=section_at,
                                        published=published, source=source)
    out.recommendations += recs
    out.warnings += warns
    _mentions(pack, out, insp, short, segment, ctx)
    if letter is not None:
        _letter_people(pack, out, letter, insp)
    if not heads and not table and letter is None:  # visits' letters are not graded
        out.warnings.append(Warning_(f"inspection report '{title}' has no graded judgements I "
                                     "can read", insp.span))
    return out


def _letter_people(pack: PackText, out: DocumentRecords, letter: Letter,
                   insp: Inspection) -> None:
    """The letter's addressee (the inspected body's director, in post there) and the
    inspectors of the visit other than the reporting one."""
    if letter.addressee is not None:
        n, title, name, post, org = letter.addressee
        out.people.append(PersonMention(name, pack.span(n), title=title, role=post,
                                        body=org or insp.subject_body,
                                        context="inspection.addressee"))
    for name in letter.inspectors[1:]:
        n = next((i for i in range(insp.span.start, min(len(pack), insp.span.start + 80) + 1)
                  if name in pack.line(i)), insp.span.start)
        out.people.append(PersonMention(name, pack.span(n), role="Inspector",
                                        body=insp.inspectorate, context="inspection.team"))


def _mentions(pack: PackText, out: DocumentRecords, insp: Inspection, short: str | None,
              segment: Segment, ctx: PackContext) -> None:
    """Bodies, people and acronym definitions the report names."""
    start, end = max(1, segment.start), min(segment.end, len(pack))
    if insp.inspectorate:
        out.bodies.append(BodyMention(insp.inspectorate, insp.span, "inspectorate",
                                      acronym=short, context="inspection.inspectorate"))
    if insp.subject_body:
        out.bodies.append(BodyMention(insp.subject_body, insp.span, "council",
                                      context="inspection.subject"))
    if insp.reporting_inspector:
        n = next((i for i in range(start, end + 1)
                  if insp.reporting_inspector in pack.line(i)), insp.span.start)
        out.people.append(PersonMention(insp.reporting_inspector, pack.span(n),
                                        role="Reporting inspector", body=insp.inspectorate,
                                        context="inspection.reporting_inspector"))
    defined: set[str] = set()
    for n in range(start, end + 1):
        line = pack.line(n)
        for acr, expansion, _ in find_acronym_definitions(cleaned(line)) if "(" in line else ():
            span = Span(n, n, line)
            out.acronyms.append(Acronym(acr, expansion, span))
            ctx.acronyms.setdefault(acr, expansion)
            btype = body_type(expansion)
            if btype and expansion[0].isupper():
                defined.add(norm(expansion))
                out.bodies.append(BodyMention(expansion, span, btype, acronym=acr,  # type: ignore[arg-type]
                                              context="inspection.text"))
    _prose(pack, out, segment, defined)


def _prose(pack: PackText, out: DocumentRecords, segment: Segment, seen: set[str]) -> None:
    """Bodies named in the report's sentences (the shared finder, then ours for what it
    misses) and the accountability relations its sentences state."""
    from ingest.prose import relations
    from ingest.prose_mentions import prose_body_mentions

    for b in prose_body_mentions(pack, segment, "inspection.text"):
        if norm(b.name) not in seen:
            seen.add(norm(b.name))
            out.bodies.append(b)
    for n in range(max(1, segment.start), min(segment.end, len(pack)) + 1):
        line = pack.line(n)
        for name, _ in find_body_names(cleaned(line)):
            if norm(name) not in seen:
                seen.add(norm(name))
                out.bodies.append(BodyMention(name, Span(n, n, line), body_type(name),  # type: ignore[arg-type]
                                              context="inspection.text"))
    own = norm(segment.title)
    out.relations += [r for r in relations(pack, segment)
                      if norm(r.subject) != norm(r.object) and own not in
                      (norm(r.subject), norm(r.object))]

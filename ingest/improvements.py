"""Areas for improvement: the bullets under an 'Areas for improvement' heading.

Each bullet becomes a recommendation with the timescale of the lead-in it sits under
('Within three months:'), the due date that timescale gives from publication, and whoever
the report asks to act: the subject of the lead-in sentence ('..., the local authority and
its partners should take the following action') unless the bullet names its own ('the
clinical commissioning group should ensure ...'). PDF conversion breaks bullets
across page breaks; a lower-case line after a blank continues the bullet before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ingest.cleaned import cleaned, furniture
from ingest.records import Recommendation, Warning_
from ingest.text import PackText
from ingest.timescale import due_date, normalise_timescale, timescale_code

#: The heading over what a report asks to be improved: 'Areas for improvement', Ofsted's
#: 'What needs to improve', CQC's 'Action the trust MUST take to improve', a SEND area
#: inspection's 'The areas of significant weakness are:', 'Priority actions'.
_HEADING = re.compile(r"^(?:\d+(?:\.\d+)*\s+)?(?:the\s+)?(?:main\s+|key\s+)?(?:areas? for "
                      r"(?:improvement|development)|recommendations(?: for improvement)?|what "
                      r"(?:the )?\w+ (?:should|must) do to improve|what needs to improve(?: in "
                      r"this [\w ]+)?\??|actions? (?:the|that the) [\w ]{2,40}? (?:must|should) "
                      r"take(?: to improve)?|areas? of (?:significant )?weakness(?:es)?"
                      r"(?: are)?|priority actions?)\s*:?$", re.I)
_LEADIN = re.compile(r"^\**\s*(immediately|with immediate effect|within\s+[\w-]+\s+"
                     r"(?:months?|weeks?|years?)|within (?:a|one) year|(?:in the )?(?:short|"
                     r"medium|long|longer)[ -]term)\s*:?\s*\**\s*(.*)$", re.I)
_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+(\S.*)$")
_BULLET = re.compile(r"^\s*(?:[-–•■▪●*◦]|\([a-z]\)|[a-z][.)])\s+")
_SUBJECT = re.compile(r"(?:^|,\s*)((?:[^,]*?))\s+(?:should|must|need to|needs to|"
                      r"(?:is|are) required to)\b", re.I)
_STOP = {"and", "of", "for", "the", "in", "on", "to", "&", "at", "with", "a"}


def section_code(section: str | None) -> str:
    """'Safeguarding services' → 'SS'; 'Services for looked after children' → 'SLAC'."""
    words = [w for w in re.findall(r"[A-Za-z]+", section or "") if w.lower() not in _STOP]
    return "".join(w[0].upper() for w in words) or "AFI"


def addressee(sentence: str) -> str | None:
    """Who a lead-in sentence asks to act ('..., the council and its partners should ...')."""
    s = re.sub(r"^\s*\d+[.)]\s*", "", cleaned(sentence))
    m = _SUBJECT.search(s)
    if not m:
        return None
    subject = m[1].strip()
    subject = re.sub(r"^(?:in order to .*|to .*)$", "", subject, flags=re.I).strip()
    return subject if subject and len(subject.split()) <= 12 else None


def own_subject(text: str) -> str | None:
    """A bullet's own subject when it names one ('the PCT should ensure ...')."""
    m = re.match(r"^(.{3,120}?)\s+(?:should|must)\s+\w", text)
    if not m or re.match(r"^(?:ensure|make|increase|improve|develop|review)\b", text, re.I):
        return None
    subject = m[1]
    return subject if len(subject.split()) <= 12 and "," not in subject else None


@dataclass
class _Bullet:
    lines: list[int] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    timescale_text: str | None = None


def _bullets(pack: PackText, start: int, end: int) -> tuple[str, list[_Bullet], int]:
    """The lead-in sentence, the bullets and the last line read, from just after a heading."""
    lead: list[str] = []
    bullets: list[_Bullet] = []
    timescale: str | None = None
    blank = False
    numbered = 0
    n = start
    for n in range(start, end + 1):
        raw = pack.line(n)
        text = cleaned(raw)
        if not text or furniture(raw):
            blank = True
            continue
        lm = _LEADIN.match(text)
        if lm:
            timescale, blank = lm[1], False
            if lm[2].strip():
                bullets.append(_Bullet([n], [lm[2]], timescale))
            continue
        if _BULLET.match(raw):
            bullets.append(_Bullet([n], [_BULLET.sub("", raw)], timescale))
            blank = False
            continue
        nm = _NUMBERED.match(text)
        if nm and int(nm[1]) == numbered + 1:  # '1. Ensure that ...': numbered from one
            numbered += 1
            bullets.append(_Bullet([n], [nm[2]], timescale))
            blank = False
            continue
        prev_open = bool(bullets) and not bullets[-1].parts[-1].rstrip().endswith(".")
        if bullets and text[0].islower():
            if blank and not prev_open and timescale == bullets[-1].timescale_text:
                bullets.append(_Bullet([n], [raw], timescale))  # a bullet without a glyph
            else:
                bullets[-1].lines.append(n)
                bullets[-1].parts.append(raw)
            blank = False
            continue
        if bullets and not blank and prev_open and not re.match(r"^\d+[.)]\s", text):
            bullets[-1].lines.append(n)  # a wrapped line of the same bullet
            bullets[-1].parts.append(raw)
            continue
        if bullets or timescale or (re.match(r"^[A-Z][^.]{0,100}$", text) and lead):
            return " ".join(lead), bullets, n - 1
        lead.append(text)
        blank = False
    return " ".join(lead), bullets, n


_SENTENCE_LINE = re.compile(r"^[A-Z][^:]{8,}[.;]$")


def _glyphless(pack: PackText, start: int, end: int) -> tuple[list[_Bullet], int]:
    """'The quality and timeliness of assessments.' / 'Management oversight of practice.'
    under a heading: at least two lines, each a whole sentence of its own (capital first,
    full stop last, at most 40 words), up to the first line that is not one."""
    items: list[_Bullet] = []
    last = start
    for n in range(start, end + 1):
        raw = pack.line(n)
        text = cleaned(raw)
        if not text or furniture(raw):
            continue
        if not _SENTENCE_LINE.match(text) or len(text.split()) > 40 or "\t" in raw:
            break
        items.append(_Bullet([n], [text]))
        last = n
    return (items, last) if len(items) >= 2 else ([], start)


def areas_for_improvement(
    pack: PackText, start: int, end: int, *, section_at: Callable[[int], str | None],
    published: str | None, source: str | None,
) -> tuple[list[Recommendation], list[Warning_]]:
    """Every bullet under every 'Areas for improvement' heading between ``start`` and
    ``end``, as recommendations with deterministic ids '<section>-<IMM|3M|6M|12M>-<n>'."""
    recs: list[Recommendation] = []
    warnings: list[Warning_] = []
    counts: dict[str, int] = {}
    n = start
    while n <= end:
        raw = pack.line(n)
        if "\t" in raw or not _HEADING.match(cleaned(raw)):
            n += 1
            continue
        lead, bullets, last = _bullets(pack, n + 1, end)
        if not bullets:  # bullets whose glyphs the PDF's text lost: one sentence a line
            bullets, plain_last = _glyphless(pack, n + 1, end)
            if bullets:
                lead, last = "", plain_last
        section = section_at(n)
        addressed = addressee(lead) if lead else None
        for b in bullets:
            text = cleaned(" ".join(b.parts)).rstrip(" .;")
            if not text:
                continue
            timescale = normalise_timescale(b.timescale_text)
            prefix = f"{section_code(section)}-{timescale_code(timescale)}"
            counts[prefix] = counts.get(prefix, 0) + 1
            subject = own_subject(text) or addressed
            span = pack.span(b.lines[0], b.lines[-1])
            recs.append(Recommendation(
                id=f"{prefix}-{counts[prefix]}", text=text, span=span, source=source,
                timescale=timescale, due_date=due_date(published, timescale),
                addressed_to=[subject] if subject else [], section=section))
        untimed = [b.lines[0] for b in bullets if normalise_timescale(b.timescale_text) is None]
        if untimed:
            warnings.append(Warning_(
                f"{len(untimed)} area(s) for improvement under the heading at line {n} have no "
                f"timescale I can read (lines {', '.join(map(str, untimed))})", pack.span(n)))
        n = max(last, n) + 1
    return recs, warnings

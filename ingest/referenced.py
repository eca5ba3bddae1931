"""Earlier inspections an inspection report cites with their outcomes.

Reports state grades of other, earlier inspections in prose: 'The most recent Ofsted
inspection of the council's short-break service judged care planning to be outstanding and
the leaving care service to be inadequate.' Those are judgements too, of another
inspection; they are kept as one referenced inspection per report (type 'referenced'), so
a question about the leaving care service's grade finds them, and they hang off their own
inspection node rather than this report's.
"""

from __future__ import annotations

import re

from ingest.cleaned import cleaned
from ingest.judgements import GRADE_WORDS, label_of, norm
from ingest.records import Inspection, Judgement
from ingest.text import PackText

_GRADE = (r"(outstanding|good|adequate|satisfactory|inadequate|"
          r"requires? improvement(?: to be good)?)")
_ANCHOR = re.compile(r"\b(?:most recent|last|previous|latest)\b(?:\s+[\w-]+){0,3}?\s+"
                     r"inspections?\b(?:\s+of\s+(?P<svc>[^,.;]+?)(?=\s+(?:assessed|judged|"
                     r"rated|graded|found|was|were|in|undertaken|carried)\b|[,.;]|$))?", re.I)
_VERB = r"(?:assessed|judged|rated|graded|found)"
_PASSIVE = re.compile(rf"^(?P<subj>[^.;]+?)\s+(?:was|were|is|are|has been|have been)\s+{_VERB}"
                      rf"\s+(?:as\s+|to be\s+|to\s+(?=requir))?{_GRADE}\b", re.I)
_ACTIVE = re.compile(rf"\b{_VERB}\s+(?P<obj>[^,.;]+?)\s+(?:to be|as)\s+{_GRADE}\b", re.I)
_MORE = re.compile(rf"^\s*(?:,\s*|and\s+|,\s*and\s+)(?P<obj>[^,.;]+?)\s+(?:to be|as)\s+{_GRADE}\b",
                   re.I)
_DETERMINER = re.compile(r"^(?:the|its|their|an?)\s+|^(?:local authority|council|area)['’]?s?\s+",
                         re.I)


_WHEN = re.compile(r"^(?:when|where|in which|at which|at that time)\s+", re.I)
#: A grade given to the services as a whole ('when services were judged to be inadequate')
#: is the inspection's overall judgement.
_WHOLE = re.compile(r"^(?:(?:children['’]?s\s+)?(?:social\s+care\s+)?services?|"
                    r"the\s+service)$", re.I)


def _area(phrase: str) -> str:
    s = _WHEN.sub("", cleaned(phrase).strip(" ,"))
    for _ in range(3):
        s = _DETERMINER.sub("", s).strip()
    if _WHOLE.match(s):
        return "Overall effectiveness"
    return s[:1].upper() + s[1:] if s else s


def _key(area: str) -> str:
    return re.sub(r"s\b", "", norm(area))


def _pairs(sentence: str, service: str | None) -> list[tuple[str, str]]:
    """(area as written, grade word) pairs a sentence states."""
    out: list[tuple[str, str]] = []
    m = _PASSIVE.match(sentence)
    if m:
        subject = re.sub(r"^.*\binspection\b[^,]*,\s*", "", m["subj"])
        for part in re.split(r"\s*,\s*|\s+and\s+", subject):
            if part.strip():
                out.append((part, m[2]))
        return out
    m = _ACTIVE.search(sentence)
    if m:
        aspect = m["obj"]
        if service and _key(_area(aspect)) != _key(_area(service)):
            aspect = f"{_area(service)}: {cleaned(aspect)}"  # 'Adoption service: safeguarding'
        out.append((aspect, m[2]))
        rest = sentence[m.end():]
        while (more := _MORE.match(rest)) is not None:
            out.append((more["obj"], more[2]))
            rest = rest[more.end():]
    return out


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")  # split every line of a report


def referenced_inspection(pack: PackText, start: int, end: int,
                          inspectorate: str | None, subject: str | None) -> Inspection | None:
    """The earlier inspection(s) the report cites with grades, or ``None`` if it cites none."""
    judgements: list[Judgement] = []
    seen: set[str] = set()
    title = None
    first = 0
    for n in range(start, end + 1):
        text = cleaned(pack.line(n))
        sentences = _SENTENCE_BREAK.split(text)
        for i, sentence in enumerate(sentences):
            anchor = _ANCHOR.search(sentence)
            if not anchor:
                continue
            service = anchor["svc"]
            follow = [s for s in sentences[i + 1:i + 2] if not _ANCHOR.search(s)]
            found = [p for s in [sentence, *follow] for p in _pairs(s, service)]
            for phrase, word in found:
                area = _area(phrase)
                if not area or _key(area) in seen or len(area.split()) > 8:
                    continue
                seen.add(_key(area))
                word = re.sub(r"^require\b", "requires", word.lower())  # 'to require ...'
                grade = GRADE_WORDS[word]
                # a grade stated in a sentence; its span shows the sentence itself
                judgements.append(Judgement(area, grade, pack.span(n),
                                            grade_label=label_of(grade, word),
                                            origin="prose"))
                if title is None:
                    phrase_of = f" of {cleaned(service)}" if service else ""
                    title = f"Most recent inspection{phrase_of}"
                    first = n
    if not judgements or title is None:
        return None
    return Inspection(title=title, span=pack.span(first), inspectorate=inspectorate,
                      subject_body=subject, type="referenced", judgements=judgements)

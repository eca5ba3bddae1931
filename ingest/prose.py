"""Accountability relations stated in sentences, however they are worded.

A rule is a verb phrase (its trigger) and a voice. In the active voice the subject is the
name just before the trigger (or the sentence's opening name) and the object the first name
after it; in the passive voice ('monitored by', 'chaired by') the agent follows 'by' or
'through' and the thing acted on comes before. Where the object is the document itself
('the plan', 'this strategy', 'it'), callers pass the document's title as ``own_title``;
an end is always an agent's name as written or that title, never another document's name.
'The group' / 'both Boards' refer back to the names last seen with that head noun.

Other extractors (minutes, officer reports, inspection) call :func:`relations_in_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.names_in_prose import (
    DOC_WORDS,
    chunks,
    clean_name,
    is_agent,
    is_body,
    split_list,
)
from ingest.records import Relation, RelationMention, Segment, Span
from ingest.text import PackText
from ingest.textutil import clean

_AUX = (r"(?:(?:will|shall|must|should|would|can|may|to|do|does|did)\s+)?"
        r"(?:(?:also|continue\s+to|jointly|collectively|directly|now|then|regularly|"
        r"formally)\s+)*")
_BE = r"(?:is|are|was|were|be|been|being|will\s+be|shall\s+be|has\s+been|have\s+been)"
_FILL = r"(?:\s+[\w'\u2019-]+){0,6}?"  # 'on an annual basis', 'quarterly'
_PASSIVE = rf"(?:\b{_BE}\s+|,\s*)"  # 'is chaired by', or a reduced relative ', chaired by'


@dataclass(frozen=True)
class Rule:
    """A trigger and how its sentence's names fill subject and object."""

    relation: Relation
    trigger: re.Pattern[str]
    voice: str  # "active" | "passive" | "listed" (object list after the trigger)
    object_after: str | None = None  # a word that introduces the object ('from')


#: Words one of which a relation's triggers need: a cheap test before the regexes.
_KEYS: dict[str, tuple[str, ...]] = {
    "commissions": ("commission",), "oversees": ("manag", "monitor", "overs", "review",
                                                  "scrutini"),
    "reportsTo": ("report", "provided", "presented", "submitted", "given", "sent", "available"),
    "accountableTo": ("accountable", "answerable"), "chairs": ("chair",),
    "inspects": ("inspect",), "memberOf": ("member",), "responsibleFor": ("responsib",
                                                                           "accountable"),
    "leads": ("led", "lead"), "partnerOf": ("partnership",),
}

_ANY_KEY = re.compile("|".join(re.escape(k) for keys in _KEYS.values() for k in keys))


def _r(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


RULES: tuple[Rule, ...] = (
    Rule("commissions", _r(rf"{_PASSIVE}(?:jointly\s+)?commissioned{_FILL}\s+by\b"), "passive"),
    Rule("commissions", _r(r"\b(?:(?:has|have)\s+(?:the\s+)?(?:joint\s+|lead\s+)?responsibility"
                           r"|(?:is|are)\s+responsible)\s+for\s+(?:the\s+)?commissioning\b"),
         "active"),
    Rule("commissions", _r(rf"\b{_AUX}commissions?\b(?!\s+(?:by|of)\b)"), "active", "from"),
    Rule("oversees", _r(rf"{_PASSIVE}(?:\w+ly\s+)?(?:managed|monitored|overseen|reviewed|"
                        rf"scrutini[sz]ed)(?:\s+and\s+\w+ed)?{_FILL}\s+(?:by|through)\b"),
         "passive"),
    Rule("oversees", _r(r"\b(?:will\s+)?(?:have|has|retains?|keeps?)\s+(?:overall\s+|strategic\s+)?"
                        r"oversight\s+of\b"), "active"),
    Rule("oversees", _r(rf"\b{_AUX}(?:monitor|oversee|review|scrutini[sz]e)s?"
                        r"(?:\s+and\s+(?:monitor|oversee|review|evaluate|scrutini[sz]e)s?)?\b"),
         "active"),
    Rule("oversees", _r(r"\bthrough\s+(?:close\s+|regular\s+)?(?:monitoring|oversight)\s+of\b"),
         "active"),
    Rule("reportsTo", _r(rf"(?:\b{_BE}|\band)\s+(?:\w+ly\s+)?(?:reported|provided|presented|"
                         rf"submitted|given|sent|made\s+available){_FILL}\s+to\b"), "listed"),
    Rule("reportsTo", _r(rf"\b{_AUX}reports?(?:\s+(?:back|progress|regularly|quarterly|"
                         r"annually))*\s+to\b"), "active"),
    Rule("accountableTo", _r(r"\b(?:is|are)\s+(?:directly\s+)?(?:accountable|answerable)\s+to\b"),
         "active"),
    Rule("chairs", _r(rf"{_PASSIVE}chaired{_FILL}\s+by\b"), "passive"),
    Rule("chairs", _r(r"(?:\b(?:is|as|was)\s+|,\s*)(?:the\s+)?(?:chair|chairman|chairperson|"
                      r"chairwoman)\s+of\b"), "active"),
    Rule("chairs", _r(rf"\b{_AUX}chairs\b"), "active"),
    Rule("inspects", _r(rf"{_PASSIVE}(?:regulated\s+and\s+)?inspected{_FILL}\s+by\b"),
         "passive"),
    Rule("inspects", _r(rf"\b{_AUX}(?:regulate[sd]?\s+and\s+)?inspect(?:s|ed)?\b"), "active"),
    Rule("memberOf", _r(r"\b(?:is|are|was|were|becomes?)\s+(?:a\s+|full\s+|voting\s+)?"
                        r"members?\s+of\b"), "active"),
    Rule("memberOf", _r(r"\b(?:come|comes|are\s+drawn|is\s+drawn|are\s+taken|includes?|"
                        r"comprises?|consists?\s+of)(?:\s+from)?\b"), "members"),
    Rule("responsibleFor", _r(r"\b(?:is|are)\s+(?:statutorily\s+|legally\s+|jointly\s+|"
                              r"directly\s+|ultimately\s+)?(?:accountable|responsible)\s+for\b"),
         "active"),
    Rule("responsibleFor", _r(r"\b(?:has|have)\s+(?:overall\s+|lead\s+|statutory\s+|joint\s+)?"
                              r"responsibility\s+for\b"), "active"),
    Rule("leads", _r(rf"{_PASSIVE}led{_FILL}\s+by\b"), "passive"),
    Rule("leads", _r(rf"\b{_AUX}(?:leads?)\s+(?:on\s+)?(?=the\b|this\b|a\b)"), "active"),
    Rule("partnerOf", _r(r"\bin\s+partnership\s+with\b"), "listed"),
    Rule("partnerOf", _r(r"\bpartnership\s+between\b"), "between"),
)

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'\u2018\u201c(])")
_CLAUSE_END = re.compile(r"[.;:!?]\s|[.;:!?]$|\s(?:which|who|whose|where|while|but|so that)\s")
_SELF = re.compile(r"^\s*(?:the\s+|this\s+|our\s+)?(?:[\w'\u2019-]+\s+){0,2}"
                   r"(?:plan|strategy|programme|it|this)\b", re.I)
_PLURAL_BACK = re.compile(r"^\s*(?:both|the\s+two|the\s+three|all\s+three)\s+(\w+?)s\b", re.I)
_SELF_END = re.compile(r"(?:\b(?:the|this|our|its)\s+(?:[\w'\u2019]+\s+){0,2}"
                       r"(?:plan|strategy|programme)|\bit|\bthis)\s*$", re.I)
_RELATIVE = re.compile(r",?\s*\b(?:which|who|that)\s*$", re.I)
_ACRONYM_END = re.compile(r"\(([A-Z][\w&]+)\)\s*$")
_SINGLE_BACK = re.compile(r"^\s*the\s+(group|board|committee|partnership|panel|forum|trust)\b")


def sentences(text: str) -> list[str]:
    """A line's sentences (lines in converted packs are whole paragraphs)."""
    return [s for s in _SENTENCE.split(text) if s.strip()]


class _Context:
    """Sentences read so far, for 'the group' and 'both Boards' to refer back to.

    Names are read from a sentence only when a back-reference needs them, and only from
    sentences that contain the head noun asked for: most sentences are never chunked.
    """

    def __init__(self) -> None:
        self.sentences: list[str] = []
        self._bodies: dict[int, list[str]] = {}

    def note(self, sentence: str) -> None:
        self.sentences.append(sentence)

    def _bodies_in(self, i: int) -> list[str]:
        if i not in self._bodies:
            self._bodies[i] = [n for ch in chunks(self.sentences[i]) for n in _names(ch.text)
                               if is_body(n)]
        return self._bodies[i]

    def back(self, head: str, count: int) -> list[str]:
        stem = head.lower().rstrip("s")
        found: list[str] = []
        for i in range(len(self.sentences) - 1, -1, -1):
            if stem not in self.sentences[i].lower():
                continue
            for name in reversed(self._bodies_in(i)):
                if name.lower().split()[-1].rstrip("s") == stem and name not in found \
                        and name.lower() != f"the {head.lower()}":
                    found.append(name)
                    if len(found) == count:
                        return list(reversed(found))
        return []


def _names(text: str) -> list[str]:
    """Agent names in a list phrase, in order."""
    out: list[str] = []
    for item in split_list(text):
        name = clean_name(item)
        if name and is_agent(name) and name not in out:
            out.append(name)
    return out


def _first_names(text: str, ctx: _Context, lead_words: int = 2) -> list[str]:
    """The names a phrase opens with (after at most ``lead_words`` other words): a list of
    agents, or an anaphor resolved."""
    m = _PLURAL_BACK.match(text)
    if m:
        count = {"both": 2, "three": 3}.get(m.group(0).split()[-2].lower(), 2)
        return ctx.back(m.group(1), count)
    m = _SINGLE_BACK.match(text)
    if m:
        return ctx.back(m.group(1), 1)
    clause = _CLAUSE_END.split(text, maxsplit=1)[0]
    for ch in chunks(clause):
        lead = clause[:ch.start].strip().lower()
        words = [w for w in lead.split() if w not in ("the", "both", "all")]
        if len(words) > lead_words and not lead.endswith(("from", "with")):
            return []
        names = _names(clause[ch.start:ch.end])
        if names:
            return names
    return []


def _subject_before(left: str, sentence: str) -> list[str]:
    left = _RELATIVE.sub("", left)
    acronym = _ACRONYM_END.search(left)
    if acronym and is_agent(acronym.group(1)):
        return [acronym.group(1)]
    found = chunks(left)
    if found and not left[found[-1].end:].strip(" ,"):
        names = _names(left[found[-1].start:found[-1].end])
        if names:
            return names
    return _opening(sentence)


def _opening(sentence: str) -> list[str]:
    """The names a sentence opens with: its grammatical subject, usually."""
    opening = chunks(sentence)
    if opening and opening[0].start <= 4:
        return _names(sentence[opening[0].start:opening[0].end])
    return []


def _back_before(left: str, ctx: _Context) -> list[str]:
    """'The board is chaired by ...': the board last named."""
    m = re.search(r"\bthe\s+(group|board|committee|partnership|panel|forum|trust)\s*,?\s*$",
                  left, re.I)
    return ctx.back(m.group(1), 1) if m else []


_QUOTE = re.compile(r"[\u2018\u201c'\"]([A-Z][^\u2019\u201d'\"]{3,150})[\u2019\u201d'\"]")


def _document_named(text: str) -> str | None:
    """Another document a clause names ('the Operating Framework ...' in quotes, or 'the
    Children's Plan'): then the body answers for that, not for this document, and since a
    relation's ends must be agents or this document, no relation is recorded."""
    quoted = _QUOTE.search(text)
    if quoted:
        return quoted.group(1).strip()
    for ch in chunks(text):
        words = ch.text.split()
        if len(words) >= 2 and words[-1].lower() in DOC_WORDS:
            return clean_name(ch.text)
    return None


def _own(text: str, own_title: str | None, at_end: bool = False) -> list[str]:
    pattern = _SELF_END.search if at_end else _SELF.match
    return [own_title] if own_title and pattern(text) else []


def _apply(rule: Rule, sentence: str, m: re.Match[str], ctx: _Context,
           own_title: str | None) -> list[tuple[str, str]]:
    left, right = sentence[:m.start()], sentence[m.end():]
    if rule.voice == "passive":
        agents = _first_names(right, ctx)
        targets = (_subject_before(left, sentence) or _back_before(left, ctx)
                   or _own(left, own_title, at_end=True))
        return [(a, t) for a in agents for t in targets]
    if rule.voice == "members":
        member_of = re.search(r"\bmembers(?:hip)?\s+of\s+(.*)$", left, re.I)
        if not member_of and not re.search(r"\bmembership\b", left, re.I):
            return []  # 'includes' / 'comes from' say nothing of membership here
        members = _names(_CLAUSE_END.split(right, maxsplit=1)[0])
        group = (_first_names(member_of.group(1), ctx) if member_of else []) \
            or _subject_before(re.sub(r"(?:'s|\u2019s)?\s+membership\s*$", " ", left,
                                      flags=re.I), sentence)
        return [(mem, g) for mem in members for g in group[:1] if mem != g]
    if re.search(r"\b(?:is|are|was|were|be|been|being)\s*$", left, re.I):
        return []  # a passive form, read by the passive rules
    if rule.voice == "between":
        names = _names(_CLAUSE_END.split(right, maxsplit=1)[0])
        return [(names[0], other) for other in names[1:]]
    subjects = _subject_before(left, sentence)
    if m.group(0)[:3].lower() == "and":  # '... monitored by X and reported to Y': the
        subjects = _opening(sentence) or _own(sentence, own_title) or (  # sentence's subject
            [own_title] if own_title else [])
    if rule.voice == "listed":  # 'provided to X', never 'given advice on how to register with X'
        objects = _first_names(right, ctx, lead_words=0)
        if not subjects:
            subjects = _own(left, own_title, at_end=True) or ([own_title] if own_title else [])
        return [(s, o) for s in subjects for o in objects if s != o]
    if rule.object_after:
        after = re.search(rf"\b{rule.object_after}\s+", _CLAUSE_END.split(right, 1)[0])
        if after:
            right = right[after.end():]
    objects = _first_names(right, ctx) or _own(right, own_title)
    if not objects and rule.relation in ("commissions", "responsibleFor") and own_title \
            and not _document_named(_CLAUSE_END.split(right, maxsplit=1)[0]):
        objects = [own_title]  # what it answers for falls under this document
    return [(s, o) for s in subjects for o in objects if s != o]


@lru_cache(maxsize=1024)
def _rules_for(present: frozenset[str]) -> tuple[Rule, ...]:
    """The rules of the relations whose words a sentence holds, in precedence order."""
    return tuple(rule for rule in RULES if rule.relation in present)


def relations_in_text(text: str, start_line: int, pack: PackText | None = None,
                      own_title: str | None = None) -> list[RelationMention]:
    """Relations stated in ``text``, whose first line is pack line ``start_line``.

    Table rows (TAB or HTML cells) are skipped: their cells are not sentences.
    """
    ctx = _Context()
    found: list[RelationMention] = []
    for offset, line in enumerate(text.splitlines()):
        if "\t" in line or line.lstrip().startswith(("<", "|")):
            continue
        n = start_line + offset
        evidence = pack.line(n) if pack and 1 <= n <= len(pack) else line
        for sentence in sentences(line.replace("**", "")):
            pairs: set[tuple[str, str]] = set()  # first rule wins: passives come first
            low = sentence.lower()
            if not _ANY_KEY.search(low):  # most sentences: no relation's word at all
                ctx.note(sentence)
                continue
            present = frozenset(rel for rel, keys in _KEYS.items() if any(k in low for k in keys))
            for rule in _rules_for(present):
                if rule.voice == "members" and "member" not in low:
                    continue
                for m in rule.trigger.finditer(sentence):
                    if m.start() > 0 and sentence[m.start()].isupper():
                        continue  # a capitalised word is part of a name, not the verb
                    for subj, obj in _apply(rule, sentence, m, ctx, own_title):
                        if (subj, obj) in pairs or subj == obj:
                            continue
                        pairs.add((subj, obj))
                        found.append(RelationMention(subj, rule.relation, obj,
                                                     Span(n, n, evidence)))
            ctx.note(sentence)
    return found


def relations(pack: PackText, segment: Segment) -> list[RelationMention]:
    """Relations stated in a segment's prose; the document itself is the segment's title."""
    try:
        return relations_in_text(pack.text(segment.start, segment.end), segment.start, pack,
                                 own_title=clean(segment.title) or None)
    except (ValueError, IndexError, re.error):  # odd text: report nothing rather than fail
        return []


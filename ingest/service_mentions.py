"""Bodies that capitalised-name finders miss: national bodies by their reference names, and
local services, teams, panels and groups written in lower case.

Inspection reports and action plans name services in running prose ('the emergency out of
hours service provides ...', 'a new leaving care service has been established', 'members of
the youth council'), name national charities by a bare proper name ('Barnardo's', 'YMCA')
and public services as kinds ('the Police'). None of these has a capitalised head noun, so
``ingest/body_mentions.py`` cannot see them. This module reads them from the whole pack:

- the gazetteer of reference names (``ingest/reference_mentions.py``);
- a lower-case noun phrase ending in a service-type head noun, introduced by a determiner,
  whose modifiers say *which* service it is (not 'the service', 'social care services',
  'a range of services'); an indefinite one only where the sentence says it was set up;
- an acronym or capitalised word directly before a lower-case head ('IDVA service');
- the first conjunct of 'in X and the Y service' (the head said once for both), and an
  acronym the sentence says is worked with jointly ('joint work with NwaC').

Copyright and licence notices are skipped (``ingest/boilerplate.py``).

Nothing here knows any particular council's names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.boilerplate import is_rights_notice
from ingest.records import BodyType
from ingest.reference_mentions import is_reference_acronym, reference_names


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Lower-case head nouns of local services and groups, and the type each gives. Plurals are
#: left out: 'fostering services' names a kind of service far more often than one service.
HEADS: dict[str, BodyType] = {
    "service": "team_or_service", "team": "team_or_service", "unit": "team_or_service",
    "school": "team_or_service",
    "department": "team_or_service", "panel": "partnership_group",
    "group": "partnership_group", "forum": "partnership_group", "council": "other",
    "hub": "team_or_service",
}
#: Modifiers that say nothing about which service is meant: a phrase made only of these
#: ('social care services', 'the county council', 'health services') is generic.
GENERIC = _wordset("""
social care health children's childrens children adult adults young people's people family
families support public universal mainstream acute specialist commissioned voluntary
community statutory key partner partners local new same whole existing current central
dedicated other wider relevant appropriate county borough city district parish town unitary
neighbouring home council councils authority school schools care-related daytime integrated
core main single senior frontline front-line targeted preventative prevention early
intervention early-intervention statutory additional wider-range education educational
consistent recent major responsive effective good better best improved high robust efficient
flexible personalised holistic comprehensive seamless quality strong weak poor excellent
adequate inadequate outstanding first second further joint different similar same
inspection inspecting working steering project task reference advisory management leadership
sub operational strategic programme primary secondary special nursery infant junior grammar free
academy faith state independent previous former shadow full interim whole-council""")
#: Words that never sit inside a service's name ('the work of this group').
_BREAK = _wordset("""
of for to with in on by at from as or but than this that these those which who whose all any
each every such more most many some several few range number variety type types kind kinds
is are was were be been has have had not no its their our his her your my whose both either
""")
#: Leading adjectives dropped from a name ('a central X service' is the X service).
_LEADING = frozenset({"new", "central", "dedicated", "specialist", "multi-disciplinary",
                      "existing", "current", "local", "own", "whole", "single", "revised",
                      "newly", "recently", "established", "commissioned", "restructured"})
#: Nouns after a head that make it a modifier ('the virtual school roll').
_CONTINUES = _wordset("""
approach roll places place admission admissions process processes provision staff nurse nurses
member members meeting meetings manager managers worker workers placements placement settings
setting year term age level policy plan plans budget arrangements capacity users user leaders
leader budget budgets building buildings premises team teams service services
configuration delivery area areas standards specification model levels review redesign
improvement improvements development developments users""")
#: Documents, not services ('a new strategy and service configuration').
_DOCUMENTS = frozenset({"strategy", "strategies", "plan", "plans", "policy", "policies",
                        "framework", "programme", "report", "reports", "protocol", "guidance"})
_ANY_HEAD = re.compile(rf"\b(?:{'|'.join(HEADS)})s?\b")
_DETS = frozenset({"the", "a", "an"})
_TOKEN = re.compile(r"\d+\+|[A-Za-z0-9][\w'’+-]*[\w+]|[A-Za-z0-9]")
#: 'members of the', 'the head of the', 'a member of the': what a body has
_HAS_MEMBERS = re.compile(r"\b(?:members?|head|chair|chairs|chairman|manager|staff|workers?)"
                          r"\s+of\s*$")
#: 'A new X service has been established', 'the establishment of an X group'
#: Past or noun forms only: 'Establish a helpline' proposes a service, it names none.
_SET_UP_WORD = (r"(?:established|establishment|set up|created|creation|launched|formed|"
                r"formation|introduced|introduction|developed|development|restructured|"
                r"reorganised|reorganized|merged|redesigned|commissioned)")
#: The act must be the phrase's own: right before its determiner ('has set up a', 'the
#: establishment of an') or as its passive verb ('... has been established'). 'Well
#: established' says how long a kind of service has existed, not that one was set up.
_SET_UP_BEFORE = re.compile(rf"\b{_SET_UP_WORD}(?:\s+(?:of|up|by))?\s*$", re.I)
_SET_UP_AFTER = re.compile(
    rf"^\s+(?:(?:has|have|had|was|were|is|are|been|being|now|recently|newly|also|just)\s+)+"
    rf"(?!(?:well|long|firmly)\b)(?:\w+ly\s+)?{_SET_UP_WORD}\b", re.I)
#: Plural heads name one service only as the subject of such an act ('since social care
#: contact and referral services were restructured'); otherwise they name a kind.
PLURALS: dict[str, str] = {"services": "service", "teams": "team", "units": "unit",
                           "panels": "panel", "groups": "group"}
#: Words that open a clause: the plural subject's phrase starts after them.
_CLAUSE = frozenset({"since", "when", "after", "because", "although", "though", "while",
                     "until", "once", "where", "that", "before"})
#: 'IDVA service', 'Intralink service': one proper word or acronym before a lower-case head.
_PROPER_HEAD = re.compile(r"(?<![\w&])((?:[A-Z]{2,6}\s+)?[A-Z][\w'’&+-]*)\s+(service|team|unit|"
                          r"panel|department)\b(?!-)")
#: An acronym alone before 'team' is usually the team's own acronym run on ('CAT team'):
#: only these heads make a new name after a bare acronym.
_ACRONYM_HEADS = frozenset({"service", "department"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "its", "their", "our"})
_NOT_PROPER = _wordset("""
the a an this that these those its their our his her any all each every such some other
this council health social adult adults children children's childrens care local public
new which what whose where when while if as in on at by for from with of and or but
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday christmas easter
""")


def lower_case_services(sentence: str) -> list[tuple[str, BodyType]]:
    """Named local services in lower case, with the type their head noun gives.

    A lower-case phrase is a name only where the sentence treats it as one: as the subject
    that opens the sentence ('The night duty team provides ...'), as something with members
    or a head ('members of the young people's council'), or, after 'a'/'an', as something
    the sentence says was set up ('a new leaving care service has been established').

    >>> lower_case_services("Members of the youth council attend the panel.")
    [('youth council', 'other')]
    >>> lower_case_services("Social care services and the fostering service improved.")
    []
    """
    if not _ANY_HEAD.search(sentence):
        return []
    toks = list(_TOKEN.finditer(sentence))
    found: list[tuple[str, BodyType]] = []
    for i, tok in enumerate(toks):
        head = tok.group(0)
        plural = head in PLURALS
        if plural and not _SET_UP_AFTER.match(sentence[tok.end():]):
            continue
        if head not in HEADS and not plural:
            continue
        if i + 1 < len(toks) and toks[i + 1].group(0).lower() in _CONTINUES \
                and not sentence[tok.end():toks[i + 1].start()].strip():
            continue  # 'the virtual school roll': the head is a modifier
        words: list[str] = []
        det = None
        j = i - 1
        while j >= 0 and len(words) <= 6:
            w = toks[j].group(0)
            gap = sentence[toks[j].end():toks[j + 1].start()] if j + 1 <= i else ""
            if gap.strip():
                break  # punctuation between the words: not one phrase
            low = w.lower()
            if low in _DETS or (plural and low in _CLAUSE):
                det = (low, j)
                break
            if low.endswith(("'s", "’s")) and words and j > 0 \
                    and toks[j - 1].group(0).lower() == "the":
                det = ("the", j - 1)  # 'the council's housing options service'
                break
            idiom = low == "of" and j > 0 and toks[j - 1].group(0).lower() == "out"
            if w[:1].isupper() or (low in _BREAK and not idiom):  # 'out of hours' is a name
                break
            words.insert(0, low)
            j -= 1
        if det is None:
            continue
        words = [w for w in words if w]
        while words and words[0] in _LEADING:
            words = words[1:]
        if not words or words[0] in ("and", "&") \
                or all(w in GENERIC or w in ("and", "&") for w in words) \
                or any(w in _DOCUMENTS for w in words):
            continue
        if not _named_use(sentence, toks, det, i):
            continue
        found.append((" ".join([*words, head]), HEADS[PLURALS.get(head, head)]))
    return found


def _named_use(sentence: str, toks: list[re.Match[str]], det: tuple[str, int], i: int) -> bool:
    """Whether the sentence uses the phrase as a body: subject, holder of members, set up."""
    word, j = det
    before = sentence[:toks[j].start()].strip().lower()
    if _SET_UP_AFTER.match(sentence[toks[i].end():]):
        return True
    if word in ("a", "an"):
        return bool(_SET_UP_BEFORE.search(before))
    if word in _CLAUSE:
        return False
    if not before.strip(" \"'‘“(-•*"):
        return True  # 'The ... service provides ...': the sentence's subject
    return bool(_HAS_MEMBERS.search(before))


#: 'staff in adult mental health and the Independent Living service': the head noun is
#: said once for both conjuncts; the first is a service too.
_ELIDED = re.compile(
    r"\b(?:in|into|from|to|between|across|within|for)\s+((?:[a-z][\w'’-]*\s+){1,4}?)"
    r"and\s+the\s+(?:[A-Z][\w'’-]*\s+){1,4}(service|team|unit)s?\b")


def elided_services(sentence: str) -> list[tuple[str, BodyType]]:
    """The first conjunct of 'in X and the Y service' as 'X service', when X says which.

    >>> elided_services("Staff in adult mental health and the Independent Living service.")
    [('adult mental health service', 'team_or_service')]
    >>> elided_services("Staff in social care and the Youth Offending Service.")
    []
    """
    found: list[tuple[str, BodyType]] = []
    for m in _ELIDED.finditer(sentence):
        words = m.group(1).split()
        if len(words) < 2 or any(w in _BREAK or w in _DETS for w in words) \
                or all(w in GENERIC for w in words):
            continue
        found.append((" ".join([*words, m.group(2)]), HEADS[m.group(2)]))
    return found


#: 'joint work with CwaC', 'in partnership with NWAS': what one works jointly with is a body.
_PARTNER = re.compile(
    r"\b(?:joint(?:ly)?\s+(?:work(?:ing)?\s+)?with|in\s+partnership\s+with|"
    r"in\s+conjunction\s+with|in\s+collaboration\s+with|partnering\s+with)\s+"
    r"(?:the\s+)?([A-Z][A-Za-z&]{1,6})(?![\w&'’-])")


def partner_acronyms(sentence: str) -> list[tuple[str, BodyType]]:
    """An acronym the sentence says is worked with jointly: a partner organisation.

    >>> partner_acronyms("Consider a support group (possible joint work with NwaC).")
    [('NwaC', 'other')]
    >>> partner_acronyms("Joint work with Parents on the plan.")
    []
    """
    return [(m.group(1), "other") for m in _PARTNER.finditer(sentence)
            if sum(ch.isupper() for ch in m.group(1)) >= 2]


def proper_services(sentence: str) -> list[tuple[str, BodyType]]:
    """'IDVA service', 'Intralink service': a proper word or acronym then a lower-case head.

    >>> proper_services("The use of the IDVA service grew; the Health service did not.")
    [('IDVA service', 'team_or_service')]
    """
    found: list[tuple[str, BodyType]] = []
    for m in _PROPER_HEAD.finditer(sentence):
        words = m.group(1).split()
        if any(w.lower() in _NOT_PROPER for w in words):
            continue
        if len(words) == 1 and words[0].isupper() and m.group(2) not in _ACRONYM_HEADS:
            continue
        if words[0].isupper() and is_reference_acronym(words[0]):
            continue  # 'the NHS service', 'the CAMHS service': a kind, read by the gazetteer
        start = m.start(1)
        before = sentence[:start].rstrip()
        if (not before or before.endswith((".", ":", ";", "!", "?"))) and not words[0].isupper():
            continue  # 'Placement service' opening a sentence is an ordinary word
        if before[-1:].isalpha() and before.split()[-1][:1].isupper() \
                and before.split()[-1].lower() not in _DETERMINERS:
            continue  # part of a longer capitalised name the other finders read
        found.append((f"{m.group(1)} {m.group(2)}", HEADS[m.group(2)]))
    return found


_TAG = re.compile(r"<[^>]+>|\*\*|\t")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'‘“(]?[A-Z0-9])")


def pieces(line: str) -> list[str]:
    """A line's cells and sentences: names never run across either."""
    out: list[str] = []
    for cell in _TAG.sub("\t", line).split("\t"):
        out += [s.strip() for s in _SENTENCE.split(cell) if s.strip()]
    return out


@lru_cache(maxsize=16384)
def _piece_names(piece: str) -> tuple[tuple[str, BodyType], ...]:
    """Every finder's names in one cell or sentence, in order; cached, since packs repeat
    lines (page furniture, boilerplate, quoted recommendations)."""
    return (*reference_names(piece), *proper_services(piece), *lower_case_services(piece),
            *elided_services(piece), *partner_acronyms(piece))


def pack_body_mentions(lines: list[str], skip: set[str] | None = None
                       ) -> list[tuple[int, str, BodyType]]:
    """(line number, name as written, type) for the first use of each name in the pack that
    this module's finders read and that ``skip`` (lower-cased names already reported) lacks."""
    seen = {s.lower() for s in skip or ()}
    out: list[tuple[int, str, BodyType]] = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or is_rights_notice(line):
            continue
        for piece in pieces(line):
            for name, typ in _piece_names(piece):
                if name.lower() not in seen:
                    seen.add(name.lower())
                    out.append((n, name, typ))
    return out

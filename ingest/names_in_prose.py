"""Finding the names of bodies and people inside a sentence, by English naming conventions.

Prose relations need the noun phrases on either side of a verb: 'North and West Wessex
PCT and Wessex County Council have responsibility for ...' names two bodies, and the 'and'
inside the first name must not split it. A name here is a run of capitalised words,
acronyms and connectors ('of', 'and', 'the', '&'); a list of names is split on commas and on
an 'and' that follows a complete name (one ending in a head noun such as Council, Trust,
Group, or an acronym). Nothing here knows any particular council's names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _wordset(text: str) -> list[str]:
    return text.split()


#: Last words that make a capitalised phrase the name of a body.
HEAD_NOUNS = frozenset(_wordset("""
council councils committee committees board boards trust trusts group groups partnership
partnerships team teams service services department directorate agency agencies authority
authorities society centre center office forum commission executive cabinet panel network
unit association foundation hospice hospital inspectorate government bureau alliance
consortium consortia college university institute federation ministry parliament police
constabulary healthwatch ofsted care commissioning commissioners assembly court tribunal
"""))
#: Single words that name a body on their own.
SINGLE_BODIES = frozenset({"ofsted", "cabinet", "council", "healthwatch", "police",
                           "government", "parliament", "executive"})
#: Lower-case generic nouns that may close a name of a class of bodies
#: ('Voluntary, Community and Faith sector organisations').
TRAIL_NOUNS = frozenset({"sector", "organisations", "organizations", "providers",
                         "partners", "agencies", "bodies"})
#: Last words of documents, not agents ('the Corporate Plan', 'the Operating Framework').
DOC_WORDS = frozenset(_wordset("""
plan plans strategy strategies framework act policy policies programme programmes report
reports survey review reviews assessment scheme agenda guidance protocol order regulations
paper census day week month year event project fund budget model pilot
"""))
PERSON_TITLES = frozenset({"councillor", "cllr", "mr", "mrs", "ms", "miss", "dr", "professor",
                           "prof", "sir", "dame", "lord", "lady", "baroness", "rev", "revd"})
CONNECTORS = frozenset({"and", "of", "for", "the", "&", "in", "on", "de"})
#: Capitalised words that open a sentence without being part of a name.
OPENERS = frozenset(_wordset("""
the this these that those it its a an our their both all each any in on at for from to by
with following after before during progress putting members membership however also there
we they he she as if when where while which who whose what under through
"""))

_TOKEN = re.compile(r"[A-Za-z0-9][\w'\u2019&.\-]*[\w']|[A-Za-z0-9]|&|,")
_QUOTED = re.compile(r"\u201c[^\u201d]{1,200}\u201d|\u2018[^\u2019]{1,200}\u2019(?!\w)"
                     r"|(?<!\w)'[^']{1,200}'(?!\w)|\"[^\"]{1,200}\"")


@dataclass(frozen=True)
class Chunk:
    """A run of name tokens in a sentence, with character offsets."""

    start: int
    end: int
    text: str


def mask_quotes(text: str) -> str:
    """Quoted titles ('the Operating Framework for the NHS') are documents, not agents:
    blank them out, keeping offsets."""
    return _QUOTED.sub(lambda m: "~" * len(m.group(0)), text)


#: Capitalised words that are never part of a name (dates).
NOT_NAME = frozenset(_wordset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday i
"""))


def _is_cap(tok: str) -> bool:
    if tok.lower().strip(".") in NOT_NAME:
        return False
    return tok[0].isupper() or (tok[0].isdigit() and any(c.isupper() for c in tok))


def chunks(text: str) -> list[Chunk]:
    """Maximal runs of capitalised tokens joined by connectors or list commas."""
    masked = mask_quotes(text)
    toks = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(masked)]

    def joined(a: int, b: int) -> bool:  # only spaces between tokens a and b
        return not masked[toks[a][1]:toks[b][0]].strip()

    out: list[Chunk] = []
    i = 0
    while i < len(toks):
        if not _is_cap(toks[i][2]):
            i += 1
            continue
        j = i
        while j + 1 < len(toks):
            k = j + 1
            while k < len(toks) and (toks[k][2].lower() in CONNECTORS or toks[k][2] == ",") \
                    and joined(k - 1, k):
                if toks[k][2] == "the" and k == j + 1:
                    break  # 'within the Council the Committee': 'the' opens a new phrase
                k += 1
            if k < len(toks) and _is_cap(toks[k][2]) and k - j <= 3 and joined(k - 1, k):
                j = k
                continue
            while (k < len(toks) and toks[k][2].lower() in TRAIL_NOUNS
                   and k == j + 1):
                j = k
                k += 1
            break
        start, end = toks[i][0], toks[j][1]
        out.append(Chunk(start, end, text[start:end]))
        i = j + 1
    return out


def _words(name: str) -> list[str]:
    return [w.strip(".,'\u2019") for w in name.split()]


def is_acronym(word: str) -> bool:
    w = word.strip(".,;:()")
    return (2 <= len(w) <= 10 and " " not in w and w[0].isupper()
            and sum(c.isupper() for c in w) >= 2
            and sum(c.isupper() for c in w) >= sum(c.isalpha() for c in w) / 2)


def strip_article(name: str) -> str:
    """'the PCT' -> 'PCT'; 'the Council' stays (a generic name the resolver reads whole)."""
    words = name.split()
    if words and words[0].lower() == "the" and len(words) > 1:
        rest = " ".join(words[1:])
        if len(words) == 2 and words[1].lower() in HEAD_NOUNS:
            return name
        return rest
    return name


def clean_name(name: str) -> str:
    """A chunk without sentence openers ('In North Wessex' -> 'North Wessex') or a
    leading article before an acronym or full name ('the PCT' -> 'PCT')."""
    words = name.strip(" ,.;:").split()
    while len(words) > 1 and words[0].lower() in OPENERS and words[0].lower() != "the":
        words = words[1:]
    if words and words[0].lower() in OPENERS and words[0].lower() != "the":
        return ""
    return strip_article(" ".join(words))


def is_person(name: str) -> bool:
    """'Councillor Jane Smith', 'Dr A Jones', 'Sam Okoro' - no head noun, no acronym."""
    words = _words(name)
    if not words or words[0].lower() in OPENERS:
        return False
    if words[0].lower() in PERSON_TITLES:
        return len(words) >= 2
    if not 2 <= len(words) <= 4 or any(not w[:1].isupper() for w in words):
        return False
    lowered = {w.lower() for w in words}
    return not (lowered & (HEAD_NOUNS | DOC_WORDS) or any(is_acronym(w) for w in words))


def is_body(name: str) -> bool:
    """A body by its head noun, an acronym or a single-word body name."""
    words = _words(strip_article(name))
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words or not words[0][:1].isupper():
        return False
    lowered = [w.lower() for w in words]
    if lowered[-1] in DOC_WORDS:
        return False
    if len(words) == 1:
        return is_acronym(words[0]) or lowered[0] in SINGLE_BODIES
    if lowered[-1] in TRAIL_NOUNS:
        return sum(w[:1].isupper() for w in words) >= 2
    return any(w in HEAD_NOUNS for w in lowered) or any(is_acronym(w) for w in words)


#: Kinds of organisation a name ends with when it follows a post after a comma.
_ORG_END = re.compile(r"\b(council|trust|police|constabulary|group|board|commission|"
                      r"partnership|authority|agency|ccg|pct|icb|foundation|university|"
                      r"college|hospital|office|department)$", re.I)


def post_and_org(text: str) -> tuple[str, str | None]:
    """'Director of Nursing, Northbrook Community Health NHS Trust' -> the post and the
    organisation: the last comma-separated part when it names a body by its kind
    (Council, Trust, Police ...). A post whose own words hold commas ('Director of
    Adults, Community, Health and Wellbeing') stays whole, with no organisation."""
    head, comma, tail = text.rpartition(",")
    tail = tail.strip()
    if comma and head.strip() and _ORG_END.search(tail) and is_body(tail):
        return head.strip(), tail
    return text.strip(), None


def is_agent(name: str) -> bool:
    """A body or a person: what a relation's subject or object may be."""
    return is_body(name) or is_person(strip_article(name))


def _complete(name: str, following: str = "") -> bool:
    """Whether an 'and' after ``name`` separates two names rather than joins one:
    after a head noun, an acronym or a titled person, or between two personal names."""
    words = name.split()
    last = words[-1].strip(".,") if words else ""
    if last.lower() in HEAD_NOUNS or last.lower() in TRAIL_NOUNS or is_acronym(last):
        return True
    if words and words[0].lower().strip(".") in PERSON_TITLES:
        return is_person(name)
    return is_person(name) and is_person(following)


def split_list(text: str) -> list[str]:
    """Names in a list: commas always, 'and' only after a complete name.

    'North and West Wessex PCT and Wessex County Council' gives two names;
    'Voluntary, Community and Faith sector organisations' stays one.
    """
    parts = [p.strip() for p in re.split(r"\s*[,;]\s*", text) if p.strip()]
    items: list[str] = []
    for part in parts:
        pieces = re.split(r"\s+and\s+", part)
        current = pieces[0]
        for piece in pieces[1:]:
            if _complete(current, piece) or piece.lower().startswith("the "):
                items.append(current)
                current = piece
            else:
                current = f"{current} and {piece}"
        items.append(current)
    items = [re.sub(r"^(?:(?:and|or|both|other|local|all)\s+)+", "", i).strip(" .") for i in items]
    merged: list[str] = []
    run: list[str] = []
    for item in items:
        words = item.split()
        if len(words) == 1 and not _complete(item) and item[:1].isupper():
            run.append(item)
            continue
        if run and words and words[-1].lower() in TRAIL_NOUNS:
            merged.append(", ".join([*run, item]))
        else:
            merged.extend(run)
            merged.append(item)
        run = []
    merged.extend(run)
    return [m for m in merged if m]

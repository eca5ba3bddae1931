"""Normalising names of people and bodies, and typing a body by its head noun.

Resolution compares names as packs write them: with titles ("Councillor"), initials,
possessives ("Children's" / "Childrens"), plurals ("Adults"), capitals and stray commas.
These helpers give the comparable forms; they know English naming conventions of public
bodies, never the names of any particular council.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ingest.records import BodyType
from ontology.namespaces import normalise

TITLES = frozenset({
    "councillor", "councillors", "cllr", "cllrs", "mr", "mrs", "ms", "miss", "dr", "professor",
    "prof", "sir", "dame", "lord", "lady", "rev", "revd", "reverend", "hon",
})

#: Words that mark a post ("Strategic Director ...") rather than a person's name.
POST_WORDS = frozenset({
    "director", "manager", "officer", "head", "chief", "executive", "solicitor", "inspector",
    "chairman", "chair", "chairperson", "leader", "holder", "lead", "coordinator",
    "co-ordinator", "consultant", "commissioner", "secretary", "clerk", "treasurer", "advisor",
    "adviser", "principal", "deputy", "assistant", "mayor", "member", "nurse", "worker",
    "practitioner", "administrator", "analyst", "specialist", "controller", "registrar",
})

#: Words that make a capitalised phrase an organisation, not a person ('Carers Centre').
ORG_WORDS = frozenset({
    "centre", "center", "society", "hospice", "association", "bureau", "campaign", "plc", "ltd",
    "limited", "cic", "archives", "commission", "concern", "care", "healthcare", "foundation",
    "institute", "college", "school", "university", "police", "constabulary", "fire", "nhs",
    "gps", "surgery", "church", "club", "company", "consortia", "consortium", "space",
    "services", "plus", "healthwatch", "connexions", "ymca", "barnardos", "government",
    "council", "councils", "partners", "organisations", "providers", "agencies", "sector",
    "carers", "children", "people", "parents", "young", "families", "health", "social",
    "resources", "commissioning", "teams", "schools",
})
#: Plural nouns of people: a phrase with one is a role ('Relevant managers'), never a person.
PEOPLE_PLURALS = frozenset({
    "commissioners", "managers", "officers", "staff", "workers", "members", "leads",
    "coordinators", "practitioners", "consultants", "volunteers", "users", "residents",
    "governors", "trustees", "councillors", "directors", "heads", "teachers", "nurses",
})

_STOP = frozenset({"the", "of", "for", "and", "in", "on", "to", "a", "an", "at", "with", "s"})


@lru_cache(maxsize=65536)
def loose(text: str) -> str:
    """Comparable form of a body name: no 'the', no possessive, plural or case differences."""
    s = re.sub(r"['\u2019\u2018`]", "", text).replace("+", " plus ")
    words = normalise(s).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(_singular(w) for w in words)


_QUOTES = re.compile(r"['\u2019\u2018`]")
_WORD = re.compile(r"[a-z0-9]+")


def loose_words(line: str) -> list[str]:
    """The words of a line of text as ``loose`` would give them (fast, for counting)."""
    s = _QUOTES.sub("", line.lower()).replace("&", " and ")
    return [_singular(w) for w in _WORD.findall(s)]


def loose_word_counts(text: str) -> Counter[str]:
    """``Counter(loose_words(text))``, counting each distinct word once before making it
    singular (a pack has some 40,000 words but a few thousand distinct ones)."""
    counts: Counter[str] = Counter()
    for w, n in Counter(_WORD.findall(_QUOTES.sub("", text.lower()).replace("&", " and "))
                        ).items():
        counts[_singular(w)] += n
    return counts


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_words(text: str) -> list[str]:
    """Words of a loose name without stop words, for subset and overlap tests."""
    return list(_content_words(text))


@lru_cache(maxsize=65536)
def _content_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in loose(text).split() if w not in _STOP)


@lru_cache(maxsize=65536)
def is_acronym(text: str) -> bool:
    """'NSCB', 'CiCC', 'DfE', 'Y&F': a short token of mostly capitals, no spaces."""
    t = text.strip().strip(".,;:()")
    if not 2 <= len(t) <= 10 or " " in t:
        return False
    letters = [c for c in t if c.isalpha()]
    caps = sum(1 for c in letters if c.isupper())
    return len(letters) >= 2 and caps >= 2 and caps >= len(letters) / 2


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment): a transposition counts as one edit."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


# --- people ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonName:
    """A person's name split into title, given names (or initials) and surname."""

    title: str | None
    given: tuple[str, ...]
    surname: str

    @property
    def initials(self) -> str:
        return "".join(g[0].upper() for g in self.given if g)

    @property
    def clean(self) -> str:
        """The name without title: 'Jane Quill', 'A B Vale'."""
        return " ".join([*self.given, self.surname])

    @property
    def fullness(self) -> tuple[int, int]:
        """More given names, then longer ones (full names beat initials)."""
        return len([g for g in self.given if len(g) > 1]), sum(len(g) for g in self.given)


_BRACKETED = re.compile(r"\([^)]*\)")
_NAME_END = re.compile(r"[,\u2013\u2014]| - ")
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z.'\u2019-]*")


@lru_cache(maxsize=65536)
def parse_person(text: str) -> PersonName | None:
    """Split 'Councillor Jane Quill' / 'A.B. Vale' / "Dara O'Hanlon"; None if no name.

    Cached (the result is frozen): resolution parses each name as written many times."""
    s = _BRACKETED.sub(" ", text)  # "(Chairman)", "(tbc)"
    s = _NAME_END.split(s)[0]
    words = [w.strip(".") for w in _NAME_WORD.findall(s)]
    title = None
    while words and words[0].lower().strip(".") in TITLES:
        title = title or words[0]
        words = words[1:]
    words = [w for w in words if w]
    given: list[str] = []
    for w in words[:-1]:
        if "." in w and len(w.replace(".", "")) <= 3:  # "M.J" -> "M", "J"
            given.extend(w.replace(".", ""))
        else:
            given.append(w)
    if not words:
        return None
    surname = words[-1]
    if len(surname) < 2:
        return None
    return PersonName(title=title.title() if title else None, given=tuple(given),
                      surname=surname)


def surname_key(name: PersonName) -> str:
    return normalise(name.surname.replace("'", "").replace("\u2019", ""))


def initials_compatible(a: str, b: str) -> bool:
    """'MJ' and 'M' agree; 'I' and '' agree (surname only); 'J' and 'P' do not."""
    a, b = a.upper(), b.upper()
    return not a or not b or a.startswith(b) or b.startswith(a)


def looks_like_person(text: str) -> bool:
    """'Nia Vale', 'J Quill', 'Councillor A B Vale' - but not 'Relevant managers'."""
    s = re.sub(r"\([^)]*\)", " ", text).strip()
    words = s.split()
    if not 1 <= len(words) <= 5 or any(w.lower() in POST_WORDS for w in words):
        return False
    if any(normalise(w) in ORG_WORDS or normalise(w) in PEOPLE_PLURALS for w in words):
        return False
    if words[0].lower().strip(".") in TITLES:
        return len(words) >= 2
    if len(words) < 2:
        return False
    caps = all(w[0].isupper() for w in words if w[0].isalpha())
    no_body = body_head(s) is None
    return caps and no_body and not any(is_acronym(w) and len(w) > 2 for w in words)


def is_post(text: str) -> bool:
    """'the Strategic Director (Children, Families and Adults)', 'Borough Solicitor'."""
    words = normalise(re.sub(r"\([^)]*\)", " ", text)).split()
    return any(w in POST_WORDS for w in words[:4])


# --- bodies ----------------------------------------------------------------------------

_YOUTH = ("children", "childrens", "youth", "young", "pupil", "student", "school", "care")

#: Head nouns and the body type they imply, checked on the last words of the name.
HEADS: tuple[tuple[str, BodyType], ...] = (
    ("foundation trust", "trust"),
    ("primary care trust", "nhs_body"),
    ("clinical commissioning group", "nhs_body"),
    ("task and finish group", "committee"),
    ("steering group", "partnership_group"),
    ("council", "council"),
    ("cabinet", "committee"),
    ("committee", "committee"),
    ("sub committee", "committee"),
    ("board", "board"),
    ("hospital", "nhs_body"),
    ("trust", "trust"),
    ("inspectorate", "inspectorate"),
    ("group", "partnership_group"),
    ("partnership", "partnership_group"),
    ("forum", "partnership_group"),
    ("network", "partnership_group"),
    ("panel", "partnership_group"),
    ("conference", "partnership_group"),
    ("arrangement", "partnership_group"),
    ("alliance", "partnership_group"),
    ("team", "team_or_service"),
    ("service", "team_or_service"),
    ("unit", "team_or_service"),
    ("directorate", "team_or_service"),
    ("department", "team_or_service"),
    ("agency", "team_or_service"),
    ("commissioning", "team_or_service"),
    ("society", "voluntary_org"),
    ("hospice", "voluntary_org"),
    ("charity", "voluntary_org"),
)


@lru_cache(maxsize=65536)
def body_head(name: str) -> str | None:
    """The head noun phrase that makes a name a body ('council', 'foundation trust' ...)."""
    words = loose(re.sub(r"\([^)]*\)", " ", name)).split()
    text = " ".join(words)
    if re.match(r"(department|ministry) (for|of) ", text):
        return "department for"
    for head, _ in HEADS:
        if text == head or text.endswith(" " + head):
            return head
    return None


def body_type(name: str, voluntary_context: bool = False) -> BodyType:
    """The body type a name implies by its head noun; see docs for the NHS/trust choice.

    NHS: foundation trusts are ``trust``; primary care trusts, hospitals and other NHS
    organisations are ``nhs_body``. A children's trust is a partnership, not an NHS trust.
    """
    text = loose(name)
    head = body_head(name)
    words = text.split()
    if head == "department for" or text in ("government", "hm government"):
        return "government_department"
    if head == "council" and any(w in _YOUTH for w in words):
        return "other"
    if head == "trust" and any(w in ("children", "young") for w in words):
        return "partnership_group"
    if head is None and "nhs" in words:
        return "nhs_body"
    if head == "trust" and "nhs" in words and "foundation" not in words:
        return "nhs_body"
    for h, typ in HEADS:
        if h == head:
            if typ == "other" and voluntary_context:
                return "voluntary_org"
            return typ
    return "voluntary_org" if voluntary_context else "other"


AgentKind = str  # "body" | "person" | "post" | "role"


#: A post named by what it heads: 'Director of Children's Services', 'Head of Legal
#: Services' (the services are its remit; the phrase names a post, not a body).
_POST_OF = re.compile(r"^(?:the\s+)?(?:(?:interim|acting|deputy|assistant|associate|strategic|"
                      r"executive|corporate|service|group)\s+)*(?:director|head|manager|"
                      r"chief\s+officer|cabinet\s+member|portfolio\s+holder)\s+(?:of|for)\s",
                      re.I)


def classify_agent(text: str, known_body: bool = False) -> AgentKind | None:
    """Whether a name as written is a body, a person, a post or a role phrase.

    Used where a field may hold any of them (leads of a plan, owners, relation ends).
    """
    s = text.strip(" .,;:-")
    if not s or not any(c.isalpha() for c in s):
        return None
    if not known_body and _POST_OF.match(s):  # 'Director of Children's Services'
        return "post"
    if known_body or is_acronym(s) or body_head(s) is not None:
        return "body"
    if looks_like_person(s):
        return "person"
    if is_post(s):
        return "post"
    words = normalise(s).split()
    if any(w in PEOPLE_PLURALS for w in words):
        return "role"
    if s[:1].isupper() and any(w in ORG_WORDS for w in words) and not s.islower():
        caps = [w for w in s.split() if w[:1].isupper()]
        if len(caps) >= max(1, len(s.split()) - 1):
            return "body"
    return "role"


def display_name(text: str) -> str:
    """A name as a label: no leading article, no trailing punctuation."""
    return _LEADING_THE.sub("", text.strip(" ,;:."))


_LEADING_THE = re.compile(r"^(the)\s+", re.I)


def is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(any(w == x for x in it) for w in short)


_SMALL_LOWER = frozenset({"and", "of", "for", "the", "in", "on"})


def label_case(text: str) -> str:
    """'NORTHSHIRE BOROUGH COUNCIL' -> 'Northshire Borough Council' (short acronyms kept)."""
    return " ".join(w.lower() if w.lower() in _SMALL_LOWER else
                    w if len(w) <= 3 else w.capitalize() for w in text.split())

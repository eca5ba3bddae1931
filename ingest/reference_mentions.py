"""National bodies and public-service kinds named by their reference names.

Packs name national charities by a bare proper name ('Barnardo's', 'YMCA') and public
services as kinds ('the Police'); no head noun marks them. This gazetteer of the reference
data (national bodies, their aliases and acronyms, and the generic kinds of
``ontology/reference/public_service_kinds.ttl``) is matched word-bounded, in the case the
reference writes it, and nothing here knows any particular council's names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.records import BodyType


def _apostrophes(text: str) -> str:
    return text.replace("’", "'")


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[re.Pattern[str], dict[str, BodyType]]:
    """One pattern for every reference name, alias, acronym and kind, longest first, and
    the type of each as written (apostrophes made straight)."""
    from ingest.refdata import reference
    from ontology.reference import public_service_kinds

    types: dict[str, BodyType] = {}
    for body in reference().bodies:
        for name in (body.name, *body.aliases, *body.acronyms):
            types.setdefault(_apostrophes(name), body.type)  # type: ignore[arg-type]
    for kind in public_service_kinds():
        for name in (kind.name, *kind.aliases):
            types.setdefault(_apostrophes(name), kind.type)  # type: ignore[arg-type]
    names = sorted((n for n in types if len(n) >= 3), key=len, reverse=True)
    alternation = "|".join(re.sub(r"'", "['’]", re.escape(n)) for n in names)
    return re.compile(rf"(?<![\w&-])({alternation})(?![\w&-]|['’]s\b)"), types


_WORDS = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _opening_words() -> frozenset[str] | None:
    """The first word of every gazetteer name: a name opens with a word that starts and
    ends on a word boundary (the pattern's look-arounds), so a sentence holding none of
    these words holds no name. None if some name does not open with a word character."""
    firsts = set()
    for name in _gazetteer()[1]:
        if len(name) < 3:
            continue
        m = _WORDS.match(name)
        if m is None:
            return None
        firsts.add(m.group(0))
    return frozenset(firsts)


def reference_names(sentence: str) -> list[tuple[str, BodyType]]:
    """National bodies and public-service kinds named in a sentence, as written there.

    >>> reference_names("Support from the NSPCC and the Police helped.")
    [('NSPCC', 'voluntary_org'), ('Police', 'other')]
    """
    pattern, types = _gazetteer()
    openers = _opening_words()
    if openers is not None and openers.isdisjoint(_WORDS.findall(sentence)):
        return []  # no reference name can start here: skip the long alternation
    found: list[tuple[str, BodyType]] = []
    for m in pattern.finditer(sentence):
        if _ordinary_word(m.group(1)) and (_opens_sentence(sentence, m.start()) or re.search(
                r"[A-Z]\w*\s+(?:of|to|in|the)\s+$", sentence[:m.start()])):
            continue  # 'Relate the plan to ...', 'Peace of Mind', 'Mind' opening a sentence
        if _inside_longer_name(sentence, m.start(), m.end()):
            continue  # 'Northshire Police', 'Police Federation': the other finders' names
        found.append((m.group(1), types[_apostrophes(m.group(1))]))
    return found


def is_reference_acronym(word: str) -> bool:
    from ingest.refdata import reference

    ref = reference()
    generic = ref.generic(word)
    return (generic is not None and generic.kind is not None) or ref.body(word) is not None or any(
        word in (kind.name, *kind.aliases) for kind in _kinds())


@lru_cache(maxsize=1)
def _kinds() -> tuple:
    from ontology.reference import public_service_kinds

    return public_service_kinds()


_OPENERS = frozenset({"the", "a", "an", "both", "and", "or", "with", "from", "by", "for", "to",
                      "in", "on", "at", "of", "as", "also", "including", "such", "while",
                      "where", "when", "however", "but", "if", "that", "this", "these"})


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """A capitalised word right before or right after the match continues a longer name."""
    before = text[:start].split()
    if before and before[-1][:1].isupper() and before[-1].lower() not in _OPENERS \
            and not before[-1].endswith((",", ";", ":", ".", ")")):
        return True
    return " " not in text[start:end].strip() and bool(re.match(r" [A-Z][a-z]", text[end:]))


def _ordinary_word(name: str) -> bool:
    """A one-word name in title case ('Mind', 'Relate', 'Police') may be an ordinary word."""
    return " " not in name and name[:1].isupper() and not name.isupper() and "'" not in name \
        and "’" not in name


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\u2022-*>")
    return not before or before.endswith((".", ":", ";", "!", "?", ">", "|"))

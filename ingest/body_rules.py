"""Pure tests behind the body-resolution rules: typo, word order, place qualifiers, types.

Kept apart from the resolver's bookkeeping so each rule can be read and tested on its own.
Every test works on *loose* names (``ingest.names.loose``): lower case, no possessives or
plurals, no leading article.
"""

from __future__ import annotations

import difflib
from collections import Counter
from functools import lru_cache
from itertools import pairwise

from ingest.names import (
    body_head,
    body_type,
    content_words,
    display_name,
    edit_distance,
    is_acronym,
    loose,
)
from ingest.records import Body, BodyType, Merge, Span
from ingest.refdata import Reference
from ontology.namespaces import key_for

#: Words that, at the end of a name, make it a collective ('... sector organisations'),
#: not one body.
COLLECTIVE = frozenset({"organisation", "organization", "provider", "partner", "agencie",
                        "agency", "bodie", "body", "sector", "member", "professional"})
#: 'the local authority' is the pack's council, in UK usage.
HOME_SYNONYMS = frozenset({"local authority", "authority", "council", "borough council",
                           "county council", "city council", "la"})
_COUNCIL_WORDS = frozenset({"council", "borough", "county", "city", "district", "metropolitan",
                            "of", "the", "and"})


def is_collective(name: str) -> bool:
    """'Voluntary, Community and Faith sector organisations', 'partner agencies'."""
    words = loose(name).split()
    return bool(words) and words[-1] in COLLECTIVE and body_head(name) is None


def home_places(home: str | None) -> list[str]:
    """Loose forms that stand for the home council's place, longest first.

    'Northshire West Council' -> ['northshire west council', 'northshire west borough
    council', 'northshire west']: a name qualified by them ('Northshire West Carers Team',
    'Crossroads Care Northshire West') is the unqualified name in this pack.
    """
    if not home:
        return []
    full = loose(home)
    place = " ".join(w for w in full.split() if w not in _COUNCIL_WORDS)
    if not place:
        return [full]
    forms = {full, f"{place} council", f"{place} borough council", place}
    return sorted(forms, key=len, reverse=True)


def strip_place(key: str, places: list[str]) -> str:
    """The name without a leading or trailing home-place qualifier ('' if nothing is left)."""
    for p in places:
        if key.startswith(p + " "):
            return key[len(p) + 1:]
        if key.endswith(" " + p):
            return key[:-len(p) - 1]
    return key


def same_words_other_order(a: str, b: str) -> bool:
    return a != b and sorted(a.split()) == sorted(b.split())


def typo_pair(key: str, other: str, counts: Counter[str]) -> tuple[str, str] | None:
    """(misspelt, correct) when the names differ in one word that is a small edit away, the
    misspelt word is rare in the pack (at most twice) and the correct one more common."""
    words, others = key.split(), other.split()
    if len(words) != len(others):
        return None
    diff = [(a, b) for a, b in zip(words, others, strict=True) if a != b]
    if len(diff) != 1:
        return None
    a, b = diff[0]
    limit = 1 if len(b) <= 5 else 2
    if counts[a] <= 2 and counts[b] > counts[a] and edit_distance(a, b) <= limit:
        return a, b
    return None


def cluster_type(anchor: str, hints: list[BodyType | None], voluntary: bool) -> BodyType:
    """The head noun decides; an extractor's hint only where the name has no head noun."""
    typ = body_type(anchor, voluntary)
    if body_head(anchor) is not None or typ not in ("other", "voluntary_org"):
        return typ
    counted = Counter(h for h in hints if h)
    return counted.most_common(1)[0][0] if counted else typ


def likely_home(names: list[str]) -> str | None:
    """The council the pack is most about: its most often named council."""
    counts = Counter(display_name(n) for n in names
                     if body_type(n) == "council" and len(content_words(n)) > 1)
    return counts.most_common(1)[0][0] if counts else None


def near_misses(bodies: list[Body]) -> list[Merge]:
    """Pairs of bodies whose names are close (>= 0.85) though no rule merged them: reported
    for an analyst, never merged."""
    out = []
    keys = [loose(b.name) for b in bodies]
    chars = [Counter(k) for k in keys]
    for i, a in enumerate(bodies):
        la = keys[i]
        for j in range(i + 1, len(bodies)):
            lb = keys[j]
            total = len(la) + len(lb)
            if 2 * min(len(la), len(lb)) < 0.85 * total:
                continue  # too different in length to reach the ratio
            # difflib's quick_ratio (shared characters) without building a matcher per pair
            if 2 * sum((chars[i] & chars[j]).values()) < 0.85 * total:
                continue
            ratio = difflib.SequenceMatcher(None, la, lb).ratio()
            if ratio >= 0.85:
                b = bodies[j]
                out.append(Merge(b.name, a.key, "near-match-unmerged",
                                 f"'{b.name}' is {ratio:.2f} similar to '{a.name}' but no "
                                 "rule applies", b.spans[0] if b.spans else None))
    return out


def acronym_variant(short: str, defined: list[str]) -> tuple[str, str] | None:
    return _acronym_variant(short, tuple(defined))


@lru_cache(maxsize=8192)
def _acronym_variant(short: str, defined: tuple[str, ...]) -> tuple[str, str] | None:
    """(defined acronym, how) when ``short`` is one edit from, or a prefix of, exactly one
    acronym defined in the pack ('NSCIB' / 'NSC' for 'NSCB')."""
    up = short.upper()
    hits = []
    for d in defined:
        one_edit = len(up) >= 4 and len(d) >= 4 and edit_distance(up, d) == 1
        prefix = len(up) >= 3 and d.startswith(up) and len(d) - len(up) <= 2 and d != up
        if one_edit or prefix:
            hits.append((d, "a prefix of" if prefix else "one edit from"))
    return hits[0] if len(hits) == 1 else None


def expand_acronyms(text: str, defs: dict[str, tuple[str, Span | None]],
                    ref: Reference) -> str | None:
    """'Northshire PCT' -> 'Northshire Primary Care Trust' (pack definitions first)."""
    out, changed = [], False
    for w in text.split():
        core = w.strip(",.;:()")
        d = defs.get(core.upper()) if is_acronym(core) else None
        g = ref.generic(core) if is_acronym(core) and d is None else None
        if d or g:
            out.append(d[0] if d else g.expansion)  # type: ignore[union-attr]
            changed = True
        else:
            out.append(w)
    return " ".join(out) if changed else None


def initials_align(short: str, long: str) -> bool:
    """'c and f scrutiny committee' abbreviates 'children and family scrutiny committee';
    'ce council' abbreviates 'cheshire east council': each word of the short form is the
    same word, or the initials of as many words of the long one; at least one word is
    shared and at least one is abbreviated."""
    s, words = short.split(), long.split()
    i = shared = abbreviated = 0
    for tok in s:
        if i < len(words) and tok == words[i]:
            i, shared = i + 1, shared + (tok not in ("and", "of", "for", "the", "in"))
        elif 1 <= len(tok) <= 4 and "".join(w[0] for w in words[i:i + len(tok)]) == tok:
            i, abbreviated = i + len(tok), abbreviated + 1
        else:
            return False
    return i == len(words) and shared > 0 and abbreviated > 0


_ADDED_HEADS = ("team", "service", "unit")


def without_added_head(key: str) -> str:
    """'individual commissioning team' -> 'individual commissioning': a unit named with or
    without a trailing 'team' / 'service' is the same unit."""
    words = key.split()
    if len(words) >= 3 and words[-1] in _ADDED_HEADS:
        return " ".join(words[:-1])
    return key


def split_of(name: str) -> tuple[str, str] | None:
    """'Extended Leadership Team of Children and Families Directorate' -> (unit, parent)
    when both sides are bodies by their head nouns; else None."""
    if " of " not in name:
        return None
    left, _, right = name.partition(" of ")
    if body_head(left) and body_head(right) and not left.lower().startswith(
            ("department", "ministry", "association")):
        return left.strip(), right.strip()
    return None


def is_garbled(name: str) -> bool:
    """Text a table or line join ran together, not a name: a run of two or more words
    repeated ('Carers Group Carers Group'), or more than nine content words."""
    words = content_words(name)
    if len(words) > 9:
        return True
    pairs = list(pairwise(words))
    return len(pairs) != len(set(pairs))


def leading_noise(key: str, known: set[str], lower_counts: Counter[str]) -> str | None:
    """'ongoing northshire council' -> 'northshire council': a first word the pack uses in
    lower case (an ordinary word run into the name from a table cell) and in no other body
    name, before a name the pack uses on its own."""
    first, _, rest = key.partition(" ")
    if rest not in known or len(rest.split()) < 2 or lower_counts[first] < 3:
        return None
    in_names = any(first in k.split() for k in known if k != key)
    return None if in_names else rest


#: Words that make a name generic ('the Local ... Board', 'their respective Boards').
GENERIC_MARKERS = frozenset({"local", "our", "its", "their", "relevant", "respective"})


def body_key(name: str) -> str:
    """A body's key from its loose name, so 'Children's Trust' and 'Childrens Trusts' in
    two packs are one node whatever the order of ingest."""
    return key_for(loose(name))


def is_abbreviated(name: str) -> bool:
    """'C & F Committee', 'CE council': tried after the full names they abbreviate."""
    return any(len(w) == 1 or is_acronym(w) for w in name.replace("&", " ").split())


def specific_words(text: str) -> list[str]:
    return [w for w in content_words(text) if w not in GENERIC_MARKERS]


def split_defined(text: str) -> tuple[str, str | None]:
    """'Northshire Board (NB)' -> ('Northshire Board', 'NB'); else (text, None)."""
    text = text.strip().strip(",;:")
    if text.endswith(")") and "(" in text:
        inner = text[text.rindex("(") + 1:-1]
        if is_acronym(inner):
            return text[:text.rindex("(")].strip(), inner
    return text, None


def service_after_area(keys: list[str]) -> frozenset[str]:
    """The names (as ``loose`` keys) of the form 'X service' where 'X Directorate' or 'X
    Department' is also named: the resolver takes them after the unit, so the unit anchors
    the node and the service-area rule finds it (councils name a directorate after the
    service it runs)."""
    areas = {k.rsplit(" ", 1)[0] for k in keys
             if " " in k and k.rsplit(" ", 1)[-1] in ("directorate", "department")}
    return frozenset(k for k in keys if k.endswith(" service") and k.rsplit(" ", 1)[0] in areas)

"""Names a document defines or mentions in its prose: 'Full Name (ABC)' and body names.

Inspection reports define local acronyms once ('Northvale Safeguarding Children Board
(NSCB)') and then use them; entity resolution needs those definitions to merge the
acronym, its variants and the full name into one body. The definition is accepted only when
the acronym's letters fit the initials of the words before it, so '(see page 4)' or
'(2011)' never become acronyms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_STOP = {"and", "of", "for", "the", "in", "on", "to", "&", "at", "with", "a"}
_DEF = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,9}\d?)\s*\)")
_WORD = re.compile(r"[A-Za-z][\w'’-]*|&")
BODY_WORDS = {
    "council": "council", "committee": "committee", "board": "board", "trust": "trust",
    "commission": "other", "panel": "partnership_group", "partnership": "partnership_group",
    "agency": "other", "department": "government_department", "service": "team_or_service",
    "team": "team_or_service", "unit": "team_or_service", "inspectorate": "inspectorate",
    "group": "partnership_group", "forum": "partnership_group", "centre": "other",
    "authority": "council", "office": "other", "police": "other", "constabulary": "other",
    "hospital": "nhs_body",
}
_LOWER_HEAD = re.compile(r"\b((?:[A-Z][\w'’-]+[ \t]+){2,5}(?:service|unit|panel|team|group|forum|"
                         r"board|council|school))\b")
_DETERMINERS = {"the", "a", "an", "this", "that", "each", "all", "our", "their", "its", "his",
                "her", "these", "those", "every", "any", "some"}
_POST_WORDS = {"director", "head", "chair", "chairman", "manager", "officer", "lead", "member",
               "chief", "inspector", "nurse", "coordinator", "consultant", "secretary"}
_NAME_TOKEN = r"(?:[A-Z][\w'’-]*|&|and|of|for|the|on|in)"
_BODY_NAME = re.compile(
    rf"\b([A-Z][\w'’-]*(?:[ \t]+{_NAME_TOKEN}){{0,10}}[ \t]+"
    rf"(?:{'|'.join(w.capitalize() for w in BODY_WORDS)}))\b(?!['’]s?\s+[A-Z])")


def _initials(words: list[str]) -> str:
    out = []
    for w in words:
        for part in w.split("-"):
            if part and part.lower() not in _STOP:
                out.append(part[0].lower())
    return "".join(out)


def expansion_for(acronym: str, before: str) -> str | None:
    """The words just before '(ABC)' that spell it out, or ``None`` when none fit.

    >>> expansion_for('PCT', 'staff from the North and West Avonshire Primary Care Trust')
    'Primary Care Trust'
    """
    letters = re.sub(r"[^a-z]", "", acronym.lower())
    words = _WORD.findall(before.split(".")[-1])[-14:]
    if not letters or not words:
        return None
    for i in range(len(words) - 1, -1, -1):
        suffix = words[i:]
        if suffix[0].lower() in _STOP:
            continue
        if _initials(suffix) == letters:
            return " ".join(suffix)
    for i in range(len(words) - 1, -1, -1):  # fallback: letters a subsequence of initials
        suffix = words[i:]
        if suffix[0][0].lower() != letters[0] or len(suffix) > len(letters) + 3:
            continue
        initials = "".join(w[0].lower() for w in suffix)
        it = iter(initials)
        if all(c in it for c in letters) and initials[-1] == letters[-1]:
            return " ".join(suffix)
    return None


def find_acronym_definitions(text: str) -> Iterator[tuple[str, str, int]]:
    """(acronym, expansion, offset of the match) for each 'Full Name (ABC)' in ``text``."""
    for m in _DEF.finditer(text):
        short = m[1]
        if sum(c.isupper() for c in short) < 2:
            continue
        expansion = expansion_for(short, text[max(0, m.start() - 200):m.start()])
        if expansion:
            yield short, expansion, m.start()


def body_type(name: str) -> str | None:
    """A body type guessed from a name's last word ('... Trust' → 'trust')."""
    words = name.split()
    if not words:
        return None
    last = words[-1].lower().rstrip("s") if words[-1].lower() != "commission" else "commission"
    low = name.lower()
    if re.match(r"^(?:multi|inter)[- ]agency\b", low):
        return "partnership_group"  # 'Multi-Agency Public Protection Arrangements'
    if "clinical commissioning group" in low or (low.startswith("nhs ") and last != "trust"):
        return "nhs_body"
    if "nhs" in low and last == "trust":
        return "trust"
    if name.lower().endswith("quality commission") or "inspectorate" in name.lower():
        return "inspectorate"
    return BODY_WORDS.get(last)


def _split_joined(name: str, offset: int) -> Iterator[tuple[str, int]]:
    """'X Foundation Trust and Y Hospital' is two names: cut at an 'and' / '&' whose left
    side is already a complete name (ends in a body word); 'Avon and Wessex ... Trust'
    stays one."""
    start = 0
    for m in re.finditer(r"\s+(?:and|&)\s+", name):
        left = name[start:m.start()]
        if left.split() and left.split()[-1].lower().rstrip("s") in BODY_WORDS:
            yield left, offset + start
            start = m.end()
    yield name[start:], offset + start


def _candidates(text: str) -> Iterator[tuple[str, int]]:
    for m in _BODY_NAME.finditer(text):
        yield from _split_joined(m[1], m.start())
    for m in _LOWER_HEAD.finditer(text):  # 'Joint Commissioning unit'
        words = m[1].split()
        if words[0].lower() in _DETERMINERS:
            words = words[1:]
        if len(words) >= 3:
            yield " ".join(words), m.start() + m[1].find(words[0])


def find_body_names(text: str) -> Iterator[tuple[str, int]]:
    """(name, offset) for proper names of bodies in prose: capitalised words ending in a
    body word ('Council', 'Trust', 'Board' ...), posts ('Director of ...') left out."""
    for name, offset in _candidates(text):
        if " and the " in name:  # 'the Board and the Children's Trust': the last one
            cut = name.rindex(" and the ") + len(" and the ")
            name, offset = name[cut:], offset + cut
        words = name.split()
        while words and words[0].lower() in _STOP:
            words = words[1:]
        if words and words[0].lower() in _POST_WORDS and "of" in words[:3]:
            words = words[words.index("of") + 1:]  # 'Chair of the X Board' names X Board
            while words and words[0].lower() in _STOP:
                words = words[1:]
        if len(words) < 2 or words[0].lower() in _POST_WORDS:
            continue
        if any(w.lower() in _POST_WORDS for w in words[:-1]):
            continue
        pos = offset + name.find(words[0])
        before = text[max(0, pos - 30):pos].lower().split()
        if len(before) >= 2 and before[-1] in ("of", "for") and before[-2] in _POST_WORDS:
            continue  # 'Director of Children's Services' is a post
        yield " ".join(words), pos

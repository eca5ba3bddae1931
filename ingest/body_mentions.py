"""Bodies named in a document's text, found cheaply by English naming conventions.

A body's proper name is a run of capitalised words ending in a head noun ('... Scrutiny
Committee', '... Primary Care Trust', 'Care Quality Commission'), or an acronym defined
beside it ('Disabled Facilities Grants (DFGs)' is not a body; 'Primary Care Trust (PCT)'
is). Posts ('Director of Children's Services') are not bodies. Extractors of narrative
documents (agenda, minutes, reports, generic pages) use this for their BodyMentions;
resolution merges the names later.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.boilerplate import is_rights_notice
from ingest.records import BodyMention, BodyType, Span
from ingest.text import PackText
from ingest.textutil import clean

HEAD_TYPES: dict[str, BodyType] = {
    "council": "council", "committee": "committee", "sub-committee": "committee",
    "board": "board", "trust": "trust", "commission": "other", "panel": "committee",
    "partnership": "partnership_group", "group": "partnership_group", "forum":
    "partnership_group", "department": "government_department", "directorate":
    "team_or_service", "service": "team_or_service", "team": "team_or_service",
    "unit": "team_or_service", "inspectorate": "inspectorate", "agency": "other",
    "authority": "council", "cabinet": "committee", "executive": "committee",
}
SINGLE_BODIES: dict[str, BodyType] = {"ofsted": "inspectorate", "cabinet": "committee"}
_POSTS = {"director", "head", "chair", "chairman", "manager", "officer", "lead", "member",
          "chief", "inspector", "nurse", "coordinator", "consultant", "secretary", "leader",
          "solicitor", "councillor", "cllr", "mr", "mrs", "ms", "dr", "holder", "portfolio"}
_STOP = {"the", "a", "an", "and", "of", "for", "in", "on", "to", "at", "with", "by", "from"}
_CAP = r"[A-Z][\w'’&-]*"
_LINK = r"(?:of|and|for|the|on|in|&)"
_HEADS = "|".join([h.capitalize() for h in HEAD_TYPES] + [h.upper() for h in HEAD_TYPES])
_NAME = re.compile(
    rf"\b({_CAP}(?:[ ]+(?:{_CAP}|{_LINK}))*[ ]+(?:{_HEADS}))\b(?![’']s?\s+[A-Z])"
    r"(?:\s*\(([A-Z][A-Za-z&]{1,8})\))?")
_SINGLE = re.compile(r"\b(Ofsted|OFSTED|Cabinet|HM Government|Her Majesty's Government)\b")
#: 'Department for Education', 'Association of Directors of Adult Social Services (ADASS)'
_HEAD_FIRST = re.compile(
    rf"\b((?:Department|Ministry|Association|Society|Federation|Institute)\s+(?:of|for)"
    rf"\s+(?:the\s+)?{_CAP}(?:\s+(?:{_CAP}|and|&|for|of)(?=\s+[A-Z&]|\s*\(|[ ,.;:)]|$))*)"
    r"(?:\s*\(([A-Z][A-Za-z&]{1,8})\))?")
#: 'the Independent Living service', 'a Joint Commissioning unit': capitals, then a head
_LOWER_HEAD = re.compile(rf"\b((?:{_CAP}\s+){{1,4}}{_CAP}\s+(?:unit|service|team|panel|network))\b")


def body_type(name: str) -> BodyType | None:
    """A body type from a name's last word ('... Trust' → 'trust'), or None."""
    words = name.lower().split()
    if not words:
        return None
    if words[-1] in SINGLE_BODIES:
        return SINGLE_BODIES[words[-1]]
    if "nhs" in words or "primary care trust" in name.lower():
        return "nhs_body" if words[-1] != "trust" or "primary" in words else "trust"
    if name.lower().endswith("quality commission"):
        return "inspectorate"
    return HEAD_TYPES.get(words[-1].rstrip("s")) or HEAD_TYPES.get(words[-1])


_NOT_FIRST = {"arrangements", "inspection", "report", "minutes", "consultations", "review",
              "strategy", "plan", "update", "item", "appendix", "notes", "dear", "agenda"}
_UPPER_OK = {"OF", "AND", "FOR", "THE", "&"}


def _complete(words: list[str]) -> bool:
    last = words[-1].lower() if words else ""
    if last in ("unit", "service", "team", "panel", "network"):
        return True
    last = words[-1]
    return last.lower().rstrip("s") in HEAD_TYPES or last.lower() in HEAD_TYPES or (
        len(last) >= 2 and last.isupper() and last.isalpha())


def _trim(name: str, acronym: str | None = None) -> list[str]:
    """Names in a matched phrase: leading articles and openers dropped, 'A and B Council'
    split only after a complete name, posts and document titles rejected."""
    words = name.split()
    if words and words[-1].isupper() and any(
            w.isupper() and len(w) > 1 and w not in _UPPER_OK and w.lower() in _STOP | {"from",
            "to", "with", "by", "at", "as"} for w in words):
        return []
    while words and (words[0].lower() in _STOP or words[0] in ("It", "This", "That", "These")):
        words = words[1:]
    if acronym:  # keep the words whose initials spell the acronym
        letters = [w for w in words if w.lower() not in _STOP]
        k = len(acronym.rstrip("s"))
        if len(letters) > k and "".join(w[0] for w in letters[-k:]).upper() == \
                acronym.rstrip("s").upper():
            first = letters[-k]
            words = words[len(words) - words[::-1].index(first) - 1:]
    parts: list[list[str]] = [[]]
    for w in words:
        if w.lower() == "and" and _complete(parts[-1]):
            parts.append([])
        else:
            parts[-1].append(w)
    out = []
    for p in parts:
        if "the" in p[1:-1]:  # 'Chair of the Board': the name after the last 'the'
            p = p[len(p) - p[::-1].index("the"):]
        while p and p[0].lower() in _STOP:
            p = p[1:]
        if not p:
            continue
        if len(p) == 1 and p[0].isupper() and len(p[0]) >= 2:
            out.append(p[0])
            continue
        if len(p) < 2 or p[0].lower() in _NOT_FIRST or any(w.lower() in _POSTS for w in p[:-1]):
            continue
        if not _complete(p):
            continue
        out.append(" ".join(p))
    return out


def bodies_in_text(text: str) -> list[tuple[str, str | None]]:
    """(name, acronym defined beside it) for each body name in one line of text; in each
    cell of a TAB row apart, so a name never runs across cells ('R1' + 'The Council ...')."""
    if "\t" in text:
        return [found for cell in text.split("\t") if cell.strip()
                for found in _bodies_in_text(cell)]
    return list(_bodies_in_text(text))


@lru_cache(maxsize=16384)
def _bodies_in_text(text: str) -> tuple[tuple[str, str | None], ...]:
    """:func:`bodies_in_text`, cached: the inspection, prose and resolution finders read the
    same lines of a pack."""
    s = clean(text)
    found: list[tuple[str, str | None]] = []
    for m in _NAME.finditer(s):
        names = _trim(m[1], m[2])
        for k, name in enumerate(names):
            found.append((name, m[2] if k == len(names) - 1 else None))
    for m in _HEAD_FIRST.finditer(s):
        name = re.sub(r"\s+(?:and|of|for|&)$", "", m[1])
        if not any(name in f or f in name for f, _ in found):
            found.append((name, m[2]))
    for m in _LOWER_HEAD.finditer(s):
        names = _trim(m[1])
        for name in names:
            if not any(name in f for f, _ in found):
                found.append((name, None))
    for m in _SINGLE.finditer(s):
        found.append((m[1], None))
    return tuple(found)


def body_mentions(pack: PackText, start: int, end: int, context: str,
                  skip: set[str] | None = None) -> list[BodyMention]:
    """One BodyMention per distinct body name in lines ``start``..``end`` (first place seen).

    ``skip`` holds lower-cased names already reported by the caller.
    """
    seen = set(skip or ())
    out: list[BodyMention] = []
    for n in range(max(1, start), min(end, len(pack)) + 1):
        line = pack.line(n)
        if not line.strip() or is_rights_notice(line):
            continue
        for name, acronym in bodies_in_text(line):
            key = name.lower()
            if key in seen:
                continue
            seen.add(key)
            out.append(BodyMention(name=name, span=Span(n, n, line), type=body_type(name),
                                   acronym=acronym, context=context))
    return out

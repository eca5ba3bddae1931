"""Responsible officers and reporting schedules of action plans, split as written.

'Initially - A Smith / B Jones' is two owners, both 'Initially'; 'C Brown (tbc)' is an owner
with the qualifier 'tbc'; 'TBD' is nobody (the action is unassigned); 'Relevant managers'
is a role, never a person. A reporting schedule names every body that hears of progress
('Quarterly report to: LSCB and Children's Scrutiny Committee' names two); a tentative part
('- Query, Health and Wellbeing Board ?') is not a firm line of accountability, so
it is kept out and reported.
"""

from __future__ import annotations

import re

from ingest.records import Owner
from ingest.refdata import reference
from ingest.textutil import clean, split_names, strip_title

PLACEHOLDERS = {"tbd", "tbc", "tba", "n/a", "na", "-", "--", "?", "none", "unassigned",
                "to be confirmed", "to be determined", "to be agreed", "not applicable", "nil"}
_QUALIFIER = re.compile(r"^(initially|interim|temporarily|acting|jointly|overall|lead)"
                        r"\s*(?:[-–:]\s*|\s+(?=[A-Z]))", re.I)
_TRAILING_Q = re.compile(r"\s*\(\s*(tbc|tbd|tba|interim|acting|lead|to be confirmed)\s*\)\s*$",
                         re.I)
_ROLE_WORDS = {
    "manager", "managers", "head", "heads", "director", "directors", "officer", "officers",
    "lead", "leads", "team", "teams", "service", "services", "group", "board", "council",
    "committee", "chair", "coordinator", "coordinators", "consultant", "consultants",
    "staff", "worker", "workers", "partners", "partnership", "trust", "unit", "nurse",
    "nurses", "practitioners", "commissioner", "commissioners", "all", "relevant",
    "senior", "principal", "support", "business", "commissioning", "safeguarding",
    "children", "health", "social", "care", "quality", "performance", "workforce", "adult",
    "adults", "strategic", "operations", "development", "training", "member", "members",
    "department", "directorate", "agency", "agencies", "providers", "colleagues", "panel",
}
_BODY_END = {"team", "teams", "service", "services", "board", "council", "committee", "trust",
             "unit", "partnership", "group", "panel", "directorate", "department", "agency",
             "police", "constabulary", "authority", "commission", "hospital", "probation",
             "school", "college", "academy", "network", "forum", "alliance", "sub-group",
             "subgroup", "inspectorate", "office", "centre", "practice"}
#: Words of a post's title, never of a personal name ('Chief Executive', 'Designated Nurse')
_POST_ONLY = {"chief", "executive", "inspector", "detective", "sergeant", "superintendent",
              "constable", "secretary", "clerk", "solicitor", "treasurer", "designated",
              "named", "reviewer", "scrutineer", "chairman", "chairperson", "deputy",
              "assistant", "interim", "acting", "nurse", "doctor", "matron", "registrar"}
#: Words that make an owner an organisation wherever they stand ('Police Scotland')
_ORG_ANYWHERE = {"police", "constabulary", "nhs", "council", "ccg", "icb", "cafcass"}
_GENERIC = {"all", "relevant", "each", "various", "appropriate", "key", "other", "designated"}
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z]\.?|[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|(?:Mc|Mac|O['’])[A-Z][a-z]+)$")


def owner_kind(name: str) -> str:
    """'person' for a personal name ('T Baines', 'Amara Okonjo'); otherwise 'role' (generic or
    plural: 'Relevant managers'), 'post' ('Head of Service') or 'body' ('Carers Team')."""
    words = name.split()
    lower = [w.lower().strip(".,") for w in words]
    if not words:
        return "role"
    if (2 <= len(words) <= 4 and all(_NAME_TOKEN.match(w) for w in words)
            and not any(w in _ROLE_WORDS or w in _BODY_END or w in _POST_ONLY for w in lower)
            and len(words[-1]) > 1):
        return "person"
    if len(words) == 1 and re.fullmatch(r"[A-Z][A-Z&]{1,7}", words[0]):
        return "body"
    if re.match(r"^(?:head|director|assistant|deputy|chief|manager|chair|lead)\b", lower[0]) \
            and "of" in lower:
        return "post"
    cut = next((k for k, w in enumerate(lower) if k and w in ("for", "of")), len(lower))
    head = lower[cut - 1]  # 'Designated Nurse for Safeguarding Children': 'nurse'
    statutory = lower[0] in ("designated", "named") and not head.endswith("s")  # a post
    plural_role = head.endswith("s") and head in _ROLE_WORDS and head not in _BODY_END
    if (lower[0] in _GENERIC and not statutory) or plural_role:
        return "role"
    if lower[-1] in _BODY_END or any(w in _ORG_ANYWHERE for w in lower):
        return "body"
    return "post"


_POST_HEAD = re.compile(r"^(?:head|director|assistant|deputy|chief|manager|chair|lead|officer|"
                        r"executive|interim|acting|senior|principal)\b", re.I)


def _continues_post(post: str, piece: str, cell: str) -> bool:
    """Whether ``piece`` is the end of a post's title that ' and ' cut off: 'Head of HR and
    OD', 'Director of Finance and Resources' are one post each, where 'Head of Finance and
    CCG' (an NHS body) and 'Director of Finance and A Smith' are two owners."""
    if owner_kind(post) != "post" or " of " not in f" {post.lower()} " \
            or not re.search(rf"{re.escape(post)}\s+(?:and|&)\s+{re.escape(piece)}", cell):
        return False
    kind = owner_kind(piece)
    if kind in ("person", "role") or _POST_HEAD.match(piece) or len(piece.split()) > 3:
        return False
    if kind == "body" and " " not in piece:  # an acronym: a body if reference data says so
        ref = reference()
        return ref.body(piece) is None and ref.generic(piece) is None
    return kind == "post"


def _post_area(post: str, area: str, cell: str) -> bool:
    """'Assistant Director, Commissioning', 'Head of Service, Early Help': a post, a comma,
    then the area it covers (not a person, a body or another post)."""
    return (owner_kind(post) == "post" and _POST_HEAD.match(post) is not None
            and owner_kind(area) not in ("person", "body", "role")
            and not _POST_HEAD.match(area) and len(area.split()) <= 4
            and re.search(rf"{re.escape(post)}\s*,\s*{re.escape(area)}", cell) is not None)


def _holds(person: str, post: str, cell: str) -> bool:
    """'James Allerton, ICT Manager': a person, a comma, then a post (not a body or role)."""
    return (owner_kind(strip_title(person)[1]) == "person" and owner_kind(post) == "post"
            and re.search(rf"{re.escape(person)}\s*,\s*{re.escape(post)}", cell) is not None)


def _merged(parts: list[str], cell: str) -> list[tuple[str, str | None]]:
    """(part, post) after re-joining a post's title cut at ' and ', and after reading
    'Name, Post' as one person holding that post."""
    def rejoined(post: str, piece: str) -> str:
        joiner = "&" if re.search(rf"{re.escape(post)}\s*&", cell) else "and"
        return f"{post} {joiner} {piece}"

    out: list[tuple[str, str | None]] = []
    for part in parts:
        if out and out[-1][1] is None and _continues_post(out[-1][0], part, cell):
            out[-1] = (rejoined(out[-1][0], part), None)
        elif out and out[-1][1] and _continues_post(out[-1][1], part, cell):
            out[-1] = (out[-1][0], rejoined(out[-1][1], part))
        elif out and out[-1][1] is None and _post_area(out[-1][0], part, cell):
            out[-1] = (f"{out[-1][0]}, {part}", None)  # 'Assistant Director, Commissioning'
        elif out and out[-1][1] is None and _holds(out[-1][0], part, cell):
            out[-1] = (out[-1][0], part)
        else:
            out.append((part, None))
    return out


def split_owners(text: str | None) -> tuple[list[Owner], bool]:
    """(owners, unassigned) for a responsible-officer cell."""
    cell = clean(text)
    if not cell or cell.lower().strip(" .") in PLACEHOLDERS:
        return [], True
    qualifier = None
    m = _QUALIFIER.match(cell)
    if m:
        qualifier, cell = m[1].capitalize(), cell[m.end():]
    owners: list[Owner] = []
    for part, post in _merged(split_names(cell), cell):
        q = qualifier
        tm = _TRAILING_Q.search(part)
        name = part
        if tm:
            q, name = tm[1].lower(), part[:tm.start()]
        name = strip_title(name)[1].strip(" -–")
        if not name or name.lower() in PLACEHOLDERS:
            continue
        as_written = f"{m[0].strip()} {part}".strip() if m and not owners else part
        if post:
            as_written = f"{as_written}, {post}"
        owners.append(Owner(as_written=as_written, name=name, kind=owner_kind(name),  # type: ignore[arg-type]
                            qualifier=q, post=post))
    return owners, not owners


_FREQ = re.compile(r"\b(weekly|fortnightly|monthly|bi-?monthly|quarterly|six[- ]monthly|"
                   r"half[- ]yearly|annual(?:ly)?|yearly)\b", re.I)
_TENTATIVE = re.compile(r"\?|\bquery\b|\btbc\b|\bpossibly\b|\bmaybe\b|\bperhaps\b|"
                        r"\bto be confirmed\b|\bpotentially\b", re.I)
_BODY_WORDS = ("board", "committee", "council", "trust", "group", "panel", "partnership",
               "forum", "cabinet", "executive", "team", "service")


_PLURAL = re.compile(r"^(.+)\s*&\s*(\w+)\s+(.+\b(?:" + "|".join(_BODY_WORDS) + r")s)$", re.I)


def _bodies(part: str) -> list[str]:
    """'LSCB/LSAB and Children & Adults Scrutiny Committees' → four bodies."""
    pieces = [p.strip(" .,;:-–") for p in re.split(r"\s*(?:/|,|;|\band\b)\s*", part)]
    pieces = [p for p in pieces if p]
    merged: list[str] = []
    for p in pieces:  # 'Health' + 'Well Being Board' was one name split on 'and'
        if merged and not _is_name(merged[-1]) and _is_name(p):
            merged[-1] = f"{merged[-1]} and {p}"
        else:
            merged.append(p)
    out: list[str] = []
    for p in merged:
        m = _PLURAL.match(p)
        if m and len(m[2]) > 1:
            tail = m[3][:-1]  # 'Scrutiny Committees' → 'Scrutiny Committee'
            out += [f"{m[1].strip()} {tail}", f"{m[2]} {tail}"]
        else:
            out.append(p)
    return out


def _is_name(piece: str) -> bool:
    acronym = " " not in piece and len(piece) <= 10 and sum(c.isupper() for c in piece) >= 2
    return acronym or piece.split()[-1].lower().rstrip("s") in _BODY_WORDS


def tentative_bodies(part: str) -> list[str]:
    """The bodies a tentative part names ('Query, Health and Wellbeing Board ?')."""
    s = re.sub(r"\b(?:query|possibly|maybe|perhaps|potentially|tbc|to be confirmed)\b|\?", " ",
               part, flags=re.I)
    return [b for b in _bodies(re.sub(r"\s+", " ", s).strip(" ,;:-")) if _is_name(b)]


def parse_schedule(text: str | None) -> tuple[list[str], list[str], str | None]:
    """(firm bodies, tentative parts, frequency) of a reporting schedule as written."""
    s = clean(text)
    if not s:
        return [], [], None
    freq = _FREQ.search(s)
    m = (re.search(r"\b(?:report(?:s|ed|ing)?|progress|updates?)\b[^:]*?\bto\b\s*:?\s*(.*)$",
                   s, re.I)
         or re.search(rf"^\s*{_FREQ.pattern}\s+to\b\s*:?\s*(.*)$", s, re.I)
         or re.search(r"\bto\s*:\s*(.*)$", s, re.I))
    target = m.groups()[-1] if m else s
    firm: list[str] = []
    tentative: list[str] = []
    for part in re.split(r"\s+[-–]\s*|\s*[-–]\s+", target):
        part = part.strip(" .,;:-–")
        if not part:
            continue
        if _TENTATIVE.search(part):
            tentative.append(part)
        else:
            firm += _bodies(part)
    return firm, tentative, freq[1].lower() if freq else None

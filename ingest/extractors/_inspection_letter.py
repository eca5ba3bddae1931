"""What an inspectorate's letter says in place of a report's key block.

Focused visits, monitoring visits and some joint inspections are reported as a letter to the
inspected body's director: a letterhead, the letter's date, the addressee's name, post and
organisation, 'Dear Ms Dunmore', the visit's title, then prose ('This letter summarises the
findings of the focused visit to ... on 13 and 14 September 2022. His Majesty's Inspectors
for this visit were Lisa Grant and Omar Haddad.') and the signature. Each fact is read from
that structure: the date line before 'Dear' is the publication date, the lines between it
and 'Dear' are the address, the first sentence dating the visit gives its dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.names_in_prose import is_body, is_person
from ingest.textutil import find_dates, parse_date, split_names, strip_title

_DEAR = re.compile(r"^dear\s+\S", re.I)
_DATE_ONLY = re.compile(r"^(?:\w+day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+,?\s+\d{4}$")
_VISITED_ON = re.compile(r"\b(?:visit|inspection|review)\b[^.]{0,160}?\bon\s+(\d[^.]{3,60}?\d{4})",
                         re.I)
_INSPECTORS = re.compile(r"(?:his|her)\s+majesty['’]?s\s+inspectors?\s+for\s+this\s+"
                         r"(?:visit|inspection|review)\s+(?:was|were)\s+([^.]+)\.", re.I)
_SIGN_OFF = re.compile(r"^yours\s+(?:sincerely|faithfully)\b", re.I)
_POST_HEAD = re.compile(r"^(?:(?:interim|acting|deputy|assistant|executive|corporate|"
                        r"strategic)\s+)?(?:director|head|chief|manager|leader|chair|"
                        r"commissioner)\b", re.I)
_VISIT_KIND = re.compile(r"\b((?:focused|monitoring|assurance|short|joint targeted area)\s+"
                         r"(?:visit|inspection|review)|local authority assessment)\b", re.I)


def visit_kind(title: str) -> str | None:
    """'Focused visit to Westfold children's services' → 'focused visit'; CQC's 'local
    authority assessment'."""
    m = _VISIT_KIND.search(title)
    return m[1].lower() if m else None
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")


@dataclass
class Letter:
    published: str | None = None
    published_text: str | None = None  # the date line as written
    dates: list[str] = field(default_factory=list)
    inspectors: list[str] = field(default_factory=list)
    #: (line, title, name, post, organisation) of the person the letter is addressed to
    addressee: tuple[int, str | None, str, str | None, str | None] | None = None
    signatory: tuple[int, str] | None = None


def read_letter(lines: list[tuple[int, str]]) -> Letter | None:
    """The letter's facts from its cleaned, numbered lines; None if it has no 'Dear' line."""
    dear = next((k for k, (_, t) in enumerate(lines[:60]) if _DEAR.match(t)), None)
    if dear is None:
        return None
    out = Letter()
    dated = next((k for k in range(dear - 1, -1, -1) if _DATE_ONLY.match(lines[k][1])), None)
    if dated is not None:
        out.published, out.published_text = parse_date(lines[dated][1]), lines[dated][1]
        out.addressee = _addressee(lines[dated + 1:dear])
    body = " ".join(t for _, t in lines[dear + 1:dear + 30])
    m = _VISITED_ON.search(body)
    if m:
        out.dates = _dates(m[1])
    m = _INSPECTORS.search(body)
    if m:
        out.inspectors = [strip_title(n)[1] for n in split_names(m[1]) if is_person(n)]
    sign = next((k for k, (_, t) in enumerate(lines) if _SIGN_OFF.match(t)), None)
    if sign is not None and sign + 1 < len(lines) and is_person(lines[sign + 1][1]):
        out.signatory = (lines[sign + 1][0], strip_title(lines[sign + 1][1])[1])
    return out


def _dates(text: str) -> list[str]:
    """'13 and 14 September 2022' → both days; '5 October 2022' → [d, d]."""
    from ingest.extractors.inspection import date_range

    found = date_range(text)
    if found:
        return found
    days = [d for d, *_ in find_dates(text)]
    return [days[0], days[-1]] if days else []


def _addressee(block: list[tuple[int, str]]) -> tuple[int, str | None, str, str | None,
                                                        str | None] | None:
    """'Ms Rachel Dunmore' / 'Director of Children's Services' / 'Westfold County Council' /
    street, town, postcode: the person, the post under the name, the first organisation."""
    if not block or not is_person(block[0][1]):
        return None
    title, name = strip_title(block[0][1])
    post = org = None
    for _, t in block[1:]:
        if _POSTCODE.search(t) or any(ch.isdigit() for ch in t):
            break
        if post is None and org is None and (_POST_HEAD.match(t) or not is_body(t)):
            post = t  # 'Director of Children's Services' names a post, not a service
        elif org is None and is_body(t):
            org = t
    return block[0][0], title or None, name, post, org

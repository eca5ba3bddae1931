"""The cover block of a committee report: 'Report to:', 'Date of Meeting:', 'Report of:',
'Subject/Title:', the portfolio holder and the contact officer under 'Access to
Information' ('Name:', 'Designation:', 'Email:').

'Report of: Head of Legal Services' names a post, not a person: it becomes ``author_role``
with no author, so the resolver never invents a person called 'Head of Legal Services'.
"""

from __future__ import annotations

import re

from ingest.names_in_prose import is_person
from ingest.records import PersonMention, Report, Segment
from ingest.text import PackText
from ingest.textutil import clean, parse_date, strip_title

_FIELD = re.compile(
    r"^(report\s+to|date\s+of\s+meeting|meeting\s+date|report\s+of|report\s+by|"
    r"subject\s*/\s*title|subject|title|portfolio\s+holder|name|designation|job\s+title|"
    r"post|e-?mail)\s*[:\u2013\u2014-]\s*(\S.*)$", re.I)
POST_WORDS = frozenset({
    "solicitor", "director", "officer", "head", "manager", "chief", "executive", "clerk",
    "secretary", "lead", "holder", "leader", "inspector", "commissioner", "chairman", "chair",
    "treasurer", "monitoring", "deputy", "assistant", "coordinator", "co-ordinator",
    "adviser", "advisor",
})
_SMALL = frozenset({"and", "of", "for", "the", "in", "on", "to", "a", "an", "at", "with"})


def title_case(text: str) -> str:
    """'ADULT SOCIAL CARE SCRUTINY COMMITTEE' -> 'Adult Social Care Scrutiny Committee';
    text that is not all capitals is kept as written."""
    if not text.isupper():
        return text
    words = text.lower().split()
    return " ".join(w if i and w in _SMALL else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


def is_post(text: str) -> bool:
    return any(w.strip(",.()").lower() in POST_WORDS for w in text.split())


def author_and_role(text: str) -> tuple[str | None, str | None]:
    """'Head of Legal Services' -> (None, post); 'Jane Smith, Head of Policy' -> (name, post)."""
    text = clean(text).strip(" .")
    m = re.match(r"^([^,(]+?)\s*(?:,|\(|\u2013|\u2014| - )\s*(.+?)\)?$", text)
    if m and is_person(m.group(1)) and not is_post(m.group(1)):
        return strip_title(m.group(1))[1], m.group(2).strip()
    if is_person(text) and not is_post(text):
        return strip_title(text)[1], None
    return None, text or None


def read_header(pack: PackText, segment: Segment, kind: str) -> tuple[Report | None,
                                                                        list[PersonMention]]:
    """The report record and the people its cover block names (contact, portfolio holder)."""
    fields: dict[str, tuple[int, str]] = {}
    for n in range(segment.start, segment.end + 1):
        m = _FIELD.match(clean(pack.line(n)))
        if m:
            key = re.sub(r"\s+", " ", m.group(1).lower())
            key = {"meeting date": "date of meeting", "report by": "report of",
                   "subject / title": "subject/title", "job title": "designation",
                   "post": "designation", "e-mail": "email"}.get(key, key)
            fields.setdefault(key, (n, m.group(2).strip()))
    people: list[PersonMention] = []
    holder = fields.get("portfolio holder")
    holder_name = None
    if holder and is_person(strip_title(holder[1])[1]):
        title, holder_name = strip_title(holder[1])
        people.append(PersonMention(holder_name, pack.span(holder[0]), title=title,
                                    role="Portfolio Holder", context=f"{kind}.portfolio_holder"))
    contact = fields.get("name")
    post = fields.get("designation")
    email = fields.get("email")
    if contact and is_person(contact[1]):
        end = max(n for n, _ in filter(None, (contact, post, email)))
        people.append(PersonMention(strip_title(contact[1])[1], pack.span(contact[0], end),
                                    role=post[1] if post else None,
                                    email=email[1] if email else None,
                                    context=f"{kind}.contact"))
    if not ({"report to", "report of", "subject/title", "subject", "title"} & fields.keys()):
        return None, people
    title_field = fields.get("subject/title") or fields.get("subject") or fields.get("title")
    author, role = author_and_role(fields["report of"][1]) if "report of" in fields else (
        None, None)
    first = min(n for n, _ in fields.values())
    report = Report(
        title=title_field[1] if title_field else segment.title,
        span=pack.span(first, title_field[0] if title_field else first),
        author=author, author_role=role,
        to_body=title_case(fields["report to"][1]) if "report to" in fields else None,
        meeting_date=parse_date(fields["date of meeting"][1])
        if "date of meeting" in fields else None,
        portfolio_holder=holder_name,
        contact_name=strip_title(contact[1])[1] if contact and is_person(contact[1]) else None,
        contact_post=post[1] if post else None, kind=kind)  # type: ignore[arg-type]
    return report, people

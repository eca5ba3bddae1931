"""Who attended a meeting, as minutes record it: present, chair, apologies, officers.

Minutes write attendance under headings ('PRESENT', 'Apologies', 'In Attendance',
'Officers') or inline ('Present: Councillor A (Chair), Councillors B, C and D'). Members'
lists are split on their separators and titles dropped; the chair and vice-chair are marked
'(Chairman)', '(Chair)', '(Vice-Chairman)' or '(in the Chair)'. Officers come one a line,
'Name<TAB>Post', 'Name, Post' or '| Name | Post |'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.names_in_prose import is_body, post_and_org
from ingest.textutil import (
    clean,
    is_furniture,
    is_separator_row,
    split_names,
    split_row,
    strip_title,
)

SECTIONS = {
    "present": "present", "members present": "present", "councillors present": "present",
    "attendance": "present", "apologies": "apologies", "apologies for absence": "apologies",
    "apologies were received from": "apologies", "in attendance": "in_attendance",
    "also present": "in_attendance", "also in attendance": "in_attendance",
    "officers": "officers", "officers present": "officers", "officers in attendance":
    "officers", "officers attending": "officers",
}
_SECTION = re.compile(
    r"^(" + "|".join(sorted((re.escape(k) for k in SECTIONS), key=len, reverse=True)) +
    r")\s*(?:[:\-–]\s*(.*))?$", re.I)
_APOLOGY_PROSE = re.compile(
    r"^apologies(?:\s+for\s+absence)?\s+(?:were|was)\s+(?:received|submitted|given)\s+"
    r"(?:from|by)\s+(.*)$", re.I)
_CHAIR = re.compile(r"\(\s*((?:independent\s+|interim\s+|acting\s+)?(?:vice[- ]?chair(?:man|"
                    r"person|woman)?|chair(?:man|person|woman)?)|in the chair|deputy chair(?:man)?|"
                    r"mayor)\s*\)|\b(in\s+the\s+chair)\b", re.I)


@dataclass
class Attendance:
    present: list[str] = field(default_factory=list)
    apologies: list[str] = field(default_factory=list)
    in_attendance: list[str] = field(default_factory=list)
    officers: list[str] = field(default_factory=list)
    officer_posts: dict[str, str] = field(default_factory=dict)
    chair: str | None = None
    vice_chair: str | None = None
    chair_label: str = "Chairman"
    vice_label: str = "Vice-Chairman"
    titles: dict[str, str] = field(default_factory=dict)  # name -> title as written
    #: 'Helen Marsh (HM), Independent Chair': initials -> name, as the minutes' actions
    #: name people ('ACTION: HM to write to ...')
    initials: dict[str, str] = field(default_factory=dict)
    #: members listed one a line with their post and organisation: name -> (post, body)
    member_posts: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # name -> line it was read from
    end: int = 0  # last line of the attendance block


def section_of(text: str) -> tuple[str, str] | None:
    """(section, rest of the line) when a line opens an attendance section: the heading
    alone ('PRESENT'), with its list after a colon ('Present: ...'), or the prose form
    'Apologies for absence were received from ...'."""
    c = clean(text)
    m = _APOLOGY_PROSE.match(c)
    if m:
        return "apologies", m[1]
    m = _SECTION.match(c)
    if not m:
        return None
    return SECTIONS[m[1].lower()], (m[2] or "").strip()


def _people(att: Attendance, text: str, line: int, into: list[str]) -> None:
    shared: str | None = None  # 'Councillors A, B and C': the title covers the whole list
    for part in split_names(text):
        role_m = _CHAIR.search(part)
        title, name = strip_title(_CHAIR.sub("", part))
        if re.match(r"^(councillors|cllrs)\b", part.strip(), re.I):
            shared = title
        elif title:
            shared = None
        title = title or shared
        # 'A Brown (Leader)', 'Helen Marsh (HM)': what the brackets add is not the name
        bracketed = _BRACKETED.findall(name)
        name = _BRACKETED.sub("", name).strip()
        if not name or not re.match(r"^[A-Z]", name) or len(name.split()) > 5:
            continue
        for inner in bracketed:
            if re.fullmatch(r"[A-Z]{2,4}", inner) and _initials_of(name, inner):
                att.initials.setdefault(inner, name)
        if role_m:
            label = role_m[1] or role_m[2]
            if label.lower().startswith(("vice", "deputy")):
                att.vice_chair, att.vice_label = name, label.title().replace("Vice-chair",
                                                                             "Vice-Chair")
            else:
                att.chair = name
                att.chair_label = "Chair" if "in the chair" in label.lower() else label.title()
        if name not in into:
            into.append(name)
        if title:
            att.titles.setdefault(name, title)
        att.lines.setdefault(name, line)


_HEADER_WORDS = frozenset({"name", "names", "role", "roles", "post", "title", "job title",
                           "organisation", "organization", "representing", "position",
                           "designation", "agency", "member", "members", "attendee",
                           "attendees", "present"})
_BRACKETED = re.compile(r"\s*\(\s*([^)]*?)\s*\)")


#: A line that carries a list on to the next ('Councillors A, B and' / 'C').
_LIST_GOES_ON = re.compile(r"(?:[,;&/]|\band|\bor)$", re.I)
_PLURAL_TITLE = re.compile(r"^(councillors|cllrs)\b", re.I)


#: Words that make a member's details a post ('Cabinet Member for ...', 'Director of ...').
_POST_TERMS = (r"officer|manager|director|head|clerk|solicitor|executive|adviser|advisor|lead|"
               r"coordinator|assistant|secretary|treasurer|chief")
_MEMBER_POST = re.compile(rf"\b({_POST_TERMS}|member|chair\w*|representative|portfolio holder|"
                          r"professional|nurse|doctor|practitioner|leader|"
                          r"commissioner|governor|advocate|superintendent|inspector|constable)\b",
                          re.I)


def _one_a_line(buffer: list[tuple[int, str]]) -> bool:
    """Whether a section's lines are one member each ('Dr Helen Whitfield (Independent
    Chair)' / 'Mark Ellis, Director of Adult Social Services, Northbrook Borough Council')
    rather than one list wrapped over lines: no line carries the list on, and each opens
    with a person's name (or a 'Councillors A, B and C' list of its own)."""
    if len(buffer) == 1:  # 'Tom Price, Northbrook CCG', not 'A Smith, B Jones and C Brown'
        _, name, details = _entry_name(buffer[0][1])
        more_names = re.search(r"\b(?:councillors|cllrs)\b", details, re.I)
        return bool(name and details and not _PLURAL_TITLE.match(buffer[0][1])
                    and not more_names and any(_post_and_body(details)))
    if any(_LIST_GOES_ON.search(t) for _, t in buffer[:-1]):
        return False
    return all(_PLURAL_TITLE.match(t) or _entry_name(t)[1] for _, t in buffer)


def _entry_name(text: str) -> tuple[str | None, str | None, str]:
    """(title, name, details) of 'Title Name, details' / 'Title Name (details)'; name None
    when the head is not a person's name."""
    head, details = re.match(r"^([^,(]*)(.*)$", text).groups()  # type: ignore[union-attr]
    title, name = strip_title(head.strip())
    words = name.split()
    if not re.match(r"^[A-Z][\w'’.-]*$", words[0] if words else "") or not (
            (1 if title else 2) <= len(words) <= 5) or any(ch.isdigit() for ch in name) \
            or is_body(name):
        return title, None, details
    return title, name, details.strip(" ,")


def _post_and_body(details: str) -> tuple[str | None, str | None]:
    """'Director of Nursing, Northbrook Community Health NHS Trust' -> (post, body);
    'Northbrook Police' -> (None, body); 'Board Business Manager' -> (post, None)."""
    parts = [p.strip() for p in re.split(r",|\(|\)", details) if p.strip()]
    text = ", ".join(p for p in parts if not _CHAIR.search(f"({p})"))
    if not text:
        return None, None
    post, body = post_and_org(text)
    if body is None and is_body(post) and not _MEMBER_POST.search(post):  # 'Northbrook Police'
        return None, post
    if not _MEMBER_POST.search(post):  # 'B Jones and C Brown': more names, not a post
        return None, body
    return post, body


_CHAIR_POST = re.compile(r"^(?:independent\s+|interim\s+|acting\s+)?(?:vice[- ]?)?"
                         r"chair(?:man|person|woman)?$", re.I)
_MINUTE_TAKER = re.compile(r"\(\s*(?:minutes?|minute[- ]taker|notes?|note[- ]taker|clerk)\s*\)",
                           re.I)
_INITIALS = re.compile(r"^\(\s*([A-Z]{2,4})\s*\)")


def _initials_of(name: str, initials: str) -> bool:
    """'HM' for Helen Marsh, 'JMS' for John Michael Smith; 'AR' also for Dr Anita Rao."""
    letters = "".join(w[0] for w in name.split() if w[:1].isupper())
    return initials == letters or (len(initials) >= 2 and initials[0] == letters[:1]
                                   and initials[-1] == letters[-1:])


def _members_one_a_line(att: Attendance, buffer: list[tuple[int, str]],
                        into: list[str]) -> None:
    for n, text in buffer:
        title, name, details = _entry_name(text)
        if name is None or _PLURAL_TITLE.match(text):  # 'Councillors A, B and C' among them
            _people(att, text, n, into)
            continue
        _people(att, f"{title} {name}" if title else name, n, into)
        details = _MINUTE_TAKER.sub("", details).strip(" ,")  # 'Lucy Fenn (minutes)'
        m = _INITIALS.match(details)
        if m and _initials_of(name, m[1]):
            att.initials[m[1]] = name
            details = details[m.end():].strip(" ,")
        chair = _CHAIR.search(details)
        if chair:
            _people(att, f"{name} {chair[0]}", n, [])
        elif _CHAIR_POST.match(details.strip()):  # 'Mr David Oakes<TAB>Chairman'
            _people(att, f"{name} ({details.strip()})", n, [])
        post, body = _post_and_body(details)
        if post or body:
            att.member_posts[name] = (post, body)


def _officer(att: Attendance, raw: str, line: int) -> None:
    cells = split_row(raw)
    if cells:
        cells = [c for c in cells if c]
        name, post = (cells[0], cells[1]) if len(cells) >= 2 else (cells[0], "") if cells else \
            ("", "")
    else:
        c = clean(raw).strip(" .")
        m = re.match(r"^(.+?)\s*\((.+)\)$", c)
        name, post = (m[1], m[2]) if m else ([*c.split(",", 1), ""])[:2]
    title, name = strip_title(name.strip(" -–"))
    if not name or not re.match(r"^[A-Z]", name) or not 2 <= len(name.split()) <= 5:
        return  # a table header ('Name | Post') or a stray word, not an officer
    att.officers.append(name)
    if post.strip(" -–,"):
        att.officer_posts[name] = post.strip(" -–,")
    if title:
        att.titles.setdefault(name, title)
    att.lines.setdefault(name, line)


_TITLE_START = re.compile(r"^(councillors?|cllrs?\.?|mr|mrs|ms|miss|dr|professor|sir|dame|"
                          r"lord|lady|baroness|rev|mayor|alderman)\b", re.I)


def _continues(section: str, raw: str, c: str) -> bool:
    """Whether a paragraph after a blank line still belongs to the attendance list."""
    if _TITLE_START.match(c) or _CHAIR.search(c) or "\t" in raw or c.startswith("|"):
        return True
    return section == "officers" and len(c.split()) <= 12 and not c.endswith(".")


_POST_WORD = re.compile(rf"\b({_POST_TERMS})\b", re.I)


def _officers_inline(att: Attendance, text: str, line: int) -> None:
    """'Officers: A Smith (Head of Law), B Jones (Clerk)', 'Officers: Jane Smith, Head of
    Legal' (one officer and her post) or 'Officers: A Smith, B Jones and C Brown'."""
    pairs = re.findall(r"([^,;()]+?)\s*\(([^)]+)\)", text)
    if pairs:
        for name, post in pairs:
            name = re.sub(r"^\s*(?:and|&)\s+", "", name).strip(" ,;")
            _officer(att, f"{name} ({post})", line)
        return
    first, _, rest = text.partition(",")
    if rest and _POST_WORD.search(rest) and not _POST_WORD.search(first):
        _officer(att, text, line)
        return
    for name in split_names(text):
        _officer(att, name, line)


def apologies_in_minutes(att: Attendance, lines: list[str], first_line: int) -> None:
    """Apologies recorded in a minute of their own ('23 APOLOGIES FOR ABSENCE' / 'Apologies
    for absence were received from Councillors P Quinn and R Shaw.'), when the attendance
    block above the first minute listed none: the first such sentence is the list."""
    if att.apologies:
        return
    for k, raw in enumerate(lines):
        m = _APOLOGY_PROSE.match(clean(raw))
        if m:
            _people(att, m[1], first_line + k, att.apologies)
            return


def read_attendance(lines: list[str], first_line: int,
                    stop: re.Pattern[str] | None = None) -> Attendance:
    """Attendance from ``lines`` (pack lines from ``first_line``), up to a line matching
    ``stop`` if given (callers usually pass the lines before the first minute)."""
    att = Attendance()
    current: str | None = None
    buffer: list[tuple[int, str]] = []
    after_blank = False

    def flush() -> None:
        if current and buffer:
            target = getattr(att, current)
            if _one_a_line(buffer):
                _members_one_a_line(att, buffer, target)
            else:
                _people(att, " ".join(t for _, t in buffer), buffer[0][0], target)
        buffer.clear()

    for k, raw in enumerate(lines):
        n = first_line + k
        c = clean(raw)
        if stop is not None and stop.match(c):
            break
        if is_furniture(raw):  # 'Page 3' between the lines of a list
            continue
        sec = section_of(raw)
        if sec:
            flush()
            current, rest = sec
            after_blank = False
            att.end = n
            if rest:
                if current == "officers":
                    _officers_inline(att, rest, n)
                else:
                    buffer.append((n, rest))
            continue
        if current is None:
            continue
        if not c:
            flush()
            after_blank = True
            continue
        if after_blank and not _continues(current, raw, c):
            current = None  # the list has ended; prose follows
            continue
        after_blank = False
        att.end = n
        if current == "officers":
            _officer(att, raw, n)
            continue
        if is_separator_row(raw):  # '|---|---|' under a markdown row
            continue
        filled = [x for x in split_row(raw) or [] if x]
        if filled and all(x.lower().strip(" :") in _HEADER_WORDS for x in filled):
            continue  # the table's header row ('Name | Role')
        if len(filled) == 2:  # 'Mr David Oakes<TAB>Chairman': a member, the post beside
            buffer.append((n, ", ".join(filled)))
        elif _CHAIR.search(c) and not buffer:
            _people(att, c, n, getattr(att, current))
        else:
            buffer.append((n, c))
    flush()
    return att

"""What minutes decide: minute headings, declarations of interest and RESOLVED clauses.

A minute is a numbered heading ('12 DISABLED FACILITIES GRANT', '23. Declarations of
Interest'); a decision opens with 'RESOLVED' (or 'AGREED') and either states one clause on
the same line or lists lettered clauses a), b) ... below it. Each clause is its own
resolution; a clause that asks someone to act ('recommended to the Director of X that',
'signed by the Chairman', 'that the Y be asked to') names its action owner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.textutil import clean, split_row, strip_bullet, strip_title

MINUTE = re.compile(r"^(?:minute\s+)?((?:[A-Z]{1,6}/)?\d{1,4}(?:/\d{2,4})?)[.:]?\s+(\S.*)$",
                    re.I)
RESOLVED = re.compile(r"^(?:it\s+was\s+)?(resolved|agreed|recommended|decision)\b\s*"
                      r"(?:unanimously\s*)?[:\-–—,]?\s*(.*)$", re.I)
CLAUSE = re.compile(r"^\(?([a-z]|[ivx]{1,4}|\d{1,2})[).]\s+(\S.*)$")
DECLARED = re.compile(
    r"(?P<person>(?:(?:Councillor|Cllr\.?|Mr|Mrs|Ms|Miss|Dr)\s+)?"
    r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s+declared\s+(?:an?\s+|the\s+existence\s+of\s+"
    r"an?\s+)?(?P<kind>[\w\s-]{0,40}?)\s*(?P<what>interest|party\s+whip)\b(?P<rest>[^.]*)")


@dataclass
class MinuteHeading:
    line: int
    number: str
    title: str


_REF_CELL = re.compile(r"^(?:minute\s+)?[\w/.]*\d[\w/.]*$", re.I)


def is_minute_heading(raw: str, previous: str | None, next_blank: bool = False
                      ) -> MinuteHeading | None:
    """A minute heading: number then a short title (capitals or bold, or a short title on a
    line of its own), not a sentence."""
    c = clean(raw)
    # 'BoD/20/031<TAB>Chairman's welcome', '| BoD/20/031 | Chairman's welcome |': a
    # reference and its title in two cells
    cells = split_row(raw) if "\t" in raw or "|" in raw or "<t" in raw else None
    filled = [x for x in cells or [] if x]
    tabbed = len(filled) == 2 and bool(_REF_CELL.match(filled[0]))
    if tabbed:
        c = f"{filled[0]} {filled[1]}"
    m = MINUTE.match(c)
    if not m or (cells is not None and not tabbed) or len(m[2].split()) > 18 \
            or c.endswith((".", ",", ";")):
        return None
    title = m[2].strip()
    letters = [ch for ch in title if ch.isalpha()]
    upper = letters and sum(ch.isupper() for ch in letters) / len(letters) > 0.8
    bold = "**" in raw
    short = title[:1].isupper() and len(title.split()) <= 12
    first = previous is None and m[1] == "1" and short and len(title.split()) <= 8
    if not (upper or bold or (previous is not None and _follows(previous, m[1]))
            or (next_blank and short) or (tabbed and "/" in m[1] and short) or first):
        return None
    return MinuteHeading(0, m[1], title)


#: 'ACTION: LF to circulate the final report to Board members by 1 July 2022.'
ACTION_LINE = re.compile(r"^\**\s*actions?\s*\**\s*[:\-–—]\s*\**\s*(\S.*)$", re.I)
_WHO_TO = re.compile(r"^(?P<who>[A-Z][\w'’&/ ,.()-]{0,80}?)\s+to\s+(?P<what>[a-z].*)$")
_BY = re.compile(r"\b(?:by|before|for|at)\s+(?:the\s+)?(?P<when>(?:end\s+of\s+)?\d{1,2}(?:st|nd|"
                 r"rd|th)?\s+[A-Z][a-z]+(?:\s+\d{4})?|(?:end\s+of\s+)?[A-Z][a-z]+\s+\d{4}|"
                 r"next\s+meeting|[A-Z][a-z]+\s+meeting)\b")


def action_line(text: str) -> tuple[str | None, str, str | None] | None:
    """(who as written, what, by when as written) of an 'ACTION:' line's text; who is None
    when the line names nobody ('ACTION: circulate the report')."""
    body = text.strip().rstrip(".")
    if not body:
        return None
    m = _WHO_TO.match(body)
    who, what = (m["who"].strip(" ,"), m["what"]) if m else (None, body)
    when = _BY.search(what)
    return who, what[:1].upper() + what[1:], (when["when"] if when else None)


_MARKER = re.compile(r"(?:^|(?<=[\s;,:]))\((\d{1,2}|[a-z]|[ivx]{1,4})\)\s+")
_SEQUENCES = ([str(k) for k in range(1, 30)], list("abcdefghijklmnopqrstuvwxyz"),
              ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"])


def inline_clauses(text: str) -> list[tuple[str, str]] | None:
    """'That (1) the report be noted; (2) the Director be asked to ...; and (3) ...' as
    [('1', 'That the report be noted'), ('2', 'That the Director be asked to ...'), ...]:
    clauses numbered inside one paragraph, each with the stem before the first. None
    unless at least two markers follow one another from the first of a sequence."""
    found = list(_MARKER.finditer(text))
    if len(found) < 2 or len(text[:found[0].start()].split()) > 6:
        return None
    labels = [m[1] for m in found]
    seq = next((s for s in _SEQUENCES if labels[0] == s[0]), None)
    if seq is None or labels != seq[:len(labels)]:
        return None
    stem = text[:found[0].start()].strip()
    out = []
    for m, nxt in zip(found, [*found[1:], None], strict=True):
        body = text[m.end():nxt.start() if nxt else len(text)]
        body = re.sub(r"(?:[;,]\s*(?:and|or)?|\s+and)\s*$", "", body.strip()).strip()
        out.append((m[1], f"{stem} {body}".strip()))
    return out


def _follows(previous: str, number: str) -> bool:
    try:
        return int(re.sub(r"\D", "", number.split("/")[-1] if "/" in number else number)) == \
            int(re.sub(r"\D", "", previous.split("/")[-1] if "/" in previous else previous)) + 1
    except ValueError:
        return False


#: Verbs by which a clause has its subject act ('That the Committee review ...', 'the
#: Director provide an update ...'); receiving or noting a report is not acting.
_ACTS = re.compile(
    r"^(?:(?i:that)\s+)?(?:(?i:the)\s+)?(?!(?i:that|the)\b)([A-Z][\w'’,&() -]*?)\s+"
    r"(?:to\s+)?(?:continue|review|consider|provide|report|write|bring|submit|circulate|"
    r"arrange|prepare|present|investigate|"
    r"liaise|ensure|respond|update|produce|undertake|share|send|seek|explore|monitor|"
    r"establish|develop|examine|commission|organise|hold|visit|invite|contact|pursue|"
    r"work|meet|draft|publish|implement|set\s+up)\b"
    r"(?!\s+(?:be|is|are|was|were|and|of)\b)")  # 'the Director's report be noted': a noun
_AGREED_THAT = re.compile(
    r"\b(?:agreed|asked|requested|resolved|decided)\s+that\s+(?:the\s+)?([A-Z][\w'’&() -]*?)"
    r"\s+(?:would|will|should|shall|to)\s+" + _ACTS.pattern.split(r"(?:to\s+)?", 1)[1])
#: A subject that is the meeting's own body by its generic name ('the Committee').
_OWN_BODY = re.compile(r"^(?:committee|sub-committee|board|panel|group|forum|partnership)$",
                       re.I)


def action_owner(text: str, chair: str | None, body: str | None = None) -> str | None:
    """Whoever a clause asks to act, as written ('the Committee' is the meeting's ``body``)."""
    m = re.search(r"\brecommend(?:s|ed)?\s+to\s+(?:the\s+)?(.+?)\s+that\b", text, re.I)
    if m:
        return m[1].strip(" ,")
    # a clause of 'That Cabinet:' asking someone by name: '(b) asks the Director of X to
    # report ...', '(c) delegates authority to the Director of Finance to agree ...'
    m = _ASKS.match(text.strip())
    if m and _subject(m[1]):
        return m[1].strip(" ,")
    m = re.search(r"\bsigned\s+by\s+the\s+(chair(?:man|person|woman)?|mayor)\b", text, re.I)
    if m:
        return chair or m[1].title()
    m = re.search(r"^(?i:that)\s+(?:the\s+)?([A-Z][\w'’,&() -]*?)\s+(?:be|is|are)\s+"
                  r"(?:asked|requested|invited|instructed|authorised|delegated)\s+to\b", text)
    if m:
        return m[1].strip(" ,")
    m = re.search(r"\breferred\s+to\s+(?:the\s+)?([A-Z][\w'’&() -]+?)"
                  r"(?:\s+(?:for|with|so|to|in\s+order)\b|[.,;:]|$)", text)
    if m:
        return m[1].strip()
    m = _ACTS.match(text.strip())
    if not (m and _subject(m[1])):
        # 'The Board approved the plan and agreed that the Quality Committee would monitor'
        m = _AGREED_THAT.search(text)
    if m and _subject(m[1]) and not m[1].lower().startswith(("it ", "there ")):
        subject = m[1].strip(" ,")
        own = body and _OWN_BODY.match(subject) and subject.lower() in body.lower().split()
        return body if own else subject
    return None


_ASKS = re.compile(r"^(?:(?:asks|requests|instructs|directs|invites|authorises|authorizes)\s+"
                   r"|delegates\s+(?:authority|responsibility|powers?)\s+to\s+)(?:the\s+)?"
                   r"([A-Z][\w'’&() -]*?)\s+to\s+[a-z]")
_CONNECTORS = frozenset({"of", "and", "for", "the", "in", "on", "with", "&", "to"})


def _subject(text: str) -> bool:
    """A name or post ('the Director of Public Health', 'Quality Committee'), not a run of
    the sentence ('Board approved the plan and agreed that the Quality Committee would')."""
    return all(w[:1].isupper() or w.lower() in _CONNECTORS or not w[:1].isalpha()
               for w in text.split())


def interest_type(kind: str, what: str) -> str | None:
    k = f"{kind} {what}".lower()
    if "whip" in k:
        return "party whip"
    for t in ("pecuniary", "prejudicial", "personal"):
        if t in k and not (t == "pecuniary" and "non-pecuniary" in k):
            return t
    return "other" if "interest" in k else None


def declaration_reason(rest: str) -> str | None:
    m = re.search(r"\b(?:on\s+the\s+grounds?\s+that|in\s+that|as|because|by\s+virtue\s+of)\s+"
                  r"(.+)$", rest.strip(), re.I)
    return m[1].strip(" .") if m else None


def declarations_in(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    """(name, title, interest type, reason) for each 'X declared a ... interest ...'."""
    out = []
    for m in DECLARED.finditer(text):
        title, name = strip_title(m["person"])
        words = name.split()
        while words and words[0] in ("The", "In", "At", "Also"):
            words = words[1:]
        if not words:
            continue
        out.append((" ".join(words), title, interest_type(m["kind"], m["what"]),
                    declaration_reason(m["rest"])))
    return out


def clause_text(raw: str) -> tuple[str | None, str] | None:
    """(letter, text) of a lettered clause line ('- a) That ...'), else None."""
    m = CLAUSE.match(strip_bullet(clean(raw)))
    return (m[1], m[2].strip()) if m else None

"""Start-of-document rules for the segmenter: how each kind of document announces itself.

Each rule looks at one line (and a few around it) and says whether a document of its kind
starts there, where (a council-name line or a title just above may belong to it), and what
its title is. The rules read layout and generic wording only: header blocks ('REPORT TO:',
'Inspection dates:'), title lines ('... Agenda', 'Minutes of a meeting of ...', '... Action
Plan'), table headers (recommendation + timescale + responsible officer) and headings
('Acronyms', 'APPENDIX 2'). ``SUPPRESSED_IN`` says which rules stay silent inside which
documents (a strategy keeps its own appendices; an agenda item titled 'Forward Plan' is not
a forward plan), unless a page break was just seen.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ingest import textutil

# Rules look at the same lines many times: cache the pure per-line helpers.
clean = lru_cache(maxsize=16384)(textutil.clean)
is_blank = lru_cache(maxsize=16384)(textutil.is_blank)
is_furniture = lru_cache(maxsize=16384)(textutil.is_furniture)
split_row = lru_cache(maxsize=16384)(textutil.split_row)


@dataclass
class Start:
    """A document start found by a rule: first line, kind, title, and where scanning resumes."""

    index: int  # 0-based index of the segment's first line
    kind: str
    title: str
    resume: int  # 0-based index of the first line after the header block


Rule = Callable[[list[str], int], Start | None]

_NUMBERED = re.compile(r"^\(?\d+(?:\.\d+)*[.)]?\s+\S")
# The rules ask these of nearly every line of a pack: compiled once, not looked up in
# ``re``'s cache at every call.
_BULLET = re.compile(r"^[-–•■*▪●]\s")
_ITEM_LINE = re.compile(r"^(agenda item|item)\s+\d+\w?$", re.I)
_AGENDA_END = re.compile(r"\bagenda$", re.I)
_COVER_LINE = re.compile(r"^(?:public document pack|agenda pack|supplementary (?:agenda|pack))$",
                         re.I)
_MEETING_FIELD = re.compile(r"^\s*(date|time|venue|place|location)\s*:", re.I)
_NUMBERED_ITEM = re.compile(r"^\d{1,2}\.?\s+\S")
_STACKED_MINUTES = re.compile(r"^(draft\s+|unconfirmed\s+)?(?:minutes|(?:record|schedule|summary)"
                              r"\s+of\s+(?:the\s+)?decisions?):?$", re.I)
_STRATEGY = re.compile(r"\bstrategy\b", re.I)
_PLAN = re.compile(r"\b(implementation|delivery|action)\s+plan\b", re.I)
_CONTENTS = re.compile(r"^(contents|table of contents)$", re.I)
_YEARS = re.compile(r"\b(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)?\d{2}\b")
_CONSULTATION = re.compile(r"^(consultation\s+(document|paper)|consultation\s+on\b.*)$|"
                           r"\bconsultation\s+(document|paper)$", re.I)
_ACRONYM_ROW = re.compile(r"^[A-Z&/]{2,8}\s*[-–:=]\s+\w")
_APPENDIX = re.compile(r"^appendix\s+(\d+|[A-Z]|[IVX]+)\b", re.I)
_COUNCIL = re.compile(r"\b(COUNCIL|BOROUGH|COUNTY|CITY|DISTRICT|AUTHORITY|TRUST|BOARD|"
                      r"COMMITTEE|SUB-COMMITTEE|PANEL|CABINET)\b")


@lru_cache(maxsize=16384)
def title_like(raw: str, max_words: int = 16) -> bool:
    """A standalone heading: short, no TAB cells, not a list item, not a sentence."""
    c = clean(raw)
    if not c or "\t" in raw or len(c.split()) > max_words:
        return False
    if _NUMBERED.match(c) or _BULLET.match(c) or c[0].islower():
        return False
    return not c.endswith((".", ",", ";")) and not is_furniture(raw)


def prev_content(lines: list[str], i: int, within: int = 3) -> int | None:
    """Index of the nearest non-blank line above ``i`` (at most ``within`` lines up)."""
    for j in range(i - 1, max(-1, i - within - 1), -1):
        if not is_blank(lines[j]):
            return j
    return None


def with_preamble(lines: list[str], i: int) -> int:
    """Move a start up over a council-name line or 'Agenda Item 6' just above it."""
    j = prev_content(lines, i)
    while j is not None:
        c = clean(lines[j])
        council = c.isupper() and len(c.split()) <= 8 and bool(_COUNCIL.search(c))
        if not (council or _ITEM_LINE.match(c)):
            break
        i, j = j, prev_content(lines, j)
    return i


def with_title_above(lines: list[str], i: int) -> tuple[int, str | None]:
    """A title line just above a header block or a subtitle, if there is one."""
    j = prev_content(lines, i, within=3)
    if j is not None and title_like(lines[j]):
        return with_preamble(lines, j), clean(lines[j])
    return i, None


def window(lines: list[str], i: int, n: int) -> list[str]:
    return lines[i:min(len(lines), i + n)]


# --- title-line rules ------------------------------------------------------------------


def agenda(lines: list[str], i: int) -> Start | None:
    c = clean(lines[i])
    if not (title_like(lines[i]) and _AGENDA_END.search(c)):
        return None
    after = window(lines, i + 1, 15)
    if not any(_MEETING_FIELD.match(clean(a)) or _NUMBERED_ITEM.match(clean(a)) for a in after):
        return None
    start, title = i, c
    if c.lower() == "agenda":
        j = prev_content(lines, i, within=2)
        if j is not None and (LABELLED.match(clean(lines[j])) or "," in clean(lines[j])
                              or textutil.parse_date(lines[j])):
            j = _body_line_above(lines, j)  # ModernGov: body, date, venue, membership, 'AGENDA'
        below = next((k for k in range(i + 1, min(len(lines), i + 4)) if not is_blank(lines[k])),
                     None)
        if j is not None and title_like(lines[j]):
            start, title = j, f"{clean(lines[j])} Agenda"
        elif below is not None and title_like(lines[below], 10) and ":" not in lines[below] \
                and not _NUMBERED_ITEM.match(clean(lines[below])):
            title = f"{clean(lines[below])} Agenda"  # ModernGov: 'Agenda' over 'Cabinet'
    return Start(with_preamble(lines, start), "agenda", title, i + 1)


#: A labelled field line ('Membership: ...', 'Venue: ...'), not a title.
LABELLED = re.compile(r"^[A-Za-z][A-Za-z ]{1,24}:\s")
BODY_HEAD = re.compile(r"\b(?:committee|sub-committee|board|cabinet|council|panel|partnership|"
                        r"forum|group|commission|executive|assembly|authority)$", re.I)


def _body_line_above(lines: list[str], i: int, within: int = 10) -> int | None:
    """The nearest line above ``i`` that names a body ('Audit and Governance Committee'),
    over the date, venue and membership lines a cover puts between it and 'AGENDA'."""
    for j in range(i - 1, max(-1, i - within - 1), -1):
        c = clean(lines[j])
        if _COVER_LINE.match(c):
            return None
        if c and title_like(lines[j], 10) and BODY_HEAD.search(c) and "," not in c \
                and not LABELLED.match(c) and not textutil.parse_date(c):
            return j
    return None


MINUTES_TITLES = [
    re.compile(r"^(?:draft\s+|unconfirmed\s+|confirmed\s+)?minutes\s+of\s+(?:an?\s+|the\s+)?"
               r"(?:[\w-]+\s+){0,3}meeting\s+of\b", re.I),
    re.compile(r"^(?i:minutes\s+of\s+the)\s+(?!(?i:meeting|previous|last)\b)[A-Z][\w&,'’ -]+"
               r"\s+(?i:held|meeting)\s+(?i:on|at)\b"),
    # 'Minutes of a (the) meeting held on ...' under a line naming the body; a sentence
    # ('Minutes of the meeting held on 3 May were agreed.') ends with a full stop
    re.compile(r"^(?:draft\s+|unconfirmed\s+)?minutes\s+of\s+(?:an?|the)\s+meeting\s+held\s+"
               r"(?:on|at)\b[^.]*(?:\.\s*[^.\s][^.]*)*$", re.I),
]


#: 'MINUTES OF THE BOARD OF DIRECTORS MEETING HELD IN PUBLIC' over 'Present:': a title
#: the patterns above do not know, confirmed by the attendance list under it
_MINUTES_OF = re.compile(r"^(?:draft\s+|unconfirmed\s+|confirmed\s+)?(?:minutes|"
                         r"(?:record|schedule|summary)\s+of\s+(?:the\s+)?decisions?)\s+of\s+"
                         r"(?:an?|the)\s", re.I)
_ATTENDANCE = re.compile(r"^(present|members present|attendance|in attendance|"
                         r"councillors present)\b", re.I)


def minutes(lines: list[str], i: int) -> Start | None:
    c = clean(lines[i])
    if "\t" in lines[i]:
        return None
    stacked = (_STACKED_MINUTES.match(c) or (_MINUTES_OF.match(c) and title_like(lines[i], 20))) \
        and any(_ATTENDANCE.match(clean(a)) for a in window(lines, i + 1, 12))
    if not stacked and not any(p.match(c) for p in MINUTES_TITLES):
        return None
    return Start(with_preamble(lines, i), "minutes", c, i + 1)


def _keyed_block(lines: list[str], i: int, keys: re.Pattern[str], strong: set[str],
                 need_strong: int, need_all: int, span: int = 12) -> tuple[dict[str, str], int]:
    """Keys found in a header block starting at ``i``: {key: value} and the block's end."""
    found: dict[str, str] = {}
    end = i
    for j in range(i, min(len(lines), i + span)):
        m = keys.match(clean(lines[j]))
        if m:
            found.setdefault(re.sub(r"\s+", " ", m[1].lower()), m[2].strip())
            end = j
    n_strong = sum(1 for k in found if k in strong)
    if n_strong < need_strong or len(found) < need_all:
        return {}, i
    return found, end + 1


_REPORT_KEYS = re.compile(
    r"^(report to|report of|report by|report from|report author|date of meeting|meeting date|"
    r"subject\s*/\s*title|subject|title of report|report title|title|portfolio holder|"
    r"lead member|cabinet member|key decision|wards? affected|date)"
    r"\s*(?::|\t|$|(?<=of|by)\s+(?=the\s))\s*(.*)$", re.I)
_REPORT_STRONG = {"report to", "report of", "report by", "report from", "report author",
                  "date of meeting", "subject/title", "subject / title", "subject",
                  "title of report", "report title", "portfolio holder", "meeting date"}


def officer_report(lines: list[str], i: int) -> Start | None:
    m = _REPORT_KEYS.match(clean(lines[i]))
    if not m or m[1].lower().strip() not in _REPORT_STRONG:
        return None
    found, end = _keyed_block(lines, i, _REPORT_KEYS, _REPORT_STRONG, 2, 2)
    if not found and m[1].lower().strip() in _AUTHOR_KEYS:
        return _dated_cover(lines, i)
    if not found:
        return None
    title = next((found[k] for k in ("subject/title", "subject / title", "title of report",
                                     "report title", "subject", "title") if found.get(k)), "")
    title = title or f"Report to {found.get('report to', '')}".strip()
    kind = "work_programme" if re.search(r"\bwork\s*programme\b", title, re.I) else \
        "officer_report"
    start = with_preamble(lines, i)
    if start == i:
        above, t = with_title_above(lines, i)
        if t and re.search(r"\breport\b", t, re.I):
            start = above
    return Start(start, kind, clean(title), end)


_AUTHOR_KEYS = {"report of", "report by", "report from", "report author"}


def _dated_cover(lines: list[str], i: int) -> Start | None:
    """'Children and Young People Scrutiny Committee' / '12 January 2023' / 'Scrutiny
    Recommendations Tracker' / 'Report of: Scrutiny Officer': a cover whose only key is
    its author, with the committee it goes to and the meeting's date above the title."""
    above = [j for j in range(i - 1, max(-1, i - 8), -1) if not is_blank(lines[j])][:4]
    texts = {j: clean(lines[j]) for j in above}
    dated = [j for j, t in texts.items() if len(t.split()) <= 8 and textutil.parse_date(t)]
    body = [j for j, t in texts.items() if BODY_HEAD.search(t) and title_like(lines[j], 10)]
    titles = [j for j in above if j not in dated and j not in body and title_like(lines[j], 14)]
    if not (dated and body and titles):
        return None
    start = min(above)
    return Start(with_preamble(lines, start), "officer_report", texts[titles[0]], i + 1)


_INSPECTION_KEYS = re.compile(
    r"^(inspection dates?|dates? of inspection|reporting inspector|lead inspector|age group|"
    r"published|publication date|date published|date of publication|unique reference number|"
    r"urn|inspection number|type of inspection|dates? of (?:review|visit)|(?:review|visit) "
    r"dates?|dates? of (?:the )?inspection visits?|inspection visit dates?|"
    # CQC's assessments of local authorities (Care Act duties)
    r"assessment published|assessment dates?|dates? of (?:the )?assessment|overall rating)"
    r"\s*(?::|\t)\s*(.*)$", re.I)
_INSPECTION_STRONG = {"inspection dates", "inspection date", "dates of inspection",
                      "date of inspection", "reporting inspector", "lead inspector",
                      "dates of review", "date of review", "review dates", "dates of visit",
                      "date of visit", "visit dates", "visit date", "date of inspection visit",
                      "dates of inspection visit", "date of the inspection visit",
                      "inspection visit dates", "inspection visit date",
                      "assessment published", "assessment date", "assessment dates",
                      "date of assessment", "dates of assessment", "date of the assessment"}


def inspection_report(lines: list[str], i: int) -> Start | None:
    m = _INSPECTION_KEYS.match(clean(lines[i]))
    if not m:
        return None
    found, end = _keyed_block(lines, i, _INSPECTION_KEYS, _INSPECTION_STRONG, 1, 2)
    if not found:
        return None
    start, title = _inspection_title(lines, i)
    return Start(start, "inspection_report", title or clean(lines[i]), end)


_INSPECTORATE = (r"(?:ofsted|cqc|care quality commission|hmi\w*|(?:her majesty's|hm) "
                 r"inspectorate[\w ]*)")
#: A line that only names the inspectorate(s), between a report's title and its key block.
_INSPECTORATE_LINE = re.compile(
    rf"^{_INSPECTORATE}(?:\s+(?:and|&)\s+(?:the\s+)?{_INSPECTORATE})*$", re.I)
#: Inspection reports' own titles run long ('Inspection of services for children in need
#: of help and protection, children looked after and care leavers').
_LONG_TITLE = 30


def _inspection_title(lines: list[str], i: int) -> tuple[int, str | None]:
    """The title above an inspection report's key block: past a line that only names the
    inspectorate ('Ofsted and the Care Quality Commission'), and with the inspected
    council's name on the line above it ('Northvale Metropolitan Borough Council')."""
    j = prev_content(lines, i, within=3)
    if j is not None and _INSPECTORATE_LINE.match(clean(lines[j])):
        k = prev_content(lines, j, within=3)
        if k is None or not title_like(lines[k], _LONG_TITLE):
            return with_preamble(lines, j), clean(lines[j])
        j = k
    if j is None or not title_like(lines[j], _LONG_TITLE):
        return i, None
    start, title = j, clean(lines[j])
    k = prev_content(lines, j, within=2)
    if k is not None and title_like(lines[k], 8):
        if _GENERIC_TITLE.match(title):  # 'X NHS Trust' / 'X Hospital' over 'Inspection report'
            start, title = k, f"{clean(lines[k])} {title}"
        elif _BODY_LINE.search(clean(lines[k])):
            start = k
    return with_preamble(lines, start), title


#: The inspected body's name on the line above a report's title, in any case.
_BODY_LINE = re.compile(_COUNCIL.pattern, re.I)
#: The words of a report's title that names no one ('Inspection report', 'Quality report').
GENERIC_REPORT = r"(?:(?:inspection|quality|focused|review)\s+)?report"
_GENERIC_TITLE = re.compile(rf"^{GENERIC_REPORT}$", re.I)
_ONE_LINE_INSPECTION = re.compile(
    rf"^(?:{_INSPECTORATE}\s*[:\-–]\s*.*\binspection\b|.*\binspection\s+of\b.*\(\s*published\s"
    r".*\d{4}\s*\)$)", re.I)


def inspection_title(lines: list[str], i: int) -> Start | None:
    """A one-line header: 'Ofsted: Inspection of ..., Riverton (published 1 June 2011)'."""
    c = clean(lines[i])
    if "\t" in lines[i] or len(c.split()) > 25 or not _ONE_LINE_INSPECTION.match(c):
        return None
    if not re.search(r"\bpublished\b|\b(19|20)\d{2}\b", c, re.I):
        return None
    return Start(i, "inspection_report", c, i + 1)


_DEAR = re.compile(r"^dear\s+(?:mr|mrs|ms|miss|mx|dr|professor|prof|sir|madam|[A-Z][a-z]+)\b",
                   re.I)
_VISIT_TITLE = re.compile(r"\b(?:focused|monitoring|assurance|short|joint targeted area)\s+"
                          r"(?:visit|inspection|review)\b|\binspection of\b|\bvisit to\b", re.I)
_LETTERHEAD = 30


def inspection_letter(lines: list[str], i: int) -> Start | None:
    """An inspectorate's letter ('Ofsted' letterhead ... 'Dear Ms Dunmore' / 'Focused visit
    to Westfold children's services'): focused and monitoring visits are reported so, with
    no key block of dates. Starts at the letterhead's inspectorate line."""
    if not _DEAR.match(clean(lines[i])):
        return None
    k = next((k for k in range(i + 1, min(len(lines), i + 4)) if not is_blank(lines[k])), None)
    if k is None or not (title_like(lines[k], 20) and _VISIT_TITLE.search(clean(lines[k]))):
        return None
    head = next((j for j in range(i - 1, max(-1, i - _LETTERHEAD), -1)
                 if _INSPECTORATE_LINE.match(clean(lines[j]))), None)
    if head is None:
        return None
    return Start(head, "inspection_report", clean(lines[k]), k + 1)


def _titled(kind: str, pattern: str, extra: Callable[[str], bool] | None = None) -> Rule:
    """A rule for a document announced by a title line matching ``pattern``."""
    rx = re.compile(pattern, re.I)

    def rule(lines: list[str], i: int) -> Start | None:
        c = clean(lines[i])
        if not (title_like(lines[i]) and rx.search(c)) or (extra and not extra(c)):
            return None
        return Start(with_preamble(lines, i), kind, c, i + 1)

    rule.__name__ = kind
    return rule


action_plan_title = _titled("action_plan", r"\b(action|improvement)\s+plan\b")
implementation_title = _titled("implementation_plan",
                               r"\b(implementation|delivery|business)\s+plan\b")
forward_plan = _titled(
    "forward_plan", r"^(?:draft\s+)?(?:forward\s+plan|notice\s+of\s+key\s+decisions?|"
    r"key\s+decisions?\s+(?:forward\s+)?plan)|\bFORWARD PLAN\b")
work_programme_title = _titled("work_programme", r"\bwork\s*programme\b",
                               lambda c: not re.search(r"\bupdate\b", c, re.I))


def strategy(lines: list[str], i: int) -> Start | None:
    c = clean(lines[i])
    if not (title_like(lines[i]) and _STRATEGY.search(c)):
        return None
    if _PLAN.search(c):
        return None
    has_contents = any(_CONTENTS.match(clean(a)) for a in window(lines, i + 1, 25))
    years = _YEARS.search(c)
    if not (has_contents or (c.isupper() and len(c.split()) >= 2) or years
            or lines[i].strip().startswith("**")):
        return None
    return Start(with_preamble(lines, i), "strategy", c, i + 1)


def consultation(lines: list[str], i: int) -> Start | None:
    c = clean(lines[i])
    if not title_like(lines[i]) or not _CONSULTATION.search(c):
        return None
    start, title = with_title_above(lines, i)
    return Start(start, "consultation", f"{title} - {c}" if title else c, i + 1)


_ACRONYM_WORDS = ("acronyms", "glossary", "abbreviations", "glossary of terms",
                  "list of acronyms", "list of abbreviations", "acronyms and abbreviations",
                  "glossary of acronyms", "abbreviations used")


@lru_cache(maxsize=16384)
def _acronym_heading(c: str) -> bool:
    """Whether a short lower-cased line reads as 'Acronyms', 'Glossary' ... (typos allowed).

    The segmenter asks this of nearly every short line of a pack, so the cheap upper bounds
    of ``SequenceMatcher.ratio`` (lengths, then letter counts) rule out most words before
    the full match runs; the answer is the same as ``max(ratio) >= 0.8``.
    """
    for w in _ACRONYM_WORDS:
        if 2.0 * min(len(c), len(w)) / (len(c) + len(w)) < 0.8:  # real_quick_ratio, unbuilt
            continue
        sm = difflib.SequenceMatcher(None, c, w)
        if sm.quick_ratio() >= 0.8 and sm.ratio() >= 0.8:
            return True
    return False


def acronym_table(lines: list[str], i: int) -> Start | None:
    c = clean(lines[i]).strip(" :").lower()
    if not c or len(c) > 40 or "\t" in lines[i]:
        return None
    if not _acronym_heading(c):
        return None
    rows = [a for a in window(lines, i + 1, 6) if not is_blank(a)]
    if not any(split_row(a) or _ACRONYM_ROW.match(clean(a)) for a in rows):
        return None
    return Start(i, "acronym_table", clean(lines[i]), i + 1)


def appendix(lines: list[str], i: int) -> Start | None:
    c = clean(lines[i])
    if "\t" in lines[i] or len(c.split()) > 14 or not _APPENDIX.match(c):
        return None
    title = c
    j = i + 1
    while j < len(lines) and is_blank(lines[j]):
        j += 1
    if c.endswith(":") and j < len(lines) and title_like(lines[j]):
        title = f"{c} {clean(lines[j])}"
    return Start(i, "appendix", title, i + 1)


# --- table-header rules ----------------------------------------------------------------


def _header(lines: list[str], i: int) -> str | None:
    cells = split_row(lines[i])
    return " | ".join(cells).lower() if cells and len(cells) >= 3 else None


_PLAN_WHAT = re.compile(r"recommendation|area(s)? for improvement|requirement|must do|should do")


def action_plan_table(lines: list[str], i: int) -> Start | None:
    h = _header(lines, i)
    if not h:
        return None
    if not _PLAN_WHAT.search(h):
        h = h.replace(" ", "")  # 'Recommend ation': a word a narrow PDF column cut
        if not _PLAN_WHAT.search(h):
            return None
    if not re.search(r"timescale|resp(\.|onsib)|lead ?officer|\brag\b|progress", h):
        return None
    start, title = with_title_above(lines, i)
    return Start(start, "action_plan", title or "Action plan", i + 1)


def implementation_table(lines: list[str], i: int) -> Start | None:
    h = _header(lines, i)
    if not h or re.search(r"recommendation|area(s)? for improvement|\brag\b", h):
        return None
    if not (re.search(r"\baction|\boutcome|\bobjective", h) and re.search(r"responsib|\blead", h)
            and re.search(r"timescale|deadline|by when|target date|milestone", h)):
        return None
    j = prev_content(lines, i, within=3)
    if j is not None and re.match(r"^(outcome|objective|priority|theme)\s+\d+\b", clean(lines[j]),
                                  re.I):
        return Start(j, "implementation_plan", clean(lines[j]), i + 1)  # 'Outcome 1. ...'
    start, title = with_title_above(lines, i)
    return Start(start, "implementation_plan", title or "Implementation plan", i + 1)


#: Rules in order of precedence: header blocks first, then titles, then tables.
RULES: list[Rule] = [
    officer_report, inspection_report, inspection_title, inspection_letter, minutes, agenda,
    forward_plan,
    acronym_table,
    implementation_title, action_plan_title, action_plan_table, implementation_table,
    consultation, strategy, work_programme_title, appendix,
]

_NARRATIVE = {"agenda", "minutes", "officer_report"}
#: rule name -> kinds of the current document inside which the rule stays silent
SUPPRESSED_IN: dict[str, set[str]] = {
    "agenda": {"agenda"},
    "inspection_title": {"inspection_report"},
    "inspection_letter": {"inspection_report"},
    "minutes": {"minutes"},
    "forward_plan": {"forward_plan", "agenda", "minutes", "work_programme"},
    "acronym_table": {"acronym_table", "strategy"},
    "implementation_plan": {"implementation_plan"} | _NARRATIVE,
    "action_plan": {"action_plan"} | _NARRATIVE | {"strategy", "implementation_plan"},
    "action_plan_table": {"action_plan", "inspection_report"} | _NARRATIVE,
    "implementation_table": {"implementation_plan", "action_plan", "work_programme",
                             "forward_plan"} | _NARRATIVE,
    "consultation": {"consultation"} | _NARRATIVE,
    "strategy": {"strategy", "implementation_plan", "consultation"} | _NARRATIVE,
    "work_programme": {"work_programme", "strategy"} | _NARRATIVE,
    "appendix": {"strategy", "consultation"},
}
#: rules still silent after a page break (a strategy keeps its appendices across pages)
SUPPRESSED_AFTER_BREAK: dict[str, set[str]] = {"appendix": {"strategy"}}

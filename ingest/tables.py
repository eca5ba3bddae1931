"""Action-plan tables: which column is which, and ragged rows put back in their columns.

Plans are converted from PDF, so one table mixes encodings (TAB rows, ``<p>`` cells,
markdown pipes) and rows lose their empty cells: a row of an eight-column plan may arrive
with six. The header names the columns; a short row is aligned by dropping the columns a
converter most often loses (empty RAG columns), or else by keeping its last cell in the
last column (the reporting schedule), never by guessing from the row's content alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.textutil import clean, split_row

ROLES = ("ref", "recommendation", "timescale", "key_actions", "owner", "evidence", "rag",
         "reporting")
_PATTERNS = [
    # the row's own number or reference ('No.', 'Ref', 'Rec no.'): the recommendation's id
    ("ref", r"^(?:no\.?|ref\.?|reference|number|#|id|(?:rec(?:ommendation)?|action|item)\.?\s*"
            r"(?:no\.?|number|ref\.?|id))$"),
    ("rag", r"^(?:rag|r\s*/\s*a\s*/\s*g|rag (?:status|rating)|status)$"),
    ("evidence", r"evidence|progress|update|outcome to date|comments?"),
    ("reporting", r"report|governance|monitor"),
    ("owner", r"officer|lead|owner|responsib|who\b|accountable"),
    ("timescale", r"timescale|time ?frame|deadline|target date|by when|due|when"),
    ("recommendation", r"recommendation|areas? (?:for|of) (?:improvement|development)|finding"
                       r"|issue|requirement|objective|what (?:needs|we need) to improve"
                       r"|improvement (?:area|required|needed)"),
    ("key_actions", r"action|task|intervention|what|\bhow\b|steps|activit"),
]
_OFFICER = re.compile(r"officer|person|name|owner|manager", re.I)
_REVISED = re.compile(r"\b(?:revised|new|amended|extended|current|latest)\b", re.I)
_COMPILED = [(role, re.compile(rx)) for role, rx in _PATTERNS]  # every cell of every row


@dataclass
class Columns:
    """The header of a plan: a role per column, and each evidence column's checkpoint."""

    roles: list[str | None]
    checkpoints: dict[int, str] = field(default_factory=dict)  # column -> label as written
    rag_of: dict[int, int] = field(default_factory=dict)  # evidence column -> its RAG column
    #: RAG columns of no evidence column: the row's status as the paper reports it
    lone_rag: dict[int, str] = field(default_factory=dict)  # column -> header as written
    #: 'Revised Target Date' beside 'Original Target Date': the deadline now, where given
    revised: int | None = None
    #: 'Lead Agency' beside 'Lead Officer': owner columns after the main one
    more_owners: list[int] = field(default_factory=list)

    def index(self, role: str) -> int | None:
        return next((i for i, r in enumerate(self.roles) if r == role), None)


_LOG_SIGN = re.compile(r"\bminute\b|\bmeeting\b|^date (?:raised|agreed|added|opened)$", re.I)


def _action_log(cells: list[str], roles: list[str | None]) -> bool:
    """'Action No | Meeting Date | Minute Ref | Action | Lead | Due Date | Status': a
    meeting's action log, whose rows are owned actions with no recommendation above them.
    Told from an implementation plan's 'Action | Lead | Timescale' by its numbered rows or
    the meeting each action came from."""
    return ({"key_actions", "owner"} <= set(roles) and bool({"timescale", "rag"} & set(roles))
            and ("ref" in roles or any(_LOG_SIGN.search(clean(c)) for c in cells)))


def classify(cells: list[str]) -> Columns | None:
    """The columns of a header row, or ``None`` when the row is not a plan header."""
    roles: list[str | None] = []
    for cell in cells:
        s = clean(cell).lower()
        role = next((r for r, rx in _COMPILED if s and rx.search(s)), None)
        if role is None and " " in s:  # 'Recommend ation': a word a narrow column cut
            joined = s.replace(" ", "")
            role = next((r for r, rx in _COMPILED if rx.search(joined)), None)
        if role == "recommendation" and "recommendation" in roles:
            role = None
        roles.append(role)
    if "recommendation" not in roles and _action_log(cells, roles):
        roles[roles.index("key_actions")] = "recommendation"  # the action is what was asked
    if "recommendation" not in roles or not ({"timescale", "key_actions", "owner"} & set(roles)):
        return None
    cols = Columns(roles)
    if roles.count("timescale") > 1:
        cols.revised = next((i for i, r in enumerate(roles) if r == "timescale"
                             and _REVISED.search(cells[i])), None)
        if cols.revised is not None:
            roles[cols.revised] = None
    owners = [i for i, r in enumerate(roles) if r == "owner"]
    if len(owners) > 1:  # the officer's column leads; the agency's adds its body
        main = next((i for i in owners if _OFFICER.search(cells[i])), owners[0])
        cols.more_owners = [i for i in owners if i != main]
        for i in cols.more_owners:
            roles[i] = None
        roles[main] = "owner"
    for i, role in enumerate(roles):
        if role == "evidence":
            m = re.search(r"\(([^)]*)\)", cells[i]) or re.search(
                r"(?:at|by|as at|[-–:])\s*(.+)$", clean(cells[i]), re.I)
            cols.checkpoints[i] = clean(m[1]) if m else clean(cells[i])
            if i + 1 < len(roles) and roles[i + 1] == "rag":
                cols.rag_of[i] = i + 1
    attached = set(cols.rag_of.values())
    cols.lone_rag = {i: clean(cells[i]) for i, role in enumerate(roles)
                     if role == "rag" and i not in attached}
    return cols


def find_header(lines: list[tuple[int, str]]) -> tuple[int, Columns] | None:
    """(line, columns) of the first plan header among numbered ``lines``."""
    for n, raw in lines:
        cells = split_row(raw)
        if cells and len([c for c in cells if c]) >= 3:
            cols = classify(cells)
            if cols:
                return n, cols
    return None


def align(cells: list[str], cols: Columns) -> dict[int, str]:
    """A row's cells by column index, ragged rows aligned on the header."""
    width = len(cols.roles)
    while len(cells) > width and not cells[-1]:
        cells = cells[:-1]
    if len(cells) > width:  # too many: the surplus belongs to the last column
        cells = [*cells[:width - 1], " ".join(c for c in cells[width - 1:] if c)]
    if len(cells) == width:
        return dict(enumerate(cells))
    non_rag = [i for i, r in enumerate(cols.roles) if r != "rag"]
    if len(cells) == len(non_rag):
        return dict(zip(non_rag, cells, strict=True))
    out = dict(enumerate(cells[:-1]))
    last = cells[-1] if cells else ""
    if cols.roles[-1] == "reporting" and re.search(r"report|quarterly|monthly|annual", last, re.I):
        out[width - 1] = last
    elif cells:
        out[len(cells) - 1] = last
    return out


def header_repeat(cells: list[str], cols: Columns) -> bool:
    """A header row repeated at a page break."""
    again = classify(cells)
    return again is not None and again.roles == cols.roles

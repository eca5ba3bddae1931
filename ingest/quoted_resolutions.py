"""Resolutions quoted outside minutes: a work programme, report or plan citing a decision.

Papers often quote what another meeting resolved, to say why an item is on the agenda
('At the meeting of the Council on 21 April ... RESOLVED That the matter be referred to the
Scrutiny Committee ...'). The decision is real and asks someone to act, so it is a
resolution record even though no minutes of that meeting are in the pack. It is read from
the same cell or paragraph as its 'RESOLVED' marker: the text of each 'That ...'
paragraph, a list it opens with ':' (the next rows' bullets), the meeting's body and date
where the text before the marker names them, and the row's first cell as the title.
"""

from __future__ import annotations

import re

from ingest.minutes_decisions import action_owner
from ingest.records import Resolution, Segment
from ingest.text import PackText
from ingest.textutil import clean, is_furniture, parse_date, split_row

_MARK = re.compile(r"\bRESOLVED\b\s*[:–—-]?\s*")
_THAT = re.compile(r"(?:^|(?<=[\s>]))(That\s.+?)(?=<p>|</p>|$)", re.S)
_MEETING = re.compile(
    r"\b(?:at|by)\s+(?:the|its)\s+meeting\s+of\s+(?:the\s+)?([A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*)*)"
    r"\s+(?:on|held\s+on)\s+([^,.<]+?\d{4})", re.I)
_ITEM = re.compile(r"(?:•|<li[^>]*>)\s*([^•<]+)")


def quoted_resolutions(pack: PackText, segment: Segment) -> list[Resolution]:
    """One record per 'That ...' paragraph after a 'RESOLVED' in lines of ``segment``."""
    out: list[Resolution] = []
    last = min(segment.end, len(pack))
    for n in range(segment.start, last + 1):
        line = pack.line(n)
        m = _MARK.search(line)
        if m is None:
            continue
        cells = split_row(line) if "\t" in line else None
        before = line[:m.start()]
        meeting = _MEETING.search(clean(before))
        body, date = (meeting[1], parse_date(meeting[2])) if meeting else (None, None)
        title = cells[0] if cells and cells[0] and cells[0] not in clean(line[m.end():]) else None
        after = line[m.end():].split("\t")[0] if cells else line[m.end():]
        for t in _THAT.finditer(after):
            text = clean(t.group(1))
            end = n
            if text.endswith(":"):
                items, end = _list_after(pack, n, last)
                if items:
                    text = f"{text} {'; '.join(items)}."
            out.append(Resolution(None, title, None, text, pack.span(n, end),
                                  action_owner=action_owner(text, None),
                                  meeting_date=date, body=body))
    return out


def _list_after(pack: PackText, n: int, last: int) -> tuple[list[str], int]:
    """Bullets of the next non-blank line (a continuation row or a list), lower-cased at the
    start as items of the sentence they finish, and that line's number."""
    skipped = 0
    for k in range(n + 1, last + 1):
        line = pack.line(k)
        if not line.strip() or is_furniture(line):  # a page break between row and rest
            skipped += 1
            if skipped > 4:
                break
            continue
        items = [clean(i).rstrip(" .;") for i in _ITEM.findall(line)]
        items = [i[:1].lower() + i[1:] for i in items if i]
        return (items, k) if items else ([], n)
    return [], n

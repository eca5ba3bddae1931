"""Bodies and people named in passing in a document's sentences.

Narrative parts of strategies, plans and work programmes name bodies and councillors
without any table or heading to hold them; these finders read them by English naming
conventions (``ingest/body_mentions.py`` for bodies, a title such as 'Councillor' for
people) and leave resolution to merge them.
"""

from __future__ import annotations

import re

from ingest.body_mentions import bodies_in_text, body_mentions, body_type
from ingest.boilerplate import is_rights_notice
from ingest.names_in_prose import chunks, clean_name, is_body, split_list
from ingest.records import BodyMention, PersonMention, Segment, Span
from ingest.text import PackText
from ingest.textutil import clean, is_separator_row, split_row

#: 'Dates of Future Cabinet ...'; '... Centres and Council' (a list cut after its last head)
_NOT_A_BODY = re.compile(r"^(?:dates?|meetings?|times?)\s+of\b|\band\s+(?:council|committee|board|"
                         r"group|team|service|trust|cabinet)s?$", re.I)
#: 'the Department of Work and Pensions': named by what it is of, not by a last head noun.
_DEPARTMENT = re.compile(r"\b((?:Department|Ministry|Office)\s+(?:of|for)\s+[A-Z][\w'\u2019&]*"
                         r"(?:\s+(?:(?:and|of|for|&)\s+)?[A-Z][\w'\u2019&]*)*)")


_BULLET_MARK = "[\u25a0\u2022\u25aa\u25cf\uf0a7\uf0b7]|<[uo]l\\b|<li\\b"


#: Head nouns of bodies that the shared finder does not end a name on.
_MORE_HEADS = frozenset({"network", "networks", "healthwatch", "police", "constabulary",
                         "alliance", "consortium", "federation", "association"})

_MORE_HEAD_RX = re.compile("|".join(sorted(_MORE_HEADS)))


def _more_bodies(text: str) -> list[str]:
    """Capitalised names ending in one of :data:`_MORE_HEADS` ('Local Healthwatch')."""
    found: list[str] = []
    if not _MORE_HEAD_RX.search(text.lower()):
        return found
    for ch in chunks(text):
        for name in split_list(ch.text):
            name = clean_name(name)
            words = name.split()
            if len(words) >= 2 and words[-1].lower() in _MORE_HEADS and is_body(name):
                found.append(name)
    return found


def phrase_bodies(text: str, span: Span, context: str) -> list[BodyMention]:
    """Bodies named in one cell or phrase (a table cell, a work-programme topic)."""
    found = [BodyMention(name, span, type=body_type(name), acronym=acronym, context=context)
             for name, acronym in bodies_in_text(text)]
    known = {b.name for b in found}
    found += [BodyMention(name, span, context=context) for name in _more_bodies(text)
              if name not in known]
    return [b for b in found if not _NOT_A_BODY.search(b.name) and not _indefinite(text, b.name)]


def _indefinite(line: str, name: str) -> bool:
    """'an Emergency Response Service' names a kind of service, not a body."""
    return bool(re.search(rf"\b(?:a|an|any|each|every)\s+{re.escape(name)}", line))


def prose_body_mentions(pack: PackText, segment: Segment, context: str,
                        skip: set[str] | None = None,
                        skip_lines: set[int] | None = None) -> list[BodyMention]:
    """Bodies named in a segment's sentences, and in its table cells one cell at a time
    (a TAB row read whole runs the names of adjacent cells together). Header rows and
    ``skip_lines`` (lines already read as something else, e.g. item topics) are skipped."""
    seen = set(skip or ())
    found: list[BodyMention] = []

    def add(mention: BodyMention, line: str) -> None:
        key = mention.name.lower()
        if key not in seen and not _NOT_A_BODY.search(mention.name) \
                and not _indefinite(line, mention.name):
            seen.add(key)
            found.append(mention)

    previous_row = False
    for n in range(segment.start, min(segment.end, len(pack)) + 1):
        line = pack.line(n)
        if not line.strip() or is_rights_notice(line):
            continue
        cells = split_row(line) if _looks_tabular(line) else None
        is_row = cells is not None or is_separator_row(line)
        first_row, previous_row = cells is not None and not previous_row, is_row
        if n in (skip_lines or ()):
            continue
        if cells is not None:
            if not (first_row and _is_header_row(cells)):
                for raw in _raw_cells(line):  # text before a bullet: labels after are projects
                    cell = clean(re.split(_BULLET_MARK, raw)[0])
                    for mention in phrase_bodies(cell, pack.span(n), f"{context}.table"):
                        add(mention, cell)
            continue
        text = clean(line)
        for mention in body_mentions(pack, n, n, context, seen):
            add(mention, text)
        for name in _more_bodies(text):
            add(BodyMention(name, pack.span(n), context=context), text)
        for m in _DEPARTMENT.finditer(text):
            add(BodyMention(m.group(1), pack.span(n), type="government_department",
                            context=context), text)
    return found


def _looks_tabular(line: str) -> bool:
    """A cheap test before ``split_row``: tabs, HTML cells or a markdown row."""
    return "\t" in line or "<t" in line.lower() or line.lstrip().startswith("|")


def _raw_cells(line: str) -> list[str]:
    """Cells with their markup, so bullets can still be seen (``split_row`` cleans them)."""
    if re.search(r"<t[dh]\b", line, re.I):
        return re.split(r"<t[dh]\b[^>]*>", line, flags=re.I)[1:]
    stripped = line.strip()
    if stripped.startswith("|"):
        return stripped.strip("|").split("|")
    return line.split("\t")


def _is_header_row(cells: list[str]) -> bool:
    """Column headings (checked on a table's first row): several short cells, none a
    sentence or a date."""
    filled = [c for c in cells if c]
    return len(filled) >= 3 and all(len(c.split()) <= 8 and not re.search(r"\d|\.\s", c)
                                    for c in filled)


_PNAME = r"(?:[A-Z]\.?\s*){0,3}[A-Z][a-z'\u2019-]+(?:\s+[A-Z][a-z'\u2019-]+)?"
_TITLED = re.compile(rf"\b(Councillors?|Cllrs?\.?)\s+({_PNAME}(?:\s*(?:,|\band\b|&)\s*{_PNAME})*)")


def titled_people(pack: PackText, segment: Segment, context: str) -> list[PersonMention]:
    """Councillors named in passing ('submitted by Councillors D Flude and C Thorley'),
    in sentences and table cells alike, one mention per name and line."""
    found: list[PersonMention] = []
    for n in range(segment.start, min(segment.end, len(pack)) + 1):
        text = clean(pack.line(n))
        for m in _TITLED.finditer(text):
            for name in re.split(r"\s*(?:,|\band\b|&)\s*", m.group(2)):
                if name and not any(p.name == name and p.span.start == n for p in found):
                    found.append(PersonMention(name, pack.span(n), title="Councillor",
                                               context=context))
    return found

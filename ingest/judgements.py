"""Graded judgements of an inspection report, as found, and how the two sources agree.

A report states each grade twice: under a heading ('Quality of provision' then 'Grade 3
(adequate)') and in its 'Record of main findings' table. Both are kept, each saying where
it came from, linked where they are the same judgement; where they disagree (a different
grade, or a table section heading sitting on the wrong block) a warning is raised and
neither side is corrected, so an analyst sees the conflict rather than our guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from ingest.cleaned import cleaned, furniture
from ingest.records import Judgement, Warning_
from ingest.text import PackText
from ingest.textutil import is_separator_row, split_row

#: Ofsted's inspections of local authority children's services (ILACS, from 2018) grade
#: 'requires improvement to be good' where other frameworks say 'requires improvement'.
GRADE_WORDS = {"outstanding": 1, "good": 2, "adequate": 3, "satisfactory": 3,
               "requires improvement": 3, "requires improvement to be good": 3,
               "inadequate": 4}
LABELS = {1: "Outstanding", 2: "Good", 3: "Adequate", 4: "Inadequate"}
_WORD = (r"(outstanding|good|adequate|satisfactory|requires improvement(?: to be good)?|"
         r"inadequate)")
_GRADE_NUM = rf"\(?grade\s*:?\s*([1-4])\)?(?:\s*[(\-–:]?\s*{_WORD}\s*\)?)?"
_GRADE_LINE = [
    re.compile(rf"^{_GRADE_NUM}\.?$", re.I),
    re.compile(rf"^(?:overall\s+)?(?:judgement|rating|grade)\s*:\s*{_WORD}"
               rf"(?:\s*\(grade\s*([1-4])\))?\.?$", re.I),
    re.compile(rf"^{_WORD}\s*\(grade\s*([1-4])\)$", re.I),
]
_INLINE = [
    re.compile(rf"^(?P<area>.+?)[\s:\-–]*(?P<g>{_GRADE_NUM})\.?$", re.I),
    re.compile(rf"^(?P<area>.+?)[\s:\-–]*(?:rating|judgement)\s*:\s*(?P<g>{_WORD})\.?$", re.I),
    re.compile(rf"^(?P<area>[A-Z][^:–]{{2,100}}?)\s*(?::|\s–)\s*(?P<g>{_WORD})\.?$", re.I),
    # CQC's key questions: 'Are services safe? Requires improvement'
    re.compile(rf"^(?P<area>(?:are|is)\s[^?]{{2,80}}\?)\s*(?P<g>{_WORD})\.?$", re.I),
]
_LABEL_WORDS = {"rating", "judgement", "grade", "overall rating", "overall judgement"}
_TABLE_TITLE = re.compile(r"^(?:record|summary|table) of (?:the )?(?:main )?"
                          r"(?:findings|judgements|grades|ratings):?$", re.I)


#: A group of rows in a findings table ('Theme 2: Providing support', 'Domain 1: ...').
_GROUP = re.compile(r"^(?:theme|domain|section|part|area)\s+\d+\s*[:.–-]\s*\S.{0,100}$", re.I)

_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=32768)
def norm(text: str | None) -> str:
    return _NON_WORD.sub(" ", (text or "").lower()).strip()


def label_of(grade: int | None, written: str) -> str | None:
    """The grade's label: 'Requires improvement' where the report says so, else by number."""
    low = written.lower()
    m = _SCORE.match(cleaned(written).strip(" ."))
    if m:
        return SCORE_LABELS[int(m[1])]
    if "requires improvement to be good" in low:
        return "Requires improvement to be good"
    if "requires improvement" in low:
        return "Requires improvement"
    return LABELS.get(grade or 0)


#: CQC's assessments of local authorities score each quality statement 1 (significant
#: shortfalls) to 4 (an exceptional standard): the other way round from a grade.
_SCORE = re.compile(r"^score\s*:?\s*([1-4])(?:\s*(?:/|out of)\s*4)?$", re.I)
SCORE_LABELS = {4: "Evidence shows an exceptional standard", 3: "Evidence shows a good standard",
                2: "Evidence shows some shortfalls", 1: "Evidence shows significant shortfalls"}


@lru_cache(maxsize=16384)
def grade_of(text: str) -> int | None:
    """The grade a line or cell states: 'Grade 3 (adequate)', 'Rating: Good', 'Good',
    'Score: 2' (grade 3)."""
    s = cleaned(text.replace("**", " ")).strip(" .")
    if norm(s) in GRADE_WORDS:
        return GRADE_WORDS[norm(s)]
    m = _SCORE.match(s)
    if m:
        return 5 - int(m[1])
    for rx in _GRADE_LINE:
        m = rx.match(s)
        if m:
            for g in m.groups():
                if g and g.isdigit():
                    return int(g)
            return next((GRADE_WORDS[norm(g)] for g in m.groups() if g), None)
    return None


_RATED_AS = re.compile(r"\s+(?:was|were|is|are|has been)\s+(?:rated|judged|graded|found)"
                       r"(?:\s+(?:as|to be))?$", re.I)


def _inline_area(text: str) -> str:
    """'Overall, the Youth Justice Service was rated as' -> 'Overall'; 'Leadership' stays."""
    area = _RATED_AS.sub("", text.strip(" :-–"))
    return "Overall" if re.match(r"^overall\s*,", area, re.I) else area


def heading_like(text: str) -> bool:
    """A short title line: not a numbered paragraph, not a sentence, not a table row."""
    s = text.strip()
    words = s.split()
    return (2 <= len(s) <= 120 and 1 <= len(words) <= 16 and not s.endswith((".", ",", ";"))
            and not re.match(r"^\d+[.)]\s", s) and (s[0].isupper() or s[0].isdigit())
            and "\t" not in s and not _FIELD_LINE.match(s))


#: A header field ('Publication date: 21 April 2020'), not a heading.
_FIELD_LINE = re.compile(r"^[A-Za-z][\w '’/-]{1,40}:\s+\S")


@dataclass
class Found:
    """A judgement with what the records do not keep: its line and block heading."""

    judgement: Judgement
    block: str | None = None  # nearest ungraded heading above it (major or sub-section)
    table_heading: tuple[int, str] | None = None  # table section row it sits under


def _nonblank(pack: PackText, start: int, end: int) -> list[tuple[int, str, str]]:
    out = []
    for n in range(start, end + 1):
        raw = pack.line(n)
        text = cleaned(raw.replace("**", " "))
        if text and not furniture(raw):
            out.append((n, raw, text))
    return out


def contents_titles(pack: PackText, start: int, end: int) -> set[str]:
    """Titles listed in the report's contents ('Title<TAB>page'), normalised."""
    titles: set[str] = set()
    lines = _nonblank(pack, start, end)
    for i, (_, _, text) in enumerate(lines):
        if norm(text) != "contents":
            continue
        for _, raw, _t in lines[i + 1:]:
            cells = [c for c in (split_row(raw) or []) if c]
            if len(cells) == 2 and cells[1].isdigit():
                titles.add(norm(cells[0]))
            elif titles:
                break
        break
    return titles


def graded_headings(pack: PackText, start: int, end: int) -> tuple[list[Found], dict[str, str]]:
    """Judgements from graded headings, each with its major section, and a map of every
    section or sub-section heading (normalised) to its major section title."""
    lines = _nonblank(pack, start, end)
    contents = contents_titles(pack, start, end)
    found: list[tuple[int, Found]] = []  # (index of the heading line, judgement)
    for i, (n, raw, text) in enumerate(lines):
        if "\t" in raw:
            continue
        for rx in _INLINE:
            m = rx.match(text)
            if m and heading_like(m["area"]) and grade_of(m["g"]) \
                    and norm(m["area"]) not in _LABEL_WORDS:
                g = grade_of(m["g"])
                found.append((i, Found(Judgement(_inline_area(m["area"]), g, pack.span(n),
                                                 grade_label=label_of(g, m["g"])))))
                break
        else:
            g = grade_of(text) if len(text) < 40 else None
            if g and i > 0 and "\t" not in lines[i - 1][1] and heading_like(lines[i - 1][2]) \
                    and grade_of(lines[i - 1][2]) is None and not (found and found[-1][0] == i - 1):
                hn = lines[i - 1][0]
                found.append((i - 1, Found(Judgement(lines[i - 1][2].strip(" :"), g,
                                                     pack.span(hn, n),
                                                     grade_label=label_of(g, text)))))
    majors: dict[str, str] = {}
    if not found:
        return [], majors
    first_area = norm(found[0][1].judgement.area)
    major = block = None
    taken = {i for i, _ in found}
    for i, f in found:
        prev = lines[i - 1][2] if i > 0 else ""
        if (i > 0 and i - 1 not in taken and grade_of(prev) is None and heading_like(prev)
                and (not contents or norm(prev) in contents)):
            title = prev.strip(" :")
            if major is None or norm(f.judgement.area) == first_area:
                major = title
            block = title
            majors.setdefault(norm(title), major)
        f.judgement.section, f.block = major, block
    return [f for _, f in found], majors


def findings_table(pack: PackText, start: int, end: int,
                   majors: dict[str, str]) -> list[Found]:
    """One judgement per row of the 'Record of main findings' table, with the table's own
    section rows (rows with no grade) read through the report's structure (``majors``)."""
    titled = next((n for n in range(start, end + 1) if "\t" not in pack.line(n)
                   and _TABLE_TITLE.match(cleaned(pack.line(n)))), None)
    rows = _table_rows(pack, titled, end, majors) if titled is not None else []
    if not rows:  # no title, or a 'Summary of findings' over prose: a table of grades
        untitled = _untitled_table(pack, start, end)
        rows = _table_rows(pack, untitled, end, majors) if untitled is not None else []
    return rows


def _table_rows(pack: PackText, begin: int, end: int, majors: dict[str, str]) -> list[Found]:
    rows: list[Found] = []
    heading: tuple[int, str] | None = None
    above = cleaned(pack.line(begin))  # an untitled table's group heading ('Theme 1: ...')
    if _GROUP.match(above):
        heading = (begin, above)
    columns: list[str] = []  # the last header row's cells, for a grid of grades
    for n in range(begin + 1, end + 1):
        raw = pack.line(n)
        if not raw.strip() or is_separator_row(raw):
            continue
        if furniture(raw):
            if "blank" in raw.lower():
                break
            continue
        every = split_row(raw) or [cleaned(raw)]
        cells = [c for c in every if c]
        if len(cells) == 1:
            if not (heading_like(cells[0]) or _GROUP.match(cells[0])) or grade_of(cells[0]):
                break
            heading = (n, cells[0].strip(" :"))
            continue
        graded = [i for i, c in enumerate(every) if c and grade_of(c) is not None]
        if not graded:
            columns = every  # a header row ('Area | Judgement', '| Safe | Effective ...')
            continue
        if len(graded) >= 2 and len(columns) == len(every):
            rows += _grid_row(pack, n, every, graded, columns, heading)
            continue
        g = grade_of(cells[-1])
        if g is None:
            continue
        section = None
        if heading is not None:
            section = majors.get(norm(heading[1]), heading[1])
        # 'Domain | Standard | Rating': the graded area is the column next to the grade,
        # the first column its section
        named = [c for c in cells[:-1] if grade_of(c) is None and not c.strip().isdigit()]
        area = named[-1] if named else cells[0]
        if len(named) >= 2 and section is None:
            section = named[0].strip(" :")
        j = Judgement(area.strip(" :"), g, pack.span(n), section=section,
                      grade_label=label_of(g, cells[-1]), origin="table")
        rows.append(Found(j, table_heading=heading))
    return rows


def _grid_row(pack: PackText, n: int, cells: list[str], graded: list[int], columns: list[str],
              heading: tuple[int, str] | None) -> list[Found]:
    """A row of a grid of grades (CQC: '| Maternity | Good | Good | Outstanding | ...' under
    '| | Safe | Effective | Caring | ...'): one judgement per graded cell, the column's
    key question its area, the row (the service) its section."""
    label = next((c for i, c in enumerate(cells) if c and i not in graded), None)
    out = []
    for i in graded:
        g = grade_of(cells[i])
        area = columns[i].strip(" :") or f"Column {i + 1}"
        out.append(Found(Judgement(area, g, pack.span(n), section=label,
                                   grade_label=label_of(g, cells[i]), origin="table"),
                         table_heading=heading))
    return out


def _graded_row(raw: str) -> bool:
    cells = [c for c in (split_row(raw) or []) if c]
    return len(cells) >= 2 and (norm(cells[-1]) in GRADE_WORDS
                                or _SCORE.match(cells[-1].strip(" .")) is not None)


def _untitled_table(pack: PackText, start: int, end: int) -> int | None:
    """The line just above a table of at least three graded rows ('Area | Good') that has
    no title; ``None`` when the report has no such table."""
    run: list[int] = []
    for n in range(start, end + 1):
        raw = pack.line(n)
        if _graded_row(raw):
            run.append(n)
            if len(run) >= 3:
                first = run[0]
                while first - 1 > start and (split_row(pack.line(first - 1)) is not None
                                             or is_separator_row(pack.line(first - 1))):
                    first -= 1
                return first - 1
        elif raw.strip() and split_row(raw) is None and not is_separator_row(raw):
            run = []
    return None


def reconcile(heads: list[Found], table: list[Found]) -> list[Warning_]:
    """Link heading and table judgements that are the same, in order: the area and section
    agree, or the area agrees and the table's section heading sits on the wrong block (the
    table is then wrong about the section, not about the judgement). Every disagreement is
    a warning; the values stay as each place states them."""
    warnings: list[Warning_] = []
    sm = SequenceMatcher(None, [norm(f.judgement.area) for f in heads],
                         [norm(f.judgement.area) for f in table], autojunk=False)
    pair: dict[int, int] = {}
    for i, j, size in sm.get_matching_blocks():
        for k in range(size):
            pair[j + k] = i + k
    misplaced: set[tuple[int, str]] = set()
    seen_headings: set[tuple[int, str]] = set()
    for j, t in enumerate(table):
        th = t.table_heading
        if th is None or th in seen_headings or j not in pair:
            continue
        seen_headings.add(th)
        h = heads[pair[j]]
        if norm(th[1]) not in {norm(h.judgement.section), norm(h.block)}:
            misplaced.add(th)
            where = h.judgement.section or h.block
            warnings.append(Warning_(
                f"'Record of main findings' table: section heading '{th[1]}' (line {th[0]}) "
                f"sits on the wrong block: the row under it, '{t.judgement.area}' (line "
                f"{t.judgement.span.start}), is graded under '{where}' in the report "
                f"(line {h.judgement.span.start})", t.judgement.span))
    for j, t in enumerate(table):
        tj = t.judgement
        if j not in pair:
            if all(norm(h.judgement.area).startswith("overall") for h in heads):
                continue  # a report graded only in its table (and overall): nothing to compare
            warnings.append(Warning_(
                f"'Record of main findings' row '{tj.area}' (line {tj.span.start}) has no "
                "graded heading in the report", tj.span, kind="data-quality"))
            continue
        hj = heads[pair[j]].judgement
        if norm(hj.section) == norm(tj.section) or t.table_heading in misplaced:
            hj.same_as, tj.same_as = len(heads) + j, pair[j]
        else:
            warnings.append(Warning_(
                f"'{tj.area}' sits under '{tj.section}' in the findings table (line "
                f"{tj.span.start}) but under '{hj.section}' in the report (line "
                f"{hj.span.start})", tj.span))
        if hj.grade != tj.grade:
            warnings.append(Warning_(
                f"grade of '{tj.area}' differs: {hj.grade_label} (grade {hj.grade}) under "
                f"the heading at line {hj.span.start}, {tj.grade_label} (grade {tj.grade}) "
                f"in the findings table at line {tj.span.start}", tj.span))
    return warnings

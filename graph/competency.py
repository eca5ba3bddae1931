"""The one loader of the competency questions in ``ontology/competency/*.rq``.

The query page, notebooks, benchmarks and tests all read the questions through
:func:`load_questions`, so a question added as a file shows up everywhere. Each file starts
with header comments::

    # title: Overdue recommendations
    # question: Which recommendations are past their due date and not completed?

A question may have parameters with defaults, written as one line each in the query::

    VALUES ?asOf { "2011-12-01"^^xsd:date }  # parameter

:meth:`Question.bind` swaps the default for another term (serialised by rdflib, never
pasted as text), so the same file answers for any date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib.term import Identifier

from graph.bindings import term_text

COMPETENCY_DIR = Path(__file__).resolve().parents[1] / "ontology" / "competency"
_HEADER = re.compile(r"^#\s*(title|question)\s*:\s*(.+?)\s*$")
_PARAM = re.compile(r"^(?P<indent>\s*)VALUES\s+\?(?P<var>\w+)\s*\{\s*(?P<default>.+?)\s*\}"
                    r"\s*#\s*parameter\s*$", re.MULTILINE)
_ID = re.compile(r"^(\d{2,})-[a-z0-9-]+$")


class QuestionFileError(ValueError):
    """A competency question file is malformed; the message names the file and what is missing."""


@dataclass(frozen=True)
class Question:
    id: str  # the file stem, e.g. "06-overdue-recommendations"
    title: str
    question: str
    sparql: str
    path: Path
    parameters: dict[str, str] = field(default_factory=dict)  # var -> default term text

    def bind(self, **values: Identifier) -> str:
        """The query with each named parameter's default replaced by the given term."""
        unknown = set(values) - set(self.parameters)
        if unknown:
            raise QuestionFileError(f"{self.id}: no parameter {', '.join(sorted(unknown))}; "
                                    f"parameters: {', '.join(self.parameters) or 'none'}")

        def swap(m: re.Match[str]) -> str:
            var = m.group("var")
            if var not in values:
                return m.group(0)
            return f"{m.group('indent')}VALUES ?{var} {{ {term_text(values[var])} }}  # parameter"

        return _PARAM.sub(swap, self.sparql)


def parse_question(path: Path) -> Question:
    """Read one ``NN-slug.rq`` file; raises :class:`QuestionFileError` naming what is wrong."""
    if not _ID.match(path.stem):
        raise QuestionFileError(f"{path}: name it NN-slug.rq (two digits, a dash, a slug)")
    text = path.read_text(encoding="utf-8")
    headers: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if m:
            headers.setdefault(m.group(1), m.group(2))
    missing = [h for h in ("title", "question") if h not in headers]
    if missing:
        raise QuestionFileError(
            f"{path}: missing header line(s) {', '.join('# ' + h + ': ...' for h in missing)} "
            "at the top of the file")
    params = {m.group("var"): m.group("default") for m in _PARAM.finditer(text)}
    return Question(path.stem, headers["title"], headers["question"], text, path, params)


def load_questions(directory: Path | None = None) -> list[Question]:
    """Every question of the directory (default ``ontology/competency``), ordered by id."""
    d = directory or COMPETENCY_DIR
    paths = sorted(d.glob("*.rq"))
    if not paths:
        raise QuestionFileError(f"{d}: no competency questions (*.rq) found")
    return [parse_question(p) for p in paths]


def question(qid: str, directory: Path | None = None) -> Question:
    """One question by id (file stem) or by its number prefix ("06")."""
    for q in load_questions(directory):
        if q.id == qid or q.id.split("-", 1)[0] == qid:
            return q
    raise QuestionFileError(f"no competency question {qid!r}")

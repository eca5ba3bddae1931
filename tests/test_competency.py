"""Competency questions: every file loads, and each answers exactly the hand-computed rows on
the fixture graph (plus ontology, reference data and inferences)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import XSD

from graph.competency import QuestionFileError, load_questions, parse_question, question
from graph.embedded import EmbeddedStore
from graph.store import Rows
from tests.fixture_store import fixture_store

D = datetime.date
INSPECTION = "Inspection of safeguarding and looked after children services"
OFSTED = "Office for Standards in Education, Children's Services and Skills"
NCC = "Northshire County Council"
NSCB = "Northshire Safeguarding Children Board"
CYP = "Children and Young People Scrutiny Committee"
TRUST = "Northshire Children's Trust"
DCS = "Director of Children's Services"
INSP_DOC = "Inspection of safeguarding and looked after children services"
FILE = "northshire_cyp_scrutiny_2011-09-22.txt"

# question id -> (columns compared, expected rows as tuples; None = unbound). Computed by hand
# from tests/data/fixture/fixture.trig; GROUP_CONCAT columns are compared as sets.
EXPECTED: dict[str, tuple[tuple[str, ...], set[tuple]]] = {
    "01-owners-of-recommendations": (
        ("inspection", "recommendationId", "owner", "ownerKind", "holder", "body"), {
            (INSPECTION, "SG-IMM-1", "Head of Safeguarding", "post", "Raj Patel", NCC),
            (INSPECTION, "SG-IMM-1", "Raj Patel", "person", None, NCC),
            (INSPECTION, "SG-3M-1", DCS, "post", "Alice Jones", NCC),
            (INSPECTION, "SG-3M-1", "Board Manager", "post", "Raj Patel", NSCB),
            (INSPECTION, "SG-3M-2", "Relevant managers", "role", None, NCC)}),
    "02-progress-report-recipients": (
        ("body", "actions", "frequencies"), {
            (CYP, 2, frozenset({"quarterly", "unstated"})),
            (NSCB, 2, frozenset({"quarterly"}))}),
    "03-grades-by-area": (
        ("inspectorate", "section", "area", "grade", "gradeLabel", "statements"), {
            (OFSTED, "Safeguarding services", "Overall effectiveness", "3", "Adequate", 2),
            (OFSTED, "Safeguarding services", "Capacity for improvement", "2", "Good", 1),
            (OFSTED, "Services for looked after children", "Leadership and management", "2",
             "Good", 1)}),
    "04-recommendations-without-owner": (
        ("recommendationId", "hasAction"), {("SG-6M-1", True), ("LAC-6M-1", False)}),
    "05-people-in-several-organisations": (
        ("person", "organisations", "bodies"), {("Raj Patel", 2, frozenset({NCC, NSCB}))}),
    "06-overdue-recommendations": (
        ("recommendationId", "dueDate", "latestStatus", "latestAsOf"), {
            ("SG-IMM-1", D(2011, 8, 19), "amber", D(2011, 9, 30)),
            ("SG-3M-1", D(2011, 11, 19), "red", D(2011, 9, 30)),
            ("SG-3M-2", D(2011, 11, 19), "green", D(2011, 9, 30))}),
    "07-current-status": (
        ("recommendationId", "status", "asOf"), {
            ("SG-IMM-1", "completed", D(2011, 12, 31)),
            ("SG-3M-1", "amber", D(2011, 12, 31)),
            ("SG-3M-2", "green", D(2011, 12, 31)),
            ("SG-6M-1", "not-started", D(2011, 9, 30))}),
    "08-resolutions-asking-to-act": (
        ("meetingDate", "clause", "asked", "asWritten"), {
            (D(2011, 9, 22), "b", DCS, "the Director of Children's Services")}),
    "09-key-decisions-by-maker": (
        ("decisionMaker", "reference", "expectedDate"), {
            ("Cabinet", "NCC11/12-05", D(2011, 11, 15)),
            ("Henry King", "NCC11/12-09", D(2012, 1, 10))}),
    "10-meeting-attendance": (
        ("body", "date", "person"), {
            (CYP, D(2011, 9, 22), p) for p in
            ("Alice Jones", "Carol Brown", "David Green", "Emma White", "Frank Grey")}),
    "11-declarations-of-interest": (
        ("person", "interest", "reason"), {
            ("Frank Grey", "personal", "his daughter is a foster carer for the Council")}),
    "12-accountable-to": (
        ("from", "to", "direct"), {
            ("Head of Safeguarding", DCS, True),
            ("Head of Safeguarding", NSCB, False),
            ("Head of Safeguarding", TRUST, False),
            (DCS, NSCB, True),
            (DCS, TRUST, False),
            (NSCB, TRUST, True)}),
    "13-oversight": (
        ("overseer", "overseen"), {(CYP, "Cabinet"), (TRUST, NSCB)}),
    "14-role-only-owners": (
        ("owner", "body", "recommendationId"), {("Relevant managers", NCC, "SG-3M-2")}),
    "15-multi-agency-recommendations": (
        ("recommendationId", "agencies", "agencyNames"), {
            ("SG-3M-1", 2, frozenset({NCC, NSCB}))}),
    "16-recommendation-provenance": (
        ("recommendationId", "document", "file", "startLine", "endLine"), {
            ("SG-IMM-1", INSP_DOC, FILE, 250, 251),
            ("SG-3M-1", INSP_DOC, FILE, 254, 254),
            ("SG-3M-2", INSP_DOC, FILE, 255, 256),
            ("SG-6M-1", INSP_DOC, FILE, 259, 259),
            ("LAC-6M-1", INSP_DOC, FILE, 330, 331)}),
    "17-inspections-of-bodies": (
        ("body", "inspectorate", "inspection", "startDate", "published"), {
            (NCC, OFSTED, INSPECTION, D(2011, 7, 4), D(2011, 8, 19))}),
    "18-members-of-bodies": (
        ("body", "person", "role"), {
            ("Cabinet", "Henry King", "member"),
            (CYP, "Carol Brown", "chair"), (CYP, "David Green", "vice-chair"),
            (CYP, "Frank Grey", "member"), (CYP, "Gail Hart", "member"),
            (NSCB, "Alice Jones", "member"), (NSCB, "Emma White", "chair")}),
    "19-sub-organisations": (
        ("part", "whole", "direct"), {
            ("Cabinet", NCC, True), (CYP, NCC, True), ("Children's Services", NCC, True),
            ("Safeguarding and Quality Assurance Unit", "Children's Services", True),
            ("Safeguarding and Quality Assurance Unit", NCC, False)}),
}
CONCAT = {"frequencies", "bodies", "agencyNames"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    with fixture_store(tmp_path_factory.mktemp("competency")) as st:
        yield st


def answer(store: EmbeddedStore, sparql: str, columns: tuple[str, ...]) -> set[tuple]:
    rows = store.query(sparql)
    assert isinstance(rows, Rows)
    out = []
    for r in rows.python():
        out.append(tuple(
            frozenset(r[c].split("; ") if c != "frequencies" else r[c].split(", "))
            if c in CONCAT and c in r else r.get(c) for c in columns))
    assert len(out) == len(set(out)), f"duplicate rows: {out}"
    return set(out)


def test_at_least_fifteen_questions_with_headers() -> None:
    qs = load_questions()
    assert len(qs) >= 15
    assert len({q.id for q in qs}) == len(qs)
    for q in qs:
        assert q.title and q.question.endswith("?"), q.id
        assert "SELECT" in q.sparql


def test_every_question_has_expected_answers() -> None:
    assert {q.id for q in load_questions()} == set(EXPECTED)


@pytest.mark.parametrize("qid", sorted(EXPECTED))
def test_question_answers_on_fixture(store: EmbeddedStore, qid: str) -> None:
    columns, expected = EXPECTED[qid]
    assert answer(store, question(qid).sparql, columns) == expected


@pytest.mark.parametrize(("as_of", "expected"), [
    (D(2011, 11, 1), {"SG-IMM-1"}),
    (D(2012, 1, 1), {"SG-3M-1", "SG-3M-2"}),  # SG-IMM-1 completed on 2011-12-31
    (D(2012, 3, 1), {"SG-3M-1", "SG-3M-2", "SG-6M-1", "LAC-6M-1"}),
])
def test_overdue_as_of_a_bound_date(store: EmbeddedStore, as_of: D, expected: set) -> None:
    q = question("06")
    assert set(q.parameters) == {"asOf"}
    sparql = q.bind(asOf=Literal(as_of.isoformat(), datatype=XSD.date))
    assert {r[0] for r in answer(store, sparql, ("recommendationId",))} == expected


def test_binding_an_unknown_parameter_is_refused() -> None:
    with pytest.raises(QuestionFileError, match="no parameter when"):
        question("06").bind(when=Literal("2012-01-01", datatype=XSD.date))


def test_file_missing_a_header_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "01-no-question.rq"
    bad.write_text("# title: Something\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QuestionFileError, match=r"01-no-question\.rq: missing header.*question"):
        parse_question(bad)
    with pytest.raises(QuestionFileError, match=r"01-no-question\.rq"):
        load_questions(tmp_path)


def test_badly_named_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "overdue.rq"
    bad.write_text("# title: t\n# question: q?\nASK {}\n", encoding="utf-8")
    with pytest.raises(QuestionFileError, match="NN-slug"):
        parse_question(bad)


def test_cli_lists_questions_with_parameters() -> None:
    import json

    from typer.testing import CliRunner

    from remit.cli.common import app

    res = CliRunner().invoke(app, ["questions", "--json"])
    assert res.exit_code == 0, res.output
    listed = {q["id"]: q for q in json.loads(res.stdout)}
    assert set(listed) == set(EXPECTED)
    assert listed["06-overdue-recommendations"]["parameters"] == {
        "asOf": '"2011-12-01"^^xsd:date'}

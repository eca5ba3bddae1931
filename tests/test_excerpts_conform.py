"""Every excerpt of another council's papers (tests/data/excerpts, tests/data/html) as a
pack of its own, through the real pipeline into one store: none is rejected and the graph
conforms to the shapes. The extractor tests check each format's records; this checks that
what they find maps to a graph the shapes accept, across packs that name the same people
and bodies."""

from __future__ import annotations

import pytest
from rdflib import Literal

from graph.settings import Settings
from graph.store import Rows, open_store
from graph.validation import validate
from ingest.load import ingest_paths
from tests.conftest import DATA

PACKS = sorted((DATA / "excerpts").glob("*.txt")) + sorted((DATA / "html").glob("*.html"))
PREFIX = "PREFIX rem: <https://remit.example/ontology#>\n"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    cfg = Settings(store=tmp_path_factory.mktemp("excerpts") / "store", ingest_workers=0)
    with open_store(cfg) as st:
        report = ingest_paths(PACKS, st, cfg)
        assert [(p.name, p.error) for p in report.rejected] == []
        assert len(report.packs) == len(PACKS) > 40
        yield st


def test_the_graph_of_every_excerpt_conforms(store) -> None:  # type: ignore[no-untyped-def]
    report = validate(store)
    assert report.conforms, report.results[:5]


def test_plans_inside_reports_and_minutes_are_owned_actions(store) -> None:  # type: ignore[no-untyped-def]
    rows = store.query(PREFIX + """SELECT DISTINCT ?text WHERE {
        ?a a rem:Action ; rem:implements ?r ; rem:responsibleParty ?p . ?r rem:text ?text }""")
    assert isinstance(rows, Rows)
    texts = {str(r["text"]) for r in rows.rows}
    assert {"The Trust must ensure that mental capacity assessments are recorded.",
            "Improve the timeliness of strategy discussions",
            "The Council should publish a single protocol for children missing education."
            } <= texts


def _owned(store, text: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(owner's name, due date) of the action whose recommendation's text is ``text``."""
    rows = store.query(PREFIX + """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?name ?due WHERE {
          ?a a rem:Action ; rem:implements ?r ; rem:responsibleParty ?p .
          ?r rem:text ?text . ?p rdfs:label ?name .
          OPTIONAL { ?r rem:dueDate ?due } }""", bindings={"text": Literal(text)})
    assert isinstance(rows, Rows)
    return {(str(r["name"]), str(r.get("due") or "")) for r in rows.rows}


def test_minuted_actions_and_action_logs_are_owned_and_due(store) -> None:  # type: ignore[no-untyped-def]
    """'ACTION: LF to circulate ... by 1 July 2022' and an action log's row: the person
    the initials or the Lead column name owns it, due on the date it gives."""
    assert _owned(store, "Circulate the final report to Board members by 1 July 2022") == {
        ("Lucy Fenn", "2022-07-01")}
    assert ("Peter Grant", "2020-03-05") in _owned(
        store, "Circulate the estates backlog maintenance risk schedule to Board members")


def test_cqc_scores_are_judgements_of_the_assessment(store) -> None:  # type: ignore[no-untyped-def]
    rows = store.query(PREFIX + """SELECT ?area ?g WHERE {
        ?j rem:ofInspection ?i ; rem:area ?area ; rem:gradeValue ?g .
        ?i rem:inspectionType ?type }""",
                       bindings={"type": Literal("local authority assessment")})
    assert isinstance(rows, Rows)
    grades = {str(r["area"]): int(r["g"]) for r in rows.rows}
    assert grades["Assessing needs"] == 3 and grades["Partnerships and communities"] == 2
    assert len(grades) == 10

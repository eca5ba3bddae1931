"""Every excerpt of another council's papers (tests/data/excerpts, tests/data/html) as a
pack of its own, through the real pipeline into one store: none is rejected and the graph
conforms to the shapes. The extractor tests check each format's records; this checks that
what they find maps to a graph the shapes accept, across packs that name the same people
and bodies."""

from __future__ import annotations

import pytest

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

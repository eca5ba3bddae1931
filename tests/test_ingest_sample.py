"""End to end: the sample pack through the real extractors into a store, twice, then SHACL."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.settings import Settings
from graph.store import Rows, open_store
from ingest.load import ingest_paths, sources
from tests.conftest import SAMPLE

pytest.importorskip("ingest.pipeline")
validation = pytest.importorskip("graph.validation")

PREFIX = "PREFIX rem: <https://remit.example/ontology#>\n"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    cfg = Settings(store=tmp_path_factory.mktemp("sample") / "store")
    with open_store(cfg) as store:
        first = ingest_paths([SAMPLE.parent], store, cfg)
        yield store, cfg, first


def count(store, cls: str) -> int:  # type: ignore[no-untyped-def]
    rows = store.query(PREFIX + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a rem:{cls} }}")
    assert isinstance(rows, Rows)
    return int(rows.rows[0]["n"])


def test_sample_folder_ingests_every_kind(ingested) -> None:  # type: ignore[no-untyped-def]
    store, _, report = ingested
    assert [(p.name, p.status) for p in report.packs] == [(SAMPLE.name, "new")]
    for cls in ("Recommendation", "Action", "Judgement", "Meeting", "Body", "Person",
                "StatusSnapshot", "Resolution"):
        assert count(store, cls) > 0, cls
    import hashlib

    listed = sources(store)
    assert [s.name for s in listed] == [SAMPLE.name]
    assert listed[0].sha256 == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    size = store.query(PREFIX + "SELECT ?n WHERE { ?p a rem:Pack ; rem:byteSize ?n }")
    assert isinstance(size, Rows) and size.python() == [{"n": SAMPLE.stat().st_size}]


def test_every_action_serves_a_recommendation(ingested) -> None:  # type: ignore[no-untyped-def]
    store, _, _ = ingested
    assert store.query(PREFIX + "ASK { ?a a rem:Action . FILTER NOT EXISTS { "
                       "?a rem:implements ?r . ?r a rem:Recommendation } }") is False


def test_reingest_of_the_sample_is_unchanged(ingested) -> None:  # type: ignore[no-untyped-def]
    store, cfg, _ = ingested
    before, graphs = store.count(), store.graph_names()
    again = ingest_paths([SAMPLE], store, cfg)
    assert [p.status for p in again.packs] == ["unchanged"]
    assert store.count() == before and store.graph_names() == graphs


def test_bad_files_are_rejected_by_name_and_leave_the_store_as_it_was(
        ingested, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.mapping_fixtures import store_checksum

    store, cfg, _ = ingested
    bad = {"empty.txt": b"", "garbage.txt": bytes(range(256)) * 8,
           "latin1.txt": "Caf\u00e9 council minutes\n".encode("latin-1")}
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    count, digest = store.count(), store_checksum(store)
    report = ingest_paths(sorted(tmp_path / n for n in bad), store, cfg)
    assert store.count() == count and store_checksum(store) == digest
    assert [p.status for p in report.packs] == ["rejected"] * 3
    for p in report.packs:
        assert p.error and p.error.startswith(str(tmp_path / p.name))


def test_ingested_sample_conforms_to_the_shapes(ingested) -> None:  # type: ignore[no-untyped-def]
    store, _, _ = ingested
    report = validation.validate(store)
    assert report.conforms, "\n".join(f"{r.focus} {r.path}: {r.message}"
                                      for r in report.results[:20])


def test_ingest_command_builds_the_make_run_store(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from remit.cli import app

    res = CliRunner().invoke(app, ["ingest", str(SAMPLE.parent), "--store",
                                   str(tmp_path / "store")])
    assert res.exit_code == 0, res.stderr
    assert (tmp_path / "store" / "CURRENT").is_file()



def test_vocabulary_concepts_used_are_declared(ingested) -> None:  # type: ignore[no-untyped-def]
    store, _, _ = ingested
    rows = store.query("""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX rem: <https://remit.example/ontology#>
        SELECT DISTINCT ?c WHERE { GRAPH ?g { ?g a rem:Pack . ?s ?p ?c }
          FILTER(isIRI(?c) && STRSTARTS(STR(?c), "https://remit.example/vocab/"))
          FILTER NOT EXISTS { ?c a skos:Concept } }""")
    assert isinstance(rows, Rows)
    assert not rows.values("c"), "concepts used but not in ontology/vocabularies.ttl"


def test_staff_work_for_their_council_not_the_committee_they_serve(ingested) -> None:  # type: ignore[no-untyped-def]
    store, _, _ = ingested
    rows = store.query("""PREFIX rem: <https://remit.example/ontology#>
        SELECT DISTINCT ?p ?b WHERE { ?m a rem:Meeting ; rem:officerPresent ?p .
                                      ?p rem:worksFor ?b . ?b a ?c }
        VALUES ?c { rem:Committee }""")
    assert isinstance(rows, Rows) and not rows.rows, "an officer 'works for' a committee"
    owners = store.query("""PREFIX rem: <https://remit.example/ontology#>
        SELECT (COUNT(DISTINCT ?p) AS ?n) (COUNT(DISTINCT ?w) AS ?with) WHERE {
          ?a a rem:Action ; rem:responsibleParty ?p . ?p a rem:Person .
          OPTIONAL { ?p rem:worksFor ?b . BIND(?p AS ?w) } }""")
    assert isinstance(owners, Rows)
    n, with_body = (int(owners.rows[0][v].toPython()) for v in ("n", "with"))
    assert n > 0 and with_body == n  # every responsible officer has an employer


def test_resolution_quoted_in_the_work_programme_asks_the_committee_to_act(ingested) -> None:  # type: ignore[no-untyped-def]
    """The work programme quotes a full Council resolution: it is a resolution of a meeting
    of the home council on the date the text gives, asking the committee it names to act,
    and that meeting carries its evidence."""
    store, _, _ = ingested
    rows = store.query(PREFIX + """
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?date ?bodyLabel ?ownerLabel WHERE {
          ?res a rem:Resolution ; rem:text ?text ; rem:asksToAct ?owner ;
               rem:partOfMinute/rem:ofMeeting ?mtg .
          ?mtg rem:date ?date ; rem:ofBody ?body ; rem:evidence ?ex .
          ?body rdfs:label ?bodyLabel . ?owner rdfs:label ?ownerLabel .
          FILTER(STRSTARTS(?text, "That the matter be referred"))
        }""")
    assert isinstance(rows, Rows)
    found = {(str(r["date"]), str(r["bodyLabel"]), str(r["ownerLabel"])) for r in rows.rows}
    assert len(found) == 1, found
    date, body, owner = found.pop()
    assert date == "2011-04-21"
    assert body.endswith("Council") and body != "Council"
    assert owner == "Adult Social Care Scrutiny Committee"

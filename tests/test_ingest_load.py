"""Loading packs: one transaction per pack, idempotent, bad input leaves the store as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from graph.settings import Settings
from graph.store import Rows, open_store
from ingest import load as load_mod
from ingest.load import ingest_paths, remove_source, sources
from ingest.mapping import pack_iri, to_graph
from ingest.records import Person
from ingest.sources import UnknownSourceError
from ontology.namespaces import REM
from tests.mapping_fixtures import (
    PACKS,
    fake_extract,
    person_key,
    read_pack,
    riverton,
    store_checksum,
)

BASE = "https://remit.example/"
#: The fake extraction is patched into this process only; helper processes would run the
#: real one (tests/test_prepared.py covers them).
NO_HELPERS = 0


@pytest.fixture(autouse=True)
def _no_extractors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load_mod, "_extract", fake_extract)


@pytest.fixture
def cfg(tmp_path: Path) -> Settings:
    return Settings(store=tmp_path / "store", base_iri=BASE, ingest_workers=NO_HELPERS)


def copy(tmp_path: Path, *names: str) -> list[Path]:
    out = []
    for n in names:
        target = tmp_path / "in" / n
        target.parent.mkdir(exist_ok=True)
        shutil.copy(PACKS / n, target)
        out.append(target)
    return out


def count_of(store, cls: URIRef) -> int:  # type: ignore[no-untyped-def]
    rows = store.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls.n3()} }}")
    assert isinstance(rows, Rows)
    return int(rows.rows[0]["n"])


def test_reingest_is_idempotent(tmp_path: Path, cfg: Settings) -> None:
    files = copy(tmp_path, "riverton_a.txt")
    with open_store(cfg) as store:
        first = ingest_paths(files, store, cfg)
        assert [p.status for p in first.packs] == ["new"]
        before, graphs, digest = store.count(), store.graph_names(), store_checksum(store)
        again = ingest_paths(files, store, cfg)
        assert [p.status for p in again.packs] == ["unchanged"]
        assert store.count() == before and store.graph_names() == graphs
        assert store_checksum(store) == digest  # the ingest time is kept too
    assert first.totals()["actions"]["new"] == 2
    assert again.totals()["actions"] == {"new": 0, "updated": 0, "unchanged": 2}


def test_changed_pack_replaces_its_graph_and_nothing_else(tmp_path: Path, cfg: Settings) -> None:
    a, b = copy(tmp_path, "riverton_a.txt", "riverton_b.txt")
    with open_store(cfg) as store:
        ingest_paths([a, b], store, cfg)
        b_iri = pack_iri(BASE, b.name)
        b_before = set(store.graph(b_iri))
        a.write_text(a.read_text().replace("Daily referral log", "Hourly referral log"))
        report = ingest_paths([a], store, cfg)
        assert [p.status for p in report.packs] == ["updated"]
        assert set(store.graph(b_iri)) == b_before
        a_graph = store.graph(pack_iri(BASE, a.name))
        assert (None, REM.keyActions, Literal("Hourly referral log")) in a_graph
        assert (None, REM.keyActions, Literal("Daily referral log")) not in a_graph
        assert report.totals()["actions"]["updated"] >= 1


def test_later_plan_update_adds_snapshots_to_the_same_action(tmp_path: Path,
                                                             cfg: Settings) -> None:
    files = copy(tmp_path, "riverton_a.txt", "riverton_b.txt")
    with open_store(cfg) as store:
        ingest_paths(files, store, cfg)
        assert count_of(store, REM.Recommendation) == 2
        assert count_of(store, REM.Action) == 2
        rows = store.query("""PREFIX rem: <https://remit.example/ontology#>
            SELECT ?a (COUNT(DISTINCT ?s) AS ?n) (COUNT(DISTINCT ?d) AS ?dates)
            WHERE { ?s rem:statusOf ?a ; rem:asOf ?d } GROUP BY ?a""")
    assert isinstance(rows, Rows) and len(rows) == 2
    for r in rows.python():
        assert r["n"] == 2 and r["dates"] == 2


def test_bad_input_leaves_store_unchanged_and_names_the_file(tmp_path: Path,
                                                             cfg: Settings) -> None:
    good, bad = copy(tmp_path, "riverton_a.txt", "bad_empty.txt")
    with open_store(cfg) as store:
        ingest_paths([good], store, cfg)
        count, digest = store.count(), store_checksum(store)
        report = ingest_paths([bad], store, cfg)
        assert store.count() == count and store_checksum(store) == digest
    assert [p.status for p in report.packs] == ["rejected"]
    assert "bad_empty.txt" in report.packs[0].error and "empty" in report.packs[0].error


def test_other_packs_still_load_after_a_rejected_one(tmp_path: Path, cfg: Settings) -> None:
    files = copy(tmp_path, "bad_empty.txt", "riverton_a.txt")
    with open_store(cfg) as store:
        report = ingest_paths([*files, tmp_path / "missing.txt"], store, cfg)
        assert [s.name for s in sources(store)] == ["riverton_a.txt"]
    status = {p.name: p.status for p in report.packs}
    assert status == {"bad_empty.txt": "rejected", "riverton_a.txt": "new",
                      "missing.txt": "rejected"}
    assert len(report.rejected) == 2


def test_a_failed_write_leaves_the_store_as_it_was(tmp_path: Path, cfg: Settings,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = copy(tmp_path, "riverton_a.txt", "riverton_b.txt")
    with open_store(cfg) as store:
        ingest_paths([a], store, cfg)
        count, digest = store.count(), store_checksum(store)
        # a derived update that fails at the end of the request: nothing of it may stay
        monkeypatch.setattr(load_mod, "derived_update",
                            lambda *_: "LOAD <http://127.0.0.1:9/unreachable.ttl>")
        with pytest.raises(Exception):  # noqa: B017 - the backend's own error type
            ingest_paths([b], store, cfg)
        assert store.count() == count and store_checksum(store) == digest


def test_sources_and_remove(tmp_path: Path, cfg: Settings) -> None:
    files = copy(tmp_path, "riverton_a.txt", "riverton_b.txt")
    with open_store(cfg) as store:
        ingest_paths(files, store, cfg)
        listed = sources(store)
        assert [s.name for s in listed] == ["riverton_a.txt", "riverton_b.txt"]
        assert listed[0].sha256 == read_pack("riverton_a.txt").sha256
        assert listed[0].triples == store.count(URIRef(listed[0].iri)) > 100
        assert listed[0].ingested_at.startswith("20")
        gone = remove_source(store, "riverton_a.txt")
        assert gone.iri == str(pack_iri(BASE, "riverton_a.txt"))
        assert [s.name for s in sources(store)] == ["riverton_b.txt"]
        assert URIRef(gone.iri) not in store.graph_names()
        with pytest.raises(UnknownSourceError, match="remit sources"):
            remove_source(store, "riverton_a.txt")


NAMES = st.tuples(
    st.sampled_from(["O'Brien", "Pérez", "Łukasz", "D'Arcy-Smith", "Nørgaard", "Müller",
                     "Ó Súilleabháin", "Zoë"]),
    st.text(st.characters(categories=["Lu", "Ll"], max_codepoint=0x17F), min_size=1,
            max_size=8),
)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    cfg = Settings(store=tmp_path_factory.mktemp("rt") / "store", base_iri=BASE,
                   ingest_workers=NO_HELPERS)
    with open_store(cfg) as store:
        yield store


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES, date=st.dates(min_value=__import__("datetime").date(1990, 1, 1),
                                 max_value=__import__("datetime").date(2040, 12, 31)))
def test_names_and_dates_survive_mapping_and_store(shared_store, name: tuple[str, str],
                                                   date) -> None:  # type: ignore[no-untyped-def]
    surname, given_name = name
    full = f"{given_name} {surname}"
    others = {person_key(n) for n in ("J Pérez", "T Brook", "A Singh", "Noor Haddad")}
    assume(person_key(full) not in others)  # the same person key is the same person
    pack = read_pack("riverton_a.txt")
    ex = riverton(pack, chair=full, meeting_date=date.isoformat())
    assert isinstance(ex.people[0], Person)
    iri, g = to_graph(ex, pack, BASE)
    shared_store.replace_graphs({iri: g})
    rows = shared_store.query("""PREFIX rem: <https://remit.example/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label ?date WHERE { ?m a rem:Meeting ; rem:chairedBy ?p ; rem:date ?date .
        ?p rdfs:label ?label }""")
    assert isinstance(rows, Rows)
    assert rows.python() == [{"label": full, "date": date}]
    person = URIRef(f"{BASE}id/person/{person_key(full)}")
    assert shared_store.query(f"ASK {{ {person.n3()} ?p ?o }}") is True


def test_search_index_follows_each_committed_pack(tmp_path: Path, cfg: Settings) -> None:
    search_index = pytest.importorskip("graph.search_index")
    files = copy(tmp_path, "riverton_a.txt")
    with open_store(cfg) as store:
        ingest_paths(files, store, cfg)
        path = search_index.index_path(cfg)
        hits = search_index.search(path, "Haddad")
        assert hits, "the pack's people are searchable right after ingest"
        remove_source(store, "riverton_a.txt", cfg)
        assert not search_index.search(path, "Haddad")


def test_ingest_into_a_remote_sparql_server_is_idempotent(tmp_path: Path) -> None:
    from tests.helpers.oxigraph_server import oxigraph_server

    files = copy(tmp_path, "riverton_a.txt", "riverton_b.txt")
    with oxigraph_server(tmp_path / "ox") as server:
        cfg = server.settings(store=tmp_path / "index-dir", base_iri=BASE,
                              ingest_workers=NO_HELPERS)
        with open_store(cfg) as store:
            first = ingest_paths(files, store, cfg)
            count = store.count()
            again = ingest_paths(files, store, cfg)
            assert [p.status for p in first.packs] == ["new", "new"]
            assert [p.status for p in again.packs] == ["unchanged", "unchanged"]
            assert store.count() == count
            assert [s.name for s in sources(store)] == ["riverton_a.txt", "riverton_b.txt"]
            remove_source(store, "riverton_b.txt", cfg)
            assert [s.name for s in sources(store)] == ["riverton_a.txt"]

"""Brand-new graphs are written by one ``Store.extend`` (graph/additions.py): the result must
equal the SPARQL Update path's, graph for graph, and stay atomic under kill -9."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from graph.additions import closure_additions, new_graph_quads
from graph.embedded import EmbeddedStore
from graph.inference import (
    inference_update,
    inferred_graph_for,
    inferred_graphs,
    source_inference_update,
)
from graph.search_index import index_path, search
from graph.settings import Settings
from ingest import load as load_mod
from ingest.load import ingest_paths, prepare
from ontology.namespaces import INFERRED_GRAPH, REM
from tests.fixture_store import fixture_store
from tests.mapping_fixtures import PACKS, fake_extract
from tests.test_store_snapshots import python

ID = "https://remit.example/id/"
EX = Namespace("https://example.org/")


def iri(path: str) -> URIRef:
    return URIRef(ID + path)


def new_pack() -> Graph:
    """Edges joining the fixture's accountability chain, a sub-property of an inverse, a
    class with super-classes, literals of every kind and a blank node."""
    g = Graph()
    chain = [iri("post/new-0"), iri("post/new-1"), iri("post/head-safeguarding")]
    for low, high in pairwise(chain):
        g.add((low, REM.reportsTo, high))
    g.add((iri("plan-line/9"), REM.lead, iri("post/new-0")))
    g.add((iri("body/new"), RDF.type, REM.Board))
    g.add((iri("body/new"), EX.name, Literal("Board", lang="en-GB")))
    g.add((iri("body/new"), EX.name, Literal("Bwrdd", lang="cy")))
    g.add((iri("body/new"), EX.note, Literal('quote " brace } \\u0041 \n line')))
    g.add((iri("body/new"), EX.size, Literal("7", datatype=XSD.integer)))
    g.add((iri("body/new"), EX.plain, Literal("x", datatype=XSD.string)))
    b = BNode()
    g.add((iri("body/new"), EX.address, b))
    g.add((b, EX.line, Literal("1 High Street")))
    return g


def named_graph(store: EmbeddedStore, name: URIRef) -> Graph:
    return store.graph(name)


def default_graph(store: EmbeddedStore) -> Graph:
    from graph.oxterms import to_rdflib

    g = Graph()
    for q in store._store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[EmbeddedStore,
                                                                   EmbeddedStore]]:
    """The fixture store twice: the new pack written by extend into one, by update into the
    other."""
    root = tmp_path_factory.mktemp("additions")
    fast, slow = fixture_store(root / "fast"), fixture_store(root / "slow")
    name = iri("pack/new")
    derived = source_inference_update([name], additions_only=True)
    assert new_graph_quads(fast._store, {name: new_pack()}, [], derived) is not None
    fast.replace_graphs({name: new_pack()}, derived=derived)
    slow.replace_graphs({name: new_pack()}, derived=str(derived))  # plain text: the update
    yield fast, slow
    fast.close()
    slow.close()


def test_a_new_pack_by_extend_equals_the_update_graph_for_graph(
        both: tuple[EmbeddedStore, EmbeddedStore]) -> None:
    fast, slow = both
    assert fast.graph_names() == slow.graph_names()
    for name in fast.graph_names():
        assert isomorphic(named_graph(fast, name), named_graph(slow, name)), name
    assert isomorphic(default_graph(fast), default_graph(slow))
    assert fast.count() == slow.count()


def test_the_new_pack_reaches_the_fixtures_closure_and_inverses(
        both: tuple[EmbeddedStore, EmbeddedStore]) -> None:
    fast, _ = both
    closure = fast.graph(INFERRED_GRAPH)
    assert (iri("post/new-0"), REM.accountableTo, iri("body/childrens-trust")) in closure
    own = fast.graph(inferred_graph_for(iri("pack/new")))
    assert (iri("plan-line/9"), REM.responsibleParty, iri("post/new-0")) in own
    assert (iri("body/new"), EX.name, Literal("Board", lang="en-gb")) in fast.graph(
        iri("pack/new"))


def test_writes_that_could_remove_triples_take_the_update_path(tmp_path: Path) -> None:
    g = Graph()
    g.add((iri("a"), EX.name, Literal("a")))
    name, other = iri("pack/a"), iri("pack/b")
    with EmbeddedStore(tmp_path / "s") as store:
        raw = store._store
        new = source_inference_update([name], additions_only=True)
        assert new_graph_quads(raw, {name: g}, [], new) is not None
        assert new_graph_quads(raw, {name: g}, [], "") is not None
        assert new_graph_quads(raw, {name: g}, [other], new) is None  # drops
        assert new_graph_quads(raw, {name: g}, [], str(new)) is None  # unknown text
        assert new_graph_quads(raw, {name: g}, [], source_inference_update([name])) is None
        assert new_graph_quads(raw, {name: g}, [], source_inference_update(
            [name, other], additions_only=True)) is None  # writes a graph not given
        store.replace_graphs({name: g})
        assert new_graph_quads(raw, {name: g}, [], "") is None  # replaces a stored graph
        stale = inferred_graph_for(other)
        store.replace_graphs({stale: g})
        assert new_graph_quads(raw, {other: g}, [], source_inference_update(
            [other], additions_only=True)) is None  # its inferred graph is stored


def test_ingesting_a_new_pack_writes_by_extend_only(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The ingest of a new pack takes the extend path (no SPARQL Update), and prepare()
    has already built the search index, which the pack's entities then join."""
    monkeypatch.setattr(load_mod, "_extract", fake_extract)
    cfg = Settings(store=tmp_path / "store", base_iri="https://remit.example/",
                   ingest_workers=0)  # the fake extraction is in this process only
    with EmbeddedStore(cfg.store) as store:
        prepare(store, cfg)
        assert index_path(cfg).exists()
        updates: list[str] = []
        monkeypatch.setattr(store, "_apply", updates.append)
        report = ingest_paths([PACKS / "riverton_a.txt"], store, cfg)
        assert [p.status for p in report.packs] == ["new"]
        assert not [w for w in report.packs[0].warnings if "search index" in w]
        assert updates == []
        pack = URIRef(str(report.packs[0].iri))
        assert store.count(pack) == report.packs[0].triples
        assert store.count(inferred_graph_for(pack)) > 1
    assert search(index_path(cfg), "Riverton")


def test_packs_ingested_one_by_one_infer_what_a_full_recompute_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load_mod, "_extract", fake_extract)
    cfg = Settings(store=tmp_path / "store", base_iri="https://remit.example/",
                   ingest_workers=0)  # the fake extraction is in this process only
    with EmbeddedStore(cfg.store) as store:
        ingest_paths([PACKS / "riverton_a.txt", PACKS / "riverton_b.txt"], store, cfg)
        names = inferred_graphs(store)
        before = {n: set(store.graph(n)) for n in names}
        store.update(inference_update(store))
        assert inferred_graphs(store) == names
        assert {n: set(store.graph(n)) for n in names} == before
        assert len(before[INFERRED_GRAPH]) > 0


NODES = st.sampled_from([f"urn:n{i}" for i in range(6)])
EDGES = st.sets(st.tuples(NODES, NODES), max_size=8)


def closure(edges: set[tuple[str, str]]) -> set[tuple[str, str]]:
    out = set(edges)
    while True:
        more = {(a, d) for a, b in out for c, d in out if b == c} - out
        if not more:
            return out
        out |= more


@settings(max_examples=60, deadline=None, derandomize=True)
@given(stored=EDGES, added=EDGES, literal=st.booleans())
def test_the_closure_extended_by_look_ups_is_the_closure_of_old_and_new_edges(
        stored: set[tuple[str, str]], added: set[tuple[str, str]], literal: bool) -> None:
    p = ox.NamedNode(str(REM.accountableTo))
    inf = ox.NamedNode(str(INFERRED_GRAPH))
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(a), p, ox.NamedNode(b), inf) for a, b in closure(stored))
    new = [ox.Quad(ox.NamedNode(a), p, ox.NamedNode(b), ox.NamedNode("urn:g"))
           for a, b in added]
    if literal and added:  # a literal end: reached from every node that reaches its subject
        a = sorted(added)[0][1]
        new.append(ox.Quad(ox.NamedNode(a), p, ox.Literal("end"), ox.NamedNode("urn:g")))
        added = added | {(a, "end")}
    store.extend(closure_additions(store, new, [REM.accountableTo]))
    got = {(q.subject.value, q.object.value)
           for q in store.quads_for_pattern(None, p, None, inf)}
    assert got == closure(stored | added)


def test_kill_9_mid_extend_leaves_the_new_graph_wholly_absent_or_present(
        tmp_path: Path) -> None:
    """The write brand-new graphs take is one transaction: a writer killed during it
    leaves none of the graph (or all of it), and the default graph's copy in step."""
    n = 150_000
    root = tmp_path / "st"
    EmbeddedStore(root).close()
    writer = python(f"""
        import sys
        import pyoxigraph as ox
        from graph.embedded import EmbeddedStore
        g = ox.NamedNode("https://example.org/graph/new")
        p = ox.NamedNode("https://example.org/p")
        quads = [ox.Quad(ox.NamedNode(f"https://example.org/s{{i}}"), p, ox.Literal("v"), g)
                 for i in range({n})]
        with EmbeddedStore(sys.argv[1]) as st:
            print("start", flush=True)
            st._extend(quads)
            print("done", flush=True)
    """, str(root))
    assert writer.stdout and writer.stdout.readline().strip() == "start"
    time.sleep(0.5)
    alive = writer.poll() is None
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    EmbeddedStore(root).close()  # openable for writing again
    store = ox.Store.read_only(str(root / "db"))
    named = sum(1 for _ in store.quads_for_pattern(
        None, None, None, ox.NamedNode("https://example.org/graph/new")))
    copies = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert (named, copies) in ((0, 0), (n, n)), (named, copies)
    assert alive, "the writer had finished before the kill; the test proved nothing"

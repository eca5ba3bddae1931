"""The embedded store's default graph is the set union of its named graphs (graph/mirror.py).

The invariant is checked after every kind of write the store offers: whole replacement,
replacement by difference, drops, derived updates (inference), arbitrary SPARQL Update,
transactional file loads and bulk loads; and a random sequence of writes (Hypothesis).
"""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, Namespace, URIRef

from graph.embedded import EmbeddedStore
from graph.mirror import is_mirrored, written_graphs
from graph.store import Rows, StoreError
from ontology.namespaces import LOADED_GRAPH

EX = Namespace("https://example.org/")
G1, G2, G3 = EX["g/1"], EX["g/2"], EX["g/3"]
SHARED = (EX.person, EX.name, Literal("Ann O'Neil"))


def graph_of(*triples: tuple) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


def default_triples(st: EmbeddedStore) -> set[tuple[str, str, str]]:
    raw = st._store  # the engine itself: the real default graph, not a query's view of it
    return {(str(q.subject), str(q.predicate), str(q.object))
            for q in raw.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def union_triples(st: EmbeddedStore) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object))
            for q in st._store.quads_for_pattern(None, None, None, None)
            if not isinstance(q.graph_name, ox.DefaultGraph)}


def assert_mirrored(st: EmbeddedStore) -> None:
    assert default_triples(st) == union_triples(st)


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    with EmbeddedStore(tmp_path / "store") as st:
        yield st


def test_a_triple_stated_by_two_graphs_is_one_row(store: EmbeddedStore) -> None:
    store.replace_graphs({G1: graph_of(SHARED, (EX.rec1, EX.owner, EX.person)),
                          G2: graph_of(SHARED, (EX.rec2, EX.owner, EX.person))})
    res = store.query(f"SELECT ?rec ?n WHERE {{ ?rec <{EX.owner}> ?p . ?p <{EX.name}> ?n }}")
    assert isinstance(res, Rows) and len(res.rows) == 2  # was 4 over the union view
    assert_mirrored(store)


def test_dropping_one_graph_keeps_what_another_states(store: EmbeddedStore) -> None:
    store.replace_graphs({G1: graph_of(SHARED, (EX.a, EX.p, EX.b)), G2: graph_of(SHARED)})
    store.replace_graphs({}, drop=[G1])
    assert store.query(f"ASK {{ <{EX.person}> <{EX.name}> ?n }}") is True
    assert store.query(f"ASK {{ <{EX.a}> <{EX.p}> <{EX.b}> }}") is False
    store.replace_graphs({}, drop=[G2])
    assert default_triples(store) == set()


def test_replacement_by_difference_removes_only_unshared_triples(
        store: EmbeddedStore) -> None:
    store.replace_graphs({G1: graph_of(SHARED, (EX.a, EX.p, Literal(1))),
                          G2: graph_of(SHARED)})
    # Same graph again without blank nodes: the store writes only the difference.
    store.replace_graphs({G1: graph_of((EX.a, EX.p, Literal(2)))})
    assert store.query(f"ASK {{ <{EX.person}> <{EX.name}> ?n }}") is True  # G2 still has it
    assert store.query(f"ASK {{ <{EX.a}> <{EX.p}> 1 }}") is False
    assert store.query(f"ASK {{ <{EX.a}> <{EX.p}> 2 }}") is True
    assert_mirrored(store)


def test_blank_nodes_are_copied_and_removed_with_their_graph(store: EmbeddedStore) -> None:
    b = BNode()
    store.replace_graphs({G1: graph_of((EX.a, EX.has, b), (b, EX.name, Literal("x")))})
    res = store.query(f"SELECT ?n WHERE {{ <{EX.a}> <{EX.has}> ?b . ?b <{EX.name}> ?n }}")
    assert isinstance(res, Rows) and res.values("n") == [Literal("x")]
    store.replace_graphs({G1: graph_of((EX.a, EX.has, Literal("none")))})
    assert_mirrored(store)
    assert len(default_triples(store)) == 1


def test_a_derived_update_is_mirrored_in_the_same_request(store: EmbeddedStore) -> None:
    derived = (f"DROP SILENT GRAPH <{G3}> ; INSERT {{ GRAPH <{G3}> {{ ?s a <{EX.Named}> }} }}"
               f" WHERE {{ GRAPH ?g {{ ?s <{EX.name}> ?n }} }}")
    store.replace_graphs({G1: graph_of(SHARED)}, derived=derived)
    assert store.query(f"ASK {{ <{EX.person}> a <{EX.Named}> }}") is True
    store.replace_graphs({}, drop=[G1], derived=derived)
    assert store.query(f"ASK {{ ?s a <{EX.Named}> }}") is False
    assert_mirrored(store)


def test_an_arbitrary_update_is_followed_by_a_resync(store: EmbeddedStore) -> None:
    store.replace_graphs({G1: graph_of(SHARED), G2: graph_of(SHARED)})
    store.update(f"DELETE {{ GRAPH ?g {{ ?s <{EX.name}> ?o }} }} WHERE "
                 f"{{ GRAPH ?g {{ ?s <{EX.name}> ?o }} }} ;"
                 f"INSERT DATA {{ GRAPH <{G3}> {{ <{EX.x}> <{EX.y}> <{EX.z}> }} }}")
    assert_mirrored(store)
    assert default_triples(store) == {(f"<{EX.x}>", f"<{EX.y}>", f"<{EX.z}>")}


def test_written_graphs_are_named_or_unknown() -> None:
    assert written_graphs(f"DROP SILENT GRAPH <{G1}> ; INSERT {{ GRAPH <{G2}> {{ ?s ?p ?o }} }}"
                          f" WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}") == {G1, G2}
    for unknown in ("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
                    "INSERT { GRAPH ?g { ?s ?p 1 } } WHERE { GRAPH ?g { ?s ?p ?o } }",
                    "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", "DROP ALL",
                    f"WITH <{G1}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}"):
        assert written_graphs(unknown) is None, unknown


def test_count_and_nquads_dump_leave_the_copy_out(store: EmbeddedStore) -> None:
    store.replace_graphs({G1: graph_of(SHARED), G2: graph_of(SHARED, (EX.a, EX.p, EX.b))})
    assert store.count() == 3
    buf = io.BytesIO()
    store.dump(buf)
    lines = buf.getvalue().decode().splitlines()
    assert len(lines) == 3 and all(line.rstrip(" .").endswith(">") for line in lines)
    turtle = io.BytesIO()
    store.dump(turtle, "text/turtle")  # a triples format of the whole store: the union
    assert len(Graph().parse(data=turtle.getvalue(), format="turtle")) == 2


def test_files_without_graphs_load_into_the_loaded_graph(store: EmbeddedStore,
                                                         tmp_path: Path) -> None:
    f = tmp_path / "x.ttl"
    f.write_text(f"<{EX.a}> <{EX.p}> 'one' , 'two' .\n", encoding="utf-8")
    assert store.load_file(f) == 2
    assert store.load_file(f) == 0  # already there
    assert store.graph_names() == [LOADED_GRAPH]
    assert_mirrored(store)


def test_bulk_load_fills_the_copy(store: EmbeddedStore, tmp_path: Path) -> None:
    f = tmp_path / "x.nq"
    f.write_text(f"<{EX.a}> <{EX.p}> <{EX.b}> <{G1}> .\n<{EX.a}> <{EX.p}> <{EX.b}> <{G2}> .\n",
                 encoding="utf-8")
    store.bulk_load(f)
    assert_mirrored(store)
    assert store.count() == 2
    res = store.query(f"SELECT ?o WHERE {{ <{EX.a}> <{EX.p}> ?o }}")
    assert isinstance(res, Rows) and len(res.rows) == 1


def test_bulk_load_copies_blank_nodes_as_stored_and_files_default_triples(
        store: EmbeddedStore, tmp_path: Path) -> None:
    f = tmp_path / "x.nq"
    f.write_text(f"_:b1 <{EX.p}> \"x\" <{G1}> .\n_:b1 <{EX.q}> _:b2 <{G1}> .\n"
                 f"<{EX.a}> <{EX.p}> \"in no graph\" .\n", encoding="utf-8")
    store.bulk_load(f)
    assert_mirrored(store)  # the loader renames blank nodes: the copy has the same names
    assert store.graph_names() == sorted([G1, LOADED_GRAPH])
    res = store.query(f"SELECT ?o WHERE {{ ?b <{EX.p}> ?o . ?b <{EX.q}> ?c }}")
    assert isinstance(res, Rows) and res.values("o") == [Literal("x")]
    assert not (store.root / "BULK").exists()


def test_a_killed_bulk_load_is_repaired_by_the_next_writer(tmp_path: Path) -> None:
    root = tmp_path / "store"
    f = tmp_path / "x.nq"
    f.write_text(f"<{EX.a}> <{EX.p}> <{EX.b}> <{G1}> .\n", encoding="utf-8")
    with EmbeddedStore(root) as st:
        st.replace_graphs({G2: graph_of(SHARED)})
        (root / "BULK").touch()  # what bulk_load does first; then "killed" after pass one
        st._store.bulk_load(path=str(f), format=ox.RdfFormat.N_QUADS)
        assert default_triples(st) != union_triples(st)
    with EmbeddedStore(root) as st:
        assert_mirrored(st)
        assert len(default_triples(st)) == 2
    assert not (root / "BULK").exists()


def test_a_store_written_before_the_copy_is_migrated_by_its_writer(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with EmbeddedStore(root) as st:
        st.replace_graphs({G1: graph_of(SHARED), G2: graph_of(SHARED)})
    legacy = ox.Store(str(root / "db"))  # an old store: named graphs only
    legacy.remove_graph(ox.DefaultGraph())
    assert not is_mirrored(legacy)
    legacy.flush()
    del legacy
    with EmbeddedStore(root) as st:
        assert_mirrored(st)
        assert len(default_triples(st)) == 1
    reader = EmbeddedStore(root, read_only=True)
    try:
        res = reader.query("SELECT ?o WHERE { ?s ?p ?o }")
        assert isinstance(res, Rows) and len(res.rows) == 1
    finally:
        reader.close()


TRIPLES = st.tuples(st.sampled_from([EX.a, EX.b]), st.sampled_from([EX.p, EX.q]),
                    st.sampled_from([EX.a, Literal("x"), Literal(1)]))
GRAPHS = st.sampled_from([G1, G2, G3])
WRITES = st.one_of(
    st.tuples(st.just("replace"), GRAPHS, st.sets(TRIPLES, max_size=4)),
    st.tuples(st.just("drop"), GRAPHS, st.just(set())),
    st.tuples(st.just("update"), GRAPHS, st.sets(TRIPLES, max_size=2)))


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(writes=st.lists(WRITES, min_size=1, max_size=6))
def test_any_sequence_of_writes_keeps_the_copy_equal_to_the_union(
        tmp_path_factory: pytest.TempPathFactory,
        writes: list[tuple[str, URIRef, set[tuple]]]) -> None:
    with EmbeddedStore(tmp_path_factory.mktemp("seq") / "store") as store:
        for kind, name, triples in writes:
            if kind == "replace":
                store.replace_graphs({name: graph_of(*triples)})
            elif kind == "drop":
                store.replace_graphs({}, drop=[name])
            else:
                body = "".join(f"{s.n3()} {p.n3()} {o.n3()} . " for s, p, o in triples)
                store.update(f"INSERT DATA {{ GRAPH <{name}> {{ {body} }} }}")
            assert_mirrored(store)


def test_a_file_that_breaks_part_way_loads_nothing(store: EmbeddedStore, tmp_path: Path) -> None:
    store.replace_graphs({G1: graph_of(SHARED)})
    f = tmp_path / "x.nt"
    good = "".join(f"<{EX.a}> <{EX.p}> \"{i}\" .\n" for i in range(50))
    f.write_text(good + "<broken\n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"x\.nt"):
        store.load_file(f, G2)
    assert store.count() == 1 and store.graph_names() == [G1]
    assert_mirrored(store)

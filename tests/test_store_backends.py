"""One suite, two backends: the embedded store and a real `oxigraph serve` over HTTP.

Each test states one rule of the Store interface; both backends must pass it unchanged.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import XSD, Dataset, Graph, Literal, Namespace
from rdflib.compare import isomorphic

from graph.embedded import EmbeddedStore
from graph.remote import RemoteStore, update_url_for
from graph.settings import Settings
from graph.store import (
    NotAcceptable,
    QuerySyntaxError,
    QueryTimeout,
    ReadOnlyError,
    Rows,
    Store,
    StoreError,
)
from tests.helpers.oxigraph_server import free_port, oxigraph_server, oxigraph_server_fixture

EX = Namespace("https://example.org/")
G1, G2, G3 = EX["graph/1"], EX["graph/2"], EX["graph/3"]
HOSTILE = ['say "hi"', "back\\slash", "a > b", "close } brace", "two\nlines\r\n",
           "\\u0022 escaped quote", "\t\\U0001F600",
           '" } ; DROP ALL ; INSERT DATA { <urn:x> <urn:y> "',
           "ends with backslash\\", "caf\u00e9 \u2014 \U0001f600"]

server = oxigraph_server_fixture()


def graph_of(*triples: tuple) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


@pytest.fixture(params=["embedded", "remote"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "embedded":
        st: Store = EmbeddedStore(tmp_path / "store")
    else:
        srv = request.getfixturevalue("server")
        srv.clear()
        st = RemoteStore(srv.settings())
    with st:
        yield st


@pytest.fixture
def filled(store: Store) -> Store:
    store.replace_graphs({
        G1: graph_of((EX.a, EX.name, Literal("Alpha")), (EX.a, EX.size, Literal(3))),
        G2: graph_of((EX.b, EX.name, Literal("Beta", lang="en")), (EX.b, EX.knows, EX.a)),
    })
    return store


def test_replace_graphs_replaces_whole_graphs_and_drops_others(filled: Store) -> None:
    filled.replace_graphs({G1: graph_of((EX.c, EX.name, Literal("Gamma")))}, drop=[G2])
    assert filled.graph_names() == [G1]
    assert isomorphic(filled.graph(G1), graph_of((EX.c, EX.name, Literal("Gamma"))))


def test_replace_graphs_runs_derived_update_in_same_request(filled: Store) -> None:
    # Updates must name graphs (GRAPH ?g): the embedded engine has no union default graph
    # for updates, so a bare pattern in WHERE would match nothing there.
    derived = (f"INSERT {{ GRAPH <{G3}> {{ ?s a <{EX.Named}> }} }} "
               f"WHERE {{ GRAPH ?g {{ ?s <{EX.name}> ?n }} }}")
    filled.replace_graphs({G1: graph_of((EX.c, EX.name, Literal("C")))},
                          derived=f"DROP SILENT GRAPH <{G3}> ; {derived}")
    assert set(filled.graph(G3).subjects()) == {EX.b, EX.c}


def test_count_counts_quads_per_graph_and_in_total(filled: Store) -> None:
    assert (filled.count(G1), filled.count(G2), filled.count()) == (2, 2, 4)
    assert filled.count(G3) == 0


def test_graph_names_are_sorted_named_graphs(filled: Store) -> None:
    assert filled.graph_names() == [G1, G2]


def test_default_graph_is_union_of_named_graphs(filled: Store) -> None:
    res = filled.query("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s")
    assert isinstance(res, Rows)
    assert set(res.values("s")) == {EX.a, EX.b}


def test_dataset_parameters_select_graphs(filled: Store) -> None:
    res = filled.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o }", default_graph=[G2])
    assert isinstance(res, Rows) and res.values("s") == [EX.b]
    res = filled.query("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", named_graphs=[G1])
    assert isinstance(res, Rows) and set(res.values("g")) == {G1}


def test_select_returns_rdflib_terms_with_datatypes_and_languages(filled: Store) -> None:
    res = filled.query(f"SELECT ?n ?size WHERE {{ ?s <{EX.name}> ?n "
                       f"OPTIONAL {{ ?s <{EX.size}> ?size }} }} ORDER BY ?n")
    assert isinstance(res, Rows) and res.vars == ["n", "size"]
    assert res.rows == [{"n": Literal("Alpha"), "size": Literal(3, datatype=XSD.integer)},
                        {"n": Literal("Beta", lang="en")}]


def test_ask_returns_bool(filled: Store) -> None:
    assert filled.query(f"ASK {{ <{EX.b}> <{EX.knows}> <{EX.a}> }}") is True
    assert filled.query(f"ASK {{ <{EX.a}> <{EX.knows}> <{EX.b}> }}") is False


def test_construct_returns_graph(filled: Store) -> None:
    g = filled.query(f"CONSTRUCT {{ ?s <{EX.label}> ?n }} WHERE {{ ?s <{EX.name}> ?n }}")
    assert isinstance(g, Graph)
    assert isomorphic(g, graph_of((EX.a, EX.label, Literal("Alpha")),
                                  (EX.b, EX.label, Literal("Beta", lang="en"))))


def test_bindings_with_hostile_strings_keep_query_meaning(store: Store) -> None:
    g = graph_of(*[(EX[f"s{i}"], EX.name, Literal(v)) for i, v in enumerate(HOSTILE)])
    store.replace_graphs({G1: g})
    assert store.count(G1) == len(HOSTILE)
    stored = store.query(f"SELECT ?s ?n WHERE {{ ?s <{EX.name}> ?n }}")
    assert isinstance(stored, Rows)
    assert {str(r["n"]) for r in stored} == set(HOSTILE), "values must be stored verbatim"
    for i, value in enumerate(HOSTILE):
        res = store.query(f"SELECT ?s WHERE {{ ?s <{EX.name}> ?n }}",
                          bindings={"n": Literal(value)})
        assert isinstance(res, Rows)
        assert res.values("s") == [EX[f"s{i}"]], value
    assert store.count() == len(HOSTILE), "no binding may run an update"


def test_bindings_bind_a_variable_to_any_of_several_terms(filled: Store) -> None:
    res = filled.query(f"SELECT ?s WHERE {{ ?s <{EX.name}> ?n }} ORDER BY ?s",
                       bindings={"s": [EX.a, EX.b, EX.zzz]})  # type: ignore[dict-item]
    assert isinstance(res, Rows) and res.values("s") == [EX.a, EX.b]


def test_malformed_query_raises_query_syntax_error(filled: Store) -> None:
    with pytest.raises(QuerySyntaxError, match=r"1:"):
        filled.query("SELECT ?s WHERE { ?s ?p }")


def test_malformed_update_raises_query_syntax_error(filled: Store) -> None:
    with pytest.raises(QuerySyntaxError):
        filled.update("INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> } }")
    assert filled.count() == 4


SELECT = f"SELECT ?s ?n WHERE {{ ?s <{EX.name}> ?n }} ORDER BY ?s"
CONSTRUCT_G1 = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}"


def _parse_results(media: str, body: bytes) -> set[tuple[str, str]]:
    text = body.decode("utf-8")
    if media.endswith("json"):
        return {(b["s"]["value"], b["n"]["value"])
                for b in json.loads(text)["results"]["bindings"]}
    if media.endswith("xml"):
        from xml.etree import ElementTree as ET

        ns = "{http://www.w3.org/2005/sparql-results#}"
        out = set()
        for res in ET.fromstring(text).iter(f"{ns}result"):
            vals = {b.get("name"): "".join(b.itertext()).strip() for b in res.iter(f"{ns}binding")}
            out.add((vals["s"], vals["n"]))
        return out
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(text)))
        return {(r[0], r[1]) for r in rows[1:]}
    rows = [line.split("\t") for line in text.splitlines()[1:]]  # TSV: N-Triples terms
    return {(r[0].strip("<>"), r[1].split('"')[1]) for r in rows}


@pytest.mark.parametrize("media", ["application/sparql-results+json",
                                   "application/sparql-results+xml", "text/csv",
                                   "text/tab-separated-values"])
def test_query_serialized_select_in_every_results_type(filled: Store, media: str) -> None:
    res = filled.query_serialized(SELECT, media)
    assert res.media_type == media
    assert _parse_results(media, res.body) == {(str(EX.a), "Alpha"), (str(EX.b), "Beta")}


@pytest.mark.parametrize("media,fmt", [("text/turtle", "turtle"),
                                       ("application/n-triples", "nt"),
                                       ("application/rdf+xml", "xml")])
def test_query_serialized_construct_in_every_rdf_type(filled: Store, media: str,
                                                      fmt: str) -> None:
    res = filled.query_serialized(CONSTRUCT_G1, media)
    assert res.media_type == media
    assert isomorphic(Graph().parse(data=res.body, format=fmt), filled.graph(G1))


def test_query_serialized_accept_list_picks_by_result_form(filled: Store) -> None:
    accept = "application/sparql-results+json, text/turtle;q=0.9"
    assert filled.query_serialized("ASK {}", accept).media_type == \
        "application/sparql-results+json"
    res = filled.query_serialized(CONSTRUCT_G1, accept)
    assert res.media_type == "text/turtle"


def test_query_serialized_refuses_unknown_media_type(filled: Store) -> None:
    with pytest.raises(NotAcceptable):
        filled.query_serialized(SELECT, "image/png")


def test_load_file_loads_turtle_into_a_named_graph(store: Store, tmp_path: Path) -> None:
    f = tmp_path / "data.ttl"
    f.write_text(f'<{EX.x}> <{EX.name}> "X \\"quoted\\"" ; <{EX.size}> 7 .\n', encoding="utf-8")
    assert store.load_file(f, G3) == 2
    assert isomorphic(store.graph(G3), graph_of((EX.x, EX.name, Literal('X "quoted"')),
                                                (EX.x, EX.size, Literal(7))))


def test_load_file_loads_nquads_into_their_graphs(store: Store, tmp_path: Path) -> None:
    f = tmp_path / "data.nq"
    f.write_text(f'<{EX.x}> <{EX.p}> "1" <{G1}> .\n<{EX.y}> <{EX.p}> "2" <{G2}> .\n')
    assert store.load_file(f) == 2
    assert store.graph_names() == [G1, G2]


def test_load_file_refuses_invalid_rdf(store: Store, tmp_path: Path) -> None:
    f = tmp_path / "bad.ttl"
    f.write_text("<urn:s> <urn:p> .\n")
    with pytest.raises(StoreError, match=r"bad\.ttl"):
        store.load_file(f, G1)
    assert store.count() == 0


def test_dump_round_trips_by_isomorphism(filled: Store) -> None:
    filled.replace_graphs({G3: graph_of(*[(EX[f"s{i}"], EX.name, Literal(v))
                                          for i, v in enumerate(HOSTILE)])})
    buf = io.BytesIO()
    filled.dump(buf)
    ds = Dataset()
    ds.parse(data=buf.getvalue(), format="nquads")
    names = sorted(g.identifier for g in ds.graphs() if len(g))
    assert names == [G1, G2, G3]
    for name in names:
        assert isomorphic(ds.graph(name), filled.graph(name)), name


def test_dump_of_one_graph_as_nquads_keeps_its_name(filled: Store) -> None:
    buf = io.BytesIO()
    filled.dump(buf, graph=G2)
    ds = Dataset()
    ds.parse(data=buf.getvalue(), format="nquads")
    assert isomorphic(ds.graph(G2), filled.graph(G2)) and len(ds.graph(G1)) == 0


def test_read_only_handle_refuses_writes(store: Store, tmp_path: Path) -> None:
    store.replace_graphs({G1: graph_of((EX.a, EX.name, Literal("A")))})
    ro = EmbeddedStore(store.root, read_only=True) if isinstance(store, EmbeddedStore) \
        else RemoteStore(Settings(endpoint=store.url, update_endpoint=store.update_url),
                         read_only=True)
    with ro, pytest.raises(ReadOnlyError):
        ro.update("CLEAR ALL")
    assert store.count() == 1


# --- remote only --------------------------------------------------------------------


def test_remote_server_down_names_the_url() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with RemoteStore(Settings(endpoint=url)) as st, pytest.raises(StoreError, match=url):
        st.count()


def test_remote_update_url_is_derived_for_oxigraph_and_fuseki() -> None:
    assert update_url_for(Settings(endpoint="http://h:7878/query")) == "http://h:7878/update"
    assert update_url_for(Settings(endpoint="http://h:3030/ds/query")) == \
        "http://h:3030/ds/update"
    assert update_url_for(Settings(endpoint="http://h:8890/sparql")) == "http://h:8890/sparql"
    assert update_url_for(Settings(endpoint="http://h/q", update_endpoint="http://h/u")) == \
        "http://h/u"


def test_load_file_keeps_blank_nodes_distinct(store: Store, tmp_path: Path) -> None:
    f = tmp_path / "bnodes.ttl"
    f.write_text(f'_:a <{EX.name}> "one" . _:b <{EX.name}> "two" . _:a <{EX.knows}> _:b .\n')
    assert store.load_file(f, G1) == 3
    assert isomorphic(store.graph(G1), Graph().parse(f, format="turtle"))


def test_remote_query_past_the_time_limit_raises_query_timeout(tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "ox", extra_args=["--timeout-s", "3"]) as srv, \
            RemoteStore(srv.settings(query_timeout=0.5)) as st:
        st.update("INSERT DATA { GRAPH <urn:g> { "
                  + " ".join(f"<urn:s{i}> <urn:p> {i} ." for i in range(300)) + " } }")
        join = " . ".join(f"?a{i} ?b{i} ?c{i}" for i in range(6))
        with pytest.raises(QueryTimeout, match=srv.query_url):
            st.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {join} }}")


@pytest.mark.parametrize("second", ["same", "changed", "with_bnodes", "empty"])
def test_replacing_an_existing_graph_gives_exactly_the_new_graph(store: Store,
                                                                 second: str) -> None:
    """The embedded store replaces a present graph by its difference: every kind of term
    must come out exactly as given, however Oxigraph writes it back. (Language tags are
    stored lower-cased, as RDF 1.1 allows and Oxigraph does.)"""
    first = graph_of((EX.a, EX.name, Literal("chat", lang="en-gb")),
                     (EX.a, EX.note, Literal("bell\x07 and \\u0022")),
                     (EX.a, EX.size, Literal(3)), (EX.b, EX.name, Literal("Beta")))
    store.replace_graphs({G1: first, G2: graph_of((EX.c, EX.name, Literal("C")))})
    from rdflib import BNode

    new = {"same": first,
           "changed": graph_of((EX.a, EX.name, Literal("chat", lang="en-gb")),
                               (EX.a, EX.note, Literal("bell\x07 and \\u0022")),
                               (EX.a, EX.size, Literal(4)), (EX.d, EX.name, Literal("D"))),
           "with_bnodes": graph_of((BNode("x"), EX.name, Literal("X")), (EX.a, EX.knows,
                                                                         BNode("x"))),
           "empty": Graph()}[second]
    store.replace_graphs({G1: new})
    assert isomorphic(store.graph(G1), new)
    assert store.count(G1) == len(new)
    assert store.graph_names() == ([G1, G2] if len(new) else [G2])
    store.replace_graphs({G1: first})
    assert isomorphic(store.graph(G1), first)


def test_a_graph_both_dropped_and_given_ends_as_given(filled: Store) -> None:
    g = graph_of((EX.a, EX.name, Literal("Alpha")), (EX.z, EX.name, Literal("Zed")))
    filled.replace_graphs({G1: g}, drop=[G1, G2])
    assert filled.graph_names() == [G1] and isomorphic(filled.graph(G1), g)

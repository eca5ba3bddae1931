"""The fast accountability and people projections against the reference (the
implementation they replaced, tests/helpers/projection_reference.py) on generated stores:
the same nodes with the same attributes, the same edges; directly and through the query
worker pool."""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import pytest

from bench.synth import rdfgen
from graph import people_view
from graph.embedded import EmbeddedStore
from graph.projections import HUB, project
from graph.settings import Settings
from graph.store import open_store
from graph.workers import QueryPool
from queryapi.runner import PooledReader
from tests.helpers import projection_reference as reference
from tests.helpers.oxigraph_server import oxigraph_server

ID = "https://remit.example/id/"
REM = "https://remit.example/ontology#"
PREFIXES = """@prefix rem: <https://remit.example/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
#: Texts a CSV reader could split or mangle.
AWKWARD = ['plain', 'a, comma', 'say "yes"', 'two\nlines', 'tab\there', 'crlf\r\nend',
           'naïve “quotes” ✓', '', ',"', 'trailing space ']


def same(new: nx.MultiDiGraph, old: nx.MultiDiGraph) -> None:
    """Equal node sets with equal attributes, and equal edges (type, label, key)."""
    assert dict(new.nodes(data=True)) == dict(old.nodes(data=True))
    assert sorted(new.edges(keys=True, data=True)) == sorted(old.edges(keys=True, data=True))


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") \
        .replace("\r", "\\r").replace("\t", "\\t") + '"'


def random_pack(rng: random.Random, n: int, tag: str, comma: str = "") -> str:
    """A TriG graph of ``n`` recommendations with the shapes the projection must handle:
    inspections, documents or no source; owners of several kinds or none; posts held;
    several snapshots on one date, one without a status; chains of body links; documents
    whose IRIs end in ``comma`` (an IRI holding a comma is written unquoted in CSV)."""
    body = [f"<{ID}body/{tag}b{i}>" for i in range(6)]
    person = [f"<{ID}person/{tag}p{i}>" for i in range(8)]
    post = [f"<{ID}post/{tag}h{i}>" for i in range(3)]
    role = [f"<{ID}role-owner/{tag}r{i}>" for i in range(2)]
    out = [f"<{ID}pack/{tag}> {{"]
    for i, b in enumerate(body):
        out.append(f"{b} a rem:Body ; rdfs:label {_lit(f'Body {tag}{i}')} .")
    for i in range(len(body) - 1):  # a chain: only links touching the projection are drawn
        out.append(f"{body[i + 1]} rem:{rng.choice(['oversees', 'reportsTo'])} {body[i]} .")
    far = [f"<{ID}body/{tag}far{i}>" for i in range(2)]  # two hops from the chains
    out.append(f"{far[0]} a rem:Body ; rem:oversees {body[0]} .")
    out.append(f"{far[1]} a rem:Body ; rdfs:label \"Far\" ; rem:reportsTo {far[0]} .")
    for i, p in enumerate(person):
        if i % 4:  # one person in four has no class; one has two labels
            out.append(f"{p} a rem:Person .")
        out.append(f"{p} rdfs:label {_lit(rng.choice(AWKWARD) + str(i))} .")
        out.append(f"{p} rem:worksFor {rng.choice(body[:3])} .")
    out.append(f"{person[1]} a rem:Post ; rdfs:label \"second label\" .")
    for i, h in enumerate(post):
        out.append(f"{h} a rem:Post ; rem:postIn {body[i]} .")
        out.append(f"{person[i]} rem:holds {h} .")
    for r in role:
        out.append(f"{r} a rem:RoleOwner .")
    for i in range(4):  # meetings: attended, chaired, labelled or not
        m = f"<{ID}meeting/{tag}m{i}>"
        out.append(f"{m} rem:chairedBy {person[i]} .")
        for q in rng.sample(person, 1 + rng.randrange(5)):
            out.append(f"{m} rem:{rng.choice(['present', 'officerPresent', 'inAttendance'])} "
                       f"{q} .")
        if i % 2:
            out.append(f"{m} rdfs:label {_lit('Meeting ' + rng.choice(AWKWARD))} .")
    owners = person + post + role + [f"<{ID}person/{tag}ghost>"]
    for i in range(n):
        rec = f"<{ID}recommendation/{tag}{i}>"
        facts = [f"{rec} a rem:Recommendation ; rem:text {_lit(rng.choice(AWKWARD))}"]
        if rng.random() < 0.8:
            facts.append(f"rem:timescale <https://remit.example/vocab/timescale/t{i % 3}>")
        if rng.random() < 0.7:
            facts.append(f'rem:dueDate "2012-0{1 + i % 9}-15"^^xsd:date')
        source = rng.random()
        if source < 0.5:
            insp = f"<{ID}inspection/{tag}{i % 4}>"
            facts.append(f"rem:fromInspection {insp}")
            out.append(f"{insp} dcterms:title {_lit('Inspection ' + rng.choice(AWKWARD))} .")
        if source > 0.3:
            doc = f"<{ID}document/{tag}{i % 5}{comma}>"
            facts.append(f"prov:wasDerivedFrom {doc}")
            if i % 5:
                out.append(f"{doc} dcterms:title {_lit('Doc ' + str(i % 5))} .")
        out.append(" ; ".join(facts) + " .")
        for j in range(rng.randrange(3)):  # 0-2 actions
            a = f"<{ID}action/{tag}{i}-{j}>"
            out.append(f"{a} a rem:Action ; rem:implements {rec} .")
            for o in rng.sample(owners, rng.randrange(3)):
                out.append(f"{a} rem:responsibleParty {o} .")
            for b in rng.sample(body, rng.randrange(3)):
                out.append(f"{a} rem:reportsProgressTo {b} .")
            for k in range(rng.randrange(5)):
                s = f"<{ID}status/{tag}{i}-{j}-{k}>"
                # two dates, so ties are common; the fourth, latest, has no status
                month = 3 if k == 3 else 1 + rng.randrange(2)
                status = "" if k == 3 else \
                    f"; rem:status <https://remit.example/vocab/status/s{rng.randrange(4)}>"
                out.append(f'{s} rem:statusOf {a} ; rem:asOf "2013-0{month}-01"^^xsd:date '
                           f"{status} .")
    out.append("}")
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module", params=["", ",v2"], ids=["csv", "comma-iri-json"])
def random_trig(request: pytest.FixtureRequest,
                tmp_path_factory: pytest.TempPathFactory) -> Path:
    trig = tmp_path_factory.mktemp("equivalence") / "random.trig"
    rng = random.Random(5)
    trig.write_text(PREFIXES + "".join(random_pack(rng, 60, f"k{k}-", request.param)
                                       for k in range(3)), encoding="utf-8")
    return trig


@pytest.fixture(scope="module")
def random_store(random_trig: Path) -> EmbeddedStore:
    st = EmbeddedStore(random_trig.parent / "store")
    st.load_file(random_trig)
    return st


def test_a_remote_sparql_server_gives_the_same_graphs(random_trig: Path,
                                                      random_store: EmbeddedStore) -> None:
    """Over the SPARQL protocol (CSV, or JSON where CSV cannot carry an IRI) as read
    directly from the embedded store."""
    with oxigraph_server() as server, open_store(server.settings()) as remote:
        remote.load_file(random_trig)
        for view in ("accountability", "people"):
            same(project(remote, view), project(random_store, view))


def test_random_store_matches_the_reference(random_store: EmbeddedStore) -> None:
    new = project(random_store, "accountability")
    same(new, reference.accountability(random_store))
    types = {d["type"] for _, d in new.nodes(data=True)}
    assert types == {"recommendation", "action", "inspection", "document", "person", "post",
                     "role", "body"}, "the generated store exercises every kind of node"
    labels = {d["label"] for _, d in new.nodes(data=True)}
    assert "two\nlines" in labels and 'say "yes"' in labels


@pytest.mark.parametrize("hub", [2, HUB])
def test_people_view_matches_the_reference(random_store: EmbeddedStore, hub: int) -> None:
    new = people_view.build(random_store, hub)
    same(new, reference.people(random_store, hub))
    kinds = {d["type"] for _, _, d in new.edges(data=True)}
    assert {"shared_body", "shared_meeting", "shared_recommendation"} <= kinds
    if hub == 2:
        assert {"in_body", "in_meeting"} <= kinds, "groups past the hub size become hubs"


def test_oversight_links_are_one_hop_from_the_chain(random_store: EmbeddedStore) -> None:
    """A link is drawn when it touches a body of the chains, not when it touches a body that
    only another link brought in (which made the old result depend on row order)."""
    g = project(random_store, "accountability")
    chain = {"recommends", "implemented_by", "responsible", "works_for", "reports_to"}
    core = {n for a, b, d in g.edges(data=True) if d["type"] in chain for n in (a, b)}
    drawn = {(a, b) for a, b, d in g.edges(data=True) if d["type"] not in chain}
    stored = {(str(r["a"]), str(r["b"])) for r in random_store.query(
        f"SELECT ?a ?b WHERE {{ ?a <{REM}oversees>|<{REM}reportsTo> ?b }}")}
    assert drawn == {(a, b) for a, b in stored if a in core or b in core}
    second_hop = {(a, b) for a, b in stored - drawn
                  if any(x in (a, b) for link in drawn for x in link if x not in core)}
    assert second_hop, "the generated chains reach past one hop, so the rule is exercised"


def test_latest_status_breaks_ties_by_status_and_keeps_a_missing_one(
        random_store: EmbeddedStore) -> None:
    from graph.projections import latest_status

    assert latest_status(random_store) == reference.latest_status(random_store)
    assert "" in set(latest_status(random_store).values())


@pytest.fixture(scope="module")
def synth_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("synth")
    nq = tmp / "synth.nq"
    rdfgen.generate(nq, 6000, seed=3)
    st = EmbeddedStore(tmp / "store")
    st.load_file(nq)
    st.close()
    return tmp / "store"


def test_benchmark_generator_store_matches_the_reference(synth_store: Path) -> None:
    st = EmbeddedStore(synth_store, read_only=True)
    new = project(st, "accountability")
    assert new.number_of_edges() > 300
    same(new, reference.accountability(st))
    people = people_view.build(st)
    assert people.number_of_edges() > 300
    same(people, reference.people(st))


def test_pooled_reader_gives_the_same_graph_from_two_workers(synth_store: Path) -> None:
    """Through the app's reader the six queries go to the workers side by side."""
    direct = project(EmbeddedStore(synth_store, read_only=True), "accountability")
    with QueryPool(Settings(store=synth_store, query_timeout=30.0, row_cap=0), size=2) as pool:
        pooled = project(PooledReader(pool, 30.0), "accountability")
    same(pooled, direct)
    assert list(pooled.nodes) == list(direct.nodes), "the same order as read directly"

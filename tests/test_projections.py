"""Projections and analytics on a hand-written accountability graph with known answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.analytics import analyse
from graph.embedded import EmbeddedStore
from graph.projections import Filters, project

ID = "https://remit.example/id/"
TS = "https://remit.example/vocab/timescale/"


@pytest.fixture
def store(accountability_store: EmbeddedStore) -> EmbeddedStore:
    return accountability_store


def ids(*keys: str) -> set[str]:
    return {ID + k for k in keys}


def edge_set(g) -> set[tuple[str, str, str]]:
    return {(a.removeprefix(ID), b.removeprefix(ID), d["type"]) for a, b, d in g.edges(data=True)}


def test_accountability_nodes_and_edges_are_exact(store: EmbeddedStore) -> None:
    g = project(store, "accountability")
    assert set(g) == ids("inspection/i1", "recommendation/r1", "recommendation/r2",
                         "recommendation/r3", "action/a1", "action/a2", "action/a3",
                         "person/ann", "person/bob", "role-owner/managers", "body/council",
                         "body/pct", "body/board", "body/committee")
    assert edge_set(g) == {
        ("inspection/i1", "recommendation/r1", "recommends"),
        ("inspection/i1", "recommendation/r2", "recommends"),
        ("inspection/i1", "recommendation/r3", "recommends"),
        ("recommendation/r1", "action/a1", "implemented_by"),
        ("recommendation/r2", "action/a2", "implemented_by"),
        ("recommendation/r3", "action/a3", "implemented_by"),
        ("action/a1", "person/ann", "responsible"),
        ("action/a1", "person/bob", "responsible"),
        ("action/a2", "role-owner/managers", "responsible"),
        ("person/ann", "body/council", "works_for"),
        ("person/bob", "body/pct", "works_for"),
        ("action/a1", "body/board", "reports_to"),
        ("action/a2", "body/board", "reports_to"),
        ("action/a2", "body/committee", "reports_to"),
        ("body/committee", "body/board", "oversees"),
    }
    assert g.nodes[ID + "role-owner/managers"]["type"] == "role"
    assert g.nodes[ID + "action/a1"]["status"].endswith("/completed")


def test_timescale_filter_keeps_only_matching_recommendations(store: EmbeddedStore) -> None:
    g = project(store, "accountability", Filters(timescale=TS + "immediately"))
    recs = {n for n, d in g.nodes(data=True) if d["type"] == "recommendation"}
    assert recs == ids("recommendation/r1")
    assert ID + "person/ann" in g and ID + "role-owner/managers" not in g


def test_person_filter_keeps_their_component(store: EmbeddedStore) -> None:
    g = project(store, "accountability", Filters(person=ID + "person/bob"))
    assert ID + "body/pct" in g and ID + "recommendation/r1" in g


def test_focus_limits_to_neighbourhood(store: EmbeddedStore) -> None:
    g = project(store, "accountability", Filters(focus=ID + "action/a2", radius=1))
    assert set(g) == ids("action/a2", "recommendation/r2", "role-owner/managers", "body/board",
                         "body/committee")


def test_unknown_focus_gives_empty_graph(store: EmbeddedStore) -> None:
    assert project(store, "accountability", Filters(focus=ID + "nobody")).number_of_nodes() == 0


def test_bodies_view_links_oversight(store: EmbeddedStore) -> None:
    g = project(store, "bodies")
    assert ("body/committee", "body/board", "oversees") in edge_set(g)


def test_people_view_links_people_sharing_a_recommendation(store: EmbeddedStore) -> None:
    g = project(store, "people")
    assert ("person/ann", "person/bob", "shared_recommendation") in edge_set(g)


def test_unknown_view_is_refused(store: EmbeddedStore) -> None:
    with pytest.raises(ValueError, match="unknown view"):
        project(store, "galaxy")


def test_analytics_values(store: EmbeddedStore) -> None:
    a = analyse(store, dt.date(2012, 7, 1))
    assert {r["rec"] for r in a["no_owner"]} == ids("recommendation/r2", "recommendation/r3")
    assert [r["roleLabel"] for r in a["role_only_owners"]] == ["Relevant managers"]
    # a1's latest snapshot is 'completed', so only the role owner carries an open action
    assert [(r["label"], r["open"]) for r in a["open_load"]] == [("Relevant managers", 1)]
    assert [(r["rec"], r["agencies"]) for r in a["cross_agency"]] == [
        (ID + "recommendation/r1", 2)]
    assert [(r["label"], r["actions"]) for r in a["report_receivers"]] == [
        ("Lowfield Safeguarding Children Board", 2), ("Children's Scrutiny Committee", 1)]
    assert [r["rec"] for r in a["overdue"]] == [ID + "recommendation/r2"]
    top = a["centrality"]["degree"][0]
    assert top["iri"] == ID + "body/board"


def test_body_filter_keeps_the_chains_it_takes_part_in(store: EmbeddedStore) -> None:
    g = project(store, "accountability", Filters(body=ID + "body/pct"))
    # r1's chain (Bob works for the trust), its reporting board; not r2's role owner
    assert set(g) == ids("inspection/i1", "recommendation/r1", "action/a1", "person/ann",
                         "person/bob", "body/council", "body/pct", "body/board")
    committee = project(store, "accountability", Filters(body=ID + "body/committee"))
    recs = {n for n, d in committee.nodes(data=True) if d["type"] == "recommendation"}
    assert recs == ids("recommendation/r2")


def test_bodies_view_filter_keeps_the_body_and_its_neighbours(store: EmbeddedStore) -> None:
    g = project(store, "bodies", Filters(body=ID + "body/board"))
    assert set(g) == ids("body/board", "body/committee")


def test_people_view_draws_a_large_group_as_a_hub(tmp_path: Path) -> None:
    from graph.projections import HUB

    n = HUB + 5
    people = "\n".join(f"id:person\\/p{i} a rem:Person ; rdfs:label \"P {i}\" ; "
                       "rem:memberOf id:body\\/big ." for i in range(n))
    trig = tmp_path / "big.trig"
    trig.write_text("@prefix rem: <https://remit.example/ontology#> .\n"
                    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    "@prefix id: <https://remit.example/id/> .\n"
                    f"id:pack\\/big {{\n{people}\n"
                    "id:body\\/big a rem:Body ; rdfs:label \"Big Council\" .\n}\n")
    st = EmbeddedStore(tmp_path / "store")
    st.load_file(trig)
    g = project(st, "people")
    assert g.number_of_nodes() == n + 1 and g.number_of_edges() == n
    assert g.nodes[ID + "body/big"]["type"] == "body"
    assert g.nodes[ID + "body/big"]["label"] == "Big Council"


def test_accountability_sources_owner_kinds_and_post_bodies(tmp_path: Path) -> None:
    """A recommendation with no inspection is drawn from its documents; with one, only from
    the inspection. An owner without a known class is a person; a post holder's body is
    reached through the post; each owner's facts appear once however many actions."""
    trig = tmp_path / "kinds.trig"
    trig.write_text("""@prefix rem: <https://remit.example/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix id: <https://remit.example/id/> .
id:pack\\/k {
  id:document\\/d1 dcterms:title "Minutes of the board" .
  id:document\\/d2 dcterms:title "Improvement plan" .
  id:inspection\\/i9 dcterms:title "Inspection of services" .
  id:recommendation\\/q1 a rem:Recommendation ; rem:text "review audits" ;
      prov:wasDerivedFrom id:document\\/d1 , id:document\\/d2 .
  id:recommendation\\/q2 a rem:Recommendation ; rem:text "train staff" ;
      prov:wasDerivedFrom id:document\\/d2 ; rem:fromInspection id:inspection\\/i9 .
  id:action\\/x1 rem:implements id:recommendation\\/q1 ;
      rem:responsibleParty id:person\\/nokind , id:person\\/holder .
  id:action\\/x2 rem:implements id:recommendation\\/q2 ;
      rem:responsibleParty id:person\\/holder , id:post\\/head .
  id:person\\/holder a rem:Person ; rdfs:label "Hana Holder" ; rem:holds id:post\\/head .
  id:post\\/head a rem:Post ; rdfs:label "Head of Service" ; rem:postIn id:body\\/c .
  id:body\\/c a rem:Body ; rdfs:label "Council C" .
}
""", encoding="utf-8")
    st = EmbeddedStore(tmp_path / "store")
    st.load_file(trig)
    g = project(st, "accountability")
    assert edge_set(g) >= {
        ("document/d1", "recommendation/q1", "recommends"),
        ("document/d2", "recommendation/q1", "recommends"),
        ("inspection/i9", "recommendation/q2", "recommends"),
        ("action/x1", "person/nokind", "responsible"),
        ("person/holder", "body/c", "works_for"),
        ("post/head", "body/c", "works_for")}
    assert ("document/d2", "recommendation/q2", "recommends") not in edge_set(g)
    assert g.nodes[ID + "person/nokind"]["type"] == "person"
    assert g.nodes[ID + "person/nokind"]["label"] == "nokind"
    assert g.nodes[ID + "post/head"]["type"] == "post"
    assert g.nodes[ID + "document/d1"]["label"] == "Minutes of the board"
    assert g.nodes[ID + "inspection/i9"]["type"] == "inspection"
    assert g.nodes[ID + "action/x1"]["status"] == ""


def test_sampled_betweenness_does_not_depend_on_row_order(store: EmbeddedStore,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Above EXACT_UP_TO nodes betweenness is estimated from sampled sources; the sample
    must come from the graph itself, not from the order the store returned rows in."""
    import networkx as nx

    from graph import analytics

    g = project(store, "accountability")
    backwards = nx.MultiDiGraph(view="accountability")
    backwards.add_nodes_from(reversed(list(g.nodes(data=True))))
    backwards.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    monkeypatch.setattr(analytics, "EXACT_UP_TO", 0)
    monkeypatch.setattr(analytics, "SAMPLE", 3)
    monkeypatch.setattr(analytics, "accountability", lambda _store: g)
    forwards = analytics.centrality(store)
    monkeypatch.setattr(analytics, "accountability", lambda _store: backwards)
    assert analytics.centrality(store) == forwards
    assert forwards["betweenness"]


@pytest.mark.parametrize("exact_up_to", [10_000, 0])
def test_centrality_is_networkx_on_the_undirected_simple_graph(
        store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch, exact_up_to: int) -> None:
    """The scores are those of ``nx.Graph(g.to_undirected())`` (parallel and opposite edges
    merged, direction ignored), however that graph is built, exact or sampled."""
    import random

    import networkx as nx

    from graph import analytics

    rnd = random.Random(4)
    g = nx.MultiDiGraph(view="accountability")
    kinds = ("body", "person", "post", "action")
    for i in range(60):
        g.add_node(f"n{i:02d}", type=kinds[i % 4], label=f"node {i}")
    for _ in range(150):
        a, b = rnd.sample(sorted(g.nodes), 2)
        g.add_edge(a, b, key=rnd.choice("xy"), label="e")
        if rnd.random() < 0.3:
            g.add_edge(b, a, key="back", label="e")
    monkeypatch.setattr(analytics, "EXACT_UP_TO", exact_up_to)
    monkeypatch.setattr(analytics, "SAMPLE", 12)
    monkeypatch.setattr(analytics, "accountability", lambda _store: g)
    got = analytics.centrality(store, top=60)
    und = nx.Graph()
    und.add_nodes_from(sorted(g.nodes))
    und.add_edges_from(nx.Graph(g.to_undirected()).edges())
    between = (nx.betweenness_centrality(und) if exact_up_to else
               nx.betweenness_centrality(und, k=12, seed=0))
    wanted = [n for n in g if g.nodes[n]["type"] != "action"]
    assert {r["iri"]: r["score"] for r in got["betweenness"]} == {
        n: round(between[n], 4) for n in wanted}
    degree = nx.degree_centrality(und)
    assert {r["iri"]: r["score"] for r in got["degree"]} == {
        n: round(degree[n], 4) for n in wanted}

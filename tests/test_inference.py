"""Materialised inference in a real embedded store: inverses, sub-properties, symmetric and
transitive properties, sub-classes; the ontology is loaded once and reloaded on change."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, OWL, PROV, RDF

from graph import inference
from graph.embedded import EmbeddedStore
from graph.inference import (
    ensure_ontology,
    inference_update,
    inferred_graph_for,
    inferred_graphs,
    source_inference_update,
    transitive_properties,
)
from ontology.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, ORG, REFERENCE_GRAPH, REM
from ontology.reference import lookup
from tests.fixture_store import fixture_store

ID = "https://remit.example/id/"


def iri(path: str) -> URIRef:
    return URIRef(ID + path)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    with fixture_store(tmp_path_factory.mktemp("inference")) as st:
        yield st


def holds(store: EmbeddedStore, s: URIRef, p: URIRef, o: URIRef) -> bool:
    return bool(store.query(f"ASK {{ {s.n3()} {p.n3()} {o.n3()} }}"))


def inferred_triples(store: EmbeddedStore) -> Graph:
    out = Graph()
    for name in inferred_graphs(store):
        out += store.graph(name)
    return out


def inferred(store: EmbeddedStore, s: URIRef, p: URIRef, o: URIRef) -> bool:
    return (s, p, o) in inferred_triples(store)


@pytest.mark.parametrize(("s", "p", "o"), [
    # inverses, both directions
    ("post/head-safeguarding", REM.heldBy, "person/patel-r"),
    ("body/cabinet", REM.overseenBy, "body/cyp-scrutiny"),
    ("body/childrens-trust", REM.oversees, "body/nscb"),
    ("person/patel-r", REM.responsibleFor, "action/sg-imm-1"),
    ("body/northshire-cc", REM.inspectedBy,
     "body/office-for-standards-in-education-children-1872c6d5aeb5"),
    ("body/childrens-trust", REM.receivesReportsFrom, "body/nscb"),
    ("body/northshire-cc", ORG.hasSubOrganization, "body/cabinet"),
    # sub-properties (and their inverses)
    ("person/brown-c", REM.memberOf, "body/cyp-scrutiny"),
    ("person/brown-c", ORG.memberOf, "body/cyp-scrutiny"),
    ("body/cyp-scrutiny", REM.hasMember, "person/green-d"),
    ("meeting/cyp-2011-09-22", REM.attendee, "person/jones-a"),
    ("post/director-cs", REM.reportsTo, "body/nscb"),
    ("post/director-cs", REM.accountableTo, "body/nscb"),
    ("post/director-cs", REM.accountabilityRelation, "body/nscb"),
    # symmetric
    ("body/northshire-cc", REM.partnerOf, "body/nscb"),
    ("judgement/sg-overall-table", REM.sameJudgementAs, "judgement/sg-overall-heading"),
    # transitive, across sub-properties: reportsTo -> reportsProgressTo -> reportsTo
    ("post/head-safeguarding", REM.accountableTo, "body/childrens-trust"),
    ("action/sg-imm-1", REM.accountableTo, "body/childrens-trust"),
    ("body/safeguarding-unit", ORG.transitiveSubOrganizationOf, "body/northshire-cc"),
])
def test_materialised(store: EmbeddedStore, s: str, p: URIRef, o: str) -> None:
    assert inferred(store, iri(s), p, iri(o))


@pytest.mark.parametrize(("s", "p", "o"), [
    ("meeting/cyp-2011-09-22", REM.attendee, "person/hart-g"),  # apologies are not attendance
    ("body/childrens-trust", REM.accountableTo, "body/nscb"),  # no reverse chain
    ("body/cyp-scrutiny", REM.accountableTo, "body/childrens-trust"),
    ("body/northshire-cc", ORG.transitiveSubOrganizationOf, "body/safeguarding-unit"),
])
def test_not_materialised(store: EmbeddedStore, s: str, p: URIRef, o: str) -> None:
    assert not holds(store, iri(s), p, iri(o))


def test_subclass_closure_of_types(store: EmbeddedStore) -> None:
    nscb = iri("body/nscb")
    for cls in (REM.Body, ORG.Organization, PROV.Agent, FOAF.Agent):
        assert holds(store, nscb, RDF.type, cls), cls
    assert inferred(store, iri("document/report"), RDF.type, PROV.Entity)
    assert inferred(store, iri("person/jones-a"), RDF.type, FOAF.Agent)
    assert inferred(store, iri("meeting/cyp-2011-09-22"), RDF.type, PROV.Activity)
    # reference data is reasoned over too
    assert inferred(store, lookup("CQC").iri, RDF.type, PROV.Agent)


def test_inferred_graph_holds_only_new_triples(store: EmbeddedStore) -> None:
    pack = iri("pack/northshire-2011-09-22")
    asserted = store.graph(pack)
    own = store.graph(inferred_graph_for(pack))
    assert len(own) > 50 and len(own & asserted) == 0
    assert (inferred_graph_for(pack), PROV.wasDerivedFrom, pack) in own
    # the ontology's closures used by the rules live only inside each request
    assert inference.AXIOMS not in {g.n3() for g in store.graph_names()}


def test_the_closure_graph_holds_closed_transitive_edges_only(store: EmbeddedStore) -> None:
    closure = store.graph(INFERRED_GRAPH)
    props = set(transitive_properties())
    assert len(closure) > 10 and {p for _, p, _ in closure} <= props
    for a, p, b in closure:
        for _, _, c in closure.triples((b, p, None)):
            assert (a, p, c) in closure, (a, p, c)
    # an asserted triple is not copied into its pack's inferred graph
    assert not inferred(store, iri("body/nscb"), REM.reportsTo, iri("body/childrens-trust"))


def test_one_transitive_operation_per_transitive_property(store: EmbeddedStore) -> None:
    props = transitive_properties()
    assert set(props) == {REM.accountableTo, ORG.transitiveSubOrganizationOf}
    for text in (inference_update(store), source_inference_update([iri("graph/x")])):
        for p in props:
            assert text.count(f"{p.n3()}+") == 1
        assert f"DROP SILENT GRAPH {INFERRED_GRAPH.n3()}" in text


def test_lead_reaches_responsible_party_and_responsible_for(tmp_path: Path) -> None:
    """A plan line's rem:lead is a sub-property of an inverse: two rounds are needed."""
    with fixture_store(tmp_path / "s") as st:
        g = Graph()
        line, agent = iri("plan-line/1"), iri("post/director-cs")
        g.add((line, REM.lead, agent))
        st.replace_graphs({iri("pack/extra"): g},
                          derived=source_inference_update([iri("pack/extra")]))
        assert inferred(st, agent, REM.leads, line)
        assert inferred(st, line, REM.responsibleParty, agent)
        assert inferred(st, agent, REM.responsibleFor, line)


def test_writing_one_graph_infers_what_a_full_recompute_does(tmp_path: Path) -> None:
    """The per-source update (what ingest runs) and the full one give the same graphs."""
    pack = iri("pack/northshire-2011-09-22")
    extra = Graph()
    extra.add((iri("post/new"), REM.reportsTo, iri("post/head-safeguarding")))
    extra.add((iri("body/new"), RDF.type, REM.Board))
    with fixture_store(tmp_path / "a") as a, fixture_store(tmp_path / "b") as b:
        a.replace_graphs({iri("pack/extra"): extra},
                         derived=source_inference_update([iri("pack/extra")]))
        # the new post is accountable, through the fixture's chain, to the top body
        assert inferred(a, iri("post/new"), REM.accountableTo, iri("body/childrens-trust"))
        a.replace_graphs({}, drop=[pack], derived=source_inference_update(removed=[pack]))
        b.replace_graphs({iri("pack/extra"): extra}, drop=[pack], derived=inference_update(
            b, written=[iri("pack/extra")], removed=[pack]))
        names = inferred_graphs(a)
        assert names == inferred_graphs(b) and inferred_graph_for(pack) not in names
        for name in names:
            assert set(a.graph(name)) == set(b.graph(name)), name
        assert not inferred(a, iri("post/new"), REM.accountableTo, iri("body/childrens-trust"))


def test_dropping_a_pack_drops_its_inferences(tmp_path: Path) -> None:
    with fixture_store(tmp_path / "s") as st:
        pack = iri("pack/northshire-2011-09-22")
        assert st.count(inferred_graph_for(pack)) > 0
        st.replace_graphs({}, drop=[pack], derived=source_inference_update(removed=[pack]))
        assert inferred_graph_for(pack) not in st.graph_names()
        assert not holds(st, iri("post/head-safeguarding"), REM.accountableTo,
                         iri("body/childrens-trust"))
        # what remains is inferred from ontology and reference data only
        assert inferred(st, lookup("Ofsted").iri, RDF.type, PROV.Agent)


def test_ensure_ontology_loads_once_and_reloads_on_change(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with EmbeddedStore(tmp_path / "s") as st:
        assert ensure_ontology(st) is True
        assert ensure_ontology(st) is False
        assert (REM.Action, RDF.type, OWL.Class) in st.graph(ONTOLOGY_GRAPH)
        assert st.count(REFERENCE_GRAPH) > 100
        assert sum(st.count(g) for g in inferred_graphs(st)) > 0
        changed = tmp_path / "extra.ttl"
        changed.write_text("<urn:x> <urn:p> <urn:y> .\n", encoding="utf-8")
        monkeypatch.setattr(inference, "REFERENCE_FILES",
                            (*inference.REFERENCE_FILES, changed))
        assert ensure_ontology(st) is True
        assert ensure_ontology(st) is False


def test_extending_the_closure_for_a_new_pack_equals_recomputing_it(tmp_path: Path) -> None:
    """A new pack only adds edges: the closure is extended from them (what ingest does for
    a new pack), through chains of several new edges, and equals a full recompute."""
    chain = [iri("post/new-0"), iri("post/new-1"), iri("post/new-2"),
             iri("post/head-safeguarding")]
    extra = Graph()
    for low, high in pairwise(chain):
        extra.add((low, REM.reportsTo, high))
    name = iri("pack/extra")
    with fixture_store(tmp_path / "a") as a, fixture_store(tmp_path / "b") as b:
        a.replace_graphs({name: extra},
                         derived=source_inference_update([name], additions_only=True))
        b.replace_graphs({name: extra}, derived=inference_update(b, written=[name]))
        assert set(a.graph(INFERRED_GRAPH)) == set(b.graph(INFERRED_GRAPH))
        assert inferred(a, chain[0], REM.accountableTo, iri("body/childrens-trust"))
        assert inferred(a, chain[0], REM.accountableTo, chain[2])


def test_a_store_inferred_with_another_layout_is_recomputed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with EmbeddedStore(tmp_path / "s") as st:
        assert ensure_ontology(st) is True
        monkeypatch.setattr(inference, "INFERENCE_LAYOUT", "an older layout")
        assert ensure_ontology(st) is True  # the digest changed: everything is recomputed
        assert ensure_ontology(st) is False

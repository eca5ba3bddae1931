"""The projections' graph building blocks: nodes and edges gathered in bulk follow the same
rules as adding them one at a time, and garbage collection is paused only while building."""

from __future__ import annotations

import gc

import networkx as nx
import pytest

from graph.netgraph import GraphBuilder, add_edge, add_node, bulk


def test_builder_keeps_first_node_attributes_and_one_edge_per_type() -> None:
    b = GraphBuilder()
    one = nx.MultiDiGraph(view="v")
    for iri, type_, label in (("a", "body", "A"), ("b", "person", "B"), ("a", "person", "A2")):
        b.node(iri, type_, label, extra=label)
        add_node(one, iri, type_, label, extra=label)
    for a, z, t in (("a", "b", "works_for"), ("a", "b", "works_for"), ("a", "b", "reports_to"),
                    ("b", "a", "works_for")):
        b.edge(a, z, t)
        add_edge(one, a, z, t)
    g = b.graph("v")
    assert list(g.nodes(data=True)) == list(one.nodes(data=True))
    assert list(g.edges(keys=True, data=True)) == list(one.edges(keys=True, data=True))
    assert g.nodes["a"] == {"iri": "a", "type": "body", "label": "A", "extra": "A"}
    assert g.number_of_edges() == 3 and g.graph == {"view": "v"}
    assert g["a"]["b"]["reports_to"] == {"type": "reports_to", "label": "reports to"}


@pytest.mark.parametrize("enabled", [True, False])
def test_bulk_pauses_collection_and_restores_the_previous_state(enabled: bool) -> None:
    before = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with pytest.raises(RuntimeError), bulk():
            assert not gc.isenabled()
            raise RuntimeError("a failed build")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if before else gc.disable)()
